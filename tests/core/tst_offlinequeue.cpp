// The offline queue between real nodes on loopback: queued while the person is away, sent when
// they announce again (after restarts, at a new address), in order; expiry, cancel, impostors.
#include "testnode.h"

#include "messaging/buddytracker.h"
#include "messaging/keyexchange.h"
#include "messaging/offlinequeue.h"
#include "messaging/persontracker.h"
#include "messaging/roomservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;
using lanpigeon::test::FakePeer;
using lanpigeon::test::startPair;
using lanpigeon::test::states;
using lanpigeon::test::TestNode;

namespace {
constexpr quint16 Port = 34262;
const QHostAddress A(QStringLiteral("127.0.0.151"));
const QHostAddress B(QStringLiteral("127.0.0.152"));
// Where Bob comes back.
const QHostAddress B2(QStringLiteral("127.0.0.153"));
// Another machine cloned from Bob's: the same user@host, a key of its own.
const QHostAddress C(QStringLiteral("127.0.0.154"));
const QHostAddress F(QStringLiteral("127.0.0.155"));
// Never answers: keeps a lanpigeon-cli send running.
const QHostAddress Silent(QStringLiteral("127.0.0.156"));

// lanpigeon-cli's options for a node at A with profile.
QStringList cliAt(const QString &profile)
{
    return {QStringLiteral("--bind"),
            A.toString(),
            QStringLiteral("--port"),
            QString::number(Port),
            QStringLiteral("--no-broadcast"),
            QStringLiteral("--profile"),
            profile,
            QStringLiteral("--extra-host"),
            B.toString()};
}

// Runs lanpigeon-cli to its end, the event loop running meanwhile (for the nodes in this
// process); its exit code and what it printed.
struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};
CliRun runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(LANPIGEON_CLI), args);
    CliRun r;
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 15000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// Alice's CLI with profile talks to Bob once (her history knows him from then on), then Bob
// quits.
bool cliMeetsThenBobLeaves(const QString &profile, TestNode &b)
{
    if (!b.start())
        return false;
    const CliRun r = runCli(QStringList{QStringLiteral("send"), QStringLiteral("--to"), b.id(),
                                        QStringLiteral("hello")} +
                            cliAt(profile));
    b.node->stop();
    b.node.reset();
    return r.code == 0;
}

// Runs lanpigeon-cli with args (a send that waits on Silent too, so it still runs) until it
// printed that it queued for peerId, then kills it with SIGKILL; whether all went so.
bool queuedThenKilled(const QStringList &args, const QString &peerId)
{
    QProcess sender;
    sender.start(QStringLiteral(LANPIGEON_CLI),
                 args + QStringList{QStringLiteral("--to"), Peer::makeId(Silent, Port),
                                    QStringLiteral("--attempts"), QStringLiteral("1000"),
                                    QStringLiteral("--retry-ms"), QStringLiteral("100")});
    QString printed;
    const bool queued = QTest::qWaitFor(
        [&] {
            printed += QString::fromUtf8(sender.readAllStandardOutput());
            return printed.contains(QStringLiteral("%1: queued").arg(peerId));
        },
        10000);
    const bool running = sender.state() == QProcess::Running;
    sender.kill();
    return sender.waitForFinished() && queued && running &&
           sender.exitStatus() == QProcess::CrashExit;
}

// The state history --json shows for the message whose text is text.
QString cliHistoryState(const QString &profile, const QString &text)
{
    const CliRun r =
        runCli(QStringList{QStringLiteral("history"), QStringLiteral("--json")} + cliAt(profile));
    for (const QString &line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        if (o.value(QStringLiteral("text")).toString() == text)
            return o.value(QStringLiteral("state")).toString();
    }
    return {};
}

QStringList texts(const QSignalSpy &received)
{
    QStringList out;
    for (const QList<QVariant> &args : received)
        out.append(args.first().value<ChatMessage>().text);
    return out;
}

// Alice, queueing for the people she has talked to, and extra hosts to announce to.
void queueing(TestNode &node)
{
    node.config.queueOffline = true;
}

// The one stored state of message id to peerId in node's history.
DeliveryState storedState(TestNode &node, const QString &peerId, const QString &id)
{
    const QList<ChatMessage> rows = node.history->conversation(peerId, 100);
    for (const ChatMessage &m : rows) {
        if (m.id == id)
            return m.state;
    }
    return DeliveryState::Received;
}

// to starts with from's key, as a machine that kept its profile does.
bool takeKeyOf(const TestNode &from, TestNode &to)
{
    const QString pem = QStringLiteral("identity.pem");
    return QFile::remove(to.dir.filePath(pem)) &&
           QFile::copy(from.dir.filePath(pem), to.dir.filePath(pem));
}

// Stops node as the program does (BR_EXIT) and waits until other no longer lists it.
bool leave(TestNode &node, TestNode &other)
{
    node.node->stop();
    const QString id = node.id();
    node.node.reset();
    return QTest::qWaitFor([&] { return !other.discovery->peer(id); });
}

// The stored state of message id (its first row): also for an offer without words, which
// conversation() leaves out.
ChatMessage storedRow(TestNode &node, const QString &id)
{
    return node.history->find(id).value_or(ChatMessage());
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

// What node fetched of the next offer from the spy into dir: whether every item arrived.
bool fetchAll(TestNode &node, const FileOffer &offer, const QString &dir)
{
    QSignalSpy done(node.files, &FileTransferService::transferFinished);
    node.files->accept(offer.id(), dir);
    if (!QTest::qWaitFor([&] { return done.size() >= offer.items.size(); }, 10000))
        return false;
    for (const QList<QVariant> &args : std::as_const(done)) {
        const TransferResult r = args.first().value<TransferResult>();
        if (!r.ok()) {
            qWarning("fetch failed: %s", qPrintable(r.error));
            return false;
        }
    }
    return true;
}

} // namespace

