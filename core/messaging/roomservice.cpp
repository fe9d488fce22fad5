#include "messaging/roomservice.h"

#include "common/clock.h"
#include "common/threadcheck.h"
#include "history/historystore.h"
#include "history/roomstore.h"
#include "messaging/buddy.h"
#include "messaging/discoveryservice.h"
#include "messaging/messageservice.h"
#include "messaging/messaginglog.h"
#include "messaging/peer.h"

#include <QCryptographicHash>
#include <QUuid>

namespace lanpigeon {

using ipmsg::RoomPacketKind;
using ipmsg::RoomSection;

namespace {

ipmsg::RoomSection sectionOf(const Room &room, RoomPacketKind kind)
{
    RoomSection s;
    s.id = room.id;
    s.name = room.name;
    s.version = room.version;
    s.kind = kind;
    s.members = room.members;
    return s;
}

bool isSelf(const RoomMember &m, const RoomMember &self)
{
    return m.samePerson(self);
}

MessageService::TextFor prefixedFor(const QString &name, const QString &text)
{
    return [name, text](const Peer &peer) {
        // The room travels with the text to LanPigeon; everyone else reads its name first.
        return peer.kind == ipmsg::ClientKind::LanPigeon
                   ? text
                   : QLatin1Char('[') + name + QStringLiteral("] ") + text;
    };
}

} // namespace

RoomService::RoomService(MessageService *messages, DiscoveryService *discovery,
                         HistoryStore *history, const NodeConfig &config, QObject *parent)
    : QObject(parent)
    , m_messages(messages)
    , m_discovery(discovery)
    , m_history(history)
    , m_store(std::make_unique<RoomStore>(history))
    , m_config(config)
{
}

RoomService::~RoomService() = default;

bool RoomService::open(QString *error)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (!m_store->open()) {
        if (error)
            *error = tr("cannot prepare group chats: %1").arg(m_store->lastError());
        return false;
    }
    MessageService::RoomFiling filing;
    filing.section = [this](const RoomSection &s, const Peer &from, RoomNotice *notice) {
        return fileSection(s, from, notice);
    };
    filing.iptuxGroup = [this](const Peer &from) { return fileIptuxGroup(from); };
    m_messages->setRoomFiling(filing);
    return true;
}

RoomMember RoomService::self() const
{
    RoomMember me{m_config.user, m_config.host, QHostAddress(), 0};
    // Peers take our address from our packets; a fixed one helps members who never met us.
    if (m_config.bindAddress != QHostAddress::AnyIPv4 &&
        m_config.bindAddress != QHostAddress::Any) {
        me.address = m_config.bindAddress;
        me.port = m_config.port;
    }
    return me;
}

QList<Room> RoomService::rooms() const
{
    LANPIGEON_ASSERT_OWN_THREAD();
    return m_store->all();
}

std::optional<Room> RoomService::room(const RoomId &id) const
{
    LANPIGEON_ASSERT_OWN_THREAD();
    return m_store->find(id);
}

bool RoomService::save(const Room &room)
{
    if (!m_store->save(room)) {
        emit storageFailed(m_store->lastError());
        return false;
    }
    emit roomChanged(room);
    return true;
}

std::optional<RoomMember> RoomService::memberOf(const QString &peerId) const
{
    const Peer *peer = m_discovery->peer(peerId);
    if (!peer || peer->user.isEmpty() || peer->host.isEmpty())
        return std::nullopt;
    return RoomMember{peer->user, peer->host, peer->address, peer->port};
}

QString RoomService::peerIdOf(const RoomMember &member) const
{
    const Peer *best = nullptr;
    const QList<Peer> peers = m_discovery->peers();
    for (const Peer &p : peers) {
        if (p.user == member.user && p.host == member.host &&
            (!best || p.lastSeenMs > best->lastSeenMs))
            best = &p;
    }
    if (best)
        return best->id;
    if (member.address.isNull() || member.port == 0)
        return {};
    const QString id = Peer::makeId(member.address, member.port);
    const QString person = crypto::KeyRing::peerKeyId(member.user, member.host);
    // Whoever holds their address now is not them (they would have been found above), nor is
    // whom history saw there last if that is another person: queued for the member instead.
    const std::optional<HistoryStore::PersonAt> last =
        m_history->isOpen() ? m_history->personAt(id) : std::nullopt;
    if (m_discovery->peer(id) || (last && last->person != person))
        return PersonRef{person, {}}.parkedChatId();
    return id;
}

