#include "messageinput.h"

#include "picturedecoder.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QImageReader>
#include <QImageWriter>
#include <QKeyEvent>
#include <QLocale>
#include <QMimeData>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextFragment>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

namespace lanpigeon::ui {

struct MessageInput::Prepared
{
    QByteArray bytes;
    QImage thumbnail;
    // Set when the picture cannot be sent.
    QString error;
};

namespace {
const QString PictureScheme = QStringLiteral("lanpigeon-picture:");

QStringList localFiles(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    const auto urls = mime->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    return paths;
}

// Enough of a file's first bytes to tell its format by (a BMP's headers are the longest).
constexpr qint64 SignatureBytes = 26;

QString tooLarge(const QString &what, qint64 limit)
{
    return MessageInput::tr("%1 is larger than %2: send it as a file instead.")
        .arg(what, QLocale().formattedDataSize(limit, 0));
}

QString notAPicture(const QString &name)
{
    return MessageInput::tr("%1 is not a PNG, JPEG, GIF, WebP or BMP picture.").arg(name);
}

// The first frame of a picture file, scaled to fit thumbSize, with the decoder's limits that keep
// a hostile file from taking the memory: what the box takes, the bubbles will show.
MessageInput::Prepared preparedFile(const QString &path, qint64 limit, QSize thumbSize, qreal ratio)
{
    MessageInput::Prepared out;
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.error = MessageInput::tr("Could not read %1: %2").arg(name, file.errorString());
        return out;
    }
    imaging::PictureLimits limits;
    limits.maxBytes = limit;
    if (file.size() > limits.maxBytes) {
        out.error = tooLarge(name, limit);
        return out;
    }
    const QByteArray bytes = file.read(limits.maxBytes + 1);
    const imaging::DecodedPicture decoded = imaging::decodePicture(bytes, limits, thumbSize);
    switch (decoded.error) {
    case imaging::PictureError::None:
        break;
    case imaging::PictureError::TooManyBytes:
        out.error = tooLarge(name, limit);
        return out;
    case imaging::PictureError::TooLarge:
        if (decoded.size.width() > limits.maxSide || decoded.size.height() > limits.maxSide) {
            out.error = MessageInput::tr("%1 is larger than %2 pixels a side.")
                            .arg(name)
                            .arg(limits.maxSide);
            return out;
        }
        out.error = MessageInput::tr("%1 cannot be shown: %2").arg(name, decoded.detail);
        return out;
    case imaging::PictureError::NotAPicture:
    case imaging::PictureError::Unsupported:
        out.error = notAPicture(name);
        return out;
    case imaging::PictureError::Corrupt:
        out.error = decoded.size.isValid()
                        ? MessageInput::tr("%1 cannot be shown: %2").arg(name, decoded.detail)
                        : notAPicture(name);
        return out;
    }
    out.thumbnail = decoded.image;
    out.thumbnail.setDevicePixelRatio(ratio);
    out.bytes = bytes;
    return out;
}

MessageInput::Prepared preparedImage(const QImage &image, qint64 limit, QSize thumbSize,
                                     qreal ratio)
{
    MessageInput::Prepared out;
    QBuffer buffer(&out.bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    // zlib's fastest level (Qt maps 0..100 onto 0..9): half the time of its default for a
    // 1920x1080 screenshot, some 15 % larger, and the send waits for this (make bench).
    writer.setCompression(11);
    if (!writer.write(image)) {
        out.error =
            MessageInput::tr("The picture could not be encoded: %1").arg(writer.errorString());
        return out;
    }
    if (out.bytes.size() > limit) {
        out.bytes.clear();
        out.error = tooLarge(MessageInput::tr("The picture"), limit);
        return out;
    }
    out.thumbnail = image.size().boundedTo(thumbSize) == image.size()
                        ? image
                        : image.scaled(thumbSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    out.thumbnail.setDevicePixelRatio(ratio);
    return out;
}

// A grey box in the picture's place until its thumbnail is ready.
QImage placeholder(QSizeF logical, qreal ratio)
{
    QImage image((logical * ratio).toSize().expandedTo(QSize(1, 1)), QImage::Format_RGB32);
    image.fill(QColor(0xd0, 0xd0, 0xd0));
    image.setDevicePixelRatio(ratio);
    return image;
}

bool isPictureChar(const QTextCharFormat &format, QChar c)
{
    return c == QChar::ObjectReplacementCharacter && format.isImageFormat();
}

// Every picture in the document with its position in toPlainText() terms.
struct Item
{
    int position;
    QString name;
};

// The document as text with one U+FFFC per picture, and the pictures in it.
QString flatten(const QTextDocument *document, QList<Item> *items)
{
    QString text;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        if (block != document->begin())
            text += QLatin1Char('\n');
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QString part = fragment.text();
            const QTextCharFormat format = fragment.charFormat();
            for (const QChar c : part) {
                if (isPictureChar(format, c)) {
                    if (items)
                        items->append({int(text.size()), format.toImageFormat().name()});
                    text += QChar::ObjectReplacementCharacter;
                } else if (c == QChar::LineSeparator || c == QChar::ParagraphSeparator) {
                    text += QLatin1Char('\n');
                } else if (c == QChar::Nbsp) {
                    text += QLatin1Char(' ');
                } else if (c != QChar::ObjectReplacementCharacter) {
                    // A stray U+FFFC that is no picture would shift every position after it.
                    text += c;
                }
            }
        }
    }
    return text;
}
} // namespace