class TestOfflineQueue final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void queuedThenDeliveredWhenReceiverRestarts();
    void queuedSurvivesSenderRestart();
    void unansweredMessageIsQueued();
    void orderIsKept();
    void expiresWhileRunningAndAtStart();
    void cancelledIsNeverSent();
    void personBackOnANewAddressGetsIt();
    void impostorWithAnotherKeyGetsNothing();
    void queueGoesOnlyToTheKeyItWasWrittenTo();
    void conversationFollowsThePerson();
    void anotherKeyOnTheSameLoginKeepsItsOwnChat();
    void oldAddressLeavingLaterStillMovesTheChat();
    void someoneElseAtTheAddressGetsAFreshChat();
    void aCloneAtTheAddressGetsAFreshChat();
    void buddyMetOnlyInARoomIsQueued();
    void queueWaitsForTheKeyCheckAndKeepsOrder();
    void cliQueuesAndAListenerDeliversAfterKill9();
    void unansweredWhenTheSenderDiedIsQueuedAgain();
    void queuedOfferIsOfferedAndFetchedWhenThePersonIsBack();
    void queuedOfferSurvivesKill9OfTheSender();
    void queuedOfferWhoseFileVanishedFailsWithItsReason();
    void queuedOffersKeepOrderWithTextsAndCancel();
    void openOfferLapsesWhenTheSenderStops();
    void cliSendFileQueuesAndAListenerServesItAfterKill9();
};

void TestOfflineQueue::initTestCase()
{
    qRegisterMetaType<DeliveryState>();
    qRegisterMetaType<ChatMessage>();
    qRegisterMetaType<Failure>();
    qRegisterMetaType<FileOffer>();
    qRegisterMetaType<OfferOutcome>();
    qRegisterMetaType<TransferResult>();
}

// Alice and Bob talk once (so Alice knows Bob as bob@host-bob), then Bob leaves.
#define MEET_THEN_BOB_LEAVES(a, b)                                                                 \
    queueing(a);                                                                                   \
    QVERIFY(startPair(a, b));                                                                      \
    {                                                                                              \
        QSignalSpy first(a.messages, &MessageService::messageStateChanged);                        \
        a.messages->send(QStringLiteral("hello"), {b.id()}, QStringLiteral("hello"), false);       \
        QTRY_COMPARE(states(first).value({QStringLiteral("hello"), b.id()}),                       \
                     DeliveryState::Delivered);                                                    \
    }                                                                                              \
    QVERIFY(leave(b, a))

void TestOfflineQueue::queuedThenDeliveredWhenReceiverRestarts()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("q1"), {b.id()}, QStringLiteral("see you tomorrow"), false);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("q1"), b.id()}), DeliveryState::Queued);
    QCOMPARE(storedState(a, b.id(), QStringLiteral("q1")), DeliveryState::Queued);
    QCOMPARE(a.history->queuedFor(QStringLiteral("bob@host-bob")).size(), 1);

    // Bob starts again (his history and key as before) and announces himself.
    QVERIFY(b.start());
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(texts(received), QStringList{QStringLiteral("see you tomorrow")});
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("q1"), b.id()}), DeliveryState::Delivered);
    QCOMPARE(storedState(a, b.id(), QStringLiteral("q1")), DeliveryState::Delivered);
    QVERIFY(a.history->queuedFor(QStringLiteral("bob@host-bob")).isEmpty());
}

void TestOfflineQueue::queuedSurvivesSenderRestart()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    a.messages->send(QStringLiteral("q2"), {b.id()}, QStringLiteral("sealed for later"), true);
    QTRY_COMPARE(storedState(a, b.id(), QStringLiteral("q2")), DeliveryState::Queued);

    // Alice quits and starts again: only history remembers the message.
    a.node->stop();
    a.node.reset();
    QVERIFY(a.start());
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    QVERIFY(b.start());
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    QTRY_COMPARE(received.size(), 1);
    const ChatMessage in = received.first().first().value<ChatMessage>();
    QCOMPARE(in.text, QStringLiteral("sealed for later"));
    QVERIFY(in.sealed);
    // Sealed, encrypted and signed as any message to a LanPigeon peer.
    QVERIFY(in.encrypted);
    QCOMPARE(in.authenticity, Authenticity::Verified);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("q2"), b.id()}), DeliveryState::Delivered);
}

void TestOfflineQueue::unansweredMessageIsQueued()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    queueing(a);
    QVERIFY(a.start());
    // A peer that announces itself and then never answers (it went home without BR_EXIT).
    FakePeer fake(F.toString(), Port);
    fake.send(1, Mode::BrEntry, "Fake\0", A, Port);
    const QString fakeId = Peer::makeId(F, Port);
    QTRY_VERIFY(a.discovery->peer(fakeId));
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("u1"), {fakeId}, QStringLiteral("are you there"), false);
    QTRY_COMPARE_WITH_TIMEOUT(states(stateSpy).value({QStringLiteral("u1"), fakeId}),
                              DeliveryState::Queued, 3000);
    QVERIFY(fake.waitFor(Mode::SendMsg, a.config.maxAttempts));
    for (const QList<QVariant> &args : stateSpy)
        QVERIFY(args.at(2).value<DeliveryState>() != DeliveryState::Failed);
    QCOMPARE(storedState(a, fakeId, QStringLiteral("u1")), DeliveryState::Queued);

    // It announces again: the message goes again, and this time it answers.
    const int before = int(fake.packets(Mode::SendMsg).size());
    fake.send(2, Mode::BrEntry, "Fake\0", A, Port);
    QVERIFY(fake.waitFor(Mode::SendMsg, before + 1));
    const Packet again = fake.packets(Mode::SendMsg).last();
    QCOMPARE(again.field(0), QByteArray("are you there"));
    fake.send(3, Mode::RecvMsg, QByteArray::number(again.packetNo) + '\0', A, Port);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("u1"), fakeId}), DeliveryState::Delivered);
}

void TestOfflineQueue::orderIsKept()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    QStringList sent;
    for (int i = 0; i < 10; ++i) {
        sent.append(QStringLiteral("message %1").arg(i));
        // Every other one sealed: the sealing thread must not reorder them.
        a.messages->send(QStringLiteral("o%1").arg(i), {b.id()}, sent.last(), i % 2 == 1);
    }
    QCOMPARE(a.history->queuedFor(QStringLiteral("bob@host-bob")).size(), 10);
    QVERIFY(b.start());
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    QTRY_COMPARE(received.size(), 10);
    QCOMPARE(texts(received), sent);
    const QList<ChatMessage> stored = b.history->conversation(a.id(), 20);
    QStringList storedTexts;
    for (const ChatMessage &m : stored) {
        if (m.direction == Direction::Incoming && m.text != QStringLiteral("hello"))
            storedTexts.append(m.text);
    }
    QCOMPARE(storedTexts, sent);
}

