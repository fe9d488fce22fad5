// The group chats we belong to or left, for the buddy list's Group chats tab; keyed by room id.
#pragma once

#include "messaging/room.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace lanpigeon {

// On the GUI thread, like every model: the methods that change it assert it.
class RoomListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomListModel)

public:
    enum Role
    {
        RoomIdRole = Qt::UserRole + 1,
        NameRole,
        MemberCountRole,
        // We left or were removed: the room stays, with its history, but takes no messages.
        LeftRole,
        // Its ChatKey, as Recent chats keys it (for the unread count).
        KeyRole,
        // Why a room we are out of is out: "You left this group chat" or who removed us.
        OutTextRole,
        // Its members, QList<RoomMember> (the search box looks among them).
        MembersRole,
    };

    explicit RoomListModel(QObject *parent = nullptr);
    ~RoomListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    // Everything Messenger::loadRooms() found; rooms already here stay as they are newer.
    void setRooms(const QList<Room> &rooms);
    // A room made, changed or left: its row follows, or a new one comes.
    void update(const Room &room);
    const Room *find(const RoomId &id) const;
    // Why we are out of room ("You were removed by Alice"); empty while we are in it.
    static QString outText(const Room &room);
    int rowOf(const RoomId &id) const { return m_rows.value(id, -1); }

private:
    void reindex();

    // Rooms we are in first, then those we left; each part in the order they came.
    QList<Room> m_rooms;
    QHash<RoomId, int> m_rows;
};

} // namespace lanpigeon
