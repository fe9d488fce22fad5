#include "models/roomfiltermodel.h"

#include "messaging/room.h"
#include "models/peermodel.h"
#include "models/pinyin.h"
#include "models/roomlistmodel.h"

namespace lanpigeon {

RoomFilterModel::RoomFilterModel(const PeerModel *peers, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_peers(peers)
{
}

RoomFilterModel::~RoomFilterModel() = default;

void RoomFilterModel::setText(const QString &text)
{
    const QString wanted = text.trimmed();
    if (wanted == m_text)
        return;
    m_text = wanted;
    invalidateFilter();
}

bool RoomFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    if (text::matchesPinyin(row.data(RoomListModel::NameRole).toString(), m_text))
        return true;
    // A member by the nick they go by online, and by login and computer name always.
    const auto members = row.data(RoomListModel::MembersRole).value<QList<RoomMember>>();
    const QList<Peer> online = m_peers ? m_peers->peers() : QList<Peer>();
    for (const RoomMember &m : members) {
        if (text::matchesPinyin(m.user, m_text) || m.host.contains(m_text, Qt::CaseInsensitive) ||
            (!m.address.isNull() && m.address.toString().contains(m_text)))
            return true;
        for (const Peer &p : online) {
            if (p.user == m.user && p.host == m.host &&
                text::matchesPinyin(p.displayName(), m_text))
                return true;
        }
    }
    return false;
}

} // namespace lanpigeon
