#include "files/fileupload.h"

#include "common/clock.h"
#include "common/threadcheck.h"
#include "crypto/cryptocodec.h"
#include "crypto/ctrstream.h"
#include "crypto/keyring.h"
#include "files/fileslog.h"
#include "ipmsg/filelistcodec.h"
#include "ipmsg/ipmsgcodec.h"
#include "ipmsg/iptuxpicture.h"
#include "ipmsg/textcodec.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

namespace lanpigeon {

using namespace ipmsg;

namespace {

constexpr int MaxRequest = 8192;
constexpr int RequestTimeoutMs = 10000;
constexpr size_t SendChunk = 4 * 1024 * 1024;
// Read, encrypted in place and sent in one piece: small enough to stay in the CPU's cache
// between the three.
constexpr qsizetype EncryptChunk = 256 * 1024;
// After the last byte, the receiver's close is awaited while the bytes still in flight keep
// being acknowledged; it fails only if they stop moving this long. On a lossy link TCP may
// need minutes for the last megabytes of a large send buffer.
constexpr int DrainTimeoutMs = 30000;
constexpr int DrainPollMs = 1000;

QByteArray dirHeader(const QByteArray &name, quint64 size, quint32 attr, qint64 mtime)
{
    // Like IP Messenger and iptux: "%04x:name:size:attr:14=mtime:16=ctime:", length included.
    const QByteArray mt = QByteArray::number(mtime, 16);
    const QByteArray body = ':' + escapeName(name) + ':' + QByteArray::number(size, 16) + ':' +
                            QByteArray::number(attr, 16) + ":14=" + mt + ":16=" + mt + ':';
    return QByteArray::number(body.size() + 4, 16).rightJustified(4, '0') + body;
}

QFileInfoList listing(const QString &dir)
{
    // Symlinks are not followed: an offered folder cannot leak what it points to.
    return QDir(dir).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden |
                                       QDir::System | QDir::NoSymLinks,
                                   QDir::Name | QDir::DirsLast);
}

} // namespace

FileUpload::FileUpload(const TransferId &id, int descriptor, OfferRegistry *registry,
                       QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_fd(descriptor)
    , m_registry(registry)
    , m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        if (m_draining) {
            int inFlight = 0;
            ::ioctl(m_fd, SIOCOUTQ, &inFlight);
            const qint64 now = clock::monotonicMs();
            if (inFlight < m_inFlight) {
                m_inFlight = inFlight;
                m_drainMovedMs = now;
            }
            if (now - m_drainMovedMs < DrainTimeoutMs) {
                m_timeout->start(DrainPollMs);
                return;
            }
            finish(
                false,
                tr("%1 did not close the connection after the last byte").arg(m_peer.toString()));
            return;
        }
        // A request without its terminating NUL: try what we have.
        if (!m_request.isEmpty() && m_item.path.isEmpty())
            handleRequest(m_request);
        else
            finish(false, tr("no request within %1 s").arg(RequestTimeoutMs / 1000));
    });
}

FileUpload::~FileUpload()
{
    if (m_file >= 0)
        ::close(m_file);
    if (m_fd >= 0)
        ::close(m_fd);
}

void FileUpload::setSecurity(std::shared_ptr<crypto::KeyRing> keyRing, bool requireEncryption)
{
    m_keyRing = std::move(keyRing);
    m_requireEncryption = requireEncryption;
}

void FileUpload::start()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(m_fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        m_peer = QHostAddress(reinterpret_cast<sockaddr *>(&addr));
    m_peer = QHostAddress(m_peer.toIPv4Address());
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &FileUpload::readRequest);
    m_timeout->start(RequestTimeoutMs);
}

void FileUpload::cancel()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    finish(false, tr("cancelled"));
}

