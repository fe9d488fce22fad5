// lanpigeon-cli room create/send/add/remove/leave: runs a node, makes or changes the room or
// sends to its members, and exits once every member answered (1 if one failed).
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
        Add,
        Remove,
        Leave,
    };

    std::optional<int> prepare(const Invocation &invocation) override;
    // The next step of the action, once what it waits for is there.
    void proceed();
    // Every member with an address (but us) announced itself: each gets what its client reads.
    bool membersOnline() const;
    // Create and add: once every --member is known as a peer (its user and host name it in the
    // room).
    void tryMembers();
    // The peers --member names, or nullopt while one is not known yet.
    std::optional<QStringList> memberPeerIds() const;
    // Remove and leave, once the room is loaded and the members are online (or --wait is
    // over): a notice reaches only members online, or queued with --queue.
    void changeRoom();
    void roomsLoaded(const QList<Room> &rooms);
    // Send: once the members are online (or --wait is over).
    void trySend();
    void printRoom(const Room &room);
    void stored(const ChatMessage &message);
    // What RoomService made of our message: an error and exit 1 unless it went to someone.
    void sendDone(const QString &messageId, RoomSendOutcome outcome);
    void stateChanged(const QString &id, const QString &peerId, DeliveryState state,
                      const QString &error);
    // Once no row of ours is Sending any more.
    void finishWhenDone();

    Action m_action = Action::Create;
    QString m_name;
    QString m_text;
    // The message room send sent, once sent.
    QString m_messageId;
    QStringList m_members;
    // Remove: the member's user and host.
    QString m_user;
    QString m_host;
    bool m_acted = false;
    RoomId m_roomId;
    std::optional<Room> m_room;
    // The room as our change left it.
    std::optional<Room> m_changed;
    bool m_done = false;
    bool m_waited = false;
    // Our rows in the room (by message id and member), as stored and then answered.
    QHash<QPair<QString, QString>, DeliveryState> m_states;
    QTimer *m_deadline;
};

} // namespace lanpigeon::cli
