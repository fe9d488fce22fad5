#include "files/decryptingwriter.h"

#include "crypto/ctrstream.h"

#include <QElapsedTimer>

#include <cerrno>
#include <unistd.h>

namespace lanpigeon::files {

DecryptingWriter::DecryptingWriter(int fd, qsizetype bufferSize, int buffers)
    : m_fd(fd)
    , m_bufferSize(bufferSize)
{
    for (int i = 0; i < buffers; ++i)
        m_free.push_back(std::make_unique<char[]>(size_t(bufferSize)));
    m_worker = std::thread([this] { run(); });
}

DecryptingWriter::~DecryptingWriter()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        m_queued.clear();
    }
    m_changed.notify_all();
    m_worker.join();
}

char *DecryptingWriter::acquire()
{
    if (m_current)
        return m_current.get();
    QElapsedTimer waited;
    waited.start();
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return m_error != 0 || !m_free.empty(); });
    m_waitNs += waited.nsecsElapsed();
    if (m_error != 0)
        return nullptr;
    m_current = std::move(m_free.back());
    m_free.pop_back();
    return m_current.get();
}

void DecryptingWriter::submit(qsizetype size, crypto::CtrStream *stream)
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_queued.push_back({std::move(m_current), size, stream});
    }
    m_changed.notify_all();
}

bool DecryptingWriter::drain()
{
    QElapsedTimer waited;
    waited.start();
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return m_error != 0 || (m_queued.empty() && !m_busy); });
    m_waitNs += waited.nsecsElapsed();
    return m_error == 0;
}

int DecryptingWriter::error() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_error;
}

qint64 DecryptingWriter::cryptNs() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_cryptNs;
}

qint64 DecryptingWriter::writeNs() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_writeNs;
}

void DecryptingWriter::run()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_stopping || !m_queued.empty(); });
        if (m_stopping)
            return;
        Chunk chunk = std::move(m_queued.front());
        m_queued.pop_front();
        m_busy = true;
        lock.unlock();
        QElapsedTimer stage;
        stage.start();
        chunk.stream->apply(chunk.data.get(), chunk.size);
        const qint64 crypt = stage.nsecsElapsed();
        stage.restart();
        const bool written = writeAll(m_fd, chunk.data.get(), chunk.size);
        const int error = written ? 0 : errno;
        const qint64 write = stage.nsecsElapsed();
        lock.lock();
        m_busy = false;
        m_cryptNs += crypt;
        m_writeNs += write;
        m_free.push_back(std::move(chunk.data));
        if (!written) {
            m_error = error;
            m_queued.clear();
        }
        m_changed.notify_all();
    }
}

bool DecryptingWriter::writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            // A write that wrote nothing and said nothing still failed.
            if (n == 0)
                errno = EIO;
            return false;
        }
        data += n;
        size -= n;
    }
    return true;
}

} // namespace lanpigeon::files
