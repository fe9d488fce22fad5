#include "files/filedownload.h"

#include "common/safefilename.h"
#include "common/threadcheck.h"
#include "crypto/cryptocodec.h"
#include "crypto/ctrstream.h"
#include "files/decryptingwriter.h"
#include "files/fileslog.h"
#include "files/requestgate.h"
#include "files/transferthreads.h"
#include "ipmsg/filelistcodec.h"
#include "ipmsg/textcodec.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSocketNotifier>
#include <QTimer>

#include <openssl/rand.h>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lanpigeon {

using namespace ipmsg;

namespace {

constexpr qsizetype ReadChunk = 256 * 1024;
// Enough for decrypting and writing one while the next arrives and another waits; each handed
// over full where the socket has that much, as every hand-over may wake a sleeping CPU.
constexpr int WriteBuffers = 3;
constexpr qsizetype WriteChunk = 1024 * 1024;
// A folder stream may exceed its announced size a little (files change); not without bound.
constexpr quint64 FolderSlack = 64ull * 1024 * 1024;
constexpr quint64 MaxEntries = 1000000;
// A connection that stalls or breaks is opened again and resumed, this many times at most.
// On a lossy link TCP's own backoff can leave a healthy transfer silent for a minute.
constexpr int MaxReconnects = 5;
constexpr int ReconnectStallMs = 15000;
constexpr int ReconnectDelayMs = 1000;

void setMtime(int fd, qint64 mtime)
{
    if (mtime <= 0)
        return;
    timespec times[2];
    times[0].tv_sec = time_t(mtime);
    times[0].tv_nsec = 0;
    times[1] = times[0];
    ::futimens(fd, times);
}

} // namespace

FileDownload *FileDownload::onTransferThread(const Job &job, TransferThreads *threads)
{
    auto *download = new FileDownload(job);
    threads->adopt(download);
    return download;
}

FileDownload::FileDownload(const Job &job, QObject *parent)
    : QObject(parent)
    , m_job(job)
    , m_idle(new QTimer(this))
{
    m_idle->setSingleShot(true);
    connect(m_idle, &QTimer::timeout, this, [this] {
        const QString error = tr("%1 sent nothing for %2 s")
                                  .arg(m_job.address.toString())
                                  .arg(m_idle->interval() / 1000);
        if (!reconnect())
            fail(error);
    });
}

FileDownload::~FileDownload()
{
    // Before the file is closed under it.
    m_writer.reset();
    if (m_out >= 0)
        ::close(m_out);
    if (m_markerFd >= 0)
        ::close(m_markerFd);
    if (m_fd >= 0)
        ::close(m_fd);
}

QString FileDownload::sysError() const
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool FileDownload::prepareFile()
{
    const QString name = files::safeComponent(m_job.name);
    QString path = QDir(m_root).filePath(name);
    // Another download may be writing this name right now (an offer can list two files called
    // alike): a .part is ours only while we hold its lock, and a new one only if we created it.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString part = path + QStringLiteral(".part");
        const QFileInfo partInfo(part);
        const bool resume =
            m_job.canResume && partInfo.isFile() && quint64(partInfo.size()) <= m_job.size;
        if (!resume && (QFileInfo::exists(path) || partInfo.exists())) {
            path = files::freshPath(m_root, name);
            continue;
        }
        if (!files::staysInside(m_root, part)) {
            finish(false, tr("refusing to write outside %1").arg(m_root));
            return false;
        }
        const QByteArray encoded = QFile::encodeName(part);
        const int fd = ::open(
            encoded.constData(),
            O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (resume ? O_APPEND : O_EXCL), 0644);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0) {
            finish(false, tr("cannot write %1: %2").arg(part, sysError()));
            return false;
        }
        struct stat mine = {}, named = {};
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0 || ::fstat(fd, &mine) != 0 ||
            ::stat(encoded.constData(), &named) != 0 || mine.st_ino != named.st_ino ||
            quint64(mine.st_size) > m_job.size) {
            ::close(fd);
            path = files::freshPath(m_root, name);
            continue;
        }
        m_out = fd;
        m_finalPath = path;
        m_partPath = part;
        m_offset = quint64(mine.st_size);
        return true;
    }
    finish(false, tr("cannot write %1: %2").arg(path, tr("too many downloads of this name")));
    return false;
}

