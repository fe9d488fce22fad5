// File and folder offers over IPMsg: our TCP file server, offers out, offers in, downloads.
#pragma once

#include "files/fileoffer.h"
#include "nodeconfig.h"
#include "files/offerregistry.h"

#include <QAbstractSocket>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace lanpigeon {

class DiscoveryService;
class FileDownload;
class FileUpload;
class MessageService;
class TcpListener;
class TransferThreads;
class UdpTransport;
struct Peer;

class FileTransferService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileTransferService)

public:
    FileTransferService(UdpTransport *transport, DiscoveryService *discovery,
                        MessageService *messages, TransferThreads *threads,
                        const NodeConfig &config, QObject *parent = nullptr);
    ~FileTransferService() override;

    // Listens on TCP at the same address and port as UDP.
    bool open(QString *error);
    // Why open() failed.
    QAbstractSocket::SocketError listenError() const;
    void close();

    // Offers files and folders to peers; their fetches are served until done or released.
    void offer(const QString &offerId, const QStringList &peerIds, const QStringList &paths,
               const QString &message);
    // Withdraws the offer and cuts off its fetches under way; offerFinished() follows once
    // they have stopped.
    void cancelOffer(const QString &offerId);
    void accept(const QString &offerId, const QString &targetDir);
    void reject(const QString &offerId);
    void cancelTransfer(const QString &transferId);
    // Starts a finished download of an offer still known again, as a new transfer that
    // resumes from its .part file where the peer allows; false if it cannot be retried.
    bool retry(const QString &transferId);

    int pendingIncoming() const { return int(m_incoming.size()); }
    OfferRegistry &registry() { return m_registry; }

signals:
    void offerReceived(const lanpigeon::FileOffer &offer);
    void offerFailed(const QString &offerId, const QString &error);
    // All recipients fetched everything or released it.
    void offerFinished(const QString &offerId, const QString &how);
    // offerId: the incoming offer a download belongs to; empty for uploads.
    void transferAdded(const QString &id, bool upload, const QString &peer, const QString &name,
                       quint64 size, const QString &offerId);
    void transferStarted(const QString &id, const QString &path, quint64 size, quint64 done);
    void transferProgress(const QString &id, quint64 done, quint64 total);
    // cancelled: ended because cancelTransfer() or close() asked it to.
    void transferFinished(const QString &id, bool ok, const QString &error, const QString &path,
                          bool cancelled);

private:
    void incomingConnection(qintptr descriptor);
    void handleOffer(const FileOffer &offer);
    void handlePacket(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void itemFetched(quint64 packetNo, const QHostAddress &peer, quint32 fileId, bool offerDone);
    QString offerIdFor(quint64 packetNo) const;
    // Uploads of this offer still running.
    int uploadsOf(quint64 packetNo) const;
    void startDownload(const FileOffer &offer, const OfferItem &item, const QString &targetDir);
    // Names in offer lists and folder streams: UTF-8, or the peer's legacy code page.
    QByteArray nameCodecFor(const Peer *peer) const;

    UdpTransport *m_transport;
    DiscoveryService *m_discovery;
    MessageService *m_messages;
    TransferThreads *m_threads;
    NodeConfig m_config;
    TcpListener *m_listener;
    OfferRegistry m_registry;
    QHash<QString, quint64> m_outgoing;
    QHash<QString, FileOffer> m_incoming;
    QHash<QString, QPointer<QObject>> m_workers;
    QSet<QString> m_cancelled;
    // Running upload -> the packet number of the offer it serves.
    QHash<QString, quint64> m_uploadOffers;
    // Offers we withdrew; those still waiting for their uploads to stop, by packet number.
    QSet<quint64> m_withdrawn;
    QHash<quint64, QString> m_withdrawing;
    struct DownloadOrigin
    {
        QString offerId;
        quint32 fileId = 0;
        QString targetDir;
    };
    QHash<QString, DownloadOrigin> m_downloads;
    quint64 m_nextTransfer = 1;
};

} // namespace lanpigeon
