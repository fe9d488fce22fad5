#include "messaging/discoveryservice.h"

#include "common/clock.h"
#include "common/threadcheck.h"
#include "ipmsg/textcodec.h"
#include "messaging/messaginglog.h"
#include "messaging/udptransport.h"

#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <limits>
#include <utility>

namespace lanpigeon {

using namespace ipmsg;

namespace {

bool isAny(const QHostAddress &address)
{
    return address == QHostAddress::AnyIPv4 || address == QHostAddress::Any ||
           address == QHostAddress::AnyIPv6;
}

// Whether one of the up interfaces holds address (loopback holds its whole subnet).
bool holds(const QList<InterfaceFacts> &interfaces, const QHostAddress &address)
{
    return std::any_of(interfaces.cbegin(), interfaces.cend(), [&](const InterfaceFacts &iface) {
        return iface.up && std::any_of(iface.addresses.cbegin(), iface.addresses.cend(),
                                       [&](const InterfaceFacts::Address &a) {
                                           return a.ip == address ||
                                                  (iface.loopback && a.prefixLength >= 0 &&
                                                   address.isInSubnet(a.ip, a.prefixLength));
                                       });
    });
}

// Whether address is in a subnet of one of the up interfaces.
bool onSubnetOf(const QList<InterfaceFacts> &interfaces, const QHostAddress &address)
{
    return std::any_of(interfaces.cbegin(), interfaces.cend(), [&](const InterfaceFacts &iface) {
        return iface.up && std::any_of(iface.addresses.cbegin(), iface.addresses.cend(),
                                       [&](const InterfaceFacts::Address &a) {
                                           return a.prefixLength >= 0 &&
                                                  address.isInSubnet(a.ip, a.prefixLength);
                                       });
    });
}

bool isEntryFamily(quint32 command)
{
    const quint32 mode = command & 0xff;
    return mode == Mode::BrEntry || mode == Mode::BrAbsence || mode == Mode::BrExit;
}

} // namespace

DiscoveryService::DiscoveryService(UdpTransport *transport, const NodeConfig &config,
                                   QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_config(config)
    , m_timer(new QTimer(this))
    , m_answerTimer(new QTimer(this))
    , m_random([] { return QRandomGenerator::global()->generate(); })
{
    connect(m_transport, &UdpTransport::packetReceived, this, &DiscoveryService::handlePacket);
    connect(m_timer, &QTimer::timeout, this, &DiscoveryService::tick);
    m_answerTimer->setSingleShot(true);
    connect(m_answerTimer, &QTimer::timeout, this, &DiscoveryService::sendQueuedAnswers);
}

DiscoveryService::~DiscoveryService() = default;

QList<QHostAddress> DiscoveryService::announceTargets() const
{
    QList<QHostAddress> targets;
    if (m_config.broadcast) {
        const QHostAddress bound = m_transport->localAddress();
        const auto interfaces = QNetworkInterface::allInterfaces();
        for (const QNetworkInterface &iface : interfaces) {
            const auto flags = iface.flags();
            if (!(flags & QNetworkInterface::IsUp) || !(flags & QNetworkInterface::IsRunning) ||
                !(flags & QNetworkInterface::CanBroadcast) ||
                (flags & QNetworkInterface::IsLoopBack))
                continue;
            for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
                if (entry.ip().protocol() != QAbstractSocket::IPv4Protocol ||
                    entry.broadcast().isNull())
                    continue;
                // A socket bound to one address only speaks for that interface.
                if (!isAny(bound) && entry.ip() != bound)
                    continue;
                if (!targets.contains(entry.broadcast()))
                    targets.append(entry.broadcast());
            }
        }
    }
    for (const QHostAddress &extra : m_config.extraHosts) {
        if (!targets.contains(extra))
            targets.append(extra);
    }
    return targets;
}

quint32 DiscoveryService::entryCommand(quint32 mode) const
{
    quint32 command = mode | Opt::CapUtf8 | Opt::ClipboardCap;
    // Only with a key ring that answers GETPUBKEY: IP Messenger never falls back to plain text
    // for a peer that announced ENCRYPTOPT (ipmsg-extensions.md §1.3).
    if (m_config.encryption)
        command |= Opt::Encrypt | Opt::EncExtMsg | Opt::CapFileEnc;
    if (m_config.status != Status::Online)
        command |= Opt::Absence;
    return command;
}

QByteArray DiscoveryService::entryExtraFor(ClientKind kind) const
{
    EntryExtra ext;
    ext.user = m_config.user;
    ext.host = m_config.host;
    ext.extNick = m_config.nick;
    ext.extGroup = m_config.group;
    ext.status = statusName(m_config.status);
    ext.awayMessage = m_config.awayMessage;
    const QByteArray codec = text::legacyCodecFor(kind, QByteArrayLiteral("UTF-8"));
    QString legacyNick = m_config.nick;
    // Legacy IP Messenger shows absence as "nick[message]".
    if (m_config.status != Status::Online && kind != ClientKind::LanPigeon) {
        legacyNick +=
            QLatin1Char('[') +
            (m_config.awayMessage.isEmpty() ? statusName(m_config.status) : m_config.awayMessage) +
            QLatin1Char(']');
    }
    return buildEntryExtra(text::encode(legacyNick, codec), text::encode(m_config.group, codec),
                           ext);
}

quint32 DiscoveryService::withDialUp(quint32 command, const QHostAddress &to) const
{
    if (isEntryFamily(command) && m_transport->deliveryOf(to) == UdpTransport::Delivery::Direct)
        command |= Opt::DialUp;
    return command;
}

void DiscoveryService::sendEntry(quint32 mode, const QHostAddress &to, quint16 port,
                                 ClientKind kind)
{
    if ((mode & 0xff) == Mode::BrEntry)
        ++m_entriesSent;
    m_transport->send(
        m_transport->makePacket(withDialUp(entryCommand(mode), to), entryExtraFor(kind)), to, port);
}

void DiscoveryService::announceRepeatedly(const std::function<QList<QHostAddress>()> &targets)
{
    auto send = [this, targets] {
        if (!m_running)
            return;
        const auto to = targets();
        for (const QHostAddress &target : to)
            sendEntry(Mode::BrEntry, target, m_config.port, ClientKind::Unknown);
    };
    send();
    // A lost first BR_ENTRY (a lossy Wi-Fi) would otherwise hide us until the next heartbeat,
    // 30 s away; users expect to appear within a second.
    for (const int ms : {1000, 3000}) {
        if (ms < m_config.announceIntervalMs)
            QTimer::singleShot(ms, this, send);
    }
}

QList<DiscoveryService::Unicast>
DiscoveryService::unicastAddresses(const QList<QHostAddress> &targets) const
{
    QList<Unicast> out;
    for (const Peer &p : m_peers) {
        for (const PeerAddress &a : p.addresses) {
            // An extra host on our port already got the packet as a target.
            if (targets.contains(a.address) && a.port == m_config.port)
                continue;
            // Our broadcasts go to our port only.
            if (p.dialUp || a.port != m_config.port ||
                !targets.contains(m_transport->broadcastFor(a.address)))
                out.append({a.address, a.port, p.kind, p.dialUp});
        }
    }
    return out;
}

void DiscoveryService::start()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_running = true;
    announceRepeatedly([this] { return announceTargets(); });
    m_timer->start(std::max(50, m_config.announceIntervalMs));
}

