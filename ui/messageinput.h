// The chat input box: text mixed with pictures shown as thumbnails; Enter sends and Ctrl+Enter
// starts a new line, or the other way round.
#pragma once

#include "messaging/chatmessage.h"
#include "nodeconfig.h"

#include <QHash>
#include <QImage>
#include <QTextEdit>

namespace lanpigeon::ui {

class MessageInput final : public QTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageInput)

public:
    // The thumbnails' largest size in the box, in logical pixels: within its few lines.
    static constexpr int ThumbnailWidth = 200;
    static constexpr int ThumbnailHeight = 64;

    // What the box holds, as it is sent: pictures by their position in the text.
    struct Content
    {
        QString text;
        QList<OutgoingPicture> pictures;
        bool isEmpty() const { return text.isEmpty() && pictures.isEmpty(); }
    };

    // A picture made ready in the background: its bytes and thumbnail, or why it cannot go.
    struct Prepared;

    explicit MessageInput(QWidget *parent = nullptr);
    ~MessageInput() override;

    static QString defaultPlaceholder();
    // true: Ctrl+Enter sends and Enter is a new line.
    void setCtrlEnterSends(bool on) { m_ctrlEnterSends = on; }
    // false: the box takes text only, as where nothing would send its pictures.
    void setPicturesAllowed(bool on) { m_picturesAllowed = on; }
    // A picture larger than this is refused: it would go as a file (NodeConfig::maxPictureBytes).
    void setMaxPictureBytes(qint64 bytes) { m_maxPictureBytes = bytes; }
    qint64 maxPictureBytes() const { return m_maxPictureBytes; }

    // The text without its pictures, trimmed.
    QString text() const;
    // The trimmed text and the pictures in it; only meaningful when !picturesPending().
    Content content() const;
    int pictureCount() const;
    // Some picture is still being encoded or decoded; picturesReady() follows.
    bool picturesPending() const;

    // An image (a paste, a screenshot): shown at once, encoded as PNG in the background.
    void insertImage(const QImage &image);
    // A PNG, JPEG, GIF, WebP or BMP file, sent as its own bytes; false (and pictureRefused()) if it
    // is not one or is too large. Decoded for its thumbnail in the background.
    bool insertPictureFile(const QString &path);
    // Whether the file's first bytes are those of a picture the box takes.
    static bool isPictureFile(const QString &path);
    // The thumbnails shown, in order.
    QList<QImage> thumbnails() const;

signals:
    void sendRequested();
    // Files or folders dropped on the box that are not pictures.
    void filesDropped(const QStringList &paths);
    // Why a picture was not put in the box, for the user.
    void pictureRefused(const QString &why);
    void picturesReady();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    struct Picture
    {
        // The whole file to send; empty while pending.
        QByteArray bytes;
        bool pending = true;
    };
    // Puts a picture of that logical size at the cursor; returns its resource name.
    QString insertPicture(const QImage &thumbnail, QSizeF logicalSize);
    void preparedDone(const QString &name, const Prepared &prepared);
    // Whether html, copied from a box, names pictures and all of them are this box's.
    bool ownsPictures(const QString &html) const;
    // Takes the picture named out of the text again.
    void removePicture(const QString &name);
    // Forgets the bytes of pictures once the box is cleared for good.
    void prune();
    qreal pixelRatio() const;
    QSizeF thumbnailSize(QSize imageSize) const;

    bool m_ctrlEnterSends = false;
    bool m_picturesAllowed = true;
    qint64 m_maxPictureBytes = NodeConfig().maxPictureBytes;
    QHash<QString, Picture> m_pictures;
};

} // namespace lanpigeon::ui
