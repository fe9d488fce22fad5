#include "messaging/networkdiagnosis.h"

#include <QNetworkInterface>

#include <algorithm>

namespace lanpigeon {

namespace {

bool isAny(const QHostAddress &address)
{
    return address.isNull() || address == QHostAddress::AnyIPv4 || address == QHostAddress::Any;
}

bool hasIpv4(const InterfaceFacts &iface)
{
    return !iface.addresses.isEmpty();
}

} // namespace

QList<InterfaceFacts> currentInterfaces()
{
    QList<InterfaceFacts> out;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &iface : interfaces) {
        InterfaceFacts facts;
        facts.name = iface.humanReadableName();
        facts.index = iface.index();
        const auto flags = iface.flags();
        facts.up = (flags & QNetworkInterface::IsUp) && (flags & QNetworkInterface::IsRunning);
        facts.loopback = flags & QNetworkInterface::IsLoopBack;
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            if (entry.ip().protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            facts.addresses.append({entry.ip(), entry.broadcast(), entry.prefixLength()});
        }
        out.append(facts);
    }
    return out;
}

Diagnosis diagnose(const QList<InterfaceFacts> &interfaces, const SocketFacts &socket,
                   int peersKnown)
{
    if (!socket.bound) {
        if (socket.bindError == QAbstractSocket::AddressInUseError)
            return Diagnosis::PortHeldByOther;
        if (socket.bindError == QAbstractSocket::SocketAddressNotAvailableError)
            return Diagnosis::BindAddressMissing;
        return Diagnosis::None;
    }
    const bool bindAddressHere =
        isAny(socket.bindAddress) ||
        std::any_of(interfaces.cbegin(), interfaces.cend(), [&](const InterfaceFacts &iface) {
            return iface.up &&
                   std::any_of(iface.addresses.cbegin(), iface.addresses.cend(),
                               [&](const InterfaceFacts::Address &a) {
                                   // Loopback answers for its whole subnet.
                                   return a.ip == socket.bindAddress ||
                                          (iface.loopback &&
                                           socket.bindAddress.isInSubnet(a.ip, a.prefixLength));
                               });
        });
    // Checked before any answer: an address gone since start leaves the peers we knew
    // unreachable, though they stay listed until they time out.
    if (!bindAddressHere)
        return Diagnosis::BindAddressMissing;
    if (peersKnown > 0)
        return Diagnosis::None;
    const bool lanUp =
        std::any_of(interfaces.cbegin(), interfaces.cend(), [](const InterfaceFacts &iface) {
            return !iface.loopback && iface.up && hasIpv4(iface);
        });
    if (!lanUp) {
        const bool anyLan =
            std::any_of(interfaces.cbegin(), interfaces.cend(),
                        [](const InterfaceFacts &iface) { return !iface.loopback; });
        const bool loopbackUp =
            std::any_of(interfaces.cbegin(), interfaces.cend(), [](const InterfaceFacts &iface) {
                return iface.loopback && iface.up && hasIpv4(iface);
            });
        return !anyLan && loopbackUp ? Diagnosis::OnlyLoopback : Diagnosis::NoInterfaceUp;
    }
    if (socket.bindAddress.isLoopback())
        return Diagnosis::OnlyLoopback;
    return Diagnosis::NoAnswer;
}

QString diagnosisName(Diagnosis diagnosis)
{
    switch (diagnosis) {
    case Diagnosis::None:
        return QStringLiteral("none");
    case Diagnosis::NoInterfaceUp:
        return QStringLiteral("no-interface-up");
    case Diagnosis::OnlyLoopback:
        return QStringLiteral("only-loopback");
    case Diagnosis::BindAddressMissing:
        return QStringLiteral("bind-address-missing");
    case Diagnosis::PortHeldByOther:
        return QStringLiteral("port-held-by-other");
    case Diagnosis::NoAnswer:
        return QStringLiteral("no-answer");
    }
    return QStringLiteral("none");
}

} // namespace lanpigeon
