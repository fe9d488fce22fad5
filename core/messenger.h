// The core's front door: runs discovery, messaging and history on a network thread.
#pragma once

#include "common/transferresult.h"
#include "files/fileoffer.h"
#include "history/searchhit.h"
#include "messaging/buddy.h"
#include "messaging/chatmessage.h"
#include "messaging/networkdiagnosis.h"
#include "messaging/peer.h"
#include "messaging/room.h"
#include "nodeconfig.h"
#include "pictures/picturestore.h"
#include "tftp/tftpclient.h"
#include "tftp/tftpserver.h"

#include <QHash>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

class QThread;
class QThreadPool;

namespace lanpigeon {

class HistoryStore;
class NetworkNode;
class OfferPrompt;
class PeerModel;
class TransferModel;
class TftpService;

// Lives on the thread that made it (the GUI thread), which makes every call on it; each returns
// at once. The network services run on its `network` thread, TFTP on its `tftp` thread; their
// results come back as this object's signals, and the models change on this thread only.
class Messenger final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Messenger)

public:
    // Why start() failed, so the window can offer the fix that fits.
    enum class StartError
    {
        History,
        // Another program holds our UDP or TCP port.
        PortInUse,
        // The bind address is not one of this machine's.
        AddressUnavailable,
        Other
    };
    Q_ENUM(StartError)

    explicit Messenger(const NodeConfig &config, QObject *parent = nullptr);
    // Says BR_EXIT if still running, then stops the network thread.
    ~Messenger() override;

    const NodeConfig &config() const { return m_config; }
    PeerModel *peerModel() const { return m_peerModel; }
    TransferModel *transferModel() const { return m_transferModel; }
    QString historyPath() const;
    // Safe from any thread.
    bool isRunning() const { return m_running; }
    // The objects on the network thread, for tests that check where each lives: call nothing on
    // them from here, their methods assert they run on their own thread.
    const NetworkNode *networkNode() const { return m_node; }

    // Our key's fingerprint; null until started(). Safe from any thread.
    crypto::Fingerprint ourFingerprint() const;
    // The user compared the fingerprint peerId shows now with its owner's: pin it as verified.
    // peerUpdated() follows.
    void markKeyVerified(const QString &peerId);
    // Refuse plain text to peers that cannot encrypt (messages fail with Failure::NotEncrypted,
    // offers with offerFailed()).
    void setRequireEncryption(bool require);

    // Asynchronous: started() or startFailed() follows.
    void start();
    // Asynchronous: BR_EXIT to everyone, then stopped().
    void shutdown();
    void announce();
    // Asynchronous: networkSnapshot() follows, read on the network thread; also after a start
    // that failed, to say why.
    void requestNetworkSnapshot();
    void setStatus(ipmsg::Status status, const QString &awayMessage);
    // Peers see the new names at once (BR_ABSENCE, as for a status change).
    void setIdentity(const QString &nick, const QString &group);
    void setExtraHosts(const QList<QHostAddress> &hosts);
    // Asynchronous: rebound() or rebindFailed() follows. Chats, the queue and transfers stay;
    // see NetworkNode::rebind().
    void rebind(const QHostAddress &address, quint16 port);
    // Legacy peers get this code page from the next packet on.
    void setLegacyCodec(const QByteArray &codec);
    // Answer hosts that ask for our buddy list from now on, or not.
    void setHostListSharing(bool share);
    // Fetches the buddy lists of hosts not asked yet.
    void setListFrom(const QList<QHostAddress> &hosts);
    // Where accepted files go from now on.
    void setDownloadDir(const QString &dir) { m_config.downloadDir = dir; }
    // Returns the new message's id; states follow through messageStateChanged(). The stored
    // message (messageStored()) has its pictures Ready, with their hashes.
    QString sendMessage(const QStringList &peerIds, const QString &text, bool sealed = false,
                        const QList<OutgoingPicture> &pictures = {});
    // The stored file of a picture, or empty. Safe from any thread.
    QString picturePath(const QString &sha256) const;
    // A failed message goes again under its own id, so its bubble and history row are reused.
    void resendMessage(const QString &messageId, const QString &peerId, const QString &text,
                       bool sealed);
    // A queued message will not be sent: messageStateChanged() follows with Failed and
    // Failure::Cancelled, or nothing if it left the queue meanwhile.
    void cancelQueued(const QString &messageId, const QString &peerId);
    // The user opened a sealed message: its sender gets the READMSG receipt, and history
    // remembers it was opened (also for messages received before a restart).
    void markRead(const QString &messageId);
    // Whether text fits in one datagram the peer reads, judged as sendMessage() will.
    struct TextFit
    {
        int bytes = 0;
        int limit = 0;
        bool fits() const { return bytes <= limit; }
    };
    TextFit fit(const QString &peerId, const QString &text) const;
    // Asynchronous: conversationLoaded() follows with up to limit messages before beforeRowId
    // (0: the newest), oldest first.
    void loadConversation(const QString &peerId, int limit, qint64 beforeRowId);
    // The newest page of a conversation read here, on the calling (GUI) thread, from a
    // connection of its own that only reads: an indexed read of limit rows, well under a
    // millisecond, so a chat opens with its rows in its first paint rather than a round trip
    // to the network thread after it. nullopt if history cannot be read here; then use
    // loadConversation().
    struct Page
    {
        QList<ChatMessage> messages;
        bool more = false;
    };
    std::optional<Page> readConversation(const QString &peerId, int limit);
    // Asynchronous: conversationLoaded() follows with the messages before beforeRowId (0: the
    // newest) down to the one at rowId and context more before it, oldest first; with none
    // when that is more than MaxJumpRows (the window would lay them all out at once).
    static constexpr int MaxJumpRows = 2000;
    void loadConversationAround(const QString &peerId, qint64 rowId, int context,
                                qint64 beforeRowId);
    // Asynchronous: historyFound() follows with up to limit matches, oldest first; peerId empty:
    // across all chats.
    void searchHistory(const QString &peerId, const QString &text, int limit);
    // Asynchronous: conversationExported() follows once a peer's whole conversation is written to
    // path (HTML for .html or .htm, plain text otherwise, see history/historyexport.h), off the
    // GUI thread and whole or not at all.
    void exportConversation(const QString &peerId, const QString &path);
    // Asynchronous: conversationDeleted() follows once the peer's history is gone.
    void deleteConversation(const QString &peerId);
    // The same for a group chat, each message under its sender's name: roomExported() and
    // roomHistoryDeleted() follow. The room itself stays.
    void exportRoom(const RoomId &roomId, const QString &path);
    void deleteRoomHistory(const RoomId &roomId);
    // Asynchronous: recentChatsLoaded() follows with the newest message of each of the limit
    // conversations that moved last, and of each of the limit group chats.
    void loadRecentChats(int limit);
    // Asynchronous: buddiesLoaded() follows with everyone we have talked to, as last seen;
    // buddyChanged() then follows each change.
    void loadBuddies();

    // Group chats. Each returns at once; roomChanged() follows every change of a room (ours or a
    // member's), and its messages come as messageStored()/messageReceived() with roomId set.
    // createRoom(): we and the peers (by peer id) as members; the room's new id.
    RoomId createRoom(const QString &name, const QStringList &memberPeerIds);
    // The new message's id; one row and one receipt per member (messageStateChanged()), then
    // roomSendDone() with what became of it.
    QString sendToRoom(const RoomId &roomId, const QString &text);
    void addRoomMembers(const RoomId &roomId, const QStringList &peerIds);
    // A member by user and host (how a room knows a person wherever it is now).
    void removeRoomMember(const RoomId &roomId, const QString &user, const QString &host);
    void leaveRoom(const RoomId &roomId);
    // Asynchronous: roomsLoaded() follows, oldest first.
    void loadRooms();
    // Asynchronous: roomConversationLoaded() follows, as loadConversation() for a peer.
    void loadRoomConversation(const RoomId &roomId, int limit, qint64 beforeRowId);
    // Asynchronous: roomHistoryFound() follows with up to limit matches in the room, oldest first.
    void searchRoom(const RoomId &roomId, const QString &text, int limit);

    // Offers files and folders; returns the offer id. offerFinished() follows once every
    // recipient fetched everything or released it.
    QString offerFiles(const QStringList &peerIds, const QStringList &paths,
                       const QString &message = {});
    void cancelOffer(const QString &offerId);
    // Who decides on incoming offers; without one, offerReceived() is all that happens.
    void setOfferPrompt(OfferPrompt *prompt) { m_prompt = prompt; }
    void acceptOffer(const OfferId &offerId, const QString &targetDir);
    void rejectOffer(const OfferId &offerId);
    // File transfers and TFTP transfers alike; the id's kind says whose.
    void cancelTransfer(const TransferId &transferId);
    // A failed or cancelled download, or TFTP get or put of ours, goes again (a download
    // resuming); transferRetried() follows.
    void retryTransfer(const TransferId &transferId);

    // TFTP runs on a thread of its own, started on first use; its transfers join the
    // transfer model. tftpServerChanged() reports the outcome.
    void startTftpServer(const tftp::TftpServer::Config &config);
    void stopTftpServer();
    // Applies to the running server at once (and to one still starting), on its own thread.
    void setTftpAllowWrite(bool allow);
    // Returns the transfer id.
    TransferId startTftpTransfer(const tftp::TftpClient::Request &request);

