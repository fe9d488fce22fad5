#include "pictures/pictureservice.h"

#include "common/clock.h"
#include "common/threadcheck.h"
#include "files/filedownload.h"
#include "files/filetransferservice.h"
#include "files/transferthreads.h"
#include "history/historystore.h"
#include "ipmsg/filelistcodec.h"
#include "messaging/messageservice.h"
#include "messaging/peer.h"
#include "messaging/udptransport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QThread>

namespace lanpigeon::pictures {

using namespace ipmsg;

namespace {

// A stored picture as a file of an ordinary offer, named by its place and format.
OfferedFile pictureFile(const SharedItem &item, int number, Format format)
{
    OfferedFile f;
    f.id = item.fileId;
    f.name = "picture-" + QByteArray::number(number) + '.' + extensionOf(format);
    f.size = item.size;
    f.mtime = item.mtime;
    f.attr = FileAttr::Regular;
    f.ext.insert(FileAttr::MTimeKey, quint64(item.mtime));
    return f;
}

} // namespace

PictureService::PictureService(UdpTransport *transport, MessageService *messages,
                               FileTransferService *files, TransferThreads *threads,
                               HistoryStore *history, const NodeConfig &config, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_messages(messages)
    , m_files(files)
    , m_threads(threads)
    , m_history(history)
    , m_config(config)
    , m_store(config.profileDir, config.maxPictureBytes)
{
    connect(m_messages, &MessageService::picturesOffered, this, &PictureService::fetchAll);
    connect(m_files, &FileTransferService::picturesShared, this, [this](quint64 packetNo) {
        const QString messageId = m_shares.take(packetNo);
        if (!messageId.isEmpty())
            served(messageId);
    });
    connect(m_files, &FileTransferService::iptuxPictureArriving, this,
            &PictureService::pushArriving);
    connect(m_files, &FileTransferService::iptuxPictureReceived, this,
            [this](const TransferId &id, const QHostAddress &, bool ok, const QByteArray &bytes,
                   const QString &error) { pushReceived(id, ok, bytes, error); });
    connect(m_files, &FileTransferService::iptuxPicturePushed, this,
            [this](const TransferId &id, bool, const QString &) {
                const QString messageId = m_pushesOut.take(id);
                if (!messageId.isEmpty())
                    served(messageId);
            });
}

PictureService::~PictureService() = default;

void PictureService::send(const QString &messageId, const QStringList &peerIds, const QString &text,
                          bool sealed, const QList<OutgoingPicture> &pictures)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    QList<OutgoingPicture> sorted = pictures;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.position < b.position; });
    // IP Messenger numbers its clipboard files from a random base, in decimal.
    const quint32 base = QRandomGenerator::global()->bounded(1u, 0x3fff0000u);
    const qint64 mtime = clock::wallMs() / 1000;
    QList<ChatPicture> shown;
    QList<QByteArray> pushed;
    QList<SharedItem> items;
    QList<OfferedFile> entries;
    QList<OfferedFile> files;
    // For those: the place in the text of each, since each earlier picture counts one.
    QList<qsizetype> places;
    for (const OutgoingPicture &p : std::as_const(sorted)) {
        ChatPicture picture;
        picture.position = std::max(0, p.position);
        QString error;
        if (const auto stored = m_store.put(p.bytes, &error)) {
            picture.sha256 = stored->sha256;
            picture.state = PictureState::Ready;
            SharedItem item;
            item.fileId = base + quint32(items.size());
            item.path = stored->path;
            item.size = quint64(p.bytes.size());
            item.mtime = mtime;
            items.append(item);
            pushed.append(p.bytes);
            entries.append(clipboardEntry(item.fileId, base, picture.position, item.size, mtime,
                                          extensionOf(stored->format)));
            files.append(pictureFile(item, int(files.size()) + 1, stored->format));
            places.append(std::clamp<qsizetype>(picture.position - shown.size(), 0, text.size()));
        } else {
            picture.state = PictureState::Failed;
            picture.error = error;
        }
        shown.append(picture);
    }
    // Where each picture was, for peers that get them as files: from the last, so the places
    // of the earlier ones stay where they were.
    QString noted = text;
    for (qsizetype i = files.size() - 1; i >= 0; --i)
        noted.insert(places.at(i), tr("[picture: %1]").arg(QString::fromLatin1(files.at(i).name)));
    // Neither Clipboard entries nor iptux's own pushes (FeiQ, older IP Messengers, unknown
    // clients): the pictures go as an ordinary file offer, so nothing is lost.
    auto asFiles = [&entries](const Peer &peer) {
        return !entries.isEmpty() && !peer.takesClipboard && peer.kind != ClientKind::Iptux;
    };
    QList<QHostAddress> recipients;
    QList<QPair<QHostAddress, quint16>> iptuxPeers;
    auto attachment = [&recipients, &entries, &files, &asFiles, &iptuxPeers](const Peer &peer) {
        if (asFiles(peer)) {
            recipients.append(peer.address);
            return buildFileList(files);
        }
        // iptux 0.8.3 stops reading a list at an entry of a type it does not know: it gets its
        // own picture pushes instead.
        if (!entries.isEmpty() && peer.kind == ClientKind::Iptux && !peer.address.isNull())
            iptuxPeers.append({peer.address, peer.port});
        if (entries.isEmpty() || !peer.takesClipboard || peer.kind == ClientKind::Iptux)
            return QByteArray();
        recipients.append(peer.address);
        return buildFileList(entries);
    };
    auto textFor = [&text, &noted, &asFiles](const Peer &peer) {
        return asFiles(peer) ? noted : text;
    };
    const quint64 packetNo =
        m_messages->send(messageId, peerIds, text, sealed, attachment, shown, textFor);
    // Served once the share and every push are done; the extra one is this call's own.
    m_serving[messageId] += 1;
    for (const auto &[address, port] : std::as_const(iptuxPeers)) {
        // iptux shows each picture as a chat item of its own, after the text.
        for (const QByteArray &bytes : std::as_const(pushed)) {
            m_pushesOut.insert(m_files->pushIptuxPicture(address, port, bytes), messageId);
            m_serving[messageId] += 1;
        }
    }
    if (!recipients.isEmpty()) {
        m_shares.insert(packetNo, messageId);
        m_serving[messageId] += 1;
        m_files->sharePictures(packetNo, items, recipients, m_config.pictureShareMs);
    }
    served(messageId);
}