void DiscoveryService::announce()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const auto targets = announceTargets();
    for (const QHostAddress &target : targets)
        sendEntry(Mode::BrEntry, target, m_config.port, ClientKind::Unknown);
}

void DiscoveryService::stop()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (!m_running)
        return;
    m_running = false;
    m_timer->stop();
    m_answerTimer->stop();
    m_answers.clear();
    sendExitToAll();
}

void DiscoveryService::leave()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (m_running)
        sendExitToAll();
}

void DiscoveryService::arrive(quint16 port)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_config.port = port;
    if (!m_running)
        return;
    const auto targets = announceTargets();
    announce();
    for (const Peer &p : std::as_const(m_peers)) {
        for (const PeerAddress &a : p.addresses) {
            if (!targets.contains(a.address) || a.port != port)
                sendEntry(Mode::BrEntry, a.address, a.port, p.kind);
        }
    }
}

void DiscoveryService::sendExitToAll()
{
    QList<QPair<QHostAddress, quint16>> sent;
    auto exitTo = [&](const QHostAddress &to, quint16 port) {
        if (sent.contains({to, port}))
            return;
        sent.append({to, port});
        m_transport->send(
            m_transport->makePacket(withDialUp(Mode::BrExit, to), QByteArray(1, '\0')), to, port);
    };
    const auto targets = announceTargets();
    for (const QHostAddress &target : targets)
        exitTo(target, m_config.port);
    for (const Peer &p : std::as_const(m_peers)) {
        for (const PeerAddress &a : p.addresses)
            exitTo(a.address, a.port);
    }
}

