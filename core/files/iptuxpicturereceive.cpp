#include "files/iptuxpicturereceive.h"

#include "common/threadcheck.h"
#include "files/fileslog.h"

#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace lanpigeon {

namespace {

QString sysError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

IptuxPictureReceive::IptuxPictureReceive(const Job &job, QObject *parent)
    : QObject(parent)
    , m_job(job)
    , m_idle(new QTimer(this))
{
    m_idle->setSingleShot(true);
    connect(m_idle, &QTimer::timeout, this, [this] {
        if (m_deadline.hasExpired())
            finish(false, tr("the picture from %1 took longer than %2 s")
                              .arg(m_job.peer.toString())
                              .arg(m_job.totalTimeoutMs / 1000));
        else
            finish(false, tr("%1 stopped sending the picture").arg(m_job.peer.toString()));
    });
}

IptuxPictureReceive::~IptuxPictureReceive()
{
    if (m_job.descriptor >= 0)
        ::close(m_job.descriptor);
}

void IptuxPictureReceive::start()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int fd = m_job.descriptor;
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    m_bytes = m_job.head;
    m_job.head.clear();
    m_deadline.setRemainingTime(m_job.totalTimeoutMs);
    if (qint64(m_bytes.size()) > m_job.maxBytes) {
        finish(false, tr("the picture is larger than %1 MB").arg(m_job.maxBytes / (1024 * 1024)));
        return;
    }
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &IptuxPictureReceive::readMore);
    m_idle->start(int(std::min<qint64>(m_job.idleTimeoutMs, m_deadline.remainingTime())));
    readMore();
}

void IptuxPictureReceive::cancel()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    finish(false, tr("cancelled"));
}

void IptuxPictureReceive::readMore()
{
    char buf[65536];
    for (;;) {
        if (m_finished)
            return;
        const ssize_t n = ::recv(m_job.descriptor, buf, sizeof buf, 0);
        if (n > 0) {
            if (qint64(m_bytes.size()) + n > m_job.maxBytes) {
                finish(false,
                       tr("the picture is larger than %1 MB").arg(m_job.maxBytes / (1024 * 1024)));
                return;
            }
            m_bytes.append(buf, int(n));
            m_idle->start(int(std::min<qint64>(m_job.idleTimeoutMs, m_deadline.remainingTime())));
            continue;
        }
        if (n == 0) {
            // iptux's push has no length: its close is the end of the picture.
            finish(true);
            return;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return;
        finish(
            false,
            tr("%1 went away while sending a picture: %2").arg(m_job.peer.toString(), sysError()));
        return;
    }
}

void IptuxPictureReceive::finish(bool ok, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_idle->stop();
    if (m_notifier)
        m_notifier->setEnabled(false);
    if (!ok) {
        // Reset, not close: a sender cut off must not take the picture for delivered.
        const linger abort{1, 0};
        ::setsockopt(m_job.descriptor, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
        qCInfo(lcFiles, "picture from %s failed: %s", qPrintable(m_job.peer.toString()),
               qPrintable(error));
        m_bytes.clear();
    }
    ::close(m_job.descriptor);
    m_job.descriptor = -1;
    emit finished(m_job.id, m_job.peer, ok, m_bytes, error);
    deleteLater();
}

} // namespace lanpigeon
