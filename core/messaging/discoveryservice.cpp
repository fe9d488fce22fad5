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

QList<Peer> DiscoveryService::unicastPeers(const QList<QHostAddress> &targets) const
{
    QList<Peer> out;
    for (const Peer &p : m_peers) {
        // An extra host on our port already got the packet as a target.
        if (targets.contains(p.address) && p.port == m_config.port)
            continue;
        // Our broadcasts go to our port only.
        if (p.dialUp || p.port != m_config.port ||
            !targets.contains(m_transport->broadcastFor(p.address)))
            out.append(p);
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
        if (!targets.contains(p.address) || p.port != port)
            sendEntry(Mode::BrEntry, p.address, p.port, p.kind);
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
    for (const Peer &p : std::as_const(m_peers))
        exitTo(p.address, p.port);
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
    const auto peers = unicastPeers(targets);
    for (const Peer &p : peers)
        sendEntry(Mode::BrAbsence, p.address, p.port, p.kind);
}

const Peer *DiscoveryService::peer(const QString &id) const
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const auto it = m_peers.constFind(id);
    return it == m_peers.constEnd() ? nullptr : &*it;
}

const Peer *DiscoveryService::peerAt(const QHostAddress &address) const
{
    LANPIGEON_ASSERT_OWN_THREAD();
    for (const Peer &p : m_peers) {
        if (p.address == address)
            return &p;
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
    const QString id = Peer::makeId(from, port);
    const bool known = m_peers.contains(id);
    Peer &p = m_peers[id];
    p.id = id;
    p.address = from;
    p.port = port;
    p.version = packet.version;
    p.kind = clientKindFromVersion(packet.version);
    const EntryExtra e = parseEntryExtra(packet.extra);
    p.announcedCodec = e.iptuxEncoding;
    p.takesUtf8 = text::peerTakesUtf8(p.kind, packet.has(Opt::CapUtf8));
    p.takesClipboard = packet.has(Opt::ClipboardCap);
    p.canEncrypt = packet.has(Opt::Encrypt);
    p.encryptsLists = packet.has(Opt::EncExtMsg);
    p.canEncryptFiles = packet.has(Opt::CapFileEnc);
    p.keyId = keyIdOf(packet);
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
    p.lastSeenMs = clock::monotonicMs();
    Q_UNUSED(known)
    emit peerUpdated(p);
}

const Peer &DiscoveryService::notePeer(const Packet &packet, const QHostAddress &from, quint16 port)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const QString id = Peer::makeId(from, port);
    auto it = m_peers.find(id);
    if (it == m_peers.end()) {
        Peer p;
        p.id = id;
        p.address = from;
        p.port = port;
        p.version = packet.version;
        p.kind = clientKindFromVersion(packet.version);
        p.takesUtf8 = text::peerTakesUtf8(p.kind, packet.has(Opt::Utf8));
        p.user = text::decodeFromPeer(packet.user, false, p.kind, m_config.legacyCodec);
        p.host = text::decodeFromPeer(packet.host, false, p.kind, m_config.legacyCodec);
        p.nick = p.user;
        p.keyId = keyIdOf(packet);
        p.lastSeenMs = clock::monotonicMs();
        it = m_peers.insert(id, p);
        emit peerUpdated(*it);
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
    const auto it = m_peers.find(id);
    if (it == m_peers.end())
        return;
    if (cryptoCapa != 0)
        it->cryptoCapa = cryptoCapa;
    it->key = key;
    emit peerUpdated(*it);
}

void DiscoveryService::removePeer(const QString &id, const QString &reason)
{
    if (m_peers.remove(id) == 0)
        return;
    qCInfo(lcDiscovery, "dropped peer %s: %s", qPrintable(id), qPrintable(reason));
    emit peerRemoved(id, reason);
}

void DiscoveryService::probe(const QHostAddress &to, quint16 port)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (m_running)
        sendEntry(Mode::BrEntry | Opt::DialUp, to, port, ClientKind::Unknown);
}

void DiscoveryService::dropIfSilent(const QString &id, qint64 quietMs)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const auto it = m_peers.constFind(id);
    if (it == m_peers.constEnd() || clock::monotonicMs() - it->lastSeenMs < quietMs)
        return;
    // One more chance, as the heartbeat gives a quiet peer: a live peer answers BR_ENTRY with
    // ANSENTRY even when it lost every copy of the message.
    probeOrDrop(id, ProbeAnswerMs);
}

void DiscoveryService::probeOrDrop(const QString &id, int answerMs)
{
    const auto it = m_peers.constFind(id);
    if (it == m_peers.constEnd())
        return;
    const qint64 probedMs = clock::monotonicMs();
    sendEntry(Mode::BrEntry | Opt::DialUp, it->address, it->port, it->kind);
    QTimer::singleShot(answerMs, this, [this, id, probedMs] {
        const auto peer = m_peers.constFind(id);
        if (peer != m_peers.constEnd() && peer->lastSeenMs < probedMs)
            removePeer(id, tr("did not answer"));
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
        QStringList unsure;
        for (const Peer &p : std::as_const(m_peers)) {
            if (boundGone || !onSubnetOf(now, p.address))
                unsure.append(p.id);
        }
        for (const QString &id : std::as_const(unsure))
            probeOrDrop(id, InterfaceLossAnswerMs);
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
        if (p.lastSeenMs < m_interfaceLostMs)
            sendEntry(Mode::BrEntry, p.address, p.port, p.kind);
    }
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
        sendEntry(Mode::AnsEntry, to, port, m_peers.value(Peer::makeId(to, port)).kind);
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
            sendEntry(Mode::AnsEntry, from, port, m_peers.value(Peer::makeId(from, port)).kind);
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
    const auto it = m_peers.find(Peer::makeId(from, port));
    if (it != m_peers.end())
        it->lastSeenMs = clock::monotonicMs();
}

void DiscoveryService::tick()
{
    const auto targets = announceTargets();
    // Heartbeat: BR_ABSENCE needs no answer, so it costs one datagram per host and interval.
    for (const QHostAddress &target : targets)
        sendEntry(Mode::BrAbsence, target, m_config.port, ClientKind::Unknown);
    // A host that asked with DIALUPOPT hears no broadcast of ours.
    const auto peers = unicastPeers(targets);
    for (const Peer &p : peers) {
        if (p.dialUp)
            sendEntry(Mode::BrAbsence, p.address, p.port, p.kind);
    }
    const qint64 now = clock::monotonicMs();
    QStringList expired;
    for (const Peer &p : std::as_const(m_peers)) {
        const qint64 quiet = now - p.lastSeenMs;
        if (quiet > m_config.peerTimeoutMs)
            expired.append(p.id);
        else if (quiet > m_config.announceIntervalMs + m_config.announceIntervalMs / 2)
            sendEntry(Mode::BrEntry | Opt::DialUp, p.address, p.port, p.kind);
    }
    for (const QString &id : expired)
        removePeer(id, tr("timed out"));
}

} // namespace lanpigeon