bool RoomService::refreshAddresses(Room *room) const
{
    bool changed = false;
    for (RoomMember &m : room->members) {
        const QString id = peerIdOf(m);
        const Peer *p = id.isEmpty() ? nullptr : m_discovery->peer(id);
        if (p && (p->address != m.address || p->port != m.port)) {
            m.address = p->address;
            m.port = p->port;
            changed = true;
        }
    }
    return changed;
}

QByteArray RoomService::personsOf(const QString &name, const QList<RoomMember> &members)
{
    QByteArray out = name.toUtf8();
    for (const RoomMember &m : members)
        out += '\0' + m.user.toUtf8() + '\1' + m.host.toUtf8();
    return out;
}

QString RoomService::nameOf(const RoomMember &member) const
{
    if (isSelf(member, self()))
        return ourName();
    for (const Peer &p : m_discovery->peers()) {
        if (p.user == member.user && p.host == member.host)
            return p.displayName();
    }
    return member.user;
}

QString RoomService::ourName() const
{
    return m_config.nick.isEmpty() ? m_config.user : m_config.nick;
}

bool RoomService::sendToMembers(const Room &room, const QList<RoomMember> &to,
                                const QString &messageId, const QString &text, RoomPacketKind kind,
                                const RoomNotice &notice)
{
    const RoomMember me = self();
    QStringList peerIds;
    for (const RoomMember &m : to) {
        if (isSelf(m, me))
            continue;
        const QString id = peerIdOf(m);
        if (id.isEmpty()) {
            qCInfo(lcMessages, "room %s: no address for a member", room.id.hex().constData());
            continue;
        }
        // A membership notice means nothing to a client that keeps no rooms. One offline is
        // queued (whatever client they come back with, resend() decides), but only a queue
        // can hold it: without one, nobody knows they read rooms.
        const Peer *peer = m_discovery->peer(id);
        if (kind == RoomPacketKind::Membership &&
            (peer ? peer->kind != ipmsg::ClientKind::LanPigeon : !m_config.queueOffline))
            continue;
        if (!peerIds.contains(id))
            peerIds.append(id);
    }
    if (peerIds.isEmpty())
        return false;
    m_messages->send(messageId, peerIds, text, false, {}, {}, prefixedFor(room.name, text),
                     sectionOf(room, kind), notice);
    return true;
}

bool RoomService::resend(const QString &messageId, const QString &peerId, const RoomId &id,
                         const QString &text, bool sealed)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const std::optional<Room> room = m_store->find(id);
    if (!room) {
        m_messages->send(messageId, {peerId}, text, sealed);
        return true;
    }
    const RoomPacketKind kind =
        m_store->isNotice(messageId) ? RoomPacketKind::Membership : RoomPacketKind::Message;
    const Peer *peer = m_discovery->peer(peerId);
    if (kind == RoomPacketKind::Membership && (!peer || peer->kind != ipmsg::ClientKind::LanPigeon))
        return false;
    m_messages->send(messageId, {peerId}, text, sealed, {}, {}, prefixedFor(room->name, text),
                     sectionOf(*room, kind));
    return true;
}

std::optional<Room> RoomService::create(const RoomId &id, const QString &name,
                                        const QStringList &peerIds)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (id.isNull() || name.trimmed().isEmpty() || m_store->find(id))
        return std::nullopt;
    Room room;
    room.id = id;
    room.name = name.left(ipmsg::RoomLimits::MaxNameBytes / 4);
    room.version = 1;
    room.createdMs = clock::wallMs();
    room.members.append(self());
    for (const QString &peerId : peerIds) {
        const auto m = memberOf(peerId);
        if (m && !room.hasMember(m->user, m->host) &&
            room.members.size() < ipmsg::RoomLimits::MaxMembers)
            room.members.append(*m);
    }
    if (!save(room))
        return std::nullopt;
    const QString me = ourName();
    sendToMembers(room, room.members, QUuid::createUuid().toString(QUuid::WithoutBraces),
                  tr("%1 created the group chat").arg(me), RoomPacketKind::Membership,
                  RoomNotice{RoomNotice::Kind::Created, me, {}});
    return room;
}

