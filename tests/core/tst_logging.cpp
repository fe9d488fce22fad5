// The lanpigeon.* logging categories: silent by default, and once turned on each subsystem
// says what it refused, dropped or failed, with addresses and reasons but never message text.
#include "history/historystore.h"
#include "ipmsg/filelistcodec.h"
#include "testnode.h"
#include "tftp/tftpcodec.h"
#include "tftp/tftpserver.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;
using lanpigeon::test::FakePeer;
using lanpigeon::test::TestNode;

namespace {
constexpr quint16 Port = 34272;
const QHostAddress A(QStringLiteral("127.0.0.1"));
const QHostAddress F(QStringLiteral("127.0.0.3"));

struct Line
{
    QtMsgType type;
    QString category;
    QString text;
};

// Filled from every thread: uploads and downloads log from the transfer threads.
QMutex linesMutex;
QList<Line> lines;
QtMessageHandler previousHandler = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArray(context.category).startsWith("lanpigeon.")) {
        QMutexLocker lock(&linesMutex);
        lines.append({type, QString::fromLatin1(context.category), message});
        return;
    }
    previousHandler(type, context, message);
}

QList<Line> captured()
{
    QMutexLocker lock(&linesMutex);
    return lines;
}

// The lines of category that contain every one of words.
QList<Line> linesOf(const QString &category, const QStringList &words)
{
    QList<Line> out;
    const auto all = captured();
    for (const Line &l : all) {
        if (l.category != category)
            continue;
        if (std::all_of(words.cbegin(), words.cend(),
                        [&](const QString &w) { return l.text.contains(w); }))
            out.append(l);
    }
    return out;
}

QString fakeId()
{
    return Peer::makeId(F, Port);
}

// One garbage datagram to node, processed once this returns true.
bool sendGarbage(TestNode &node, QUdpSocket &from)
{
    QSignalSpy dropped(&*node.transport, &UdpTransport::malformedDatagram);
    from.writeDatagram(QByteArray("not an IP Messenger packet"), A, Port);
    return dropped.wait(2000);
}
} // namespace

class TestLogging final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void malformedDatagramLoggedOnlyWhenTransportIsOn();
    void silentByDefault();
    void discoveryLogsDroppedPeers();
    void messagesLogFailuresAndDuplicatesButNoText();
    void filesLogDeniedFetches();
    void tftpLogsRefusals();
    void historyLogsSqliteErrors();
    void cliTurnsACategoryOnFromTheEnvironment();
};

void TestLogging::initTestCase()
{
    previousHandler = qInstallMessageHandler(capture);
}

void TestLogging::init()
{
    QLoggingCategory::setFilterRules(QString());
    QMutexLocker lock(&linesMutex);
    lines.clear();
}

void TestLogging::cleanupTestCase()
{
    QLoggingCategory::setFilterRules(QString());
    qInstallMessageHandler(previousHandler);
}

void TestLogging::malformedDatagramLoggedOnlyWhenTransportIsOn()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    QUdpSocket garbage;
    QVERIFY(garbage.bind(F, 0));

    QVERIFY(sendGarbage(a, garbage));
    QVERIFY(captured().isEmpty());

    QLoggingCategory::setFilterRules(QStringLiteral("lanpigeon.transport=true"));
    QVERIFY(sendGarbage(a, garbage));
    const QString from = F.toString() + QLatin1Char(':') + QString::number(garbage.localPort());
    const auto found = linesOf(QStringLiteral("lanpigeon.transport"),
                               {QStringLiteral("dropped a datagram from ") + from});
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().type, QtInfoMsg);
    QCOMPARE(captured().size(), 1);
}

void TestLogging::silentByDefault()
{
    // A garbage datagram, a denied fetch, a silent peer and a failed message: nothing logged.
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy removed(&*a.discovery, &DiscoveryService::peerRemoved);
    QSignalSpy states(&*a.messages, &MessageService::messageStateChanged);
    fake.send(100, Mode::BrEntry, QByteArray("Fake\0group\0", 11), A, Port);
    a.messages->send(QStringLiteral("m1"), {fakeId()}, QStringLiteral("hello"), false);
    QUdpSocket garbage;
    QVERIFY(garbage.bind(F, 0));
    QVERIFY(sendGarbage(a, garbage));
    QVERIFY(removed.wait(3000));
    QTRY_COMPARE(states.count(), 1);
    QCOMPARE(captured().size(), 0);
}

void TestLogging::discoveryLogsDroppedPeers()
{
    QLoggingCategory::setFilterRules(QStringLiteral("lanpigeon.discovery=true"));
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy removed(&*a.discovery, &DiscoveryService::peerRemoved);
    fake.send(100, Mode::BrEntry, QByteArray("Fake\0group\0", 11), A, Port);
    QVERIFY(removed.wait(3000));
    QCOMPARE(linesOf(QStringLiteral("lanpigeon.discovery"),
                     {QStringLiteral("dropped peer ") + fakeId(), QStringLiteral("timed out")})
                 .size(),
             1);
}

