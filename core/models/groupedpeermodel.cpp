#include "models/groupedpeermodel.h"

#include "models/peermodel.h"

#include <QDateTime>
#include <QLocale>

namespace lanpigeon {

GroupedPeerModel::GroupedPeerModel(PeerModel *peers, QObject *parent)
    : QAbstractItemModel(parent)
    , m_peers(peers)
{
    connect(peers, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row) {
                    const QModelIndex i = m_peers->index(row);
                    const QString id = i.data(PeerModel::IdRole).toString();
                    add(id, groupOfRow(m_peers, row));
                    personOnline(id, i);
                }
            });
    connect(peers, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row) {
                    const QString id = m_peers->index(row).data(PeerModel::IdRole).toString();
                    // Grey first, into the group the live row keeps alive meanwhile.
                    personOffline(id);
                    remove(id);
                }
            });
    connect(
        peers, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
                const QModelIndex source = m_peers->index(row);
                const QString id = source.data(PeerModel::IdRole).toString();
                const QString group = groupOfRow(m_peers, row);
                if (m_groupOf.value(id) != group || !inOrder(id)) {
                    remove(id);
                    add(id, group);
                } else {
                    const QModelIndex i = indexOfPeer(id);
                    emit dataChanged(i, i);
                    // Its status may have moved it between online and away in the count.
                    const QModelIndex g = i.parent();
                    emit dataChanged(g, g);
                }
                const QVariant key = source.data(PeerModel::PersonKeyRole);
                const PersonRef now{source.data(PeerModel::PersonRole).toString(), key.toString()};
                const auto counted = m_personOf.constFind(id);
                const bool same = counted == m_personOf.constEnd()
                                      ? now.person.isEmpty() || !key.isValid()
                                      : key.isValid() && *counted == now;
                if (!same) {
                    personOffline(id);
                    personOnline(id, source);
                }
            }
        });
    connect(peers, &QAbstractItemModel::modelReset, this, &GroupedPeerModel::rebuild);
    connect(peers, &QAbstractItemModel::layoutChanged, this, &GroupedPeerModel::rebuild);
    rebuild();
}

GroupedPeerModel::~GroupedPeerModel() = default;

bool GroupedPeerModel::inOrder(const QString &peerId) const
{
    const QModelIndex at = indexOfPeer(peerId);
    if (!at.isValid())
        return true;
    const QStringList &ids = m_groups.at(at.parent().row()).peerIds;
    const QString name = nameOf(peerId);
    const int row = at.row();
    return (row == 0 || nameOf(ids.at(row - 1)).localeAwareCompare(name) <= 0) &&
           (row + 1 >= ids.size() || name.localeAwareCompare(nameOf(ids.at(row + 1))) <= 0);
}

QString GroupedPeerModel::nameOf(const QString &peerId) const
{
    const Peer *p = m_peers->find(peerId);
    return p ? p->displayName() : QString();
}

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
    m_offlineGroupOf.clear();
    m_personOf.clear();
    m_online.clear();
    endResetModel();
    for (int row = 0; row < m_peers->rowCount(); ++row) {
        const QModelIndex i = m_peers->index(row);
        const QString id = i.data(PeerModel::IdRole).toString();
        add(id, groupOfRow(m_peers, row));
        personOnline(id, i);
    }
    for (const PersonRef &who : m_buddies.keys())
        syncOffline(who);
}

int GroupedPeerModel::ensureGroup(const QString &name)
{
    int g = groupRow(name);
    if (g >= 0)
        return g;
    // Named groups sorted, the peers who name none last.
    g = 0;
    while (g < m_groups.size() && !m_groups.at(g).name.isEmpty() &&
           (name.isEmpty() || m_groups.at(g).name.localeAwareCompare(name) < 0))
        ++g;
    beginInsertRows({}, g, g);
    m_groups.insert(g, Group{m_nextKey++, name, {}, {}});
    endInsertRows();
    return g;
}

void GroupedPeerModel::removeChild(int g, int row, const std::function<void(Group &)> &take)
{
    const Group &group = m_groups.at(g);
    if (group.peerIds.size() + group.offline.size() == 1) {
        beginRemoveRows({}, g, g);
        m_groups.removeAt(g);
        endRemoveRows();
        return;
    }
    beginRemoveRows(index(g, 0), row, row);
    take(m_groups[g]);
    endRemoveRows();
    const QModelIndex groupIndex = index(g, 0);
    emit dataChanged(groupIndex, groupIndex);
}

void GroupedPeerModel::add(const QString &peerId, const QString &group)
{
    if (m_groupOf.contains(peerId))
        return;
    const int g = ensureGroup(group);
    Group &target = m_groups[g];
    // Online ones by name, before the offline: a row does not move under the mouse because
    // someone else came back.
    const QString name = nameOf(peerId);
    int row = 0;
    while (row < target.peerIds.size() &&
           nameOf(target.peerIds.at(row)).localeAwareCompare(name) <= 0)
        ++row;
    beginInsertRows(index(g, 0), row, row);
    target.peerIds.insert(row, peerId);
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
    removeChild(g, row, [row](Group &group) { group.peerIds.removeAt(row); });
}

