// Keeps who we have talked to as they were last seen (BuddyStore), for the offline buddy list.
#pragma once

#include "history/buddystore.h"
#include "messaging/buddy.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace lanpigeon {

class DiscoveryService;
class HistoryStore;
class MessageService;
struct ChatMessage;
struct Peer;

// On the network thread (see NetworkNode): every method runs there, which it asserts. A person
// (user@host and key, see PersonRef) becomes a buddy with the first message to or from them;
// a peer that encrypts counts once its key is known and not judged changed. A buddy's row is
// written when they come online, change name, workgroup or address, and when they leave: not on the
// heartbeats of peers already known, however many there are.
class BuddyTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BuddyTracker)

public:
    BuddyTracker(DiscoveryService *discovery, MessageService *messages, HistoryStore *history,
                 QObject *parent = nullptr);
    ~BuddyTracker() override;

    // Once history is open: makes the table (filled from an older history's messages) and
    // reads it.
    bool open(QString *error);
    // The buddies online now were seen until now.
    void stop();
    QList<Buddy> all() const;
    // Someone else is at peerId: person's row opens the chat parked for them at parkedId
    // (PersonTracker::chatParked()).
    void parked(const QString &peerId, const QString &parkedId, const PersonRef &person);
    // Rows written since open(), for the test that heartbeats write nothing.
    int writes() const { return m_writes; }

signals:
    // A buddy was added or what we know of them changed (time last seen included).
    void buddyChanged(const lanpigeon::Buddy &buddy);
    void storageFailed(const QString &error);

private:
    void peerSeen(const Peer &peer);
    void peerGone(const QString &peerId);
    void talked(const ChatMessage &message);
    void save(const QList<Buddy> &buddies);

    BuddyStore m_store;
    QHash<PersonRef, Buddy> m_buddies;
    // Who is online now, by peer id, as they announced themselves. Buddies or not, so that a
    // first message makes a buddy of what they announced.
    QHash<QString, Buddy> m_online;
    // Online peers whose key is judged changed, maybe posing as a buddy: what they write makes
    // no buddy, or the chat would stay in the list as a grey keyless one beside their live row.
    QSet<QString> m_keyChanged;
    int m_writes = 0;
};

} // namespace lanpigeon
