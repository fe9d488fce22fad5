#include "crypto/fingerprint.h"

#include <QStringList>

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

QString Fingerprint::toString() const
{
    return grouped(sha256);
}

QString Fingerprint::shortString() const
{
    return grouped(sha256.left(8));
}

} // namespace lanpigeon::crypto
