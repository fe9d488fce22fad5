// SENDMSG/RECVMSG/READMSG: delivery with retries and receipts, dedup, sealed messages, auto-reply.
#pragma once

#include "files/fileoffer.h"
#include "ipmsg/ipmsgcodec.h"
#include "messaging/chatmessage.h"
#include "nodeconfig.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <functional>
#include <optional>

class QTimer;

namespace lanpigeon {

class DiscoveryService;
class HistoryStore;
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
    quint64 send(const QString &messageId, const QStringList &peerIds, const QString &text,
                 bool sealed, const Attachment &attachment = {},
                 const QList<ChatPicture> &pictures = {}, const TextFor &textFor = {});
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
    int pendingCount() const { return int(m_pending.size()); }

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
    };
    struct SealedIncoming
    {
        QHostAddress address;
        quint16 port = 0;
        quint64 packetNo = 0;
        QString peerId;
    };

    void handlePacket(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void receiveMessage(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void acknowledge(quint32 mode, quint64 packetNo, const QHostAddress &to, quint16 port);
    void retryDue();
    void setState(const QString &messageId, const QString &peerId, DeliveryState state,
                  const QString &error = {}, Failure failure = Failure::None);
    Peer resolvePeer(const QString &peerId) const;
    static QByteArray encodeFor(const Peer &peer, const QString &text,
                                const QByteArray &legacyCodec, quint32 *command);
    bool rememberIncoming(const QString &key);
    bool isDuplicate(const QString &key) const;
    void forgetSender(const QHostAddress &address);

    static QString pendingKey(quint64 packetNo, const QHostAddress &address, bool readReceipt);

    UdpTransport *m_transport;
    DiscoveryService *m_discovery;
    HistoryStore *m_history;
    NodeConfig m_config;
    QHash<QString, Outgoing> m_pending;
    // Sent sealed messages, by packetNo@address, for READMSG.
    QHash<QString, QPair<QString, QString>> m_sealedSent;
    QHash<QString, SealedIncoming> m_sealedReceived;
    // When each was taken, on clock::monotonicMs().
    QHash<QString, qint64> m_seen;
    // Per sender address, the highest packet number of a message taken from it.
    QHash<QString, quint64> m_lastPacketNo;
    QList<QString> m_seenOrder;
    QTimer *m_retryTimer;
};

} // namespace lanpigeon
