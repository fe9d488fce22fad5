#include "bubbledelegate.h"

#include "avatar.h"
#include "messaging/chatmessage.h"
#include "models/conversationmodel.h"
#include "securitymark.h"
#include "theme.h"
#include "thumbnailcache.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextOption>
#include <QTimer>
#include <QUrl>

namespace lanpigeon::ui {

namespace {
constexpr int Margin = 8;
constexpr int Padding = 9;
constexpr int AvatarSize = 32;
constexpr int MetaHeight = 16;
constexpr int SeparatorHeight = 26;
constexpr int ProgressHeight = 6;
constexpr int LockSize = 12;
constexpr int WarningIconSize = 16;
constexpr int WarningPadding = 6;

constexpr int PlaceholderWidth = 160;
constexpr int PlaceholderHeight = 120;

QUrl pictureUrl(int picture)
{
    return QUrl(QStringLiteral("picture:%1").arg(picture));
}

// images: the pictures the HTML names as picture:0, picture:1...
QTextDocument *document(const QString &html, const QFont &font, qreal width,
                        const QList<QImage> &images = {})
{
    auto *doc = new QTextDocument;
    doc->setDefaultFont(font);
    doc->setDocumentMargin(0);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    doc->setDefaultTextOption(option);
    for (int i = 0; i < images.size(); ++i) {
        if (!images.at(i).isNull())
            doc->addResource(QTextDocument::ImageResource, pictureUrl(i), images.at(i));
    }
    doc->setHtml(html);
    doc->setTextWidth(width);
    return doc;
}

// The words a search found, marked as a selection is, so the palette's own pair reads.
void markMatches(QTextDocument *doc, const QModelIndex &index, const QPalette &palette)
{
    const auto ranges = index.data(ConversationModel::MatchesRole).value<QList<QPair<int, int>>>();
    if (ranges.isEmpty())
        return;
    // Found by their words, not their offsets: pictures and line breaks make the document's
    // positions differ from the text's.
    const QString text = index.data(ConversationModel::TextRole).toString();
    QTextCharFormat mark;
    mark.setBackground(palette.color(QPalette::Highlight));
    mark.setForeground(palette.color(QPalette::HighlightedText));
    QTextCursor from(doc);
    for (const auto &[start, length] : ranges) {
        QTextCursor found =
            doc->find(text.mid(start, length), from, QTextDocument::FindCaseSensitively);
        if (found.isNull())
            return;
        found.mergeCharFormat(mark);
        from = found;
    }
}

ConversationModel::FileState fileState(const QModelIndex &index)
{
    return ConversationModel::FileState(index.data(ConversationModel::FileStateRole).toInt());
}

QFont smallFont(const QFont &font)
{
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.8);
    return small;
}

bool unverified(const QModelIndex &index)
{
    return Authenticity(index.data(ConversationModel::AuthenticityRole).toInt()) ==
           Authenticity::Unverified;
}

QFont warningFont(const QFont &font)
{
    QFont bold = font;
    bold.setBold(true);
    return bold;
}

struct BubbleColors
{
    QColor fill;
    QPen outline;
    QColor text;
    QColor dim;
    QColor failed;
};

BubbleColors bubbleColors(const QPalette &palette, const QModelIndex &index)
{
    using namespace theme;
    const bool dark = isDark(palette);
    const bool mine = index.data(ConversationModel::OutgoingRole).toBool();
    const QColor text = palette.color(QPalette::Text);
    // Theirs is the page's Base; on a dark page a shade lighter than the backdrop.
    const QColor theirs =
        dark ? mix(palette.color(QPalette::Base), text, 0.12) : palette.color(QPalette::Base);
    const QColor green(0x9e, 0xea, 0x6a);
    BubbleColors c;
    c.fill = mine ? mix(theirs, green, dark ? 0.3 : 1.0) : theirs;
    if (mine &&
        DeliveryState(index.data(ConversationModel::StateRole).toInt()) == DeliveryState::Failed)
        c.fill = toneFill(palette, Tone::Error, 0.16);
    else if (index.data(ConversationModel::AutoReplyRole).toBool())
        c.fill = mine ? mix(c.fill, theirs, 0.5) : mix(c.fill, text, 0.08);
    c.outline = QPen(QColor(text.red(), text.green(), text.blue(), 30), 1);
    if (index.data(ConversationModel::ClosedRole).toBool()) {
        c.fill = toneFill(palette, Tone::Sealed, 0.15);
        c.outline = QPen(toneText(Tone::Sealed, c.fill), 1, Qt::DashLine);
    }
    if (Authenticity(index.data(ConversationModel::AuthenticityRole).toInt()) ==
        Authenticity::Unverified)
        c.outline = QPen(toneText(Tone::Error, chatBackground(palette)), 2);
    c.text = textOn(palette, c.fill);
    c.dim = dimText(palette, c.fill);
    c.failed = toneText(Tone::Error, c.fill);
    return c;
}

qreal pixelRatio(const QStyleOptionViewItem &option)
{
    return option.widget ? option.widget->devicePixelRatioF() : qApp->devicePixelRatio();
}

QList<ChatPicture> pictures(const QModelIndex &index)
{
    return index.data(ConversationModel::PicturesRole).value<QList<ChatPicture>>();
}

} // namespace