signals:
    void started();
    void networkSnapshot(const lanpigeon::NetworkSnapshot &snapshot);
    void startFailed(const QString &error, lanpigeon::Messenger::StartError reason);
    // config() has the new address and port.
    void rebound();
    // Nothing changed: we are where we were.
    void rebindFailed(const QString &error, lanpigeon::Messenger::StartError reason);
    void stopped();
    void peerUpdated(const lanpigeon::Peer &peer);
    void peerRemoved(const QString &id, const QString &reason);
    // setRequireEncryption() changed the setting: what a chat warns of changes with it.
    void requireEncryptionChanged(bool require);
    void messageStored(const lanpigeon::ChatMessage &message);
    void conversationLoaded(const QString &peerId, qint64 beforeRowId,
                            const QList<lanpigeon::ChatMessage> &messages, bool more);
    void historyFound(const QString &peerId, const QString &text,
                      const QList<lanpigeon::SearchHit> &hits);
    void recentChatsLoaded(const QList<lanpigeon::ChatMessage> &latest);
    void buddiesLoaded(const QList<lanpigeon::Buddy> &buddies);
    void buddyChanged(const lanpigeon::Buddy &buddy);
    // error empty: written.
    void conversationExported(const QString &peerId, const QString &path, const QString &error);
    // removed: messages deleted, -1 if history failed.
    void conversationDeleted(const QString &peerId, int removed);
    void roomChanged(const lanpigeon::Room &room);
    void roomSendDone(const QString &messageId, const lanpigeon::RoomId &roomId,
                      lanpigeon::RoomSendOutcome outcome);
    void roomExported(const lanpigeon::RoomId &roomId, const QString &path, const QString &error);
    void roomHistoryDeleted(const lanpigeon::RoomId &roomId, int removed);
    // createRoom(), addRoomMembers(), removeRoomMember() or leaveRoom() has run: after its
    // roomChanged() and its notices' messageStored(). ok false: it changed nothing.
    void roomRequestDone(const lanpigeon::RoomId &roomId, bool ok);
    void roomsLoaded(const QList<lanpigeon::Room> &rooms);
    void roomConversationLoaded(const lanpigeon::RoomId &roomId, qint64 beforeRowId,
                                const QList<lanpigeon::ChatMessage> &messages, bool more);
    void roomHistoryFound(const lanpigeon::RoomId &roomId, const QString &text,
                          const QList<lanpigeon::SearchHit> &hits);
    void messageReceived(const lanpigeon::ChatMessage &message);
    void messageStateChanged(const QString &messageId, const QString &peerId,
                             lanpigeon::DeliveryState state, const QString &error,
                             lanpigeon::Failure failure);
    // A person came back at toPeerId while fromPeerId, where we talked with them, is offline:
    // that conversation is toPeerId's now, in history too. Before any message of theirs there.
    void conversationMoved(const QString &fromPeerId, const QString &toPeerId);
    // An incoming picture arrived (Ready) or failed (Failed, error says why); its message came
    // first with it Arriving.
    void pictureChanged(const QString &messageId, const QString &peerId, int index,
                        const lanpigeon::ChatPicture &picture);
    // No recipient will fetch the pictures of a message we sent any more: each fetched them or
    // released them, their 20 minutes are up, or none took them inline.
    void picturesServed(const QString &messageId);
    void warning(const QString &text);
    void offerReceived(const lanpigeon::FileOffer &offer);
    void offerFinished(const QString &offerId, lanpigeon::OfferOutcome outcome);
    void offerFailed(const QString &offerId, const QString &error);
    // offerFiles() made its offer: what it carries (names, sizes, a folder's counted), before
    // the messageStored() of its wordless message.
    void filesOffered(const QString &offerId, const QList<lanpigeon::OfferItem> &items);
    // File and TFTP transfers alike, after the transfer model has the outcome.
    void transferFinished(const lanpigeon::TransferResult &result);
    // ok false: the offer is gone (released or withdrawn) or the transfer is still running.
    void transferRetried(const lanpigeon::TransferId &transferId, bool ok);
    void tftpServerChanged(bool running, const QString &root, quint16 port, const QString &error);