void TestOfflineQueue::expiresWhileRunningAndAtStart()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    a.messages->send(QStringLiteral("old"), {b.id()}, QStringLiteral("stale"), false);
    QTRY_COMPARE(storedState(a, b.id(), QStringLiteral("old")), DeliveryState::Queued);

    // Alice starts again with a queue that keeps messages 300 ms: the one stored before is
    // older by the time she has started, and expires at start.
    a.node->stop();
    a.node.reset();
    QTest::qWait(400);
    a.config.queueExpiryMs = 300;
    QVERIFY(a.start());
    QCOMPARE(storedState(a, b.id(), QStringLiteral("old")), DeliveryState::Expired);

    // While running: on the queue's timer.
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("new"), {b.id()}, QStringLiteral("also stale"), false);
    QCOMPARE(states(stateSpy).value({QStringLiteral("new"), b.id()}), DeliveryState::Queued);
    QTRY_COMPARE_WITH_TIMEOUT(states(stateSpy).value({QStringLiteral("new"), b.id()}),
                              DeliveryState::Expired, 2000);
    QCOMPARE(storedState(a, b.id(), QStringLiteral("new")), DeliveryState::Expired);

    // Sent again by hand, it is queued anew: its time starts again rather than from when it
    // was written (it would expire at the next check).
    QTest::qWait(400);
    a.messages->send(QStringLiteral("new"), {b.id()}, QStringLiteral("also stale"), false);
    QCOMPARE(storedState(a, b.id(), QStringLiteral("new")), DeliveryState::Queued);
    QTest::qWait(150);
    QCOMPARE(storedState(a, b.id(), QStringLiteral("new")), DeliveryState::Queued);

    QTRY_COMPARE(storedState(a, b.id(), QStringLiteral("new")), DeliveryState::Expired);

    // Bob back: nothing expired goes.
    QVERIFY(b.start());
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    QTRY_VERIFY(a.discovery->peer(b.id()));
    QTest::qWait(500);
    QCOMPARE(received.size(), 0);
}

void TestOfflineQueue::cancelledIsNeverSent()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("c1"), {b.id()}, QStringLiteral("never mind"), false);
    a.messages->send(QStringLiteral("c2"), {b.id()}, QStringLiteral("this one goes"), false);
    QVERIFY(a.node->queue()->cancel(QStringLiteral("c1"), b.id()));
    QCOMPARE(stateSpy.last().at(2).value<DeliveryState>(), DeliveryState::Failed);
    QCOMPARE(stateSpy.last().at(4).value<Failure>(), Failure::Cancelled);
    QCOMPARE(storedState(a, b.id(), QStringLiteral("c1")), DeliveryState::Failed);
    QVERIFY(!a.node->queue()->cancel(QStringLiteral("c1"), b.id()));

    QVERIFY(b.start());
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("c2"), b.id()}), DeliveryState::Delivered);
    QCOMPARE(texts(received), QStringList{QStringLiteral("this one goes")});
    // A message already sent cannot be cancelled.
    QVERIFY(!a.node->queue()->cancel(QStringLiteral("c2"), b.id()));
}

void TestOfflineQueue::personBackOnANewAddressGetsIt()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B, B2});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("n1"), {b.id()}, QStringLiteral("wherever you are"), true);
    QTRY_COMPARE(storedState(a, b.id(), QStringLiteral("n1")), DeliveryState::Queued);

    // Bob's machine got another address: the same user@host and the same key.
    TestNode moved(B2.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(takeKeyOf(b, moved));
    QVERIFY(moved.start());
    QSignalSpy received(moved.messages, &MessageService::messageReceived);
    QTRY_COMPARE(received.size(), 1);
    const ChatMessage in = received.first().first().value<ChatMessage>();
    QCOMPARE(in.text, QStringLiteral("wherever you are"));
    QCOMPARE(in.authenticity, Authenticity::Verified);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("n1"), moved.id()}),
                 DeliveryState::Delivered);
    // The row went with Bob to his new address.
    QCOMPARE(storedState(a, moved.id(), QStringLiteral("n1")), DeliveryState::Delivered);
}

void TestOfflineQueue::impostorWithAnotherKeyGetsNothing()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    a.messages->send(QStringLiteral("i1"), {b.id()}, QStringLiteral("for Bob only"), true);
    QTRY_COMPARE(storedState(a, b.id(), QStringLiteral("i1")), DeliveryState::Queued);

    // Someone else calls himself bob@host-bob at Bob's address, with a key of his own.
    TestNode impostor(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(QFile::remove(impostor.dir.filePath(QStringLiteral("identity.pem"))));
    QVERIFY(impostor.start());
    QSignalSpy received(impostor.messages, &MessageService::messageReceived);
    QTRY_VERIFY(a.discovery->peer(impostor.id()) &&
                a.discovery->peer(impostor.id())->key.trust == crypto::KeyTrust::Changed);
    QTest::qWait(1000);
    QCOMPARE(received.size(), 0);
    QCOMPARE(storedState(a, b.id(), QStringLiteral("i1")), DeliveryState::Queued);
}

void TestOfflineQueue::cliQueuesAndAListenerDeliversAfterKill9()
{
    QTemporaryDir profile;
    lanpigeon::test::giveTestKey(profile.path());
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    const QString bob = b.id();
    QVERIFY(cliMeetsThenBobLeaves(profile.path(), b));

    // Bob is gone: --queue keeps the message for him, by his nick. The same send also waits
    // on an address that never answers, so it is still running when killed.
    QVERIFY(queuedThenKilled(QStringList{QStringLiteral("send"), QStringLiteral("--queue"),
                                         QStringLiteral("--to"), QStringLiteral("Bob"),
                                         QStringLiteral("--wait"), QStringLiteral("0.5"),
                                         QStringLiteral("waited for you")} +
                                 cliAt(profile.path()),
                             bob));
    QCOMPARE(cliHistoryState(profile.path(), QStringLiteral("waited for you")),
             QStringLiteral("queued"));

    // On its own, --queue to a peer away prints queued and exits 0.
    const CliRun r = runCli(QStringList{QStringLiteral("send"), QStringLiteral("--queue"),
                                        QStringLiteral("--to"), bob, QStringLiteral("--wait"),
                                        QStringLiteral("0.5"), QStringLiteral("and this")} +
                            cliAt(profile.path()));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("queued")), qPrintable(r.out));

    // Bob is back, and Alice's CLI listens: the queue goes, in order.
    QVERIFY(b.start());
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    QProcess listener;
    listener.start(QStringLiteral(LANPIGEON_CLI),
                   QStringList{QStringLiteral("listen")} + cliAt(profile.path()));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 10000);
    QCOMPARE(texts(received),
             (QStringList{QStringLiteral("waited for you"), QStringLiteral("and this")}));
    listener.terminate();
    QVERIFY(listener.waitForFinished());
    QCOMPARE(cliHistoryState(profile.path(), QStringLiteral("waited for you")),
             QStringLiteral("delivered"));
}

