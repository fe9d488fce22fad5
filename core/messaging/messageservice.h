// SENDMSG/RECVMSG/READMSG: delivery with retries and receipts, dedup, sealed messages, auto-reply.
#pragma once

#include "crypto/rsakey.h"
#include "files/fileoffer.h"
#include "ipmsg/ipmsgcodec.h"
#include "messaging/chatmessage.h"
#include "messaging/room.h"
#include "nodeconfig.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>

class QThreadPool;
class QTimer;

namespace lanpigeon {

namespace crypto {
class KeyRing;
}
class DiscoveryService;
class HistoryStore;
class KeyExchange;
class OfflineQueue;
class UdpTransport;
struct Peer;

// On the network thread (see NetworkNode): every method runs there, which it asserts.
class MessageService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageService)

public:
    MessageService(UdpTransport *transport, DiscoveryService *discovery, HistoryStore *history,
                   const NodeConfig &config, QObject *parent = nullptr);
    ~MessageService() override;

    // Builds a file list in the peer's encoding, for offers; empty: nothing for that peer.
    using Attachment = std::function<QByteArray(const Peer &)>;
    // The text as that peer gets it, when it differs from the one stored.
    using TextFor = std::function<QString(const Peer &)>;

    // One packet number for all recipients (returned); each recipient's state is reported on
    // its own. With an attachment this is a file offer (FILEATTACHOPT). pictures: what the
    // stored message shows (their attachment entries come from attachment).
    // room: a group chat's message; LanPigeon peers get the room section with it (inside the
    // ciphertext when sealed), and every stored row carries the room's id, and notice if a
    // change of its members.
    quint64 send(const QString &messageId, const QStringList &peerIds, const QString &text,
                 bool sealed, const Attachment &attachment = {},
                 const QList<ChatPicture> &pictures = {}, const TextFor &textFor = {},
                 const std::optional<ipmsg::RoomSection> &room = std::nullopt,
                 const RoomNotice &notice = {});
    // Which group chat an incoming message goes into (a null id: its sender's one-to-one chat).
    // section: a LanPigeon room message; iptuxGroup: iptux's GROUPOPT message from a peer.
    struct RoomFiling
    {
        // Sets *notice when the section changed the members.
        std::function<RoomId(const ipmsg::RoomSection &room, const Peer &from, RoomNotice *notice)>
            section;
        std::function<RoomId(const Peer &from)> iptuxGroup;
    };
    void setRoomFiling(const RoomFiling &filing);
    // The user opened a sealed message: tell its sender.
    void markRead(const QString &messageId);
    // A picture pushed on its own by the known peer at address (iptux's 765): stored and
    // reported as an incoming message with that one picture, Arriving; nothing for a stranger.
    std::optional<ChatMessage> receivePushedPicture(const QHostAddress &address);

    // How big text's datagram is for peer (at worst) and the most that peer reads.
    struct Fit
    {
        int bytes = 0;
        int limit = 0;
        bool fits() const { return bytes <= limit; }
    };
    static Fit fit(const Peer &peer, const QString &text, const NodeConfig &config);
    void setStatus(ipmsg::Status status, const QString &awayMessage);
    // The port a peer named by address alone is at (ours, as IP Messenger's hosts share one).
    void setPort(quint16 port) { m_config.port = port; }
    // For legacy peers, from the next packet on.
    void setLegacyCodec(const QByteArray &codec) { m_config.legacyCodec = codec; }
    int pendingCount() const { return int(m_pending.size()); }
    // Seals messages to peers that can decrypt them and opens and checks what comes sealed.
    // Without it (or with NodeConfig::encryption off) everything goes plain.
    void setCrypto(KeyExchange *keys, std::shared_ptr<crypto::KeyRing> keyRing);
    // Plain text to a peer that cannot encrypt fails with Failure::NotEncrypted.
    void setRequireEncryption(bool require);
    // Where messages to offline persons wait (Queued) instead of failing; none: they fail.
    void setOfflineQueue(OfflineQueue *queue);
    // Messages of file offers still waiting for a recipient's receipt (not those queued).
    int offersInFlight() const { return int(m_offers.size()); }

signals:
    void messageStored(const lanpigeon::ChatMessage &message);
    void messageReceived(const lanpigeon::ChatMessage &message);
    void messageStateChanged(const QString &messageId, const QString &peerId,
                             lanpigeon::DeliveryState state, const QString &error,
                             lanpigeon::Failure failure);
    void storageFailed(const QString &error);
    void offerReceived(const lanpigeon::FileOffer &offer);
    // After messageReceived(): the Clipboard entries of its list, one item per picture of
    // message, in the same order, to fetch at once.
    void picturesOffered(const lanpigeon::ChatMessage &message, const lanpigeon::FileOffer &offer);

