// The Group chats tab as the search box narrows it: by the room's name and its members' names,
// and by their pinyin, as the buddy list is narrowed.
#pragma once

#include <QSortFilterProxyModel>

namespace lanpigeon {

class PeerModel;

class RoomFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomFilterModel)

public:
    // peers: the names members go by while online.
    explicit RoomFilterModel(const PeerModel *peers, QObject *parent = nullptr);
    ~RoomFilterModel() override;

    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    const PeerModel *m_peers;
    QString m_text;
};

} // namespace lanpigeon
