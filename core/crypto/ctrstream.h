// The AES-256-CTR keystream over a whole encrypted download (ipmsg-extensions.md §1.7).
#pragma once

#include <QByteArray>

#include <memory>

namespace lanpigeon::crypto {

// One direction of one download: the uploader encrypts every byte it writes, the downloader
// decrypts every byte it reads, each with its own CtrStream. The counter starts at the request's
// packet number in decimal, zero-padded to 16 bytes, and counts up big-endian. Not thread-safe:
// one transfer thread uses it.
class CtrStream final
{
public:
    // key: 32 bytes. skip: stream bytes already consumed (a resumed stream that does not start
    // at the beginning of the keystream); 0 for a new request.
    CtrStream(const QByteArray &key, quint64 requestPacketNo, quint64 skip = 0);
    ~CtrStream();
    CtrStream(const CtrStream &) = delete;
    CtrStream &operator=(const CtrStream &) = delete;

    bool isValid() const;
    // Encrypts or decrypts len bytes in place, continuing the keystream.
    void apply(char *data, qint64 len);
    // Stream bytes processed so far (including skip).
    quint64 position() const { return m_position; }

private:
    struct Ctx;
    std::unique_ptr<Ctx> m_ctx;
    quint64 m_position = 0;
};

} // namespace lanpigeon::crypto
