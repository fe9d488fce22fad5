#include "files/filetransferservice.h"

#include "common/threadcheck.h"
#include "crypto/cryptocodec.h"
#include "crypto/keyring.h"
#include "files/fileslog.h"
#include "files/iptuxpicturereceive.h"
#include "files/iptuxpicturesend.h"
#include "files/requestgate.h"
#include "files/tcplistener.h"
#include "files/transferthreads.h"
#include "history/historystore.h"
#include "ipmsg/filelistcodec.h"
#include "ipmsg/iptuxpicture.h"
#include "ipmsg/textcodec.h"
#include "messaging/discoveryservice.h"
#include "messaging/keyexchange.h"
#include "messaging/messageservice.h"
#include "messaging/peer.h"
#include "messaging/udptransport.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QThread>
#include <QTimer>

#include <algorithm>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace lanpigeon {

using namespace ipmsg;

namespace {

// iptux pictures are taken in whole into memory: this many at once at most.
constexpr int MaxPictureReceives = 8;
// A download waits this long at most for the key of a peer that can encrypt, then goes plain.
constexpr int KeyWaitMs = 10000;

quint64 folderSize(const QString &path)
{
    quint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += quint64(it.fileInfo().size());
    }
    return total;
}

} // namespace

FileTransferService::FileTransferService(UdpTransport *transport, DiscoveryService *discovery,
                                         MessageService *messages, TransferThreads *threads,
                                         const NodeConfig &config, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_discovery(discovery)
    , m_messages(messages)
    , m_threads(threads)
    , m_config(config)
    , m_listener(new TcpListener(this))
{
    connect(m_listener, &TcpListener::accepted, this, &FileTransferService::incomingConnection);
    connect(m_messages, &MessageService::offerReceived, this, &FileTransferService::handleOffer);
    // Queued: a refusal comes from inside offer(), before the offer is recorded.
    connect(
        m_messages, &MessageService::messageStateChanged, this,
        [this](const QString &messageId, const QString &, DeliveryState, const QString &error,
               Failure failure) {
            if (failure == Failure::NotEncrypted && m_outgoing.contains(messageId))
                emit offerFailed(messageId, error);
        },
        Qt::QueuedConnection);
    // Direct: a recipient queued inside send() is known before the offer is registered.
    connect(m_messages, &MessageService::messageStateChanged, this,
            [this](const QString &messageId, const QString &peerId, DeliveryState state) {
                if (state == DeliveryState::Queued)
                    requeued(messageId, peerId);
            });
    connect(m_transport, &UdpTransport::packetReceived, this, &FileTransferService::handlePacket);
    // Queued: an offer ends in the registry before the signal, but an upload's end may come
    // from inside a call that is still changing it.
    connect(this, &FileTransferService::offerFinished, this, &FileTransferService::closeIdleRetired,
            Qt::QueuedConnection);
    connect(this, &FileTransferService::picturesShared, this,
            &FileTransferService::closeIdleRetired, Qt::QueuedConnection);
}

FileTransferService::~FileTransferService() = default;

namespace {

bool listenOn(TcpListener *listener, const QHostAddress &address, quint16 port, QString *error)
{
    if (listener->listen(address, port))
        return true;
    if (error)
        *error = FileTransferService::tr("cannot listen on TCP %1:%2: %3")
                     .arg(address.toString())
                     .arg(port)
                     .arg(listener->errorString());
    return false;
}

} // namespace

bool FileTransferService::open(QString *error)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    return listenOn(m_listener, m_config.bindAddress, m_config.port, error);
}

std::unique_ptr<TcpListener> FileTransferService::bind(const QHostAddress &address, quint16 port,
                                                       QString *error,
                                                       QAbstractSocket::SocketError *why)
{
    auto listener = std::make_unique<TcpListener>();
    if (listenOn(listener.get(), address, port, error))
        return listener;
    if (why)
        *why = listener->serverError();
    return nullptr;
}

void FileTransferService::switchTo(std::unique_ptr<TcpListener> listener,
                                   const QHostAddress &address, quint16 port)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_retired.append({m_listener, m_registry.packetNumbers()});
    m_listener = listener.release();
    m_listener->setParent(this);
    connect(m_listener, &TcpListener::accepted, this, &FileTransferService::incomingConnection);
    m_config.bindAddress = address;
    m_config.port = port;
    closeIdleRetired();
}

