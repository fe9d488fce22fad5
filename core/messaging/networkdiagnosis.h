// Why nobody answers: a typed diagnosis from this machine's interfaces and our socket's state.
#pragma once

#include <QAbstractSocket>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>

namespace lanpigeon {

// What keeps peers from seeing us, most certain first. The window and lanpigeon-cli say each in
// their own words; the names below (diagnosisName()) are what `peers --diagnose` prints.
enum class Diagnosis
{
    // Someone answered, or nothing is known to be wrong.
    None,
    // Interfaces exist but none is up with an IPv4 address (cable out, Wi-Fi off).
    NoInterfaceUp,
    // Loopback is all there is, or we are bound to a loopback address: only this machine hears.
    OnlyLoopback,
    // The bind address is not on any interface (DHCP gave another, the adapter is gone).
    BindAddressMissing,
    // Another program holds our UDP or TCP port, so we could not take it.
    PortHeldByOther,
    // Interfaces and socket look fine and still nobody answered: a firewall, or peers on
    // another subnet that broadcast does not reach.
    NoAnswer,
};

// One network interface as the diagnosis and the Network page see it (QNetworkInterface's
// facts, so tests can feed in machines they do not have).
struct InterfaceFacts
{
    struct Address
    {
        QHostAddress ip;
        // Null where the interface cannot broadcast.
        QHostAddress broadcast;
        int prefixLength = -1;
    };
    QString name;
    int index = 0;
    // Up and running (a cable in, a link).
    bool up = false;
    bool loopback = false;
    // IPv4 only: IP Messenger speaks no IPv6.
    QList<Address> addresses;
};

struct SocketFacts
{
    QHostAddress bindAddress = QHostAddress::AnyIPv4;
    quint16 port = 0;
    bool bound = false;
    // Why binding the UDP socket or the TCP listener failed, when it did.
    QAbstractSocket::SocketError bindError = QAbstractSocket::UnknownSocketError;
};

// The last datagram one way through one interface.
struct PacketMark
{
    // Wall clock: shown to people, never used to time anything.
    qint64 wallMs = 0;
    quint32 command = 0;
    QHostAddress peer;
    bool isValid() const { return wallMs > 0; }
};

struct InterfaceTraffic
{
    PacketMark sent;
    PacketMark received;
};

// What the Network page shows, copied on the network thread so the GUI thread reads it
// without a lock.
struct NetworkSnapshot
{
    QList<InterfaceFacts> interfaces;
    // By InterfaceFacts::index; 0 holds datagrams no interface of ours was found for.
    QHash<int, InterfaceTraffic> traffic;
    SocketFacts socket;
    int peersKnown = 0;
    Diagnosis diagnosis = Diagnosis::None;
};

// This machine's interfaces now, IPv4 addresses only.
QList<InterfaceFacts> currentInterfaces();

// peersKnown: how many peers answered so far.
Diagnosis diagnose(const QList<InterfaceFacts> &interfaces, const SocketFacts &socket,
                   int peersKnown);

// A stable English name for scripts and JSON: none, no-interface-up, only-loopback,
// bind-address-missing, port-held-by-other, no-answer.
QString diagnosisName(Diagnosis diagnosis);

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::Diagnosis)
Q_DECLARE_METATYPE(lanpigeon::NetworkSnapshot)
