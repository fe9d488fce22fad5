// Finds IPMsg peers: BR_ENTRY/ANSENTRY/BR_ABSENCE/BR_EXIT, heartbeats, and drops silent peers.
#pragma once

#include "messaging/interfacewatcher.h"
#include "messaging/peer.h"
#include "messaging/udptransport.h"
#include "nodeconfig.h"

#include <QHash>
#include <QObject>

#include <functional>

class QTimer;

namespace lanpigeon {

// On the network thread (see NetworkNode): every method runs there, which it asserts.
class DiscoveryService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscoveryService)

public:
    DiscoveryService(UdpTransport *transport, const NodeConfig &config, QObject *parent = nullptr);
    ~DiscoveryService() override;

    void start();
    // Says goodbye to everyone; the caller closes the socket afterwards.
    void stop();
    void announce();
    void setStatus(ipmsg::Status status, const QString &awayMessage);
    // A new nick or workgroup, told to everyone at once as a status change is.
    void setIdentity(const QString &nick, const QString &group);
    // Announces to the new list at once, so peers there show up without a restart.
    void setExtraHosts(const QList<QHostAddress> &hosts);
    // Our move to another port, in two steps around the transport's switch: BR_EXIT from where
    // we were to everyone, then BR_ENTRY from port to the announce targets there and to every
    // peer we know, who list us at the new port at once. The peers stay ours throughout.
    void leave();
    void arrive(quint16 port);
    // For legacy peers' names from the next packet on.
    void setLegacyCodec(const QByteArray &codec) { m_config.legacyCodec = codec; }

    // The person online at id, or at the address:port id names when it is one of theirs.
    const Peer *peer(const QString &id) const;
    // peer(id), or, when id named someone who left that address for another they were already
    // at, the peer they are now: where a retry or a send not yet told of the move goes.
    const Peer *follow(const QString &id) const;
    // Finds a peer by address alone, among all of each peer's addresses (replies may come from
    // another source port).
    const Peer *peerAt(const QHostAddress &address) const;
    QList<Peer> peers() const;
    // Where BR_ENTRY goes: interface broadcasts (where allowed) plus extra hosts.
    QList<QHostAddress> announceTargets() const;

    // A BR_ENTRY with DIALUPOPT to one host, which answers ANSENTRY and so joins the list: how a
    // host named by a host list (another subnet, no broadcast reaches it) is met.
    void probe(const QHostAddress &to, quint16 port);
    // Adds a peer we heard from without an entry packet (e.g. a message from a new host).
    const Peer &notePeer(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    // A message to id went unanswered through every retry: if nothing at all came from it for
    // quietMs either, nor in ProbeAnswerMs after a BR_ENTRY to it, it is gone (killed,
    // unplugged) and is dropped then rather than at peerTimeoutMs; its next packet brings it
    // back.
    void dropIfSilent(const QString &id, qint64 quietMs);
    // How long a peer probed by dropIfSilent() has to answer.
    static constexpr int ProbeAnswerMs = 2000;
    // Follows the interface watcher. An address that came up gets BR_ENTRY on its broadcast (and
    // the extra hosts, which a VPN may have just made reachable) at once, at 1 s and at 3 s, as at
    // start. When one goes away, every peer outside the subnets we still have (all of them when
    // our bind address went) is probed at once and dropped unless it answers within
    // InterfaceLossAnswerMs: long enough for a Wi-Fi reconnect, whose BR_ENTRY they answer.
    void interfacesChanged(const QList<lanpigeon::InterfaceChange> &changes,
                           const QList<lanpigeon::InterfaceFacts> &now);
    static constexpr int InterfaceLossAnswerMs = 5000;
    // What the key exchange learnt of a peer: its capa (0 keeps the one known) and key state.
    // peerUpdated() follows.
    void setPeerKey(const QString &id, quint32 cryptoCapa, const crypto::PeerKeyState &key);
    // The key ring's name for the sender of packet.
    static QString keyIdOf(const ipmsg::Packet &packet);

    // The longest we wait before answering a broadcast BR_ENTRY, as IP Messenger does
    // (mainwin.cpp, SetAnswerQueue): 1023 ms while we know fewer than 50 hosts or the sender
    // shares our /24, 2047 ms under 300, 4095 ms above, so a whole LAN starting at once does
    // not answer in one burst.
    static int answerSpreadMs(int knownHosts, bool sameSubnet24);
    // For tests: the random bits the delay is taken from (QRandomGenerator by default).
    void setAnswerRandom(std::function<quint32()> random) { m_random = std::move(random); }
    // BR_ENTRY datagrams we sent since start, to each target and probe alike.
    int entriesSent() const { return m_entriesSent; }

signals:
    // Always emitted with a copy, never a reference into the peer list: a slot may change the
    // list (a key answer handled in KeyExchange splits or joins peers) before the next runs.
    void peerUpdated(const lanpigeon::Peer &peer);
    void peerRemoved(const QString &id, const QString &reason);
    // Whoever was at address (one of a peer's, which stays at its others) is gone from it, or
    // someone of another login took it: what was learnt there is not the next one's there.
    void addressLeft(const QString &address);

private:
    void handlePacket(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port,
                      UdpTransport::Delivery delivery);
    // Answers a broadcast BR_ENTRY after a random delay, with every other answer due by then.
    void queueAnswer(const QHostAddress &to, quint16 port);
    void sendQueuedAnswers();
    bool sharesOurSubnet24(const QHostAddress &address) const;
    void upsertFromEntry(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void tick();
    QByteArray entryExtraFor(ipmsg::ClientKind kind) const;
    quint32 entryCommand(quint32 mode) const;
    // DIALUPOPT goes on every BR_ENTRY, BR_ABSENCE and BR_EXIT sent to anything but one of our
    // own broadcast addresses: the host there may be beyond any broadcast of ours.
    quint32 withDialUp(quint32 command, const QHostAddress &to) const;
    void sendEntry(quint32 mode, const QHostAddress &to, quint16 port, ipmsg::ClientKind kind);
    // BR_ENTRY to targets() now and, for a lost first one, again at 1 s and 3 s.
    void announceRepeatedly(const std::function<QList<QHostAddress>()> &targets);
    // BR_ENTRY to the address "address:port", which is dropped from its peer unless something
    // comes from it within answerMs.
    void probeOrDrop(const QString &address, int answerMs);
    // When something last came from "address:port" (its peer's clock); the maximum if unknown.
    qint64 lastHeardAt(const QString &address) const;
    struct Unicast
    {
        QHostAddress address;
        quint16 port = 0;
        ipmsg::ClientKind kind = ipmsg::ClientKind::Unknown;
        bool dialUp = false;
    };
    // Who gets by unicast what we broadcast: every address of peers that announced with
    // DIALUPOPT, and those none of targets reaches (host-list and --extra-host peers, other
    // subnets or ports).
    QList<Unicast> unicastAddresses(const QList<QHostAddress> &targets) const;
    // One address of a peer goes (BR_EXIT, silent): the person stays at their other addresses,
    // and leaves only with their last.
    enum class Learnt
    {
        // Whoever left took what was learnt at the address along: addressLeft() says so.
        Gone,
        // The key exchange itself found someone else there, by the key it has just learnt.
        StaysWithAddress,
    };
    void removePeer(const QString &address, const QString &reason, Learnt learnt = Learnt::Gone);
    // The peer id that address:port belongs to; empty if none.
    QString ownerOf(const QString &address) const;
    // A packet came from address:port of peer: it is the address that answered most recently.
    void heardAt(Peer &peer, const QHostAddress &from, quint16 port);
    // One person at two addresses (the same user@host, and the same key once they show one) is
    // one peer: the peer id joins the one seen before. Emits peerUpdated() for who remains.
    // By value: callers pass the peer's own id, and the peer may be erased here.
    void settle(QString id);
    ipmsg::ClientKind kindAt(const QString &address) const;
    void sendAbsenceToAll();
    void sendExitToAll();

    UdpTransport *m_transport;
    NodeConfig m_config;
    QHash<QString, Peer> m_peers;
    // Every address:port of every peer: the id of the peer it belongs to.
    QHash<QString, QString> m_ownerOf;
    // The id a person had before the address that named them left: the id they have now.
    QHash<QString, QString> m_movedTo;
    static constexpr int MaxMoves = 1024;
    QTimer *m_timer;
    QTimer *m_answerTimer;
    QList<QPair<QHostAddress, quint16>> m_answers;
    std::function<quint32()> m_random;
    int m_entriesSent = 0;
    // When an address of ours last went away: peers silent since are probed again when one
    // comes up.
    qint64 m_interfaceLostMs = -1;
    bool m_running = false;
};

} // namespace lanpigeon
