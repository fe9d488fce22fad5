// NetworkNode: one object for everything on the network thread, the same in Messenger and in the
// tests; a call from the wrong thread is caught where it is made.
#include "common/threadcheck.h"
#include "files/filedownload.h"
#include "messenger.h"
#include "models/peermodel.h"
#include "networknode.h"
#include "testnode.h"
#include "tftp/tftpservice.h"

#include "../gui/windowtestnode.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUdpSocket>

#include <cstdio>

#include <sys/resource.h>

using namespace lanpigeon;
using lanpigeon::test::TestNode;

namespace {
constexpr quint16 Port = 34275;
const QString MessengerIp = QStringLiteral("127.0.0.61");
const QString TestNodeIp = QStringLiteral("127.0.0.62");
constexpr char WrongThreadFlag[] = "--call-from-wrong-thread";

NodeConfig messengerConfig(const QString &dir)
{
    return test::windowTestNode(MessengerIp, Port, QStringLiteral("Ann"), QStringLiteral("Dev"),
                                TestNodeIp, dir);
}

// Every object the node hands out, by the name the failure messages use.
QList<QPair<const char *, QObject *>> services(const NetworkNode &node)
{
    return {{"transport", node.transport()},
            {"discovery", node.discovery()},
            {"messages", node.messages()},
            {"files", node.files()},
            {"transfer threads", node.transferThreads()}};
}

// Runs in a child process: makes one call from a thread its callee does not live on. Returns
// only if nothing stopped the call.
int callFromWrongThread(const QString &call)
{
    QTemporaryDir dir;
    if (call == QLatin1String("tftp")) {
        TftpService service;
        QThread tftp;
        service.moveToThread(&tftp);
        tftp.start();
        service.stopServer();
        tftp.quit();
        tftp.wait();
        return 0;
    }
    if (call == QLatin1String("download")) {
        FileDownload::Job job;
        job.id = TransferId(TransferId::Kind::Download, 1);
        job.targetDir = dir.path();
        FileDownload download(job);
        QThread transfer;
        download.moveToThread(&transfer);
        transfer.start();
        download.cancel();
        transfer.quit();
        transfer.wait();
        return 0;
    }
    Messenger messenger(messengerConfig(dir.path()));
    QSignalSpy started(&messenger, &Messenger::started);
    messenger.start();
    if (!started.wait())
        return 2;
    const NetworkNode *node = messenger.networkNode();
    if (call == QLatin1String("discovery")) {
        node->discovery()->announce();
    } else if (call == QLatin1String("history")) {
        node->history()->count();
    } else if (call == QLatin1String("model")) {
        // The network thread touching a model instead of emitting a signal for it.
        QMetaObject::invokeMethod(
            node->transport(), [&messenger] { messenger.peerModel()->clear(); },
            Qt::BlockingQueuedConnection);
    } else {
        return 3;
    }
    return 0;
}

// Whether something listens on TCP at address:port now; asked by trying to listen there, as
// a connection would start an upload that fails.
bool listening(const QString &address, quint16 port)
{
    QTcpServer probe;
    return !probe.listen(QHostAddress(address), port);
}

QStringList texts(const QSignalSpy &received)
{
    QStringList out;
    for (const QList<QVariant> &args : received)
        out.append(args.first().value<ChatMessage>().text);
    return out;
}

} // namespace

class TestNetworkNode final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<FileOffer>();
        qRegisterMetaType<DeliveryState>();
        qRegisterMetaType<ChatMessage>();
        qRegisterMetaType<Failure>();
    }
    void ownThreadIsTold();
    void servicesMoveWithTheNode();
    void messengerAndTestNodeRunTheSameNode();
    void wrongThreadCallAborts_data();
    void wrongThreadCallAborts();
    void portChangeKeepsPeersQueueAndTransfers();
    void portInUseChangesNothing_data();
    void portInUseChangesNothing();
    void bindAddressChangeOnTheSamePort();
};

