#include "ipmsg/hostlistcodec.h"

#include <algorithm>
#include <climits>

namespace lanpigeon::ipmsg {

namespace {

constexpr char Separator = '\a';
// IP Messenger sends an empty nick or group as a lone backspace.
const QByteArray Empty = QByteArrayLiteral("\b");

QByteArray field(const QByteArray &text)
{
    return (text.isEmpty() ? Empty : text) + Separator;
}

// Windows writes the port as htons(port) in decimal (2425 appears as 30985), as v3.x kept it:
// swapping is its own inverse on the wire whatever the host's byte order.
quint16 swapped(quint16 port)
{
    return quint16((port >> 8) | (port << 8));
}

QByteArray encodeEntry(const HostListEntry &e)
{
    return field(e.user) + field(e.host) + QByteArray::number(e.status) + Separator +
           field(e.address) + QByteArray::number(swapped(e.port)) + Separator + field(e.nick) +
           field(e.group);
}

std::optional<qint64> number(const QByteArray &text)
{
    bool ok = false;
    const qint64 n = text.trimmed().toLongLong(&ok);
    if (!ok || n < 0)
        return std::nullopt;
    return n;
}

QByteArray text(const QByteArray &raw)
{
    return raw == Empty ? QByteArray() : raw;
}

} // namespace

QByteArray encodeHostList(const QList<HostListEntry> &hosts, int start, int maxBytes,
                          int *nextStart)
{
    QByteArray entries;
    int count = 0;
    int at = std::max(0, start);
    // The header: next start and count, space-padded to 5 as "%5d\a%5d\a" prints them.
    constexpr int HeaderBytes = 12;
    for (; at < hosts.size(); ++at) {
        const QByteArray entry = encodeEntry(hosts[at]);
        if (count > 0 && HeaderBytes + entries.size() + entry.size() > maxBytes)
            break;
        entries += entry;
        ++count;
    }
    const int next = at < hosts.size() ? at : 0;
    if (nextStart)
        *nextStart = next;
    return QByteArray::number(next).rightJustified(5, ' ') + Separator +
           QByteArray::number(count).rightJustified(5, ' ') + Separator + entries;
}

std::optional<HostListPage> decodeHostList(const QByteArray &body)
{
    // A trailing NUL ends the packet's text, as in every IPMsg body.
    const qsizetype end = body.indexOf('\0');
    const QList<QByteArray> fields = (end < 0 ? body : body.left(end)).split(Separator);
    // "next \a count \a" then 7 fields per host, and what follows the last separator.
    if (fields.size() < 3)
        return std::nullopt;
    const auto next = number(fields[0]);
    const auto count = number(fields[1]);
    if (!next || !count || *next > INT_MAX || (fields.size() - 3) / 7 != *count ||
        (fields.size() - 3) % 7 != 0)
        return std::nullopt;
    HostListPage page;
    page.nextStart = int(*next);
    page.hosts.reserve(int(*count));
    for (qsizetype i = 2; i + 7 <= fields.size() - 1; i += 7) {
        HostListEntry e;
        e.user = text(fields[i]);
        e.host = text(fields[i + 1]);
        const auto status = number(fields[i + 2]);
        e.address = text(fields[i + 3]);
        const auto port = number(fields[i + 4]);
        e.nick = text(fields[i + 5]);
        e.group = text(fields[i + 6]);
        if (!status || *status > 0xFFFFFFFFLL || !port || *port > 0xFFFF || e.address.isEmpty())
            return std::nullopt;
        e.status = quint32(*status);
        e.port = swapped(quint16(*port));
        page.hosts.append(e);
    }
    return page;
}

std::optional<int> decodeGetList(const QByteArray &body)
{
    const qsizetype end = body.indexOf('\0');
    const QByteArray digits = (end < 0 ? body : body.left(end)).trimmed();
    if (digits.isEmpty())
        return 0;
    const auto n = number(digits);
    if (!n || *n > INT_MAX)
        return std::nullopt;
    return int(*n);
}

QByteArray encodeGetList(int start)
{
    return QByteArray::number(std::max(0, start));
}

} // namespace lanpigeon::ipmsg
