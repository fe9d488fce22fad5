// The offline queue: messages to a person who is offline, kept in history, sent when they return.
#pragma once

#include "history/historystore.h"
#include "messaging/chatmessage.h"
#include "nodeconfig.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

class QTimer;

namespace lanpigeon {

namespace crypto {
class KeyRing;
}
class DiscoveryService;
struct Peer;

// On the network thread (see NetworkNode): every method runs there, which it asserts.
// The history row is the queue, keyed by (message id, peer id) with the person (user@host) it
// waits for, so it survives restarts and kill -9 of either side, and a message to several
// people waits per person.
class OfflineQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OfflineQueue)

public:
    // Sends a stored message again under its id to peerId (PictureService::resend: its text
    // with the pictures history keeps for it; RoomService::resend for a group chat's, room not
    // null).
    using Resend = std::function<void(const QString &messageId, const QString &peerId,
                                      const QString &text, bool sealed, const RoomId &room)>;

    OfflineQueue(DiscoveryService *discovery, HistoryStore *history, const NodeConfig &config,
                 QObject *parent = nullptr);
    ~OfflineQueue() override;

    void setResend(Resend resend);
    // Whose pins say whether a peer is the person a message waits for.
    void setKeyRing(std::shared_ptr<crypto::KeyRing> keyRing);
    // Once history is open: queues again what was still unanswered when the program stopped
    // (with queueing on), fails the file offers that were open then (Failure::OfferLapsed),
    // expires what is overdue, then checks again on a timer.
    void start();
    // Whom a message to peerId, which is not in the peer list, waits for; an empty person: send
    // it as before (queueing is off, or nobody was ever seen there). members: a group chat's,
    // whose list names the person last seen at peerId even if history never met them there.
    HistoryStore::Seen personFor(const QString &peerId,
                                 const QList<RoomMember> &members = {}) const;
    // A message stored Queued for person: it goes as soon as they are (or already are) online.
    void queued(const QString &person);
    // peer shows a key other than its person's, and messages written to that person wait until
    // the user checks it: a new message to peer must wait behind them, to keep their order.
    bool waitsForKeyCheck(const Peer &peer) const;
    // A message to peerId had no answer after every retry: queued again (true, state reported)
    // if it is to a known person and queueing is on or it came from the queue.
    bool requeue(const QString &messageId, const QString &peerId);
    // A queued message will not be sent: Failed with Failure::Cancelled. False if it was not
    // queued (sent already, or unknown).
    bool cancel(const QString &messageId, const QString &peerId);
    // A queued message cannot go after all (a file of a queued offer is gone): Failed with
    // error and failure. False if it was not queued.
    bool fail(const QString &messageId, const QString &peerId, const QString &error,
              Failure failure);
    // Marks the messages queued for longer than NodeConfig::queueExpiryMs Expired; how many.
    int expireDue();
    // Discovery heard from peer (NetworkNode connects it, after PersonTracker): what waits
    // for its person goes, if it shows their key.
    void peerSeen(const Peer &peer);

signals:
    void messageStateChanged(const QString &messageId, const QString &peerId,
                             lanpigeon::DeliveryState state, const QString &error,
                             lanpigeon::Failure failure);
    void storageFailed(const QString &error);

private:
    void deliverTo(const Peer &peer);
    // Whether queued row m was written to the person peer claims to be (its address, or the
    // key it is judged against), whatever key it shows now.
    static bool writtenTo(const ChatMessage &m, const Peer &peer);
    // Whether m may go to peer, which shows its person's pinned key (or none at all).
    bool mayGo(const ChatMessage &m, const Peer &peer) const;

    DiscoveryService *m_discovery;
    HistoryStore *m_history;
    NodeConfig m_config;
    Resend m_resend;
    std::shared_ptr<crypto::KeyRing> m_keyRing;
    QTimer *m_expiryTimer;
    // Persons with queued messages: a peer's every announcement need not ask history.
    QSet<QString> m_waiting;
    // (message id, peer id) sent from the queue: no answer puts them back whatever the setting.
    QSet<QPair<QString, QString>> m_dispatched;
};

} // namespace lanpigeon
