#include "messaging/offlinequeue.h"

#include "common/clock.h"
#include "common/threadcheck.h"
#include "crypto/keyring.h"
#include "history/historystore.h"
#include "messaging/buddy.h"
#include "messaging/discoveryservice.h"
#include "messaging/messaginglog.h"
#include "messaging/peer.h"

#include <QTimer>

#include <algorithm>

namespace lanpigeon {

namespace {
// How often expiry is checked while running: often enough that a message expires within a
// minute of its time, seldom enough to cost nothing (the query reads a partial index).
constexpr qint64 MaxExpiryCheckMs = 60 * 1000;
constexpr qint64 MinExpiryCheckMs = 50;
} // namespace

OfflineQueue::OfflineQueue(DiscoveryService *discovery, HistoryStore *history,
                           const NodeConfig &config, QObject *parent)
    : QObject(parent)
    , m_discovery(discovery)
    , m_history(history)
    , m_config(config)
    , m_expiryTimer(new QTimer(this))
{
    // A QTimer runs on the monotonic clock: a clock set back or forward does not stop it.
    m_expiryTimer->setInterval(
        int(std::clamp(m_config.queueExpiryMs / 10, MinExpiryCheckMs, MaxExpiryCheckMs)));
    connect(m_expiryTimer, &QTimer::timeout, this, &OfflineQueue::expireDue);
}

OfflineQueue::~OfflineQueue() = default;

void OfflineQueue::setResend(Resend resend)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_resend = std::move(resend);
}

void OfflineQueue::setKeyRing(std::shared_ptr<crypto::KeyRing> keyRing)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_keyRing = std::move(keyRing);
}

void OfflineQueue::start()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (m_config.queueOffline) {
        // Killed or crashed before their receipts came: whether they arrived is unknown, and a
        // message shown twice beats one lost.
        for (const ChatMessage &m : m_history->requeueUnanswered())
            qCInfo(lcMessages, "message %s to %s had no answer before we stopped: queued again",
                   qPrintable(m.id), qPrintable(m.peerId));
    }
    // Their files were served by the run that offered them, and this one does not: a fetch
    // would be refused, so the offer says it lapsed rather than look open forever.
    for (const QString &id : m_history->lapseOffers(
             tr("not fetched before LanPigeon was closed: its files are no longer offered"),
             Failure::OfferLapsed))
        qCInfo(lcMessages, "offer %s was open when we stopped: failed", qPrintable(id));
    const QStringList persons = m_history->queuedPersons();
    m_waiting = QSet<QString>(persons.begin(), persons.end());
    expireDue();
    m_expiryTimer->start();
}

HistoryStore::Seen OfflineQueue::personFor(const QString &peerId,
                                           const QList<RoomMember> &members) const
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (!m_config.queueOffline)
        return {};
    const HistoryStore::Seen seen = m_history->lastSeen(peerId);
    if (!seen.person.isEmpty())
        return seen;
    for (const RoomMember &m : members) {
        const QString person = crypto::KeyRing::peerKeyId(m.user, m.host);
        // Where the list last saw them, or their parked id while someone else is there.
        if ((!m.address.isNull() && Peer::makeId(m.address, m.port) == peerId) ||
            PersonRef{person, {}}.parkedChatId() == peerId)
            return {person, m.user, {}};
    }
    return {};
}

void OfflineQueue::queued(const QString &person)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_waiting.insert(person);
    // The person may be online at another address already. Later, not now: the caller is in
    // the middle of a send. Every instance of a shared user@host: each gets only what was
    // written to its key.
    QTimer::singleShot(0, this, [this, person] {
        for (const Peer &peer : m_discovery->peers()) {
            if (peer.keyId == person)
                deliverTo(peer);
        }
    });
}

bool OfflineQueue::waitsForKeyCheck(const Peer &peer) const
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (peer.key.trust != crypto::KeyTrust::Changed || !m_waiting.contains(peer.keyId))
        return false;
    const QList<ChatMessage> rows = m_history->queuedFor(peer.keyId);
    return std::any_of(rows.cbegin(), rows.cend(),
                       [&](const ChatMessage &m) { return writtenTo(m, peer); });
}

bool OfflineQueue::writtenTo(const ChatMessage &m, const Peer &peer)
{
    return m.peerId == peer.id || m.personKey.isEmpty() || m.personKey == peer.key.pinned.toHex() ||
           m.personKey == peer.personKey();
}

bool OfflineQueue::mayGo(const ChatMessage &m, const Peer &peer) const
{
    // No key recorded (an older history, a peer that cannot encrypt): user@host decides.
    if (m.personKey.isEmpty() || m.personKey == peer.personKey())
        return true;
    if (peer.key.trust != crypto::KeyTrust::Verified)
        return false;
    // The user checked the key of the machine at the very address it was written to, or the
    // key it was written to is pinned no more (Mark as verified replaced it): the person
    // changed keys. A clone's key stays pinned beside the other's, so its messages stay.
    return m.peerId == peer.id ||
           (m_keyRing && !m_keyRing->hasPin(peer.keyId, crypto::Fingerprint::fromHex(m.personKey)));
}