void GroupedPeerModel::personOnline(const QString &peerId, const QModelIndex &source)
{
    const QVariant key = source.data(PeerModel::PersonKeyRole);
    const PersonRef who{source.data(PeerModel::PersonRole).toString(), key.toString()};
    if (who.person.isEmpty() || !key.isValid())
        return;
    m_personOf.insert(peerId, who);
    ++m_online[who];
    syncOffline(who);
}

void GroupedPeerModel::personOffline(const QString &peerId)
{
    const auto it = m_personOf.constFind(peerId);
    if (it == m_personOf.constEnd())
        return;
    const PersonRef who = *it;
    m_personOf.erase(it);
    if (--m_online[who] <= 0)
        m_online.remove(who);
    syncOffline(who);
}

void GroupedPeerModel::upsertBuddy(const Buddy &buddy)
{
    if (buddy.person.isEmpty())
        return;
    const PersonRef who = buddy.ref();
    // A new name may sort elsewhere among the offline.
    const auto known = m_buddies.constFind(who);
    if (known != m_buddies.constEnd() && known->displayName() != buddy.displayName())
        removeOffline(who);
    // As BuddyTracker does: a row kept without a key is the person's, once their key shows.
    const PersonRef keyless{buddy.person, QString()};
    if (known == m_buddies.constEnd() && !buddy.key.isEmpty() && m_buddies.contains(keyless)) {
        removeOffline(keyless);
        m_buddies.remove(keyless);
    }
    m_buddies.insert(who, buddy);
    syncOffline(who);
}

void GroupedPeerModel::setBuddies(const QList<Buddy> &buddies)
{
    for (const Buddy &b : buddies)
        upsertBuddy(b);
}

void GroupedPeerModel::setShowOffline(bool show)
{
    if (show == m_showOffline)
        return;
    m_showOffline = show;
    for (const PersonRef &who : m_buddies.keys())
        syncOffline(who);
}

void GroupedPeerModel::syncOffline(const PersonRef &who)
{
    const auto buddy = m_buddies.constFind(who);
    const bool wanted = m_showOffline && buddy != m_buddies.constEnd() && !m_online.contains(who);
    const auto shown = m_offlineGroupOf.constFind(who);
    if (shown == m_offlineGroupOf.constEnd()) {
        if (wanted)
            addOffline(who, buddy->group.trimmed());
        return;
    }
    if (!wanted || *shown != buddy->group.trimmed()) {
        removeOffline(who);
        if (wanted)
            addOffline(who, buddy->group.trimmed());
        return;
    }
    // Still there: its name or the time last seen may be new.
    const QModelIndex i = indexOfBuddy(who);
    emit dataChanged(i, i);
}

void GroupedPeerModel::addOffline(const PersonRef &who, const QString &group)
{
    const int g = ensureGroup(group);
    Group &target = m_groups[g];
    const QString name = m_buddies.value(who).displayName();
    int at = 0;
    while (at < target.offline.size() &&
           m_buddies.value(target.offline.at(at)).displayName().localeAwareCompare(name) <= 0)
        ++at;
    const int row = int(target.peerIds.size()) + at;
    beginInsertRows(index(g, 0), row, row);
    target.offline.insert(at, who);
    m_offlineGroupOf.insert(who, group);
    endInsertRows();
    const QModelIndex groupIndex = index(g, 0);
    emit dataChanged(groupIndex, groupIndex);
}