bool FileDownload::prepareFolder()
{
    const QString name = files::safeComponent(m_job.name);
    QString path = QDir(m_root).filePath(name);
    // As for files: an unfinished folder is ours to resume only while we hold its marker's lock.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString marker = QDir(path).filePath(partialMarker());
        if (QFileInfo::exists(path) && !QFileInfo::exists(marker)) {
            path = files::freshPath(m_root, name);
            continue;
        }
        if (!files::staysInside(m_root, path) || !QDir().mkpath(path)) {
            finish(false, tr("cannot create folder %1").arg(path));
            return false;
        }
        const int fd = ::open(QFile::encodeName(marker).constData(),
                              O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0) {
            finish(false, tr("cannot write in %1: %2").arg(path, sysError()));
            return false;
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd);
            path = files::freshPath(m_root, name);
            continue;
        }
        m_markerFd = fd;
        m_finalPath = path;
        m_parser = std::make_unique<DirStreamParser>();
        return true;
    }
    finish(false, tr("cannot create folder %1").arg(path));
    return false;
}

void FileDownload::start()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_root = QDir::cleanPath(QFileInfo(m_job.targetDir).absoluteFilePath());
    if (!QDir().mkpath(m_root)) {
        finish(false, tr("cannot create folder %1").arg(m_root));
        return;
    }
    if (!(m_job.isDir ? prepareFolder() : prepareFile()))
        return;
    emit begun(m_job.id, m_finalPath, m_job.size, m_offset);
    openConnection();
}

void FileDownload::openConnection()
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd >= 0 && !m_job.localAddress.isNull() && m_job.localAddress != QHostAddress::AnyIPv4) {
        sockaddr_in local{};
        local.sin_family = AF_INET;
        local.sin_addr.s_addr = htonl(m_job.localAddress.toIPv4Address());
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0) {
            fail(tr("cannot bind to %1: %2").arg(m_job.localAddress.toString(), sysError()));
            return;
        }
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(m_job.port);
    addr.sin_addr.s_addr = htonl(m_job.address.toIPv4Address());
    if (m_fd < 0 || (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 &&
                     errno != EINPROGRESS)) {
        fail(tr("cannot connect to %1:%2: %3")
                 .arg(m_job.address.toString())
                 .arg(m_job.port)
                 .arg(sysError()));
        return;
    }
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &FileDownload::connected);
    m_idle->start(idleInterval());
}

int FileDownload::idleInterval() const
{
    return canReconnect() ? std::min(m_job.idleTimeoutMs, ReconnectStallMs) : m_job.idleTimeoutMs;
}

bool FileDownload::canReconnect() const
{
    // Folders are resumed by fetching the whole stream again: a retry, not a reconnect.
    return m_job.canResume && !m_job.isDir && m_reconnects < MaxReconnects;
}

bool FileDownload::reconnect()
{
    if (m_finished || !canReconnect())
        return false;
    reopen();
    return true;
}

bool FileDownload::retryRefused()
{
    if (m_finished || !m_stream || m_streamBytes != 0 || m_reconnects >= MaxReconnects)
        return false;
    reopen();
    return true;
}

void FileDownload::reopen()
{
    ++m_reconnects;
    closeSocket(true);
    // The next request brings a new stream: the bytes of this one are decrypted first.
    if (m_writer && !m_writer->drain()) {
        failWrite(m_writer->error(), m_partPath);
        return;
    }
    m_offset += m_received;
    m_received = 0;
    m_idle->stop();
    QTimer::singleShot(ReconnectDelayMs, this, [this] {
        if (!m_finished)
            openConnection();
    });
}

void FileDownload::closeSocket(bool reset)
{
    // Later: this may run inside one of their own signals.
    for (QSocketNotifier *n : {m_readNotifier, m_writeNotifier}) {
        if (n) {
            n->setEnabled(false);
            n->deleteLater();
        }
    }
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
    releaseGate();
    if (m_fd < 0)
        return;
    if (reset) {
        // Reset rather than close: the sender must not take a failed fetch for a finished one.
        const linger abort{1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    }
    ::close(m_fd);
    m_fd = -1;
}

void FileDownload::fail(const QString &error)
{
    finish(false, m_reconnects == 0
                      ? error
                      : tr("%1 (after %n reconnects)", nullptr, m_reconnects).arg(error));
}

void FileDownload::connected()
{
    m_writeNotifier->setEnabled(false);
    int error = 0;
    socklen_t len = sizeof error;
    ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &len);
    if (error != 0) {
        // Refused means nobody listens any more: trying again would not help.
        if (error == ECONNREFUSED || !reconnect())
            fail(tr("cannot connect to %1:%2: %3")
                     .arg(m_job.address.toString())
                     .arg(m_job.port)
                     .arg(QString::fromLocal8Bit(std::strerror(error))));
        return;
    }
    if (m_job.sealing && m_job.sealing->gate) {
        m_gated = true;
        const quint64 turn = ++m_gateTurn;
        m_job.sealing->gate->enter(this, [this, turn] {
            if (m_gated && turn == m_gateTurn && !m_finished)
                sendRequest();
        });
        return;
    }
    sendRequest();
}

