#include "models/groupedpeermodel.h"

#include "models/peermodel.h"

namespace lanpigeon {

GroupedPeerModel::GroupedPeerModel(PeerModel *peers, QObject *parent)
    : QAbstractItemModel(parent)
    , m_peers(peers)
{
    connect(peers, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row)
                    add(m_peers->index(row).data(PeerModel::IdRole).toString(),
                        groupOfRow(m_peers, row));
            });
    connect(peers, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row)
                    remove(m_peers->index(row).data(PeerModel::IdRole).toString());
            });
    connect(peers, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
                    const QString id = m_peers->index(row).data(PeerModel::IdRole).toString();
                    const QString group = groupOfRow(m_peers, row);
                    if (m_groupOf.value(id) != group) {
                        remove(id);
                        add(id, group);
                    } else {
                        const QModelIndex i = indexOfPeer(id);
                        emit dataChanged(i, i);
                        // Its status may have moved it between online and away in the count.
                        const QModelIndex g = i.parent();
                        emit dataChanged(g, g);
                    }
                }
            });
    connect(peers, &QAbstractItemModel::modelReset, this, &GroupedPeerModel::rebuild);
    connect(peers, &QAbstractItemModel::layoutChanged, this, &GroupedPeerModel::rebuild);
    rebuild();
}

GroupedPeerModel::~GroupedPeerModel() = default;

QString GroupedPeerModel::groupOfRow(const PeerModel *peers, int row)
{
    return peers->index(row).data(PeerModel::GroupRole).toString().trimmed();
}

int GroupedPeerModel::groupRow(quintptr key) const
{
    for (int i = 0; i < m_groups.size(); ++i) {
        if (m_groups.at(i).key == key)
            return i;
    }
    return -1;
}

int GroupedPeerModel::groupRow(const QString &name) const
{
    for (int i = 0; i < m_groups.size(); ++i) {
        if (m_groups.at(i).name == name)
            return i;
    }
    return -1;
}

void GroupedPeerModel::rebuild()
{
    beginResetModel();
    m_groups.clear();
    m_groupOf.clear();
    endResetModel();
    for (int row = 0; row < m_peers->rowCount(); ++row)
        add(m_peers->index(row).data(PeerModel::IdRole).toString(), groupOfRow(m_peers, row));
}

void GroupedPeerModel::add(const QString &peerId, const QString &group)
{
    if (m_groupOf.contains(peerId))
        return;
    int g = groupRow(group);
    if (g < 0) {
        // Named groups sorted, the peers who name none last.
        g = 0;
        while (g < m_groups.size() && !m_groups.at(g).name.isEmpty() &&
               (group.isEmpty() || m_groups.at(g).name.localeAwareCompare(group) < 0))
            ++g;
        beginInsertRows({}, g, g);
        m_groups.insert(g, Group{m_nextKey++, group, {}});
        endInsertRows();
    }
    Group &target = m_groups[g];
    const int row = int(target.peerIds.size());
    beginInsertRows(index(g, 0), row, row);
    target.peerIds.append(peerId);
    m_groupOf.insert(peerId, group);
    endInsertRows();
    const QModelIndex groupIndex = index(g, 0);
    emit dataChanged(groupIndex, groupIndex);
}

void GroupedPeerModel::remove(const QString &peerId)
{
    const auto it = m_groupOf.constFind(peerId);
    if (it == m_groupOf.constEnd())
        return;
    const int g = groupRow(*it);
    m_groupOf.erase(it);
    if (g < 0)
        return;
    const int row = int(m_groups.at(g).peerIds.indexOf(peerId));
    if (row < 0)
        return;
    if (m_groups.at(g).peerIds.size() == 1) {
        beginRemoveRows({}, g, g);
        m_groups.removeAt(g);
        endRemoveRows();
        return;
    }
    beginRemoveRows(index(g, 0), row, row);
    m_groups[g].peerIds.removeAt(row);
    endRemoveRows();
    const QModelIndex groupIndex = index(g, 0);
    emit dataChanged(groupIndex, groupIndex);
}

QModelIndex GroupedPeerModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, 0, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= m_groups.size())
        return {};
    const Group &g = m_groups.at(parent.row());
    return row < g.peerIds.size() ? createIndex(row, 0, g.key) : QModelIndex();
}

QModelIndex GroupedPeerModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const int g = groupRow(child.internalId());
    return g < 0 ? QModelIndex() : createIndex(g, 0, quintptr(0));
}

int GroupedPeerModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() != 0 || parent.row() >= m_groups.size())
        return 0;
    return int(m_groups.at(parent.row()).peerIds.size());
}

int GroupedPeerModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant GroupedPeerModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == 0) {
        if (index.row() >= m_groups.size())
            return {};
        const Group &g = m_groups.at(index.row());
        const QString name = g.name.isEmpty() ? tr("No workgroup") : g.name;
        switch (role) {
        case Qt::DisplayRole: {
            // Away and busy are there, but not to be counted on for an answer.
            int away = 0;
            int busy = 0;
            for (const QString &id : g.peerIds) {
                const Peer *p = m_peers->find(id);
                away += p && p->status == ipmsg::Status::Away;
                busy += p && p->status == ipmsg::Status::Busy;
            }
            const int online = int(g.peerIds.size()) - away - busy;
            if (away && busy)
                return tr("%1 (%2 online, %3 away, %4 busy)")
                    .arg(name)
                    .arg(online)
                    .arg(away)
                    .arg(busy);
            if (busy)
                return tr("%1 (%2 online, %3 busy)").arg(name).arg(online).arg(busy);
            if (away)
                return tr("%1 (%2 online, %3 away)").arg(name).arg(online).arg(away);
            return tr("%1 (%2 online)").arg(name).arg(online);
        }
        case IsGroupRole:
            return true;
        case GroupNameRole:
            return g.name;
        case PeerCountRole:
            return int(g.peerIds.size());
        case PeerModel::GroupRole:
            return g.name;
        default:
            return {};
        }
    }
    const int g = groupRow(index.internalId());
    if (g < 0 || index.row() >= m_groups.at(g).peerIds.size())
        return {};
    if (role == IsGroupRole)
        return false;
    const int sourceRow = m_peers->rowOf(m_groups.at(g).peerIds.at(index.row()));
    return sourceRow < 0 ? QVariant() : m_peers->index(sourceRow).data(role);
}

QModelIndex GroupedPeerModel::indexOfPeer(const QString &peerId) const
{
    const int g = groupRow(m_groupOf.value(peerId));
    if (g < 0 || !m_groupOf.contains(peerId))
        return {};
    const int row = int(m_groups.at(g).peerIds.indexOf(peerId));
    return row < 0 ? QModelIndex() : createIndex(row, 0, m_groups.at(g).key);
}

QModelIndex GroupedPeerModel::indexOfGroup(const QString &name) const
{
    const int g = groupRow(name);
    return g < 0 ? QModelIndex() : createIndex(g, 0, quintptr(0));
}

QStringList GroupedPeerModel::peerIds(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == 0)
        return index.row() < m_groups.size() ? m_groups.at(index.row()).peerIds : QStringList();
    return {index.data(PeerModel::IdRole).toString()};
}

} // namespace lanpigeon
