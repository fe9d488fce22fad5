// lanpigeon-cli room create NAME --member PEER... / room send NAME TEXT: runs a node, makes the
// room or sends to its members, and exits once every member answered (1 if one failed).
#pragma once

#include "messaging/chatmessage.h"
#include "messaging/room.h"
#include "nodecommand.h"

#include <QHash>

class QTimer;

namespace lanpigeon::cli {

class RoomChatCommand final : public NodeCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomChatCommand)

public:
    explicit RoomChatCommand(QObject *parent = nullptr);
    ~RoomChatCommand() override;

private:
    enum class Action
    {
        Create,
        Send,
    };

    std::optional<int> prepare(const Invocation &invocation) override;
    // Create: once every --member is known as a peer (its user and host name it in the room).
    void tryCreate();
    void roomsLoaded(const QList<Room> &rooms);
    // Send: once every member with an address announced itself (or --wait is over), so each
    // gets what its client reads.
    void trySend();
    void printRoom(const Room &room);
    void stored(const ChatMessage &message);
    void stateChanged(const QString &id, const QString &peerId, DeliveryState state,
                      const QString &error);
    // Once no row of ours is Sending any more.
    void finishWhenDone();

    Action m_action = Action::Create;
    QString m_name;
    QString m_text;
    QStringList m_members;
    RoomId m_roomId;
    std::optional<Room> m_room;
    bool m_done = false;
    bool m_waited = false;
    // Our rows in the room (by message id and member), as stored and then answered.
    QHash<QPair<QString, QString>, DeliveryState> m_states;
    QTimer *m_deadline;
};

} // namespace lanpigeon::cli
