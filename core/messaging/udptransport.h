// Owns the IPMsg UDP socket: numbers, encodes and sends packets; parses what arrives.
#pragma once

#include "ipmsg/ipmsgcodec.h"
#include "messaging/networkdiagnosis.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>

#include <atomic>
#include <memory>

class QUdpSocket;

namespace lanpigeon {

// On the network thread (see NetworkNode): every method runs there, which it asserts.
class UdpTransport final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpTransport)

public:
    // How a datagram reached us: sent to our address, or to a broadcast address.
    enum class Delivery
    {
        Direct,
        Broadcast
    };
    Q_ENUM(Delivery)

    explicit UdpTransport(QObject *parent = nullptr);
    ~UdpTransport() override;

    bool open(const QHostAddress &address, quint16 port, QString *error);
    bool isOpen() const;
    // Why open() failed.
    QAbstractSocket::SocketError socketError() const;
    // A socket bound at address:port for switchTo(), or null with error and why set; nothing
    // of ours changes either way, so a port in use leaves us where we are.
    static std::unique_ptr<QUdpSocket> bind(const QHostAddress &address, quint16 port,
                                            QString *error, QAbstractSocket::SocketError *why);
    // Sends from socket from now on. The socket before still hands on what arrives on it (late
    // answers to what it sent, releases of offers made from it) until closeRetired().
    void switchTo(std::unique_ptr<QUdpSocket> socket);
    void closeRetired();
    // Lets go of the port, for a switchTo() a socket at the same port.
    void closeSocket();
    QHostAddress localAddress() const;
    quint16 localPort() const;

    void setIdentity(const QByteArray &user, const QByteArray &host);
    // Packet numbers never go backwards, even across restarts (iptux drops old ones).
    void setFirstPacketNo(quint64 first);
    quint64 lastPacketNo() const { return m_nextPacketNo - 1; }

    ipmsg::Packet makePacket(quint32 command, const QByteArray &extra);
    // A fresh packet number from any thread: a transfer thread numbers each encrypted file
    // request the moment it sends it, so the sender's replay check sees them go up.
    quint64 takePacketNo() { return m_nextPacketNo++; }
    // Returns false and sets error when the datagram could not be sent.
    bool send(const ipmsg::Packet &packet, const QHostAddress &to, quint16 port,
              QString *error = nullptr);
    bool sendRaw(const QByteArray &datagram, const QHostAddress &to, quint16 port,
                 QString *error = nullptr);

    static QByteArray protocolVersion();

    // The last datagram each way per interface, as of now.
    QHash<int, InterfaceTraffic> traffic() const { return m_traffic; }
    // Reads the interfaces again, so one that came up since open() has its traffic counted,
    // its broadcasts told from unicast and our own echoes on it known as ours.
    void refreshInterfaces();
    // Broadcast for a broadcast address of one of our subnets (as of the last read), else Direct.
    Delivery deliveryOf(const QHostAddress &destination) const;
    // The broadcast address of our subnet that holds address; null if none does.
    QHostAddress broadcastFor(const QHostAddress &address) const;

signals:
    void packetReceived(const lanpigeon::ipmsg::Packet &packet, const QHostAddress &from,
                        quint16 port, lanpigeon::UdpTransport::Delivery delivery);
    void malformedDatagram(const QHostAddress &from, quint16 port, const QString &reason);

private:
    void listen(QUdpSocket *socket);
    void readPending(QUdpSocket *socket);
    void reportMalformed(const QHostAddress &from, quint16 port, const QString &reason);
    bool isOwnEcho(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port) const;

    // The interface a datagram to `to` leaves by, as far as our own subnets tell; 0 if none.
    int interfaceFor(const QHostAddress &to) const;

    struct Route
    {
        int index = 0;
        QHostAddress ip;
        int prefixLength = -1;
        QHostAddress broadcast;
    };

    QUdpSocket *m_socket;
    // Sockets we sent from before switchTo(), still read until closeRetired().
    QList<QUdpSocket *> m_retired;
    QByteArray m_user;
    QByteArray m_host;
    std::atomic<quint64> m_nextPacketNo;
    // Recently sent numbers, to recognise our own broadcasts coming back.
    QList<quint64> m_sentOrder;
    QSet<quint64> m_sent;
    QList<QHostAddress> m_localAddresses;
    QList<Route> m_routes;
    QHash<int, InterfaceTraffic> m_traffic;
    static constexpr int MaxReportsPerSecond = 20;
    QElapsedTimer m_reportWindow;
    int m_reportsInWindow = 0;
    int m_reportsSuppressed = 0;
};

} // namespace lanpigeon
