#include "common/transferid.h"

namespace lanpigeon {

namespace {

struct Prefix
{
    TransferId::Kind kind;
    QLatin1String text;
};

constexpr Prefix Prefixes[] = {
    {TransferId::Kind::Upload, QLatin1String("up")},
    {TransferId::Kind::Download, QLatin1String("down")},
    {TransferId::Kind::TftpClient, QLatin1String("tftp")},
    {TransferId::Kind::TftpServer, QLatin1String("tftpd")},
};

} // namespace

QString TransferId::toString() const
{
    for (const Prefix &p : Prefixes) {
        if (p.kind == m_kind)
            return p.text + QLatin1Char('-') + QString::number(m_serial);
    }
    return {};
}

std::optional<TransferId> TransferId::fromString(QStringView text)
{
    const qsizetype dash = text.indexOf(QLatin1Char('-'));
    if (dash < 0)
        return std::nullopt;
    const QStringView digits = text.mid(dash + 1);
    // Only the digits toString() writes: no sign, space or leading zero, so each id has one form.
    if (digits.isEmpty() || digits.front() == QLatin1Char('0'))
        return std::nullopt;
    for (const QChar c : digits) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }
    bool ok = false;
    const quint64 serial = digits.toULongLong(&ok);
    if (!ok)
        return std::nullopt;
    const QStringView prefix = text.left(dash);
    for (const Prefix &p : Prefixes) {
        if (prefix == p.text)
            return TransferId(p.kind, serial);
    }
    return std::nullopt;
}

} // namespace lanpigeon
