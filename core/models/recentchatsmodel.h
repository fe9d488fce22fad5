// The conversations of late, newest first, keyed by ChatKey (a peer or a group chat): who, the
// last words, when and how many are unread. A conversation stays when its peer goes offline, so
// its unread messages can still be reached.
#pragma once

#include "files/fileoffer.h"
#include "messaging/chatkey.h"
#include "messaging/chatmessage.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QList>

namespace lanpigeon {

class PeerModel;

// On the GUI thread, like every model: the methods that change it assert it.
class RecentChatsModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentChatsModel)

public:
    enum Role
    {
        // Empty for a group chat.
        PeerIdRole = Qt::UserRole + 1,
        NameRole,
        // The last message as a one-line preview; a sealed message's text is not shown.
        PreviewRole,
        TimeRole,
        UnreadRole,
        OnlineRole,
        // An ipmsg::Status; Online for a peer that is offline (see OnlineRole).
        StatusRole,
        // A crypto::KeyTrust while the peer is online; Unknown while it is offline.
        KeyTrustRole,
        // The conversation's ChatKey.
        KeyRole,
        IsRoomRole,
    };

    explicit RecentChatsModel(PeerModel *peers, QObject *parent = nullptr);
    ~RecentChatsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    // The newest message of each conversation, as history keeps them: newest first or not.
    void addHistory(const QList<ChatMessage> &latest);
    // A message sent or received now moves its conversation to the top.
    void addMessage(const ChatMessage &message);
    // Files offered to us: the conversation moves up, with their names as its last words.
    void addOffer(const FileOffer &offer);
    // Files we offer (Messenger::filesOffered()): the wordless message that carries them,
    // stored next, shows their names rather than "📎 Files".
    void noteSentOffer(const QString &messageId, const QList<OfferItem> &items);
    // "📎 report.txt", "📎 report.txt and 2 more", "📁 photos".
    static QString offerSummary(const QList<OfferItem> &items);
    // A conversation opened with no message yet (a chat started from the buddy list).
    void touch(const QString &peerId, const QString &name) { touch(ChatKey::peer(peerId), name); }
    void touch(const ChatKey &key, const QString &name);
    // A group chat's name (and whether we left it) for its row, now and when its messages come.
    void setRoom(const Room &room);

    // Takes the conversation off the list (its history stays).
    void remove(const QString &peerId) { remove(ChatKey::peer(peerId)); }
    void remove(const ChatKey &key);
    // The person of fromPeerId is at toPeerId now (Messenger::conversationMoved()): one row,
    // the newer words and the unread counts of both.
    void move(const QString &fromPeerId, const QString &toPeerId);
    void addUnread(const QString &peerId, int count = 1)
    {
        addUnread(ChatKey::peer(peerId), count);
    }
    void addUnread(const ChatKey &key, int count = 1);
    void clearUnread(const QString &peerId) { clearUnread(ChatKey::peer(peerId)); }
    void clearUnread(const ChatKey &key);
    int unread(const QString &peerId) const { return unread(ChatKey::peer(peerId)); }
    int unread(const ChatKey &key) const;
    int unreadTotal() const { return m_unreadTotal; }
    // The conversation with unread messages that moved last, or a null key.
    ChatKey newestUnread() const;
    // The peer's name while online, else the last one it had here; a group chat's name.
    QString name(const QString &peerId) const { return name(ChatKey::peer(peerId)); }
    QString name(const ChatKey &key) const;
    int rowOf(const QString &peerId) const { return rowOf(ChatKey::peer(peerId)); }
    int rowOf(const ChatKey &key) const { return m_rows.value(key, -1); }
    QModelIndex indexOf(const QString &peerId) const { return indexOf(ChatKey::peer(peerId)); }
    QModelIndex indexOf(const ChatKey &key) const;

signals:
    void unreadChanged();

private:
    struct Chat
    {
        ChatKey key;
        QString name;
        QString preview;
        qint64 timestampMs = 0;
        // The history row of the message previewed (ChatMessage::rowId); 0 if not known.
        qint64 rowId = 0;
        int unread = 0;
    };

    Chat &chatFor(const ChatKey &key, qint64 timestampMs);
    void moveToTop(int row);
    void refreshPeer(const QString &peerId);
    void reindex();
    QString previewOf(const ChatMessage &message) const;

    PeerModel *m_peers;
    // Newest first.
    QList<Chat> m_chats;
    QHash<ChatKey, int> m_rows;
    // Group chats' names by id, for rows made before or after their room is known.
    QHash<RoomId, QString> m_roomNames;
    // What our offers carry, by the id of their message (noteSentOffer()).
    QHash<QString, QString> m_sentOffers;
    int m_unreadTotal = 0;
};

} // namespace lanpigeon
