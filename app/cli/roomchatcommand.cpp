#include "roomchatcommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "messenger.h"
#include "models/peermodel.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTimer>

namespace lanpigeon::cli {

RoomChatCommand::RoomChatCommand(QObject *parent)
    : NodeCommand(parent)
    , m_deadline(new QTimer(this))
{
    m_deadline->setSingleShot(true);
}

RoomChatCommand::~RoomChatCommand() = default;

std::optional<int> RoomChatCommand::prepare(const Invocation &invocation)
{
    const QCommandLineParser &p = invocation.options;
    const QString action = invocation.args.value(0);
    m_name = invocation.args.value(1);
    if (action == QLatin1String("create") || action == QLatin1String("add")) {
        m_action = action == QLatin1String("create") ? Action::Create : Action::Add;
        m_members = p.values(QStringLiteral("member"));
        if (m_name.trimmed().isEmpty() || invocation.args.size() != 2 || m_members.isEmpty())
            return usageError(QStringLiteral("room %1 needs NAME and --member PEER").arg(action));
    } else if (action == QLatin1String("remove")) {
        m_action = Action::Remove;
        const QString person = invocation.args.value(2);
        const qsizetype at = person.indexOf(QLatin1Char('@'));
        m_user = person.left(at);
        m_host = person.mid(at + 1);
        if (m_name.isEmpty() || invocation.args.size() != 3 || at <= 0 || m_host.isEmpty())
            return usageError(QStringLiteral("room remove needs NAME and USER@HOST"));
    } else if (action == QLatin1String("leave")) {
        m_action = Action::Leave;
        if (m_name.isEmpty() || invocation.args.size() != 2)
            return usageError(QStringLiteral("room leave needs NAME"));
    } else {
        m_action = Action::Send;
        m_text = invocation.args.mid(2).join(QLatin1Char(' '));
        if (m_name.isEmpty() || m_text.isEmpty())
            return usageError(QStringLiteral("room send needs NAME and TEXT"));
    }
    const double wait = seconds(p, QStringLiteral("wait"), 3.0);
    connect(m_deadline, &QTimer::timeout, this, [this] {
        m_waited = true;
        proceed();
        const bool unknown =
            m_action == Action::Create ? m_roomId.isNull() : m_action == Action::Add && !m_acted;
        if (!unknown || finishing())
            return;
        say(QStringLiteral("no peer found for: %1").arg(m_members.join(QStringLiteral(", "))));
        finish(1);
    });
    connect(messenger(), &Messenger::started, this, [this, wait] {
        m_deadline->start(int(wait * 1000));
        if (m_action == Action::Create) {
            announceTo(addressesAmong(m_members));
            tryMembers();
            return;
        }
        messenger()->loadRooms();
    });
    connect(messenger(), &Messenger::peerUpdated, this, &RoomChatCommand::proceed);
    connect(messenger(), &Messenger::roomsLoaded, this, &RoomChatCommand::roomsLoaded);
    connect(messenger(), &Messenger::roomChanged, this, [this](const Room &room) {
        if (room.id == m_roomId)
            m_changed = room;
    });
    connect(messenger(), &Messenger::roomRequestDone, this, [this](const RoomId &id, bool ok) {
        if (id != m_roomId || m_done)
            return;
        if (!ok || !m_changed) {
            say(QStringLiteral("'%1' did not change").arg(m_name));
            finish(1);
            return;
        }
        printRoom(*m_changed);
        // Its notices' rows are all in: they were stored before this was posted.
        m_done = true;
        finishWhenDone();
    });
    connect(messenger(), &Messenger::roomSendDone, this,
            [this](const QString &messageId, const RoomId &, RoomSendOutcome outcome) {
                sendDone(messageId, outcome);
            });
    connect(messenger(), &Messenger::messageStored, this, &RoomChatCommand::stored);
    connect(messenger(), &Messenger::messageStateChanged, this, &RoomChatCommand::stateChanged);
    return std::nullopt;
}

void RoomChatCommand::proceed()
{
    if (m_action == Action::Send)
        trySend();
    else if (m_action == Action::Create || m_action == Action::Add)
        tryMembers();
    else
        changeRoom();
}

bool RoomChatCommand::membersOnline() const
{
    const QList<Peer> peers = messenger()->peerModel()->peers();
    for (const RoomMember &m : std::as_const(m_room->members)) {
        if (m.address.isNull() || (m.user == config().user && m.host == config().host))
            continue;
        const bool online = std::any_of(peers.cbegin(), peers.cend(), [&](const Peer &p) {
            return p.user == m.user && p.host == m.host;
        });
        if (!online)
            return false;
    }
    return true;
}

std::optional<QStringList> RoomChatCommand::memberPeerIds() const
{
    QStringList ids;
    for (const QString &member : std::as_const(m_members)) {
        // A member is a person (user@host): only a peer that announced itself names one.
        const QStringList found = peersNamed(member);
        if (found.isEmpty())
            return std::nullopt;
        ids += found;
    }
    ids.removeDuplicates();
    return ids;
}

void RoomChatCommand::tryMembers()
{
    const bool waiting = m_action == Action::Create
                             ? m_roomId.isNull()
                             : m_room && !m_acted && (m_waited || membersOnline());
    if (!waiting || finishing() || !messenger()->isRunning())
        return;
    const std::optional<QStringList> ids = memberPeerIds();
    if (!ids)
        return;
    m_deadline->stop();
    if (m_action == Action::Create) {
        m_roomId = messenger()->createRoom(m_name, *ids);
        return;
    }
    m_acted = true;
    messenger()->addRoomMembers(m_roomId, *ids);
}

void RoomChatCommand::changeRoom()
{
    if (!m_room || m_acted || finishing() || !(m_waited || membersOnline()))
        return;
    if (m_action == Action::Remove && !m_room->hasMember(m_user, m_host)) {
        say(QStringLiteral("%1@%2 is not in '%3'").arg(m_user, m_host, m_name));
        finish(1);
        return;
    }
    m_deadline->stop();
    m_acted = true;
    if (m_action == Action::Remove)
        messenger()->removeRoomMember(m_roomId, m_user, m_host);
    else
        messenger()->leaveRoom(m_roomId);
}

void RoomChatCommand::roomsLoaded(const QList<Room> &rooms)
{
    QList<Room> named;
    for (const Room &room : rooms) {
        if (room.name == m_name || room.id.toString() == m_name.toLower())
            named.append(room);
    }
    if (named.size() != 1) {
        say(named.isEmpty() ? QStringLiteral("no group chat named '%1'").arg(m_name)
                            : QStringLiteral("%1 group chats are named '%2': give the id (room "
                                             "list)")
                                  .arg(named.size())
                                  .arg(m_name));
        finish(1);
        return;
    }
    if (named.first().left) {
        say(named.first().removedBy.isEmpty() ? QStringLiteral("we have left '%1'").arg(m_name)
                                              : QStringLiteral("we were removed from '%1' by %2")
                                                    .arg(m_name, named.first().removedBy));
        finish(1);
        return;
    }
    m_room = named.first();
    m_roomId = m_room->id;
    QList<QHostAddress> addresses;
    for (const RoomMember &m : std::as_const(m_room->members))
        addresses.append(m.address);
    if (m_action == Action::Add)
        addresses += addressesAmong(m_members);
    announceTo(addresses);
    proceed();
}

void RoomChatCommand::trySend()
{
    if (!m_room || m_done || finishing() || !(m_waited || membersOnline()))
        return;
    m_deadline->stop();
    m_done = true;
    m_messageId = messenger()->sendToRoom(m_roomId, m_text);
}

void RoomChatCommand::sendDone(const QString &messageId, RoomSendOutcome outcome)
{
    if (messageId != m_messageId)
        return;
    switch (outcome) {
    case RoomSendOutcome::Sent:
        finishWhenDone();
        return;
    case RoomSendOutcome::NoRecipient:
        say(QStringLiteral("not sent: nobody else in '%1' can be reached (no other member, or "
                           "none with a known address)")
                .arg(m_name));
        break;
    case RoomSendOutcome::Left:
        say(QStringLiteral("not sent: we are no longer in '%1'").arg(m_name));
        break;
    case RoomSendOutcome::NoSuchRoom:
        say(QStringLiteral("not sent: no group chat '%1'").arg(m_name));
        break;
    }
    finish(1);
}

void RoomChatCommand::printRoom(const Room &room)
{
    if (json())
        outJson(roomJson(room));
    else
        out(QStringLiteral("%1 %2").arg(room.id.toString(), room.name));
}

void RoomChatCommand::stored(const ChatMessage &message)
{
    if (message.roomId != m_roomId || message.direction != Direction::Outgoing)
        return;
    m_states.insert({message.id, message.peerId}, message.state);
    if (message.state == DeliveryState::Failed)
        stateChanged(message.id, message.peerId, message.state, message.error);
}

void RoomChatCommand::stateChanged(const QString &id, const QString &peerId, DeliveryState state,
                                   const QString &error)
{
    const auto it = m_states.find({id, peerId});
    if (it == m_states.end())
        return;
    *it = state;
    if (state == DeliveryState::Failed) {
        say(QStringLiteral("%1: %2").arg(peerId, error));
        setExitCode(1);
    } else if (m_action == Action::Send) {
        if (json())
            outJson({{QStringLiteral("id"), id},
                     {QStringLiteral("room"), m_roomId.toString()},
                     {QStringLiteral("peer"), peerId},
                     {QStringLiteral("state"), deliveryStateName(state)}});
        else
            out(QStringLiteral("%1: %2").arg(peerId, deliveryStateName(state)));
    }
    finishWhenDone();
}

void RoomChatCommand::finishWhenDone()
{
    if (!m_done)
        return;
    for (DeliveryState s : std::as_const(m_states)) {
        if (s == DeliveryState::Sending)
            return;
    }
    if (m_action == Action::Send && m_states.isEmpty())
        return;
    finish(exitCode());
}

} // namespace lanpigeon::cli