void FileTransferService::closeListener()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_listener->close();
}

void FileTransferService::closeIdleRetired()
{
    if (m_retired.isEmpty())
        return;
    const QSet<quint64> open = m_registry.packetNumbers();
    for (auto it = m_retired.begin(); it != m_retired.end();) {
        it->offers.intersect(open);
        if (!it->offers.isEmpty()) {
            ++it;
            continue;
        }
        qCInfo(lcFiles, "closed TCP port %u: the offers made from it have ended",
               it->listener->serverPort());
        delete it->listener;
        it = m_retired.erase(it);
    }
    if (m_retired.isEmpty())
        emit retiredClosed();
}

QAbstractSocket::SocketError FileTransferService::listenError() const
{
    return m_listener->serverError();
}

void FileTransferService::close()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_listener->close();
    for (const Retired &retired : std::as_const(m_retired))
        delete retired.listener;
    m_retired.clear();
    const QList<TransferId> ids = m_workers.keys();
    for (const TransferId &id : ids)
        cancelTransfer(id);
}

QByteArray FileTransferService::nameCodecFor(const Peer *peer) const
{
    if (!peer || peer->takesUtf8)
        return QByteArrayLiteral("UTF-8");
    return text::legacyCodecFor(peer->kind, m_config.legacyCodec);
}

QString FileTransferService::offerIdFor(quint64 packetNo) const
{
    for (auto it = m_outgoing.constBegin(); it != m_outgoing.constEnd(); ++it) {
        if (it.value() == packetNo)
            return it.key();
    }
    return {};
}

void FileTransferService::incomingConnection(qintptr descriptor)
{
    const TransferId id(TransferId::Kind::Upload, m_nextTransfer++);
    auto *upload = new FileUpload(id, int(descriptor), &m_registry);
    upload->setSecurity(m_keyRing, m_config.requireEncryption);
    // Folder streams name their entries in the same code page as the offer list did.
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        upload->setNameCodec(
            nameCodecFor(m_discovery->peerAt(QHostAddress(ntohl(addr.sin_addr.s_addr)))));
    QThread *thread = m_threads->next();
    upload->moveToThread(thread);
    connect(thread, &QThread::finished, upload, &QObject::deleteLater);
    connect(upload, &FileUpload::begun, this,
            [this](const TransferId &id, const QHostAddress &peer, const QString &path,
                   quint64 size, quint64 packetNo) {
                const Peer *p = m_discovery->peerAt(peer);
                m_uploadOffers.insert(id, packetNo);
                if (m_pictureShares.contains(packetNo)) {
                    m_pictureUploads.insert(id);
                    return;
                }
                emit transferAdded(id, TransferDirection::Upload,
                                   p ? p->displayName() : peer.toString(),
                                   QFileInfo(path).fileName(), size, OfferId());
                emit transferStarted(id, path, size, 0);
                // Authorized just before the offer was withdrawn: it must not run on.
                if (m_withdrawn.contains(packetNo))
                    cancelTransfer(id);
            });
    connect(upload, &FileUpload::progressed, this,
            [this](const TransferId &id, quint64 done, quint64 total) {
                if (!m_pictureUploads.contains(id))
                    emit transferProgress(id, done, total);
            });
    connect(upload, &FileUpload::finished, this,
            [this](const TransferId &id, bool ok, const QString &error) {
                m_workers.remove(id);
                const auto packetNo = m_uploadOffers.take(id);
                const TransferResult result = resultOf(id, ok, error, {});
                if (!m_pictureUploads.remove(id))
                    emit transferFinished(result);
                const auto withdrawing = m_withdrawing.constFind(packetNo);
                if (withdrawing == m_withdrawing.constEnd() || uploadsOf(packetNo) > 0)
                    return;
                const QString offerId = *withdrawing;
                m_withdrawing.erase(withdrawing);
                emit offerFinished(offerId, OfferOutcome::Cancelled);
            });
    connect(upload, &FileUpload::itemFetched, this, &FileTransferService::itemFetched);
    connect(upload, &FileUpload::refused, this,
            [this](const TransferId &, const QHostAddress &peer, const QString &who,
                   RequestRefusal reason) { emit requestRefused(who, peer, reason); });
    connect(upload, &FileUpload::iptuxPictureConnection, this,
            &FileTransferService::receiveIptuxPicture);
    m_workers.insert(id, upload);
    QMetaObject::invokeMethod(upload, &FileUpload::start);
}

