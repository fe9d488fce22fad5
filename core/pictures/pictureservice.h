// Pictures in messages over IPMsg: sent as Clipboard attachments served from the store,
// received ones fetched at once and stored.
#pragma once

#include "common/transferid.h"
#include "files/filedownload.h"
#include "files/fileoffer.h"
#include "messaging/chatmessage.h"
#include "nodeconfig.h"
#include "pictures/picturestore.h"

#include <QHash>
#include <QObject>

#include <deque>

namespace lanpigeon {

class FileTransferService;
class HistoryStore;
class MessageService;
class TransferThreads;
class UdpTransport;

namespace pictures {

// On the network thread (see NetworkNode): every method runs there, which it asserts. Fetches
// run on the transfer threads, as file downloads do.
class PictureService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PictureService)

public:
    PictureService(UdpTransport *transport, MessageService *messages, FileTransferService *files,
                   TransferThreads *threads, HistoryStore *history, const NodeConfig &config,
                   QObject *parent = nullptr);
    ~PictureService() override;

    // Picture fetches from now on connect from this address.
    void setBindAddress(const QHostAddress &address) { m_config.bindAddress = address; }

    // Stores the pictures and sends the message with them to peers that take Clipboard
    // attachments, to iptux peers the text and then each picture pushed its own way, and to
    // others as an ordinary file offer, each one's place noted in their text. The stored message
    // has its pictures Ready (or Failed, saying why the store refused one).
    void send(const QString &messageId, const QStringList &peerIds, const QString &text,
              bool sealed, const QList<OutgoingPicture> &pictures);
    // A failed message goes again under its id, with the pictures history keeps for it.
    void resend(const QString &messageId, const QString &peerId, const QString &text, bool sealed);
    const PictureStore &store() const { return m_store; }
    // Fetches running or waiting for their turn.
    int pendingFetches() const { return int(m_fetches.size() + m_waiting.size()); }
    // At most this many fetches run at once, from all peers together; the others wait in turn,
    // and pictures beyond MaxWaiting fail at once: a flood neither opens a connection per
    // picture nor grows without bound.
    static constexpr int MaxInFlight = 4;
    static constexpr int MaxWaiting = 256;

signals:
    void pictureChanged(const QString &messageId, const QString &peerId, int index,
                        const lanpigeon::ChatPicture &picture);
    // No recipient will fetch the pictures of a message of ours any more (each fetched them,
    // released them, their 20 minutes are up, or none took them inline).
    void picturesServed(const QString &messageId);

private:
    struct Fetch
    {
        QString messageId;
        QString peerId;
        int index = 0;
        ChatPicture picture;
    };

    void fetchAll(const ChatMessage &message, const FileOffer &offer);
    // Starts waiting fetches while there is room.
    void startWaiting();
    void start(const Fetch &fetch, const FileDownload::Job &job);
    // iptux's picture pushes: one arriving becomes a message of its own, then settles.
    void pushArriving(const TransferId &id, const QHostAddress &peer);
    void pushReceived(const TransferId &id, bool ok, const QByteArray &bytes, const QString &error);
    // One more thing the pictures of messageId waited for is done (a share, a push).
    void served(const QString &messageId);
    // What a finished fetch gives: the picture Ready and stored, or Failed saying why.
    static ChatPicture check(const PictureStore &store, ChatPicture picture, bool ok,
                             const QString &error, const QString &path);
    static ChatPicture keep(const PictureStore &store, ChatPicture picture,
                            const QByteArray &bytes);
    void fetched(const TransferId &id, const ChatPicture &picture);
    void settle(const Fetch &fetch, const ChatPicture &picture);

    UdpTransport *m_transport;
    MessageService *m_messages;
    FileTransferService *m_files;
    TransferThreads *m_threads;
    HistoryStore *m_history;
    NodeConfig m_config;
    PictureStore m_store;
    QHash<TransferId, Fetch> m_fetches;
    std::deque<std::pair<Fetch, FileDownload::Job>> m_waiting;
    // iptux pushes arriving, by the receiving transfer; ours under way, by their transfer.
    QHash<TransferId, Fetch> m_pushesIn;
    QHash<TransferId, QString> m_pushesOut;
    // Messages of ours and how many shares and pushes their pictures still wait for.
    QHash<QString, int> m_serving;
    // Our messages whose pictures are served, by packet number.
    QHash<quint64, QString> m_shares;
    quint64 m_nextFetch = 1;
};

} // namespace pictures
} // namespace lanpigeon