void DiscoveryService::setStatus(Status status, const QString &awayMessage)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_config.status = status;
    m_config.awayMessage = awayMessage;
    sendAbsenceToAll();
}

void DiscoveryService::setIdentity(const QString &nick, const QString &group)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_config.nick = nick;
    m_config.group = group;
    sendAbsenceToAll();
}

void DiscoveryService::setExtraHosts(const QList<QHostAddress> &hosts)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_config.extraHosts = hosts;
    if (m_running)
        announce();
}

void DiscoveryService::sendAbsenceToAll()
{
    if (!m_running)
        return;
    const auto targets = announceTargets();
    for (const QHostAddress &target : targets)
        sendEntry(Mode::BrAbsence, target, m_config.port, ClientKind::Unknown);
    // Peers our broadcast reaches hear it there, as IP Messenger's BroadcastEntry() tells its
    // broadcast list and DialUpList only.
    const auto unicast = unicastAddresses(targets);
    for (const Unicast &u : unicast)
        sendEntry(Mode::BrAbsence, u.address, u.port, u.kind);
}

const Peer *DiscoveryService::peer(const QString &id) const
{
    LANPIGEON_ASSERT_OWN_THREAD();
    auto it = m_peers.constFind(id);
    if (it == m_peers.constEnd())
        it = m_peers.constFind(m_ownerOf.value(id));
    return it == m_peers.constEnd() ? nullptr : &*it;
}

const Peer *DiscoveryService::follow(const QString &id) const
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const Peer *p = peer(id);
    return p || !m_movedTo.contains(id) ? p : peer(m_movedTo.value(id));
}

QString DiscoveryService::ownerOf(const QString &address) const
{
    return m_ownerOf.value(address);
}

const Peer *DiscoveryService::peerAt(const QHostAddress &address) const
{
    LANPIGEON_ASSERT_OWN_THREAD();
    for (const Peer &p : m_peers) {
        if (p.address == address)
            return &p;
    }
    for (const Peer &p : m_peers) {
        for (const PeerAddress &a : p.addresses) {
            if (a.address == address)
                return &p;
        }
    }
    return nullptr;
}

QList<Peer> DiscoveryService::peers() const
{
    LANPIGEON_ASSERT_OWN_THREAD();
    return m_peers.values();
}