void FileTransferService::receiveIptuxPicture(const TransferId &connection, int descriptor,
                                              const QHostAddress &peer, const QByteArray &head)
{
    m_workers.remove(connection);
    // Like iptux: the sender is whoever the connection comes from, and must be a known peer.
    const char *refusal = nullptr;
    if (!m_discovery->peerAt(peer))
        refusal = "from a host that is no known peer";
    else if (m_pictureReceives >= MaxPictureReceives)
        refusal = "while too many pictures are arriving";
    if (refusal) {
        qCInfo(lcFiles, "picture push from %s refused: %s", qPrintable(peer.toString()), refusal);
        const linger abort{1, 0};
        ::setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
        ::close(descriptor);
        return;
    }
    IptuxPictureReceive::Job job;
    job.id = TransferId(TransferId::Kind::Download, m_nextTransfer++);
    job.descriptor = descriptor;
    job.peer = peer;
    job.head = head;
    job.maxBytes = m_config.maxPictureBytes;
    job.idleTimeoutMs = m_config.transferIdleTimeoutMs;
    auto *receive = new IptuxPictureReceive(job);
    m_threads->adopt(receive);
    connect(receive, &IptuxPictureReceive::finished, this,
            [this](const TransferId &id, const QHostAddress &peer, bool ok, const QByteArray &bytes,
                   const QString &error) {
                m_workers.remove(id);
                --m_pictureReceives;
                m_cancelled.remove(id);
                emit iptuxPictureReceived(id, peer, ok, bytes, error);
            });
    ++m_pictureReceives;
    m_workers.insert(job.id, receive);
    emit iptuxPictureArriving(job.id, peer);
    QMetaObject::invokeMethod(receive, &IptuxPictureReceive::start);
}

TransferId FileTransferService::pushIptuxPicture(const QHostAddress &address, quint16 port,
                                                 const QByteArray &bytes)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    IptuxPictureSend::Job job;
    job.id = TransferId(TransferId::Kind::Upload, m_nextTransfer++);
    job.address = address;
    job.port = port;
    job.localAddress = m_config.bindAddress;
    job.header = buildIptuxPictureHeader(m_transport->makePacket(Iptux::PictureCommand, {}));
    job.bytes = bytes;
    job.idleTimeoutMs = m_config.transferIdleTimeoutMs;
    auto *send = new IptuxPictureSend(job);
    m_threads->adopt(send);
    connect(send, &IptuxPictureSend::finished, this,
            [this](const TransferId &id, bool ok, const QString &error) {
                m_workers.remove(id);
                m_cancelled.remove(id);
                emit iptuxPicturePushed(id, ok, error);
            });
    m_workers.insert(job.id, send);
    QMetaObject::invokeMethod(send, &IptuxPictureSend::start);
    return job.id;
}

void FileTransferService::itemFetched(quint64 packetNo, const QHostAddress &, quint32,
                                      bool offerDone)
{
    if (!offerDone)
        return;
    if (m_pictureShares.remove(packetNo)) {
        emit picturesShared(packetNo);
        return;
    }
    const QString offerId = offerIdFor(packetNo);
    m_outgoing.remove(offerId, packetNo);
    retireFiles(offerId);
    emit offerFinished(offerId, OfferOutcome::Fetched);
}

namespace {
QHostAddress addressOf(const QString &peerId)
{
    const int colon = int(peerId.lastIndexOf(QLatin1Char(':')));
    return QHostAddress(colon < 0 ? peerId : peerId.left(colon));
}
} // namespace

void FileTransferService::offer(const QString &offerId, const QStringList &peerIds,
                                const QStringList &paths, const QString &message)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    QList<SharedItem> items;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists() || (!info.isFile() && !info.isDir())) {
            emit offerFailed(offerId, tr("%1 is neither a file nor a folder").arg(path));
            return;
        }
        SharedItem item;
        item.fileId = quint32(items.size());
        item.path = info.absoluteFilePath();
        item.isDir = info.isDir();
        item.size = item.isDir ? folderSize(item.path) : quint64(info.size());
        item.mtime = info.lastModified().toSecsSinceEpoch();
        items.append(item);
    }
    // Before the rows: a queued row is never without its files, even after kill -9.
    if (m_history && !m_history->keepOfferFiles(offerId, items))
        qCWarning(lcFiles, "offer %s: its files not kept in history: %s", qPrintable(offerId),
                  qPrintable(m_history->lastError()));
    QList<OfferItem> made;
    for (const SharedItem &item : std::as_const(items))
        made.append(
            {item.fileId, QFileInfo(item.path).fileName(), item.size, item.mtime, item.isDir});
    emit offerMade(offerId, made);
    sendOffer(offerId, peerIds, items, message);
}

