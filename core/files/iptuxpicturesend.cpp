#include "files/iptuxpicturesend.h"

#include "common/threadcheck.h"
#include "files/fileslog.h"

#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace lanpigeon {

namespace {

QString sysError(int error = errno)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

IptuxPictureSend::IptuxPictureSend(const Job &job, QObject *parent)
    : QObject(parent)
    , m_job(job)
    , m_idle(new QTimer(this))
{
    m_idle->setSingleShot(true);
    connect(m_idle, &QTimer::timeout, this, [this] {
        finish(false, tr("%1 stopped taking the picture").arg(m_job.address.toString()));
    });
}

IptuxPictureSend::~IptuxPictureSend()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void IptuxPictureSend::start()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        finish(false, sysError());
        return;
    }
    if (!m_job.localAddress.isNull() && m_job.localAddress != QHostAddress::AnyIPv4) {
        sockaddr_in local{};
        local.sin_family = AF_INET;
        local.sin_addr.s_addr = htonl(m_job.localAddress.toIPv4Address());
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0) {
            finish(false,
                   tr("cannot bind to %1: %2").arg(m_job.localAddress.toString(), sysError()));
            return;
        }
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(m_job.port);
    addr.sin_addr.s_addr = htonl(m_job.address.toIPv4Address());
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 &&
        errno != EINPROGRESS) {
        finish(false, tr("cannot connect to %1:%2: %3")
                          .arg(m_job.address.toString())
                          .arg(m_job.port)
                          .arg(sysError()));
        return;
    }
    // iptux takes everything after the first NUL of its first read as the picture: the header
    // and its NUL go first, in the same send as the start of the bytes.
    m_pending = m_job.header + m_job.bytes;
    m_job.bytes.clear();
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &IptuxPictureSend::connected);
    m_idle->start(m_job.idleTimeoutMs);
}

void IptuxPictureSend::cancel()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    finish(false, tr("cancelled"));
}

void IptuxPictureSend::connected()
{
    int error = 0;
    socklen_t len = sizeof error;
    ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &len);
    if (error != 0) {
        finish(false, tr("cannot connect to %1:%2: %3")
                          .arg(m_job.address.toString())
                          .arg(m_job.port)
                          .arg(sysError(error)));
        return;
    }
    disconnect(m_writeNotifier, nullptr, this, nullptr);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &IptuxPictureSend::pump);
    pump();
}

void IptuxPictureSend::pump()
{
    int offset = 0;
    while (offset < m_pending.size()) {
        const ssize_t n = ::send(m_fd, m_pending.constData() + offset,
                                 size_t(m_pending.size() - offset), MSG_NOSIGNAL);
        if (n > 0) {
            offset += int(n);
            m_idle->start(m_job.idleTimeoutMs);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        m_pending.remove(0, offset);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        finish(false, tr("%1 went away while taking the picture: %2")
                          .arg(m_job.address.toString(), sysError()));
        return;
    }
    m_pending.clear();
    // All written: half-close and wait for the peer's close, which says it read everything.
    ::shutdown(m_fd, SHUT_WR);
    m_writeNotifier->setEnabled(false);
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &IptuxPictureSend::awaitClose);
    awaitClose();
}

void IptuxPictureSend::awaitClose()
{
    char buf[512];
    for (;;) {
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n > 0)
            continue; // iptux says nothing back; anything else is ignored.
        if (n == 0) {
            finish(true);
            return;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            finish(false, tr("%1 went away while taking the picture: %2")
                              .arg(m_job.address.toString(), sysError()));
        return;
    }
}

void IptuxPictureSend::finish(bool ok, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_idle->stop();
    for (QSocketNotifier *n : {m_readNotifier, m_writeNotifier}) {
        if (n)
            n->setEnabled(false);
    }
    if (!ok)
        qCInfo(lcFiles, "picture to %s failed: %s", qPrintable(m_job.address.toString()),
               qPrintable(error));
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_pending.clear();
    emit finished(m_job.id, ok, error);
    deleteLater();
}

} // namespace lanpigeon