void DiscoveryService::upsertFromEntry(const Packet &packet, const QHostAddress &from, quint16 port)
{
    const QString at = Peer::makeId(from, port);
    const QString keyId = keyIdOf(packet);
    QString id = m_ownerOf.value(at);
    // Another login at this address now: the one who was there has left it.
    if (!id.isEmpty() && m_peers.value(id).keyId != keyId) {
        removePeer(at, tr("another login took this address"));
        id.clear();
    }
    if (id.isEmpty()) {
        id = at;
        m_movedTo.remove(at);
    }
    Peer &p = m_peers[id];
    p.id = id;
    p.version = packet.version;
    p.kind = clientKindFromVersion(packet.version);
    const EntryExtra e = parseEntryExtra(packet.extra);
    p.announcedCodec = e.iptuxEncoding;
    p.takesUtf8 = text::peerTakesUtf8(p.kind, packet.has(Opt::CapUtf8));
    p.takesClipboard = packet.has(Opt::ClipboardCap);
    p.canEncrypt = packet.has(Opt::Encrypt);
    p.encryptsLists = packet.has(Opt::EncExtMsg);
    p.canEncryptFiles = packet.has(Opt::CapFileEnc);
    p.keyId = keyId;
    p.announced = true;
    // Kept once set, as IP Messenger keeps a DialUpList entry until the host is deleted.
    if (packet.mode() == Mode::BrEntry && packet.has(Opt::DialUp))
        p.dialUp = true;
    const QByteArray legacy = p.kind == ClientKind::Iptux && !e.iptuxEncoding.isEmpty()
                                  ? e.iptuxEncoding
                                  : m_config.legacyCodec;
    auto legacyText = [&](const QByteArray &bytes) {
        return p.kind == ClientKind::Iptux ? text::decode(bytes, legacy)
                                           : text::decodeFromPeer(bytes, false, p.kind, legacy);
    };
    p.user = e.hasExtension && !e.user.isEmpty() ? e.user : legacyText(packet.user);
    p.host = e.hasExtension && !e.host.isEmpty() ? e.host : legacyText(packet.host);
    p.nick = e.hasExtension && !e.extNick.isEmpty() ? e.extNick : legacyText(e.nick);
    p.group = e.hasExtension && !e.extGroup.isEmpty() ? e.extGroup : legacyText(e.group);
    if (p.nick.isEmpty())
        p.nick = p.user;
    if (!e.status.isEmpty()) {
        p.status = statusFromName(e.status);
        p.awayMessage = e.awayMessage;
    } else if (p.kind != ClientKind::Iptux && packet.has(Opt::Absence)) {
        // iptux always sets ABSENCEOPT, so only other clients are read as away.
        p.status = Status::Away;
        p.awayMessage.clear();
    } else {
        p.status = Status::Online;
        p.awayMessage.clear();
    }
    heardAt(p, from, port);
    settle(id);
}

void DiscoveryService::heardAt(Peer &peer, const QHostAddress &from, quint16 port)
{
    const qint64 now = clock::monotonicMs();
    auto it = std::find_if(peer.addresses.begin(), peer.addresses.end(), [&](const PeerAddress &a) {
        return a.address == from && a.port == port;
    });
    if (it == peer.addresses.end()) {
        peer.addresses.append({from, port, now});
        m_ownerOf.insert(Peer::makeId(from, port), peer.id);
    } else {
        it->lastSeenMs = now;
    }
    peer.address = from;
    peer.port = port;
    peer.lastSeenMs = now;
}

void DiscoveryService::settle(QString id)
{
    const auto it = m_peers.find(id);
    if (it == m_peers.end())
        return;
    const Peer &p = *it;
    // A pending or changed key is no one's yet, so it joins nobody; two keys on one login
    // (cloned machines) are two people. Nor does a peer that has not announced itself: without
    // its entry it looks like one that does not encrypt, as clones heard first by a message do.
    const auto same = [&p](const Peer &other) {
        return other.id != p.id && other.announced && other.keyId == p.keyId &&
               other.canEncrypt == p.canEncrypt && !other.personPending() &&
               other.personKey() == p.personKey();
    };
    const auto into = p.keyId.isEmpty() || !p.announced || p.personPending()
                          ? m_peers.end()
                          : std::find_if(m_peers.begin(), m_peers.end(), same);
    if (into == m_peers.end()) {
        const Peer copy = p;
        emit peerUpdated(copy);
        return;
    }
    // What came last describes them best; where they were first seen stays their id.
    Peer joined = p;
    joined.id = into->id;
    joined.addresses = into->addresses;
    for (const PeerAddress &a : p.addresses) {
        if (!joined.addresses.contains(a))
            joined.addresses.append(a);
    }
    if (joined.cryptoCapa == 0)
        joined.cryptoCapa = into->cryptoCapa;
    if (joined.key.trust == crypto::KeyTrust::Unknown)
        joined.key = into->key;
    joined.lastSeenMs = std::max(into->lastSeenMs, p.lastSeenMs);
    for (const PeerAddress &a : std::as_const(joined.addresses))
        m_ownerOf.insert(a.id(), joined.id);
    *into = joined;
    m_peers.erase(it);
    qCInfo(lcDiscovery, "%s at %s is the peer at %s", qPrintable(joined.keyId), qPrintable(id),
           qPrintable(joined.id));
    emit peerUpdated(joined);
    emit peerRemoved(id, tr("the same person as at %1").arg(joined.id));
}

