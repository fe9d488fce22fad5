#include "common/transferid.h"

#include "common/enumnames.h"

namespace lanpigeon {

namespace {

constexpr EnumName<TransferId::Kind> KindPrefixes[] = {
    {TransferId::Kind::Upload, "up"},
    {TransferId::Kind::Download, "down"},
    {TransferId::Kind::TftpClient, "tftp"},
    {TransferId::Kind::TftpServer, "tftpd"},
};

} // namespace

QString TransferId::toString() const
{
    return nameOf(KindPrefixes, m_kind) + QLatin1Char('-') + QString::number(m_serial);
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
    if (const auto kind = valueOf(KindPrefixes, text.left(dash)))
        return TransferId(*kind, serial);
    return std::nullopt;
}

} // namespace lanpigeon