private:
    struct Outgoing
    {
        QString messageId;
        QString peerId;
        QHostAddress address;
        quint16 port = 0;
        QByteArray datagram;
        int attempts = 0;
        // On clock::monotonicMs(): a clock set back must not stop the retries.
        qint64 nextAttemptMs = 0;
        // A READMSG waiting for ANSREADMSG rather than a SENDMSG waiting for RECVMSG.
        bool readReceipt = false;
        // Send order: retries go out in it, so a peer that missed a burst reads it in order.
        quint64 order = 0;
    };
    // The clear parts of a SENDMSG to one peer, kept until they can be sealed.
    struct Draft
    {
        QString messageId;
        QString peerId;
        // Its header (packet number, the IV); command without ENCRYPTOPT/ENCEXTMSGOPT, which
        // sealing adds.
        ipmsg::Packet packet;
        QByteArray body;
        QByteArray fileList;
        // (user, host) of the other recipients, for the ENCEXT TO list.
        QList<QPair<QByteArray, QByteArray>> to;
        bool sealed = false;
        // Sealed inside with the body, for a LanPigeon member of a room.
        std::optional<ipmsg::RoomSection> room;
    };
    // A sealed message that came before its sender's key: opened once the key is here.
    struct Held
    {
        ipmsg::Packet packet;
        QHostAddress from;
        quint16 port = 0;
        // On clock::monotonicMs().
        qint64 deadlineMs = 0;
        // Arrival order: what a key releases is taken in the order it came, not the hash's.
        quint64 arrival = 0;
    };
    // What an incoming SENDMSG says once opened, and how far it can be believed.
    struct Opened
    {
        QByteArray body;
        QByteArray fileList;
        bool encrypted = false;
        std::optional<ipmsg::RoomSection> room;
        Authenticity authenticity = Authenticity::Unsigned;
        SecurityWarning warning = SecurityWarning::None;
    };
    // One message's sealing: prepared and finished on this thread, run on the sealing thread.
    struct SealJob
    {
        QString peerId;
        quint32 capa = 0;
        crypto::RsaKey peerKey;
        crypto::RsaKey ourKey;
        quint64 packetNo = 0;
        QByteArray plaintext;
        QByteArray session;
        QByteArray fileList;
        bool ext = false;
        QByteArray sealed;
        void run();
    };
    // A per-peer AES key reused for a while: the receiver unwraps it once (fresh IV per packet).
    struct SessionKey
    {
        QByteArray key;
        QByteArray wrappedField;
        // What wrappedField was wrapped for.
        crypto::RsaKey peerKey;
        quint32 capa = 0;
        qint64 madeMs = 0;
        int uses = 0;
    };
    struct SealedIncoming
    {
        QHostAddress address;
        quint16 port = 0;
        quint64 packetNo = 0;
        QString peerId;
    };

    void handlePacket(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void receiveMessage(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port,
                        bool mayHold = true);
    // nullopt: held for the sender's key (receiveMessage() runs again once it is here).
    std::optional<Opened> open(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port,
                               const QString &seenKey, bool mayHold);
    void releaseHeld(const QString &peerId);
    void hold(const QString &seenKey, const ipmsg::Packet &packet, const QHostAddress &from,
              quint16 port);
    // KeyRing::state(keyId).encryptedBefore, cached: the ring's state() is slow per message.
    bool encryptedBefore(const QString &keyId);
    // The SENDMSG extra sealed for peer (ENCRYPTOPT, and ENCEXTMSGOPT when it takes lists, set
    // on *command); empty if it cannot be sealed.
    QByteArray sealFor(const Peer &peer, quint64 packetNo, const QByteArray &body,
                       const QByteArray &fileList, const QList<QPair<QByteArray, QByteArray>> &to,
                       quint32 *command);
    QByteArray sessionKeyFor(const QString &peerId, quint32 capa, const crypto::RsaKey &peerKey);
    // False if peer cannot be sealed for (no key, no cipher in common).
    bool prepareSeal(const Peer &peer, quint64 packetNo, const QByteArray &body,
                     const QByteArray &fileList, const QList<QPair<QByteArray, QByteArray>> &to,
                     SealJob *job, const std::optional<ipmsg::RoomSection> &room = std::nullopt);
    // The SENDMSG extra of a job that ran; empty if seal() failed.
    QByteArray finishSeal(const SealJob &job, quint32 *command);
    void sendSealed(const SealJob &job, const Draft &draft, const Peer &peer);
    void failUnsealable(const Draft &draft, const Peer &peer);
    // Whether messages to peer are sealed: it announced ENCRYPTOPT and we encrypt at all.
    bool sealsTo(const Peer &peer) const;
    // Seals draft (its peer's key is here) and sends it, or fails it.
    void sendDraft(const Draft &draft, const Peer &peer);
    void transmit(const QString &messageId, const Peer &peer, quint64 packetNo,
                  const QByteArray &datagram, bool sealed);
    // Fails it as Failure::TooLong when datagram is over what peer reads.
    bool checkSize(const QString &messageId, const Peer &peer, const QByteArray &datagram);
    void keyArrived(const QString &peerId);
    void keyFailed(const QString &peerId);
    void acknowledge(quint32 mode, quint64 packetNo, const QHostAddress &to, quint16 port);
    void retryDue();
    // One recipient of the offer messageId (if it is one) is no longer waited for.
    void offerSettled(const QString &messageId);
    void setState(const QString &messageId, const QString &peerId, DeliveryState state,
                  const QString &error = {}, Failure failure = Failure::None);
    Peer resolvePeer(const QString &peerId) const;
    // The key of what packetNo from `from` answers: the address it went to may be another of
    // the same person's.
    QString answeredKey(quint64 packetNo, const QHostAddress &from, bool readReceipt) const;
    static QByteArray encodeFor(const Peer &peer, const QString &text,
                                const QByteArray &legacyCodec, quint32 *command);
    bool rememberIncoming(const QString &key);
    bool isDuplicate(const QString &key) const;
    void forgetSender(const QHostAddress &address);
    // Whether peerId gets the away text now: once per AutoReplyQuietMs, not once per message of
    // a burst (QQ's and FeiQ's users see one auto-reply per conversation).
    bool mayAutoReply(const QString &peerId);

    static QString pendingKey(quint64 packetNo, const QHostAddress &address, bool readReceipt);
    static QString tooLongError(const Peer &peer, int bytes, int limit);

    UdpTransport *m_transport;
    DiscoveryService *m_discovery;
    HistoryStore *m_history;
    NodeConfig m_config;
    QHash<QString, Outgoing> m_pending;
    quint64 m_sendOrder = 0;
    // Sent sealed messages, by packetNo@address, for READMSG.
    QHash<QString, QPair<QString, QString>> m_sealedSent;
    QHash<QString, SealedIncoming> m_sealedReceived;
    // When each was taken, on clock::monotonicMs().
    QHash<QString, qint64> m_seen;
    // Per sender address, the highest packet number of a message taken from it.
    QHash<QString, quint64> m_lastPacketNo;
    QList<QString> m_seenOrder;
    QTimer *m_retryTimer;
    // One thread: sealed messages leave in the order they were sent.
    QThreadPool *m_sealer;
    KeyExchange *m_keys = nullptr;
    std::shared_ptr<crypto::KeyRing> m_keyRing;
    OfflineQueue *m_queue = nullptr;
    // The messages of file offers on their way, by id, with how many recipients have not
    // answered yet. Dropped once each recipient answered, failed or went back to the queue.
    QHash<QString, int> m_offers;
    // Outgoing messages waiting for their peer's key, by peer id.
    QHash<QString, QList<Draft>> m_waitingForKey;
    // By seen key (packetNo@address).
    QHash<QString, Held> m_held;
    quint64 m_heldArrivals = 0;
    // Seen keys of packets that did not decrypt: never acknowledged, shown once.
    QSet<QString> m_undecryptable;
    QHash<QString, SessionKey> m_sessionKeys;
    // Session keys unwrapped before, by their wrapped bytes: one RSA decryption per session.
    QHash<QByteArray, QByteArray> m_unwrapped;
    // By key id: whether a good encrypted message of it came (then plain text is a downgrade).
    QHash<QString, bool> m_encryptedBefore;
    static constexpr qint64 AutoReplyQuietMs = 5 * 60 * 1000;
    // When each peer last got our away text, on clock::monotonicMs().
    QHash<QString, qint64> m_autoReplied;
    RoomFiling m_roomFiling;
};

} // namespace lanpigeon
