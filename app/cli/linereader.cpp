#include "linereader.h"

#include <QSocketNotifier>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace lanpigeon::cli {

LineReader::LineReader(int fd, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
{
    if (::fcntl(fd, F_GETFD) < 0) {
        m_ended = true;
        return;
    }
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    m_notifier->setEnabled(false);
    connect(m_notifier, &QSocketNotifier::activated, this, &LineReader::readMore);
}

LineReader::~LineReader() = default;

void LineReader::requestLine()
{
    m_wanted = true;
    deliver();
}

void LineReader::readMore()
{
    char chunk[4096];
    // One read per wake-up: the notifier said there is something, so this does not block.
    const ssize_t n = ::read(m_fd, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
        return;
    if (n > 0) {
        m_buffer.append(chunk, qsizetype(n));
    } else {
        m_ended = true;
        m_notifier->setEnabled(false);
    }
    deliver();
}

void LineReader::deliver()
{
    if (!m_wanted)
        return;
    const qsizetype newline = m_buffer.indexOf('\n');
    if (newline < 0 && !m_ended) {
        m_notifier->setEnabled(true);
        return;
    }
    m_wanted = false;
    if (m_notifier)
        m_notifier->setEnabled(false);
    if (newline >= 0) {
        const QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        emit lineRead(line);
    } else if (!m_buffer.isEmpty()) {
        // A last line without its newline still counts.
        emit lineRead(std::exchange(m_buffer, {}));
    } else {
        emit inputEnded();
    }
}

} // namespace lanpigeon::cli
