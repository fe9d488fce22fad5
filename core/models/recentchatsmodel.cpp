#include "models/recentchatsmodel.h"

#include "common/clock.h"
#include "common/threadcheck.h"
#include "models/peermodel.h"

#include <algorithm>

namespace lanpigeon {

RecentChatsModel::RecentChatsModel(PeerModel *peers, QObject *parent)
    : QAbstractListModel(parent)
    , m_peers(peers)
{
    connect(peers, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                for (int row = from.row(); row <= to.row(); ++row)
                    refreshPeer(from.siblingAtRow(row).data(PeerModel::IdRole).toString());
            });
    // Who came or went is not told by rowsRemoved (the row is gone): refresh all, they are few.
    auto refreshAll = [this] {
        if (!m_chats.isEmpty())
            emit dataChanged(index(0), index(int(m_chats.size()) - 1));
    };
    connect(peers, &QAbstractItemModel::rowsInserted, this, refreshAll);
    connect(peers, &QAbstractItemModel::rowsRemoved, this, refreshAll);
    connect(peers, &QAbstractItemModel::modelReset, this, refreshAll);
}

RecentChatsModel::~RecentChatsModel() = default;

int RecentChatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_chats.size());
}

QVariant RecentChatsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_chats.size())
        return {};
    const Chat &c = m_chats.at(index.row());
    // A group chat is never offline: it is there while any member is.
    const Peer *peer = c.key.isRoom() ? nullptr : m_peers->find(c.key.peerId);
    const bool online = c.key.isRoom() || peer;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return name(c.key);
    case Qt::ToolTipRole:
        if (c.key.isRoom())
            return name(c.key);
        return peer ? c.key.peerId : tr("%1 (offline)").arg(c.key.peerId);
    case PeerIdRole:
        return c.key.peerId;
    case KeyRole:
        return QVariant::fromValue(c.key);
    case IsRoomRole:
        return c.key.isRoom();
    case PreviewRole:
        return c.preview;
    case TimeRole:
        return c.timestampMs ? QDateTime::fromMSecsSinceEpoch(c.timestampMs) : QDateTime();
    case UnreadRole:
        return c.unread;
    case OnlineRole:
        return online;
    case StatusRole:
        return QVariant::fromValue(peer ? peer->status : ipmsg::Status::Online);
    case KeyTrustRole:
        return QVariant::fromValue(peer ? peer->key.trust : crypto::KeyTrust::Unknown);
    default:
        return {};
    }
}

QString RecentChatsModel::offerSummary(const QList<OfferItem> &items)
{
    if (items.isEmpty())
        return tr("📎 Files");
    const bool folders =
        std::all_of(items.cbegin(), items.cend(), [](const OfferItem &i) { return i.isDir; });
    const QString first = items.first().name;
    if (items.size() == 1)
        return folders ? tr("📁 %1").arg(first) : tr("📎 %1").arg(first);
    const QString what = tr("%1 and %n more", nullptr, int(items.size() - 1)).arg(first);
    return folders ? tr("📁 %1").arg(what) : tr("📎 %1").arg(what);
}

void RecentChatsModel::noteSentOffer(const QString &messageId, const QList<OfferItem> &items)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_sentOffers.insert(messageId, offerSummary(items));
}

QString RecentChatsModel::previewOf(const ChatMessage &message) const
{
    if (!message.notice.isNull())
        return roomNoticeText(message.notice, message.direction == Direction::Outgoing);
    if (message.sealed && message.direction == Direction::Incoming)
        return tr("✉ Sealed message");
    if (message.text.isEmpty())
        return m_sentOffers.value(message.id, tr("📎 Files"));
    QString line = message.text.simplified();
    if (line.size() > 80)
        line = line.left(79) + QChar(0x2026);
    if (message.autoReply)
        line = tr("[auto-reply] %1").arg(line);
    if (message.direction == Direction::Outgoing)
        return tr("Me: %1").arg(line);
    // In a group chat, who said it comes first, as in QQ's list.
    return message.roomId.isNull() ? line : tr("%1: %2").arg(message.peerNick, line);
}

