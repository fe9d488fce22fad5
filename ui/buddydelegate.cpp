#include "buddydelegate.h"

#include "avatar.h"
#include "groupedpeermodel.h"
#include "peermodel.h"

#include <QApplication>
#include <QPainter>

namespace lanpigeon::ui {

BuddyDelegate::BuddyDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

BuddyDelegate::~BuddyDelegate() = default;

QSize BuddyDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(GroupedPeerModel::IsGroupRole).toBool())
        return QSize(base.width(), base.height() + 6);
    return QSize(base.width(), 2 * option.fontMetrics.height() + 12);
}

void BuddyDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const
{
    if (index.data(GroupedPeerModel::IsGroupRole).toBool()) {
        QStyleOptionViewItem o = option;
        o.font.setBold(true);
        QStyledItemDelegate::paint(painter, o, index);
        return;
    }
    QStyleOptionViewItem o = option;
    initStyleOption(&o, index);
    o.text.clear();
    o.icon = QIcon();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &o, painter, o.widget);
    const QRect r = option.rect.adjusted(4, 4, -4, -4);
    const int size = r.height();
    const QString nick = index.data(PeerModel::NickRole).toString();
    const auto status = ipmsg::Status(index.data(PeerModel::StatusRole).toInt());
    painter->drawPixmap(r.left(), r.top(), avatarFor(nick, size, status == ipmsg::Status::Online));
    const int line = option.fontMetrics.height();
    const QRect text(r.left() + size + 8, r.top(), r.width() - size - 8, r.height());
    painter->save();
    if (option.state & QStyle::State_Selected)
        painter->setPen(option.palette.color(QPalette::HighlightedText));
    painter->drawText(QRect(text.left(), text.top(), text.width(), line),
                      Qt::AlignLeft | Qt::AlignVCenter, nick);
    QString sub = index.data(PeerModel::AddressRole).toString();
    if (status != ipmsg::Status::Online) {
        const QString away = index.data(PeerModel::AwayMessageRole).toString();
        sub = status == ipmsg::Status::Busy ? tr("[busy] %1").arg(away) : tr("[away] %1").arg(away);
    }
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.85);
    painter->setFont(small);
    if (!(option.state & QStyle::State_Selected))
        painter->setPen(QColor(0x80, 0x80, 0x80));
    painter->drawText(QRect(text.left(), text.top() + line + 2, text.width(), line),
                      Qt::AlignLeft | Qt::AlignVCenter, sub);
    painter->restore();
}

} // namespace lanpigeon::ui