void FileDownload::releaseGate()
{
    if (!m_gated)
        return;
    m_gated = false;
    m_job.sealing->gate->leave(this);
}

void FileDownload::sendRequest()
{
    const std::optional<Packet> request = makeRequest();
    if (!request) {
        fail(tr("cannot encrypt the request"));
        return;
    }
    const QByteArray bytes = encodePacket(*request) + '\0';
    // A few dozen bytes (a sealed request: about a kilobyte) always fit in a fresh socket's
    // send buffer.
    if (::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) != bytes.size()) {
        fail(tr("cannot send the request: %1").arg(sysError()));
        return;
    }
    if (m_stream && !m_job.isDir && !m_writer)
        m_writer = std::make_unique<files::DecryptingWriter>(m_out, WriteChunk, WriteBuffers);
    if (!m_writer)
        m_buffer.resize(ReadChunk);
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &FileDownload::readData);
}

std::optional<Packet> FileDownload::makeRequest()
{
    Packet request = m_job.request;
    m_stream.reset();
    m_streamBytes = 0;
    if (!m_job.sealing) {
        request.extra =
            buildFileRequest({m_job.offerPacketNo, m_job.fileId, m_offset}, !m_job.isDir) + '\0';
        return request;
    }
    const Job::Sealing &sealing = *m_job.sealing;
    // Numbered now, not when the job was made: the sender refuses a number not above the last
    // one it saw from us, and a reconnect is a new request.
    request.packetNo = sealing.packetNumbers();
    request.command |= Opt::Encrypt | Opt::EncFile;
    crypto::FileRequest fetch;
    fetch.packetNo = m_job.offerPacketNo;
    fetch.fileId = m_job.fileId;
    if (!m_job.isDir)
        fetch.offset = m_offset;
    fetch.streamKey = QByteArray(32, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(fetch.streamKey.data()),
                   int(fetch.streamKey.size())) != 1)
        return std::nullopt;
    fetch.requestPacketNo = request.packetNo;
    request.extra = crypto::seal(crypto::encodeFileRequest(fetch), sealing.capa, sealing.peerKey,
                                 sealing.ourKey, request.packetNo);
    if (request.extra.isEmpty())
        return std::nullopt;
    // A resumed download is a new request with a fresh key and number, so its keystream starts
    // again at the new counter for the bytes from the offset on: no (key, counter) pair is ever
    // used twice, and neither side has to know where the earlier connection stopped.
    m_stream = std::make_unique<crypto::CtrStream>(fetch.streamKey, request.packetNo);
    if (!m_stream->isValid())
        return std::nullopt;
    return request;
}

bool FileDownload::writeAll(const char *data, qsizetype size)
{
    QElapsedTimer stage;
    stage.start();
    const auto account = qScopeGuard([&] { m_writeNs += stage.nsecsElapsed(); });
    if (files::DecryptingWriter::writeAll(m_out, data, size))
        return true;
    failWrite(errno, m_job.isDir ? m_currentPart : m_partPath);
    return false;
}

void FileDownload::failWrite(int error, const QString &path)
{
    const QString what =
        error == ENOSPC ? tr("disk full") : QString::fromLocal8Bit(std::strerror(error));
    finish(false, tr("cannot write %1: %2").arg(path, what));
}