RoomSendOutcome RoomService::send(const QString &messageId, const RoomId &id, const QString &text)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    std::optional<Room> room = m_store->find(id);
    if (!room)
        return RoomSendOutcome::NoSuchRoom;
    if (room->left)
        return RoomSendOutcome::Left;
    if (refreshAddresses(&*room))
        m_store->save(*room);
    return sendToMembers(*room, room->members, messageId, text, RoomPacketKind::Message)
               ? RoomSendOutcome::Sent
               : RoomSendOutcome::NoRecipient;
}

bool RoomService::changeMembers(Room room, const QList<RoomMember> &members, const QString &text,
                                const RoomNotice &notice)
{
    QList<RoomMember> told = room.members;
    for (const RoomMember &m : members) {
        if (!room.hasMember(m.user, m.host))
            told.append(m);
    }
    room.members = members;
    ++room.version;
    room.left = !room.hasMember(m_config.user, m_config.host);
    room.removedBy.clear();
    if (!save(room))
        return false;
    sendToMembers(room, told, QUuid::createUuid().toString(QUuid::WithoutBraces), text,
                  RoomPacketKind::Membership, notice);
    return true;
}

bool RoomService::addMembers(const RoomId &id, const QStringList &peerIds)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const std::optional<Room> room = m_store->find(id);
    if (!room || room->left)
        return false;
    QList<RoomMember> members = room->members;
    QStringList names;
    for (const QString &peerId : peerIds) {
        const auto m = memberOf(peerId);
        if (!m || members.size() >= ipmsg::RoomLimits::MaxMembers)
            continue;
        const bool listed = std::any_of(members.cbegin(), members.cend(),
                                        [&](const RoomMember &o) { return o.samePerson(*m); });
        if (listed)
            continue;
        members.append(*m);
        names.append(m_discovery->peer(peerId)->displayName());
    }
    if (names.isEmpty())
        return false;
    const QString me = ourName();
    return changeMembers(*room, members,
                         tr("%1 added %2").arg(me, names.join(QStringLiteral(", "))),
                         RoomNotice{RoomNotice::Kind::Added, me, names});
}

bool RoomService::removeMember(const RoomId &id, const QString &user, const QString &host)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const std::optional<Room> room = m_store->find(id);
    if (!room || room->left || !room->hasMember(user, host))
        return false;
    QList<RoomMember> members = room->members;
    members.removeIf([&](const RoomMember &m) { return m.user == user && m.host == host; });
    const QString me = ourName();
    if (user == m_config.user && host == m_config.host)
        return changeMembers(*room, members, tr("%1 left the group chat").arg(me),
                             RoomNotice{RoomNotice::Kind::Left, me, {}});
    const QString name = nameOf(RoomMember{user, host, {}, 0});
    return changeMembers(*room, members, tr("%1 removed %2").arg(me, name),
                         RoomNotice{RoomNotice::Kind::Removed, me, {name}});
}

bool RoomService::leave(const RoomId &id)
{
    return removeMember(id, m_config.user, m_config.host);
}

RoomNotice RoomService::noticeOf(const Room *before, const RoomSection &after,
                                 const Peer &from) const
{
    RoomNotice notice;
    notice.actor = from.displayName();
    const auto inAfter = [&](const RoomMember &m) {
        return std::any_of(after.members.cbegin(), after.members.cend(),
                           [&](const RoomMember &o) { return o.samePerson(m); });
    };
    const RoomMember sender{from.user, from.host, {}, 0};
    if (!before) {
        // Made with us in it, or we were added to one that was already going.
        notice.kind = after.version <= 1 ? RoomNotice::Kind::Created : RoomNotice::Kind::Added;
        if (notice.kind == RoomNotice::Kind::Added)
            notice.names = {ourName()};
        return notice;
    }
    // A list older than ours, or the one we have again: nothing to tell but who sent it.
    if (after.version <= before->version) {
        notice.kind = RoomNotice::Kind::Changed;
        return notice;
    }
    for (const RoomMember &m : after.members) {
        if (!before->hasMember(m.user, m.host))
            notice.names.append(nameOf(m));
    }
    if (!notice.names.isEmpty()) {
        notice.kind = RoomNotice::Kind::Added;
        return notice;
    }
    // Whoever reads about their own removal reads "you", not their name.
    bool removedUs = false;
    for (const RoomMember &m : before->members) {
        if (inAfter(m) || m.samePerson(sender))
            continue;
        if (isSelf(m, self()))
            removedUs = true;
        else
            notice.names.append(nameOf(m));
    }
    if (removedUs)
        notice.kind = RoomNotice::Kind::RemovedUs;
    else if (!notice.names.isEmpty())
        notice.kind = RoomNotice::Kind::Removed;
    else if (before->hasMember(from.user, from.host) && !inAfter(sender))
        notice.kind = RoomNotice::Kind::Left;
    else
        notice.kind = RoomNotice::Kind::Changed;
    return notice;
}

