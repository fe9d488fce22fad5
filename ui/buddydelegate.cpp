#include "buddydelegate.h"

#include "avatar.h"
#include "models/groupedpeermodel.h"
#include "models/peermodel.h"
#include "models/recentchatsmodel.h"
#include "models/roomlistmodel.h"
#include "securitymark.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>

namespace lanpigeon::ui {

namespace {

struct Person
{
    ChatKey key;
    QString name;
    QString sub;
    QString when;
    ipmsg::Status status = ipmsg::Status::Online;
    bool online = true;
    // Shown next to the name: a changed key must be seen before the chat is opened.
    bool keyChanged = false;
};

QString shortTime(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    const QDate today = QDate::currentDate();
    if (t.date() == today)
        return QLocale().toString(t.time(), QLocale::ShortFormat);
    if (t.date() == today.addDays(-1))
        return BuddyDelegate::tr("Yesterday");
    if (t.date().year() == today.year())
        return QLocale().toString(t.date(), QStringLiteral("MMM d"));
    return QLocale().toString(t.date(), QLocale::ShortFormat);
}

QString statusNote(ipmsg::Status status, const QString &away)
{
    if (status == ipmsg::Status::Busy)
        return away.isEmpty() ? BuddyDelegate::tr("[busy]")
                              : BuddyDelegate::tr("[busy] %1").arg(away);
    return away.isEmpty() ? BuddyDelegate::tr("[away]") : BuddyDelegate::tr("[away] %1").arg(away);
}

} // namespace

BuddyDelegate::BuddyDelegate(Rows rows, const RecentChatsModel *unread, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_rows(rows)
    , m_unread(unread)
{
}

BuddyDelegate::~BuddyDelegate() = default;

QSize BuddyDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    if (m_rows == Rows::Buddies && index.data(GroupedPeerModel::IsGroupRole).toBool())
        return QSize(base.width(), base.height() + 6);
    return QSize(base.width(), 2 * option.fontMetrics.height() + 12);
}

void BuddyDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const
{
    Person person;
    // The name the avatar's letter comes from, before any "👥 " or "(offline)" is added.
    QString avatarName;
    if (m_rows == Rows::Buddies) {
        if (index.data(GroupedPeerModel::IsGroupRole).toBool()) {
            QStyleOptionViewItem o = option;
            o.font.setBold(true);
            QStyledItemDelegate::paint(painter, o, index);
            return;
        }
        person.key = ChatKey::peer(index.data(PeerModel::IdRole).toString());
        person.name = index.data(PeerModel::NickRole).toString();
        person.status = index.data(PeerModel::StatusRole).value<ipmsg::Status>();
        person.keyChanged = index.data(PeerModel::KeyTrustRole).value<crypto::KeyTrust>() ==
                            crypto::KeyTrust::Changed;
        person.sub =
            person.status == ipmsg::Status::Online
                ? index.data(PeerModel::AddressRole).toString()
                : statusNote(person.status, index.data(PeerModel::AwayMessageRole).toString());
        if (index.data(GroupedPeerModel::OfflineRole).toBool()) {
            person.online = false;
            const QString seen = shortTime(index.data(GroupedPeerModel::LastSeenRole).toDateTime());
            person.sub = seen.isEmpty() ? tr("offline") : tr("offline, seen %1").arg(seen);
        }
    } else if (m_rows == Rows::Rooms) {
        person.key = index.data(RoomListModel::KeyRole).value<ChatKey>();
        person.name = index.data(RoomListModel::NameRole).toString();
        // A room we left keeps its row, greyed as an offline buddy is.
        person.online = !index.data(RoomListModel::LeftRole).toBool();
        person.sub = person.online ? tr("%n member(s)", nullptr,
                                        index.data(RoomListModel::MemberCountRole).toInt())
                                   : index.data(RoomListModel::OutTextRole).toString();
    } else {
        person.key = index.data(RecentChatsModel::KeyRole).value<ChatKey>();
        person.name = index.data(RecentChatsModel::NameRole).toString();
        person.online = index.data(RecentChatsModel::OnlineRole).toBool();
        person.status = index.data(RecentChatsModel::StatusRole).value<ipmsg::Status>();
        person.sub = index.data(RecentChatsModel::PreviewRole).toString();
        person.when = shortTime(index.data(RecentChatsModel::TimeRole).toDateTime());
        person.keyChanged = index.data(RecentChatsModel::KeyTrustRole).value<crypto::KeyTrust>() ==
                            crypto::KeyTrust::Changed;
        avatarName = person.name;
        if (!person.online)
            person.name = tr("%1 (offline)").arg(person.name);
        else if (person.key.isRoom())
            person.name = tr("👥 %1").arg(person.name);
    }
    if (avatarName.isEmpty())
        avatarName = person.name;

    QStyleOptionViewItem o = option;
    initStyleOption(&o, index);
    o.text.clear();
    o.icon = QIcon();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &o, painter, o.widget);
    const QRect r = option.rect.adjusted(4, 4, -6, -4);
    const int size = r.height();
    painter->drawPixmap(r.left(), r.top(),
                        withStatus(person.key.isRoom()
                                       ? roomAvatarFor(avatarName, size, person.online)
                                       : avatarFor(avatarName, size, person.online),
                                   person.status));
    const int line = option.fontMetrics.height();
    QRect text(r.left() + size + 8, r.top(), r.width() - size - 8, r.height());
    const bool selected = option.state & QStyle::State_Selected;
    const QColor dim =
        option.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
    painter->save();
    if (selected)
        painter->setPen(option.palette.color(QPalette::HighlightedText));
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.85);
    // The time over the unread count, at the right, as QQ's recent list has them.
    const QRect right(text.left(), text.top(), text.width(), line);
    if (!person.when.isEmpty()) {
        painter->setFont(small);
        painter->setPen(dim);
        painter->drawText(right, Qt::AlignRight | Qt::AlignVCenter, person.when);
        text.setRight(text.right() - QFontMetrics(small).horizontalAdvance(person.when) - 6);
        painter->setPen(
            option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    }
    const int unread = m_unread ? m_unread->unread(person.key) : 0;
    const QRect badgeArea(text.left(), text.top() + line + 2, r.right() - text.left(), line);
    const int badge = paintUnreadBadge(painter, badgeArea, unread);
    QFont nameFont = option.font;
    nameFont.setBold(unread > 0);
    painter->setFont(nameFont);
    // Greyed as the avatar is, as QQ shows a buddy who is not there.
    if (!person.online && m_rows == Rows::Buddies)
        painter->setPen(dim);
    const int markSize = person.keyChanged ? line : 0;
    const int nameRoom = text.width() - (markSize ? markSize + 4 : 0);
    const QString name = QFontMetrics(nameFont).elidedText(person.name, Qt::ElideRight, nameRoom);
    painter->drawText(QRect(text.left(), text.top(), nameRoom, line),
                      Qt::AlignLeft | Qt::AlignVCenter, name);
    if (markSize) {
        const QColor ground = option.palette.color(selected ? QPalette::Highlight : QPalette::Base);
        const int x = text.left() + QFontMetrics(nameFont).horizontalAdvance(name) + 4;
        painter->drawPixmap(QRect(x, text.top(), markSize, markSize),
                            SecurityMark::pixmap(SecurityMark::Mark::Warning, option.palette,
                                                 ground, markSize,
                                                 painter->device()->devicePixelRatioF()));
    }
    painter->setFont(small);
    painter->setPen(dim);
    const int subWidth = r.right() - text.left() - (badge ? badge + 6 : 0);
    painter->drawText(QRect(text.left(), text.top() + line + 2, subWidth, line),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(small).elidedText(person.sub, Qt::ElideRight, subWidth));
    painter->restore();
}

} // namespace lanpigeon::ui