void PictureService::served(const QString &messageId)
{
    const auto it = m_serving.find(messageId);
    if (it != m_serving.end() && --*it > 0)
        return;
    if (it != m_serving.end())
        m_serving.erase(it);
    emit picturesServed(messageId);
}

void PictureService::pushArriving(const TransferId &id, const QHostAddress &peer)
{
    const std::optional<ChatMessage> m = m_messages->receivePushedPicture(peer);
    if (m)
        m_pushesIn.insert(id, {m->id, m->peerId, 0, m->pictures.at(0)});
}

void PictureService::pushReceived(const TransferId &id, bool ok, const QByteArray &bytes,
                                  const QString &error)
{
    const auto it = m_pushesIn.constFind(id);
    if (it == m_pushesIn.constEnd())
        return;
    const Fetch fetch = *it;
    m_pushesIn.erase(it);
    if (!ok) {
        ChatPicture failed = fetch.picture;
        failed.state = PictureState::Failed;
        failed.error = tr("picture not received: %1").arg(error);
        settle(fetch, failed);
        return;
    }
    // Checked, hashed and stored on a transfer thread, as fetched pictures are.
    auto *worker = new QObject;
    m_threads->adopt(worker);
    QMetaObject::invokeMethod(worker, [this, worker, store = m_store, fetch, bytes] {
        const ChatPicture result = PictureService::keep(store, fetch.picture, bytes);
        QMetaObject::invokeMethod(this, [this, fetch, result] { settle(fetch, result); });
        worker->deleteLater();
    });
}

void PictureService::resend(const QString &messageId, const QString &peerId, const QString &text,
                            bool sealed)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    QList<OutgoingPicture> pictures;
    if (const std::optional<ChatMessage> stored = m_history->find(messageId)) {
        for (const ChatPicture &p : stored->pictures) {
            QFile file(m_store.path(p.sha256));
            if (p.state == PictureState::Ready && file.open(QIODevice::ReadOnly))
                pictures.append({p.position, file.read(m_store.maxBytes() + 1)});
        }
    }
    if (pictures.isEmpty())
        m_messages->send(messageId, {peerId}, text, sealed);
    else
        send(messageId, {peerId}, text, sealed, pictures);
}