void TestNetworkNode::ownThreadIsTold()
{
    QObject object;
    QVERIFY(onOwnThread(&object));
    QVERIFY(onThread(QThread::currentThread()));
    // Not bound to a thread yet: any one may call.
    QVERIFY(onThread(nullptr));
    QThread other;
    object.moveToThread(&other);
    QVERIFY(!onOwnThread(&object));
    QVERIFY(!onThread(&other));
}

void TestNetworkNode::servicesMoveWithTheNode()
{
    QTemporaryDir dir;
    NodeConfig config = messengerConfig(dir.path());
    auto *node = new NetworkNode(config);
    QThread network;
    node->moveToThread(&network);
    for (const auto &[name, object] : services(*node)) {
        QVERIFY2(object->thread() == &network, name);
        QCOMPARE(object->parent(), node);
    }
    // Dies on its own thread, transfer threads first, as in Messenger.
    connect(
        &network, &QThread::finished, node, [node] { delete node; }, Qt::DirectConnection);
    network.start();
    network.quit();
    QVERIFY(network.wait(10000));
}

void TestNetworkNode::messengerAndTestNodeRunTheSameNode()
{
    QTemporaryDir dir;
    Messenger messenger(messengerConfig(dir.path()));
    QSignalSpy started(&messenger, &Messenger::started);
    messenger.start();
    QVERIFY(started.wait());
    const NetworkNode *node = messenger.networkNode();
    QVERIFY(node);
    QThread *network = node->thread();
    QCOMPARE(network->objectName(), QStringLiteral("network"));
    QVERIFY(network != QThread::currentThread());
    for (const auto &[name, object] : services(*node))
        QVERIFY2(object->thread() == network, name);
    QStringList transferThreads;
    for (const QThread *t : node->transferThreads()->findChildren<QThread *>())
        transferThreads.append(t->objectName());
    transferThreads.sort();
    QCOMPARE(transferThreads,
             (QStringList{QStringLiteral("transfer-0"), QStringLiteral("transfer-1")}));

    // The tests' node is the same class, started the same way, on the test's own thread.
    TestNode t(TestNodeIp, Port, QStringLiteral("Tim"), {QHostAddress(MessengerIp)});
    QVERIFY(t.start());
    QCOMPARE(t.node->thread(), QThread::currentThread());
    QCOMPARE(t.discovery, t.node->discovery());
    QCOMPARE(t.messages, t.node->messages());
    QCOMPARE(t.files, t.node->files());
    QCOMPARE(t.history, t.node->history());
    QTRY_VERIFY(t.discovery->peer(MessengerIp + QLatin1Char(':') + QString::number(Port)));
    QTRY_COMPARE(messenger.peerModel()->rowCount(), 1);
}

void TestNetworkNode::wrongThreadCallAborts_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("method");
    QTest::newRow("network service from the GUI thread")
        << QStringLiteral("discovery") << QStringLiteral("DiscoveryService::announce");
    QTest::newRow("history from the GUI thread")
        << QStringLiteral("history") << QStringLiteral("HistoryStore::count");
    QTest::newRow("model from the network thread")
        << QStringLiteral("model") << QStringLiteral("PeerModel::clear");
    QTest::newRow("TFTP service off the tftp thread")
        << QStringLiteral("tftp") << QStringLiteral("TftpService::stopServer");
    QTest::newRow("download off its transfer thread")
        << QStringLiteral("download") << QStringLiteral("FileDownload::cancel");
}

void TestNetworkNode::wrongThreadCallAborts()
{
    QFETCH(QString, call);
    QFETCH(QString, method);
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments({QString::fromLatin1(WrongThreadFlag), call});
    // An expected abort needs no core file.
    child.setChildProcessModifier([] {
        const rlimit none{0, 0};
        setrlimit(RLIMIT_CORE, &none);
    });
    child.start();
    QVERIFY(child.waitForFinished(30000));
    const QString err = QString::fromLocal8Bit(child.readAllStandardError());
    QVERIFY2(child.exitStatus() == QProcess::CrashExit, qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("ASSERT failure in")), qPrintable(err));
    QVERIFY2(err.contains(method), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("called on the wrong thread")), qPrintable(err));
}

