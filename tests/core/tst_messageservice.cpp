// Messaging between real sockets on loopback: receipts, retries, dedup, sealed, auto-reply, limits.
#include "testnode.h"

#include <QSignalSpy>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;
using lanpigeon::test::FakePeer;
using lanpigeon::test::startPair;
using lanpigeon::test::TestNode;

namespace {
constexpr quint16 Port = 34252;
const QHostAddress A(QStringLiteral("127.0.0.1"));
const QHostAddress B(QStringLiteral("127.0.0.2"));
const QHostAddress C(QStringLiteral("127.0.0.4"));
const QHostAddress F(QStringLiteral("127.0.0.3"));
const QString FakeId = QStringLiteral("127.0.0.3:34252");

// (messageId, peerId) -> last state seen.
QHash<QPair<QString, QString>, DeliveryState> states(const QSignalSpy &spy)
{
    QHash<QPair<QString, QString>, DeliveryState> out;
    for (const QList<QVariant> &args : spy)
        out[{args.at(0).toString(), args.at(1).toString()}] = args.at(2).value<DeliveryState>();
    return out;
}
} // namespace

class TestMessageService final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void deliversAndStoresBothSides();
    void multipleRecipientsEachReport();
    void retriesUntilAcknowledged();
    void failsWhenNobodyAnswers();
    void duplicatesAreAcknowledgedButShownOnce();
    void restartedSenderReusingNumbersIsHeard();
    void resendAfterReannouncementIsNotShownTwice();
    void broadcastAndAutoReplyAreNotAcknowledged();
    void sealedMessageGetsReadReceipt();
    void awayAnswersOnceAndNeverToAnAutoReply();
    void decodesFeiqMessages();
    void sendsLegacyEncodingToFeiq();
    void tooLongFailsClearly();
    void unknownAddressFails();
};

void TestMessageService::initTestCase()
{
    qRegisterMetaType<DeliveryState>();
    qRegisterMetaType<ChatMessage>();
}

void TestMessageService::deliversAndStoresBothSides()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    QSignalSpy received(b.messages, &MessageService::messageReceived);

    a.messages->send(QStringLiteral("m1"), {b.id()}, QStringLiteral("你好, Bob! 😀"), false);
    QTRY_COMPARE(received.size(), 1);
    const ChatMessage in = received.first().first().value<ChatMessage>();
    QCOMPARE(in.text, QStringLiteral("你好, Bob! 😀"));
    QCOMPARE(in.peerId, a.id());
    QCOMPARE(in.peerNick, QStringLiteral("Alice"));
    QCOMPARE(in.direction, Direction::Incoming);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("m1"), b.id()}), DeliveryState::Delivered);

    const QList<ChatMessage> sent = a.history->conversation(b.id(), 10);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().state, DeliveryState::Delivered);
    QCOMPARE(sent.first().direction, Direction::Outgoing);
    const QList<ChatMessage> got = b.history->conversation(a.id(), 10);
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().text, QStringLiteral("你好, Bob! 😀"));
}

void TestMessageService::multipleRecipientsEachReport()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B, C});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    TestNode c(C.toString(), Port, QStringLiteral("Cy"), {A});
    QVERIFY(a.start());
    QVERIFY(b.start());
    QVERIFY(c.start());
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    QSignalSpy atB(b.messages, &MessageService::messageReceived);
    QSignalSpy atC(c.messages, &MessageService::messageReceived);
    a.messages->send(QStringLiteral("group"), {b.id(), c.id()}, QStringLiteral("lunch?"), false);
    QTRY_COMPARE(atB.size(), 1);
    QTRY_COMPARE(atC.size(), 1);
    QVERIFY(atB.first().first().value<ChatMessage>().multicast);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("group"), b.id()}),
                 DeliveryState::Delivered);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("group"), c.id()}),
                 DeliveryState::Delivered);
}

void TestMessageService::retriesUntilAcknowledged()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("r1"), {FakeId}, QStringLiteral("are you there"), false);
    // Stay silent for two attempts, as if they were lost, then acknowledge the third.
    QVERIFY(fake.waitFor(Mode::SendMsg, 3));
    QVERIFY(stateSpy.isEmpty());
    const Packet msg = fake.packets(Mode::SendMsg).first();
    QVERIFY(msg.has(Opt::SendCheck));
    QVERIFY(msg.has(Opt::Utf8));
    for (const Packet &copy : fake.packets(Mode::SendMsg))
        QCOMPARE(copy.packetNo, msg.packetNo);
    fake.send(50, Mode::RecvMsg, QByteArray::number(msg.packetNo) + '\0', A, Port);
    QTRY_COMPARE(stateSpy.size(), 1);
    QCOMPARE(stateSpy.first().at(2).value<DeliveryState>(), DeliveryState::Delivered);
    QCOMPARE(a.messages->pendingCount(), 0);
}