void PictureService::fetchAll(const ChatMessage &message, const FileOffer &offer)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    for (int i = 0; i < offer.items.size() && i < message.pictures.size(); ++i) {
        // Refused on arrival (too many in one message): nothing to fetch.
        if (message.pictures.at(i).state != PictureState::Arriving)
            continue;
        const OfferItem &item = offer.items.at(i);
        Fetch fetch{message.id, message.peerId, i, message.pictures.at(i)};
        if (qint64(item.size) > m_store.maxBytes()) {
            ChatPicture failed = fetch.picture;
            failed.state = PictureState::Failed;
            failed.error = tr("picture too large: %1 bytes, at most %2")
                               .arg(item.size)
                               .arg(m_store.maxBytes());
            settle(fetch, failed);
            continue;
        }
        FileDownload::Job job;
        job.id = TransferId(TransferId::Kind::Download, m_nextFetch++);
        job.address = offer.address;
        job.port = offer.port;
        job.request = m_transport->makePacket(Mode::GetFileData, {});
        job.offerPacketNo = offer.packetNo;
        job.fileId = item.fileId;
        job.name = QStringLiteral("picture-%1").arg(job.id.serial());
        job.size = item.size;
        job.mtime = item.mtime;
        // Each fetch its own folder: nothing of one can be taken for another's.
        job.targetDir = QDir(m_store.tempDir()).filePath(QString::number(job.id.serial()));
        job.canResume = offer.kind == ClientKind::LanPigeon || offer.kind == ClientKind::IpMsg;
        job.localAddress = m_config.bindAddress;
        job.idleTimeoutMs = m_config.transferIdleTimeoutMs;
        // Fetched encrypted like any file when the peer can (iptux pushes stay plain).
        m_files->secureJob(job);
        if (m_waiting.size() >= size_t(MaxWaiting)) {
            ChatPicture failed = fetch.picture;
            failed.state = PictureState::Failed;
            failed.error =
                tr("too many pictures arriving: more than %1 wait to be fetched").arg(MaxWaiting);
            settle(fetch, failed);
            continue;
        }
        m_waiting.emplace_back(fetch, job);
    }
    startWaiting();
}

void PictureService::startWaiting()
{
    while (m_fetches.size() < MaxInFlight && !m_waiting.empty()) {
        const auto [fetch, job] = m_waiting.front();
        m_waiting.pop_front();
        start(fetch, job);
    }
}

void PictureService::start(const Fetch &fetch, const FileDownload::Job &job)
{
    auto *download = FileDownload::onTransferThread(job, m_threads);
    // Checked, hashed and stored on the transfer thread, where the bytes are: the network
    // thread only learns the outcome. The service outlives the transfer threads.
    connect(download, &FileDownload::finished, download,
            [this, store = m_store, picture = fetch.picture, dir = job.targetDir](
                const TransferId &id, bool ok, const QString &error, const QString &path) {
                const ChatPicture result = check(store, picture, ok, error, path);
                QDir(dir).removeRecursively();
                QMetaObject::invokeMethod(this, [this, id, result] { fetched(id, result); });
            });
    m_fetches.insert(job.id, fetch);
    QMetaObject::invokeMethod(download, &FileDownload::start);
}

ChatPicture PictureService::check(const PictureStore &store, ChatPicture picture, bool ok,
                                  const QString &error, const QString &path)
{
    picture.state = PictureState::Failed;
    if (!ok) {
        picture.error = tr("picture not fetched: %1").arg(error);
        return picture;
    }
    QFile file(path);
    // The download stops at the offered size, which was checked against the limit.
    if (!file.open(QIODevice::ReadOnly)) {
        picture.error = tr("cannot read the fetched picture: %1").arg(file.errorString());
        return picture;
    }
    return PictureService::keep(store, picture, file.read(store.maxBytes() + 1));
}

ChatPicture PictureService::keep(const PictureStore &store, ChatPicture picture,
                                 const QByteArray &bytes)
{
    QString why;
    if (const auto stored = store.put(bytes, &why)) {
        picture.state = PictureState::Ready;
        picture.sha256 = stored->sha256;
        picture.error.clear();
    } else {
        picture.state = PictureState::Failed;
        picture.error = why;
    }
    return picture;
}

void PictureService::fetched(const TransferId &id, const ChatPicture &picture)
{
    const auto it = m_fetches.constFind(id);
    if (it == m_fetches.constEnd())
        return;
    const Fetch fetch = *it;
    m_fetches.erase(it);
    settle(fetch, picture);
    startWaiting();
}

void PictureService::settle(const Fetch &fetch, const ChatPicture &picture)
{
    m_history->updatePicture(fetch.messageId, fetch.peerId, fetch.index, picture);
    emit pictureChanged(fetch.messageId, fetch.peerId, fetch.index, picture);
}

} // namespace lanpigeon::pictures