void TestOfflineQueue::unansweredWhenTheSenderDiedIsQueuedAgain()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    queueing(a);
    QVERIFY(startPair(a, b));
    a.messages->send(QStringLiteral("hello"), {b.id()}, QStringLiteral("hello"), false);
    QTRY_COMPARE(storedState(a, b.id(), QStringLiteral("hello")), DeliveryState::Delivered);
    // Bob's machine goes silent without a goodbye: Alice still lists him and sends.
    b.node.reset();
    QVERIFY(a.discovery->peer(b.id()));
    a.messages->send(QStringLiteral("f1"), {b.id()}, QStringLiteral("in flight"), false);
    QCOMPARE(storedState(a, b.id(), QStringLiteral("f1")), DeliveryState::Sending);
    // Alice dies before any receipt could come (as kill -9: no stop(), no BR_EXIT).
    a.node.reset();

    QVERIFY(a.start());
    QCOMPARE(storedState(a, b.id(), QStringLiteral("f1")), DeliveryState::Queued);
    QVERIFY(b.start());
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(texts(received), QStringList{QStringLiteral("in flight")});
    QTRY_COMPARE(storedState(a, b.id(), QStringLiteral("f1")), DeliveryState::Delivered);
}

// Alice, queueing, meets Bob and then a machine cloned from his (c: the same user@host, a key
// of its own) while Bob is online, so she pins both keys.
bool bobAndHisCloneMeet(TestNode &a, TestNode &b, TestNode &c)
{
    queueing(a);
    const auto pinned = [&](const TestNode &n) {
        return QTest::qWaitFor([&] {
            return a.discovery->peer(n.id()) &&
                   a.discovery->peer(n.id())->key.trust == crypto::KeyTrust::Pinned;
        });
    };
    return startPair(a, b) && pinned(b) && c.start() && pinned(c);
}

// The texts of the messages stored in node's conversation with peerId, oldest first.
QStringList storedTexts(TestNode &node, const QString &peerId)
{
    QStringList out;
    for (const ChatMessage &m : node.history->conversation(peerId, 100))
        out.append(m.text);
    return out;
}

void TestOfflineQueue::queueGoesOnlyToTheKeyItWasWrittenTo()
{
    // Bob and a machine cloned from his (same user@host, another key) are both online, so
    // Alice pins both keys (the clone rule).
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B, C});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    TestNode c(C.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(bobAndHisCloneMeet(a, b, c));
    QVERIFY(a.discovery->peer(c.id())->key.current != a.discovery->peer(b.id())->key.current);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("hello"), {b.id(), c.id()}, QStringLiteral("hello"), false);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("hello"), b.id()}),
                 DeliveryState::Delivered);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("hello"), c.id()}),
                 DeliveryState::Delivered);

    // Bob goes home; the clone stays. What Alice writes to Bob waits for Bob's key.
    QVERIFY(leave(b, a));
    QSignalSpy cloneGot(c.messages, &MessageService::messageReceived);
    a.messages->send(QStringLiteral("k1"), {b.id()}, QStringLiteral("cancel me"), true);
    a.messages->send(QStringLiteral("k2"), {b.id()}, QStringLiteral("for Bob"), false);
    QCOMPARE(states(stateSpy).value({QStringLiteral("k1"), b.id()}), DeliveryState::Queued);
    // The clone announces itself again meanwhile.
    a.discovery->announce();
    QTest::qWait(800);
    QCOMPARE(cloneGot.size(), 0);
    QCOMPARE(storedState(a, b.id(), QStringLiteral("k1")), DeliveryState::Queued);
    // Its bubble still waits for Bob, so Cancel sending works on it.
    QVERIFY(a.node->queue()->cancel(QStringLiteral("k1"), b.id()));
    QCOMPARE(states(stateSpy).value({QStringLiteral("k1"), b.id()}), DeliveryState::Failed);
    QCOMPARE(stateSpy.last().at(4).value<Failure>(), Failure::Cancelled);

    // Bob is back: only the message not cancelled reaches him, the clone still gets nothing.
    QVERIFY(b.start());
    QSignalSpy bobGot(b.messages, &MessageService::messageReceived);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("k2"), b.id()}), DeliveryState::Delivered);
    QTest::qWait(300);
    QCOMPARE(texts(bobGot), QStringList{QStringLiteral("for Bob")});
    QCOMPARE(cloneGot.size(), 0);
    QCOMPARE(storedState(a, b.id(), QStringLiteral("k1")), DeliveryState::Failed);
    // Each keeps a chat of its own.
    QCOMPARE(storedTexts(a, c.id()), QStringList{QStringLiteral("hello")});
}

