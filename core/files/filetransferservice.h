// File and folder offers over IPMsg: our TCP file server, offers out, offers in, downloads.
#pragma once

#include "common/transferresult.h"
#include "files/filedownload.h"
#include "files/fileoffer.h"
#include "files/fileupload.h"
#include "files/offerregistry.h"
#include "nodeconfig.h"

#include <QAbstractSocket>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

namespace lanpigeon {

class DiscoveryService;
class HistoryStore;
class KeyExchange;
class MessageService;
class RequestGate;
class TcpListener;
class TransferThreads;
class UdpTransport;
struct Peer;

// On the network thread (see NetworkNode): every method runs there, which it asserts.
class FileTransferService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileTransferService)

public:
    FileTransferService(UdpTransport *transport, DiscoveryService *discovery,
                        MessageService *messages, TransferThreads *threads,
                        const NodeConfig &config, QObject *parent = nullptr);
    ~FileTransferService() override;

    // Our key and the peers' pinned ones: fetches from peers that can are encrypted and signed
    // (ipmsg-extensions.md §1.7), and encrypted requests of theirs are checked against it.
    void setKeyRing(std::shared_ptr<crypto::KeyRing> keyRing) { m_keyRing = std::move(keyRing); }
    // Asked for a peer's key before a download from it that could be encrypted.
    void setKeyExchange(KeyExchange *keys);
    // Refuses plain download requests from now on.
    void setRequireEncryption(bool require) { m_config.requireEncryption = require; }
    // Makes job's requests signed and encrypted, and its data encrypted, when the peer at its
    // address announced CAPFILEENCOPT, we hold its key and encryption is on; plain otherwise.
    void secureJob(FileDownload::Job &job);

    // Listens on TCP at the same address and port as UDP.
    bool open(QString *error);
    // Why open() failed.
    QAbstractSocket::SocketError listenError() const;
    // Closes every listener and stops every transfer.
    void close();
    // A listener bound at address:port for switchTo(), or null with error and why set; nothing
    // of ours changes either way.
    static std::unique_ptr<TcpListener> bind(const QHostAddress &address, quint16 port,
                                             QString *error, QAbstractSocket::SocketError *why);
    // Serves from listener, bound at address:port, from now on. Peers fetch an offer from the
    // port it was made from, so the listener before stays open until the offers made while it
    // was ours have ended; retiredClosed() says when it is gone. Running transfers go on.
    void switchTo(std::unique_ptr<TcpListener> listener, const QHostAddress &address, quint16 port);
    // Lets go of the port, for a switchTo() a listener at the same port; transfers go on.
    void closeListener();
    bool hasRetired() const { return !m_retired.isEmpty(); }
    // Names in offers and folder streams to legacy peers, from the next one on.
    void setLegacyCodec(const QByteArray &codec) { m_config.legacyCodec = codec; }

    // Where an offer's files are kept while it may still go (a queued offer goes after a
    // restart with them); none: offers to persons offline are queued without their files.
    void setHistory(HistoryStore *history) { m_history = history; }
    // Offers files and folders to peers; their fetches are served until done or released.
    // Recipients who are offline get it from the offline queue when they are back.
    void offer(const QString &offerId, const QStringList &peerIds, const QStringList &paths,
               const QString &message);
    // What became of a queued message given to sendQueued().
    enum class QueuedOffer
    {
        // Not a file offer (no files kept for it): it goes as a message does.
        NotAnOffer,
        // Offered anew, with a new packet number.
        Offered,
        // A file or folder of it is gone; nothing was offered (see *error).
        Missing,
    };
    QueuedOffer sendQueued(const QString &offerId, const QString &peerId, const QString &message,
                           QString *error);
    // Withdraws the offer and cuts off its fetches under way; offerFinished() follows once
    // they have stopped.
    void cancelOffer(const QString &offerId);
    void accept(const OfferId &offerId, const QString &targetDir);
    void reject(const OfferId &offerId);
    void cancelTransfer(const TransferId &transferId);
    // Starts a finished download of an offer still known again, as a new transfer that
    // resumes from its .part file where the peer allows; false if it cannot be retried.
    bool retry(const TransferId &transferId);

    // Serves the pictures of a message of ours (Clipboard entries, GETFILEDATA only) to its
    // recipients until each fetched them all or shareMs passed; these uploads stay out of the
    // transfer list.
    void sharePictures(quint64 packetNo, const QList<SharedItem> &items,
                       const QList<QHostAddress> &recipients, int shareMs);
    // Pushes a chat picture to an iptux peer its own way (one TCP connection per picture);
    // iptuxPicturePushed() tells how it went.
    TransferId pushIptuxPicture(const QHostAddress &address, quint16 port, const QByteArray &bytes);

    int pendingIncoming() const { return int(m_incoming.size()); }
    OfferRegistry &registry() { return m_registry; }

