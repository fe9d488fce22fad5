// The buddy list: peers of a PeerModel grouped by workgroup, groups sorted, with counts.
#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QStringList>

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
        PeerCountRole,
    };

    explicit GroupedPeerModel(PeerModel *peers, QObject *parent = nullptr);
    ~GroupedPeerModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    QModelIndex indexOfPeer(const QString &peerId) const;
    QModelIndex indexOfGroup(const QString &name) const;
    // Every peer id under a group row, or the one of a peer row.
    QStringList peerIds(const QModelIndex &index) const;

private:
    struct Group
    {
        // Stable for the group's life: child indexes carry it, so they survive other groups
        // coming and going above them.
        quintptr key = 0;
        QString name;
        QStringList peerIds;
    };

    void add(const QString &peerId, const QString &group);
    void remove(const QString &peerId);
    void rebuild();
    int groupRow(quintptr key) const;
    int groupRow(const QString &name) const;
    static QString groupOfRow(const PeerModel *peers, int row);

    PeerModel *m_peers;
    QList<Group> m_groups;
    QHash<QString, QString> m_groupOf;
    quintptr m_nextKey = 1;
};

} // namespace lanpigeon
