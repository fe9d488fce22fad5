#include "crypto/fingerprint.h"

#include <QStringList>

#include <openssl/evp.h>

namespace lanpigeon::crypto {

namespace {

QString grouped(const QByteArray &bytes)
{
    const QString hex = QString::fromLatin1(bytes.toHex()).toUpper();
    QStringList groups;
    for (int i = 0; i < hex.size(); i += 4)
        groups.append(hex.mid(i, 4));
    return groups.join(QLatin1Char(' '));
}

} // namespace

Fingerprint Fingerprint::ofDer(const QByteArray &der)
{
    if (der.isEmpty())
        return {};
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int digestLen = 0;
    if (EVP_Digest(der.constData(), static_cast<size_t>(der.size()),
                   reinterpret_cast<unsigned char *>(digest.data()), &digestLen, EVP_sha256(),
                   nullptr) != 1 ||
        digestLen != 32)
        return {};
    return {digest};
}

QString Fingerprint::toString() const
{
    return grouped(sha256);
}

QString Fingerprint::shortString() const
{
    return grouped(sha256.left(8));
}

} // namespace lanpigeon::crypto