void TestMessageService::failsWhenNobodyAnswers()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("lost"), {FakeId}, QStringLiteral("hello?"), false);
    QTRY_COMPARE_WITH_TIMEOUT(stateSpy.size(), 1, 3000);
    QCOMPARE(stateSpy.first().at(2).value<DeliveryState>(), DeliveryState::Failed);
    QVERIFY(stateSpy.first().at(3).toString().contains(QStringLiteral("4 attempts")));
    QCOMPARE(fake.packets(Mode::SendMsg).size(), a.config.maxAttempts);
    QCOMPARE(a.history->conversation(FakeId, 1).first().state, DeliveryState::Failed);
}

void TestMessageService::duplicatesAreAcknowledgedButShownOnce()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    const QByteArray hello = QByteArrayLiteral("hi \xe4\xbd\xa0\xe5\xa5\xbd\0");
    for (int i = 0; i < 3; ++i)
        fake.send(3, Mode::SendMsg | Opt::SendCheck, hello, A, Port);
    QVERIFY(fake.waitFor(Mode::RecvMsg, 3));
    for (const Packet &ack : fake.packets(Mode::RecvMsg))
        QCOMPARE(ack.field(0), QByteArray("3"));
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.first().first().value<ChatMessage>().text, QStringLiteral("hi 你好"));
    QCOMPARE(a.history->count(), 1);
    // A new packet number is a new message.
    fake.send(4, Mode::SendMsg | Opt::SendCheck, hello, A, Port);
    QTRY_COMPARE(received.size(), 2);
}

void TestMessageService::restartedSenderReusingNumbersIsHeard()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    fake.send(2, Mode::BrEntry | Opt::Absence, QByteArrayLiteral("ipt\0grp\0icon-tux.png\0utf-8\0"),
              A, Port);
    fake.send(3, Mode::SendMsg | Opt::SendCheck, QByteArrayLiteral("before restart\0"), A, Port);
    QTRY_COMPARE(received.size(), 1);
    // iptux restarts and numbers from 1 again.
    fake.send(2, Mode::BrEntry | Opt::Absence, QByteArrayLiteral("ipt\0grp\0icon-tux.png\0utf-8\0"),
              A, Port);
    fake.send(3, Mode::SendMsg | Opt::SendCheck, QByteArrayLiteral("after restart\0"), A, Port);
    QTRY_COMPARE(received.size(), 2);
    QCOMPARE(received.at(1).first().value<ChatMessage>().text, QStringLiteral("after restart"));
}

void TestMessageService::resendAfterReannouncementIsNotShownTwice()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    fake.send(10, Mode::BrEntry, QByteArrayLiteral("lp\0grp\0"), A, Port);
    fake.send(11, Mode::SendMsg | Opt::SendCheck, QByteArrayLiteral("only once\0"), A, Port);
    QTRY_COMPARE(received.size(), 1);
    // The sender announces itself again (a probe, or the re-announcement after start-up) and
    // then resends message 11, whose receipt it lost: still one message.
    fake.send(12, Mode::BrEntry, QByteArrayLiteral("lp\0grp\0"), A, Port);
    fake.send(11, Mode::SendMsg | Opt::SendCheck, QByteArrayLiteral("only once\0"), A, Port);
    QTRY_COMPARE(fake.packets(Mode::RecvMsg).size(), 2);
    QTest::qWait(100);
    QCOMPARE(received.size(), 1);
}

void TestMessageService::broadcastAndAutoReplyAreNotAcknowledged()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    fake.send(20, Mode::SendMsg | Opt::SendCheck | Opt::Broadcast, QByteArrayLiteral("all\0"), A,
              Port);
    fake.send(21, Mode::SendMsg | Opt::SendCheck | Opt::AutoRet, QByteArrayLiteral("away\0"), A,
              Port);
    QTRY_COMPARE(received.size(), 2);
    QTest::qWait(200);
    QCOMPARE(fake.packets(Mode::RecvMsg).size(), 0);
    QVERIFY(received.at(1).first().value<ChatMessage>().autoReply);
}

void TestMessageService::sealedMessageGetsReadReceipt()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    a.messages->send(QStringLiteral("s1"), {b.id()}, QStringLiteral("for your eyes"), true);
    QTRY_COMPARE(received.size(), 1);
    const ChatMessage in = received.first().first().value<ChatMessage>();
    QVERIFY(in.sealed);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("s1"), b.id()}), DeliveryState::Delivered);
    b.messages->markRead(in.id);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("s1"), b.id()}), DeliveryState::Read);
    QCOMPARE(a.history->conversation(b.id(), 1).first().state, DeliveryState::Read);
    QCOMPARE(b.history->conversation(a.id(), 1).first().state, DeliveryState::Read);
    // ANSREADMSG stopped B's read-receipt retries.
    QTRY_COMPARE(b.messages->pendingCount(), 0);
}

