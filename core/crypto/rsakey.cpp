#include "crypto/rsakey.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace lanpigeon::crypto {

namespace {

constexpr int MinBits = 1024;
constexpr int MaxBits = 8192;

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
struct BnFree
{
    void operator()(BIGNUM *b) const { BN_free(b); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

// OpenSSL leaves the reasons of a refusal in the thread's error queue; a refused hostile input
// must not leave them for the next user of OpenSSL on this thread (Qt's TLS reads that queue).
struct ClearErrorsOnExit
{
    ~ClearErrorsOnExit() { ERR_clear_error(); }
};

std::shared_ptr<EVP_PKEY> wrap(EVP_PKEY *key)
{
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

// An encrypted PEM must fail, never prompt on the terminal for a pass phrase.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

bool acceptable(EVP_PKEY *key)
{
    if (!key || !EVP_PKEY_is_a(key, "RSA"))
        return false;
    const int bits = EVP_PKEY_get_bits(key);
    return bits >= MinBits && bits <= MaxBits;
}

BnPtr bnParam(EVP_PKEY *key, const char *name)
{
    BIGNUM *bn = nullptr;
    if (!key || EVP_PKEY_get_bn_param(key, name, &bn) != 1)
        return {};
    return BnPtr(bn);
}

} // namespace

RsaKey RsaKey::generate(int bits)
{
    const ClearErrorsOnExit clearErrors;
    EVP_PKEY *pkey = EVP_RSA_gen(static_cast<unsigned int>(bits));
    if (!pkey)
        return {};
    return adopt(pkey, true);
}

std::optional<RsaKey> RsaKey::fromPem(const QByteArray &pem)
{
    const ClearErrorsOnExit clearErrors;
    if (pem.isEmpty() || pem.size() > 64 * 1024)
        return std::nullopt;
    {
        BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
        EVP_PKEY *pkey =
            bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr;
        if (pkey) {
            const bool ok = acceptable(pkey);
            RsaKey key = ok ? adopt(pkey, true) : RsaKey();
            if (!ok) {
                EVP_PKEY_free(pkey);
                return std::nullopt;
            }
            return key;
        }
    }
    BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    EVP_PKEY *pkey = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, noPassphrase, nullptr) : nullptr;
    if (!pkey)
        return std::nullopt;
    if (!acceptable(pkey)) {
        EVP_PKEY_free(pkey);
        return std::nullopt;
    }
    return adopt(pkey, false);
}

std::optional<RsaKey> RsaKey::fromModulus(const QByteArray &modulusBigEndian, quint32 exponent)
{
    const ClearErrorsOnExit clearErrors;
    if (exponent < 3 || exponent % 2 == 0 || modulusBigEndian.size() > MaxBits / 8 + 64)
        return std::nullopt;
    BnPtr n(BN_bin2bn(reinterpret_cast<const unsigned char *>(modulusBigEndian.constData()),
                      static_cast<int>(modulusBigEndian.size()), nullptr));
    BnPtr e(BN_new());
    if (!n || !e || BN_set_word(e.get(), exponent) != 1)
        return std::nullopt;
    const int bits = BN_num_bits(n.get());
    // An even modulus is no RSA modulus; refusing it keeps OpenSSL off degenerate input.
    if (bits < MinBits || bits > MaxBits || !BN_is_odd(n.get()))
        return std::nullopt;

    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    if (!bld)
        return std::nullopt;
    OSSL_PARAM *params = nullptr;
    if (OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n.get()) == 1 &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e.get()) == 1)
        params = OSSL_PARAM_BLD_to_param(bld);
    OSSL_PARAM_BLD_free(bld);
    if (!params)
        return std::nullopt;

    EVP_PKEY *pkey = nullptr;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    if (ctx && EVP_PKEY_fromdata_init(ctx) == 1)
        EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params);
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    if (!pkey)
        return std::nullopt;
    return adopt(pkey, false);
}

int RsaKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

QByteArray RsaKey::modulus() const
{
    const BnPtr n = bnParam(m_key.get(), OSSL_PKEY_PARAM_RSA_N);
    if (!n)
        return {};
    QByteArray out(BN_num_bytes(n.get()), Qt::Uninitialized);
    BN_bn2bin(n.get(), reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

quint32 RsaKey::exponent() const
{
    const BnPtr e = bnParam(m_key.get(), OSSL_PKEY_PARAM_RSA_E);
    if (!e || BN_num_bits(e.get()) > 32)
        return 0;
    return static_cast<quint32>(BN_get_word(e.get()));
}

QByteArray RsaKey::privatePem() const
{
    if (!m_key || !m_private)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    // PEM_write_bio_PrivateKey writes PKCS#8 ("BEGIN PRIVATE KEY") in OpenSSL 3.
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1)
        return {};
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(len));
}

RsaKey RsaKey::adopt(EVP_PKEY *pkey, bool isPrivate)
{
    RsaKey key;
    key.m_key = wrap(pkey);
    key.m_private = isPrivate;
    // Once per key, and in one call: OpenSSL 3 looks up an encoder for every i2d_PUBKEY (about
    // 70 us here, where the rest of reading a key takes 5), and the key ring wants the DER and
    // the fingerprint of every key it is shown (200 hosts: 40,000 keys shown).
    unsigned char *out = nullptr;
    const int len = i2d_PUBKEY(pkey, &out);
    if (len <= 0 || !out)
        return key;
    const QByteArray der(reinterpret_cast<const char *>(out), len);
    OPENSSL_free(out);
    key.m_fingerprint = Fingerprint::ofDer(der);
    key.m_der = der;
    return key;
}

std::optional<RsaKey> RsaKey::fromPublicDer(const QByteArray &der)
{
    const ClearErrorsOnExit clearErrors;
    if (der.isEmpty() || der.size() > 64 * 1024)
        return std::nullopt;
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    EVP_PKEY *pkey = d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size()));
    if (!pkey)
        return std::nullopt;
    // Trailing bytes mean it is not the DER we wrote: refuse rather than half-read it.
    if (p != reinterpret_cast<const unsigned char *>(der.constData()) + der.size() ||
        !acceptable(pkey)) {
        EVP_PKEY_free(pkey);
        return std::nullopt;
    }
    return adopt(pkey, false);
}

} // namespace lanpigeon::crypto
