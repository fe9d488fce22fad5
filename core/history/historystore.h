// Durable chat history in SQLite (WAL): written before a message is acknowledged.
#pragma once

#include "files/offerregistry.h"
#include "messaging/chatmessage.h"
#include "messaging/room.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <optional>

class QThread;

namespace lanpigeon {

// One instance per thread: a Qt SQL connection belongs to the thread that opened it. Every method
// runs on that thread until close() (asserted); before open(), on any one thread.
class HistoryStore final
{
    Q_DISABLE_COPY_MOVE(HistoryStore)

public:
    HistoryStore();
    ~HistoryStore();

    bool open(const QString &path, QString *error);
    // Reads only, and only what open() on another connection made: no schema is created or
    // changed, and a write under way never holds it up (WAL). For the GUI thread's first page.
    bool openForReading(const QString &path, QString *error);
    bool isOpen() const;
    void close();
    QString lastError() const { return m_lastError; }

    // rowId: the message's row, the one it kept if it was stored before (a message sent
    // again), so that what came after it can be told from what came before.
    bool insert(const ChatMessage &message, qint64 *rowId = nullptr);
    bool updateState(const QString &id, const QString &peerId, DeliveryState state,
                     const QString &error = {}, Failure failure = Failure::None);
    // One picture of a stored message, by its index in ChatMessage::pictures.
    bool updatePicture(const QString &id, const QString &peerId, int index,
                       const ChatPicture &picture);
    // The first row with that message id (a message to several peers has one per peer).
    std::optional<ChatMessage> find(const QString &id) const;
    // Newest last; rows older than beforeRowId when it is > 0 (for lazy loading). A wordless
    // row of our file offer comes with its files (ChatMessage::offered); other messages without
    // words or pictures (an offer's carrier whose files history does not name) are left out;
    // latestPerPeer() still has them.
    QList<ChatMessage> conversation(const QString &peerId, int limit, qint64 beforeRowId = 0) const;
    // The rows conversation() shows, from context rows before rowId up to beforeRowId (0: the
    // newest), newest last: a found message in its context, joined to the page shown. Empty if
    // that is more than limit rows.
    QList<ChatMessage> conversationFrom(const QString &peerId, qint64 rowId, int context,
                                        qint64 beforeRowId, int limit) const;
    // Newest first is how rows are found; the list is oldest first. A message matches when it
    // holds every word of text (searchTerms()) as a case-insensitive substring, each taken
    // literally (no wildcards, no query syntax). A message with pictures matches as if its text
    // ended in "[picture]".
    QList<ChatMessage> search(const QString &text, const QString &peerId = {},
                              int limit = 100) const;
    // Full-text index: a history written before it existed is indexed in steps after open(),
    // so that no caller waits for a million rows at once; until then search() scans.
    // Indexes up to rows more of the backlog; false once none remains (or on an error).
    bool indexBacklog(int rows);
    bool indexComplete() const;
    // Removes a conversation: its messages, their pictures' rows and their words in the index
    // (the files of pictures stay: other messages may show the same ones). Returns the number
    // of messages removed, or -1.
    int deleteConversation(const QString &peerId);
    QList<ChatMessage> recent(int limit) const;
    // The newest message of each of the limit conversations that moved last, named as the peer
    // last named itself: what we wrote to a peer that had gone carries only its address.
    QList<ChatMessage> latestPerPeer(int limit) const;
    qint64 count() const;

