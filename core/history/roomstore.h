// The group chats a profile belongs to (rooms and room_members), in the history database.
#pragma once

#include "messaging/room.h"

#include <QList>
#include <QString>

#include <optional>

namespace lanpigeon {

class HistoryStore;

// On HistoryStore's connection, so on its thread (the network thread): every method asserts it
// through HistoryStore::database(). Not a QObject.
class RoomStore final
{
    Q_DISABLE_COPY_MOVE(RoomStore)

public:
    explicit RoomStore(HistoryStore *history);

    // Makes the tables; after the history opened.
    bool open();
    QString lastError() const { return m_lastError; }

    // Inserts or replaces the room and its whole member list, in one transaction.
    bool save(const Room &room);
    std::optional<Room> find(const RoomId &id) const;
    // Oldest first.
    QList<Room> all() const;
    // Whether a message id is a membership notice (RoomPacketKind::Membership): one queued for
    // a member goes as a notice again, which clients that keep no rooms never get.
    bool isNotice(const QString &messageId) const;

private:
    QList<RoomMember> membersOf(const RoomId &id) const;

    HistoryStore *m_history;
    QString m_lastError;
};

} // namespace lanpigeon