FileTransferService::QueuedOffer FileTransferService::sendQueued(const QString &offerId,
                                                                 const QString &peerId,
                                                                 const QString &message,
                                                                 QString *error)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const QList<SharedItem> items =
        m_history ? m_history->offerFiles(offerId) : QList<SharedItem>();
    if (items.isEmpty())
        return QueuedOffer::NotAnOffer;
    for (const SharedItem &item : items) {
        // Changed meanwhile is for the fetch to judge (the registry refuses a file whose size
        // or time differs); gone, or now of another kind, cannot be offered at all.
        const QFileInfo info(item.path);
        if (!info.exists() || info.isDir() != item.isDir || (!info.isDir() && !info.isFile())) {
            if (error)
                *error = tr("file no longer exists: %1").arg(item.path);
            return QueuedOffer::Missing;
        }
    }
    sendOffer(offerId, {peerId}, items, message);
    return QueuedOffer::Offered;
}

void FileTransferService::sendOffer(const QString &offerId, const QStringList &peerIds,
                                    const QList<SharedItem> &items, const QString &message)
{
    auto attachment = [this, items](const Peer &peer) {
        const QByteArray codec = nameCodecFor(&peer);
        QList<OfferedFile> files;
        for (const SharedItem &i : items) {
            OfferedFile f;
            f.id = i.fileId;
            f.name = text::encode(QFileInfo(i.path).fileName(), codec);
            f.size = i.size;
            f.mtime = i.mtime;
            f.attr = i.isDir ? FileAttr::Dir : FileAttr::Regular;
            f.ext.insert(FileAttr::MTimeKey, quint64(i.mtime));
            files.append(f);
        }
        return buildFileList(files);
    };
    m_sending = offerId;
    m_sentToQueue.clear();
    const quint64 packetNo = m_messages->send(offerId, peerIds, message, false, attachment);
    m_sending.clear();
    QList<QHostAddress> recipients;
    for (const QString &id : peerIds) {
        if (!m_sentToQueue.contains(id))
            recipients.append(addressOf(id));
    }
    if (recipients.isEmpty())
        return;
    m_registry.add(packetNo, items, recipients);
    m_outgoing.insert(offerId, packetNo);
}

void FileTransferService::requeued(const QString &offerId, const QString &peerId)
{
    if (offerId == m_sending) {
        m_sentToQueue.append(peerId);
        return;
    }
    const QList<quint64> packets = m_outgoing.values(offerId);
    for (const quint64 packetNo : packets) {
        if (m_registry.release(addressOf(peerId), packetNo))
            m_outgoing.remove(offerId, packetNo);
    }
}

void FileTransferService::retireFiles(const QString &offerId)
{
    if (m_history && !m_outgoing.contains(offerId) && !m_history->retireOfferFiles(offerId))
        qCWarning(lcFiles, "offer %s: its files stay in history: %s", qPrintable(offerId),
                  qPrintable(m_history->lastError()));
}

void FileTransferService::sharePictures(quint64 packetNo, const QList<SharedItem> &items,
                                        const QList<QHostAddress> &recipients, int shareMs)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_registry.add(packetNo, items, recipients);
    m_pictureShares.insert(packetNo);
    QTimer::singleShot(shareMs, this, [this, packetNo] {
        if (!m_pictureShares.remove(packetNo))
            return;
        m_registry.cancel(packetNo);
        emit picturesShared(packetNo);
    });
}