void TestNetworkNode::portChangeKeepsPeersQueueAndTransfers()
{
    constexpr quint16 Old = 34290;
    constexpr quint16 New = 34291;
    const QString a_ip = QStringLiteral("127.0.0.63");
    const QString b_ip = QStringLiteral("127.0.0.64");
    const QString c_ip = QStringLiteral("127.0.0.65");
    TestNode a(a_ip, Old, QStringLiteral("Ann"), {QHostAddress(b_ip), QHostAddress(c_ip)});
    a.config.queueOffline = true;
    // No heartbeat of Ann's comes during the test: what Bob learns, he learns from the move.
    a.config.announceIntervalMs = 60000;
    a.config.peerTimeoutMs = 180000;
    TestNode b(b_ip, Old, QStringLiteral("Bob"), {QHostAddress(a_ip)});
    // Nor does Bob probe Ann, whose answer would tell him where she is now.
    b.config.announceIntervalMs = 60000;
    b.config.peerTimeoutMs = 180000;
    TestNode c(c_ip, Old, QStringLiteral("Cy"), {QHostAddress(a_ip)});
    QElapsedTimer sinceStart;
    sinceStart.start();
    QVERIFY(startPair(a, b));
    QVERIFY(c.start());
    QTRY_VERIFY(a.discovery->peer(c.id()));

    // Cy, met once, goes away: what Ann writes to him now waits in her queue.
    QSignalSpy aStates(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("hi-c"), {c.id()}, QStringLiteral("hi"), false);
    QTRY_COMPARE(test::states(aStates).value({QStringLiteral("hi-c"), c.id()}),
                 DeliveryState::Delivered);
    c.node->stop();
    c.node.reset();
    QTRY_VERIFY(!a.discovery->peer(c.id()));
    a.messages->send(QStringLiteral("queued"), {c.id()}, QStringLiteral("while you were out"),
                     false);
    QTRY_COMPARE(test::states(aStates).value({QStringLiteral("queued"), c.id()}),
                 DeliveryState::Queued);

    // Two offers to Bob: one he fetches across the change, one he accepts only after it.
    QTemporaryDir src;
    QTemporaryDir dst;
    const QByteArray big = test::randomBytes(32 * 1024 * 1024, 16);
    const QByteArray small = test::randomBytes(70000, 17);
    test::writeFile(src.filePath(QStringLiteral("big.bin")), big);
    test::writeFile(src.filePath(QStringLiteral("later.bin")), small);
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    QSignalSpy offersEnded(a.files, &FileTransferService::offerFinished);
    a.files->offer(QStringLiteral("big"), {b.id()}, {src.filePath(QStringLiteral("big.bin"))}, {});
    a.files->offer(QStringLiteral("later"), {b.id()}, {src.filePath(QStringLiteral("later.bin"))},
                   {});
    QTRY_COMPARE(offers.size(), 2);
    const FileOffer bigOffer = offers.at(0).first().value<FileOffer>();
    const FileOffer laterOffer = offers.at(1).first().value<FileOffer>();
    QCOMPARE(bigOffer.port, Old);

    // Bob fetches the big one as a slow reader does: a part now, the rest after the change,
    // on a connection to the old port that stays open throughout.
    QSignalSpy uploads(a.files, &FileTransferService::transferFinished);
    QTcpSocket fetch;
    QVERIFY(fetch.bind(QHostAddress(b_ip), 0));
    fetch.setReadBufferSize(64 * 1024);
    fetch.connectToHost(QHostAddress(a_ip), Old);
    fetch.write(test::fetchRequest(bigOffer.packetNo, 0));
    QByteArray fetched;
    // Ann's node runs on this thread: wait with its event loop running.
    QTRY_VERIFY((fetched += fetch.readAll()).size() >= 1024 * 1024);
    QVERIFY(uploads.isEmpty());

    // Past the extra announcements of the first seconds after a start.
    QTest::qWait(std::max(0, 3500 - int(sinceStart.elapsed())));
    QVERIFY(uploads.isEmpty());
    a.discovery->setIdentity(QStringLiteral("Ann B."), QStringLiteral("test"));
    QVERIFY(!a.node->rebind(QHostAddress(a_ip), New));
    QCOMPARE(a.node->port(), New);
    QCOMPARE(a.transport->localPort(), New);
    const QString aNew = a_ip + QLatin1Char(':') + QString::number(New);
    // Bob lists Ann at once where she is now, by her new name, and no longer where she was.
    QTRY_VERIFY(b.discovery->peer(aNew));
    QTRY_COMPARE(b.discovery->peer(aNew)->nick, QStringLiteral("Ann B."));
    QTRY_VERIFY(!b.discovery->peer(a.id()));
    // The old port still serves the offers made from it.
    QVERIFY(listening(a_ip, Old));
    QVERIFY(listening(a_ip, New));

    QVERIFY(uploads.isEmpty());
    fetch.setReadBufferSize(0);
    QTRY_VERIFY_WITH_TIMEOUT((fetched += fetch.readAll()).size() >= big.size(), 20000);
    QVERIFY(fetched == big);
    QTRY_COMPARE(uploads.size(), 1);
    QVERIFY2(test::result(uploads.first()).ok(), qPrintable(test::result(uploads.first()).error));

    // Offered before the change, accepted after it: fetched from the old port.
    QCOMPARE(laterOffer.port, Old);
    b.files->accept(laterOffer.id(), dst.path());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
    QVERIFY2(test::result(done.first()).ok(), qPrintable(test::result(done.first()).error));
    QCOMPARE(test::readFile(dst.filePath(QStringLiteral("later.bin"))), small);
    // Both offers over: the old port is let go of.
    QTRY_COMPARE(offersEnded.size(), 2);
    QTRY_VERIFY(!listening(a_ip, Old));
    QVERIFY(listening(a_ip, New));

    // Messages both ways after the change.
    QSignalSpy bReceived(b.messages, &MessageService::messageReceived);
    QSignalSpy aReceived(a.messages, &MessageService::messageReceived);
    a.messages->send(QStringLiteral("after"), {b.id()}, QStringLiteral("from the new port"), true);
    QTRY_COMPARE(test::states(aStates).value({QStringLiteral("after"), b.id()}),
                 DeliveryState::Delivered);
    QCOMPARE(texts(bReceived), QStringList{QStringLiteral("from the new port")});
    QSignalSpy bStates(b.messages, &MessageService::messageStateChanged);
    b.messages->send(QStringLiteral("back"), {aNew}, QStringLiteral("got it"), false);
    QTRY_COMPARE(test::states(bStates).value({QStringLiteral("back"), aNew}),
                 DeliveryState::Delivered);
    QCOMPARE(texts(aReceived), QStringList{QStringLiteral("got it")});

    // Cy is back, on the port Ann moved to: what waited for him goes.
    c.config.port = New;
    QVERIFY(c.start());
    QSignalSpy cReceived(c.messages, &MessageService::messageReceived);
    QTRY_COMPARE(texts(cReceived), QStringList{QStringLiteral("while you were out")});
    QTRY_COMPARE(test::states(aStates).value({QStringLiteral("queued"), c.id()}),
                 DeliveryState::Delivered);
}