signals:
    void offerReceived(const lanpigeon::FileOffer &offer);
    void offerFailed(const QString &offerId, const QString &error);
    // offer() made the offer of items (their names and sizes, a folder's counted), before its
    // messages are stored.
    void offerMade(const QString &offerId, const QList<lanpigeon::OfferItem> &items);
    // All recipients fetched everything or released it.
    void offerFinished(const QString &offerId, lanpigeon::OfferOutcome outcome);
    // No recipient will fetch the pictures shared by sharePictures() any more: all fetched,
    // released, or their time is up.
    void picturesShared(quint64 packetNo);
    // offerId: the incoming offer a download belongs to; invalid for uploads.
    void transferAdded(const lanpigeon::TransferId &id, lanpigeon::TransferDirection direction,
                       const QString &peer, const QString &name, quint64 size,
                       const lanpigeon::OfferId &offerId);
    void transferStarted(const lanpigeon::TransferId &id, const QString &path, quint64 size,
                         quint64 done);
    void transferProgress(const lanpigeon::TransferId &id, quint64 done, quint64 total);
    // Cancelled when cancelTransfer() or close() asked for the end.
    void transferFinished(const lanpigeon::TransferResult &result);
    // An iptux picture push from a known peer began; iptuxPictureReceived() follows.
    void iptuxPictureArriving(const lanpigeon::TransferId &id, const QHostAddress &peer);
    // bytes: the whole picture, unchecked, when ok; error says why not, for the user.
    void iptuxPictureReceived(const lanpigeon::TransferId &id, const QHostAddress &peer, bool ok,
                              const QByteArray &bytes, const QString &error);
    void iptuxPicturePushed(const lanpigeon::TransferId &id, bool ok, const QString &error);
    // A download request refused for its security (unsigned, replayed, not ours...); nothing
    // was served. who: "user@host" as the request named itself.
    void requestRefused(const QString &who, const QHostAddress &peer,
                        lanpigeon::RequestRefusal reason);
    // The last listener switchTo() kept for older offers is closed.
    void retiredClosed();

private:
    void incomingConnection(qintptr descriptor);
    // Closes the retired listeners whose offers have all ended.
    void closeIdleRetired();
    void receiveIptuxPicture(const TransferId &connection, int descriptor, const QHostAddress &peer,
                             const QByteArray &head);
    void handleOffer(const FileOffer &offer);
    void handlePacket(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void itemFetched(quint64 packetNo, const QHostAddress &peer, quint32 fileId, bool offerDone);
    QString offerIdFor(quint64 packetNo) const;
    // Sends items to those of peerIds online; the others wait in the offline queue.
    void sendOffer(const QString &offerId, const QStringList &peerIds,
                   const QList<SharedItem> &items, const QString &message);
    // A recipient of one of our offers went back to the queue: it fetches under the packet
    // number its offer goes with later, not this one.
    void requeued(const QString &offerId, const QString &peerId);
    void retireFiles(const QString &offerId);
    // Forgets the cancel it reports.
    TransferResult resultOf(const TransferId &id, bool ok, const QString &error,
                            const QString &path);
    // Uploads of this offer still running.
    int uploadsOf(quint64 packetNo) const;
    void startDownload(const FileOffer &offer, const OfferItem &item, const QString &targetDir);
    // Runs go once we hold the key of the peer at address, if it can encrypt files and its key
    // is on the way (an offer may come before its answer); at once otherwise.
    void whenKeyed(const QHostAddress &address, std::function<void()> go);
    void runKeyWaits(const QString &peerId);
    void launchDownload(const FileDownload::Job &job);
    // Names in offer lists and folder streams: UTF-8, or the peer's legacy code page.
    QByteArray nameCodecFor(const Peer *peer) const;

    UdpTransport *m_transport;
    DiscoveryService *m_discovery;
    MessageService *m_messages;
    TransferThreads *m_threads;
    NodeConfig m_config;
    std::shared_ptr<crypto::KeyRing> m_keyRing;
    KeyExchange *m_keys = nullptr;
    // Downloads waiting for a peer's key, by peer id.
    QHash<QString, QList<std::function<void()>>> m_keyWaits;
    // One per peer (by key id) our encrypted downloads come from.
    QHash<QString, std::shared_ptr<RequestGate>> m_requestGates;
    TcpListener *m_listener;
    // Listeners we served from before switchTo(), each with the offers made while it was ours
    // that have not ended yet.
    struct Retired
    {
        TcpListener *listener = nullptr;
        QSet<quint64> offers;
    };
    QList<Retired> m_retired;
    OfferRegistry m_registry;
    HistoryStore *m_history = nullptr;
    // Offer id -> the packet numbers it went with (one per sending: queued recipients get it
    // later with a new number).
    QMultiHash<QString, quint64> m_outgoing;
    // Recipients of the offer being sent now that went to the queue instead.
    QString m_sending;
    QStringList m_sentToQueue;
    QHash<OfferId, FileOffer> m_incoming;
    QHash<TransferId, QPointer<QObject>> m_workers;
    QSet<TransferId> m_cancelled;
    // Running upload -> the packet number of the offer it serves.
    QHash<TransferId, quint64> m_uploadOffers;
    // Offers we withdrew; those still waiting for their uploads to stop, by packet number.
    QSet<quint64> m_withdrawn;
    QHash<quint64, QString> m_withdrawing;
    // Packet numbers of messages whose pictures we serve, and the uploads serving them.
    QSet<quint64> m_pictureShares;
    QSet<TransferId> m_pictureUploads;
    struct DownloadOrigin
    {
        OfferId offerId;
        quint32 fileId = 0;
        QString targetDir;
    };
    QHash<TransferId, DownloadOrigin> m_downloads;
    quint64 m_nextTransfer = 1;
    // iptux picture pushes being received: each holds up to the picture limit in memory.
    int m_pictureReceives = 0;
};

} // namespace lanpigeon
