// The peers currently online, as a list model keyed by peer id (address:port).
#pragma once

#include "messaging/peer.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace lanpigeon {

// On the GUI thread, like every model: the methods that change it assert it.
class PeerModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PeerModel)

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        NickRole,
        UserRole,
        HostRole,
        AddressRole,
        GroupRole,
        // An ipmsg::Status, not its name: `.value<ipmsg::Status>()`.
        StatusRole,
        AwayMessageRole,
        ClientKindRole,
        // A crypto::KeyTrust: `.value<crypto::KeyTrust>()`.
        KeyTrustRole,
        // Peer::keyId (user@host): the same person at any address.
        PersonRole,
        // Peer::personKey() (PersonRef::key); invalid while the key of a peer that encrypts is
        // not known or is judged changed: it is no one's yet.
        PersonKeyRole,
        // Every address the person is online at (a QList<PeerAddress>, first heard first);
        // AddressRole is the one messages go to.
        AddressesRole,
    };

    explicit PeerModel(QObject *parent = nullptr);
    ~PeerModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void upsert(const Peer &peer);
    void remove(const QString &id);
    void clear();

    // Who the peer is, and a warning while its key is judged changed: the buddy list's
    // tooltip, and every list a person is picked from.
    static QString toolTip(const Peer &peer);

    int rowOf(const QString &id) const;
    const Peer *find(const QString &id) const;
    QList<Peer> peers() const { return m_peers; }
    // Peers whose nick or user equals name (case-insensitive).
    QList<Peer> findByName(const QString &name) const;

private:
    QList<Peer> m_peers;
    QHash<QString, int> m_rows;
};

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::ipmsg::Status)
