// Durable chat history in SQLite (WAL): written before a message is acknowledged.
#pragma once

#include "messaging/chatmessage.h"
#include "messaging/room.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

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
    bool isOpen() const;
    void close();
    QString lastError() const { return m_lastError; }

    bool insert(const ChatMessage &message);
    bool updateState(const QString &id, const QString &peerId, DeliveryState state,
                     const QString &error = {}, Failure failure = Failure::None);
    // One picture of a stored message, by its index in ChatMessage::pictures.
    bool updatePicture(const QString &id, const QString &peerId, int index,
                       const ChatPicture &picture);
    // The first row with that message id (a message to several peers has one per peer).
    std::optional<ChatMessage> find(const QString &id) const;
    // Newest last; rows older than beforeRowId when it is > 0 (for lazy loading). Messages
    // without words or pictures (an offer's carrier) are left out; latestPerPeer() still has
    // them.
    QList<ChatMessage> conversation(const QString &peerId, int limit, qint64 beforeRowId = 0) const;
    // A message with pictures matches as if its text ended in "[picture]".
    QList<ChatMessage> search(const QString &text, const QString &peerId = {},
                              int limit = 100) const;
    QList<ChatMessage> recent(int limit) const;
    // The newest message of each of the limit conversations that moved last, named as the peer
    // last named itself: what we wrote to a peer that had gone carries only its address.
    QList<ChatMessage> latestPerPeer(int limit) const;
    qint64 count() const;

    // Group chats (RoomStore keeps the rooms themselves). A room's page, newest last; each
    // message once, though what we sent has a row per member.
    QList<ChatMessage> roomConversation(const RoomId &room, int limit,
                                        qint64 beforeRowId = 0) const;
    QList<ChatMessage> searchRoom(const RoomId &room, const QString &text, int limit = 100) const;
    // The open connection, for RoomStore on the same thread.
    QSqlDatabase database() const;

private:
    bool exec(const QString &sql);
    bool addMissingColumns();
    QList<ChatMessage> select(const QString &where, const QVariantList &bind, int limit) const;
    bool insertPictures(const ChatMessage &message);
    void loadPictures(QList<ChatMessage> *messages) const;

    QString m_connectionName;
    QString m_lastError;
    // The thread that opened the connection, until it is closed.
    QThread *m_thread = nullptr;
};

} // namespace lanpigeon
