// The core facade: services on a network thread, the peer model fed on ours, clean shutdown.
#include "messenger.h"
#include "peermodel.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace lanpigeon;

namespace {
constexpr quint16 Port = 34255;

NodeConfig config(const QString &ip, const QString &nick, const QString &peerIp, const QString &dir)
{
    NodeConfig c;
    c.bindAddress = QHostAddress(ip);
    c.port = Port;
    c.nick = nick;
    c.user = nick;
    c.host = QStringLiteral("test");
    c.broadcast = false;
    c.extraHosts = {QHostAddress(peerIp)};
    c.profileDir = dir;
    c.retryIntervalMs = 100;
    return c;
}
} // namespace

class TestMessenger final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void twoMessengersTalk();
    void startFailsClearlyWhenPortIsTaken();
    void packetNumbersKeepIncreasingAcrossRestarts();
};

void TestMessenger::twoMessengersTalk()
{
    QTemporaryDir da, db;
    Messenger a(config(QStringLiteral("127.0.0.1"), QStringLiteral("Ann"),
                       QStringLiteral("127.0.0.2"), da.path()));
    Messenger b(config(QStringLiteral("127.0.0.2"), QStringLiteral("Ben"),
                       QStringLiteral("127.0.0.1"), db.path()));
    QSignalSpy startedB(&b, &Messenger::started);
    b.start();
    QVERIFY(startedB.wait());
    QSignalSpy peerOnA(&a, &Messenger::peerUpdated);
    a.start();
    QTRY_COMPARE(a.peerModel()->rowCount(), 1);
    QTRY_COMPARE(b.peerModel()->rowCount(), 1);
    // Model updates arrive on the thread that owns the model, not the network thread.
    QCOMPARE(a.peerModel()->thread(), QThread::currentThread());
    QCOMPARE(a.peerModel()->index(0).data(PeerModel::NickRole).toString(), QStringLiteral("Ben"));

    QSignalSpy states(&a, &Messenger::messageStateChanged);
    QSignalSpy received(&b, &Messenger::messageReceived);
    const QString id =
        a.sendMessage({QStringLiteral("127.0.0.2:%1").arg(Port)}, QStringLiteral("早上好"));
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.first().first().value<ChatMessage>().text, QStringLiteral("早上好"));
    QTRY_COMPARE(states.size(), 1);
    QCOMPARE(states.first().at(0).toString(), id);
    QCOMPARE(states.first().at(2).value<DeliveryState>(), DeliveryState::Delivered);

    QSignalSpy removedOnB(&b, &Messenger::peerRemoved);
    QSignalSpy stoppedA(&a, &Messenger::stopped);
    a.shutdown();
    QVERIFY(stoppedA.wait());
    QVERIFY(!a.isRunning());
    QTRY_COMPARE(removedOnB.size(), 1);
    QCOMPARE(b.peerModel()->rowCount(), 0);
}

void TestMessenger::startFailsClearlyWhenPortIsTaken()
{
    QTemporaryDir da, db;
    Messenger a(config(QStringLiteral("127.0.0.1"), QStringLiteral("Ann"),
                       QStringLiteral("127.0.0.2"), da.path()));
    Messenger again(config(QStringLiteral("127.0.0.1"), QStringLiteral("Ann2"),
                           QStringLiteral("127.0.0.2"), db.path()));
    QSignalSpy started(&a, &Messenger::started);
    a.start();
    QVERIFY(started.wait());
    QSignalSpy failed(&again, &Messenger::startFailed);
    again.start();
    QVERIFY(failed.wait());
    QVERIFY(
        failed.first().first().toString().contains(QStringLiteral("cannot bind UDP 127.0.0.1")));
    QVERIFY(!again.isRunning());
}

void TestMessenger::packetNumbersKeepIncreasingAcrossRestarts()
{
    QTemporaryDir da, db;
    Messenger b(config(QStringLiteral("127.0.0.2"), QStringLiteral("Ben"),
                       QStringLiteral("127.0.0.1"), db.path()));
    QSignalSpy startedB(&b, &Messenger::started);
    b.start();
    QVERIFY(startedB.wait());
    QSignalSpy received(&b, &Messenger::messageReceived);
    quint64 last = 0;
    for (int run = 0; run < 2; ++run) {
        Messenger a(config(QStringLiteral("127.0.0.1"), QStringLiteral("Ann"),
                           QStringLiteral("127.0.0.2"), da.path()));
        QSignalSpy started(&a, &Messenger::started);
        a.start();
        QVERIFY(started.wait());
        // Many packets in one run push the counter past the clock-based seed of the next.
        for (int i = 0; i < 30; ++i)
            a.sendMessage({QStringLiteral("127.0.0.2:%1").arg(Port)},
                          QStringLiteral("run %1 #%2").arg(run).arg(i));
        QTRY_COMPARE(received.size(), 30 * (run + 1));
        QSignalSpy stopped(&a, &Messenger::stopped);
        a.shutdown();
        QVERIFY(stopped.wait());
    }
    for (const QList<QVariant> &args : std::as_const(received)) {
        const quint64 n = args.first().value<ChatMessage>().packetNo;
        QVERIFY(n > last);
        last = n;
    }
}

QTEST_GUILESS_MAIN(TestMessenger)
#include "tst_messenger.moc"
