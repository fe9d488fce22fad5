// TFTP server and client on loopback: options, rollover, netascii, every refusal, and a lossy
// proxy that drops, duplicates and delays chosen datagrams.
#include "tftp/tftpclient.h"
#include "tftp/tftpserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUdpSocket>

#include <functional>

using namespace lanpigeon::tftp;

namespace {

const QHostAddress Local(QStringLiteral("127.0.0.1"));

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator g(seed);
    g.fillRange(reinterpret_cast<quint32 *>(b.data()), n / 4);
    return b;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Sits between client and server; decides the fate of every datagram.
class LossyProxy
{
public:
    enum class Fate
    {
        Pass,
        Drop,
        Duplicate,
        Delay
    };
    // toServer: direction; n: how many datagrams went that way before this one.
    using Policy = std::function<Fate(bool toServer, int n, const QByteArray &datagram)>;

    LossyProxy(quint16 serverPort, Policy policy)
        : m_serverPort(serverPort)
        , m_policy(std::move(policy))
    {
        QVERIFY(m_front.bind(Local, 0));
        QVERIFY(m_back.bind(Local, 0));
        QObject::connect(&m_front, &QUdpSocket::readyRead, [this] { pump(m_front, true); });
        QObject::connect(&m_back, &QUdpSocket::readyRead, [this] { pump(m_back, false); });
    }

    quint16 port() const { return m_front.localPort(); }
    int count(bool toServer, quint16 opcode) const
    {
        return m_seen.value(qMakePair(toServer, opcode));
    }

private:
    void pump(QUdpSocket &from, bool toServer)
    {
        while (from.hasPendingDatagrams()) {
            const QNetworkDatagram d = from.receiveDatagram();
            if (toServer)
                m_client = d.senderPort();
            else if (m_serverTid == 0)
                m_serverTid = d.senderPort();
            const QByteArray data = d.data();
            const quint16 opcode =
                data.size() >= 2 ? quint16((uchar(data[0]) << 8) | uchar(data[1])) : 0;
            ++m_seen[qMakePair(toServer, opcode)];
            const Fate fate = m_policy(toServer, m_counts[toServer]++, data);
            auto forward = [this, toServer, data] {
                if (toServer)
                    m_back.writeDatagram(data, Local, m_serverTid ? m_serverTid : m_serverPort);
                else
                    m_front.writeDatagram(data, Local, m_client);
            };
            switch (fate) {
            case Fate::Drop:
                break;
            case Fate::Duplicate:
                forward();
                forward();
                break;
            case Fate::Delay:
                // Tied to the socket, so it dies with this proxy.
                QTimer::singleShot(30, &m_front, forward);
                break;
            case Fate::Pass:
                forward();
                break;
            }
        }
    }

    QUdpSocket m_front;
    QUdpSocket m_back;
    quint16 m_serverPort;
    quint16 m_serverTid = 0;
    quint16 m_client = 0;
    Policy m_policy;
    int m_counts[2] = {0, 0};
    QHash<QPair<bool, quint16>, int> m_seen;
};

struct Outcome
{
    bool ok = false;
    QString error;
    quint64 bytes = 0;
};

Outcome run(TftpClient::Request r, int timeoutMs = 30000)
{
    TftpClient client;
    QSignalSpy done(&client, &TftpClient::finished);
    QSignalSpy closed(&client, &TftpClient::closed);
    QString error;
    if (!client.start(r, &error))
        return {false, error, 0};
    if (!closed.wait(timeoutMs) && closed.isEmpty())
        return {false, QStringLiteral("test timed out"), 0};
    if (done.isEmpty())
        return {false, QStringLiteral("no result"), 0};
    return {done.first().at(0).toBool(), done.first().at(1).toString(),
            done.first().at(2).toULongLong()};
}

} // namespace

class TestTftpServer final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void getAndPut_data();
    void getAndPut();
    void emptyFile();
    void rolloverAt512();
    void netasciiBothWays();
    void refusals_data();
    void refusals();
    void uploadQuota();
    void uploadWhoseNameAppearsFails();
    void strangersGetError5();
    void sessionLimits_data();
    void sessionLimits();
    void closedPortFailsAtOnce();
    void vanishedStrangerDoesNotEndTransfer();
    void survivesLoss_data();
    void survivesLoss();
    void noSorcerersApprentice();
    void duplicateOackIsReacked();
    void lostFinalAckIsRepeatedWhileDallying();

