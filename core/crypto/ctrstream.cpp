#include "crypto/ctrstream.h"

#include "crypto/cryptocodec.h"

#include <openssl/evp.h>

#include <algorithm>
#include <climits>

namespace lanpigeon::crypto {

struct CtrStream::Ctx
{
    EVP_CIPHER_CTX *cipher = nullptr;
    ~Ctx() { EVP_CIPHER_CTX_free(cipher); }
};

namespace {

constexpr int Block = 16;

// counter += blocks, as one 128-bit big-endian integer (what OpenSSL's CTR mode counts in).
void addBlocks(QByteArray &counter, quint64 blocks)
{
    quint64 carry = blocks;
    for (int i = Block - 1; i >= 0 && carry; --i) {
        const quint64 sum = quint64(quint8(counter[i])) + (carry & 0xff);
        counter[i] = char(sum & 0xff);
        carry = (carry >> 8) + (sum >> 8);
    }
}

} // namespace

CtrStream::CtrStream(const QByteArray &key, quint64 requestPacketNo, quint64 skip)
    : m_ctx(std::make_unique<Ctx>())
{
    if (key.size() != 32)
        return;
    QByteArray counter = packetNoIv(requestPacketNo);
    addBlocks(counter, skip / Block);
    m_ctx->cipher = EVP_CIPHER_CTX_new();
    if (!m_ctx->cipher ||
        EVP_EncryptInit_ex(m_ctx->cipher, EVP_aes_256_ctr(), nullptr,
                           reinterpret_cast<const unsigned char *>(key.constData()),
                           reinterpret_cast<const unsigned char *>(counter.constData())) != 1) {
        EVP_CIPHER_CTX_free(m_ctx->cipher);
        m_ctx->cipher = nullptr;
        return;
    }
    m_position = skip - skip % Block;
    char discard[Block] = {};
    apply(discard, qint64(skip % Block));
}

CtrStream::~CtrStream() = default;

bool CtrStream::isValid() const
{
    return m_ctx && m_ctx->cipher;
}

void CtrStream::apply(char *data, qint64 len)
{
    if (len <= 0)
        return;
    auto *p = reinterpret_cast<unsigned char *>(data);
    // A broken stream must not pass the bytes through in clear: the caller checks isValid().
    if (!isValid()) {
        std::fill(p, p + len, 0);
        return;
    }
    while (len > 0) {
        const int chunk = int(std::min<qint64>(len, INT_MAX / 2));
        int out = 0;
        // CTR has no padding and no buffering: out == chunk, in place is allowed.
        if (EVP_EncryptUpdate(m_ctx->cipher, p, &out, p, chunk) != 1 || out != chunk) {
            EVP_CIPHER_CTX_free(m_ctx->cipher);
            m_ctx->cipher = nullptr;
            std::fill(p, p + len, 0);
            return;
        }
        p += chunk;
        len -= chunk;
        m_position += quint64(chunk);
    }
}

} // namespace lanpigeon::crypto