void TestMessageService::awayAnswersOnceAndNeverToAnAutoReply()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    a.config.status = Status::Away;
    a.config.awayMessage = QStringLiteral("午饭中 back at 1");
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    fake.send(30, Mode::SendMsg | Opt::SendCheck, QByteArrayLiteral("ping\0"), A, Port);
    QVERIFY(fake.waitFor(Mode::SendMsg, 1));
    const Packet reply = fake.packets(Mode::SendMsg).first();
    QVERIFY(reply.has(Opt::AutoRet));
    QVERIFY(!reply.has(Opt::SendCheck));
    QCOMPARE(QString::fromUtf8(reply.field(0)), QStringLiteral("午饭中 back at 1"));
    // Another away client's auto-reply must not start a ping-pong.
    fake.send(31, Mode::SendMsg | Opt::AutoRet, QByteArrayLiteral("I am away too\0"), A, Port);
    QTest::qWait(300);
    QCOMPARE(fake.packets(Mode::SendMsg).size(), 1);
}

void TestMessageService::decodesFeiqMessages()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    fake.send(40, Mode::SendMsg | Opt::SendCheck,
              QByteArrayLiteral("\xc4\xe3\xba\xc3{/font;-16 0 0 0 400 0 0 0 134 0 0 2 32 "
                                "\xce\xa2\xc8\xed\xd1\xc5\xba\xda 8404992;}\0"),
              A, Port, "1_lbt6_0#128#000C29D1E2F3#0#0#0#4001#9");
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.first().first().value<ChatMessage>().text, QStringLiteral("你好"));
    QVERIFY(fake.waitFor(Mode::RecvMsg, 1));
}

void TestMessageService::sendsLegacyEncodingToFeiq()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    fake.send(QByteArrayLiteral("1_lbt6_0#128#000C29D1E2F3#0#0#0#4001#9:1700000000:Admin:PC-1:3:"
                                "\xd5\xc5\xc8\xfd\0\xd1\xd0\xb7\xa2\xb2\xbf\0"),
              A, Port);
    QTRY_COMPARE(a.discovery->peers().size(), 1);
    a.messages->send(QStringLiteral("f1"), {FakeId}, QStringLiteral("你好"), false);
    QVERIFY(fake.waitFor(Mode::SendMsg, 1));
    const Packet out = fake.packets(Mode::SendMsg).first();
    QVERIFY(!out.has(Opt::Utf8));
    QCOMPARE(out.field(0), QByteArray("\xc4\xe3\xba\xc3"));
}

void TestMessageService::tooLongFailsClearly()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    fake.send(QByteArrayLiteral("1_iptux 0.8.3:2:root:vm:259:ipt\0grp\0icon-tux.png\0utf-8\0"), A,
              Port);
    QTRY_COMPARE(a.discovery->peers().size(), 1);
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    // iptux reads 8192 bytes at most; 3 bytes per character here.
    a.messages->send(QStringLiteral("long"), {FakeId}, QString(3000, QChar(0x4e2d)), false);
    QTRY_COMPARE(stateSpy.size(), 1);
    QCOMPARE(stateSpy.first().at(2).value<DeliveryState>(), DeliveryState::Failed);
    QVERIFY2(stateSpy.first().at(3).toString().contains(QStringLiteral("too long")),
             qPrintable(stateSpy.first().at(3).toString()));
    QVERIFY(stateSpy.first().at(3).toString().contains(QStringLiteral("8192")));
    QTest::qWait(100);
    QCOMPARE(fake.packets(Mode::SendMsg).size(), 0);
    // The failed message is still in history, marked failed, text intact.
    const ChatMessage stored = a.history->conversation(FakeId, 1).first();
    QCOMPARE(stored.state, DeliveryState::Failed);
    QCOMPARE(stored.text.size(), 3000);

    // Just under the limit goes out.
    stateSpy.clear();
    a.messages->send(QStringLiteral("fits"), {FakeId}, QString(2700, QChar(0x4e2d)), false);
    QVERIFY(fake.waitFor(Mode::SendMsg, 1));
}

void TestMessageService::unknownAddressFails()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("bad"), {QStringLiteral("not-an-ip:2425")}, QStringLiteral("x"),
                     false);
    QTRY_COMPARE(stateSpy.size(), 1);
    QCOMPARE(stateSpy.first().at(2).value<DeliveryState>(), DeliveryState::Failed);
}

QTEST_GUILESS_MAIN(TestMessageService)
#include "tst_messageservice.moc"
