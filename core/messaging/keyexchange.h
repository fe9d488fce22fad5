// GETPUBKEY/ANSPUBKEY: answers peers' requests for our key and learns theirs into the key ring.
#pragma once

#include "ipmsg/ipmsgcodec.h"
#include "nodeconfig.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>

#include <memory>

class QTimer;

namespace lanpigeon {

namespace crypto {
class KeyRing;
}
class DiscoveryService;
class UdpTransport;
struct Peer;

// On the network thread (see NetworkNode): every method runs there, which it asserts.
// A peer is asked as soon as it is seen with ENCRYPTOPT, again when it re-enters a while after
// its last answer (it may have a new key), and on demand before a message to it is sealed. Asks
// nobody waits on back off, so a crowded start-up is not doubled by retries; one a message waits
// on is retried at the configured interval. Only answers to our own asks are read.
class KeyExchange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyExchange)

public:
    KeyExchange(UdpTransport *transport, DiscoveryService *discovery,
                std::shared_ptr<crypto::KeyRing> keyRing, const NodeConfig &config,
                QObject *parent = nullptr);
    ~KeyExchange() override;

    // Asks peerId for its key unless it is being asked; keyArrived() or keyFailed() follows.
    void request(const QString &peerId);
    // Whether peerId answered in this run (its capa is on the Peer, its key in the ring).
    static bool hasKey(const Peer &peer);
    // Whether peerId answered in this run, with or without a capa we can use.
    bool answered(const QString &peerId) const;
    // The capa peerId answered with; 0 if it did not. Known even when discovery lost the peer
    // (its entry packets dropped), which then cannot carry it on the Peer.
    quint32 answeredCapa(const QString &peerId) const { return m_answered.value(peerId).capa; }
    // A message from peerId failed its signature check with the key we hold: it may have started
    // again with a new key. Asks once more (retrying) unless asked for this within the last
    // few seconds; true while an ask is on its way, so the message can wait for the answer.
    bool recheck(const QString &peerId, const QHostAddress &address, quint16 port);
    // The user compared peerId's fingerprint: pin its current key as verified. False if the
    // peer or its key is unknown.
    bool markVerified(const QString &peerId);
    int askingCount() const { return int(m_asking.size()); }

signals:
    void keyArrived(const QString &peerId);
    // No answer after every retry.
    void keyFailed(const QString &peerId);

private:
    // Why we ask: what decides the AUTORETOPT flag and how the ask is retried.
    enum class Why
    {
        // Our ask back to a peer that asked us: sent once, as it asks again if it cares.
        AskedBack,
        // Seen on the network: retried with a doubling interval.
        Seen,
        // A message waits on the key: retried at the configured interval.
        Needed,
    };

    struct Asking
    {
        QHostAddress address;
        quint16 port = 0;
        int attempts = 0;
        // On clock::monotonicMs().
        qint64 nextAttemptMs = 0;
        Why why = Why::Seen;
    };

    void handlePacket(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void answer(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void learn(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void ask(const QString &peerId, const QHostAddress &address, quint16 port, Why why);
    void sendAsk(const Asking &asking);
    void peerSeen(const Peer &peer);
    // Whether peer answered before discovery listed it, and discovery still lacks that key.
    bool keyAwaitsHandOver(const Peer &peer) const;
    // Gives discovery the key peerId answered before discovery listed it, if still no other.
    void handOver(const QString &peerId);
    void peerGone(const QString &peerId);
    void retryDue();
    // Counts one packet we send in answer to from; false once from or everyone used this
    // second's share, so a flood of requests costs a bounded number of replies.
    bool takeBudget(const QHostAddress &from);

    UdpTransport *m_transport;
    DiscoveryService *m_discovery;
    std::shared_ptr<crypto::KeyRing> m_keyRing;
    NodeConfig m_config;
    QHash<QString, Asking> m_asking;
    // Peers that never answered, when they gave up (monotonic): not asked on sight again soon.
    QHash<QString, qint64> m_gaveUpMs;
    struct Answered
    {
        quint32 capa = 0;
        // When it answered last (monotonic): an entry packet soon after is one of its start-up
        // repeats, not a new start, and is not worth another round trip.
        qint64 atMs = 0;
    };
    // Peers that answered in this run.
    QHash<QString, Answered> m_answered;
    // When a bad signature last made us ask a peer again (monotonic): a forger at its address
    // costs one ask per quiet period, not one per packet.
    QHash<QString, qint64> m_recheckedMs;
    QByteArray m_answerBody;
    qint64 m_budgetWindowMs = 0;
    int m_budgetUsed = 0;
    QHash<QString, int> m_budgetPerAddress;
    QTimer *m_retryTimer;
    // Writes the pins the keys learnt left pending in the ring (it writes at most once a second).
    QTimer *m_flushPins;
};

} // namespace lanpigeon
