// Test helpers: a whole core node on one loopback address, and a raw-socket fake peer.
#pragma once

#include "crypto/rsakey.h"
#include "files/filetransferservice.h"
#include "files/transferthreads.h"
#include "history/historystore.h"
#include "ipmsg/filelistcodec.h"
#include "ipmsg/ipmsgcodec.h"
#include "messaging/discoveryservice.h"
#include "messaging/messageservice.h"
#include "messaging/udptransport.h"
#include "networknode.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

namespace lanpigeon::test {

// What a peer writes on TCP to fetch a file of an offer from its start: one GETFILEDATA packet,
// NUL-terminated as IP Messenger sends it.
inline QByteArray fetchRequest(quint64 offerPacketNo, quint32 fileId)
{
    ipmsg::Packet req;
    req.version = "1";
    req.packetNo = 1;
    req.user = "x";
    req.host = "y";
    req.command = ipmsg::Mode::GetFileData;
    req.extra = ipmsg::buildFileRequest({offerPacketNo, fileId, 0}, true) + '\0';
    return ipmsg::encodePacket(req) + '\0';
}

// A transferFinished() as the spy recorded it.
inline TransferResult result(const QList<QVariant> &args)
{
    return args.at(0).value<TransferResult>();
}

inline void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every file below dir, relative path -> sha256 ("dir" for a folder), to compare trees.
inline QMap<QString, QByteArray> tree(const QString &dir)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        out.insert(QDir(dir).relativeFilePath(it.filePath()),
                   it.fileInfo().isDir() ? QByteArray("dir")
                                         : QCryptographicHash::hash(readFile(it.filePath()),
                                                                    QCryptographicHash::Sha256));
    }
    return out;
}

// The same noise for the same seed, to send and compare without keeping a copy.
inline QByteArray randomBytes(int n, quint32 seed)
{
    QByteArray b(n, Qt::Uninitialized);
    quint32 x = seed;
    for (int i = 0; i < n; ++i) {
        x = x * 1664525u + 1013904223u;
        b[i] = char(x >> 24);
    }
    return b;
}

// One of a few keys made once per test process: making one takes ~0.3 s, and tests start many
// nodes. Nodes started one after another get different ones (a test of two peers needs two).
inline crypto::RsaKey sharedTestKey()
{
    static QList<crypto::RsaKey> keys;
    static int next = 0;
    constexpr int Count = 4;
    const int i = next++ % Count;
    if (keys.size() <= i)
        keys.append(crypto::RsaKey::generate());
    return keys.at(i);
}

// Gives the profile at dir a key of sharedTestKey()'s, as if made on an earlier start.
inline void giveTestKey(const QString &dir)
{
    QFile pem(dir + QStringLiteral("/identity.pem"));
    if (pem.exists())
        return;
    if (pem.open(QIODevice::WriteOnly)) {
        pem.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        pem.write(sharedTestKey().privatePem());
    }
}

// The same NetworkNode as Messenger's, kept on the test's thread so tests call it directly.
struct TestNode
{
    NodeConfig config;
    QTemporaryDir dir;
    std::unique_ptr<NetworkNode> node;
    // The node's services, once started.
    UdpTransport *transport = nullptr;
    DiscoveryService *discovery = nullptr;
    HistoryStore *history = nullptr;
    MessageService *messages = nullptr;
    FileTransferService *files = nullptr;
    TransferThreads *threads = nullptr;

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
        // History and the last packet number go here, and the node's key.
        config.profileDir = dir.path();
        giveTestKey(dir.path());
    }

    // Builds the node from config (so tests can change config first) and starts it.
    bool start()
    {
        node = std::make_unique<NetworkNode>(config);
        transport = node->transport();
        discovery = node->discovery();
        history = node->history();
        messages = node->messages();
        files = node->files();
        threads = node->transferThreads();
        if (const auto failure = node->start()) {
            qWarning("%s", qPrintable(failure->error));
            return false;
        }
        return true;
    }

    QString id() const
    {
        return config.bindAddress.toString() + QLatin1Char(':') + QString::number(config.port);
    }
};

// A messageStateChanged spy's last state seen per (messageId, peerId).
inline QHash<QPair<QString, QString>, DeliveryState> states(const QSignalSpy &spy)
{
    QHash<QPair<QString, QString>, DeliveryState> out;
    for (const QList<QVariant> &args : spy)
        out[{args.at(0).toString(), args.at(1).toString()}] = args.at(2).value<DeliveryState>();
    return out;
}

// Starts two nodes that announce to each other and waits until each lists the other.
inline bool startPair(TestNode &a, TestNode &b)
{
    return a.start() && b.start() &&
           QTest::qWaitFor([&] { return a.discovery->peer(b.id()) && b.discovery->peer(a.id()); });
}

// Speaks raw IPMsg from its own address, to script what real or hostile clients do.
class FakePeer
{
public:
    // Its login: fakes with one login are one person on several addresses, as discovery joins
    // them.
    QByteArray user = "fake";

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
        p.user = user;
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
