#include "messaging/persontracker.h"

#include "common/threadcheck.h"
#include "crypto/keyring.h"
#include "history/historystore.h"
#include "messaging/discoveryservice.h"
#include "messaging/messaginglog.h"
#include "messaging/peer.h"

#include <QTimer>

namespace lanpigeon {

namespace {
// Long enough to gather a start-up's announcements into one write.
constexpr int SaveDelayMs = 1000;
} // namespace

PersonTracker::PersonTracker(DiscoveryService *discovery, HistoryStore *history, QObject *parent)
    : QObject(parent)
    , m_discovery(discovery)
    , m_history(history)
    , m_saveTimer(new QTimer(this))
{
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(SaveDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, &PersonTracker::save);
}

// Not saved here: a node that never ran is deleted on another thread; stop() saves.
PersonTracker::~PersonTracker() = default;

void PersonTracker::setKeyRing(std::shared_ptr<crypto::KeyRing> keyRing)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_keyRing = std::move(keyRing);
}

void PersonTracker::save()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_saveTimer->stop();
    if (m_unsaved.isEmpty() || !m_history->isOpen())
        return;
    QList<HistoryStore::PersonAt> seen;
    for (const QString &peerId : std::as_const(m_unsaved)) {
        const QPair<QString, QString> who = m_noted.value(peerId);
        seen.append({peerId, who.first, who.second});
    }
    m_unsaved.clear();
    if (!m_history->notePeople(seen))
        emit storageFailed(m_history->lastError());
}

void PersonTracker::peerGone(const QString &peerId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_judged.remove(peerId);
    // What is written to them from now on is queued for the key history says they had.
    if (m_unsaved.contains(peerId))
        save();
    const auto who = m_noted.constFind(peerId);
    if (who == m_noted.constEnd() || !m_history->isOpen())
        return;
    // Still here at another address (a new lease while the old one was still listed, or a
    // second network card): the chat goes there now, as if the old address had left first.
    // Only with the same key, or both without one: a clone keeps its own chat.
    const QList<Peer> online = m_discovery->peers();
    for (const Peer &peer : online) {
        if (peer.keyId != who->first || peer.personPending() || peer.personKey() != who->second)
            continue;
        if (moveChat(peerId, peer.id))
            save();
        return;
    }
}

bool PersonTracker::moveChat(const QString &fromPeerId, const QString &toPeerId)
{
    const int moved = m_history->moveConversation(fromPeerId, toPeerId);
    if (moved < 0) {
        emit storageFailed(m_history->lastError());
        return false;
    }
    m_noted.remove(fromPeerId);
    m_unsaved.remove(fromPeerId);
    m_judged.remove(fromPeerId);
    qCInfo(lcMessages, "%s is at %s now: %d messages of %s move there",
           qPrintable(m_noted.value(toPeerId).first), qPrintable(toPeerId), moved,
           qPrintable(fromPeerId));
    emit conversationMoved(fromPeerId, toPeerId);
    return true;
}

std::optional<QPair<QString, QString>> PersonTracker::whoWasAt(const QString &peerId) const
{
    const auto noted = m_noted.constFind(peerId);
    if (noted != m_noted.constEnd())
        return *noted;
    if (const std::optional<HistoryStore::PersonAt> at = m_history->personAt(peerId))
        return QPair<QString, QString>{at->person, at->key};
    return std::nullopt;
}

bool PersonTracker::someoneElse(const QPair<QString, QString> &who, const Peer &peer,
                                const QString &key) const
{
    if (who.first != peer.keyId)
        return true;
    // One login: another key is another machine (a clone) while the key they had there is
    // still pinned. Verified in its place (the old pin dropped), it is the person's new key.
    if (who.second.isEmpty() || key.isEmpty() || who.second == key)
        return false;
    return !m_keyRing || m_keyRing->hasPin(who.first, crypto::Fingerprint::fromHex(who.second));
}

bool PersonTracker::park(const QString &peerId, const QPair<QString, QString> &who)
{
    const PersonRef person{who.first, who.second};
    const QString parkedId = person.parkedChatId();
    qCInfo(lcMessages, "someone other than %s is at %s: their chat waits at %s",
           qPrintable(who.first), qPrintable(peerId), qPrintable(parkedId));
    if (!moveChat(peerId, parkedId))
        return false;
    // Where to find them: their parked chat comes along when they are seen again.
    m_noted.insert(parkedId, who);
    m_unsaved.insert(parkedId);
    emit chatParked(peerId, parkedId, person);
    // Here at another address already (both were listed a while): it goes on to them.
    for (const Peer &there : m_discovery->peers()) {
        if (there.id != peerId && there.keyId == who.first && !there.personPending() &&
            (who.second.isEmpty() || there.personKey() == who.second))
            return moveChat(parkedId, there.id);
    }
    return true;
}

void PersonTracker::peerSeen(const Peer &peer)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (peer.keyId.isEmpty() || !m_history->isOpen())
        return;
    const Judged judged{peer.keyId, peer.personKey(), peer.personPending()};
    const auto last = m_judged.constFind(peer.id);
    if (last != m_judged.constEnd() && *last == judged)
        return;
    m_judged.insert(peer.id, judged);
    // Someone of another login at the id of a person who is away: not their chat. Known at
    // once, before any key: a message from the newcomer must not land in it.
    const std::optional<QPair<QString, QString>> before = whoWasAt(peer.id);
    if (before && before->first != peer.keyId) {
        if (park(peer.id, *before))
            save();
    }
    // A peer that encrypts is judged by its key, once it has shown one; one whose key is
    // judged changed is nobody's yet (the user may verify it; peerUpdated() follows then).
    if (peer.personPending())
        return;
    const QPair<QString, QString> who{peer.keyId, peer.personKey()};
    if (m_noted.value(peer.id) == who)
        return;
    // The same login with another key: a clone at the address of the one who is away.
    if (before && before->first == peer.keyId && someoneElse(*before, peer, who.second)) {
        if (park(peer.id, *before))
            save();
    }
    m_noted.insert(peer.id, who);
    m_unsaved.insert(peer.id);
    m_saveTimer->start();
    // Where the person was seen in this run and not saved yet (newest), then what history says.
    QList<HistoryStore::PersonAt> places;
    for (const QString &peerId : std::as_const(m_unsaved)) {
        if (m_noted.value(peerId).first == peer.keyId)
            places.append({peerId, peer.keyId, m_noted.value(peerId).second});
    }
    places += m_history->peerIdsOf(peer.keyId);
    QSet<QString> tried;
    bool movedAny = false;
    for (const HistoryStore::PersonAt &before : std::as_const(places)) {
        if (before.peerId == peer.id || tried.contains(before.peerId))
            continue;
        tried.insert(before.peerId);
        // Online there too: two instances of one user@host (cloned machines), two chats.
        if (m_discovery->peer(before.peerId))
            continue;
        // Another key there: another person with the same login and computer name. No key
        // known there (an older history, or a peer that did not encrypt): user@host decides,
        // unless this one has a key and that address had another.
        if (!before.key.isEmpty() && before.key != who.second)
            continue;
        movedAny = moveChat(before.peerId, peer.id) || movedAny;
    }
    // Where the person is now is written at once when their chat moved: a kill -9 in the
    // next second must not leave history's people pointing at the old address.
    if (movedAny)
        save();
}

} // namespace lanpigeon
