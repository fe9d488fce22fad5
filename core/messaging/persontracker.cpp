#include "messaging/persontracker.h"

#include "common/threadcheck.h"
#include "history/historystore.h"
#include "messaging/discoveryservice.h"
#include "messaging/messaginglog.h"
#include "messaging/peer.h"

namespace lanpigeon {

PersonTracker::PersonTracker(DiscoveryService *discovery, HistoryStore *history, QObject *parent)
    : QObject(parent)
    , m_discovery(discovery)
    , m_history(history)
{
}

PersonTracker::~PersonTracker() = default;

void PersonTracker::peerSeen(const Peer &peer)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (peer.keyId.isEmpty() || !m_history->isOpen())
        return;
    // A peer that encrypts is judged by its key, once it has shown one; one whose key is
    // judged changed is nobody's yet (the user may verify it; peerUpdated() follows then).
    if (peer.canEncrypt && peer.personKey().isEmpty())
        return;
    const QPair<QString, QString> who{peer.keyId, peer.personKey()};
    if (m_noted.value(peer.id) == who)
        return;
    if (!m_history->notePerson(peer.id, who.first, who.second)) {
        emit storageFailed(m_history->lastError());
        return;
    }
    m_noted.insert(peer.id, who);
    for (const HistoryStore::PersonAt &before : m_history->peerIdsOf(peer.keyId)) {
        if (before.peerId == peer.id)
            continue;
        // Online there too: two instances of one user@host (cloned machines), two chats.
        if (m_discovery->peer(before.peerId))
            continue;
        // Another key there: another person with the same login and computer name. No key
        // known there (an older history, or a peer that did not encrypt): user@host decides,
        // unless this one has a key and that address had another.
        if (!before.key.isEmpty() && before.key != who.second)
            continue;
        const int moved = m_history->moveConversation(before.peerId, peer.id);
        if (moved < 0) {
            emit storageFailed(m_history->lastError());
            continue;
        }
        m_noted.remove(before.peerId);
        qCInfo(lcMessages, "%s is back at %s: %d messages of %s move there", qPrintable(peer.keyId),
               qPrintable(peer.id), moved, qPrintable(before.peerId));
        emit conversationMoved(before.peerId, peer.id);
    }
}

} // namespace lanpigeon
