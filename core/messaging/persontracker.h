// Follows a person (user@host, and their key once known) across addresses: their chat moves along.
#pragma once

#include "messaging/buddy.h"

#include <QHash>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

class QTimer;

namespace lanpigeon {

namespace crypto {
class KeyRing;
}
class DiscoveryService;
class HistoryStore;
struct Peer;

// On the network thread (see NetworkNode): every method runs there, which it asserts.
// History's `people` table says who was at each peer id and with which key. When that person
// turns up at a new peer id while the old one is offline, or the old one leaves while they are
// at the new one, the old conversation becomes the new one's: the rows are re-keyed in history, so
// the move holds across restarts. Two people who share a user@host but not a key are never merged,
// nor is a peer whose key is judged changed (until the user verifies it). When someone else turns
// up at the peer id of a person who is away, that person's chat is parked at an id of their own
// (PersonRef::parkedChatId()) rather than given to the newcomer; it comes back to them, as any
// move, wherever they are seen next.
class PersonTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PersonTracker)

public:
    PersonTracker(DiscoveryService *discovery, HistoryStore *history, QObject *parent = nullptr);
    ~PersonTracker() override;

    // Whose pins tell a clone (its key pinned beside the other's) from a person who replaced
    // their key (the old pin dropped when the user verified the new one).
    void setKeyRing(std::shared_ptr<crypto::KeyRing> keyRing);

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
    // Someone else is at peerId: what was person's there (their chat, their buddy's place)
    // waits at parkedId. conversationMoved(peerId, parkedId) comes too.
    void chatParked(const QString &peerId, const QString &parkedId,
                    const lanpigeon::PersonRef &person);
    void storageFailed(const QString &error);

private:
    // Re-keys the conversation in history and says so; false (and storageFailed()) if not.
    bool moveChat(const QString &fromPeerId, const QString &toPeerId);
    // Who was last at peerId: seen in this run, else history's `people`.
    std::optional<QPair<QString, QString>> whoWasAt(const QString &peerId) const;
    // Whether who, last at peer's id, is someone other than peer (which shows key).
    bool someoneElse(const QPair<QString, QString> &who, const Peer &peer,
                     const QString &key) const;
    // Moves who's chat off peerId to their parked id; false if history failed.
    bool park(const QString &peerId, const QPair<QString, QString> &who);

    DiscoveryService *m_discovery;
    HistoryStore *m_history;
    std::shared_ptr<crypto::KeyRing> m_keyRing;
    // Who each peer id seen in this run is (person, key): an announcement that changes nothing
    // asks history nothing.
    QHash<QString, QPair<QString, QString>> m_noted;
    // Peer ids noted but not written yet: written together a moment later, in one sync to
    // disk, not one per peer while a start-up's announcements and key answers pour in.
    QSet<QString> m_unsaved;
    // What each peer id was last judged as (person, key, whether the key is pending): each packet
    // heard from a peer reports it again, and one that changes none of this needs no lookup in
    // history (a start-up crowd sends several each).
    struct Judged
    {
        QString person;
        QString key;
        bool pending = false;
        bool operator==(const Judged &o) const
        {
            return pending == o.pending && person == o.person && key == o.key;
        }
    };
    QHash<QString, Judged> m_judged;
    QTimer *m_saveTimer;
};

} // namespace lanpigeon