void FileUpload::drain()
{
    char buf[4096];
    for (;;) {
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n > 0)
            continue;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n < 0) {
            // A receiver that failed (disk full, cancelled) resets instead of closing.
            finish(false,
                   tr("%1 aborted the transfer: %2")
                       .arg(m_peer.toString(), QString::fromLocal8Bit(std::strerror(errno))));
            return;
        }
        // An orderly close after the last byte: the receiver has it all.
        const bool offerDone = m_registry->markFetched(m_peer, m_packetNo, m_item.fileId);
        emit itemFetched(m_packetNo, m_peer, m_item.fileId, offerDone);
        finish(true);
        return;
    }
}

void FileUpload::readRequest()
{
    if (m_draining) {
        drain();
        return;
    }
    char buf[4096];
    for (;;) {
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n > 0) {
            m_request.append(buf, int(n));
            const PictureHeader picture = parseIptuxPictureHeader(m_request);
            if (picture.status == PictureHeaderStatus::Complete) {
                handOverPicture(picture.payloadOffset);
                return;
            }
            const int nul = int(m_request.indexOf('\0'));
            // The header's own NUL ends the request; it has at least 5 colons before it.
            if (nul >= 0 && m_request.left(nul).count(':') >= 6) {
                handleRequest(m_request.left(nul));
                return;
            }
            if (m_request.size() > MaxRequest) {
                finish(false, tr("request longer than %1 bytes").arg(MaxRequest));
                return;
            }
            m_timeout->start(500);
            continue;
        }
        if (n == 0) {
            if (!m_request.isEmpty())
                handleRequest(m_request);
            else
                finish(false, tr("peer closed the connection without a request"));
            return;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            finish(false, QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
}

void FileUpload::handOverPicture(int payloadOffset)
{
    m_finished = true;
    m_timeout->stop();
    m_readNotifier->setEnabled(false);
    const int fd = m_fd;
    m_fd = -1;
    emit iptuxPictureConnection(m_id, fd, m_peer, m_request.mid(payloadOffset));
    deleteLater();
}

void FileUpload::handleRequest(const QByteArray &request)
{
    m_readNotifier->setEnabled(false);
    m_timeout->stop();
    const ParsedPacket parsed = parsePacket(request);
    if (!parsed.ok()) {
        finish(false, tr("bad request: %1").arg(describe(parsed.error)));
        return;
    }
    const quint32 mode = parsed.packet.mode();
    if (mode != Mode::GetFileData && mode != Mode::GetDirFiles) {
        finish(false, tr("not a file request"));
        return;
    }
    const QString who = crypto::KeyRing::peerKeyId(QString::fromUtf8(parsed.packet.user),
                                                   QString::fromUtf8(parsed.packet.host));
    std::optional<FileRequest> req;
    if (parsed.packet.has(Opt::Encrypt)) {
        req = openSealed(parsed.packet);
        if (!req)
            return;
    } else if (m_requireEncryption) {
        refuse(RequestRefusal::NotEncrypted, who,
               tr("%1 (%2) asked for a file in plain text, and encryption is required")
                   .arg(who, m_peer.toString()));
        return;
    } else {
        // IP Messenger serves plain requests even from peers that could encrypt; so do we.
        req = parseFileRequest(parsed.packet.extra);
        if (!req) {
            finish(false, tr("not a file request"));
            return;
        }
    }
    const auto item = m_registry->authorize(m_peer, req->packetNo, req->fileId);
    if (!item) {
        refuse(RequestRefusal::NotOffered, who,
               tr("%1 asked for file %2 of offer %3, which it may not fetch")
                   .arg(m_peer.toString())
                   .arg(req->fileId)
                   .arg(req->packetNo));
        return;
    }
    m_item = *item;
    m_packetNo = req->packetNo;
    const QFileInfo info(m_item.path);
    // IP Messenger asks for plain files with GETDIRFILES too when it encrypts (§1.7): they
    // come as a folder stream of that one file. Plain requests keep the old rule (pictures,
    // memory files to Windows, only ever by GETFILEDATA).
    const bool fileAsStream =
        mode == Mode::GetDirFiles && !m_item.isDir && parsed.packet.has(Opt::Encrypt);
    if (fileAsStream)
        req->offset = 0;
    if (mode == Mode::GetDirFiles && !fileAsStream) {
        if (!m_item.isDir || !info.isDir()) {
            finish(false, tr("%1 is not a folder any more").arg(m_item.path));
            return;
        }
        m_dirMode = true;
        m_total = m_item.size;
    } else {
        if (m_item.isDir || !info.isFile()) {
            finish(false, tr("%1 is not a file any more").arg(m_item.path));
            return;
        }
        if (quint64(info.size()) != m_item.size) {
            finish(false, tr("%1 changed size since it was offered (%2 -> %3 bytes)")
                              .arg(m_item.path)
                              .arg(m_item.size)
                              .arg(info.size()));
            return;
        }
        if (req->offset > m_item.size) {
            finish(false, tr("offset %1 beyond the end of %2").arg(req->offset).arg(m_item.path));
            return;
        }
        m_file = ::open(QFile::encodeName(m_item.path).constData(), O_RDONLY | O_CLOEXEC);
        if (m_file < 0) {
            finish(false, tr("cannot read %1: %2")
                              .arg(m_item.path, QString::fromLocal8Bit(std::strerror(errno))));
            return;
        }
        m_fileOffset = off_t(req->offset);
        m_fileLeft = m_item.size - req->offset;
        m_total = m_item.size;
        m_done = req->offset;
        if (fileAsStream)
            m_pending = dirHeader(text::encode(info.fileName(), m_codec), m_item.size,
                                  FileAttr::Regular, info.lastModified().toSecsSinceEpoch());
    }
    if (m_stream)
        m_stream->apply(m_pending.data(), m_pending.size());
    qCInfo(lcFiles, "serving %s to %s from byte %llu, %s", qPrintable(m_item.path),
           qPrintable(m_peer.toString()), static_cast<unsigned long long>(m_done),
           m_stream ? "encrypted" : "in plain text");
    emit begun(m_id, m_peer, m_item.path, m_total, m_packetNo);
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &FileUpload::pump);
    pump();
}

std::optional<FileRequest> FileUpload::openSealed(const Packet &packet)
{
    const QString who =
        crypto::KeyRing::peerKeyId(QString::fromUtf8(packet.user), QString::fromUtf8(packet.host));
    const QString from = QStringLiteral("%1 (%2)").arg(who, m_peer.toString());
    if (!m_keyRing || m_keyRing->ourKey().isNull()) {
        refuse(RequestRefusal::Undecryptable, who,
               tr("%1 sent an encrypted request, and we have no key").arg(from));
        return std::nullopt;
    }
    // Only keys its own address showed: a machine sharing its user@host signs with another.
    const QList<crypto::RsaKey> senderKeys = m_keyRing->keysFrom(m_peer, who);
    crypto::RsaKey senderKey = senderKeys.value(0);
    crypto::Opened opened =
        crypto::open(packet.extra, m_keyRing->ourKey(), senderKey, packet.packetNo);
    for (int i = 1; i < senderKeys.size() && opened.error == crypto::OpenError::None &&
                    opened.signature == crypto::SignatureCheck::Bad;
         ++i) {
        senderKey = senderKeys.at(i);
        opened = crypto::open(packet.extra, m_keyRing->ourKey(), senderKey, packet.packetNo);
    }
    if (opened.error != crypto::OpenError::None) {
        refuse(RequestRefusal::Undecryptable, who,
               tr("%1 sent a request that does not decrypt with our key").arg(from));
        return std::nullopt;
    }
    // Only a signature proves who asks: the stream key in it is honoured for no one else.
    switch (opened.signature) {
    case crypto::SignatureCheck::Absent:
        refuse(RequestRefusal::Unsigned, who, tr("%1 sent an unsigned request").arg(from));
        return std::nullopt;
    case crypto::SignatureCheck::Unchecked:
        refuse(RequestRefusal::BadSignature, who,
               tr("%1 signed its request, and we hold no key for it").arg(from));
        return std::nullopt;
    case crypto::SignatureCheck::Bad:
        refuse(RequestRefusal::BadSignature, who,
               tr("%1 sent a request with a bad signature").arg(from));
        return std::nullopt;
    case crypto::SignatureCheck::Good:
        break;
    }
    if (m_keyRing->trustOf(who, senderKey) == crypto::KeyTrust::Changed) {
        refuse(RequestRefusal::KeyChanged, who,
               tr("%1 signed its request with a key other than the one pinned for it").arg(from));
        return std::nullopt;
    }
    const auto sealed =
        crypto::parseFileRequest(opened.plaintext, packet.mode() == Mode::GetFileData);
    // The CTR counter starts at the number the header carries, which is also the CBC IV the
    // request was sealed with; a request naming another one is not what it claims.
    if (!sealed || sealed->requestPacketNo != packet.packetNo ||
        sealed->fileId > std::numeric_limits<quint32>::max()) {
        refuse(RequestRefusal::Undecryptable, who,
               tr("%1 sent a malformed encrypted request").arg(from));
        return std::nullopt;
    }
    if (!m_keyRing->acceptFileRequest(senderKey, m_peer, sealed->requestPacketNo)) {
        refuse(RequestRefusal::Replayed, who,
               tr("%1 sent request number %2 again, or one older than its last")
                   .arg(from)
                   .arg(sealed->requestPacketNo));
        return std::nullopt;
    }
    // "4000000:" (NOENC_FILEBODY): signed, and the data goes plain.
    if (!sealed->streamKey.isEmpty()) {
        m_stream = std::make_unique<crypto::CtrStream>(sealed->streamKey, sealed->requestPacketNo);
        if (!m_stream->isValid()) {
            finish(false, tr("cannot encrypt the transfer"));
            return std::nullopt;
        }
    }
    FileRequest req;
    req.packetNo = sealed->packetNo;
    req.fileId = quint32(sealed->fileId);
    req.offset = sealed->offset.value_or(0);
    return req;
}

void FileUpload::refuse(RequestRefusal reason, const QString &who, const QString &why)
{
    qCWarning(lcFiles, "download request refused: %s", qPrintable(why));
    emit refused(m_id, m_peer, who, reason);
    finish(false, why);
}

bool FileUpload::queueEncrypted()
{
    const qsizetype want = qsizetype(std::min<quint64>(m_fileLeft, quint64(EncryptChunk)));
    m_pending.resize(want);
    m_pendingAt = 0;
    QElapsedTimer stage;
    stage.start();
    ssize_t n = 0;
    do
        n = ::pread(m_file, m_pending.data(), size_t(want), m_fileOffset);
    while (n < 0 && errno == EINTR);
    m_readNs += stage.nsecsElapsed();
    if (n <= 0) {
        m_pending.resize(0);
        finish(false, n == 0 ? tr("%1 shrank while being sent").arg(m_item.path)
                             : tr("cannot read %1: %2")
                                   .arg(m_item.path, QString::fromLocal8Bit(std::strerror(errno))));
        return false;
    }
    m_pending.resize(n);
    stage.restart();
    m_stream->apply(m_pending.data(), n);
    m_cryptNs += stage.nsecsElapsed();
    m_fileOffset += n;
    m_fileLeft -= quint64(n);
    m_done += quint64(n);
    reportProgress(false);
    return true;
}

bool FileUpload::sendPending()
{
    while (m_pendingAt < m_pending.size()) {
        QElapsedTimer stage;
        stage.start();
        const ssize_t n = ::send(m_fd, m_pending.constData() + m_pendingAt,
                                 size_t(m_pending.size() - m_pendingAt), MSG_NOSIGNAL);
        m_sendNs += stage.nsecsElapsed();
        if (n > 0) {
            m_pendingAt += n;
            if (m_pendingAt == m_pending.size()) {
                // Keeps its capacity for the next chunk.
                m_pending.resize(0);
                m_pendingAt = 0;
            }
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return false;
        finish(false, tr("peer went away: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        return false;
    }
    return true;
}

bool FileUpload::queueNextDirEntry()
{
    const auto name = [this](const QString &n) { return text::encode(n, m_codec); };
    if (!m_dirStarted) {
        m_dirStarted = true;
        const QFileInfo root(m_item.path);
        m_pending += dirHeader(name(root.fileName()), 0, FileAttr::Dir,
                               root.lastModified().toSecsSinceEpoch());
        m_stack.append({listing(m_item.path), 0});
        return true;
    }
    while (!m_stack.isEmpty()) {
        auto &[entries, index] = m_stack.last();
        if (index >= entries.size()) {
            m_stack.removeLast();
            m_pending += dirHeader(".", 0, FileAttr::RetParent, 0);
            return true;
        }
        const QFileInfo info = entries.at(index++);
        const qint64 mtime = info.lastModified().toSecsSinceEpoch();
        if (info.isDir()) {
            m_pending += dirHeader(name(info.fileName()), 0, FileAttr::Dir, mtime);
            m_stack.append({listing(info.filePath()), 0});
            return true;
        }
        if (!info.isFile())
            continue;
        const int fd = ::open(QFile::encodeName(info.filePath()).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue; // Unreadable files are left out, as IP Messenger does.
        if (m_file >= 0)
            ::close(m_file);
        m_file = fd;
        m_fileOffset = 0;
        m_fileLeft = quint64(info.size());
        m_pending += dirHeader(name(info.fileName()), m_fileLeft, FileAttr::Regular, mtime);
        return true;
    }
    return false;
}

void FileUpload::pump()
{
    for (;;) {
        if (m_finished)
            return;
        if (!sendPending())
            return;
        if (m_fileLeft > 0 && m_stream) {
            if (!queueEncrypted())
                return;
            continue;
        }
        if (m_fileLeft > 0) {
            const ssize_t n =
                ::sendfile(m_fd, m_file, &m_fileOffset, std::min<quint64>(m_fileLeft, SendChunk));
            if (n > 0) {
                m_fileLeft -= quint64(n);
                m_done += quint64(n);
                reportProgress(false);
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return;
            if (n == 0) {
                finish(false, tr("%1 shrank while being sent").arg(m_item.path));
                return;
            }
            finish(false,
                   tr("peer went away: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
            return;
        }
        if (m_dirMode && queueNextDirEntry()) {
            if (m_stream)
                m_stream->apply(m_pending.data(), m_pending.size());
            continue;
        }
        // All sent: half-close and wait for the receiver to close, so nothing is reset in flight.
        ::shutdown(m_fd, SHUT_WR);
        m_writeNotifier->setEnabled(false);
        m_draining = true;
        m_inFlight = std::numeric_limits<int>::max();
        m_drainMovedMs = clock::monotonicMs();
        m_timeout->start(DrainPollMs);
        m_readNotifier->setEnabled(true);
        readRequest();
        return;
    }
}

void FileUpload::reportProgress(bool force)
{
    if (!m_progress.due(force))
        return;
    emit progressed(m_id, m_done, std::max(m_total, m_done));
}

void FileUpload::finish(bool ok, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (!ok)
        qCInfo(lcFiles, "fetch by %s failed: %s", qPrintable(m_peer.toString()), qPrintable(error));
    if (m_stream)
        qCInfo(lcFiles,
               "encrypted upload of %llu bytes: read %lld ms, encrypt %lld ms, send %lld ms",
               static_cast<unsigned long long>(m_done), m_readNs / 1000000, m_cryptNs / 1000000,
               m_sendNs / 1000000);
    m_timeout->stop();
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    if (ok)
        reportProgress(true);
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    emit finished(m_id, ok, error);
    deleteLater();
}

} // namespace lanpigeon
