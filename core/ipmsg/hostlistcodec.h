// IP Messenger's host list on the wire (GETLIST / ANSLIST): how a host in another subnet learns
// who is on this one (pure functions; ipmsg-extensions.md §3).
#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace lanpigeon::ipmsg {

// One host of a list, as its fields travel: texts in the code page the packet says.
struct HostListEntry
{
    QByteArray user;
    QByteArray host;
    // The host's option bits (ABSENCEOPT, ENCRYPTOPT...); 0, or BR_EXIT in the low byte, means
    // "gone" to IP Messenger.
    quint32 status = 0;
    // As text: IPv4 dotted or IPv6.
    QByteArray address;
    quint16 port = 0;
    QByteArray nick;
    QByteArray group;

    friend bool operator==(const HostListEntry &a, const HostListEntry &b)
    {
        return a.user == b.user && a.host == b.host && a.status == b.status &&
               a.address == b.address && a.port == b.port && a.nick == b.nick &&
               a.group == b.group;
    }
};

// One ANSLIST packet's body: where the next page starts (0: the list is complete) and its hosts.
struct HostListPage
{
    int nextStart = 0;
    QList<HostListEntry> hosts;
};

// IP Messenger caps an ANSLIST at 32 KB less room for the header.
constexpr int MaxHostListBytes = 32 * 1024 - 80;

// The ANSLIST body for hosts from start on, as many as fit in maxBytes; nextStart says where the
// next GETLIST should start, 0 when all were sent. At least one entry goes whatever its size.
QByteArray encodeHostList(const QList<HostListEntry> &hosts, int start, int maxBytes,
                          int *nextStart);
// nullopt for a body that is not a host list: counts that are not numbers or do not match the
// entries, a field missing, a port that is not one.
std::optional<HostListPage> decodeHostList(const QByteArray &body);

// GETLIST's body: the index to start from (empty means 0); nullopt if not a number >= 0.
std::optional<int> decodeGetList(const QByteArray &body);
QByteArray encodeGetList(int start);

} // namespace lanpigeon::ipmsg
