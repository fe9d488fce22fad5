// Decrypts and writes an encrypted download on a thread of its own while the next bytes arrive.
#pragma once

#include <QtGlobal>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace lanpigeon {

namespace crypto {
class CtrStream;
}

namespace files {

// A bounded pipeline: the transfer thread receives into one of a few buffers and hands it over;
// the worker decrypts it and appends it to the file, in the order handed over. When every
// buffer is queued the transfer thread waits, as it waited for ::write() before, so memory stays
// at those few buffers. After a failed write nothing more is written.
class DecryptingWriter final
{
public:
    // fd: the open file, written only by the worker until drain() returns or this is destroyed.
    DecryptingWriter(int fd, qsizetype bufferSize, int buffers);
    // Drops what was not written yet (the chunk being written is finished) and joins.
    ~DecryptingWriter();
    DecryptingWriter(const DecryptingWriter &) = delete;
    DecryptingWriter &operator=(const DecryptingWriter &) = delete;

    // Writes all of data to fd, through EINTR and short writes; false with errno set (EIO for a
    // write that wrote nothing and said nothing) when it failed. Also the download's own writes.
    static bool writeAll(int fd, const char *data, qsizetype size);

    qsizetype bufferSize() const { return m_bufferSize; }
    // A buffer to receive into, the same one until it is submitted; null once a write failed.
    char *acquire();
    // Queues the first size bytes of the acquired buffer, decrypted by stream, which must live
    // until drain() returns.
    void submit(qsizetype size, crypto::CtrStream *stream);
    // Waits until everything queued is in the file; false if a write failed.
    bool drain();
    // The errno of the failed write, 0 while none failed.
    int error() const;
    // Time spent, for the log: waiting for a free buffer (transfer thread), and decrypting and
    // writing (worker). Read after drain().
    qint64 waitNs() const { return m_waitNs; }
    qint64 cryptNs() const;
    qint64 writeNs() const;

private:
    struct Chunk
    {
        std::unique_ptr<char[]> data;
        qsizetype size = 0;
        crypto::CtrStream *stream = nullptr;
    };
    void run();

    const int m_fd;
    const qsizetype m_bufferSize;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<std::unique_ptr<char[]>> m_free;
    std::deque<Chunk> m_queued;
    std::unique_ptr<char[]> m_current;
    bool m_busy = false;
    bool m_stopping = false;
    int m_error = 0;
    qint64 m_waitNs = 0;
    qint64 m_cryptNs = 0;
    qint64 m_writeNs = 0;
    std::thread m_worker;
};

} // namespace files
} // namespace lanpigeon