void TestNetworkNode::portInUseChangesNothing_data()
{
    QTest::addColumn<QString>("held");
    QTest::addColumn<int>("error");
    QTest::newRow("UDP port in use")
        << QStringLiteral("udp") << int(QAbstractSocket::AddressInUseError);
    QTest::newRow("TCP port in use")
        << QStringLiteral("tcp") << int(QAbstractSocket::AddressInUseError);
    // 192.0.2.1 (TEST-NET-1) is no address of this machine; nothing is sent to it.
    QTest::newRow("address not ours")
        << QStringLiteral("none") << int(QAbstractSocket::SocketAddressNotAvailableError);
}

void TestNetworkNode::portInUseChangesNothing()
{
    QFETCH(QString, held);
    QFETCH(int, error);
    constexpr quint16 Old = 34292;
    constexpr quint16 Taken = 34293;
    const QString a_ip = QStringLiteral("127.0.0.66");
    const QString b_ip = QStringLiteral("127.0.0.67");
    TestNode a(a_ip, Old, QStringLiteral("Ann"), {QHostAddress(b_ip)});
    TestNode b(b_ip, Old, QStringLiteral("Bob"), {QHostAddress(a_ip)});
    QVERIFY(startPair(a, b));
    QUdpSocket udp;
    QTcpServer tcp;
    if (held == QLatin1String("udp"))
        QVERIFY(udp.bind(QHostAddress(a_ip), Taken));
    else if (held == QLatin1String("tcp"))
        QVERIFY(tcp.listen(QHostAddress(a_ip), Taken));
    const QHostAddress to(held == QLatin1String("none") ? QStringLiteral("192.0.2.1") : a_ip);

    QSignalSpy bGone(b.discovery, &DiscoveryService::peerRemoved);
    const auto failure = a.node->rebind(to, Taken);
    QVERIFY(failure);
    QCOMPARE(int(failure->socketError), error);
    QVERIFY2(failure->error.contains(QString::number(Taken)), qPrintable(failure->error));
    QCOMPARE(a.node->port(), Old);
    QCOMPARE(a.transport->localPort(), Old);
    // Nothing was said, and everything still works where it was.
    QTest::qWait(300);
    QVERIFY(bGone.isEmpty());
    QVERIFY(b.discovery->peer(a.id()));
    QVERIFY(listening(a_ip, Old));
    QSignalSpy aStates(a.messages, &MessageService::messageStateChanged);
    QSignalSpy bStates(b.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("m1"), {b.id()}, QStringLiteral("still here"), false);
    b.messages->send(QStringLiteral("m2"), {a.id()}, QStringLiteral("me too"), false);
    QTRY_COMPARE(test::states(aStates).value({QStringLiteral("m1"), b.id()}),
                 DeliveryState::Delivered);
    QTRY_COMPARE(test::states(bStates).value({QStringLiteral("m2"), a.id()}),
                 DeliveryState::Delivered);
}

void TestNetworkNode::bindAddressChangeOnTheSamePort()
{
    // From one address to "all networks" on the same port: our own sockets hold it, so they
    // let go first.
    constexpr quint16 Same = 34294;
    const QString a_ip = QStringLiteral("127.0.0.68");
    TestNode a(a_ip, Same, QStringLiteral("Ann"));
    QVERIFY(a.start());
    QVERIFY(!a.node->rebind(QHostAddress(QHostAddress::AnyIPv4), Same));
    QCOMPARE(a.transport->localAddress(), QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(a.transport->localPort(), Same);
    QVERIFY(listening(QStringLiteral("127.0.0.69"), Same));
    // An address not ours: it fails, and we stay.
    QVERIFY(a.node->rebind(QHostAddress(QStringLiteral("192.0.2.1")), Same));
    QCOMPARE(a.transport->localAddress(), QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(a.transport->localPort(), Same);
    QVERIFY(listening(QStringLiteral("127.0.0.69"), Same));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], WrongThreadFlag) == 0) {
        const int result = callFromWrongThread(QString::fromLocal8Bit(argv[2]));
        std::fprintf(stderr, "the call returned\n");
        return result;
    }
    TestNetworkNode test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_networknode.moc"