    // The offline queue (OfflineQueue): rows in state Queued.
    // Queued messages to person, oldest first.
    QList<ChatMessage> queuedFor(const QString &person) const;
    QStringList queuedPersons() const;
    // Queued messages stored before wallMs (clock::wallMs()).
    QList<ChatMessage> queuedBefore(qint64 wallMs) const;
    // Who was last seen at peerId (the `people` table, else its newest row naming a person): the
    // person (ChatMessage::person, empty if none) and the name they went by.
    struct Seen
    {
        QString person;
        QString nick;
        // The key they showed there (hex fingerprint); empty if none is known.
        QString key;
    };
    Seen lastSeen(const QString &peerId) const;
    // Who is at each peer id (the `people` table): a person and the key they showed there.
    // Written when a peer is seen; a conversation follows its person by it.
    struct PersonAt
    {
        QString peerId;
        QString person;
        QString key;
    };
    // All in one transaction: one sync to disk however many peers were seen.
    bool notePeople(const QList<PersonAt> &seen);
    bool notePerson(const QString &peerId, const QString &person, const QString &key)
    {
        return notePeople({{peerId, person, key}});
    }
    // Every peer id person was seen at, with the key shown there.
    QList<PersonAt> peerIdsOf(const QString &person) const;
    // Who the `people` table says is at peerId.
    std::optional<PersonAt> personAt(const QString &peerId) const;
    // The one-to-one conversation at fromPeerId becomes toPeerId's (its person moved there),
    // across restarts. The number of rows moved, or -1.
    int moveConversation(const QString &fromPeerId, const QString &toPeerId);
    // A queued row waits for something of the user's (why): it stays Queued, now with that
    // reason. False if it was not queued or had that reason already.
    bool holdQueued(const QString &id, const QString &peerId, Failure why);
    // The peer id of a person who called themselves (or whom we called) nick, newest first.
    std::optional<QString> peerIdNamed(const QString &nick) const;
    // Changes a row's state only if it is still Queued: false if it was not (or is gone).
    bool leaveQueue(const QString &id, const QString &peerId, DeliveryState state,
                    const QString &error = {}, Failure failure = Failure::None);
    // Puts a row (back) in the queue, waiting for person and the key they had (empty: unknown).
    bool enqueue(const QString &id, const QString &peerId, const QString &person,
                 const QString &personKey);
    // Outgoing rows with a person still Sending (the program ended before their receipt) are
    // queued again, in one statement, for the key their person showed there; those rows.
    QList<ChatMessage> requeueUnanswered();
    // A queued row goes to the person's new address (its conversation moves with it).
    bool moveQueued(const QString &id, const QString &fromPeerId, const QString &toPeerId);
    // The files and folders of our file offer id (one list for all its recipients), kept
    // while any of its rows may still be offered: a queued offer goes with them after a
    // restart. fileId is each item's place in the list.
    bool keepOfferFiles(const QString &id, const QList<SharedItem> &items);
    // Empty once the offer is retired: nothing of it may be offered any more.
    QList<SharedItem> offerFiles(const QString &id) const;
    // The offer is no longer served, unless a row of it is still queued; its list stays for
    // its bubble in history (deleting its messages deletes it). False on an error only.
    bool retireOfferFiles(const QString &id);
    // Offers still served though no row of theirs is queued: they were on offer when the
    // program stopped, and nobody serves their files any more. Their rows still Sending or
    // Delivered become Failed with error and failure, and they are retired; their ids.
    QStringList lapseOffers(const QString &error, Failure failure);
    // Group chats (RoomStore keeps the rooms themselves). A room's page, newest last; each
    // message once, though what we sent has a row per member.
    QList<ChatMessage> roomConversation(const RoomId &room, int limit,
                                        qint64 beforeRowId = 0) const;
    // Fills ChatMessage::deliveries of our messages in a room's page: each member's row.
    void roomDeliveries(QList<ChatMessage> *page) const;
    // Every message of the room, its notices too; the number removed, -1 on failure.
    int deleteRoomConversation(const RoomId &room);
    QList<ChatMessage> searchRoom(const RoomId &room, const QString &text, int limit = 100) const;
    // The newest message of each of the limit rooms that moved last, for Recent chats.
    QList<ChatMessage> latestPerRoom(int limit) const;
    // The open connection, for RoomStore on the same thread.
    QSqlDatabase database() const;

private:
    // Deletes the rows where says (one ? for bind) with their pictures; messages as shown.
    int deleteMessages(const QString &where, const QVariant &bind);
    bool exec(const QString &sql);
    bool addMissingColumns();
    // Whether the database has that table; nullopt if it could not be read (m_lastError says).
    std::optional<bool> hasTable(const QString &name);
    bool createFullTextIndex();
    bool addQueueIndex();
    bool createPeople();
    bool createOfferFiles();
    // The key person showed at peerId, from `people`; empty if none is known.
    QString personKeyAt(const QString &peerId, const QString &person) const;
    // The condition of a queued row, as SQL.
    static QString isQueued();
    static QString isUnanswered();
    // Runs an UPDATE; whether it changed a row.
    bool changeRows(const QString &sql, const QVariantList &bind);
    QList<ChatMessage> select(const QString &where, const QVariantList &bind, int limit) const;
    bool insertPictures(const ChatMessage &message);
    // Runs statement, whose %1 is rowIds joined by commas (row ids are numbers of our own, so
    // they may stand in it), forward-only on this store's connection; nullopt, logged, if it
    // failed.
    std::optional<QSqlQuery> selectForRows(const QString &statement,
                                           const QStringList &rowIds) const;
    void loadPictures(QList<ChatMessage> *messages) const;
    // ChatMessage::offered of our wordless rows, from offer_files.
    void loadOffered(QList<ChatMessage> *messages) const;

    QString m_connectionName;
    QString m_lastError;
    // The thread that opened the connection, until it is closed.
    QThread *m_thread = nullptr;
    // The SQLite has FTS5 with trigrams and the index exists (maybe with a backlog).
    bool m_fullText = false;
};

} // namespace lanpigeon
