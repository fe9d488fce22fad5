#include "messaging/udptransport.h"

#include "common/clock.h"
#include "common/threadcheck.h"
#include "messaging/messaginglog.h"

#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QUdpSocket>
#include <QVariant>

#include <algorithm>

namespace lanpigeon {

namespace {
constexpr int RememberedSent = 1024;
// Enough for a burst of thousands of datagrams while the event loop is busy.
constexpr int ReceiveBuffer = 4 * 1024 * 1024;
} // namespace

UdpTransport::UdpTransport(QObject *parent)
    : QObject(parent)
    , m_socket(new QUdpSocket(this))
    // Seconds since the epoch: a restarted node starts above the numbers it used before.
    , m_nextPacketNo(quint64(clock::wallMs() / 1000))
{
    listen(m_socket);
}

UdpTransport::~UdpTransport() = default;

QByteArray UdpTransport::protocolVersion()
{
    return QByteArrayLiteral("1_LanPigeon " LANPIGEON_VERSION);
}

void UdpTransport::listen(QUdpSocket *socket)
{
    connect(socket, &QUdpSocket::readyRead, this, [this, socket] { readPending(socket); });
}

namespace {

bool bindSocket(QUdpSocket *socket, const QHostAddress &address, quint16 port, QString *error)
{
    if (!socket->bind(address, port, QAbstractSocket::DontShareAddress)) {
        if (error)
            *error = UdpTransport::tr("cannot bind UDP %1:%2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(socket->errorString());
        return false;
    }
    socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, ReceiveBuffer);
    return true;
}

} // namespace

bool UdpTransport::open(const QHostAddress &address, quint16 port, QString *error)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (!bindSocket(m_socket, address, port, error))
        return false;
    refreshInterfaces();
    return true;
}

std::unique_ptr<QUdpSocket> UdpTransport::bind(const QHostAddress &address, quint16 port,
                                               QString *error, QAbstractSocket::SocketError *why)
{
    auto socket = std::make_unique<QUdpSocket>();
    if (bindSocket(socket.get(), address, port, error))
        return socket;
    if (why)
        *why = socket->error();
    return nullptr;
}

void UdpTransport::switchTo(std::unique_ptr<QUdpSocket> socket)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_retired.append(m_socket);
    m_socket = socket.release();
    m_socket->setParent(this);
    listen(m_socket);
    refreshInterfaces();
}

void UdpTransport::closeSocket()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_socket->close();
}

void UdpTransport::closeRetired()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    qDeleteAll(m_retired);
    m_retired.clear();
}

void UdpTransport::refreshInterfaces()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_localAddresses = QNetworkInterface::allAddresses();
    m_routes.clear();
    const QList<InterfaceFacts> interfaces = currentInterfaces();
    for (const InterfaceFacts &iface : interfaces) {
        for (const InterfaceFacts::Address &a : iface.addresses) {
            QHostAddress broadcast = a.broadcast;
            // Loopback reports none, yet the kernel delivers 127.255.255.255 as a broadcast.
            if (broadcast.isNull() && a.prefixLength >= 0 && a.prefixLength < 31)
                broadcast = QHostAddress(a.ip.toIPv4Address() | (0xffffffffu >> a.prefixLength));
            m_routes.append({iface.index, a.ip, a.prefixLength, broadcast});
        }
    }
}

int UdpTransport::interfaceFor(const QHostAddress &to) const
{
    for (const Route &r : m_routes) {
        if (!r.broadcast.isNull() && r.broadcast == to)
            return r.index;
    }
    for (const Route &r : m_routes) {
        if (r.ip == to || (r.prefixLength >= 0 && to.isInSubnet(r.ip, r.prefixLength)))
            return r.index;
    }
    return 0;
}

UdpTransport::Delivery UdpTransport::deliveryOf(const QHostAddress &destination) const
{
    if (destination == QHostAddress(QHostAddress::Broadcast))
        return Delivery::Broadcast;
    for (const Route &r : m_routes) {
        if (!r.broadcast.isNull() && r.broadcast == destination)
            return Delivery::Broadcast;
    }
    return Delivery::Direct;
}

QHostAddress UdpTransport::broadcastFor(const QHostAddress &address) const
{
    for (const Route &r : m_routes) {
        if (!r.broadcast.isNull() && r.prefixLength >= 0 &&
            address.isInSubnet(r.ip, r.prefixLength))
            return r.broadcast;
    }
    return {};
}

bool UdpTransport::isOpen() const
{
    return m_socket->state() == QAbstractSocket::BoundState;
}

QAbstractSocket::SocketError UdpTransport::socketError() const
{
    return m_socket->error();
}

QHostAddress UdpTransport::localAddress() const
{
    return m_socket->localAddress();
}

quint16 UdpTransport::localPort() const
{
    return m_socket->localPort();
}

void UdpTransport::setIdentity(const QByteArray &user, const QByteArray &host)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_user = user;
    m_host = host;
}

void UdpTransport::setFirstPacketNo(quint64 first)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_nextPacketNo = std::max(m_nextPacketNo.load(), first);
}

ipmsg::Packet UdpTransport::makePacket(quint32 command, const QByteArray &extra)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    ipmsg::Packet p;
    p.version = protocolVersion();
    p.packetNo = m_nextPacketNo++;
    p.user = m_user;
    p.host = m_host;
    p.command = command;
    p.extra = extra;
    return p;
}