void TestOfflineQueue::conversationFollowsThePerson()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B, B2});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    QSignalSpy moves(a.node->tracker(), &PersonTracker::conversationMoved);
    a.messages->send(QStringLiteral("m1"), {b.id()}, QStringLiteral("on your new desk"), false);
    QTRY_COMPARE(storedState(a, b.id(), QStringLiteral("m1")), DeliveryState::Queued);

    // Bob comes back at another address, with his key.
    TestNode moved(B2.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(takeKeyOf(b, moved));
    QVERIFY(moved.start());
    QTRY_COMPARE(moves.size(), 1);
    QCOMPARE(moves.first().at(0).toString(), b.id());
    QCOMPARE(moves.first().at(1).toString(), moved.id());
    // Where he is now was written with the move, not a second later (a kill -9 may follow).
    const QList<HistoryStore::PersonAt> places =
        a.history->peerIdsOf(QStringLiteral("bob@host-bob"));
    QCOMPARE(places.size(), 1);
    QCOMPARE(places.first().peerId, moved.id());
    // The queued message went under the new address, after the move.
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("m1"), moved.id()}),
                 DeliveryState::Delivered);
    QCOMPARE(states(stateSpy).value({QStringLiteral("m1"), b.id()}), DeliveryState::Queued);
    // One conversation, at the new address, in history: across a restart too.
    QCOMPARE(storedTexts(a, moved.id()),
             (QStringList{QStringLiteral("hello"), QStringLiteral("on your new desk")}));
    QVERIFY(storedTexts(a, b.id()).isEmpty());
    a.node->stop();
    a.node.reset();
    QVERIFY(a.start());
    const QList<ChatMessage> latest = a.history->latestPerPeer(10);
    QCOMPARE(latest.size(), 1);
    QCOMPARE(latest.first().peerId, moved.id());
    // It went encrypted, and history says so (its bubble carries the lock after a restart).
    QVERIFY(a.history->conversation(moved.id(), 10).last().encrypted);
    // Moved once: seen again, nothing more moves.
    QTest::qWait(500);
    QCOMPARE(moves.size(), 1);
}

void TestOfflineQueue::anotherKeyOnTheSameLoginKeepsItsOwnChat()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B, B2});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    QSignalSpy moves(a.node->tracker(), &PersonTracker::conversationMoved);
    // Someone else with Bob's user@host, at another address, with a key of his own.
    TestNode other(B2.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(QFile::remove(other.dir.filePath(QStringLiteral("identity.pem"))));
    QVERIFY(other.start());
    QTRY_VERIFY(a.discovery->peer(other.id()) &&
                a.discovery->peer(other.id())->key.trust != crypto::KeyTrust::Unknown);
    QTest::qWait(500);
    QCOMPARE(moves.size(), 0);
    QCOMPARE(storedTexts(a, b.id()), QStringList{QStringLiteral("hello")});
    // Verified by the user, he is who he is: still not Bob's chat, whose key is still pinned.
    QVERIFY(a.node->keys()->markVerified(other.id()));
    QTest::qWait(300);
    QCOMPARE(moves.size(), 0);
    QCOMPARE(storedTexts(a, b.id()), QStringList{QStringLiteral("hello")});
}

void TestOfflineQueue::oldAddressLeavingLaterStillMovesTheChat()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B, B2});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    queueing(a);
    QVERIFY(startPair(a, b));
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("hello"), {b.id()}, QStringLiteral("hello"), false);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("hello"), b.id()}),
                 DeliveryState::Delivered);
    QSignalSpy moves(a.node->tracker(), &PersonTracker::conversationMoved);

    // Bob's new lease, with his key, while his old address is still listed: two chats a while.
    TestNode moved(B2.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(takeKeyOf(b, moved));
    QVERIFY(moved.start());
    QTRY_VERIFY(a.discovery->peer(moved.id()) &&
                a.discovery->peer(moved.id())->key.trust == crypto::KeyTrust::Pinned);
    QTest::qWait(300);
    QCOMPARE(moves.size(), 0);

    // The old address goes: its chat joins him where he is, in history too.
    QVERIFY(leave(b, a));
    QTRY_COMPARE(moves.size(), 1);
    QCOMPARE(moves.first().at(0).toString(), b.id());
    QCOMPARE(moves.first().at(1).toString(), moved.id());
    QCOMPARE(storedTexts(a, moved.id()), QStringList{QStringLiteral("hello")});
    QVERIFY(storedTexts(a, b.id()).isEmpty());
    const QList<HistoryStore::PersonAt> places =
        a.history->peerIdsOf(QStringLiteral("bob@host-bob"));
    QCOMPARE(places.size(), 1);
    QCOMPARE(places.first().peerId, moved.id());
    a.messages->send(QStringLiteral("after"), {moved.id()}, QStringLiteral("after"), false);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("after"), moved.id()}),
                 DeliveryState::Delivered);
}

void TestOfflineQueue::someoneElseAtTheAddressGetsAFreshChat()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B, B2});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    QSignalSpy parked(a.node->tracker(), &PersonTracker::chatParked);
    a.messages->send(QStringLiteral("q1"), {b.id()}, QStringLiteral("private: my salary note"),
                     false);
    QTRY_COMPARE(storedState(a, b.id(), QStringLiteral("q1")), DeliveryState::Queued);

    // Dave, another login with a key of his own, gets Bob's old address.
    TestNode dave(B.toString(), Port, QStringLiteral("Dave"), {A});
    QVERIFY(QFile::remove(dave.dir.filePath(QStringLiteral("identity.pem"))));
    QVERIFY(dave.start());
    QSignalSpy daveGot(dave.messages, &MessageService::messageReceived);
    QTRY_COMPARE(parked.size(), 1);
    QCOMPARE(parked.first().at(0).toString(), b.id());
    const QString bobsChat = parked.first().at(1).toString();
    QVERIFY(PersonRef::isParkedChatId(bobsChat));
    QCOMPARE(parked.first().at(2).value<PersonRef>().person, QStringLiteral("bob@host-bob"));
    QVERIFY(!parked.first().at(2).value<PersonRef>().key.isEmpty());
    // Dave starts a fresh chat at the address; Bob's waits at its own id, his grey row too.
    QVERIFY(storedTexts(a, b.id()).isEmpty());
    QCOMPARE(storedTexts(a, bobsChat),
             (QStringList{QStringLiteral("hello"), QStringLiteral("private: my salary note")}));
    QTRY_VERIFY(a.discovery->peer(dave.id()) &&
                a.discovery->peer(dave.id())->key.trust == crypto::KeyTrust::Pinned);
    const QList<Buddy> buddies = a.node->buddies()->all();
    QCOMPARE(buddies.size(), 1);
    QCOMPARE(buddies.first().person, QStringLiteral("bob@host-bob"));
    QCOMPARE(buddies.first().peerId, bobsChat);
    // What Dave writes is Dave's; what Alice writes in Bob's chat waits for Bob.
    QSignalSpy aGot(a.messages, &MessageService::messageReceived);
    dave.messages->send(QStringLiteral("d1"), {a.id()}, QStringLiteral("hi, I am Dave"), false);
    QTRY_COMPARE(aGot.size(), 1);
    QCOMPARE(storedTexts(a, dave.id()), QStringList{QStringLiteral("hi, I am Dave")});
    a.messages->send(QStringLiteral("q2"), {bobsChat}, QStringLiteral("Bob, read this"), true);
    QTRY_COMPARE(storedState(a, bobsChat, QStringLiteral("q2")), DeliveryState::Queued);
    a.messages->send(QStringLiteral("d2"), {dave.id()}, QStringLiteral("hello Dave"), false);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("d2"), dave.id()}),
                 DeliveryState::Delivered);
    QTest::qWait(300);
    QCOMPARE(texts(daveGot), QStringList{QStringLiteral("hello Dave")});
    QCOMPARE(parked.size(), 1);

    // Bob comes back at another address: his chat and all that waits go to him there.
    TestNode moved(B2.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(takeKeyOf(b, moved));
    QVERIFY(moved.start());
    QSignalSpy bobGot(moved.messages, &MessageService::messageReceived);
    QTRY_COMPARE(bobGot.size(), 2);
    QCOMPARE(texts(bobGot), (QStringList{QStringLiteral("private: my salary note"),
                                         QStringLiteral("Bob, read this")}));
    QTRY_COMPARE(storedState(a, moved.id(), QStringLiteral("q2")), DeliveryState::Delivered);
    QCOMPARE(storedTexts(a, moved.id()),
             (QStringList{QStringLiteral("hello"), QStringLiteral("private: my salary note"),
                          QStringLiteral("Bob, read this")}));
    QVERIFY(storedTexts(a, bobsChat).isEmpty());
    QCOMPARE(storedTexts(a, dave.id()),
             (QStringList{QStringLiteral("hi, I am Dave"), QStringLiteral("hello Dave")}));
    QCOMPARE(texts(daveGot), QStringList{QStringLiteral("hello Dave")});
}

