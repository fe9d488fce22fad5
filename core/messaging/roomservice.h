// Group chats on the network thread: rooms kept in history, their messages sent to each member,
// and incoming room messages filed into the room by the membership rule (messaging/room.h).
#pragma once

#include "messaging/chatmessage.h"
#include "messaging/room.h"
#include "nodeconfig.h"

#include <QObject>

#include <memory>
#include <optional>

namespace lanpigeon {

class DiscoveryService;
class HistoryStore;
class MessageService;
class RoomStore;
struct Peer;

// On the network thread (see NetworkNode): every method runs there, which it asserts.
class RoomService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomService)

public:
    RoomService(MessageService *messages, DiscoveryService *discovery, HistoryStore *history,
                const NodeConfig &config, QObject *parent = nullptr);
    ~RoomService() override;

    // Makes the room tables; after history opened. Installs the filing of incoming messages.
    bool open(QString *error);

    // We and the peers (by peer id) as members, version 1; the LanPigeon members hear of it.
    std::optional<Room> create(const RoomId &id, const QString &name, const QStringList &peerIds);
    // One message per member but us, each with its receipt: LanPigeon members get the room
    // with it, others "[name] text". Sent only when it went to (or was queued for) a member.
    RoomSendOutcome send(const QString &messageId, const RoomId &id, const QString &text);
    // Each a new member list with a higher version, sent to the members before and after.
    bool addMembers(const RoomId &id, const QStringList &peerIds);
    bool removeMember(const RoomId &id, const QString &user, const QString &host);
    bool leave(const RoomId &id);
    // A queued message of the room sent again to peerId (OfflineQueue, once the member is
    // back): with the room as it is now, so they learn the members they missed. False, sending
    // nothing, for a membership notice to a client that keeps no rooms.
    bool resend(const QString &messageId, const QString &peerId, const RoomId &id,
                const QString &text, bool sealed);

    QList<Room> rooms() const;
    std::optional<Room> room(const RoomId &id) const;
    // Who we are in a member list.
    RoomMember self() const;
    // Where self() says we are from now on.
    void setEndpoint(const QHostAddress &address, quint16 port)
    {
        m_config.bindAddress = address;
        m_config.port = port;
    }

signals:
    // A room was made, its members or name changed, or we left it.
    void roomChanged(const lanpigeon::Room &room);
    void storageFailed(const QString &error);

private:
    // *notice: what the section changed in the members, when it is a Membership packet.
    RoomId fileSection(const ipmsg::RoomSection &section, const Peer &from, RoomNotice *notice);
    // The change a newer member list made, as the notice members see.
    RoomNotice noticeOf(const Room *before, const ipmsg::RoomSection &after,
                        const Peer &from) const;
    RoomId fileIptuxGroup(const Peer &from);
    bool save(const Room &room);
    // Changes the membership and tells old and new members; text is the message's words, for
    // clients that read no notice.
    bool changeMembers(Room room, const QList<RoomMember> &members, const QString &text,
                       const RoomNotice &notice);
    // False when it went to nobody.
    bool sendToMembers(const Room &room, const QList<RoomMember> &to, const QString &messageId,
                       const QString &text, ipmsg::RoomPacketKind kind,
                       const RoomNotice &notice = {});
    // The member's name now: its peer's nick while online, else its login.
    QString nameOf(const RoomMember &member) const;
    // Our own name as members see it.
    QString ourName() const;
    // The id to send to: the member's peer online now (by user@host), or where it was last seen
    // unless someone else is (or was last) there: then their parked id, where it is queued.
    QString peerIdOf(const RoomMember &member) const;
    // The member as the peer it is now, or nullopt for an id not known.
    std::optional<RoomMember> memberOf(const QString &peerId) const;
    // Addresses of members online now (by user@host) into room; true if one changed.
    bool refreshAddresses(Room *room) const;
    static QByteArray personsOf(const QString &name, const QList<RoomMember> &members);

    MessageService *m_messages;
    DiscoveryService *m_discovery;
    HistoryStore *m_history;
    std::unique_ptr<RoomStore> m_store;
    NodeConfig m_config;
};

} // namespace lanpigeon
