#include "models/peermodel.h"

#include "common/threadcheck.h"
namespace lanpigeon {

PeerModel::PeerModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

PeerModel::~PeerModel() = default;

int PeerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_peers.size());
}

QString PeerModel::toolTip(const Peer &p)
{
    QString who = QStringLiteral("%1@%2 (%3, %4)")
                      .arg(p.user, p.host, p.address.toString(), ipmsg::clientKindName(p.kind));
    if (p.addresses.size() > 1)
        //: The person's computer is on several networks; %1 lists address:port pairs
        who += QLatin1Char('\n') + tr("Online at %1").arg(p.addressIds().join(QLatin1String(", ")));
    if (p.key.trust != crypto::KeyTrust::Changed)
        return who;
    //: Keys are remembered by login and computer name, which a new person may share
    return who + QLatin1Char('\n') +
           tr("The key of this login and computer name has changed: compare fingerprints "
              "before trusting new messages.");
}

QVariant PeerModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_peers.size())
        return {};
    const Peer &p = m_peers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NickRole:
        return p.displayName();
    case Qt::ToolTipRole:
        return toolTip(p);
    case IdRole:
        return p.id;
    case UserRole:
        return p.user;
    case HostRole:
        return p.host;
    case AddressRole:
        return p.address.toString();
    case GroupRole:
        return p.group;
    case StatusRole:
        return QVariant::fromValue(p.status);
    case AwayMessageRole:
        return p.awayMessage;
    case ClientKindRole:
        return ipmsg::clientKindName(p.kind);
    case KeyTrustRole:
        return QVariant::fromValue(p.key.trust);
    case PersonRole:
        return p.keyId;
    case PersonKeyRole:
        return p.personPending() ? QVariant() : QVariant(p.personKey());
    case AddressesRole:
        return QVariant::fromValue(p.addresses);
    default:
        return {};
    }
}

QHash<int, QByteArray> PeerModel::roleNames() const
{
    return {{IdRole, "id"},
            {NickRole, "nick"},
            {UserRole, "user"},
            {HostRole, "host"},
            {AddressRole, "address"},
            {GroupRole, "group"},
            {StatusRole, "status"},
            {AwayMessageRole, "awayMessage"},
            {ClientKindRole, "client"},
            {KeyTrustRole, "keyTrust"},
            {PersonRole, "person"},
            {PersonKeyRole, "personKey"},
            {AddressesRole, "addresses"}};
}

void PeerModel::upsert(const Peer &peer)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const auto it = m_rows.constFind(peer.id);
    if (it != m_rows.constEnd()) {
        m_peers[*it] = peer;
        const QModelIndex idx = index(*it);
        emit dataChanged(idx, idx);
        return;
    }
    const int row = int(m_peers.size());
    beginInsertRows({}, row, row);
    m_peers.append(peer);
    m_rows.insert(peer.id, row);
    endInsertRows();
}

void PeerModel::remove(const QString &id)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const auto it = m_rows.constFind(id);
    if (it == m_rows.constEnd())
        return;
    const int row = *it;
    beginRemoveRows({}, row, row);
    m_peers.removeAt(row);
    m_rows.remove(id);
    for (int i = row; i < m_peers.size(); ++i)
        m_rows[m_peers.at(i).id] = i;
    endRemoveRows();
}

void PeerModel::clear()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    beginResetModel();
    m_peers.clear();
    m_rows.clear();
    endResetModel();
}

int PeerModel::rowOf(const QString &id) const
{
    return m_rows.value(id, -1);
}

const Peer *PeerModel::find(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_peers.at(row);
}

QList<Peer> PeerModel::findByName(const QString &name) const
{
    QList<Peer> out;
    for (const Peer &p : m_peers) {
        if (p.nick.compare(name, Qt::CaseInsensitive) == 0 ||
            p.user.compare(name, Qt::CaseInsensitive) == 0)
            out.append(p);
    }
    return out;
}

} // namespace lanpigeon