void FileDownload::readData()
{
    // Readable: the sender answered (bytes, a close or an error), so it checked our number.
    releaseGate();
    QElapsedTimer stage;
    // The bytes in the writer's buffer go to it before anything waits for the writer or this
    // returns to the event loop.
    const auto handOver = [this] {
        if (m_writer && m_filled > 0) {
            m_writer->submit(m_filled, m_stream.get());
            m_filled = 0;
        }
    };
    const auto handOverOnReturn = qScopeGuard([&] {
        if (!m_finished)
            handOver();
    });
    for (int rounds = 0; rounds < 64 && !m_finished; ++rounds) {
        char *into = m_writer ? m_writer->acquire() : m_buffer.data();
        if (!into) {
            failWrite(m_writer->error(), m_partPath);
            return;
        }
        stage.start();
        const ssize_t n = m_writer ? ::recv(m_fd, into + m_filled, size_t(WriteChunk - m_filled), 0)
                                   : ::recv(m_fd, into, size_t(ReadChunk), 0);
        m_recvNs += stage.nsecsElapsed();
        if (n <= 0)
            handOver();
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n < 0) {
            const QString error =
                tr("connection to %1 broke: %2").arg(m_job.address.toString(), sysError());
            if (!reconnect())
                fail(error);
            return;
        }
        if (n == 0) {
            // A file that ends early is reconnected below anyway.
            if (m_job.isDir && retryRefused())
                return;
            if (m_job.isDir)
                finish(false,
                       m_parser->hasError()
                           ? m_parser->error()
                           : tr("%1 closed the folder stream early").arg(m_job.address.toString()));
            else if (m_offset + m_received == m_job.size)
                completeCurrentFile() ? finish(true) : void();
            else if (const QString error = tr("%1 closed the connection after %2 of %3 bytes")
                                               .arg(m_job.address.toString())
                                               .arg(m_offset + m_received)
                                               .arg(m_job.size);
                     !reconnect())
                fail(error);
            return;
        }
        m_idle->start(idleInterval());
        if (m_writer) {
            // A sender that sends more than it offered gets cut off at the offered size.
            const quint64 room = m_job.size - m_offset - m_received;
            const qsizetype take = qsizetype(std::min<quint64>(quint64(n), room));
            m_filled += take;
            m_streamBytes += quint64(n);
            m_received += quint64(take);
            reportProgress(false);
            if (m_filled == WriteChunk)
                handOver();
            if (m_offset + m_received == m_job.size) {
                handOver();
                if (completeCurrentFile())
                    finish(true);
                return;
            }
            continue;
        }
        if (m_stream) {
            stage.restart();
            m_stream->apply(m_buffer.data(), n);
            m_cryptNs += stage.nsecsElapsed();
        }
        m_streamBytes += quint64(n);
        if (m_job.isDir) {
            if (!m_parser->feed(m_buffer.constData(), n, [this](const DirStreamParser::Event &e) {
                    return onDirEvent(e);
                })) {
                finish(false, m_parser->error());
                return;
            }
            if (m_parser->isDone()) {
                QFile::remove(QDir(m_finalPath).filePath(partialMarker()));
                finish(true);
                return;
            }
            continue;
        }
        // A sender that sends more than it offered gets cut off at the offered size.
        const quint64 room = m_job.size - m_offset - m_received;
        const qsizetype take = qsizetype(std::min<quint64>(quint64(n), room));
        if (!writeAll(m_buffer.constData(), take))
            return;
        m_received += quint64(take);
        reportProgress(false);
        if (m_offset + m_received == m_job.size) {
            if (completeCurrentFile())
                finish(true);
            return;
        }
    }
}

bool FileDownload::completeCurrentFile()
{
    if (m_writer && !m_writer->drain()) {
        failWrite(m_writer->error(), m_partPath);
        return false;
    }
    if (!closeAndRename(m_partPath, m_finalPath, m_job.mtime))
        return false;
    reportProgress(true);
    return true;
}

bool FileDownload::closeAndRename(const QString &part, const QString &final, qint64 mtime)
{
    setMtime(m_out, mtime);
    // The duplicate keeps the .part's lock until it has its final name: nobody may resume it.
    const int lock = ::dup(m_out);
    const int rc = ::close(m_out);
    m_out = -1;
    const auto closeLock = qScopeGuard([lock] {
        if (lock >= 0)
            ::close(lock);
    });
    if (rc != 0) {
        finish(false, tr("cannot write %1: %2").arg(part, sysError()));
        return false;
    }
    if (::rename(QFile::encodeName(part).constData(), QFile::encodeName(final).constData()) != 0) {
        finish(false, tr("cannot rename %1: %2").arg(part, sysError()));
        return false;
    }
    return true;
}

