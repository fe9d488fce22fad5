// Test helpers: a whole core node on one loopback address, and a raw-socket fake peer.
#pragma once

#include "messaging/discoveryservice.h"
#include "files/filetransferservice.h"
#include "history/historystore.h"
#include "ipmsg/ipmsgcodec.h"
#include "messaging/messageservice.h"
#include "files/transferthreads.h"
#include "messaging/udptransport.h"

#include <QNetworkDatagram>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

namespace lanpigeon::test {

struct TestNode
{
    NodeConfig config;
    QTemporaryDir dir;
    std::unique_ptr<UdpTransport> transport;
    std::unique_ptr<DiscoveryService> discovery;
    std::unique_ptr<HistoryStore> history;
    std::unique_ptr<MessageService> messages;
    // Declared before the threads, so the threads (and their workers) go first.
    std::unique_ptr<FileTransferService> files;
    std::unique_ptr<TransferThreads> threads;

    TestNode(const QString &ip, quint16 port, const QString &nick,
             const QList<QHostAddress> &extraHosts = {})
    {
        config.bindAddress = QHostAddress(ip);
        config.port = port;
        config.nick = nick;
        config.group = QStringLiteral("test");
        config.user = nick.toLower();
        config.host = QStringLiteral("host-") + nick.toLower();
        config.extraHosts = extraHosts;
        config.broadcast = false;
        config.announceIntervalMs = 200;
        config.peerTimeoutMs = 800;
        config.retryIntervalMs = 100;
        config.maxAttempts = 4;
        config.transferIdleTimeoutMs = 1500;
    }

    // Builds the services from config (so tests can change config first) and starts them.
    bool start()
    {
        transport = std::make_unique<UdpTransport>();
        discovery = std::make_unique<DiscoveryService>(transport.get(), config);
        history = std::make_unique<HistoryStore>();
        messages = std::make_unique<MessageService>(transport.get(), discovery.get(), history.get(),
                                                    config);
        threads = std::make_unique<TransferThreads>(2);
        files = std::make_unique<FileTransferService>(transport.get(), discovery.get(),
                                                      messages.get(), threads.get(), config);
        QString error;
        if (!history->open(dir.filePath(QStringLiteral("history.sqlite")), &error) ||
            !transport->open(config.bindAddress, config.port, &error) || !files->open(&error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        transport->setIdentity(config.user.toUtf8(), config.host.toUtf8());
        discovery->start();
        return true;
    }

    QString id() const
    {
        return config.bindAddress.toString() + QLatin1Char(':') + QString::number(config.port);
    }
};

// Starts two nodes that announce to each other and waits until each lists the other.
inline bool startPair(TestNode &a, TestNode &b)
{
    return a.start() && b.start() && QTest::qWaitFor([&] {
               return a.discovery->peer(b.id()) && b.discovery->peer(a.id());
           });
}

// Speaks raw IPMsg from its own address, to script what real or hostile clients do.
class FakePeer
{
public:
    FakePeer(const QString &ip, quint16 port)
        : m_address(ip)
        , m_port(port)
    {
        QVERIFY(m_socket.bind(m_address, port));
    }

    void send(const QByteArray &datagram, const QHostAddress &to, quint16 port)
    {
        m_socket.writeDatagram(datagram, to, port);
    }

    void send(quint64 packetNo, quint32 command, const QByteArray &extra, const QHostAddress &to,
              quint16 port, const QByteArray &version = "1_iptux 0.8.3")
    {
        ipmsg::Packet p;
        p.version = version;
        p.packetNo = packetNo;
        p.user = "fake";
        p.host = "fakehost";
        p.command = command;
        p.extra = extra;
        send(ipmsg::encodePacket(p), to, port);
    }

    // Drains the socket into received(); returns packets of this mode seen so far.
    QList<ipmsg::Packet> packets(quint32 mode)
    {
        drain();
        QList<ipmsg::Packet> out;
        for (const ipmsg::Packet &p : std::as_const(m_received)) {
            if (p.mode() == mode)
                out.append(p);
        }
        return out;
    }

    bool waitFor(quint32 mode, int count, int timeoutMs = 5000)
    {
        QElapsedTimer t;
        t.start();
        while (packets(mode).size() < count) {
            if (t.elapsed() > timeoutMs)
                return false;
            QTest::qWait(10);
        }
        return true;
    }

    QHostAddress address() const { return m_address; }

private:
    void drain()
    {
        while (m_socket.hasPendingDatagrams()) {
            const QNetworkDatagram d = m_socket.receiveDatagram();
            const ipmsg::ParsedPacket parsed = ipmsg::parsePacket(d.data());
            if (parsed.ok())
                m_received.append(parsed.packet);
        }
    }

    QHostAddress m_address;
    quint16 m_port;
    QUdpSocket m_socket;
    QList<ipmsg::Packet> m_received;
};

} // namespace lanpigeon::test