void TestLogging::messagesLogFailuresAndDuplicatesButNoText()
{
    QLoggingCategory::setFilterRules(QStringLiteral("lanpigeon.*=true"));
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy states(&*a.messages, &MessageService::messageStateChanged);
    QSignalSpy received(&*a.messages, &MessageService::messageReceived);

    a.messages->send(QStringLiteral("m1"), {fakeId()}, QStringLiteral("outgoing secret"), false);
    QTRY_COMPARE_WITH_TIMEOUT(states.count(), 1, 3000);
    QCOMPARE(linesOf(QStringLiteral("lanpigeon.messages"),
                     {QStringLiteral("message m1 to ") + fakeId(), QStringLiteral("failed")})
                 .size(),
             1);

    // The sender missed our RECVMSG and sends again.
    for (int i = 0; i < 2; ++i)
        fake.send(700, Mode::SendMsg | Opt::SendCheck, QByteArray("incoming secret\0", 16), A,
                  Port);
    QVERIFY(fake.waitFor(Mode::RecvMsg, 2));
    QCOMPARE(received.count(), 1);
    const auto duplicate = linesOf(QStringLiteral("lanpigeon.messages"),
                                   {QStringLiteral("duplicate of packet 700 from ") + fakeId()});
    QCOMPARE(duplicate.size(), 1);
    QCOMPARE(duplicate.first().type, QtDebugMsg);

    const auto all = captured();
    for (const Line &l : all)
        QVERIFY2(!l.text.contains(QStringLiteral("secret")), qPrintable(l.text));
}

void TestLogging::filesLogDeniedFetches()
{
    QLoggingCategory::setFilterRules(QStringLiteral("lanpigeon.files=true"));
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    // Asks for a file of an offer that was never made to it.
    QTcpSocket thief;
    thief.bind(F);
    thief.connectToHost(A, Port);
    QVERIFY(thief.waitForConnected());
    thief.write(test::fetchRequest(4242, 0));
    QTRY_COMPARE(thief.state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(
        linesOf(QStringLiteral("lanpigeon.files"),
                {QStringLiteral("fetch by ") + F.toString(), QStringLiteral("may not fetch")})
            .size(),
        1);
}

void TestLogging::tftpLogsRefusals()
{
    QLoggingCategory::setFilterRules(QStringLiteral("lanpigeon.tftp=true"));
    QTemporaryDir root;
    tftp::TftpServer::Config c;
    c.root = root.path();
    c.address = A;
    c.port = 0;
    tftp::TftpServer server(c);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QUdpSocket client;
    QVERIFY(client.bind(F, 0));
    client.writeDatagram(
        tftp::buildRequest(tftp::Opcode::Rrq, "missing.txt", tftp::Mode::Octet, {}), A,
        server.port());
    QTRY_VERIFY(client.hasPendingDatagrams());
    const QString from = F.toString() + QLatin1Char(':') + QString::number(client.localPort());
    QCOMPARE(linesOf(QStringLiteral("lanpigeon.tftp"),
                     {QStringLiteral("refused ") + from, QStringLiteral("error 1: File not found")})
                 .size(),
             1);
}

void TestLogging::historyLogsSqliteErrors()
{
    QLoggingCategory::setFilterRules(QStringLiteral("lanpigeon.history=true"));
    QTemporaryDir dir;
    HistoryStore history;
    // A folder where the database file should be.
    QString error;
    QVERIFY(!history.open(dir.path(), &error));
    QCOMPARE(linesOf(QStringLiteral("lanpigeon.history"), {QStringLiteral("SQLite error")}).size(),
             1);
}

void TestLogging::cliTurnsACategoryOnFromTheEnvironment()
{
    // The README's line, as a user types it: stderr gains the category's lines, nothing else.
    QTemporaryDir profile;
    auto listen = [&](const QString &rules) {
        FakePeer fake(F.toString(), Port);
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_LOGGING_RULES"));
        if (!rules.isEmpty())
            env.insert(QStringLiteral("QT_LOGGING_RULES"), rules);
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(LANPIGEON_CLI),
                  {QStringLiteral("listen"), QStringLiteral("--count"), QStringLiteral("1"),
                   QStringLiteral("--bind"), A.toString(), QStringLiteral("--port"),
                   QString::number(Port), QStringLiteral("--no-broadcast"),
                   QStringLiteral("--extra-host"), F.toString(), QStringLiteral("--profile"),
                   profile.path()});
        // Listening once it announces itself to us.
        if (!fake.waitFor(Mode::BrEntry, 1, 10000))
            return QString();
        fake.send(QByteArray("not an IP Messenger packet"), A, Port);
        fake.send(800, Mode::SendMsg | Opt::SendCheck, QByteArray("hi\0", 3), A, Port);
        if (!cli.waitForFinished(10000)) {
            cli.kill();
            cli.waitForFinished();
        }
        return QString::fromUtf8(cli.readAllStandardError());
    };
    const QString off = listen({});
    const QString on = listen(QStringLiteral("lanpigeon.transport=true"));
    const QString line = QStringLiteral("lanpigeon.transport: dropped a datagram from %1:%2: ")
                             .arg(F.toString())
                             .arg(Port);
    QVERIFY2(on.contains(line), qPrintable(on));
    QVERIFY2(!off.contains(QStringLiteral("lanpigeon.")), qPrintable(off));
    QVERIFY2(off.contains(QStringLiteral("ignored malformed datagram")), qPrintable(off));
    QStringList onWithout = on.split(QLatin1Char('\n'));
    onWithout.removeIf([&](const QString &l) { return l.startsWith(line); });
    QCOMPARE(onWithout.join(QLatin1Char('\n')), off);
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