void FileTransferService::cancelOffer(const QString &offerId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const QList<quint64> packets = m_outgoing.values(offerId);
    if (packets.isEmpty())
        return;
    m_outgoing.remove(offerId);
    retireFiles(offerId);
    bool running = false;
    for (const quint64 packetNo : packets) {
        m_registry.cancel(packetNo);
        m_withdrawn.insert(packetNo);
        // Fetches under way are cut off too; the offer ends once their bytes stop, so nothing
        // says "cancelled" while the file still flows.
        for (auto u = m_uploadOffers.cbegin(); u != m_uploadOffers.cend(); ++u) {
            if (u.value() == packetNo)
                cancelTransfer(u.key());
        }
        if (uploadsOf(packetNo) > 0) {
            m_withdrawing.insert(packetNo, offerId);
            running = true;
        }
    }
    if (!running)
        emit offerFinished(offerId, OfferOutcome::Cancelled);
}

int FileTransferService::uploadsOf(quint64 packetNo) const
{
    return int(std::count(m_uploadOffers.cbegin(), m_uploadOffers.cend(), packetNo));
}

void FileTransferService::handleOffer(const FileOffer &offer)
{
    m_incoming.insert(offer.id(), offer);
    emit offerReceived(offer);
}

void FileTransferService::accept(const OfferId &offerId, const QString &targetDir)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const auto it = m_incoming.constFind(offerId);
    if (it == m_incoming.constEnd())
        return;
    // The offer stays known: accepting again retries, resuming what can be resumed.
    const FileOffer offer = *it;
    for (const OfferItem &item : offer.items)
        startDownload(offer, item, targetDir);
}

bool FileTransferService::retry(const TransferId &transferId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const auto it = m_downloads.constFind(transferId);
    if (it == m_downloads.constEnd() || m_workers.value(transferId))
        return false;
    const auto offer = m_incoming.constFind(it->offerId);
    if (offer == m_incoming.constEnd())
        return false;
    for (const OfferItem &item : offer->items) {
        if (item.fileId == it->fileId) {
            startDownload(*offer, item, it->targetDir);
            return true;
        }
    }
    return false;
}

void FileTransferService::startDownload(const FileOffer &offer, const OfferItem &item,
                                        const QString &targetDir)
{
    FileDownload::Job job;
    job.id = TransferId(TransferId::Kind::Download, m_nextTransfer++);
    job.address = offer.address;
    job.port = offer.port;
    job.request = m_transport->makePacket(item.isDir ? Mode::GetDirFiles : Mode::GetFileData, {});
    job.offerPacketNo = offer.packetNo;
    job.fileId = item.fileId;
    job.isDir = item.isDir;
    job.name = item.name;
    job.size = item.size;
    job.mtime = item.mtime;
    job.targetDir = targetDir;
    job.codec = offer.codec;
    job.canResume = offer.kind == ClientKind::LanPigeon || offer.kind == ClientKind::IpMsg;
    job.localAddress = m_config.bindAddress;
    job.idleTimeoutMs = m_config.transferIdleTimeoutMs;
    m_downloads.insert(job.id, {offer.id(), item.fileId, targetDir});
    emit transferAdded(job.id, TransferDirection::Download, offer.peerNick, item.name, item.size,
                       offer.id());
    whenKeyed(job.address, [this, job]() mutable {
        secureJob(job);
        launchDownload(job);
    });
}

void FileTransferService::launchDownload(const FileDownload::Job &job)
{
    qCInfo(lcFiles, "fetching %s from %s, %s", qPrintable(job.name),
           qPrintable(job.address.toString()), job.sealing ? "encrypted" : "in plain text");
    auto *download = FileDownload::onTransferThread(job, m_threads);
    connect(download, &FileDownload::begun, this, &FileTransferService::transferStarted);
    connect(download, &FileDownload::progressed, this, &FileTransferService::transferProgress);
    connect(download, &FileDownload::finished, this,
            [this](const TransferId &id, bool ok, const QString &error, const QString &path) {
                m_workers.remove(id);
                emit transferFinished(resultOf(id, ok, error, path));
            });
    m_workers.insert(job.id, download);
    QMetaObject::invokeMethod(download, &FileDownload::start);
}

void FileTransferService::setKeyExchange(KeyExchange *keys)
{
    m_keys = keys;
    connect(m_keys, &KeyExchange::keyArrived, this, &FileTransferService::runKeyWaits);
    connect(m_keys, &KeyExchange::keyFailed, this, &FileTransferService::runKeyWaits);
}