void RecentChatsModel::addHistory(const QList<ChatMessage> &latest)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    for (const ChatMessage &m : latest) {
        const ChatKey key = ChatKey::of(m);
        const int row = rowOf(key);
        if (row >= 0 && m_chats.at(row).timestampMs >= m.timestampMs)
            continue;
        Chat &c = chatFor(key, m.timestampMs);
        if (c.name.isEmpty() && !key.isRoom())
            c.name = m.peerNick;
        c.preview = previewOf(m);
        c.timestampMs = m.timestampMs;
        c.rowId = m.rowId;
        const QModelIndex at = indexOf(key);
        emit dataChanged(at, at);
    }
}

void RecentChatsModel::addMessage(const ChatMessage &message)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    // Our auto-reply answers what they wrote, which the row keeps showing (as QQ's list does).
    if (message.autoReply && message.direction == Direction::Outgoing &&
        rowOf(ChatKey::of(message)) >= 0)
        return;
    const ChatKey key = ChatKey::of(message);
    // A queued message sent at last (its reader came back), or sent again by hand, keeps its
    // row in history: one older than the row shown is not the conversation's last words.
    if (const int row = rowOf(key);
        row >= 0 && message.rowId > 0 && message.rowId < m_chats.at(row).rowId)
        return;
    Chat &c = chatFor(key, message.timestampMs);
    // What we wrote to a peer that is gone names it by its address: keep the name it had.
    if (!key.isRoom() && !message.peerNick.isEmpty() && message.peerNick != message.peerId &&
        (message.direction == Direction::Incoming || c.name.isEmpty()))
        c.name = message.peerNick;
    c.preview = previewOf(message);
    c.timestampMs = std::max(c.timestampMs, message.timestampMs);
    c.rowId = std::max(c.rowId, message.rowId);
    moveToTop(rowOf(key));
    const QModelIndex at = indexOf(key);
    emit dataChanged(at, at);
}

void RecentChatsModel::addOffer(const FileOffer &offer)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const qint64 now = clock::wallMs();
    Chat &c = chatFor(ChatKey::peer(offer.peerId), now);
    if (!offer.peerNick.isEmpty())
        c.name = offer.peerNick;
    const QString what = offerSummary(offer.items);
    c.preview = offer.message.isEmpty() ? what : tr("%1: %2").arg(what, offer.message.simplified());
    c.timestampMs = now;
    moveToTop(rowOf(offer.peerId));
    const QModelIndex at = indexOf(offer.peerId);
    emit dataChanged(at, at);
}

void RecentChatsModel::touch(const ChatKey &key, const QString &name)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (rowOf(key) >= 0)
        return;
    Chat &c = chatFor(key, clock::wallMs());
    if (!key.isRoom())
        c.name = name;
}

void RecentChatsModel::setRoom(const Room &room)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_roomNames.insert(room.id, room.name);
    const int row = rowOf(ChatKey::room(room.id));
    if (row < 0)
        return;
    m_chats[row].name = room.name;
    emit dataChanged(index(row), index(row));
}

RecentChatsModel::Chat &RecentChatsModel::chatFor(const ChatKey &key, qint64 timestampMs)
{
    const int row = rowOf(key);
    if (row >= 0)
        return m_chats[row];
    // Keep newest first: history may hand over conversations in any order.
    int at = 0;
    while (at < m_chats.size() && m_chats.at(at).timestampMs > timestampMs)
        ++at;
    beginInsertRows({}, at, at);
    Chat c;
    c.key = key;
    c.timestampMs = timestampMs;
    if (key.isRoom())
        c.name = m_roomNames.value(key.roomId);
    else if (const Peer *p = m_peers->find(key.peerId))
        c.name = p->displayName();
    m_chats.insert(at, c);
    reindex();
    endInsertRows();
    return m_chats[at];
}

void RecentChatsModel::moveToTop(int row)
{
    if (row <= 0)
        return;
    beginMoveRows({}, row, row, {}, 0);
    m_chats.move(row, 0);
    reindex();
    endMoveRows();
}

