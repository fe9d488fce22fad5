// Paints a conversation as chat bubbles: theirs on the left, ours on the right, with the time,
// the delivery state and why it failed, under a separator at each new day; pictures inline.
#pragma once

#include <QDate>
#include <QHash>
#include <QImage>
#include <QPixmap>
#include <QPointer>
#include <QStyledItemDelegate>
#include <memory>

class QTextDocument;

namespace lanpigeon {
struct ChatPicture;
enum class Failure;
namespace imaging {
class ThumbnailCache;
enum class PictureError;
} // namespace imaging
} // namespace lanpigeon

namespace lanpigeon::ui {

class BubbleDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BubbleDelegate)

public:
    // myName: whose avatar goes next to our own bubbles.
    explicit BubbleDelegate(const QString &myName, QObject *parent = nullptr);
    ~BubbleDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

    // The text under the state line of an outgoing message ("✓ delivered", ...).
    static QString stateText(const QModelIndex &index);
    // The line under a bubble's text: time, [auto-reply], delivery state.
    static QString metaText(const QModelIndex &index);
    // Where files we offered stand: "offered…", "being fetched, 40%", "✓ fetched"...
    static QString fileStateText(const QModelIndex &index);
    // Why a failed message failed and what the user can do; empty for any other.
    // refusedBySetting: plain text to this peer is refused by "Only send to peers who can
    // encrypt", so a NotEncrypted failure names the setting.
    static QString reasonText(const QModelIndex &index, bool refusedBySetting = false);
    // A failure in the UI's language, chosen by its kind: the text stored with a message is in
    // the language it was sent in. Empty for Failure::None.
    static QString failureText(Failure failure, bool refusedBySetting = false);
    // Whether this conversation's NotEncrypted failures come from that setting.
    void setPlainTextRefused(bool refused);
    // The separator's words for a day: "Today", "Yesterday", "Mon 23 Nov", a full date in
    // other years.
    static QString dayText(const QDate &day, const QDate &today);
    // Our own bubbles show this instead of our initial.
    void setMyAvatar(const QPixmap &avatar) { m_myAvatar = avatar; }
    // In a group chat: each incoming bubble has its sender's name above it, as in QQ.
    void setShowsSenders(bool shows) { m_showsSenders = shows; }
    // A message's plain text as HTML, with its web addresses made links.
    static QString linkified(const QString &plain);
    // Pictures show through this cache's thumbnails; without one, as their placeholders.
    void setThumbnails(imaging::ThumbnailCache *thumbnails);
    // Pictures fit in a square of this many logical pixels, and in the bubble.
    static constexpr int PictureSide = 320;
    // Where each picture goes in text: a UTF-16 offset into it, clamped, never inside a
    // surrogate pair; in the pictures' order.
    static QList<int> pictureOffsets(const QString &text, const QList<ChatPicture> &pictures);
    // Why a picture cannot be shown, in a few words: "too large".
    static QString pictureErrorText(imaging::PictureError error);
    // What stands in a picture's place while it cannot be shown: "picture arriving…", or why
    // it failed; empty once its thumbnail shows.
    QString pictureNote(const QModelIndex &index, int picture) const;
    // The picture under pos (view coordinates) in the row's bubble, or -1.
    int pictureAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                  const QPoint &pos) const;
    // Where the small lock of an encrypted message is drawn (view coordinates); empty for a
    // message that crossed the network in clear text.
    QRectF lockRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // The band at the top of an Unverified message's bubble that says why; empty for any other.
    QRectF warningRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // What that band says.
    static QString warningText(const QModelIndex &index);
    // The band's fill and its text's colour, on this palette.
    static QColor warningFill(const QPalette &palette);
    static QColor warningInk(const QPalette &palette);
    // The link under pos (view coordinates) in the row's bubble, if any.
    QString linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                   const QPoint &pos) const;

signals:
    void linkActivated(const QString &url);
    // A shown picture was clicked: the viewer opens it.
    void pictureActivated(const QString &sha256);

private:
    struct Layout
    {
        // Empty unless the message is the first of its day.
        QRectF separator;
        QRectF bubble;
        QRectF text;
        QRectF meta;
        QRectF reason;
        // The lock before the time of an encrypted message.
        QRectF lock;
        // The warning band of an Unverified message, and its words inside it.
        QRectF warning;
        QRectF warningText;
        // The fetch's progress bar, for files being fetched.
        QRectF progress;
        QRectF avatar;
        // The sender's name above an incoming bubble, in a group chat.
        QRectF sender;
        // A group chat's notice, centred instead of a bubble; then there is no doc.
        QRectF notice;
        // The message laid out at the text's width, for paint() and link hits to reuse:
        // building it (linkify, parse, lay out) is the costly part of a bubble.
        std::shared_ptr<QTextDocument> doc;
    };
    // withPixels: for painting, with the pictures' pixels; without, only their sizes.
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index,
                  bool withPixels = false) const;
    Layout noticeLayout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // A grey pill with centred words: a day's separator, or a group chat's notice.
    static void paintNotice(QPainter *painter, const QStyleOptionViewItem &option,
                            const QRectF &pill, const QString &text);
    // How one picture shows now: its thumbnail, a placeholder, or a note why not.
    struct PictureLook
    {
        QImage image;
        QSizeF size;
        QString note;
        bool failed = false;
    };
    PictureLook pictureLook(const ChatPicture &picture, qreal devicePixelRatio, qreal maxWidth,
                            const QPalette &palette, bool withPixels) const;
    QImage placeholder(const QSizeF &size, const QString &note, qreal devicePixelRatio,
                       const QPalette &palette) const;
    // The message's HTML with its pictures as images the document holds under "picture:N".
    QString pictureHtml(const QModelIndex &index, const QStyleOptionViewItem &option,
                        qreal maxWidth, bool withPixels, QList<QImage> *images) const;
    // Changes with whatever decides a row's pictures' sizes, for the size cache's key.
    QString pictureKey(const QModelIndex &index, qreal devicePixelRatio) const;
    void thumbnailReady();

    QString m_myName;
    QPixmap m_myAvatar;
    // Laying out a bubble's text is the costly part, and a list view asks every row's size on
    // each relayout: 300 rows took 30 ms. Keyed by message id, state and width.
    mutable QHash<QString, QSize> m_sizes;
    // Guarded: the page that owns the cache may delete it before the view.
    QPointer<imaging::ThumbnailCache> m_thumbnails;
    // Placeholders by size, state and device pixel ratio: drawn once, not on every paint.
    mutable QHash<QString, QImage> m_placeholders;
    bool m_relayoutQueued = false;
    bool m_plainRefused = false;
    bool m_showsSenders = false;
};

} // namespace lanpigeon::ui