RoomId RoomService::fileSection(const RoomSection &s, const Peer &from, RoomNotice *notice)
{
    // Only a member speaks for a room: anyone else's section is ignored, and the message
    // goes to its sender's one-to-one chat. A member who just left is no longer in the list
    // it sends, but still in ours.
    std::optional<Room> known = m_store->find(s.id);
    const bool fromMember = std::any_of(s.members.cbegin(), s.members.cend(),
                                        [&](const RoomMember &m) {
                                            return m.user == from.user && m.host == from.host;
                                        }) ||
                            (known && known->hasMember(from.user, from.host));
    if (!fromMember) {
        qCInfo(lcMessages, "room %s: %s is not among its members", s.id.hex().constData(),
               qPrintable(from.id));
        return {};
    }
    const bool listsUs = std::any_of(s.members.cbegin(), s.members.cend(),
                                     [&](const RoomMember &m) { return isSelf(m, self()); });
    Room room;
    bool changed = false;
    if (notice && s.kind == RoomPacketKind::Membership)
        *notice = noticeOf(known ? &*known : nullptr, s, from);
    if (!known) {
        // A room that does not name us is not ours to keep.
        if (!listsUs)
            return {};
        room.id = s.id;
        room.name = s.name;
        room.version = s.version;
        room.members = s.members;
        room.createdMs = clock::wallMs();
        changed = true;
    } else {
        room = *known;
        const bool newer = s.version > room.version ||
                           (s.version == room.version &&
                            personsOf(s.name, s.members) > personsOf(room.name, room.members));
        if (newer) {
            room.name = s.name;
            room.version = s.version;
            room.members = s.members;
            // A member's list without us: they removed us (leaving, we send our own).
            if (!listsUs && !room.left)
                room.removedBy = from.displayName();
            else if (listsUs)
                room.removedBy.clear();
            room.left = !listsUs;
            changed = true;
        }
    }
    // Where we just heard the sender from is where it is now.
    for (RoomMember &m : room.members) {
        if (m.user == from.user && m.host == from.host &&
            (m.address != from.address || m.port != from.port)) {
            m.address = from.address;
            m.port = from.port;
            changed = true;
        }
    }
    if (changed)
        save(room);
    return room.id;
}

RoomId RoomService::fileIptuxGroup(const Peer &from)
{
    // iptux names no room: one per workgroup, the same id on every start.
    const QString group = from.group.isEmpty() ? from.host : from.group;
    const QByteArray digest =
        QCryptographicHash::hash("iptux-group\0" + group.toUtf8(), QCryptographicHash::Md5);
    const std::optional<RoomId> id = RoomId::fromHex(digest.toHex());
    if (!id)
        return {};
    std::optional<Room> known = m_store->find(*id);
    Room room;
    if (known) {
        room = *known;
    } else {
        room.id = *id;
        room.name = group;
        room.version = 1;
        room.createdMs = clock::wallMs();
        room.iptuxGroup = true;
        room.members.append(self());
    }
    const RoomMember sender{from.user, from.host, from.address, from.port};
    bool changed = !known;
    const auto it = std::find_if(room.members.begin(), room.members.end(),
                                 [&](const RoomMember &m) { return m.samePerson(sender); });
    if (it == room.members.end()) {
        room.members.append(sender);
        changed = true;
    } else if (!(*it == sender)) {
        *it = sender;
        changed = true;
    }
    if (changed)
        save(room);
    return room.id;
}

} // namespace lanpigeon