const Peer &DiscoveryService::notePeer(const Packet &packet, const QHostAddress &from, quint16 port)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const QString id = Peer::makeId(from, port);
    auto it = m_peers.find(m_ownerOf.value(id));
    if (it == m_peers.end()) {
        Peer p;
        p.id = id;
        p.address = from;
        p.port = port;
        p.addresses = {{from, port, clock::monotonicMs()}};
        p.version = packet.version;
        p.kind = clientKindFromVersion(packet.version);
        p.takesUtf8 = text::peerTakesUtf8(p.kind, packet.has(Opt::Utf8));
        p.user = text::decodeFromPeer(packet.user, false, p.kind, m_config.legacyCodec);
        p.host = text::decodeFromPeer(packet.host, false, p.kind, m_config.legacyCodec);
        p.nick = p.user;
        p.keyId = keyIdOf(packet);
        p.lastSeenMs = clock::monotonicMs();
        m_peers.insert(id, p);
        m_ownerOf.insert(id, id);
        m_movedTo.remove(id);
        settle(id);
        it = m_peers.find(m_ownerOf.value(id));
        // Ask for its real name.
        sendEntry(Mode::BrEntry, from, port, p.kind);
    }
    return *it;
}

QString DiscoveryService::keyIdOf(const Packet &packet)
{
    // The header's bytes as they are: the same user and host name the peer on every packet.
    return crypto::KeyRing::peerKeyId(QString::fromUtf8(packet.user),
                                      QString::fromUtf8(packet.host));
}

void DiscoveryService::setPeerKey(const QString &id, quint32 cryptoCapa,
                                  const crypto::PeerKeyState &key)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    auto it = m_peers.find(id);
    if (it == m_peers.end()) {
        it = m_peers.find(m_ownerOf.value(id));
        if (it == m_peers.end())
            return;
        // One address of a person shows another key: whoever is there is someone else.
        if (it->personKey() != key.current.toHex() || key.trust == crypto::KeyTrust::Changed) {
            Peer other = *it;
            const auto at = std::find_if(other.addresses.cbegin(), other.addresses.cend(),
                                         [&id](const PeerAddress &a) { return a.id() == id; });
            if (at == other.addresses.cend())
                return;
            other.id = id;
            other.address = at->address;
            other.port = at->port;
            other.addresses = {*at};
            removePeer(id, tr("another key at this address"), Learnt::StaysWithAddress);
            it = m_peers.insert(id, other);
            m_ownerOf.insert(id, id);
            m_movedTo.remove(id);
        }
    }
    if (cryptoCapa != 0)
        it->cryptoCapa = cryptoCapa;
    it->key = key;
    settle(it->id);
}

void DiscoveryService::removePeer(const QString &address, const QString &reason, Learnt learnt)
{
    const QString id = m_ownerOf.take(address);
    const auto it = m_peers.find(id);
    if (it == m_peers.end())
        return;
    Peer p = *it;
    p.addresses.removeIf([&address](const PeerAddress &a) { return a.id() == address; });
    if (p.addresses.isEmpty()) {
        m_peers.erase(it);
        qCInfo(lcDiscovery, "dropped peer %s: %s", qPrintable(id), qPrintable(reason));
        emit peerRemoved(id, reason);
        return;
    }
    // Messages go to the address heard from last of those left.
    const PeerAddress latest = *std::max_element(
        p.addresses.cbegin(), p.addresses.cend(),
        [](const PeerAddress &a, const PeerAddress &b) { return a.lastSeenMs < b.lastSeenMs; });
    p.address = latest.address;
    p.port = latest.port;
    qCInfo(lcDiscovery, "peer %s left %s (%s), still at %s", qPrintable(id), qPrintable(address),
           qPrintable(reason), qPrintable(latest.id()));
    if (address != id) {
        *it = p;
        emit peerUpdated(p);
        if (learnt == Learnt::Gone)
            emit addressLeft(address);
        return;
    }
    // The address that named them is gone: they are named by one they are at, and their chat
    // follows as it follows anyone who moved (PersonTracker).
    m_peers.erase(it);
    p.id = latest.id();
    for (const PeerAddress &a : std::as_const(p.addresses))
        m_ownerOf.insert(a.id(), p.id);
    if (m_movedTo.size() >= MaxMoves)
        m_movedTo.clear();
    for (auto moved = m_movedTo.begin(); moved != m_movedTo.end(); ++moved) {
        if (*moved == id)
            *moved = p.id;
    }
    m_movedTo.insert(id, p.id);
    m_peers.insert(p.id, p);
    emit peerUpdated(p);
    emit peerRemoved(id, reason);
}