MessageInput::MessageInput(QWidget *parent)
    : QTextEdit(parent)
{
    setAcceptRichText(false);
    setAcceptDrops(true);
    setPlaceholderText(defaultPlaceholder());
    connect(this, &QTextEdit::textChanged, this, &MessageInput::prune);
}

QString MessageInput::defaultPlaceholder()
{
    return tr("Type a message; paste or drop pictures; drop files here to send them");
}

MessageInput::~MessageInput() = default;

QString MessageInput::text() const
{
    return content().text;
}

MessageInput::Content MessageInput::content() const
{
    QList<Item> items;
    const QString flat = flatten(document(), &items);
    // Trimmed as a message is sent, pictures staying where they are: they are not blank.
    int start = 0;
    int end = int(flat.size());
    while (start < end && flat.at(start).isSpace())
        ++start;
    while (end > start && flat.at(end - 1).isSpace())
        --end;
    Content content;
    for (const Item &item : std::as_const(items)) {
        const Picture picture = m_pictures.value(item.name);
        // The position counts each earlier picture as one, as the trimmed text holds them.
        content.pictures.append({item.position - start, picture.bytes});
    }
    content.text = flat.mid(start, end - start);
    content.text.remove(QChar::ObjectReplacementCharacter);
    return content;
}

int MessageInput::pictureCount() const
{
    QList<Item> items;
    flatten(document(), &items);
    return int(items.size());
}

bool MessageInput::picturesPending() const
{
    QList<Item> items;
    flatten(document(), &items);
    for (const Item &item : std::as_const(items)) {
        if (m_pictures.value(item.name).pending)
            return true;
    }
    return false;
}

QList<QImage> MessageInput::thumbnails() const
{
    QList<Item> items;
    flatten(document(), &items);
    QList<QImage> images;
    for (const Item &item : std::as_const(items))
        images
            << document()->resource(QTextDocument::ImageResource, QUrl(item.name)).value<QImage>();
    return images;
}

qreal MessageInput::pixelRatio() const
{
    return devicePixelRatioF();
}

QSizeF MessageInput::thumbnailSize(QSize imageSize) const
{
    const qreal ratio = pixelRatio();
    // An image as large as its device pixels show, never more, and within the thumbnail box.
    QSizeF logical = QSizeF(imageSize) / ratio;
    if (logical.width() > ThumbnailWidth || logical.height() > ThumbnailHeight)
        logical.scale(ThumbnailWidth, ThumbnailHeight, Qt::KeepAspectRatio);
    return logical.expandedTo(QSizeF(1, 1));
}

QString MessageInput::insertPicture(const QImage &thumbnail, QSizeF logicalSize)
{
    // Unique in the program: a picture copied from another chat's box is not taken for ours.
    static int next = 0;
    const QString name = PictureScheme + QString::number(++next);
    document()->addResource(QTextDocument::ImageResource, QUrl(name), thumbnail);
    m_pictures.insert(name, {});
    QTextImageFormat format;
    format.setName(name);
    format.setWidth(logicalSize.width());
    format.setHeight(logicalSize.height());
    QTextCursor cursor = textCursor();
    cursor.insertImage(format);
    // Text typed after the picture must not carry its format.
    cursor.setCharFormat(QTextCharFormat());
    setTextCursor(cursor);
    setCurrentCharFormat(QTextCharFormat());
    return name;
}

void MessageInput::insertImage(const QImage &image)
{
    if (image.isNull() || !m_picturesAllowed)
        return;
    const qreal ratio = pixelRatio();
    const QSizeF logical = thumbnailSize(image.size());
    const QString name = insertPicture(placeholder(logical, ratio), logical);
    auto *watcher = new QFutureWatcher<Prepared>(this);
    connect(watcher, &QFutureWatcher<Prepared>::finished, this, [this, watcher, name] {
        preparedDone(name, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(preparedImage, image, m_maxPictureBytes,
                                         (logical * ratio).toSize(), ratio));
}

bool MessageInput::isPictureFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) &&
           imaging::sniffFormat(file.read(SignatureBytes)) != imaging::PictureFormat::Unknown;
}