bool FileDownload::onDirEvent(const DirStreamParser::Event &e)
{
    using Kind = DirStreamParser::Kind;
    switch (e.kind) {
    case Kind::EnterDir: {
        if (++m_entries > MaxEntries) {
            finish(false, tr("folder stream has more than %1 entries").arg(MaxEntries));
            return false;
        }
        // The first folder is the offered one, already created under our chosen name.
        const QString dir =
            m_dirs.isEmpty()
                ? m_finalPath
                : QDir(m_dirs.last())
                      .filePath(files::safeComponent(text::decode(e.name, m_job.codec)));
        if (!files::staysInside(m_finalPath, dir) || !QDir().mkpath(dir)) {
            finish(false, tr("cannot create folder %1").arg(dir));
            return false;
        }
        m_dirs.append(dir);
        return true;
    }
    case Kind::LeaveDir:
        m_dirs.removeLast();
        return true;
    case Kind::FileBegin: {
        if (++m_entries > MaxEntries) {
            finish(false, tr("folder stream has more than %1 entries").arg(MaxEntries));
            return false;
        }
        m_skipping = true;
        if ((e.attr & FileAttr::TypeMask) != FileAttr::Regular)
            return true; // Links and devices are not recreated.
        const QString name = files::safeComponent(text::decode(e.name, m_job.codec));
        const QString path = QDir(m_dirs.last()).filePath(name);
        const QFileInfo existing(path);
        // Resuming a folder: files already complete are not written again.
        if (existing.isFile() && quint64(existing.size()) == e.size &&
            (e.mtime <= 0 || existing.lastModified().toSecsSinceEpoch() == e.mtime))
            return true;
        if (!files::staysInside(m_finalPath, path)) {
            finish(false, tr("refusing to write outside %1").arg(m_finalPath));
            return false;
        }
        m_currentFinal = path;
        m_currentPart = path + QStringLiteral(".part");
        m_out = ::open(QFile::encodeName(m_currentPart).constData(),
                       O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (m_out < 0) {
            finish(false, tr("cannot write %1: %2").arg(m_currentPart, sysError()));
            return false;
        }
        m_currentMtime = e.mtime;
        m_skipping = false;
        return true;
    }
    case Kind::FileData:
        m_received += quint64(e.length);
        if (m_job.size > 0 && m_received > m_job.size + FolderSlack) {
            finish(false,
                   tr("folder stream is far larger than the %1 bytes offered").arg(m_job.size));
            return false;
        }
        reportProgress(false);
        return m_skipping || writeAll(e.data, e.length);
    case Kind::FileEnd:
        if (m_skipping)
            return true;
        m_skipping = true;
        return closeAndRename(m_currentPart, m_currentFinal, m_currentMtime);
    case Kind::Done:
        return true;
    }
    return true;
}

void FileDownload::reportProgress(bool force)
{
    if (!m_progress.due(force))
        return;
    const quint64 done = m_offset + m_received;
    emit progressed(m_job.id, done, std::max(m_job.size, done));
}

void FileDownload::cancel()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    finish(false, tr("cancelled"));
}

void FileDownload::finish(bool ok, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (!ok)
        qCInfo(lcFiles, "fetching file %u of offer %llu from %s:%u failed: %s", m_job.fileId,
               m_job.offerPacketNo, qPrintable(m_job.address.toString()), m_job.port,
               qPrintable(error));
    qint64 waitNs = 0;
    if (m_writer) {
        // Joined first: the worker's times are final, and it writes no more to the file.
        waitNs = m_writer->waitNs();
        m_writer->drain();
        m_cryptNs += m_writer->cryptNs();
        m_writeNs += m_writer->writeNs();
        m_writer.reset();
    }
    if (m_job.sealing)
        qCInfo(lcFiles,
               "encrypted download of %llu bytes: receive %lld ms, decrypt %lld ms, "
               "write %lld ms, wait for the writer thread %lld ms",
               static_cast<unsigned long long>(m_offset + m_received), m_recvNs / 1000000,
               m_cryptNs / 1000000, m_writeNs / 1000000, waitNs / 1000000);
    m_idle->stop();
    if (m_out >= 0) {
        ::close(m_out);
        m_out = -1;
    }
    if (m_markerFd >= 0) {
        ::close(m_markerFd);
        m_markerFd = -1;
    }
    closeSocket(!ok);
    if (ok)
        reportProgress(true);
    emit finished(m_job.id, ok, error, m_finalPath);
    deleteLater();
}

} // namespace lanpigeon