void DiscoveryService::probe(const QHostAddress &to, quint16 port)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (m_running)
        sendEntry(Mode::BrEntry | Opt::DialUp, to, port, ClientKind::Unknown);
}

qint64 DiscoveryService::lastHeardAt(const QString &at) const
{
    if (const Peer *p = peer(at)) {
        for (const PeerAddress &a : p->addresses) {
            if (a.id() == at)
                return a.lastSeenMs;
        }
    }
    return std::numeric_limits<qint64>::max();
}

void DiscoveryService::dropIfSilent(const QString &id, qint64 quietMs)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const Peer *p = peer(id);
    if (!p)
        return;
    // Only the address the message went to: the person may still be at another.
    const QString at = Peer::makeId(p->address, p->port);
    if (clock::monotonicMs() - lastHeardAt(at) < quietMs)
        return;
    // One more chance, as the heartbeat gives a quiet peer: a live peer answers BR_ENTRY with
    // ANSENTRY even when it lost every copy of the message.
    probeOrDrop(at, ProbeAnswerMs);
}

void DiscoveryService::probeOrDrop(const QString &at, int answerMs)
{
    const Peer *p = peer(at);
    if (!p)
        return;
    const auto a = std::find_if(p->addresses.cbegin(), p->addresses.cend(),
                                [&at](const PeerAddress &a) { return a.id() == at; });
    if (a == p->addresses.cend())
        return;
    const qint64 probedMs = clock::monotonicMs();
    sendEntry(Mode::BrEntry | Opt::DialUp, a->address, a->port, p->kind);
    QTimer::singleShot(answerMs, this, [this, at, probedMs] {
        if (lastHeardAt(at) < probedMs)
            removePeer(at, tr("did not answer"));
    });
}

void DiscoveryService::interfacesChanged(const QList<InterfaceChange> &changes,
                                         const QList<InterfaceFacts> &now)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (!m_running)
        return;
    const QHostAddress bound = m_transport->localAddress();
    bool lost = false;
    bool arrived = false;
    QList<QHostAddress> fresh;
    for (const InterfaceChange &c : changes) {
        if (c.kind == InterfaceChange::Kind::AddressDown) {
            lost = true;
            continue;
        }
        // A socket bound to one address only speaks for that interface.
        if (!isAny(bound) && c.address.ip != bound)
            continue;
        arrived = true;
        if (m_config.broadcast && !c.loopback && !c.address.broadcast.isNull() &&
            !fresh.contains(c.address.broadcast))
            fresh.append(c.address.broadcast);
    }
    if (lost) {
        m_interfaceLostMs = clock::monotonicMs();
        const bool boundGone = !isAny(bound) && !holds(now, bound);
        // Each address on its own: a person with a card on a network still up stays there.
        QStringList unsure;
        for (const Peer &p : std::as_const(m_peers)) {
            for (const PeerAddress &a : p.addresses) {
                if (boundGone || !onSubnetOf(now, a.address))
                    unsure.append(a.id());
            }
        }
        for (const QString &at : std::as_const(unsure))
            probeOrDrop(at, InterfaceLossAnswerMs);
    }
    if (!arrived)
        return;
    for (const QHostAddress &extra : std::as_const(m_config.extraHosts)) {
        if (!fresh.contains(extra))
            fresh.append(extra);
    }
    if (!fresh.isEmpty())
        announceRepeatedly([fresh] { return fresh; });
    // Those probed when an address went may be back through the new one, beyond its broadcast.
    for (const Peer &p : std::as_const(m_peers)) {
        for (const PeerAddress &a : p.addresses) {
            if (a.lastSeenMs < m_interfaceLostMs)
                sendEntry(Mode::BrEntry, a.address, a.port, p.kind);
        }
    }
}