private:
    void stopOnNetworkThread();
    TftpService *tftp();
    bool addTransfer(const TransferId &id, TransferDirection direction, const QString &peer,
                     const QString &name, quint64 size, const OfferId &offerId);
    void transferEnded(const TransferResult &result);

    NodeConfig m_config;
    // Only its paths are read, from any thread; the network thread writes with its own.
    std::unique_ptr<const pictures::PictureStore> m_pictureStore;
    PeerModel *m_peerModel;
    TransferModel *m_transferModel;
    OfferPrompt *m_prompt = nullptr;
    QThread *m_thread;
    // On m_thread; deleted there when it finishes.
    NetworkNode *m_node;
    QThread *m_tftpThread;
    TftpService *m_tftp = nullptr;
    // Our TFTP gets and puts, to start again on retry; GUI thread only.
    QHash<TransferId, tftp::TftpClient::Request> m_tftpRequests;
    quint64 m_nextTftpTransfer = 1;
    // Written on the network thread, read anywhere.
    std::atomic<bool> m_running = false;
    // Thread-safe; the node's, kept here so its fingerprint is read without a round trip.
    std::shared_ptr<crypto::KeyRing> m_keyRing;
    // Exports format and write here, off the network thread too: a chat of years with its
    // pictures is many megabytes. Waited for when the messenger goes.
    std::unique_ptr<QThreadPool> m_exports;
    // readConversation()'s connection, opened on first use; GUI thread only.
    std::unique_ptr<HistoryStore> m_reader;
};

} // namespace lanpigeon
