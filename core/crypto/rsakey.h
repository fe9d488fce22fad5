// An RSA key (public, or a key pair) held by OpenSSL, with the forms IP Messenger puts on the wire.
#pragma once

#include "crypto/fingerprint.h"

#include <QByteArray>
#include <QMetaType>

#include <memory>
#include <optional>

typedef struct evp_pkey_st EVP_PKEY;

namespace lanpigeon::crypto {

// A value type: copies share the OpenSSL key, which is never changed after it is made, so a
// key may be read from any thread.
class RsaKey final
{
public:
    RsaKey() = default;

    // A new key pair, e = 65537. Takes a few hundred milliseconds: never on the GUI thread.
    static RsaKey generate(int bits = 2048);
    // A private key in PKCS#8 or traditional PEM, or a public key in SubjectPublicKeyInfo PEM;
    // nullopt for anything else, or for an RSA key under 1024 or over 8192 bits.
    static std::optional<RsaKey> fromPem(const QByteArray &pem);
    // The public key IP Messenger's ANSPUBKEY carries: big-endian modulus and the exponent.
    // nullopt for a modulus under 1024 or over 8192 bits, or an even or tiny exponent.
    static std::optional<RsaKey> fromModulus(const QByteArray &modulusBigEndian, quint32 exponent);

    bool isNull() const { return !m_key; }
    bool hasPrivate() const { return m_private; }
    int bits() const;
    // Big-endian, without leading zero bytes beyond what the key size needs (256 bytes for 2048).
    QByteArray modulus() const;
    quint32 exponent() const;
    // PKCS#8 PEM of the private key; empty for a public key.
    QByteArray privatePem() const;
    // DER SubjectPublicKeyInfo: what the fingerprint hashes and what the key ring stores.
    QByteArray publicDer() const { return m_der; }
    static std::optional<RsaKey> fromPublicDer(const QByteArray &der);
    // SHA-256 of publicDer().
    Fingerprint fingerprint() const { return m_fingerprint; }

    EVP_PKEY *handle() const { return m_key.get(); }
    bool operator==(const RsaKey &other) const { return m_der == other.m_der; }
    bool operator!=(const RsaKey &other) const { return !(*this == other); }

private:
    // Takes pkey; its DER and fingerprint are made here, once.
    static RsaKey adopt(EVP_PKEY *pkey, bool isPrivate);

    std::shared_ptr<EVP_PKEY> m_key;
    bool m_private = false;
    QByteArray m_der;
    Fingerprint m_fingerprint;
};

} // namespace lanpigeon::crypto