ClientKind DiscoveryService::kindAt(const QString &address) const
{
    const Peer *p = peer(address);
    return p ? p->kind : ClientKind::Unknown;
}

int DiscoveryService::answerSpreadMs(int knownHosts, bool sameSubnet24)
{
    if (knownHosts < 50 || sameSubnet24)
        return 1023;
    return knownHosts < 300 ? 2047 : 4095;
}

bool DiscoveryService::sharesOurSubnet24(const QHostAddress &address) const
{
    const QHostAddress bound = m_transport->localAddress();
    if (!isAny(bound))
        return address.isInSubnet(bound, 24);
    const auto locals = QNetworkInterface::allAddresses();
    return std::any_of(locals.cbegin(), locals.cend(), [&](const QHostAddress &local) {
        return local.protocol() == QAbstractSocket::IPv4Protocol && address.isInSubnet(local, 24);
    });
}

void DiscoveryService::queueAnswer(const QHostAddress &to, quint16 port)
{
    if (!m_answers.contains({to, port}))
        m_answers.append({to, port});
    // One timer for all, as IP Messenger's: answers arriving meanwhile leave with the first.
    if (m_answerTimer->isActive())
        return;
    const int spread = answerSpreadMs(int(m_peers.size()), sharesOurSubnet24(to));
    m_answerTimer->start(int(m_random() % quint32(spread + 1)));
}

void DiscoveryService::sendQueuedAnswers()
{
    const auto answers = std::exchange(m_answers, {});
    if (!m_running)
        return;
    for (const auto &[to, port] : answers)
        sendEntry(Mode::AnsEntry, to, port, kindAt(Peer::makeId(to, port)));
}

void DiscoveryService::handlePacket(const Packet &packet, const QHostAddress &from, quint16 port,
                                    UdpTransport::Delivery delivery)
{
    if (!m_running)
        return;
    switch (packet.mode()) {
    case Mode::BrEntry:
        upsertFromEntry(packet, from, port);
        // A BR_ENTRY meant for us alone (a probe, a host list, --extra-host) waits for nothing:
        // only a broadcast reaches many hosts who would all answer at once.
        if (delivery == UdpTransport::Delivery::Broadcast)
            queueAnswer(from, port);
        else
            sendEntry(Mode::AnsEntry, from, port, kindAt(Peer::makeId(from, port)));
        return;
    case Mode::AnsEntry:
    case Mode::BrAbsence:
        upsertFromEntry(packet, from, port);
        return;
    case Mode::BrExit:
        removePeer(Peer::makeId(from, port), tr("left"));
        return;
    default:
        break;
    }
    const auto it = m_peers.find(m_ownerOf.value(Peer::makeId(from, port)));
    if (it == m_peers.end())
        return;
    const bool moved = it->address != from || it->port != port;
    heardAt(*it, from, port);
    // The address that answered last is the one to use: the window and the CLI show it.
    if (moved) {
        const Peer copy = *it;
        emit peerUpdated(copy);
    }
}

void DiscoveryService::tick()
{
    const auto targets = announceTargets();
    // Heartbeat: BR_ABSENCE needs no answer, so it costs one datagram per host and interval.
    for (const QHostAddress &target : targets)
        sendEntry(Mode::BrAbsence, target, m_config.port, ClientKind::Unknown);
    // A host that asked with DIALUPOPT hears no broadcast of ours.
    const auto unicast = unicastAddresses(targets);
    for (const Unicast &u : unicast) {
        if (u.dialUp)
            sendEntry(Mode::BrAbsence, u.address, u.port, u.kind);
    }
    const qint64 now = clock::monotonicMs();
    QStringList expired;
    for (const Peer &p : std::as_const(m_peers)) {
        // Each address on its own: a card unplugged goes silent while the other still speaks.
        for (const PeerAddress &a : p.addresses) {
            const qint64 quiet = now - a.lastSeenMs;
            if (quiet > m_config.peerTimeoutMs)
                expired.append(a.id());
            else if (quiet > m_config.announceIntervalMs + m_config.announceIntervalMs / 2)
                sendEntry(Mode::BrEntry | Opt::DialUp, a.address, a.port, p.kind);
        }
    }
    for (const QString &id : expired)
        removePeer(id, tr("timed out"));
}

} // namespace lanpigeon