bool OfflineQueue::requeue(const QString &messageId, const QString &peerId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (!m_config.queueOffline && !m_dispatched.contains({messageId, peerId}))
        return false;
    const HistoryStore::Seen seen = m_history->lastSeen(peerId);
    const QString &person = seen.person;
    if (person.isEmpty() || !m_history->enqueue(messageId, peerId, person, seen.key))
        return false;
    qCInfo(lcMessages, "message %s to %s unanswered: queued for %s", qPrintable(messageId),
           qPrintable(peerId), qPrintable(person));
    m_dispatched.remove({messageId, peerId});
    m_waiting.insert(person);
    emit messageStateChanged(messageId, peerId, DeliveryState::Queued, {}, Failure::None);
    return true;
}

bool OfflineQueue::cancel(const QString &messageId, const QString &peerId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    return fail(messageId, peerId, tr("cancelled"), Failure::Cancelled);
}

bool OfflineQueue::fail(const QString &messageId, const QString &peerId, const QString &error,
                        Failure failure)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (!m_history->leaveQueue(messageId, peerId, DeliveryState::Failed, error, failure)) {
        if (!m_history->lastError().isEmpty())
            emit storageFailed(m_history->lastError());
        return false;
    }
    emit messageStateChanged(messageId, peerId, DeliveryState::Failed, error, failure);
    return true;
}

int OfflineQueue::expireDue()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    // The wall clock, not the monotonic one: a message's age must count across restarts and
    // reboots, and only its stored wall-clock timestamp does. A clock set wrong expires early
    // or late, never loses a message silently (Expired shows).
    const qint64 cutoff = clock::wallMs() - m_config.queueExpiryMs;
    int expired = 0;
    const QList<ChatMessage> due = m_history->queuedBefore(cutoff);
    for (const ChatMessage &m : due) {
        const QString error = tr("not sent: %1 did not come back in time").arg(m.peerNick);
        if (m_history->leaveQueue(m.id, m.peerId, DeliveryState::Expired, error)) {
            ++expired;
            qCInfo(lcMessages, "queued message %s to %s expired", qPrintable(m.id),
                   qPrintable(m.peerId));
            emit messageStateChanged(m.id, m.peerId, DeliveryState::Expired, error, Failure::None);
        }
    }
    return expired;
}

void OfflineQueue::peerSeen(const Peer &peer)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (!peer.keyId.isEmpty() && m_waiting.contains(peer.keyId))
        deliverTo(peer);
}

void OfflineQueue::deliverTo(const Peer &peer)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const bool pinned =
        m_keyRing && m_keyRing->state(peer.keyId).trust != crypto::KeyTrust::Unknown;
    const QList<ChatMessage> rows = m_history->queuedFor(peer.keyId);
    if (pinned && peer.personKey().isEmpty()) {
        // Once a key is pinned for the person, only a peer showing it gets their messages:
        // one with another key may be posing as them (the key-changed warning shows as for any
        // message of theirs), and one that has not shown a key yet is judged when it has
        // (the key exchange asks it on sight; peerUpdated() follows).
        qCInfo(lcMessages, "queue for %s held: %s shows %s", qPrintable(peer.keyId),
               qPrintable(peer.id),
               peer.key.trust == crypto::KeyTrust::Changed ? "another key" : "no key yet");
        if (peer.key.trust != crypto::KeyTrust::Changed)
            return;
        // Not silently: what was written to this person says it waits for the user's check.
        for (const ChatMessage &m : rows) {
            if (writtenTo(m, peer) &&
                m_history->holdQueued(m.id, m.peerId, Failure::AwaitsKeyCheck))
                emit messageStateChanged(m.id, m.peerId, DeliveryState::Queued, {},
                                         Failure::AwaitsKeyCheck);
        }
        return;
    }
    if (!m_resend)
        return;
    bool left = false;
    for (const ChatMessage &m : rows) {
        // Written to another key of this user@host (a cloned machine): not this peer's.
        if (!mayGo(m, peer)) {
            left = true;
            continue;
        }
        // Where they are now: a person back on another address gets it there.
        if (m.peerId != peer.id && !m_history->moveQueued(m.id, m.peerId, peer.id)) {
            left = true;
            continue;
        }
        qCInfo(lcMessages, "queued message %s goes to %s at %s", qPrintable(m.id),
               qPrintable(peer.keyId), qPrintable(peer.id));
        m_dispatched.insert({m.id, peer.id});
        m_resend(m.id, peer.id, m.text, m.sealed, m.roomId);
    }
    if (!left)
        m_waiting.remove(peer.keyId);
}

} // namespace lanpigeon