BubbleDelegate::BubbleDelegate(const QString &myName, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_myName(myName)
{
}

BubbleDelegate::~BubbleDelegate() = default;

QString BubbleDelegate::linkified(const QString &plain)
{
    // Messages are plain text: escaped first, so only the links we make become markup.
    static const QRegularExpression url(
        QStringLiteral(R"((https?://|ftp://|www\.)[^\s<>"]+[^\s<>".,;:!?)\]}'])"));
    const QString escaped = plain.toHtmlEscaped();
    QString html;
    qsizetype last = 0;
    auto it = url.globalMatch(escaped);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        html += escaped.mid(last, m.capturedStart() - last);
        QString href = m.captured();
        if (href.startsWith(QLatin1String("www.")))
            href.prepend(QLatin1String("http://"));
        html += QStringLiteral("<a href=\"%1\">%2</a>").arg(href, m.captured());
        last = m.capturedEnd();
    }
    html += escaped.mid(last);
    return QStringLiteral("<span style=\"white-space: pre-wrap\">%1</span>").arg(html);
}

QString BubbleDelegate::pictureErrorText(imaging::PictureError error)
{
    switch (error) {
    case imaging::PictureError::TooManyBytes:
    case imaging::PictureError::TooLarge:
        return tr("too large");
    case imaging::PictureError::NotAPicture:
        return tr("not a picture");
    case imaging::PictureError::Unsupported:
        return tr("format not supported");
    case imaging::PictureError::Corrupt:
    case imaging::PictureError::None:
        break;
    }
    return tr("damaged or incomplete");
}

void BubbleDelegate::setThumbnails(imaging::ThumbnailCache *thumbnails)
{
    if (m_thumbnails)
        disconnect(m_thumbnails, nullptr, this, nullptr);
    m_thumbnails = thumbnails;
    m_sizes.clear();
    if (thumbnails)
        connect(thumbnails, &imaging::ThumbnailCache::ready, this, &BubbleDelegate::thumbnailReady);
}

void BubbleDelegate::thumbnailReady()
{
    // Twenty pictures decoded at once lay the rows out once.
    if (m_relayoutQueued)
        return;
    m_relayoutQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_relayoutQueued = false;
        emit sizeHintChanged({});
    });
}

QList<int> BubbleDelegate::pictureOffsets(const QString &text, const QList<ChatPicture> &pictures)
{
    return lanpigeon::pictureOffsets(text, pictures);
}

BubbleDelegate::PictureLook BubbleDelegate::pictureLook(const ChatPicture &picture,
                                                        qreal devicePixelRatio, qreal maxWidth,
                                                        const QPalette &palette,
                                                        bool withPixels) const
{
    const qreal side = std::max<qreal>(16, std::min<qreal>(PictureSide, maxWidth));
    PictureLook look;
    if (picture.state == PictureState::Failed) {
        look.failed = true;
        look.note = tr("Picture did not arrive: %1")
                        .arg(picture.error.isEmpty() ? tr("no reason given") : picture.error);
        return look;
    }
    QSizeF size(PlaceholderWidth, PlaceholderHeight);
    if (picture.state == PictureState::Ready && !picture.sha256.isEmpty()) {
        if (!m_thumbnails) {
            look.note = tr("[picture]");
            return look;
        }
        // Laying out every row must not decode again the pictures dropped from memory.
        const imaging::ThumbnailCache::Thumbnail t =
            withPixels ? m_thumbnails->thumbnail(picture.sha256, PictureSide, devicePixelRatio)
                       : m_thumbnails->known(picture.sha256, PictureSide, devicePixelRatio);
        if (t.state == imaging::ThumbnailCache::State::Failed) {
            look.failed = true;
            look.note = tr("Picture could not be shown: %1").arg(pictureErrorText(t.error));
            return look;
        }
        if (t.state == imaging::ThumbnailCache::State::Ready) {
            size = t.pixels;
            if (size.width() > side || size.height() > side)
                size.scale(side, side, Qt::KeepAspectRatio);
            look.size = size;
            look.image = t.image;
            if (!t.image.isNull() || !withPixels)
                return look;
        }
        look.note = tr("loading picture…");
    } else {
        look.note = tr("picture arriving…");
    }
    if (size.width() > side)
        size.scale(side, side, Qt::KeepAspectRatio);
    look.size = size;
    look.image = placeholder(size, look.note, devicePixelRatio, palette);
    return look;
}