void TestOfflineQueue::aCloneAtTheAddressGetsAFreshChat()
{
    // Bob and a machine cloned from his are both online once, so Alice pins both keys.
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B, B2, C});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    TestNode c(C.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(bobAndHisCloneMeet(a, b, c));
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("hello"), {b.id()}, QStringLiteral("hello"), false);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("hello"), b.id()}),
                 DeliveryState::Delivered);
    QVERIFY(leave(b, a));
    a.messages->send(QStringLiteral("k1"), {b.id()}, QStringLiteral("for Bob"), false);
    QTRY_COMPARE(storedState(a, b.id(), QStringLiteral("k1")), DeliveryState::Queued);

    // The clone moves to Bob's old address.
    QSignalSpy parked(a.node->tracker(), &PersonTracker::chatParked);
    QVERIFY(leave(c, a));
    TestNode clone(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(takeKeyOf(c, clone));
    QVERIFY(clone.start());
    QSignalSpy cloneGot(clone.messages, &MessageService::messageReceived);
    QTRY_COMPARE(parked.size(), 1);
    const QString bobsChat = parked.first().at(1).toString();
    QVERIFY(PersonRef::isParkedChatId(bobsChat));
    QVERIFY(storedTexts(a, b.id()).isEmpty());
    QCOMPARE(storedTexts(a, bobsChat),
             (QStringList{QStringLiteral("hello"), QStringLiteral("for Bob")}));
    QTest::qWait(500);
    QCOMPARE(cloneGot.size(), 0);

    // Bob is back elsewhere and gets it; the clone still nothing.
    TestNode moved(B2.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(takeKeyOf(b, moved));
    QVERIFY(moved.start());
    QSignalSpy bobGot(moved.messages, &MessageService::messageReceived);
    QTRY_COMPARE(texts(bobGot), QStringList{QStringLiteral("for Bob")});
    QCOMPARE(storedTexts(a, moved.id()),
             (QStringList{QStringLiteral("hello"), QStringLiteral("for Bob")}));
    QCOMPARE(cloneGot.size(), 0);
}

void TestOfflineQueue::buddyMetOnlyInARoomIsQueued()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B, B2});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    queueing(a);
    QVERIFY(startPair(a, b));
    const RoomId room = RoomId::generate();
    QVERIFY(a.node->rooms()->create(room, QStringLiteral("Lunch"), {b.id()}));
    QTRY_VERIFY(b.node->rooms()->room(room));
    // Bob's machine gets a new address, then he goes home: no chat of ours was ever there.
    QVERIFY(leave(b, a));
    TestNode moved(B2.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(takeKeyOf(b, moved));
    QVERIFY(moved.start());
    QTRY_VERIFY(a.discovery->peer(moved.id()) &&
                a.discovery->peer(moved.id())->key.trust == crypto::KeyTrust::Pinned);
    QTRY_VERIFY(!a.node->buddies()->all().isEmpty() &&
                a.node->buddies()->all().first().peerId == moved.id());
    QVERIFY(leave(moved, a));

    // Written to his grey row: it waits for him, as for anyone we talked to.
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("r1"), {moved.id()}, QStringLiteral("one to one"), false);
    QTRY_VERIFY(states(stateSpy).contains({QStringLiteral("r1"), moved.id()}));
    QCOMPARE(states(stateSpy).value({QStringLiteral("r1"), moved.id()}), DeliveryState::Queued);
    TestNode back(B2.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(takeKeyOf(b, back));
    QVERIFY(back.start());
    QSignalSpy bobGot(back.messages, &MessageService::messageReceived);
    QTRY_COMPARE(texts(bobGot), QStringList{QStringLiteral("one to one")});
}