void FileTransferService::whenKeyed(const QHostAddress &address, std::function<void()> go)
{
    const Peer *peer = m_discovery->peerAt(address);
    if (!m_keys || !m_config.encryption || !peer || !peer->canEncryptFiles ||
        KeyExchange::hasKey(*peer)) {
        go();
        return;
    }
    const QString id = peer->id;
    m_keyWaits[id].append(std::move(go));
    m_keys->request(id);
    QTimer::singleShot(KeyWaitMs, this, [this, id] { runKeyWaits(id); });
}

void FileTransferService::runKeyWaits(const QString &peerId)
{
    const QList<std::function<void()>> waiting = m_keyWaits.take(peerId);
    for (const auto &go : waiting)
        go();
}

void FileTransferService::secureJob(FileDownload::Job &job)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    job.sealing.reset();
    const Peer *peer = m_discovery->peerAt(job.address);
    if (!m_config.encryption || !m_keyRing || !peer || !peer->canEncryptFiles)
        return;
    const crypto::RsaKey ours = m_keyRing->ourKey();
    // Only a key it showed in this run: a pin from an earlier one may be a key it has since
    // replaced, and a request sealed to that would be refused.
    if (!KeyExchange::hasKey(*peer))
        return;
    // Even a key that changed and nobody compared yet: the stream key is good for this one
    // fetch from that very peer, which has the file anyway, and plain text is readable by all.
    const crypto::RsaKey theirs = m_keyRing->keyAt(peer->id);
    if (ours.isNull() || theirs.isNull())
        return;
    // §1.7: RSA-2048, AES-256, PACKETNO_IV and a signature, or no encrypted request at all.
    const quint32 capa =
        crypto::chooseCapa(peer->cryptoCapa ? peer->cryptoCapa : crypto::Capa::Ours);
    constexpr quint32 needed =
        crypto::Capa::Rsa2048 | crypto::Capa::Aes256 | crypto::Capa::PacketNoIv;
    if ((capa & needed) != needed || !(capa & (crypto::Capa::SignSha1 | crypto::Capa::SignSha256)))
        return;
    UdpTransport *transport = m_transport;
    // The transport outlives the transfer threads (NetworkNode stops them first).
    std::shared_ptr<RequestGate> &gate = m_requestGates[peer->keyId];
    if (!gate)
        gate = std::make_shared<RequestGate>();
    job.sealing = FileDownload::Job::Sealing{
        theirs, ours, capa, [transport] { return transport->takePacketNo(); }, gate};
}

TransferResult FileTransferService::resultOf(const TransferId &id, bool ok, const QString &error,
                                             const QString &path)
{
    const bool cancelled = m_cancelled.remove(id);
    return {id, finalState(ok, cancelled), error, path};
}

void FileTransferService::reject(const OfferId &offerId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const auto it = m_incoming.constFind(offerId);
    if (it == m_incoming.constEnd())
        return;
    m_transport->send(
        m_transport->makePacket(Mode::ReleaseFiles, QByteArray::number(it->packetNo) + '\0'),
        it->address, it->port);
    m_incoming.erase(it);
}

void FileTransferService::cancelTransfer(const TransferId &transferId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    QObject *w = m_workers.value(transferId);
    if (w)
        m_cancelled.insert(transferId);
    if (auto *d = qobject_cast<FileDownload *>(w))
        QMetaObject::invokeMethod(d, &FileDownload::cancel);
    else if (auto *u = qobject_cast<FileUpload *>(w))
        QMetaObject::invokeMethod(u, &FileUpload::cancel);
    else if (auto *r = qobject_cast<IptuxPictureReceive *>(w))
        QMetaObject::invokeMethod(r, &IptuxPictureReceive::cancel);
    else if (auto *p = qobject_cast<IptuxPictureSend *>(w))
        QMetaObject::invokeMethod(p, &IptuxPictureSend::cancel);
}

void FileTransferService::handlePacket(const Packet &packet, const QHostAddress &from, quint16)
{
    if (packet.mode() != Mode::ReleaseFiles)
        return;
    const auto packetNo = referencedPacketNo(packet);
    if (!packetNo || !m_registry.release(from, *packetNo))
        return;
    if (m_pictureShares.remove(*packetNo)) {
        emit picturesShared(*packetNo);
        return;
    }
    const QString offerId = offerIdFor(*packetNo);
    m_outgoing.remove(offerId, *packetNo);
    retireFiles(offerId);
    emit offerFinished(offerId, OfferOutcome::Released);
}

} // namespace lanpigeon