void RecentChatsModel::remove(const ChatKey &key)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = rowOf(key);
    if (row < 0)
        return;
    const int unread = m_chats.at(row).unread;
    beginRemoveRows({}, row, row);
    m_chats.removeAt(row);
    reindex();
    endRemoveRows();
    if (unread) {
        m_unreadTotal -= unread;
        emit unreadChanged();
    }
}

void RecentChatsModel::move(const QString &fromPeerId, const QString &toPeerId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int from = rowOf(fromPeerId);
    if (from < 0 || fromPeerId == toPeerId)
        return;
    const int to = rowOf(toPeerId);
    if (to < 0) {
        m_chats[from].key = ChatKey::peer(toPeerId);
        reindex();
        refreshPeer(toPeerId);
        // Kept unread counts are filed by peer id.
        if (m_chats.at(from).unread)
            emit unreadChanged();
        return;
    }
    // Both listed: one row, with the newer words and both unread counts.
    const Chat old = m_chats.at(from);
    Chat &kept = m_chats[to];
    kept.unread += old.unread;
    if (old.timestampMs > kept.timestampMs) {
        kept.preview = old.preview;
        kept.timestampMs = old.timestampMs;
        kept.rowId = old.rowId;
    }
    if (kept.name.isEmpty())
        kept.name = old.name;
    beginRemoveRows({}, from, from);
    m_chats.removeAt(from);
    reindex();
    endRemoveRows();
    // The old row was above (it moved last): the merged one takes its place.
    if (from < to && to - 1 != from) {
        beginMoveRows({}, to - 1, to - 1, {}, from);
        m_chats.move(to - 1, from);
        reindex();
        endMoveRows();
    }
    const QModelIndex at = indexOf(toPeerId);
    emit dataChanged(at, at);
    if (old.unread)
        emit unreadChanged();
}

void RecentChatsModel::addUnread(const ChatKey &key, int count)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (count <= 0)
        return;
    Chat &c = chatFor(key, clock::wallMs());
    c.unread += count;
    m_unreadTotal += count;
    const QModelIndex at = indexOf(key);
    emit dataChanged(at, at, {UnreadRole});
    emit unreadChanged();
}

void RecentChatsModel::clearUnread(const ChatKey &key)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = rowOf(key);
    if (row < 0 || m_chats.at(row).unread == 0)
        return;
    m_unreadTotal -= m_chats.at(row).unread;
    m_chats[row].unread = 0;
    emit dataChanged(index(row), index(row), {UnreadRole});
    emit unreadChanged();
}

int RecentChatsModel::unread(const ChatKey &key) const
{
    const int row = rowOf(key);
    return row < 0 ? 0 : m_chats.at(row).unread;
}

ChatKey RecentChatsModel::newestUnread() const
{
    for (const Chat &c : m_chats) {
        if (c.unread)
            return c.key;
    }
    return {};
}

QString RecentChatsModel::name(const ChatKey &key) const
{
    if (key.isRoom()) {
        const QString known = m_roomNames.value(key.roomId);
        if (!known.isEmpty())
            return known;
        const int row = rowOf(key);
        return row >= 0 && !m_chats.at(row).name.isEmpty() ? m_chats.at(row).name
                                                           : tr("Group chat");
    }
    if (const Peer *p = m_peers->find(key.peerId))
        return p->displayName();
    const int row = rowOf(key);
    if (row >= 0 && !m_chats.at(row).name.isEmpty())
        return m_chats.at(row).name;
    return key.peerId;
}

QModelIndex RecentChatsModel::indexOf(const ChatKey &key) const
{
    const int row = rowOf(key);
    return row < 0 ? QModelIndex() : index(row);
}

void RecentChatsModel::refreshPeer(const QString &peerId)
{
    const int row = rowOf(ChatKey::peer(peerId));
    if (row < 0)
        return;
    if (const Peer *p = m_peers->find(peerId))
        m_chats[row].name = p->displayName();
    emit dataChanged(index(row), index(row));
}

void RecentChatsModel::reindex()
{
    m_rows.clear();
    for (int i = 0; i < m_chats.size(); ++i)
        m_rows.insert(m_chats.at(i).key, i);
}

} // namespace lanpigeon