void TestOfflineQueue::queueWaitsForTheKeyCheckAndKeepsOrder()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("w1"), {b.id()}, QStringLiteral("first"), false);
    QTRY_COMPARE(storedState(a, b.id(), QStringLiteral("w1")), DeliveryState::Queued);

    // Bob reinstalled: the same machine, a new key.
    QVERIFY(QFile::remove(b.dir.filePath(QStringLiteral("identity.pem"))));
    QVERIFY(b.start());
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    QTRY_VERIFY(a.discovery->peer(b.id()) &&
                a.discovery->peer(b.id())->key.trust == crypto::KeyTrust::Changed);
    // The last reason reported for message id, and its state then.
    const auto reported = [&](const QString &id) {
        QPair<DeliveryState, Failure> last{DeliveryState::Received, Failure::None};
        for (const QList<QVariant> &args : std::as_const(stateSpy)) {
            if (args.at(0).toString() == id)
                last = {args.at(2).value<DeliveryState>(), args.at(4).value<Failure>()};
        }
        return last;
    };
    // Not silently: the queued message says it waits for the user to check the key.
    QTRY_COMPARE(reported(QStringLiteral("w1")),
                 qMakePair(DeliveryState::Queued, Failure::AwaitsKeyCheck));
    // What is written now waits behind it rather than overtake it.
    a.messages->send(QStringLiteral("w2"), {b.id()}, QStringLiteral("second"), false);
    QCOMPARE(reported(QStringLiteral("w2")),
             qMakePair(DeliveryState::Queued, Failure::AwaitsKeyCheck));
    QTest::qWait(500);
    QCOMPARE(received.size(), 0);
    const QList<ChatMessage> stored = a.history->conversation(b.id(), 10);
    QCOMPARE(stored.last().failure, Failure::AwaitsKeyCheck);

    // The user compares fingerprints and verifies the new key: both go, in order.
    QVERIFY(a.node->keys()->markVerified(b.id()));
    QTRY_COMPARE(received.size(), 2);
    QCOMPARE(texts(received), (QStringList{QStringLiteral("first"), QStringLiteral("second")}));
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("w2"), b.id()}), DeliveryState::Delivered);
}

void TestOfflineQueue::queuedOfferIsOfferedAndFetchedWhenThePersonIsBack()
{
    QTemporaryDir src, dst;
    const QByteArray data = QByteArray("queued file ").repeated(5000);
    QVERIFY(writeFile(src.filePath(QStringLiteral("report.txt")), data));
    QVERIFY(QDir(src.path()).mkpath(QStringLiteral("photos")));
    QVERIFY(writeFile(src.filePath(QStringLiteral("photos/a.jpg")), "jpeg bytes"));
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    QSignalSpy finished(a.files, &FileTransferService::offerFinished);
    a.files->offer(
        QStringLiteral("of1"), {b.id()},
        {src.filePath(QStringLiteral("report.txt")), src.filePath(QStringLiteral("photos"))},
        QStringLiteral("the report"));
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("of1"), b.id()}), DeliveryState::Queued);
    QCOMPARE(storedRow(a, QStringLiteral("of1")).state, DeliveryState::Queued);
    QCOMPARE(a.history->offerFiles(QStringLiteral("of1")).size(), 2);
    // Nothing is served for a recipient who is not there.
    QCOMPARE(a.files->registry().size(), 0);
    QCOMPARE(a.messages->offersInFlight(), 0);

    QVERIFY(b.start());
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    QTRY_COMPARE(offers.size(), 1);
    const FileOffer offer = offers.first().first().value<FileOffer>();
    QCOMPARE(offer.message, QStringLiteral("the report"));
    QCOMPARE(offer.items.size(), 2);
    QCOMPARE(offer.items.at(0).name, QStringLiteral("report.txt"));
    QCOMPARE(offer.items.at(0).size, quint64(data.size()));
    QVERIFY(offer.items.at(1).isDir);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("of1"), b.id()}), DeliveryState::Delivered);
    QVERIFY(fetchAll(b, offer, dst.path()));
    QCOMPARE(readFile(dst.filePath(QStringLiteral("report.txt"))), data);
    QCOMPARE(readFile(dst.filePath(QStringLiteral("photos/a.jpg"))), QByteArray("jpeg bytes"));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).toString(), QStringLiteral("of1"));
    QCOMPARE(finished.first().at(1).value<OfferOutcome>(), OfferOutcome::Fetched);
    // Done with: history offers no paths of it any more (it keeps them for its bubble), and
    // nothing waits in flight.
    QVERIFY(a.history->offerFiles(QStringLiteral("of1")).isEmpty());
    QCOMPARE(a.messages->offersInFlight(), 0);
}

void TestOfflineQueue::queuedOfferSurvivesKill9OfTheSender()
{
    QTemporaryDir src, dst;
    const QByteArray data = QByteArray("after a crash ").repeated(3000);
    QVERIFY(writeFile(src.filePath(QStringLiteral("survivor.bin")), data));
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    a.files->offer(QStringLiteral("of2"), {b.id()}, {src.filePath(QStringLiteral("survivor.bin"))},
                   {});
    QTRY_COMPARE(storedRow(a, QStringLiteral("of2")).state, DeliveryState::Queued);
    const quint64 firstPacket = storedRow(a, QStringLiteral("of2")).packetNo;
    // As kill -9: no stop(), no BR_EXIT; only history remembers the offer.
    a.node.reset();
    QVERIFY(a.start());
    QCOMPARE(storedRow(a, QStringLiteral("of2")).state, DeliveryState::Queued);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    QVERIFY(b.start());
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    QTRY_COMPARE(offers.size(), 1);
    const FileOffer offer = offers.first().first().value<FileOffer>();
    QCOMPARE(offer.items.size(), 1);
    QCOMPARE(offer.items.first().name, QStringLiteral("survivor.bin"));
    // Registered anew, under a new packet number.
    QVERIFY(offer.packetNo != firstPacket);
    QVERIFY(a.files->registry().contains(offer.packetNo));
    QVERIFY(fetchAll(b, offer, dst.path()));
    QCOMPARE(readFile(dst.filePath(QStringLiteral("survivor.bin"))), data);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("of2"), b.id()}), DeliveryState::Delivered);
}

void TestOfflineQueue::queuedOfferWhoseFileVanishedFailsWithItsReason()
{
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("gone.txt")), "soon deleted"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("changed.txt")), "short"));
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.files->offer(QStringLiteral("gone"), {b.id()}, {src.filePath(QStringLiteral("gone.txt"))},
                   QStringLiteral("here it was"));
    a.files->offer(QStringLiteral("changed"), {b.id()},
                   {src.filePath(QStringLiteral("changed.txt"))}, {});
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("changed"), b.id()}),
                 DeliveryState::Queued);
    QVERIFY(QFile::remove(src.filePath(QStringLiteral("gone.txt"))));
    QVERIFY(writeFile(src.filePath(QStringLiteral("changed.txt")), "much longer than before"));

    QVERIFY(b.start());
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("gone"), b.id()}), DeliveryState::Failed);
    QList<QVariant> failed;
    for (const QList<QVariant> &args : std::as_const(stateSpy)) {
        if (args.at(0).toString() == QStringLiteral("gone"))
            failed = args;
    }
    QCOMPARE(failed.at(4).value<Failure>(), Failure::FileMissing);
    QVERIFY2(failed.at(3).toString().contains(QStringLiteral("gone.txt")),
             qPrintable(failed.at(3).toString()));
    const ChatMessage row = storedRow(a, QStringLiteral("gone"));
    QCOMPARE(row.state, DeliveryState::Failed);
    QCOMPARE(row.failure, Failure::FileMissing);
    // The changed one goes as it was offered; its fetch is refused, not served as whole.
    QTRY_COMPARE(offers.size(), 1);
    const FileOffer offer = offers.first().first().value<FileOffer>();
    QCOMPARE(offer.items.first().name, QStringLiteral("changed.txt"));
    QCOMPARE(offer.items.first().size, quint64(5));
    QTemporaryDir dst;
    QVERIFY(!fetchAll(b, offer, dst.path()));
    QVERIFY(!QFileInfo::exists(dst.filePath(QStringLiteral("changed.txt"))));
    // Nothing of the missing one reached Bob.
    QTest::qWait(300);
    QCOMPARE(texts(received).count(QStringLiteral("here it was")), 0);
}