QImage BubbleDelegate::placeholder(const QSizeF &size, const QString &note, qreal devicePixelRatio,
                                   const QPalette &palette) const
{
    const QString key = note + QLatin1Char('/') + QString::number(size.width()) + QLatin1Char('x') +
                        QString::number(size.height()) + QLatin1Char('@') +
                        QString::number(devicePixelRatio) + palette.color(QPalette::Base).name() +
                        palette.color(QPalette::Text).name();
    if (const auto it = m_placeholders.constFind(key); it != m_placeholders.constEnd())
        return *it;
    if (m_placeholders.size() > 64)
        m_placeholders.clear();
    QImage placeholder((size * devicePixelRatio).toSize(), QImage::Format_ARGB32_Premultiplied);
    placeholder.setDevicePixelRatio(devicePixelRatio);
    const QColor fill =
        theme::mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.1);
    placeholder.fill(fill);
    QPainter p(&placeholder);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(theme::mix(fill, palette.color(QPalette::Text), 0.25), 1, Qt::DashLine));
    p.drawRect(QRectF(QPointF(0.5, 0.5), size - QSizeF(1, 1)));
    p.setPen(theme::dimText(palette, fill));
    p.drawText(QRectF(QPointF(0, 0), size), Qt::AlignCenter | Qt::TextWordWrap, note);
    p.end();
    m_placeholders.insert(key, placeholder);
    return placeholder;
}

QString BubbleDelegate::pictureNote(const QModelIndex &index, int picture) const
{
    const QList<ChatPicture> all = pictures(index);
    if (picture < 0 || picture >= all.size())
        return {};
    const PictureLook look = pictureLook(all.at(picture), qApp->devicePixelRatio(), PictureSide,
                                         QApplication::palette(), true);
    return look.note;
}

QString BubbleDelegate::pictureHtml(const QModelIndex &index, const QStyleOptionViewItem &option,
                                    qreal maxWidth, bool withPixels, QList<QImage> *images) const
{
    const QString text = index.data(ConversationModel::TextRole).toString();
    const QList<ChatPicture> all = pictures(index);
    const QList<int> offsets = pictureOffsets(text, all);
    const qreal ratio = pixelRatio(option);
    const QColor failed =
        theme::toneText(theme::Tone::Error, bubbleColors(option.palette, index).fill);
    QString html;
    // A picture gets a line of its own: sharing one with words, QTextDocument made that line as
    // tall as the picture even when the picture wrapped below it, a gap around the words.
    bool lineStart = true;
    bool afterPicture = false;
    auto addText = [&](const QString &chunk) {
        if (chunk.isEmpty())
            return;
        if (afterPicture && !chunk.startsWith(QLatin1Char('\n')))
            html += QStringLiteral("<br>");
        html += linkified(chunk);
        lineStart = chunk.endsWith(QLatin1Char('\n'));
        afterPicture = false;
    };
    int last = 0;
    for (int i = 0; i < all.size(); ++i) {
        const int at = offsets.at(i);
        addText(text.mid(last, at - last));
        last = at;
        const PictureLook look =
            pictureLook(all.at(i), ratio, maxWidth, option.palette, withPixels);
        images->append(look.image);
        if (!look.size.isEmpty()) {
            if (!lineStart && !afterPicture)
                html += QStringLiteral("<br>");
            // Sized, the document lays the image out without looking at its pixels.
            html += QStringLiteral("<img src=\"%1\" width=\"%2\" height=\"%3\">")
                        .arg(pictureUrl(i).toString())
                        .arg(look.size.width())
                        .arg(look.size.height());
            afterPicture = true;
        } else {
            html +=
                QStringLiteral("<span style=\"color:%1\">[%2]</span> ")
                    .arg(look.failed ? failed.name() : option.palette.color(QPalette::Text).name(),
                         look.note.toHtmlEscaped());
            afterPicture = false;
        }
        lineStart = false;
    }
    addText(text.mid(last));
    return html;
}