bool MessageInput::insertPictureFile(const QString &path)
{
    const QFileInfo info(path);
    if (!isPictureFile(path)) {
        emit pictureRefused(notAPicture(info.fileName()));
        return false;
    }
    if (info.size() > m_maxPictureBytes) {
        emit pictureRefused(tooLarge(info.fileName(), m_maxPictureBytes));
        return false;
    }
    // The header only: the size of the box to keep for the thumbnail.
    QImageReader header(path);
    const QSize size = header.size();
    const qreal ratio = pixelRatio();
    const QSizeF logical = thumbnailSize(size.isValid() ? size : QSize(64, 64));
    const QString name = insertPicture(placeholder(logical, ratio), logical);
    auto *watcher = new QFutureWatcher<Prepared>(this);
    connect(watcher, &QFutureWatcher<Prepared>::finished, this, [this, watcher, name] {
        preparedDone(name, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(preparedFile, path, m_maxPictureBytes,
                                         (logical * ratio).toSize(), ratio));
    return true;
}

void MessageInput::preparedDone(const QString &name, const Prepared &prepared)
{
    const auto it = m_pictures.find(name);
    if (it == m_pictures.end())
        return;
    if (!prepared.error.isEmpty()) {
        m_pictures.erase(it);
        removePicture(name);
        emit pictureRefused(prepared.error);
    } else {
        it->bytes = prepared.bytes;
        it->pending = false;
        document()->addResource(QTextDocument::ImageResource, QUrl(name), prepared.thumbnail);
        viewport()->update();
    }
    if (!picturesPending())
        emit picturesReady();
}

bool MessageInput::ownsPictures(const QString &html) const
{
    static const QRegularExpression names(QRegularExpression::escape(PictureScheme) +
                                          QStringLiteral("\\d+"));
    bool any = false;
    for (auto it = names.globalMatch(html); it.hasNext();) {
        if (!m_pictures.contains(it.next().captured()))
            return false;
        any = true;
    }
    return any;
}

void MessageInput::removePicture(const QString &name)
{
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextCharFormat format = fragment.charFormat();
            if (!format.isImageFormat() || format.toImageFormat().name() != name)
                continue;
            const QString part = fragment.text();
            for (int i = int(part.size()) - 1; i >= 0; --i) {
                if (part.at(i) != QChar::ObjectReplacementCharacter)
                    continue;
                QTextCursor cursor(document());
                cursor.setPosition(fragment.position() + i);
                cursor.setPosition(fragment.position() + i + 1, QTextCursor::KeepAnchor);
                cursor.removeSelectedText();
            }
            return;
        }
    }
}

void MessageInput::prune()
{
    // Only once no undo can bring a picture back: after clear(), or when sent.
    if (!m_pictures.isEmpty() && document()->isEmpty() && !document()->isUndoAvailable())
        m_pictures.clear();
}

void MessageInput::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        const bool ctrl = event->modifiers() & Qt::ControlModifier;
        if (ctrl == m_ctrlEnterSends && !(event->modifiers() & Qt::ShiftModifier)) {
            emit sendRequested();
            return;
        }
        insertPlainText(QStringLiteral("\n"));
        return;
    }
    QTextEdit::keyPressEvent(event);
}

bool MessageInput::canInsertFromMimeData(const QMimeData *source) const
{
    return (m_picturesAllowed && source->hasImage()) || QTextEdit::canInsertFromMimeData(source);
}

void MessageInput::insertFromMimeData(const QMimeData *source)
{
    // Cut or copied in this box: its pictures are still in the document, by name.
    if (m_picturesAllowed && source->hasHtml() && ownsPictures(source->html())) {
        textCursor().insertFragment(QTextDocumentFragment::fromHtml(source->html(), document()));
        setCurrentCharFormat(QTextCharFormat());
        return;
    }
    // An office program puts a picture of the cells next to their text: the text is meant.
    if (m_picturesAllowed && source->hasImage() && source->text().trimmed().isEmpty()) {
        insertImage(qvariant_cast<QImage>(source->imageData()));
        return;
    }
    // Pictures copied from another box leave only their placeholder characters: not words.
    if (source->hasText())
        insertPlainText(source->text().remove(QChar::ObjectReplacementCharacter));
}

void MessageInput::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        QTextEdit::dragEnterEvent(event);
}

void MessageInput::dragMoveEvent(QDragMoveEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty()) {
        // The pictures go where the mouse is.
        setTextCursor(cursorForPosition(event->position().toPoint()));
        event->acceptProposedAction();
    } else {
        QTextEdit::dragMoveEvent(event);
    }
}

void MessageInput::dropEvent(QDropEvent *event)
{
    const QStringList paths = localFiles(event->mimeData());
    if (paths.isEmpty()) {
        QTextEdit::dropEvent(event);
        return;
    }
    event->acceptProposedAction();
    QStringList files;
    for (const QString &path : paths) {
        if (m_picturesAllowed && QFileInfo(path).isFile() && isPictureFile(path))
            insertPictureFile(path);
        else
            files << path;
    }
    if (!files.isEmpty())
        emit filesDropped(files);
}

} // namespace lanpigeon::ui