void TestOfflineQueue::queuedOffersKeepOrderWithTextsAndCancel()
{
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("one.txt")), "1"));
    QVERIFY(writeFile(src.filePath(QStringLiteral("never.txt")), "2"));
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    MEET_THEN_BOB_LEAVES(a, b);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("t1"), {b.id()}, QStringLiteral("before the file"), false);
    a.files->offer(QStringLiteral("of3"), {b.id()}, {src.filePath(QStringLiteral("one.txt"))},
                   QStringLiteral("the file"));
    a.files->offer(QStringLiteral("of4"), {b.id()}, {src.filePath(QStringLiteral("never.txt"))},
                   QStringLiteral("cancelled file"));
    a.messages->send(QStringLiteral("t2"), {b.id()}, QStringLiteral("after the file"), true);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("of4"), b.id()}), DeliveryState::Queued);
    QVERIFY(a.node->queue()->cancel(QStringLiteral("of4"), b.id()));
    QCOMPARE(storedRow(a, QStringLiteral("of4")).failure, Failure::Cancelled);

    QVERIFY(b.start());
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    QTRY_COMPARE(received.size(), 3);
    QCOMPARE(texts(received),
             (QStringList{QStringLiteral("before the file"), QStringLiteral("the file"),
                          QStringLiteral("after the file")}));
    QCOMPARE(offers.size(), 1);
    QCOMPARE(offers.first().first().value<FileOffer>().items.first().name,
             QStringLiteral("one.txt"));
    QTest::qWait(300);
    QCOMPARE(offers.size(), 1);
    QCOMPARE(storedRow(a, QStringLiteral("of4")).state, DeliveryState::Failed);
}

void TestOfflineQueue::openOfferLapsesWhenTheSenderStops()
{
    QTemporaryDir src;
    QVERIFY(writeFile(src.filePath(QStringLiteral("open.txt")), "never fetched"));
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    queueing(a);
    QVERIFY(startPair(a, b));
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    a.files->offer(QStringLiteral("open"), {b.id()}, {src.filePath(QStringLiteral("open.txt"))},
                   {});
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("open"), b.id()}),
                 DeliveryState::Delivered);
    QCOMPARE(offers.size(), 1);
    QCOMPARE(a.messages->offersInFlight(), 0);
    // Alice quits while Bob has not answered the offer: it is not offered again at start, and
    // says why it will not be fetched.
    a.node->stop();
    a.node.reset();
    QVERIFY(a.start());
    const ChatMessage row = storedRow(a, QStringLiteral("open"));
    QCOMPARE(row.state, DeliveryState::Failed);
    QCOMPARE(row.failure, Failure::OfferLapsed);
    QVERIFY(a.history->offerFiles(QStringLiteral("open")).isEmpty());
    QTest::qWait(500);
    QCOMPARE(offers.size(), 1);
}

void TestOfflineQueue::cliSendFileQueuesAndAListenerServesItAfterKill9()
{
    QTemporaryDir profile, src, dst;
    lanpigeon::test::giveTestKey(profile.path());
    const QByteArray data = QByteArray("from the command line ").repeated(2000);
    QVERIFY(writeFile(src.filePath(QStringLiteral("cli.bin")), data));
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    const QString bob = b.id();
    QVERIFY(cliMeetsThenBobLeaves(profile.path(), b));

    // Bob is gone: send-file --queue keeps the offer for him, by his nick, and is killed while
    // it still waits on an address that never answers.
    QVERIFY(queuedThenKilled(
        QStringList{QStringLiteral("send-file"), QStringLiteral("--queue"), QStringLiteral("--to"),
                    QStringLiteral("Bob"), QStringLiteral("--wait"), QStringLiteral("0.5"),
                    QStringLiteral("--message"), QStringLiteral("file for later"),
                    src.filePath(QStringLiteral("cli.bin"))} +
            cliAt(profile.path()),
        bob));

    // On its own, to Bob only: prints queued and exits 0.
    const CliRun r =
        runCli(QStringList{QStringLiteral("send-file"), QStringLiteral("--queue"),
                           QStringLiteral("--to"), QStringLiteral("Bob"), QStringLiteral("--wait"),
                           QStringLiteral("0.5"), src.filePath(QStringLiteral("cli.bin"))} +
               cliAt(profile.path()));
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY2(r.out.contains(QStringLiteral("%1: queued").arg(bob)), qPrintable(r.out));

    // Bob is back and Alice's CLI listens: both offers come, in order, and it serves them.
    QVERIFY(b.start());
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    QProcess listener;
    listener.start(QStringLiteral(LANPIGEON_CLI),
                   QStringList{QStringLiteral("listen")} + cliAt(profile.path()));
    QTRY_COMPARE_WITH_TIMEOUT(offers.size(), 2, 10000);
    const FileOffer first = offers.first().first().value<FileOffer>();
    QCOMPARE(first.message, QStringLiteral("file for later"));
    QCOMPARE(first.items.first().name, QStringLiteral("cli.bin"));
    QVERIFY(fetchAll(b, first, dst.path()));
    QCOMPARE(readFile(dst.filePath(QStringLiteral("cli.bin"))), data);
    listener.terminate();
    QVERIFY(listener.waitForFinished());
}

QTEST_GUILESS_MAIN(TestOfflineQueue)
#include "tst_offlinequeue.moc"