void GroupedPeerModel::removeOffline(const PersonRef &who)
{
    const auto it = m_offlineGroupOf.constFind(who);
    if (it == m_offlineGroupOf.constEnd())
        return;
    const int g = groupRow(*it);
    m_offlineGroupOf.erase(it);
    if (g < 0)
        return;
    const int at = int(m_groups.at(g).offline.indexOf(who));
    if (at < 0)
        return;
    removeChild(g, int(m_groups.at(g).peerIds.size()) + at,
                [at](Group &group) { group.offline.removeAt(at); });
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
    return row < g.peerIds.size() + g.offline.size() ? createIndex(row, 0, g.key) : QModelIndex();
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
    const Group &g = m_groups.at(parent.row());
    return int(g.peerIds.size() + g.offline.size());
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
        const int present = int(g.peerIds.size());
        const int total = present + int(g.offline.size());
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
            const int online = present - away - busy;
            // "研发 (0 online, 1 busy)" read as an empty group: without anyone fully online, the
            // header names only who is there.
            if (total > present || online == 0) {
                // As QQ counts a group: who is here of everyone in it.
                const QString count =
                    total > present ? tr("%1 %2/%3").arg(name).arg(present).arg(total) : name;
                if (away && busy)
                    return tr("%1 (%2 away, %3 busy)").arg(count).arg(away).arg(busy);
                if (busy)
                    return tr("%1 (%2 busy)").arg(count).arg(busy);
                if (away)
                    return tr("%1 (%2 away)").arg(count).arg(away);
                return count;
            }
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
            return present;
        case TotalCountRole:
            return total;
        case PeerModel::GroupRole:
            return g.name;
        default:
            return {};
        }
    }
    const int g = groupRow(index.internalId());
    if (g < 0)
        return {};
    const Group &group = m_groups.at(g);
    if (role == IsGroupRole)
        return false;
    if (index.row() >= group.peerIds.size()) {
        const qsizetype at = index.row() - group.peerIds.size();
        if (at >= group.offline.size())
            return {};
        return offlineData(m_buddies.value(group.offline.at(at)), role);
    }
    if (role == OfflineRole)
        return false;
    const int sourceRow = m_peers->rowOf(group.peerIds.at(index.row()));
    return sourceRow < 0 ? QVariant() : m_peers->index(sourceRow).data(role);
}

QVariant GroupedPeerModel::offlineData(const Buddy &buddy, int role) const
{
    // The address of "address:port", as online rows give it (so the search finds it too); none
    // while their chat is parked (someone else has their address).
    const QString address = PersonRef::isParkedChatId(buddy.peerId)
                                ? QString()
                                : buddy.peerId.section(QLatin1Char(':'), 0, -2);
    const QDateTime seen =
        buddy.lastSeenMs > 0 ? QDateTime::fromMSecsSinceEpoch(buddy.lastSeenMs) : QDateTime();
    switch (role) {
    case Qt::DisplayRole:
    case PeerModel::NickRole:
        return buddy.displayName();
    case Qt::ToolTipRole: {
        const QString who = address.isEmpty()
                                ? QStringLiteral("%1@%2").arg(buddy.user, buddy.host)
                                : QStringLiteral("%1@%2 (%3)").arg(buddy.user, buddy.host, address);
        if (!seen.isValid())
            return who + QLatin1Char('\n') + tr("Offline");
        return who + QLatin1Char('\n') +
               tr("Offline, last seen %1").arg(QLocale().toString(seen, QLocale::ShortFormat));
    }
    case PeerModel::IdRole:
        return buddy.peerId;
    case PeerModel::UserRole:
        return buddy.user;
    case PeerModel::HostRole:
        return buddy.host;
    case PeerModel::AddressRole:
        return address;
    case PeerModel::GroupRole:
        return buddy.group;
    case PeerModel::StatusRole:
        return QVariant::fromValue(ipmsg::Status::Online);
    case PeerModel::PersonRole:
        return buddy.person;
    case PeerModel::PersonKeyRole:
        return buddy.key;
    case OfflineRole:
        return true;
    case LastSeenRole:
        return seen;
    default:
        return {};
    }
}

QModelIndex GroupedPeerModel::indexOfPeer(const QString &peerId) const
{
    const int g = groupRow(m_groupOf.value(peerId));
    if (g < 0 || !m_groupOf.contains(peerId))
        return {};
    const int row = int(m_groups.at(g).peerIds.indexOf(peerId));
    return row < 0 ? QModelIndex() : createIndex(row, 0, m_groups.at(g).key);
}

QList<Buddy> GroupedPeerModel::offlineBuddies() const
{
    QList<Buddy> offline;
    for (auto it = m_offlineGroupOf.cbegin(); it != m_offlineGroupOf.cend(); ++it) {
        if (const auto buddy = m_buddies.constFind(it.key()); buddy != m_buddies.cend())
            offline.append(*buddy);
    }
    return offline;
}

QModelIndex GroupedPeerModel::indexOfBuddy(const PersonRef &who) const
{
    const auto it = m_offlineGroupOf.constFind(who);
    if (it == m_offlineGroupOf.constEnd())
        return {};
    const int g = groupRow(*it);
    if (g < 0)
        return {};
    const Group &group = m_groups.at(g);
    const int at = int(group.offline.indexOf(who));
    return at < 0 ? QModelIndex() : createIndex(int(group.peerIds.size()) + at, 0, group.key);
}

QModelIndex GroupedPeerModel::indexOfBuddy(const QString &person) const
{
    for (auto it = m_offlineGroupOf.constBegin(); it != m_offlineGroupOf.constEnd(); ++it) {
        if (it.key().person == person)
            return indexOfBuddy(it.key());
    }
    return {};
}

const Buddy *GroupedPeerModel::buddyAt(const QString &peerId) const
{
    for (const Buddy &b : m_buddies) {
        if (b.peerId == peerId)
            return &b;
    }
    return nullptr;
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
