// The buddy list: peers of a PeerModel grouped by workgroup, groups sorted, with counts, and
// after them the people we have talked to who are offline now.
#pragma once

#include "messaging/buddy.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QStringList>

#include <functional>

namespace lanpigeon {

class PeerModel;

class GroupedPeerModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupedPeerModel)

public:
    enum Role
    {
        // True on group rows.
        IsGroupRole = Qt::UserRole + 100,
        GroupNameRole,
        // Group rows: the peers online (away and busy too); TotalCountRole adds the offline.
        PeerCountRole,
        TotalCountRole,
        // Person rows: true for someone offline, shown from what we last saw of them. Their
        // IdRole is the peer id they were last seen at, where their chat is.
        OfflineRole,
        // Offline rows: a QDateTime, invalid if not known.
        LastSeenRole,
    };

    explicit GroupedPeerModel(PeerModel *peers, QObject *parent = nullptr);
    ~GroupedPeerModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    // The people we have talked to (Messenger::buddiesLoaded(), buddyChanged()): each shows
    // as an offline row while no peer of theirs (PeerModel::PersonRole and PersonKeyRole) is
    // online.
    void upsertBuddy(const Buddy &buddy);
    void setBuddies(const QList<Buddy> &buddies);
    // Off: only the peers online are listed.
    void setShowOffline(bool show);
    bool showsOffline() const { return m_showOffline; }

    // Online peers only: an offline row is found by its person.
    QModelIndex indexOfPeer(const QString &peerId) const;
    QModelIndex indexOfBuddy(const PersonRef &who) const;
    // The first offline row of user@host, whatever key it was written with.
    QModelIndex indexOfBuddy(const QString &person) const;
    // The buddy last seen at peerId, online or not; nullptr if none.
    const Buddy *buddyAt(const QString &peerId) const;
    QModelIndex indexOfGroup(const QString &name) const;
    // Every online peer id under a group row, or the one of a person row.
    QStringList peerIds(const QModelIndex &index) const;
    // The people whose offline row shows now, in no particular order.
    QList<Buddy> offlineBuddies() const;

private:
    struct Group
    {
        // Stable for the group's life: child indexes carry it, so they survive other groups
        // coming and going above them.
        quintptr key = 0;
        QString name;
        // The rows: the peers online, then the persons offline sorted by name.
        QStringList peerIds;
        QList<PersonRef> offline;
    };

    void add(const QString &peerId, const QString &group);
    void remove(const QString &peerId);
    // Shows, moves or hides the person's offline row as the buddy, the peers online and the
    // setting now say.
    void syncOffline(const PersonRef &who);
    void addOffline(const PersonRef &who, const QString &group);
    void removeOffline(const PersonRef &who);
    // The row of the group named so, made if needed.
    int ensureGroup(const QString &name);
    // Removes child row of group g, or the whole group when that row is its last.
    void removeChild(int g, int row, const std::function<void(Group &)> &take);
    // Counts the peer for its person, if it is someone's yet (see PeerModel::PersonKeyRole).
    void personOnline(const QString &peerId, const QModelIndex &source);
    void personOffline(const QString &peerId);
    void rebuild();
    int groupRow(quintptr key) const;
    int groupRow(const QString &name) const;
    QVariant offlineData(const Buddy &buddy, int role) const;
    static QString groupOfRow(const PeerModel *peers, int row);
    QString nameOf(const QString &peerId) const;
    // Whether an online row still sorts by name among its neighbours (a new nick may not).
    bool inOrder(const QString &peerId) const;

    PeerModel *m_peers;
    QList<Group> m_groups;
    QHash<QString, QString> m_groupOf;
    // Persons whose offline row shows: the group it is in.
    QHash<PersonRef, QString> m_offlineGroupOf;
    QHash<PersonRef, Buddy> m_buddies;
    // Online peer id: its person; and how many peers online each person has.
    QHash<QString, PersonRef> m_personOf;
    QHash<PersonRef, int> m_online;
    bool m_showOffline = true;
    quintptr m_nextKey = 1;
};

} // namespace lanpigeon