private:
    void startServer(const std::function<void(TftpServer::Config &)> &tweak);
    TftpClient::Request request(bool put, const QByteArray &remote, const QString &local,
                                quint16 port = 0) const;
    QTemporaryDir *m_root = nullptr;
    QTemporaryDir *m_local = nullptr;
    TftpServer *m_server = nullptr;
};

void TestTftpServer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTftpServer::init()
{
    m_root = new QTemporaryDir;
    m_local = new QTemporaryDir;
    m_server = nullptr;
    startServer([](TftpServer::Config &c) { c.allowWrite = true; });
}

void TestTftpServer::startServer(const std::function<void(TftpServer::Config &)> &tweak)
{
    delete m_server;
    TftpServer::Config c;
    c.root = m_root->path();
    c.address = Local;
    c.port = 0;
    tweak(c);
    m_server = new TftpServer(c);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void TestTftpServer::cleanup()
{
    delete m_server;
    delete m_root;
    delete m_local;
}

TftpClient::Request TestTftpServer::request(bool put, const QByteArray &remote,
                                            const QString &local, quint16 port) const
{
    TftpClient::Request r;
    r.put = put;
    r.server = Local;
    r.port = port ? port : m_server->port();
    r.remote = remote;
    r.local = QDir(m_local->path()).filePath(local);
    r.bind = Local;
    r.blockSize = DefaultBlockSize;
    return r;
}

void TestTftpServer::getAndPut_data()
{
    QTest::addColumn<int>("blockSize");
    QTest::addColumn<int>("windowSize");
    QTest::addColumn<int>("size");
    QTest::newRow("lock-step 512") << 512 << 1 << 300000;
    QTest::newRow("1468 x 16") << 1468 << 16 << 1000000;
    QTest::newRow("65464 x 64") << 65464 << 64 << 5000000;
    QTest::newRow("exact multiple of the block") << 512 << 4 << 512 * 40;
}

void TestTftpServer::getAndPut()
{
    QFETCH(int, blockSize);
    QFETCH(int, windowSize);
    QFETCH(int, size);
    const QByteArray data = randomBytes(size, quint32(size));
    QVERIFY(writeFile(QDir(m_root->path()).filePath(QStringLiteral("fw.bin")), data));
    TftpClient::Request get = request(false, "fw.bin", QStringLiteral("got.bin"));
    get.blockSize = blockSize;
    get.windowSize = windowSize;
    Outcome o = run(get);
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(readFile(get.local), data);
    QVERIFY(!QFileInfo::exists(get.local + QStringLiteral(".part")));

    TftpClient::Request put = request(true, "up/new.bin", QStringLiteral("got.bin"));
    put.blockSize = blockSize;
    put.windowSize = windowSize;
    QDir(m_root->path()).mkdir(QStringLiteral("up"));
    o = run(put);
    QVERIFY2(o.ok, qPrintable(o.error));
    // In place when the client is told it is done.
    QCOMPARE(readFile(QDir(m_root->path()).filePath(QStringLiteral("up/new.bin"))), data);
    // No temporary file left behind.
    QCOMPARE(QDir(m_root->path()).entryList(QDir::Files | QDir::Hidden, QDir::Name).size(), 1);
}

void TestTftpServer::emptyFile()
{
    QVERIFY(writeFile(QDir(m_root->path()).filePath(QStringLiteral("empty")), {}));
    TftpClient::Request get = request(false, "empty", QStringLiteral("empty"));
    const Outcome o = run(get);
    QVERIFY2(o.ok, qPrintable(o.error));
    QVERIFY(QFileInfo::exists(get.local));
    QCOMPARE(QFileInfo(get.local).size(), 0);
}

void TestTftpServer::rolloverAt512()
{
    // 40 MB at 512 bytes is 81,920 blocks: the 16-bit block number wraps to 0 once.
    const QByteArray data = randomBytes(40 * 1000 * 1000, 40);
    QVERIFY(writeFile(QDir(m_root->path()).filePath(QStringLiteral("big.bin")), data));
    TftpClient::Request get = request(false, "big.bin", QStringLiteral("big.bin"));
    get.windowSize = 16;
    const Outcome o = run(get, 120000);
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(o.bytes, quint64(data.size()));
    QVERIFY(readFile(get.local) == data);
}

void TestTftpServer::netasciiBothWays()
{
    const QByteArray text("first line\nsecond\r\nbare CR\rlast line without newline");
    QVERIFY(writeFile(QDir(m_root->path()).filePath(QStringLiteral("t.txt")), text));
    LossyProxy proxy(m_server->port(),
                     [](bool, int, const QByteArray &) { return LossyProxy::Fate::Pass; });
    TftpClient::Request get = request(false, "t.txt", QStringLiteral("t.txt"), proxy.port());
    get.mode = Mode::Netascii;
    Outcome o = run(get);
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(readFile(get.local), text);
    TftpClient::Request put = request(true, "back.txt", QStringLiteral("t.txt"));
    put.mode = Mode::Netascii;
    o = run(put);
    QVERIFY2(o.ok, qPrintable(o.error));
    QTRY_COMPARE(readFile(QDir(m_root->path()).filePath(QStringLiteral("back.txt"))), text);
}

void TestTftpServer::refusals_data()
{
    QTest::addColumn<bool>("put");
    QTest::addColumn<QByteArray>("remote");
    QTest::addColumn<QString>("error");
    QTest::newRow("not found") << false << QByteArray("nope.bin")
                               << QStringLiteral("peer error 1: File not found");
    QTest::newRow("dot dot") << false << QByteArray("../etc/passwd")
                             << QStringLiteral("peer error 2: '..' is not allowed");
    QTest::newRow("absolute") << false << QByteArray("/etc/passwd")
                              << QStringLiteral("peer error 2: absolute paths");
    QTest::newRow("backslash") << false << QByteArray("a\\b")
                               << QStringLiteral("peer error 2: backslashes");
    QTest::newRow("control character")
        << false << QByteArray("a\x01") << QStringLiteral("peer error 2: control characters");
    QTest::newRow("symlink out of the root")
        << false << QByteArray("escape/passwd")
        << QStringLiteral("peer error 2: outside the served folder");
    QTest::newRow("a folder") << false << QByteArray("sub")
                              << QStringLiteral("peer error 2: Not a regular file");
    QTest::newRow("upload over an existing file")
        << true << QByteArray("exists.bin") << QStringLiteral("peer error 6: File already exists");
    QTest::newRow("upload into a missing folder")
        << true << QByteArray("no/such/x") << QStringLiteral("peer error 1: No such folder");
}

void TestTftpServer::refusals()
{
    QFETCH(bool, put);
    QFETCH(QByteArray, remote);
    QFETCH(QString, error);
    const QDir root(m_root->path());
    QVERIFY(root.mkdir(QStringLiteral("sub")));
    QVERIFY(QFile::link(QStringLiteral("/etc"), root.filePath(QStringLiteral("escape"))));
    QVERIFY(writeFile(root.filePath(QStringLiteral("exists.bin")), "old"));
    QVERIFY(writeFile(QDir(m_local->path()).filePath(QStringLiteral("l.bin")), "new"));
    const Outcome o = run(request(put, remote, QStringLiteral("l.bin")));
    QVERIFY(!o.ok);
    QVERIFY2(o.error.startsWith(error), qPrintable(o.error));
    QCOMPARE(readFile(root.filePath(QStringLiteral("exists.bin"))), QByteArray("old"));
}

void TestTftpServer::uploadQuota()
{
    startServer([](TftpServer::Config &c) {
        c.allowWrite = true;
        c.quota = 100000;
    });
    QVERIFY(
        writeFile(QDir(m_local->path()).filePath(QStringLiteral("big")), randomBytes(200000, 1)));
    // Announced too big (tsize): refused at once.
    Outcome o = run(request(true, "big", QStringLiteral("big")));
    QVERIFY(o.error.startsWith(QStringLiteral("peer error 3")));
    // Not announced (netascii has no tsize): stopped when it passes the quota, nothing kept.
    TftpClient::Request r = request(true, "big2", QStringLiteral("big"));
    r.mode = Mode::Netascii;
    o = run(r);
    QVERIFY2(o.error.startsWith(QStringLiteral("peer error 3")), qPrintable(o.error));
    QTRY_COMPARE(QDir(m_root->path()).entryList(QDir::Files | QDir::Hidden).size(), 0);

    // Uploads are refused outright on a read-only server.
    startServer([](TftpServer::Config &c) { c.quota = 100000; });
    o = run(request(true, "x", QStringLiteral("big")));
    QVERIFY(o.error.startsWith(QStringLiteral("peer error 2: Uploads are disabled")));
}

void TestTftpServer::uploadWhoseNameAppearsFails()
{
    const QByteArray ours = randomBytes(200000, 7);
    QVERIFY(writeFile(QDir(m_local->path()).filePath(QStringLiteral("up")), ours));
    const QString target = QDir(m_root->path()).filePath(QStringLiteral("late.bin"));
    // Someone else's file takes the name while the upload runs: it is kept, and the client is
    // told so rather than acknowledged as if its file had been kept.
    connect(m_server, &TftpServer::transferProgress, this, [&] {
        if (!QFileInfo::exists(target))
            QVERIFY(writeFile(target, QByteArrayLiteral("theirs")));
    });
    TftpClient::Request r = request(true, "late.bin", QStringLiteral("up"));
    r.blockSize = 512;
    const Outcome o = run(r);
    QVERIFY2(!o.ok, "the client was told its upload was kept");
    QVERIFY2(o.error.startsWith(QStringLiteral("peer error 6")), qPrintable(o.error));
    QVERIFY2(o.error.contains(QStringLiteral("late.bin appeared during the upload")),
             qPrintable(o.error));
    QCOMPARE(readFile(target), QByteArrayLiteral("theirs"));
    QTRY_COMPARE(QDir(m_root->path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
}

void TestTftpServer::strangersGetError5()
{
    const QByteArray data = randomBytes(2000000, 5);
    QVERIFY(writeFile(QDir(m_root->path()).filePath(QStringLiteral("f.bin")), data));
    QUdpSocket stranger;
    QVERIFY(stranger.bind(QHostAddress(QStringLiteral("127.0.0.5")), 0));
    TftpClient client;
    QSignalSpy closed(&client, &TftpClient::closed);
    QSignalSpy done(&client, &TftpClient::finished);
    const TftpClient::Request r = request(false, "f.bin", QStringLiteral("f.bin"));
    QVERIFY(client.start(r, nullptr));
    // Someone else writes into the transfer's port: it gets ERROR 5, the transfer goes on.
    for (int i = 0; i < 5; ++i)
        stranger.writeDatagram(buildAck(1), Local, client.localPort());
    QVERIFY(closed.wait(20000) || !closed.isEmpty());
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QCOMPARE(readFile(r.local), data);
    QTRY_VERIFY(stranger.hasPendingDatagrams());
    const ParsedPacket e = parse(stranger.receiveDatagram().data());
    QCOMPARE(e.packet.opcode, Opcode::Error);
    QCOMPARE(e.packet.error, ErrorCode::UnknownTid);
}

void TestTftpServer::sessionLimits_data()
{
    QTest::addColumn<bool>("global");
    QTest::addColumn<QString>("secondFrom");
    // The same peer asking again is told to wait.
    QTest::newRow("per peer") << false << QStringLiteral("127.0.0.1");
    // Another host, well under the per-peer limit, still finds the server full.
    QTest::newRow("global") << true << QStringLiteral("127.0.0.2");
}

void TestTftpServer::sessionLimits()
{
    QFETCH(bool, global);
    QFETCH(QString, secondFrom);
    startServer([global](TftpServer::Config &c) {
        if (global)
            c.maxSessions = 1;
        else
            c.maxPerPeer = 1;
    });
    QVERIFY(
        writeFile(QDir(m_root->path()).filePath(QStringLiteral("f.bin")), randomBytes(100000, 9)));
    // A first transfer that stays open: everything after its request is lost.
    LossyProxy blackhole(m_server->port(), [](bool, int n, const QByteArray &) {
        return n == 0 ? LossyProxy::Fate::Pass : LossyProxy::Fate::Drop;
    });
    TftpClient stuck;
    QSignalSpy started(m_server, &TftpServer::transferStarted);
    QVERIFY(stuck.start(request(false, "f.bin", QStringLiteral("stuck.bin"), blackhole.port()),
                        nullptr));
    QVERIFY(started.wait());
    QCOMPARE(m_server->activeSessions(), 1);
    TftpClient::Request second = request(false, "f.bin", QStringLiteral("second.bin"));
    second.bind = QHostAddress(secondFrom);
    const Outcome o = run(second);
    QVERIFY(!o.ok);
    QVERIFY2(o.error.startsWith(QStringLiteral("peer error 0: Too many transfers")),
             qPrintable(o.error));
    QVERIFY(!QFileInfo::exists(second.local));
}

void TestTftpServer::closedPortFailsAtOnce()
{
    quint16 closedPort = 0;
    {
        QUdpSocket s;
        QVERIFY(s.bind(Local, 0));
        closedPort = s.localPort();
    }
    QElapsedTimer clock;
    clock.start();
    const Outcome o = run(request(false, "f.bin", QStringLiteral("none.bin"), closedPort));
    QVERIFY(!o.ok);
    QVERIFY2(o.error.contains(QStringLiteral("port unreachable")), qPrintable(o.error));
    // Far below the first retransmission timeout: the ICMP report ended it, not the retries.
    QVERIFY2(clock.elapsed() < 900, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!QFileInfo::exists(QDir(m_local->path()).filePath(QStringLiteral("none.bin"))));
}

void TestTftpServer::vanishedStrangerDoesNotEndTransfer()
{
    const QByteArray data = randomBytes(3000000, 6);
    QVERIFY(writeFile(QDir(m_root->path()).filePath(QStringLiteral("f.bin")), data));
    TftpClient client;
    QSignalSpy closed(&client, &TftpClient::closed);
    QSignalSpy done(&client, &TftpClient::finished);
    TftpClient::Request r = request(false, "f.bin", QStringLiteral("f.bin"));
    r.blockSize = 512;
    QVERIFY(client.start(r, nullptr));
    // Strangers that are gone by the time their ERROR 5 arrives: the port-unreachable reports
    // that come back are about them, not about our server.
    for (int i = 0; i < 5; ++i) {
        QUdpSocket stranger;
        QVERIFY(stranger.bind(QHostAddress(QStringLiteral("127.0.0.6")), 0));
        stranger.writeDatagram(buildAck(1), Local, client.localPort());
        stranger.close();
        QTest::qWait(5);
    }
    QVERIFY(closed.wait(30000) || !closed.isEmpty());
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QCOMPARE(readFile(r.local), data);
}

void TestTftpServer::survivesLoss_data()
{
    QTest::addColumn<int>("windowSize");
    QTest::addColumn<int>("dropPercent");
    QTest::addColumn<int>("dupPercent");
    QTest::addColumn<int>("delayPercent");
    QTest::newRow("lock-step, 10% drop") << 1 << 10 << 0 << 0;
    QTest::newRow("window 16, 10% drop") << 16 << 10 << 0 << 0;
    QTest::newRow("window 16, 5% duplicate, 5% delayed (reordered)") << 16 << 0 << 5 << 5;
    QTest::newRow("window 8, everything at once") << 8 << 5 << 5 << 5;
}

void TestTftpServer::survivesLoss()
{
    QFETCH(int, windowSize);
    QFETCH(int, dropPercent);
    QFETCH(int, dupPercent);
    QFETCH(int, delayPercent);
    const QByteArray data = randomBytes(400000, 7);
    QVERIFY(writeFile(QDir(m_root->path()).filePath(QStringLiteral("f.bin")), data));
    QRandomGenerator rng(42);
    auto policy = [&](bool, int n, const QByteArray &) {
        if (n == 0)
            return LossyProxy::Fate::Pass; // let the request through: its loss is another test
        const int roll = int(rng.bounded(100));
        if (roll < dropPercent)
            return LossyProxy::Fate::Drop;
        if (roll < dropPercent + dupPercent)
            return LossyProxy::Fate::Duplicate;
        if (roll < dropPercent + dupPercent + delayPercent)
            return LossyProxy::Fate::Delay;
        return LossyProxy::Fate::Pass;
    };
    for (bool put : {false, true}) {
        // One proxy per transfer: it learns that transfer's server port.
        LossyProxy proxy(m_server->port(), policy);
        TftpClient::Request r =
            request(put, put ? "up.bin" : "f.bin", QStringLiteral("f.bin"), proxy.port());
        r.blockSize = 1468;
        r.windowSize = windowSize;
        const Outcome o = run(r);
        QVERIFY2(o.ok, qPrintable(QStringLiteral("%1: %2").arg(put ? "put" : "get", o.error)));
        QCOMPARE(readFile(put ? QDir(m_root->path()).filePath(QStringLiteral("up.bin")) : r.local),
                 data);
    }
}

void TestTftpServer::noSorcerersApprentice()
{
    // Every ACK arrives twice; a sender that answered each with DATA would double the traffic.
    const int blocks = 200;
    QVERIFY(writeFile(QDir(m_root->path()).filePath(QStringLiteral("f.bin")),
                      randomBytes(blocks * 512 - 1, 3)));
    LossyProxy proxy(m_server->port(), [](bool toServer, int n, const QByteArray &d) {
        const bool ack = d.size() >= 2 && d[1] == char(Opcode::Ack);
        return toServer && n > 0 && ack ? LossyProxy::Fate::Duplicate : LossyProxy::Fate::Pass;
    });
    const Outcome o = run(request(false, "f.bin", QStringLiteral("f.bin"), proxy.port()));
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(proxy.count(false, quint16(Opcode::Data)), blocks);
}

void TestTftpServer::duplicateOackIsReacked()
{
    QVERIFY(
        writeFile(QDir(m_root->path()).filePath(QStringLiteral("f.bin")), randomBytes(100000, 4)));
    // The client's ACK 0s are lost until the server sends its OACK again (atftp aborts here).
    bool dropped = false;
    int oacks = 0;
    LossyProxy proxy(m_server->port(), [&](bool toServer, int, const QByteArray &d) {
        if (!toServer && parse(d).packet.opcode == Opcode::Oack)
            ++oacks;
        if (toServer && d == buildAck(0) && oacks < 2) {
            dropped = true;
            return LossyProxy::Fate::Drop;
        }
        return LossyProxy::Fate::Pass;
    });
    TftpClient::Request r = request(false, "f.bin", QStringLiteral("f.bin"), proxy.port());
    r.blockSize = 1024;
    const Outcome o = run(r);
    QVERIFY2(o.ok, qPrintable(o.error));
    QVERIFY(dropped);
    QCOMPARE(proxy.count(false, quint16(Opcode::Oack)), 2);
}

void TestTftpServer::lostFinalAckIsRepeatedWhileDallying()
{
    // Upload: the server's final ACK is lost once; the client repeats its last DATA and the
    // server, dallying, ACKs it again, so both sides call it a success.
    QVERIFY(
        writeFile(QDir(m_local->path()).filePath(QStringLiteral("u.bin")), randomBytes(5000, 8)));
    bool dropped = false;
    LossyProxy proxy(m_server->port(), [&](bool toServer, int, const QByteArray &d) {
        const ParsedPacket p = parse(d);
        if (!toServer && p.ok() && p.packet.opcode == Opcode::Ack && p.packet.block == 10 &&
            !dropped) {
            dropped = true;
            return LossyProxy::Fate::Drop;
        }
        return LossyProxy::Fate::Pass;
    });
    QSignalSpy serverDone(m_server, &TftpServer::transferFinished);
    const Outcome o = run(request(true, "u.bin", QStringLiteral("u.bin"), proxy.port()));
    QVERIFY2(o.ok, qPrintable(o.error));
    QVERIFY(dropped);
    QTRY_COMPARE(serverDone.size(), 1);
    const auto result = serverDone.first().at(0).value<lanpigeon::TransferResult>();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.id.kind(), lanpigeon::TransferId::Kind::TftpServer);
}

QTEST_GUILESS_MAIN(TestTftpServer)
#include "tst_tftpserver.moc"
