#include "bubbledelegate.h"

#include "avatar.h"
#include "chatmessage.h"
#include "conversationmodel.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDateTime>
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

QTextDocument *document(const QString &text, const QFont &font, qreal width)
{
    auto *doc = new QTextDocument;
    doc->setDefaultFont(font);
    doc->setDocumentMargin(0);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    doc->setDefaultTextOption(option);
    doc->setHtml(BubbleDelegate::linkified(text));
    doc->setTextWidth(width);
    return doc;
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
    switch (DeliveryState(index.data(ConversationModel::StateRole).toInt())) {
    case DeliveryState::Sending:
        return tr("sending…");
    case DeliveryState::Delivered:
        return tr("✓ delivered");
    case DeliveryState::Read:
        return tr("✓✓ read");
    case DeliveryState::Failed:
        return tr("✗ not delivered — double-click to retry");
    case DeliveryState::Received:
        break;
    }
    return {};
}

BubbleDelegate::Layout BubbleDelegate::layout(const QStyleOptionViewItem &option,
                                              const QModelIndex &index) const
{
    const bool mine = index.data(ConversationModel::OutgoingRole).toBool();
    const qreal full = option.rect.width();
    const qreal maxText = std::max<qreal>(80, full * 0.66 - AvatarSize - 2 * Padding);
    std::shared_ptr<QTextDocument> doc(
        document(index.data(ConversationModel::TextRole).toString(), option.font, maxText));
    const qreal textWidth = std::min(maxText, doc->idealWidth() + 1);
    const QSizeF textSize(textWidth, doc->size().height());
    const QFontMetricsF small(option.font);
    const qreal metaWidth =
        small.horizontalAdvance(
            index.data(ConversationModel::TimeRole).toDateTime().toString(QStringLiteral("HH:mm")) +
            QStringLiteral("  ") + stateText(index)) *
        0.9;
    const qreal bubbleWidth =
        std::max(textSize.width(), std::min(metaWidth, maxText)) + 2 * Padding;
    const qreal bubbleHeight = textSize.height() + MetaHeight + 2 * Padding;
    Layout l;
    const qreal top = option.rect.top() + Margin / 2.0;
    if (mine) {
        l.avatar = QRectF(option.rect.right() - Margin - AvatarSize, top, AvatarSize, AvatarSize);
        l.bubble = QRectF(l.avatar.left() - Margin - bubbleWidth, top, bubbleWidth, bubbleHeight);
    } else {
        l.avatar = QRectF(option.rect.left() + Margin, top, AvatarSize, AvatarSize);
        l.bubble = QRectF(l.avatar.right() + Margin, top, bubbleWidth, bubbleHeight);
    }
    l.text = QRectF(l.bubble.left() + Padding, l.bubble.top() + Padding, textSize.width(),
                    textSize.height());
    l.meta = QRectF(l.bubble.left() + Padding, l.text.bottom() + 2, l.bubble.width() - 2 * Padding,
                    MetaHeight);
    doc->setTextWidth(l.text.width() + 1);
    l.doc = std::move(doc);
    return l;
}

QSize BubbleDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem o = option;
    if (o.rect.width() <= 0)
        o.rect.setWidth(400);
    const QString key = index.data(ConversationModel::IdRole).toString() + QLatin1Char('/') +
                        QString::number(index.data(ConversationModel::StateRole).toInt()) +
                        QLatin1Char('/') + QString::number(o.rect.width());
    if (const auto it = m_sizes.constFind(key); it != m_sizes.constEnd())
        return *it;
    if (m_sizes.size() > 20000)
        m_sizes.clear();
    const Layout l = layout(o, index);
    const QSize size(int(o.rect.width()),
                     int(std::max(l.bubble.height(), qreal(AvatarSize)) + Margin + 0.5));
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
    const QString who = mine ? m_myName : index.data(ConversationModel::NickRole).toString();
    painter->drawPixmap(l.avatar.topLeft(),
                        mine && !m_myAvatar.isNull() ? m_myAvatar : avatarFor(who, AvatarSize));
    QColor fill = mine ? QColor(0x9e, 0xea, 0x6a) : QColor(0xff, 0xff, 0xff);
    if (mine && state == DeliveryState::Failed)
        fill = QColor(0xff, 0xd6, 0xd6);
    painter->setPen(QPen(QColor(0, 0, 0, 30), 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(l.bubble, 8, 8);

    painter->translate(l.text.topLeft());
    l.doc->drawContents(painter);
    painter->translate(-l.text.topLeft());

    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.8);
    painter->setFont(small);
    painter->setPen(state == DeliveryState::Failed ? QColor(0xb0, 0x20, 0x20)
                                                   : QColor(0x70, 0x70, 0x70));
    QString meta =
        index.data(ConversationModel::TimeRole).toDateTime().toString(QStringLiteral("HH:mm"));
    if (mine)
        meta += QStringLiteral("  ") + stateText(index);
    if (index.data(ConversationModel::SealedRole).toBool())
        meta += QStringLiteral("  🔒");
    painter->drawText(l.meta, Qt::AlignLeft | Qt::AlignVCenter, meta);
    painter->restore();
}

} // namespace lanpigeon::ui
