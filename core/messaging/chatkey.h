// Which conversation: one peer's or one group chat's, as Recent chats and the chat tabs key them.
#pragma once

#include "messaging/chatmessage.h"
#include "messaging/room.h"

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

namespace lanpigeon {

// Exactly one of the two is set, so a room's key never equals a peer's, whatever their ids.
struct ChatKey
{
    QString peerId;
    RoomId roomId;

    static ChatKey peer(const QString &id)
    {
        ChatKey k;
        k.peerId = id;
        return k;
    }
    static ChatKey room(const RoomId &id)
    {
        ChatKey k;
        k.roomId = id;
        return k;
    }
    // A room message belongs to its room, whoever said it.
    static ChatKey of(const ChatMessage &message)
    {
        return message.roomId.isNull() ? peer(message.peerId) : room(message.roomId);
    }
    bool isRoom() const { return !roomId.isNull(); }
    bool isNull() const { return peerId.isEmpty() && roomId.isNull(); }

    friend bool operator==(const ChatKey &a, const ChatKey &b)
    {
        return a.peerId == b.peerId && a.roomId == b.roomId;
    }
    friend bool operator!=(const ChatKey &a, const ChatKey &b) { return !(a == b); }
    friend size_t qHash(const ChatKey &key, size_t seed = 0)
    {
        return qHashMulti(seed, key.peerId, key.roomId);
    }
};

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::ChatKey)