bool UdpTransport::send(const ipmsg::Packet &packet, const QHostAddress &to, quint16 port,
                        QString *error)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (!m_sent.contains(packet.packetNo)) {
        m_sent.insert(packet.packetNo);
        m_sentOrder.append(packet.packetNo);
        if (m_sentOrder.size() > RememberedSent)
            m_sent.remove(m_sentOrder.takeFirst());
    }
    if (!sendRaw(ipmsg::encodePacket(packet), to, port, error))
        return false;
    m_traffic[interfaceFor(to)].sent = {clock::wallMs(), packet.command, to};
    return true;
}

bool UdpTransport::sendRaw(const QByteArray &datagram, const QHostAddress &to, quint16 port,
                           QString *error)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (datagram.size() > ipmsg::MaxDatagram) {
        if (error)
            *error = tr("packet of %1 bytes exceeds the UDP limit of %2 bytes")
                         .arg(datagram.size())
                         .arg(ipmsg::MaxDatagram);
        return false;
    }
    const qint64 written = m_socket->writeDatagram(datagram, to, port);
    if (written != datagram.size()) {
        qCInfo(lcTransport, "cannot send %lld bytes to %s:%u: %s", qint64(datagram.size()),
               qPrintable(to.toString()), port, qPrintable(m_socket->errorString()));
        if (error)
            *error = tr("cannot send to %1:%2: %3")
                         .arg(to.toString())
                         .arg(port)
                         .arg(m_socket->errorString());
        return false;
    }
    return true;
}

bool UdpTransport::isOwnEcho(const ipmsg::Packet &packet, const QHostAddress &from,
                             quint16 port) const
{
    if (!m_sent.contains(packet.packetNo))
        return false;
    // What the socket before a switchTo() sent may come back to either.
    const QUdpSocket *socket = m_socket;
    if (port != m_socket->localPort()) {
        const auto retired =
            std::find_if(m_retired.cbegin(), m_retired.cend(),
                         [port](const QUdpSocket *s) { return s->localPort() == port; });
        if (retired == m_retired.cend())
            return false;
        socket = *retired;
    }
    if (packet.user != m_user || packet.host != m_host || packet.version != protocolVersion())
        return false;
    const QHostAddress bound = socket->localAddress();
    if (bound != QHostAddress::AnyIPv4 && bound != QHostAddress::Any)
        return from.isEqual(bound, QHostAddress::ConvertV4MappedToIPv4);
    auto isFrom = [&from](const QList<QHostAddress> &addresses) {
        return std::any_of(addresses.cbegin(), addresses.cend(), [&](const QHostAddress &local) {
            return from.isEqual(local, QHostAddress::ConvertV4MappedToIPv4);
        });
    };
    // Our number, our names: an address that came up since the last read (announce targets
    // are read live; the interface watcher catches up within seconds) must not list us as a
    // peer of our own.
    return isFrom(m_localAddresses) || isFrom(QNetworkInterface::allAddresses());
}

void UdpTransport::reportMalformed(const QHostAddress &from, quint16 port, const QString &reason)
{
    // A hostile peer can send 100,000 datagrams a second; each report crosses to the GUI
    // thread, so only a few a second are passed on, then one line says how many were not.
    if (!m_reportWindow.isValid() || m_reportWindow.elapsed() >= 1000) {
        if (m_reportsSuppressed > 0) {
            qCInfo(lcTransport, "dropped %d more malformed datagrams in the last second",
                   m_reportsSuppressed);
            emit malformedDatagram(from, port,
                                   tr("%n more malformed datagram(s) in the last second not "
                                      "reported one by one",
                                      nullptr, m_reportsSuppressed));
        }
        m_reportWindow.start();
        m_reportsInWindow = 0;
        m_reportsSuppressed = 0;
    }
    if (m_reportsInWindow++ < MaxReportsPerSecond) {
        qCInfo(lcTransport, "dropped a datagram from %s:%u: %s", qPrintable(from.toString()), port,
               qPrintable(reason));
        emit malformedDatagram(from, port, reason);
    } else {
        ++m_reportsSuppressed;
    }
}

void UdpTransport::readPending(QUdpSocket *socket)
{
    while (socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = socket->receiveDatagram(ipmsg::MaxDatagram + 1);
        if (!datagram.isValid())
            continue;
        const QHostAddress from(datagram.senderAddress().toIPv4Address());
        const quint16 port = quint16(datagram.senderPort());
        const ipmsg::ParsedPacket parsed = ipmsg::parsePacket(datagram.data());
        if (!parsed.ok()) {
            reportMalformed(from, port, ipmsg::describe(parsed.error));
            continue;
        }
        if (isOwnEcho(parsed.packet, from, port))
            continue;
        const int index =
            datagram.interfaceIndex() ? int(datagram.interfaceIndex()) : interfaceFor(from);
        m_traffic[index].received = {clock::wallMs(), parsed.packet.command, from};
        // Without IP_PKTINFO the destination is unknown: taken as ours alone, answered at once.
        emit packetReceived(
            parsed.packet, from, port,
            deliveryOf(QHostAddress(datagram.destinationAddress().toIPv4Address())));
    }
}

} // namespace lanpigeon
