// Follows a person (user@host, and their key once known) across addresses: their chat moves along.
#pragma once

#include <QHash>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QString>

class QTimer;

namespace lanpigeon {

class DiscoveryService;
class HistoryStore;
struct Peer;

// On the network thread (see NetworkNode): every method runs there, which it asserts.
// History's `people` table says who was at each peer id and with which key. When that person
// turns up at a new peer id while the old one is offline, or the old one leaves while they are
// at the new one, the old conversation becomes the new one's: the rows are re-keyed in history, so
// the move holds across restarts. Two people who share a user@host but not a key are never merged,
// nor is a peer whose key is judged changed (until the user verifies it).
class PersonTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PersonTracker)

public:
    PersonTracker(DiscoveryService *discovery, HistoryStore *history, QObject *parent = nullptr);
    ~PersonTracker() override;

    // What discovery reports goes here first; the offline queue acts on the peer after it, so
    // a queued message leaves from the conversation that moved.
    void peerSeen(const Peer &peer);
    // The peer left: what we know of it is saved now, for what is queued for it. If the same
    // person (user@host and key) is online at another address, their chat moves there.
    void peerGone(const QString &peerId);
    // Writes what was seen and not yet saved (NetworkNode::stop() calls it).
    void save();

signals:
    // Every message of fromPeerId's one-to-one conversation is toPeerId's now.
    void conversationMoved(const QString &fromPeerId, const QString &toPeerId);
    void storageFailed(const QString &error);

private:
    // Re-keys the conversation in history and says so; false (and storageFailed()) if not.
    bool moveChat(const QString &fromPeerId, const QString &toPeerId);

    DiscoveryService *m_discovery;
    HistoryStore *m_history;
    // Who each peer id seen in this run is (person, key): an announcement that changes nothing
    // asks history nothing.
    QHash<QString, QPair<QString, QString>> m_noted;
    // Peer ids noted but not written yet: written together a moment later, in one sync to
    // disk, not one per peer while a start-up's announcements and key answers pour in.
    QSet<QString> m_unsaved;
    QTimer *m_saveTimer;
};

} // namespace lanpigeon
