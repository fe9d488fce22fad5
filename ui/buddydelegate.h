// Paints people rows, in the buddy list and in Recent chats alike: avatar with its status sign,
// the name, the away message, address or last words under it, and the unread count; and the
// group chats' rows the same way.
#pragma once

#include <QStyledItemDelegate>

namespace lanpigeon {
class RecentChatsModel;
}

namespace lanpigeon::ui {

class BuddyDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BuddyDelegate)

public:
    enum class Rows
    {
        // GroupedPeerModel: workgroup headers and peers.
        Buddies,
        // RecentChatsModel: conversations, with the time of the last message.
        Recent,
        // RoomListModel: group chats, with their member count.
        Rooms,
    };

    // unread: where the counts come from, for both kinds of rows.
    BuddyDelegate(Rows rows, const RecentChatsModel *unread, QObject *parent = nullptr);
    ~BuddyDelegate() override;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    Rows m_rows;
    const RecentChatsModel *m_unread;
};

} // namespace lanpigeon::ui