QString BubbleDelegate::pictureKey(const QModelIndex &index, qreal devicePixelRatio) const
{
    QString key;
    for (const ChatPicture &p : pictures(index)) {
        key += QString::number(int(p.state));
        if (p.state == PictureState::Ready && m_thumbnails) {
            const auto t = m_thumbnails->known(p.sha256, PictureSide, devicePixelRatio);
            key += QStringLiteral("%1:%2x%3")
                       .arg(int(t.state))
                       .arg(t.pixels.width())
                       .arg(t.pixels.height());
        }
        key += QLatin1Char(';');
    }
    return key;
}

int BubbleDelegate::pictureAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                              const QPoint &pos) const
{
    const Layout l = layout(option, index);
    if (!l.text.contains(pos))
        return -1;
    const QString name = l.doc->documentLayout()->imageAt(QPointF(pos) - l.text.topLeft());
    if (!name.startsWith(QLatin1String("picture:")))
        return -1;
    bool ok = false;
    const int picture = name.mid(8).toInt(&ok);
    return ok ? picture : -1;
}

QRectF BubbleDelegate::lockRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return layout(option, index).lock;
}

QRectF BubbleDelegate::warningRect(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    return layout(option, index).warning;
}

QString BubbleDelegate::warningText(const QModelIndex &index)
{
    if (!unverified(index))
        return {};
    auto warning = SecurityWarning(index.data(ConversationModel::WarningRole).toInt());
    // Unverified with no reason given still must say something.
    if (warning == SecurityWarning::None)
        warning = SecurityWarning::NotSigned;
    return SecurityMark::warningText(warning, index.data(ConversationModel::NickRole).toString());
}

QColor BubbleDelegate::warningFill(const QPalette &palette)
{
    return theme::toneFill(palette, theme::Tone::Error, 0.16);
}

QColor BubbleDelegate::warningInk(const QPalette &palette)
{
    return theme::toneText(theme::Tone::Error, warningFill(palette));
}

QString BubbleDelegate::linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                               const QPoint &pos) const
{
    const Layout l = layout(option, index);
    if (!l.text.contains(pos))
        return {};
    return l.doc->documentLayout()->anchorAt(QPointF(pos) - l.text.topLeft());
}

