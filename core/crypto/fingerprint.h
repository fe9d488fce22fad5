// A public key's SHA-256 fingerprint, in the groups a person reads aloud to compare it.
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace lanpigeon::crypto {

struct Fingerprint
{
    // 32 bytes, or empty when no key is known.
    QByteArray sha256;

    bool isNull() const { return sha256.isEmpty(); }
    // Upper-case hex in 16 groups of four, space-separated, e.g. "3F2A 9C01 …"; empty if null.
    QString toString() const;
    // The first four groups, for narrow places (the buddy tooltip); the settings show all.
    QString shortString() const;
    // Lower-case hex without spaces, how history stores it; empty if null.
    QString toHex() const { return QString::fromLatin1(sha256.toHex()); }
    static Fingerprint fromHex(const QString &hex) { return {QByteArray::fromHex(hex.toLatin1())}; }
    // The fingerprint of a public key's SubjectPublicKeyInfo DER, as RsaKey writes it: its
    // SHA-256, with no parse of the key; null if der is empty or hashing fails.
    static Fingerprint ofDer(const QByteArray &der);
    bool operator==(const Fingerprint &o) const { return sha256 == o.sha256; }
    bool operator!=(const Fingerprint &o) const { return sha256 != o.sha256; }
};

} // namespace lanpigeon::crypto

Q_DECLARE_METATYPE(lanpigeon::crypto::Fingerprint)
