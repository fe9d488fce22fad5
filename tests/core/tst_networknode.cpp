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
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

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

} // namespace

class TestNetworkNode final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void ownThreadIsTold();
    void servicesMoveWithTheNode();
    void messengerAndTestNodeRunTheSameNode();
    void wrongThreadCallAborts_data();
    void wrongThreadCallAborts();
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