bool BubbleDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                 const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const QString link = linkAt(option, index, mouse->position().toPoint());
        if (!link.isEmpty() && mouse->button() == Qt::LeftButton) {
            emit linkActivated(link);
            return true;
        }
        const int picture = mouse->button() == Qt::LeftButton
                                ? pictureAt(option, index, mouse->position().toPoint())
                                : -1;
        const QList<ChatPicture> all = pictures(index);
        if (picture >= 0 && picture < all.size() && m_thumbnails &&
            all.at(picture).state == PictureState::Ready &&
            m_thumbnails->known(all.at(picture).sha256, PictureSide, pixelRatio(option)).state ==
                imaging::ThumbnailCache::State::Ready) {
            emit pictureActivated(all.at(picture).sha256);
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

QString BubbleDelegate::stateText(const QModelIndex &index)
{
    // A group chat's message went to several people: its page says how far it got.
    if (const QString room = index.data(ConversationModel::StatusTextRole).toString();
        !room.isEmpty())
        return room;
    const bool sealed = index.data(ConversationModel::SealedRole).toBool();
    switch (DeliveryState(index.data(ConversationModel::StateRole).toInt())) {
    case DeliveryState::Sending:
        return sealed ? tr("✉ sending…") : tr("sending…");
    case DeliveryState::Delivered:
        return sealed ? tr("✉ sealed, not opened yet") : tr("✓ delivered");
    case DeliveryState::Read:
        return tr("✓✓ read");
    case DeliveryState::Failed:
        return index.data(ConversationModel::RetriableRole).toBool() ? tr("✗ not delivered")
                                                                     : tr("✗ not sent");
    case DeliveryState::Queued:
        if (Failure(index.data(ConversationModel::FailureRole).toInt()) == Failure::AwaitsKeyCheck)
            return tr("Queued — waits until you check %1's new key (Security)")
                .arg(index.data(ConversationModel::NickRole).toString());
        return tr("Queued — will be sent when %1 is back")
            .arg(index.data(ConversationModel::NickRole).toString());
    case DeliveryState::Expired:
        return tr("Expired");
    case DeliveryState::Received:
        break;
    }
    return {};
}

QString BubbleDelegate::metaText(const QModelIndex &index)
{
    const bool mine = index.data(ConversationModel::OutgoingRole).toBool();
    // As the lists show times: 24-hour or 12-hour as the locale has it.
    QString meta = QLocale().toString(index.data(ConversationModel::TimeRole).toDateTime().time(),
                                      QLocale::ShortFormat);
    if (index.data(ConversationModel::AutoReplyRole).toBool())
        meta += QStringLiteral("  ") + tr("[auto-reply]");
    if (fileState(index) != ConversationModel::FileState::None)
        meta += QStringLiteral("  ") + fileStateText(index);
    else if (mine && !index.data(ConversationModel::AutoReplyRole).toBool())
        meta += QStringLiteral("  ") + stateText(index);
    else if (!mine && index.data(ConversationModel::SealedRole).toBool() &&
             !index.data(ConversationModel::ClosedRole).toBool())
        meta += QStringLiteral("  ") + tr("✉ opened");
    return meta;
}

QString BubbleDelegate::fileStateText(const QModelIndex &index)
{
    switch (fileState(index)) {
    case ConversationModel::FileState::Queued:
        return stateText(index);
    case ConversationModel::FileState::Offered:
        return tr("offered, waiting for them to accept");
    case ConversationModel::FileState::Sending:
        return tr("being fetched, %1%").arg(index.data(ConversationModel::ProgressRole).toInt());
    case ConversationModel::FileState::Done:
        return tr("✓ fetched");
    case ConversationModel::FileState::Declined:
        return tr("declined");
    case ConversationModel::FileState::Cancelled:
        return tr("cancelled");
    case ConversationModel::FileState::Failed:
        return tr("✗ failed");
    case ConversationModel::FileState::None:
        break;
    }
    return {};
}

void BubbleDelegate::setPlainTextRefused(bool refused)
{
    if (refused == m_plainRefused)
        return;
    m_plainRefused = refused;
    m_sizes.clear();
    emit sizeHintChanged({});
}

QString BubbleDelegate::reasonText(const QModelIndex &index, bool refusedBySetting)
{
    if (fileState(index) == ConversationModel::FileState::Failed)
        return index.data(ConversationModel::FileDetailRole).toString();
    if (DeliveryState(index.data(ConversationModel::StateRole).toInt()) != DeliveryState::Failed ||
        !index.data(ConversationModel::OutgoingRole).toBool())
        return {};
    const auto failure = Failure(index.data(ConversationModel::FailureRole).toInt());
    QString why = failureText(failure, refusedBySetting);
    if (why.isEmpty())
        why = index.data(ConversationModel::ErrorRole).toString();
    if (why.isEmpty())
        why = tr("no reason given");
    switch (failure) {
    case Failure::TooLong:
        return tr("%1. Sending it again cannot help: shorten it, or send it as a file.").arg(why);
    case Failure::NotAnAddress:
    case Failure::FileMissing:
        return tr("%1. Sending it again cannot help.").arg(why);
    case Failure::NotEncrypted:
        if (refusedBySetting)
            return tr("%1. To send it in clear text, turn off \"Only send to peers who can "
                      "encrypt\" in Settings, then double-click it.")
                .arg(why);
        break;
    case Failure::None:
    case Failure::NoAnswer:
    case Failure::NetworkError:
    case Failure::Cancelled:
    case Failure::AwaitsKeyCheck:
    case Failure::OfferLapsed:
        break;
    }
    return tr("%1. Double-click to send it again.").arg(why);
}

QString BubbleDelegate::failureText(Failure failure, bool refusedBySetting)
{
    switch (failure) {
    case Failure::None:
        break;
    case Failure::TooLong:
        return tr("Too long for the peer to read in one message");
    case Failure::NotAnAddress:
        return tr("Not sent: the peer has no valid address");
    case Failure::NoAnswer:
        return tr("No answer from the peer");
    case Failure::NetworkError:
        return tr("The network refused to send it");
    case Failure::NotEncrypted:
        return refusedBySetting
                   ? tr("Not sent: the peer cannot encrypt, and plain text is refused")
                   : tr("Not sent: it could not be encrypted for the peer, and it is never sent "
                        "in clear text instead");
    case Failure::Cancelled:
        return tr("Cancelled");
    case Failure::FileMissing:
        return tr("Not sent: a file of it no longer exists");
    case Failure::OfferLapsed:
        return tr("Not fetched before LanPigeon was closed: its files are no longer offered");
    case Failure::AwaitsKeyCheck:
        break;
    }
    return {};
}

QString BubbleDelegate::dayText(const QDate &day, const QDate &today)
{
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    const QLocale locale;
    if (day.year() == today.year())
        //: Date format of a day separator in the current year (QDate format), e.g. Mon 23 Nov
        return locale.toString(day, tr("ddd d MMM"));
    return locale.toString(day, QLocale::LongFormat);
}

BubbleDelegate::Layout BubbleDelegate::layout(const QStyleOptionViewItem &option,
                                              const QModelIndex &index, bool withPixels) const
{
    const bool mine = index.data(ConversationModel::OutgoingRole).toBool();
    const bool closed = index.data(ConversationModel::ClosedRole).toBool();
    const qreal full = option.rect.width();
    if (index.data(ConversationModel::NoticeRole).toBool())
        return noticeLayout(option, index);
    const qreal maxText = std::max<qreal>(80, full * 0.66 - AvatarSize - 2 * Padding);
    QList<QImage> images;
    QString html;
    if (closed)
        html =
            QStringLiteral("<i>%1</i>").arg(index.data(Qt::DisplayRole).toString().toHtmlEscaped());
    else if (pictures(index).isEmpty())
        html = linkified(index.data(ConversationModel::TextRole).toString());
    else
        html = pictureHtml(index, option, maxText, withPixels, &images);
    if (index.data(ConversationModel::AutoReplyRole).toBool())
        html = QStringLiteral("<i style=\"color:%2\">%1</i>")
                   .arg(html, bubbleColors(option.palette, index).dim.name());
    std::shared_ptr<QTextDocument> doc(document(html, option.font, maxText, images));
    if (!closed)
        markMatches(doc.get(), index, option.palette);
    const qreal textWidth = std::min(maxText, doc->idealWidth() + 1);
    // A message that could not be decrypted has no words: its band says it all.
    const bool wordless = index.data(ConversationModel::TextRole).toString().isEmpty() &&
                          pictures(index).isEmpty() && !closed;
    const QSizeF textSize(textWidth, wordless ? 0 : doc->size().height());
    const QFontMetricsF small(smallFont(option.font));
    const bool encrypted = index.data(ConversationModel::EncryptedRole).toBool();
    const qreal metaWidth =
        small.horizontalAdvance(metaText(index)) + 2 + (encrypted ? LockSize + 4 : 0);
    const QString warning = warningText(index);
    const QString reason = reasonText(index, m_plainRefused);
    // The status line may take the width a bubble can have, not only a text line's: a group
    // chat's "Delivered to 2 of 3 · queued for Carol" is read whole, not cut at "· q…".
    const qreal maxMeta = std::max(maxText, full - AvatarSize - 3 * Margin - 2 * Padding);
    qreal bubbleWidth = std::max(textSize.width(), std::min(metaWidth, maxMeta));
    qreal reasonHeight = 0;
    if (!reason.isEmpty()) {
        bubbleWidth = std::max(bubbleWidth, std::min(small.horizontalAdvance(reason) + 2, maxText));
        reasonHeight = small
                           .boundingRect(QRectF(0, 0, bubbleWidth, 10000),
                                         Qt::TextWordWrap | Qt::AlignLeft, reason)
                           .height() +
                       2;
    }
    qreal warningHeight = 0;
    qreal warningTextWidth = 0;
    if (!warning.isEmpty()) {
        // Never narrower than a few words a line: it must be read, not deciphered.
        const QFontMetricsF bold(warningFont(option.font));
        const qreal indent = WarningIconSize + WarningPadding;
        bubbleWidth =
            std::max(bubbleWidth, std::min(bold.horizontalAdvance(warning) + indent + 2, maxText));
        bubbleWidth = std::max(bubbleWidth, std::min<qreal>(maxText, 220));
        warningTextWidth = bubbleWidth + 2 * Padding - 2 * WarningPadding - indent;
        warningHeight = std::max<qreal>(WarningIconSize,
                                        bold.boundingRect(QRectF(0, 0, warningTextWidth, 10000),
                                                          Qt::TextWordWrap | Qt::AlignLeft, warning)
                                            .height()) +
                        2 * WarningPadding;
    }
    bubbleWidth += 2 * Padding;
    const bool progress = fileState(index) == ConversationModel::FileState::Sending;
    const qreal bubbleHeight = warningHeight + textSize.height() +
                               (progress ? ProgressHeight + 4 : 0) + MetaHeight + reasonHeight +
                               2 * Padding;
    Layout l;
    qreal top = option.rect.top() + Margin / 2.0;
    if (index.data(ConversationModel::DayBreakRole).toBool()) {
        l.separator = QRectF(option.rect.left(), top, full, SeparatorHeight);
        top += SeparatorHeight;
    }
    if (!mine && m_showsSenders) {
        const qreal left = option.rect.left() + Margin + AvatarSize + Margin;
        l.sender = QRectF(left, top, std::max<qreal>(0, option.rect.right() - left - Margin),
                          small.height() + 2);
        top += l.sender.height();
    }
    if (mine) {
        l.avatar = QRectF(option.rect.right() - Margin - AvatarSize, top, AvatarSize, AvatarSize);
        l.bubble = QRectF(l.avatar.left() - Margin - bubbleWidth, top, bubbleWidth, bubbleHeight);
    } else {
        l.avatar = QRectF(option.rect.left() + Margin, top, AvatarSize, AvatarSize);
        l.bubble = QRectF(l.avatar.right() + Margin, top, bubbleWidth, bubbleHeight);
    }
    if (warningHeight > 0) {
        l.warning = QRectF(l.bubble.left(), l.bubble.top(), l.bubble.width(), warningHeight);
        l.warningText = QRectF(l.warning.left() + WarningPadding + WarningIconSize + WarningPadding,
                               l.warning.top() + WarningPadding, warningTextWidth,
                               warningHeight - 2 * WarningPadding);
    }
    l.text = QRectF(l.bubble.left() + Padding, l.bubble.top() + warningHeight + Padding,
                    textSize.width(), textSize.height());
    qreal below = l.text.bottom() + 2;
    if (progress) {
        l.progress =
            QRectF(l.text.left(), below + 2, l.bubble.width() - 2 * Padding, ProgressHeight);
        below = l.progress.bottom() + 2;
    }
    l.meta = QRectF(l.bubble.left() + Padding, below, l.bubble.width() - 2 * Padding, MetaHeight);
    if (reasonHeight > 0)
        l.reason = QRectF(l.meta.left(), l.meta.bottom(), l.meta.width(), reasonHeight);
    if (encrypted) {
        l.lock = QRectF(l.meta.left(), l.meta.center().y() - LockSize / 2.0, LockSize, LockSize);
        l.meta.setLeft(l.lock.right() + 4);
    }
    doc->setTextWidth(l.text.width() + 1);
    l.doc = std::move(doc);
    return l;
}

BubbleDelegate::Layout BubbleDelegate::noticeLayout(const QStyleOptionViewItem &option,
                                                    const QModelIndex &index) const
{
    Layout l;
    qreal top = option.rect.top() + Margin / 2.0;
    const qreal full = option.rect.width();
    if (index.data(ConversationModel::DayBreakRole).toBool()) {
        l.separator = QRectF(option.rect.left(), top, full, SeparatorHeight);
        top += SeparatorHeight;
    }
    const QFontMetricsF small(smallFont(option.font));
    const qreal width =
        std::min<qreal>(full - 2 * Margin, small.horizontalAdvance(index.data().toString()) + 20);
    l.notice = QRectF(option.rect.left() + (full - width) / 2, top + 3, width, SeparatorHeight - 8);
    return l;
}

void BubbleDelegate::paintNotice(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QRectF &pill, const QString &text)
{
    const QFont small = smallFont(option.font);
    const QColor fill = theme::mix(theme::chatBackground(option.palette),
                                   option.palette.color(QPalette::Text), 0.12);
    painter->setFont(small);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
    painter->setPen(theme::dimText(option.palette, fill));
    painter->drawText(pill, Qt::AlignCenter,
                      QFontMetricsF(small).elidedText(text, Qt::ElideRight, pill.width() - 12));
}

QSize BubbleDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem o = option;
    if (o.rect.width() <= 0)
        o.rect.setWidth(400);
    const QString key =
        index.data(ConversationModel::IdRole).toString() + QLatin1Char('/') +
        QString::number(index.data(ConversationModel::StateRole).toInt()) + QLatin1Char('/') +
        index.data(ConversationModel::StatusTextRole).toString() + QLatin1Char('/') +
        QString::number(index.data(ConversationModel::FailureRole).toInt()) + QLatin1Char('/') +
        QString::number(index.data(ConversationModel::FileStateRole).toInt()) + QLatin1Char('/') +
        QString::number(index.data(ConversationModel::EncryptedRole).toBool()) +
        QString::number(index.data(ConversationModel::AuthenticityRole).toInt()) +
        QString::number(index.data(ConversationModel::WarningRole).toInt()) +
        (index.data(ConversationModel::DayBreakRole).toBool() ? QLatin1String("/day/")
                                                              : QLatin1String("/")) +
        QString::number(o.rect.width()) + QLatin1Char('/') + pictureKey(index, pixelRatio(o));
    if (const auto it = m_sizes.constFind(key); it != m_sizes.constEnd())
        return *it;
    if (m_sizes.size() > 20000)
        m_sizes.clear();
    const Layout l = layout(o, index);
    const qreal body =
        l.notice.isEmpty() ? std::max(l.bubble.height(), qreal(AvatarSize)) : l.notice.height();
    const QSize size(int(o.rect.width()),
                     int(l.separator.height() + l.sender.height() + body + Margin + 0.5));
    m_sizes.insert(key, size);
    return size;
}

void BubbleDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    const Layout l = layout(option, index, true);
    const bool mine = index.data(ConversationModel::OutgoingRole).toBool();
    const auto state = DeliveryState(index.data(ConversationModel::StateRole).toInt());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    // A thumbnail drawn narrower than it was decoded, in a narrow window.
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    const QFont small = smallFont(option.font);
    if (!l.separator.isEmpty()) {
        painter->setFont(small);
        const QString day = dayText(index.data(ConversationModel::TimeRole).toDateTime().date(),
                                    QDate::currentDate());
        const qreal width = QFontMetricsF(small).horizontalAdvance(day) + 20;
        paintNotice(painter, option,
                    QRectF(l.separator.center().x() - width / 2, l.separator.top() + 3, width,
                           l.separator.height() - 8),
                    day);
    }
    if (!l.notice.isEmpty()) {
        paintNotice(painter, option, l.notice, index.data(Qt::DisplayRole).toString());
        painter->restore();
        return;
    }
    const QString who = mine ? m_myName : index.data(ConversationModel::NickRole).toString();
    if (!l.sender.isEmpty()) {
        painter->setFont(small);
        painter->setPen(theme::dimText(option.palette, theme::chatBackground(option.palette)));
        painter->drawText(l.sender, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(small).elidedText(who, Qt::ElideRight, l.sender.width()));
        painter->setFont(option.font);
    }
    painter->drawPixmap(l.avatar.topLeft(),
                        mine && !m_myAvatar.isNull() ? m_myAvatar : avatarFor(who, AvatarSize));
    const BubbleColors colors = bubbleColors(option.palette, index);
    painter->setPen(colors.outline);
    painter->setBrush(colors.fill);
    painter->drawRoundedRect(l.bubble, 8, 8);
    // The search result the keyboard is on (the conversation itself takes no focus).
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(option.palette.color(QPalette::Highlight), 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(l.bubble, 8, 8);
    }
    if (!l.warning.isEmpty()) {
        // The band fills the bubble's top, inside its rounded corners.
        painter->save();
        QPainterPath inside;
        inside.addRoundedRect(l.bubble, 8, 8);
        painter->setClipPath(inside);
        painter->fillRect(l.warning, warningFill(option.palette));
        painter->restore();
        const QColor ink = warningInk(option.palette);
        const QRectF icon(l.warning.left() + WarningPadding, l.warningText.top(), WarningIconSize,
                          WarningIconSize);
        painter->drawPixmap(icon.topLeft(),
                            SecurityMark::pixmap(SecurityMark::Mark::Warning, ink, WarningIconSize,
                                                 pixelRatio(option)));
        painter->setPen(ink);
        painter->setFont(warningFont(option.font));
        painter->drawText(l.warningText, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                          warningText(index));
        painter->setFont(option.font);
    }

    painter->translate(l.text.topLeft());
    // The document's own default is the application's text colour, whatever the fill.
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = option.palette;
    context.palette.setColor(QPalette::Text, colors.text);
    l.doc->documentLayout()->draw(painter, context);
    painter->translate(-l.text.topLeft());

    if (!l.progress.isEmpty()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(theme::mix(colors.fill, option.palette.color(QPalette::Base), 0.6));
        painter->drawRoundedRect(l.progress, 3, 3);
        QRectF done = l.progress;
        done.setWidth(l.progress.width() * index.data(ConversationModel::ProgressRole).toInt() /
                      100.0);
        painter->setBrush(
            theme::readableOn(theme::toneColor(theme::Tone::Success), colors.fill, 3));
        painter->drawRoundedRect(done, 3, 3);
    }
    painter->setFont(small);
    const bool failed = (mine && state == DeliveryState::Failed) ||
                        fileState(index) == ConversationModel::FileState::Failed;
    painter->setPen(failed ? colors.failed : colors.dim);
    if (!l.lock.isEmpty())
        painter->drawPixmap(l.lock.topLeft(),
                            SecurityMark::pixmap(SecurityMark::Mark::Closed, colors.dim, LockSize,
                                                 pixelRatio(option)));
    // Never cut mid-word: a status longer than the bubble can be (a narrow window) ends in "…",
    // and the tooltip has it whole.
    painter->drawText(
        l.meta, Qt::AlignLeft | Qt::AlignVCenter,
        painter->fontMetrics().elidedText(metaText(index), Qt::ElideRight, int(l.meta.width())));
    if (!l.reason.isEmpty())
        painter->drawText(l.reason, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                          reasonText(index, m_plainRefused));
    painter->restore();
}

} // namespace lanpigeon::ui
