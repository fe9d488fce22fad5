#include "bubbledelegate.h"

#include "avatar.h"
#include "messaging/chatmessage.h"
#include "models/conversationmodel.h"
#include "theme.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QTextDocument>
#include <QTextOption>

namespace lanpigeon::ui {

namespace {
constexpr int Margin = 8;
constexpr int Padding = 9;
constexpr int AvatarSize = 32;
constexpr int MetaHeight = 16;
constexpr int SeparatorHeight = 26;
constexpr int ProgressHeight = 6;

QTextDocument *document(const QString &html, const QFont &font, qreal width)
{
    auto *doc = new QTextDocument;
    doc->setDefaultFont(font);
    doc->setDocumentMargin(0);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    doc->setDefaultTextOption(option);
    doc->setHtml(html);
    doc->setTextWidth(width);
    return doc;
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
    c.text = textOn(palette, c.fill);
    c.dim = dimText(palette, c.fill);
    c.failed = toneText(Tone::Error, c.fill);
    return c;
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
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

QString BubbleDelegate::stateText(const QModelIndex &index)
{
    const bool sealed = index.data(ConversationModel::SealedRole).toBool();
    switch (DeliveryState(index.data(ConversationModel::StateRole).toInt())) {
    case DeliveryState::Sending:
        return sealed ? tr("🔒 sending…") : tr("sending…");
    case DeliveryState::Delivered:
        return sealed ? tr("🔒 sealed, not opened yet") : tr("✓ delivered");
    case DeliveryState::Read:
        return tr("✓✓ read");
    case DeliveryState::Failed:
        return index.data(ConversationModel::RetriableRole).toBool() ? tr("✗ not delivered")
                                                                     : tr("✗ not sent");
    case DeliveryState::Received:
        break;
    }
    return {};
}

QString BubbleDelegate::metaText(const QModelIndex &index)
{
    const bool mine = index.data(ConversationModel::OutgoingRole).toBool();
    QString meta =
        index.data(ConversationModel::TimeRole).toDateTime().toString(QStringLiteral("HH:mm"));
    if (index.data(ConversationModel::AutoReplyRole).toBool())
        meta += QStringLiteral("  ") + tr("[auto-reply]");
    if (fileState(index) != ConversationModel::FileState::None)
        meta += QStringLiteral("  ") + fileStateText(index);
    else if (mine)
        meta += QStringLiteral("  ") + stateText(index);
    else if (index.data(ConversationModel::SealedRole).toBool() &&
             !index.data(ConversationModel::ClosedRole).toBool())
        meta += QStringLiteral("  ") + tr("🔒 opened");
    return meta;
}

QString BubbleDelegate::fileStateText(const QModelIndex &index)
{
    switch (fileState(index)) {
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

QString BubbleDelegate::reasonText(const QModelIndex &index)
{
    if (fileState(index) == ConversationModel::FileState::Failed)
        return index.data(ConversationModel::FileDetailRole).toString();
    if (DeliveryState(index.data(ConversationModel::StateRole).toInt()) != DeliveryState::Failed ||
        !index.data(ConversationModel::OutgoingRole).toBool())
        return {};
    QString why = index.data(ConversationModel::ErrorRole).toString();
    if (why.isEmpty())
        why = tr("no reason given");
    switch (Failure(index.data(ConversationModel::FailureRole).toInt())) {
    case Failure::TooLong:
        return tr("%1. Sending it again cannot help: shorten it, or send it as a file.").arg(why);
    case Failure::NotAnAddress:
        return tr("%1. Sending it again cannot help.").arg(why);
    case Failure::None:
    case Failure::NoAnswer:
    case Failure::NetworkError:
        break;
    }
    return tr("%1. Double-click to send it again.").arg(why);
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
                                              const QModelIndex &index) const
{
    const bool mine = index.data(ConversationModel::OutgoingRole).toBool();
    const bool closed = index.data(ConversationModel::ClosedRole).toBool();
    const qreal full = option.rect.width();
    const qreal maxText = std::max<qreal>(80, full * 0.66 - AvatarSize - 2 * Padding);
    QString html = closed ? QStringLiteral("<i>%1</i>")
                                .arg(index.data(Qt::DisplayRole).toString().toHtmlEscaped())
                          : linkified(index.data(ConversationModel::TextRole).toString());
    if (index.data(ConversationModel::AutoReplyRole).toBool())
        html = QStringLiteral("<i style=\"color:%2\">%1</i>")
                   .arg(html, bubbleColors(option.palette, index).dim.name());
    std::shared_ptr<QTextDocument> doc(document(html, option.font, maxText));
    const qreal textWidth = std::min(maxText, doc->idealWidth() + 1);
    const QSizeF textSize(textWidth, doc->size().height());
    const QFontMetricsF small(smallFont(option.font));
    const qreal metaWidth = small.horizontalAdvance(metaText(index)) + 2;
    const QString reason = reasonText(index);
    qreal bubbleWidth = std::max(textSize.width(), std::min(metaWidth, maxText));
    qreal reasonHeight = 0;
    if (!reason.isEmpty()) {
        bubbleWidth = std::max(bubbleWidth, std::min(small.horizontalAdvance(reason) + 2, maxText));
        reasonHeight = small
                           .boundingRect(QRectF(0, 0, bubbleWidth, 10000),
                                         Qt::TextWordWrap | Qt::AlignLeft, reason)
                           .height() +
                       2;
    }
    bubbleWidth += 2 * Padding;
    const bool progress = fileState(index) == ConversationModel::FileState::Sending;
    const qreal bubbleHeight = textSize.height() + (progress ? ProgressHeight + 4 : 0) +
                               MetaHeight + reasonHeight + 2 * Padding;
    Layout l;
    qreal top = option.rect.top() + Margin / 2.0;
    if (index.data(ConversationModel::DayBreakRole).toBool()) {
        l.separator = QRectF(option.rect.left(), top, full, SeparatorHeight);
        top += SeparatorHeight;
    }
    if (mine) {
        l.avatar = QRectF(option.rect.right() - Margin - AvatarSize, top, AvatarSize, AvatarSize);
        l.bubble = QRectF(l.avatar.left() - Margin - bubbleWidth, top, bubbleWidth, bubbleHeight);
    } else {
        l.avatar = QRectF(option.rect.left() + Margin, top, AvatarSize, AvatarSize);
        l.bubble = QRectF(l.avatar.right() + Margin, top, bubbleWidth, bubbleHeight);
    }
    l.text = QRectF(l.bubble.left() + Padding, l.bubble.top() + Padding, textSize.width(),
                    textSize.height());
    qreal below = l.text.bottom() + 2;
    if (progress) {
        l.progress =
            QRectF(l.text.left(), below + 2, l.bubble.width() - 2 * Padding, ProgressHeight);
        below = l.progress.bottom() + 2;
    }
    l.meta = QRectF(l.bubble.left() + Padding, below, l.bubble.width() - 2 * Padding, MetaHeight);
    if (reasonHeight > 0)
        l.reason = QRectF(l.meta.left(), l.meta.bottom(), l.meta.width(), reasonHeight);
    doc->setTextWidth(l.text.width() + 1);
    l.doc = std::move(doc);
    return l;
}

QSize BubbleDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem o = option;
    if (o.rect.width() <= 0)
        o.rect.setWidth(400);
    const QString key =
        index.data(ConversationModel::IdRole).toString() + QLatin1Char('/') +
        QString::number(index.data(ConversationModel::StateRole).toInt()) + QLatin1Char('/') +
        QString::number(index.data(ConversationModel::FailureRole).toInt()) + QLatin1Char('/') +
        QString::number(index.data(ConversationModel::FileStateRole).toInt()) +
        (index.data(ConversationModel::DayBreakRole).toBool() ? QLatin1String("/day/")
                                                              : QLatin1String("/")) +
        QString::number(o.rect.width());
    if (const auto it = m_sizes.constFind(key); it != m_sizes.constEnd())
        return *it;
    if (m_sizes.size() > 20000)
        m_sizes.clear();
    const Layout l = layout(o, index);
    const QSize size(
        int(o.rect.width()),
        int(l.separator.height() + std::max(l.bubble.height(), qreal(AvatarSize)) + Margin + 0.5));
    m_sizes.insert(key, size);
    return size;
}

void BubbleDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    const Layout l = layout(option, index);
    const bool mine = index.data(ConversationModel::OutgoingRole).toBool();
    const auto state = DeliveryState(index.data(ConversationModel::StateRole).toInt());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont small = smallFont(option.font);
    if (!l.separator.isEmpty()) {
        painter->setFont(small);
        const QString day = dayText(index.data(ConversationModel::TimeRole).toDateTime().date(),
                                    QDate::currentDate());
        const qreal width = QFontMetricsF(small).horizontalAdvance(day) + 20;
        const QRectF pill(l.separator.center().x() - width / 2, l.separator.top() + 3, width,
                          l.separator.height() - 8);
        const QColor fill = theme::mix(theme::chatBackground(option.palette),
                                       option.palette.color(QPalette::Text), 0.12);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
        painter->setPen(theme::dimText(option.palette, fill));
        painter->drawText(pill, Qt::AlignCenter, day);
    }
    const QString who = mine ? m_myName : index.data(ConversationModel::NickRole).toString();
    painter->drawPixmap(l.avatar.topLeft(),
                        mine && !m_myAvatar.isNull() ? m_myAvatar : avatarFor(who, AvatarSize));
    const BubbleColors colors = bubbleColors(option.palette, index);
    painter->setPen(colors.outline);
    painter->setBrush(colors.fill);
    painter->drawRoundedRect(l.bubble, 8, 8);

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
    painter->drawText(l.meta, Qt::AlignLeft | Qt::AlignVCenter, metaText(index));
    if (!l.reason.isEmpty())
        painter->drawText(l.reason, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                          reasonText(index));
    painter->restore();
}

} // namespace lanpigeon::ui
