#include "messaging/buddytracker.h"

#include "common/clock.h"
#include "common/threadcheck.h"
#include "messaging/chatmessage.h"
#include "messaging/discoveryservice.h"
#include "messaging/messageservice.h"
#include "messaging/peer.h"

namespace lanpigeon {

namespace {

Buddy buddyOf(const Peer &peer)
{
    Buddy b;
    b.person = peer.keyId;
    b.key = peer.personKey();
    b.nick = peer.nick;
    // As the buddy list groups them.
    b.group = peer.group.trimmed();
    b.user = peer.user;
    b.host = peer.host;
    b.peerId = peer.id;
    return b;
}

} // namespace

BuddyTracker::BuddyTracker(DiscoveryService *discovery, MessageService *messages,
                           HistoryStore *history, QObject *parent)
    : QObject(parent)
    , m_store(history)
{
    connect(discovery, &DiscoveryService::peerUpdated, this, &BuddyTracker::peerSeen);
    connect(discovery, &DiscoveryService::peerRemoved, this,
            [this](const QString &id) { peerGone(id); });
    connect(messages, &MessageService::messageStored, this, &BuddyTracker::talked);
    connect(messages, &MessageService::messageReceived, this, &BuddyTracker::talked);
}

BuddyTracker::~BuddyTracker() = default;

bool BuddyTracker::open(QString *error)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (!m_store.open()) {
        if (error)
            *error = tr("cannot prepare the buddies in history: %1").arg(m_store.lastError());
        return false;
    }
    m_buddies.clear();
    for (const Buddy &b : m_store.all())
        m_buddies.insert(b.ref(), b);
    return true;
}

void BuddyTracker::stop()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    QList<Buddy> seen;
    const qint64 now = clock::wallMs();
    for (const Buddy &online : std::as_const(m_online)) {
        const auto it = m_buddies.find(online.ref());
        if (it == m_buddies.end() || it->lastSeenMs == now)
            continue;
        it->lastSeenMs = now;
        seen.append(*it);
    }
    save(seen);
}

QList<Buddy> BuddyTracker::all() const
{
    LANPIGEON_ASSERT_OWN_THREAD();
    return m_buddies.values();
}

void BuddyTracker::parked(const QString &peerId, const QString &parkedId, const PersonRef &person)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    QList<Buddy> moved;
    for (Buddy &b : m_buddies) {
        // History may know no key where the buddy has one (or the reverse): user@host decides.
        if (b.peerId != peerId || b.person != person.person ||
            (!person.key.isEmpty() && !b.key.isEmpty() && b.key != person.key))
            continue;
        b.peerId = parkedId;
        moved.append(b);
    }
    save(moved);
}

void BuddyTracker::peerSeen(const Peer &peer)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (peer.keyId.isEmpty())
        return;
    // Whose key is not known yet, or judged changed, is nobody yet: peerUpdated() comes again.
    if (peer.personPending()) {
        if (m_online.contains(peer.id))
            peerGone(peer.id);
        if (peer.key.trust == crypto::KeyTrust::Changed)
            m_keyChanged.insert(peer.id);
        return;
    }
    m_keyChanged.remove(peer.id);
    Buddy now = buddyOf(peer);
    const auto was = m_online.constFind(peer.id);
    const bool known = was != m_online.constEnd() && was->ref() == now.ref();
    if (was != m_online.constEnd() && !known)
        peerGone(peer.id);
    m_online.insert(peer.id, now);
    auto it = m_buddies.find(now.ref());
    if (it == m_buddies.end() && !now.key.isEmpty()) {
        // Kept before their key was: user@host alone named them, and it is theirs now.
        const auto keyless = m_buddies.constFind(PersonRef{now.person, QString()});
        if (keyless == m_buddies.constEnd())
            return;
        now.lastSeenMs = keyless->lastSeenMs;
        m_buddies.erase(keyless);
        if (!m_store.remove(PersonRef{now.person, QString()}))
            emit storageFailed(m_store.lastError());
        it = m_buddies.insert(now.ref(), now);
    }
    if (it == m_buddies.end())
        return;
    if (known) {
        // A heartbeat keeps the address they are known at: someone on two at once (two
        // networks) would otherwise swap it, and write, at every one.
        now.peerId = it->peerId;
        // Of someone already here and unchanged, it is no news.
        if (now.sameAs(*it))
            return;
    }
    now.lastSeenMs = clock::wallMs();
    *it = now;
    save({now});
}

void BuddyTracker::peerGone(const QString &peerId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_keyChanged.remove(peerId);
    const PersonRef who = m_online.take(peerId).ref();
    const auto it = m_buddies.find(who);
    if (who.person.isEmpty() || it == m_buddies.end())
        return;
    it->lastSeenMs = clock::wallMs();
    // Still here on another address: their chat is there now.
    for (const Buddy &other : std::as_const(m_online)) {
        if (other.ref() == who) {
            it->peerId = other.peerId;
            break;
        }
    }
    save({*it});
}

void BuddyTracker::talked(const ChatMessage &message)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (message.person.isEmpty())
        return;
    if (m_keyChanged.contains(message.peerId))
        return;
    const auto online = m_online.constFind(message.peerId);
    const bool here = online != m_online.constEnd() && online->person == message.person;
    // Written to after they left: the key the queue waits for, or none known.
    const PersonRef who = here ? online->ref() : PersonRef{message.person, message.personKey};
    if (m_buddies.contains(who))
        return;
    Buddy b;
    if (here) {
        b = *online;
    } else {
        const qsizetype at = message.person.lastIndexOf(QLatin1Char('@'));
        b.person = message.person;
        b.key = message.personKey;
        b.nick = message.peerNick;
        b.user = message.person.left(at);
        b.host = message.person.mid(at + 1);
        b.peerId = message.peerId;
    }
    // What was written to someone gone says nothing of when they were here.
    if (here || message.direction == Direction::Incoming)
        b.lastSeenMs = clock::wallMs();
    m_buddies.insert(b.ref(), b);
    save({b});
}

void BuddyTracker::save(const QList<Buddy> &buddies)
{
    if (buddies.isEmpty())
        return;
    if (!m_store.save(buddies))
        emit storageFailed(m_store.lastError());
    m_writes += int(buddies.size());
    for (const Buddy &b : buddies)
        emit buddyChanged(b);
}

} // namespace lanpigeon
