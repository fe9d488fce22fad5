#include "messaging/keyexchange.h"

#include "common/clock.h"
#include "common/threadcheck.h"
#include "crypto/cryptocodec.h"
#include "crypto/cryptolog.h"
#include "crypto/keyring.h"
#include "messaging/discoveryservice.h"
#include "messaging/peer.h"
#include "messaging/udptransport.h"

#include <QTimer>

namespace lanpigeon {

using namespace ipmsg;

namespace {

// Replies (ANSPUBKEY, and our GETPUBKEY back) per second, to everyone and to one address. A
// real peer asks once and retries a few times; a flood from spoofed addresses gets no more.
constexpr int AnswersPerSecond = 256;
constexpr int AnswersPerAddressPerSecond = 16;
// A peer that never answered is asked on sight again only after this long (monotonic).
constexpr qint64 GaveUpQuietMs = 30 * 1000;
// A peer whose signature failed is asked again for its key at most this often (monotonic).
constexpr qint64 RecheckQuietMs = 10 * 1000;
// Nor is one whose entry comes again this soon after it answered: a start-up repeats its entry
// 1 and 3 s in (heartbeats are BR_ABSENCE and ask nothing). Short, as a node killed and started
// again with another key at the address is noticed only at its next entry or signed message.
constexpr qint64 EntryRepeatQuietMs = 4 * 1000;
// Retries of an ask nobody waits on double their interval up to this many times the first.
constexpr int MaxBackoff = 8;
// Peers remembered as rechecked; a flood from many addresses starts the record afresh.
constexpr int MaxRechecked = 4096;

} // namespace

KeyExchange::KeyExchange(UdpTransport *transport, DiscoveryService *discovery,
                         std::shared_ptr<crypto::KeyRing> keyRing, const NodeConfig &config,
                         QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_discovery(discovery)
    , m_keyRing(std::move(keyRing))
    , m_config(config)
    , m_retryTimer(new QTimer(this))
    , m_flushPins(new QTimer(this))
{
    m_flushPins->setSingleShot(true);
    m_flushPins->setInterval(1100);
    connect(m_flushPins, &QTimer::timeout, this, [this] { m_keyRing->flushPins(); });
    connect(m_transport, &UdpTransport::packetReceived, this, &KeyExchange::handlePacket);
    connect(m_discovery, &DiscoveryService::peerUpdated, this, &KeyExchange::peerSeen);
    connect(m_discovery, &DiscoveryService::peerRemoved, this, &KeyExchange::peerGone);
    connect(m_discovery, &DiscoveryService::addressLeft, this, &KeyExchange::peerGone);
    connect(m_retryTimer, &QTimer::timeout, this, &KeyExchange::retryDue);
    m_retryTimer->setInterval(std::max(10, m_config.retryIntervalMs / 4));
}

KeyExchange::~KeyExchange() = default;

bool KeyExchange::hasKey(const Peer &peer)
{
    return peer.cryptoCapa != 0;
}

bool KeyExchange::answered(const QString &peerId) const
{
    return m_answered.contains(peerId);
}

void KeyExchange::request(const QString &peerId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const Peer *peer = m_discovery->peer(peerId);
    if (!peer || !m_config.encryption)
        return;
    ask(peerId, peer->address, peer->port, Why::Needed);
}

bool KeyExchange::recheck(const QString &peerId, const QHostAddress &address, quint16 port)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (m_asking.contains(peerId)) {
        ask(peerId, address, port, Why::Needed);
        return true;
    }
    const qint64 now = clock::monotonicMs();
    const auto last = m_recheckedMs.constFind(peerId);
    if (last != m_recheckedMs.constEnd() && now - *last < RecheckQuietMs)
        return false;
    if (m_recheckedMs.size() >= MaxRechecked)
        m_recheckedMs.clear();
    m_recheckedMs.insert(peerId, now);
    qCInfo(crypto::lcCrypto, "a message from %s failed its signature: asking for its key again",
           qPrintable(peerId));
    ask(peerId, address, port, Why::Needed);
    return true;
}

bool KeyExchange::markVerified(const QString &peerId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const Peer *peer = m_discovery->peer(peerId);
    if (!peer || !m_keyRing->markVerified(peerId))
        return false;
    const crypto::PeerKeyState state = m_keyRing->stateAt(peerId);
    qCInfo(crypto::lcCrypto, "key of %s (%s) marked verified: %s", qPrintable(peer->keyId),
           qPrintable(peerId), qPrintable(state.pinned.toString()));
    m_discovery->setPeerKey(peerId, 0, state);
    return true;
}

void KeyExchange::ask(const QString &peerId, const QHostAddress &address, quint16 port, Why why)
{
    const auto asking = m_asking.find(peerId);
    if (asking != m_asking.end()) {
        // A message now waits on this key: the one-off or backing-off ask becomes one that
        // retries promptly, or a single lost datagram would hold every message behind it.
        if (why == Why::Needed && asking->why != Why::Needed) {
            asking->why = Why::Needed;
            asking->nextAttemptMs =
                std::min(asking->nextAttemptMs, clock::monotonicMs() + m_config.retryIntervalMs);
        } else if (why == Why::Seen && asking->why == Why::AskedBack) {
            asking->why = Why::Seen;
        }
        return;
    }
    Asking a;
    a.address = address;
    a.port = port;
    a.attempts = 1;
    a.nextAttemptMs = clock::monotonicMs() + m_config.retryIntervalMs;
    a.why = why;
    m_asking.insert(peerId, a);
    sendAsk(a);
    if (!m_retryTimer->isActive())
        m_retryTimer->start();
}

void KeyExchange::sendAsk(const Asking &asking)
{
    const quint32 command = Mode::GetPubKey | (asking.why == Why::AskedBack ? Opt::AutoRet : 0);
    m_transport->send(m_transport->makePacket(command, crypto::encodeGetPubKey() + '\0'),
                      asking.address, asking.port);
}

void KeyExchange::peerSeen(const Peer &peer)
{
    if (!m_config.encryption || !peer.canEncrypt)
        return;
    // Its key came before its entry (our answer to its GETPUBKEY asked back, while its answer
    // to our broadcast waited): discovery had no peer to give it to then.
    if (keyAwaitsHandOver(peer)) {
        // Not while discovery is still telling its other listeners of this peer: the key may
        // join it to someone and remove it, and they would hear of that before of the peer.
        QMetaObject::invokeMethod(
            this, [this, id = peer.id] { handOver(id); }, Qt::QueuedConnection);
        return;
    }
    if (m_answered.contains(peer.id) || m_asking.contains(peer.id))
        return;
    const auto gaveUp = m_gaveUpMs.constFind(peer.id);
    if (gaveUp != m_gaveUpMs.constEnd() && clock::monotonicMs() - *gaveUp < GaveUpQuietMs)
        return;
    ask(peer.id, peer.address, peer.port, Why::Seen);
}

bool KeyExchange::keyAwaitsHandOver(const Peer &peer) const
{
    return m_answered.contains(peer.id) && peer.key.trust == crypto::KeyTrust::Unknown &&
           peer.cryptoCapa == 0;
}

void KeyExchange::handOver(const QString &peerId)
{
    const Peer *peer = m_discovery->peer(peerId);
    if (!peer || peer->id != peerId || !keyAwaitsHandOver(*peer))
        return;
    m_discovery->setPeerKey(peerId, m_answered.value(peerId).capa, m_keyRing->stateAt(peerId));
}

void KeyExchange::peerGone(const QString &peerId)
{
    // An address that joined the same person elsewhere (a second network card) keeps what
    // its key exchange learnt: it is still theirs.
    if (m_discovery->peer(peerId))
        return;
    // Its key no longer vouches for a clone's, and it is asked again when it comes back.
    m_keyRing->forget(peerId);
    m_answered.remove(peerId);
}

void KeyExchange::retryDue()
{
    const qint64 now = clock::monotonicMs();
    QStringList failed;
    for (auto it = m_asking.begin(); it != m_asking.end(); ++it) {
        if (it->nextAttemptMs > now)
            continue;
        // Our GETPUBKEY back to a peer that asked us is sent once: it asks again if it cares.
        if (it->attempts >= m_config.maxAttempts || it->why == Why::AskedBack) {
            failed.append(it.key());
            continue;
        }
        // Nobody waits on an ask made on sight: when a start-up crowd answers late, retrying
        // each second would only add to the crowd.
        const int backoff =
            it->why == Why::Seen ? std::min(MaxBackoff, 1 << std::min(it->attempts, 3)) : 1;
        ++it->attempts;
        it->nextAttemptMs = now + qint64(m_config.retryIntervalMs) * backoff;
        sendAsk(*it);
    }
    for (const QString &id : failed) {
        const Asking a = m_asking.take(id);
        m_gaveUpMs.insert(id, now);
        qCInfo(crypto::lcCrypto, "%s sent no key after %d requests", qPrintable(id), a.attempts);
        emit keyFailed(id);
    }
    if (m_asking.isEmpty())
        m_retryTimer->stop();
}

bool KeyExchange::takeBudget(const QHostAddress &from)
{
    const qint64 now = clock::monotonicMs();
    if (now - m_budgetWindowMs >= 1000) {
        m_budgetWindowMs = now;
        m_budgetUsed = 0;
        m_budgetPerAddress.clear();
    }
    int &mine = m_budgetPerAddress[from.toString()];
    if (m_budgetUsed >= AnswersPerSecond || mine >= AnswersPerAddressPerSecond) {
        qCDebug(crypto::lcCrypto, "key request from %s not answered: too many this second",
                qPrintable(from.toString()));
        return false;
    }
    ++m_budgetUsed;
    ++mine;
    return true;
}

void KeyExchange::answer(const Packet &packet, const QHostAddress &from, quint16 port)
{
    const std::optional<quint32> capa = crypto::parseGetPubKey(packet.field(0));
    if (!capa || (*capa & crypto::Capa::Ours) == 0) {
        qCDebug(crypto::lcCrypto, "key request from %s:%u not answered: no capa in common",
                qPrintable(from.toString()), port);
        return;
    }
    if (!takeBudget(from))
        return;
    if (m_answerBody.isEmpty())
        m_answerBody = crypto::encodeAnsPubKey(m_keyRing->ourKey()) + '\0';
    m_transport->send(m_transport->makePacket(Mode::AnsPubKey, m_answerBody), from, port);
    // It will check our signatures with our key; we check its with its own (§1.2).
    const bool signs = (*capa & (crypto::Capa::SignSha1 | crypto::Capa::SignSha256)) != 0;
    const QString id = Peer::makeId(from, port);
    const Peer *peer = m_discovery->peer(id);
    const bool known = peer ? hasKey(*peer) : !m_keyRing->keyAt(id).isNull();
    if (signs && !packet.has(Opt::AutoRet) && !known && takeBudget(from))
        ask(id, from, port, peer == nullptr ? Why::AskedBack : Why::Seen);
}

void KeyExchange::learn(const Packet &packet, const QHostAddress &from, quint16 port)
{
    QString id = Peer::makeId(from, port);
    if (!m_asking.contains(id)) {
        // Some clients answer from another source port than they announce.
        QString sameHost;
        for (auto it = m_asking.cbegin(); it != m_asking.cend(); ++it) {
            if (it->address == from)
                sameHost = it.key();
        }
        if (sameHost.isEmpty()) {
            qCDebug(crypto::lcCrypto, "ignored an unasked-for key from %s:%u",
                    qPrintable(from.toString()), port);
            return;
        }
        id = sameHost;
    }
    const std::optional<crypto::PublicKeyAnswer> answer = crypto::parseAnsPubKey(packet.field(0));
    if (!answer) {
        qCInfo(crypto::lcCrypto, "ignored a malformed key from %s:%u", qPrintable(from.toString()),
               port);
        return;
    }
    m_asking.remove(id);
    m_gaveUpMs.remove(id);
    const QString keyId = DiscoveryService::keyIdOf(packet);
    // The ring logs a new pin or a changed key.
    const crypto::PeerKeyState state = m_keyRing->present(keyId, answer->key, id, from);
    if (!m_flushPins->isActive())
        m_flushPins->start();
    qCDebug(crypto::lcCrypto, "key of %s from %s: %s", qPrintable(keyId), qPrintable(id),
            qPrintable(state.current.toString()));
    // A capa with nothing in common still counts as answered: we seal nothing to it.
    m_answered.insert(id, {answer->capa, clock::monotonicMs()});
    m_discovery->setPeerKey(id, answer->capa, state);
    emit keyArrived(id);
}

void KeyExchange::handlePacket(const Packet &packet, const QHostAddress &from, quint16 port)
{
    if (!m_config.encryption)
        return;
    switch (packet.mode()) {
    case Mode::GetPubKey:
        answer(packet, from, port);
        return;
    case Mode::AnsPubKey:
        learn(packet, from, port);
        return;
    case Mode::BrEntry: {
        // It may have started again with another key: ask again (discovery has seen it first).
        // Not for the repeats of a start-up we answered moments ago: in a crowd each would cost
        // every host a round trip to every other.
        const QString id = Peer::makeId(from, port);
        if (!packet.has(Opt::Encrypt) || m_asking.contains(id))
            return;
        const auto answered = m_answered.constFind(id);
        // Never longer than a heartbeat period, which sets the pace of the whole node.
        const qint64 quietMs = std::min<qint64>(EntryRepeatQuietMs, m_config.announceIntervalMs);
        if (answered != m_answered.constEnd() && clock::monotonicMs() - answered->atMs < quietMs)
            return;
        ask(id, from, port, Why::Seen);
        return;
    }
    default:
        return;
    }
}

} // namespace lanpigeon
