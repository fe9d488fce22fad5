// Messaging between real sockets on loopback: receipts, retries, dedup, sealed, auto-reply, limits.
#include "testnode.h"

#include "crypto/cryptocodec.h"
#include "crypto/keyring.h"
#include "messaging/keyexchange.h"

#include <QElapsedTimer>
#include <QSignalSpy>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;
using lanpigeon::test::FakePeer;
using lanpigeon::test::startPair;
using lanpigeon::test::states;
using lanpigeon::test::TestNode;

namespace {
constexpr quint16 Port = 34252;
const QHostAddress A(QStringLiteral("127.0.0.1"));
const QHostAddress B(QStringLiteral("127.0.0.2"));
const QHostAddress C(QStringLiteral("127.0.0.4"));
const QHostAddress F(QStringLiteral("127.0.0.3"));
const QString FakeId = QStringLiteral("127.0.0.3:34252");

// The first message of messageReceived's spy.
ChatMessage receivedAt(const QSignalSpy &spy, int i)
{
    return spy.at(i).first().value<ChatMessage>();
}

// A Windows-style encrypting peer in raw packets (user "fake", host "fakehost"): announces
// ENCRYPTOPT and ENCEXTMSGOPT, answers the node's GETPUBKEY with its key when told to.
struct CryptoFake
{
    FakePeer peer{F.toString(), Port};
    crypto::RsaKey key = crypto::RsaKey::generate();
    int answered = 0;
    quint64 nextPacketNo = 100;

    void announce(const QHostAddress &to)
    {
        peer.send(nextPacketNo++, Mode::BrEntry | Opt::CapUtf8 | Opt::Encrypt | Opt::EncExtMsg,
                  QByteArrayLiteral("fake\0grp\0"), to, Port, "1");
    }
    // Answers every GETPUBKEY seen since the last call; returns how many.
    int answerKeyRequests(const QHostAddress &to)
    {
        const QList<Packet> asks = peer.packets(Mode::GetPubKey);
        int n = 0;
        for (; answered < asks.size(); ++answered, ++n)
            peer.send(nextPacketNo++, Mode::AnsPubKey, crypto::encodeAnsPubKey(key) + '\0', to,
                      Port, "1");
        return n;
    }
    // A SENDMSG|ENCRYPTOPT sealed for nodeKey, signed by signer (null: unsigned capa).
    void sendSealed(quint64 packetNo, const QByteArray &text, const crypto::RsaKey &nodeKey,
                    const crypto::RsaKey &signer, const QHostAddress &to,
                    const std::function<void(QByteArray *)> &tamper = {})
    {
        const quint32 capa = signer.isNull() ? crypto::Capa::Rsa2048 | crypto::Capa::Aes256 |
                                                   crypto::Capa::PacketNoIv | crypto::Capa::Base64
                                             : crypto::chooseCapa(crypto::Capa::Ours);
        QByteArray body = crypto::seal(text + '\0', capa, nodeKey, signer, packetNo);
        QVERIFY(!body.isEmpty());
        if (tamper)
            tamper(&body);
        peer.send(packetNo, Mode::SendMsg | Opt::SendCheck | Opt::Utf8 | Opt::Encrypt, body + '\0',
                  to, Port, "1");
    }
    // RECVMSGs acknowledging packetNo so far.
    int acks(quint64 packetNo)
    {
        int n = 0;
        for (const Packet &p : peer.packets(Mode::RecvMsg))
            n += referencedPacketNo(p) == std::optional<quint64>(packetNo) ? 1 : 0;
        return n;
    }
};

// Starts node and lets fake announce itself and hand over its key.
bool meet(TestNode &node, CryptoFake &fake)
{
    fake.announce(node.config.bindAddress);
    return QTest::qWaitFor([&] {
        fake.answerKeyRequests(node.config.bindAddress);
        const Peer *p = node.discovery->peer(FakeId);
        return p && p->cryptoCapa != 0;
    });
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
    void retriesGoInTheOrderWritten();
    void failsWhenNobodyAnswers();
    void silentPeerLeavesTheListWhenItsMessageFails();
    void duplicatesAreAcknowledgedButShownOnce();
    void restartedSenderReusingNumbersIsHeard();
    void resendAfterReannouncementIsNotShownTwice();
    void broadcastAndAutoReplyAreNotAcknowledged();
    void sealedMessageGetsReadReceipt();
    void awayAnswersOnceAndNeverToAnAutoReply();
    void awayButWritingToThemSendsNoAutoReply();
    void awaySendsNoAutoReplyToAChangedKey();
    void decodesFeiqMessages();
    void sendsLegacyEncodingToFeiq();
    void tooLongFailsClearly();
    void unknownAddressFails();
    // Encryption (issue #14).
    void chatIsEncryptedAndVerified();
    void sealedEncryptedMessageGetsReadReceipt();
    void groupMessageIsEncryptedToEach();
    void peersSharingUserAndHostKeepTheirOwnKeys();
    void plainTextFromAnotherInstanceIsNoDowngrade();
    void offerTravelsInsideTheCiphertext();
    void hostileBodiesAreMarked();
    void keyChangeIsMarked();
    void startUpRepeatsCostNoSecondKeyRound();
    void unansweredAskOnSightBacksOff();
    void newKeyFirstSeenInAMessageIsLearned();
    void sealedMessageWaitsForItsSendersKey();
    void sealedMessageWithoutKeyIsNotSigned();
    void peerThatSendsNoKeyGetsNothing();
    void messageWaitingOnAnAskBackIsRetried();
    void requireEncryptionRefusesPlainText();
    void pinsSurviveRestartAndNewKeyIsChanged();
    void keyFloodsAreBounded();
};

void TestMessageService::initTestCase()
{
    qRegisterMetaType<DeliveryState>();
    qRegisterMetaType<ChatMessage>();
    qRegisterMetaType<Failure>();
    qRegisterMetaType<FileOffer>();
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

void TestMessageService::retriesGoInTheOrderWritten()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    // A burst the peer missed (not started yet, a full buffer): what it hears again must read
    // in the order written, whatever order the pending messages are kept in.
    QStringList written;
    for (int i = 0; i < 12; ++i) {
        written.append(QStringLiteral("line %1").arg(i));
        a.messages->send(QStringLiteral("o%1").arg(i), {FakeId}, written.last(), false);
    }
    QVERIFY(fake.waitFor(Mode::SendMsg, 24));
    const QList<Packet> heard = fake.packets(Mode::SendMsg);
    QStringList retried;
    for (qsizetype i = 12; i < 24; ++i)
        retried.append(QString::fromUtf8(heard.at(i).field(0)));
    QCOMPARE(retried, written);
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

void TestMessageService::silentPeerLeavesTheListWhenItsMessageFails()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    // Long enough that only the failed message can drop the peer in this test.
    a.config.peerTimeoutMs = 60000;
    QVERIFY(a.start());
    QSignalSpy removed(a.discovery, &DiscoveryService::peerRemoved);
    // A peer that answers the probe after the failure is alive: it stays.
    FakePeer fake(F.toString(), Port);
    fake.send(1, Mode::BrEntry, QByteArrayLiteral("fake\0grp\0"), A, Port);
    QTRY_VERIFY(a.discovery->peer(FakeId));
    {
        QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
        a.messages->send(QStringLiteral("lost1"), {FakeId}, QStringLiteral("hello?"), false);
        QTRY_COMPARE_WITH_TIMEOUT(stateSpy.size(), 1, 5000);
        fake.send(2, Mode::AnsEntry, QByteArrayLiteral("fake\0grp\0"), A, Port);
        QTest::qWait(DiscoveryService::ProbeAnswerMs + 500);
        QVERIFY(removed.isEmpty());
        QVERIFY(a.discovery->peer(FakeId));
    }
    // Killed: no BR_EXIT, no answer to the message nor to the probe. It leaves the list soon
    // after the bubble says it failed, not at the heartbeat's timeout.
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("lost2"), {FakeId}, QStringLiteral("still there?"), false);
    QTRY_COMPARE_WITH_TIMEOUT(stateSpy.size(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, DiscoveryService::ProbeAnswerMs + 1000);
    QCOMPARE(removed.first().at(0).toString(), FakeId);
    QVERIFY(!a.discovery->peer(FakeId));
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
    QSignalSpy stored(a.messages, &MessageService::messageStored);
    FakePeer fake(F.toString(), Port);
    fake.send(30, Mode::SendMsg | Opt::SendCheck, QByteArrayLiteral("ping\0"), A, Port);
    QVERIFY(fake.waitFor(Mode::SendMsg, 1));
    const Packet reply = fake.packets(Mode::SendMsg).first();
    QVERIFY(reply.has(Opt::AutoRet));
    QVERIFY(!reply.has(Opt::SendCheck));
    QCOMPARE(QString::fromUtf8(reply.field(0)), QStringLiteral("午饭中 back at 1"));
    // Our chat keeps what they were told, marked as the auto-reply, with no receipt to wait for.
    QTRY_COMPARE(stored.size(), 1);
    const ChatMessage said = stored.first().first().value<ChatMessage>();
    QCOMPARE(said.direction, Direction::Outgoing);
    QVERIFY(said.autoReply);
    QCOMPARE(said.text, QStringLiteral("午饭中 back at 1"));
    QCOMPARE(said.peerId, FakeId);
    QCOMPARE(said.state, DeliveryState::Delivered);
    const QList<ChatMessage> kept = a.history->conversation(FakeId, 10);
    QVERIFY(std::any_of(kept.cbegin(), kept.cend(), [](const ChatMessage &m) {
        return m.autoReply && m.direction == Direction::Outgoing;
    }));
    // Recent chats after a restart shows what they wrote, not our auto-reply.
    QCOMPARE(a.history->latestPerPeer(10).size(), 1);
    QCOMPARE(a.history->latestPerPeer(10).first().text, QStringLiteral("ping"));
    // Another away client's auto-reply must not start a ping-pong.
    fake.send(31, Mode::SendMsg | Opt::AutoRet, QByteArrayLiteral("I am away too\0"), A, Port);
    // Nor does a burst of messages get one auto-reply each: every one is received, one answer.
    for (quint64 no = 32; no < 36; ++no)
        fake.send(no, Mode::SendMsg | Opt::SendCheck, QByteArrayLiteral("are you there?\0"), A,
                  Port);
    QVERIFY(fake.waitFor(Mode::RecvMsg, 5));
    QTest::qWait(300);
    QCOMPARE(fake.packets(Mode::SendMsg).size(), 1);
    QCOMPARE(stored.size(), 1);
    // A new away text is said once more.
    a.messages->setStatus(Status::Away, QStringLiteral("in a meeting"));
    fake.send(36, Mode::SendMsg | Opt::SendCheck, QByteArrayLiteral("and now?\0"), A, Port);
    QVERIFY(fake.waitFor(Mode::SendMsg, 2));
    QCOMPARE(QString::fromUtf8(fake.packets(Mode::SendMsg).last().field(0)),
             QStringLiteral("in a meeting"));
}

void TestMessageService::awayButWritingToThemSendsNoAutoReply()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    a.config.status = Status::Away;
    a.config.awayMessage = QStringLiteral("at lunch");
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    fake.send(1, Mode::BrEntry, QByteArrayLiteral("fake\0grp\0"), A, Port);
    QTRY_VERIFY(a.discovery->peer(FakeId));
    // Alice, away, chats with them anyway: their answer gets no "I am away".
    a.messages->send(QStringLiteral("w1"), {FakeId}, QStringLiteral("quick question"), false);
    QVERIFY(fake.waitFor(Mode::SendMsg, 1));
    const Packet asked = fake.packets(Mode::SendMsg).first();
    fake.send(60, Mode::RecvMsg, QByteArray::number(asked.packetNo) + '\0', A, Port);
    fake.send(61, Mode::SendMsg | Opt::SendCheck, QByteArrayLiteral("sure, go ahead\0"), A, Port);
    QVERIFY(fake.waitFor(Mode::RecvMsg, 1));
    QTest::qWait(300);
    QCOMPARE(fake.packets(Mode::SendMsg).size(), 1);
    QVERIFY(!fake.packets(Mode::SendMsg).first().has(Opt::AutoRet));
}

void TestMessageService::awaySendsNoAutoReplyToAChangedKey()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    CryptoFake fake;
    QVERIFY(meet(a, fake));
    const auto autoReplies = [&fake] {
        const QList<Packet> sent = fake.peer.packets(Mode::SendMsg);
        return std::count_if(sent.cbegin(), sent.cend(),
                             [](const Packet &p) { return p.has(Opt::AutoRet); });
    };
    // The pinned key is told we are away.
    a.messages->setStatus(Status::Away, QStringLiteral("at lunch"));
    fake.sendSealed(401, "there?", a.node->keyRing()->ourKey(), fake.key, A);
    QTRY_COMPARE(autoReplies(), 1);

    // Another key at the same login: maybe an impostor, told nothing, sealed or plain.
    fake.key = crypto::RsaKey::generate();
    QTRY_VERIFY((fake.announce(A), fake.answerKeyRequests(A),
                 a.discovery->peer(FakeId)->key.trust == crypto::KeyTrust::Changed));
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    a.messages->setStatus(Status::Away, QStringLiteral("back at 2"));
    fake.sendSealed(402, "where are you?", a.node->keyRing()->ourKey(), fake.key, A);
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(receivedAt(received, 0).warning, SecurityWarning::KeyChanged);
    fake.peer.send(403, Mode::SendMsg | Opt::SendCheck, QByteArrayLiteral("hello?\0"), A, Port,
                   "1");
    QTRY_COMPARE(received.size(), 2);
    QTest::qWait(300);
    QCOMPARE(autoReplies(), 1);
    const QList<ChatMessage> kept = a.history->conversation(FakeId, 10);
    QCOMPARE(
        std::count_if(kept.cbegin(), kept.cend(), [](const ChatMessage &m) { return m.autoReply; }),
        1);
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

void TestMessageService::chatIsEncryptedAndVerified()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    a.messages->send(QStringLiteral("e1"), {b.id()}, QStringLiteral("机密 text"), false);
    QTRY_COMPARE(received.size(), 1);
    const ChatMessage in = receivedAt(received, 0);
    QCOMPARE(in.text, QStringLiteral("机密 text"));
    QVERIFY(in.encrypted);
    QCOMPARE(in.authenticity, Authenticity::Verified);
    QCOMPARE(in.warning, SecurityWarning::None);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("e1"), b.id()}), DeliveryState::Delivered);
    QVERIFY(a.history->conversation(b.id(), 1).first().encrypted);
    const ChatMessage stored = b.history->conversation(a.id(), 1).first();
    QVERIFY(stored.encrypted);
    QCOMPARE(stored.authenticity, Authenticity::Verified);
    // Both learnt the other's key and pinned it.
    QCOMPARE(b.discovery->peer(a.id())->key.trust, crypto::KeyTrust::Pinned);
    QCOMPARE(b.discovery->peer(a.id())->key.current, a.node->keyRing()->ourFingerprint());
    QVERIFY(b.node->keyRing()->state(QStringLiteral("alice@host-alice")).encryptedBefore);
}

void TestMessageService::sealedEncryptedMessageGetsReadReceipt()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    a.messages->send(QStringLiteral("s2"), {b.id()}, QStringLiteral("only you"), true);
    QTRY_COMPARE(received.size(), 1);
    const ChatMessage in = receivedAt(received, 0);
    QVERIFY(in.sealed);
    QVERIFY(in.encrypted);
    QCOMPARE(in.authenticity, Authenticity::Verified);
    b.messages->markRead(in.id);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("s2"), b.id()}), DeliveryState::Read);
}

void TestMessageService::groupMessageIsEncryptedToEach()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B, C});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    TestNode c(C.toString(), Port, QStringLiteral("Carol"), {A});
    QVERIFY(a.start() && b.start() && c.start());
    QTRY_VERIFY(a.discovery->peer(b.id()) && a.discovery->peer(c.id()) &&
                b.discovery->peer(a.id()) && c.discovery->peer(a.id()));
    QSignalSpy toB(b.messages, &MessageService::messageReceived);
    QSignalSpy toC(c.messages, &MessageService::messageReceived);
    a.messages->send(QStringLiteral("g1"), {b.id(), c.id()}, QStringLiteral("team"), false);
    QTRY_COMPARE(toB.size(), 1);
    QTRY_COMPARE(toC.size(), 1);
    for (const ChatMessage &m : {receivedAt(toB, 0), receivedAt(toC, 0)}) {
        QCOMPARE(m.text, QStringLiteral("team"));
        QVERIFY(m.multicast);
        QVERIFY(m.encrypted);
        QCOMPARE(m.authenticity, Authenticity::Verified);
    }
}

void TestMessageService::peersSharingUserAndHostKeepTheirOwnKeys()
{
    // Three instances on one machine, or three cloned PCs: one login, one host name, three
    // addresses and three keys.
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B, C});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A, C});
    TestNode c(C.toString(), Port, QStringLiteral("Carol"), {A, B});
    for (TestNode *n : {&a, &b, &c}) {
        n->config.user = QStringLiteral("root");
        n->config.host = QStringLiteral("box");
    }
    QVERIFY(a.start() && b.start() && c.start());
    QTRY_VERIFY(a.discovery->peer(b.id()) && a.discovery->peer(c.id()) &&
                b.discovery->peer(a.id()) && c.discovery->peer(a.id()));
    QSignalSpy toA(a.messages, &MessageService::messageReceived);
    QSignalSpy toB(b.messages, &MessageService::messageReceived);
    QSignalSpy toC(c.messages, &MessageService::messageReceived);
    a.messages->send(QStringLiteral("ab"), {b.id()}, QStringLiteral("to b"), false);
    a.messages->send(QStringLiteral("ac"), {c.id()}, QStringLiteral("to c"), false);
    QTRY_COMPARE(toB.size(), 1);
    QTRY_COMPARE(toC.size(), 1);
    b.messages->send(QStringLiteral("ba"), {a.id()}, QStringLiteral("from b"), false);
    c.messages->send(QStringLiteral("ca"), {a.id()}, QStringLiteral("from c"), false);
    QTRY_COMPARE(toA.size(), 2);
    QCOMPARE(receivedAt(toB, 0).text, QStringLiteral("to b"));
    QCOMPARE(receivedAt(toC, 0).text, QStringLiteral("to c"));
    QStringList toATexts{receivedAt(toA, 0).text, receivedAt(toA, 1).text};
    toATexts.sort();
    QCOMPARE(toATexts, (QStringList{QStringLiteral("from b"), QStringLiteral("from c")}));
    for (const ChatMessage &m :
         {receivedAt(toB, 0), receivedAt(toC, 0), receivedAt(toA, 0), receivedAt(toA, 1)}) {
        QVERIFY(m.encrypted);
        QCOMPARE(m.authenticity, Authenticity::Verified);
        QCOMPARE(m.warning, SecurityWarning::None);
    }
    // Each peer's state is its own key, pinned under the shared user@host, and none Changed.
    const std::pair<const TestNode *, const TestNode *> pairs[] = {
        {&a, &b}, {&a, &c}, {&b, &a}, {&c, &a}};
    for (const auto &[viewer, shown] : pairs) {
        const Peer *p = viewer->discovery->peer(shown->id());
        QVERIFY(p);
        QCOMPARE(p->key.trust, crypto::KeyTrust::Pinned);
        QCOMPARE(p->key.current, shown->node->keyRing()->ourFingerprint());
        QCOMPARE(p->key.pinned, shown->node->keyRing()->ourFingerprint());
    }
}

void TestMessageService::offerTravelsInsideTheCiphertext()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    CryptoFake fake;
    QVERIFY(meet(a, fake));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("quarterly-secret.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("numbers");
    file.close();
    QSignalSpy offered(b.messages, &MessageService::offerReceived);
    a.files->offer(QStringLiteral("o1"), {FakeId, b.id()}, {path}, QStringLiteral("see this"));

    // B, another LanPigeon, gets a working offer.
    QTRY_COMPARE(offered.size(), 1);
    const FileOffer offer = offered.first().first().value<FileOffer>();
    QCOMPARE(offer.items.size(), 1);
    QCOMPARE(offer.items.first().name, QStringLiteral("quarterly-secret.txt"));
    QCOMPARE(offer.message, QStringLiteral("see this"));

    // On the wire to the Windows-style peer: neither the name nor the text in clear; the list
    // and the other recipient inside the ciphertext (ENCEXTMSGOPT), signed by A.
    QVERIFY(fake.peer.waitFor(Mode::SendMsg, 1));
    const Packet msg = fake.peer.packets(Mode::SendMsg).first();
    QVERIFY(msg.has(Opt::Encrypt));
    QVERIFY(msg.has(Opt::EncExtMsg));
    QVERIFY(msg.has(Opt::FileAttach));
    QVERIFY(!encodePacket(msg).contains("quarterly"));
    QVERIFY(!encodePacket(msg).contains("see this"));
    const crypto::Opened opened =
        crypto::open(msg.field(0), fake.key, a.node->keyRing()->ourKey(), msg.packetNo);
    QCOMPARE(opened.error, crypto::OpenError::None);
    QCOMPARE(opened.signature, crypto::SignatureCheck::Good);
    const auto ext = crypto::parseExtPlaintext(opened.plaintext);
    QVERIFY(ext);
    QCOMPARE(ext->body, QByteArray("see this"));
    QVERIFY(ext->fileList.contains("quarterly-secret.txt"));
    QCOMPARE(ext->to.size(), 1);
    QCOMPARE(ext->to.first(), qMakePair(QByteArray("bob"), QByteArray("host-bob")));
    // Once every recipient answered or gave up, the offer's message is forgotten.
    QTRY_COMPARE(a.messages->offersInFlight(), 0);
}

void TestMessageService::hostileBodiesAreMarked()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    CryptoFake fake;
    QVERIFY(meet(a, fake));
    const crypto::RsaKey ours = a.node->keyRing()->ourKey();
    QSignalSpy received(a.messages, &MessageService::messageReceived);

    fake.sendSealed(201, "genuine", ours, fake.key, A);
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(receivedAt(received, 0).text, QStringLiteral("genuine"));
    QCOMPARE(receivedAt(received, 0).authenticity, Authenticity::Verified);
    QTRY_COMPARE(fake.acks(201), 1);

    // Signed by a key other than the one it showed.
    fake.sendSealed(202, "forged", ours, crypto::RsaKey::generate(), A);
    QTRY_COMPARE(received.size(), 2);
    QCOMPARE(receivedAt(received, 1).text, QStringLiteral("forged"));
    QCOMPARE(receivedAt(received, 1).authenticity, Authenticity::Unverified);
    QCOMPARE(receivedAt(received, 1).warning, SecurityWarning::BadSignature);

    // Sealed but not signed.
    fake.sendSealed(203, "unsigned", ours, {}, A);
    QTRY_COMPARE(received.size(), 3);
    QCOMPARE(receivedAt(received, 2).warning, SecurityWarning::NotSigned);
    QVERIFY(receivedAt(received, 2).encrypted);

    // A wrapped key that does not unwrap: shown once, with no text, never acknowledged.
    const auto tamper = [](QByteArray *body) {
        const int at = int(body->indexOf(':')) + 5;
        (*body)[at] = (*body)[at] == 'A' ? 'B' : 'A';
    };
    fake.sendSealed(204, "tampered", ours, fake.key, A, tamper);
    QTRY_COMPARE(received.size(), 4);
    QCOMPARE(receivedAt(received, 3).warning, SecurityWarning::Undecryptable);
    QVERIFY(receivedAt(received, 3).text.isEmpty());
    fake.sendSealed(204, "tampered", ours, fake.key, A, tamper);
    QTest::qWait(300);
    QCOMPARE(received.size(), 4);
    QCOMPARE(fake.acks(204), 0);

    // Plain text from a peer that encrypted before.
    fake.peer.send(205, Mode::SendMsg | Opt::SendCheck, QByteArrayLiteral("plain now\0"), A, Port,
                   "1");
    QTRY_COMPARE(received.size(), 5);
    QCOMPARE(receivedAt(received, 4).text, QStringLiteral("plain now"));
    QVERIFY(!receivedAt(received, 4).encrypted);
    QCOMPARE(receivedAt(received, 4).warning, SecurityWarning::Downgrade);

    // History keeps every mark, the wordless undecryptable one included.
    const QList<ChatMessage> kept = a.history->conversation(FakeId, 10);
    QCOMPARE(kept.size(), 5);
    QCOMPARE(kept.at(1).warning, SecurityWarning::BadSignature);
    QCOMPARE(kept.at(3).warning, SecurityWarning::Undecryptable);
    QCOMPARE(kept.at(4).warning, SecurityWarning::Downgrade);
}

void TestMessageService::keyChangeIsMarked()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    CryptoFake fake;
    QVERIFY(meet(a, fake));
    const crypto::Fingerprint first = fake.key.fingerprint();
    // It enters again with another key, repeating its entry as a start-up does: asked again
    // once its entry comes a while after it last answered, it shows the new one.
    fake.key = crypto::RsaKey::generate();
    QTRY_VERIFY((fake.announce(A), fake.answerKeyRequests(A),
                 a.discovery->peer(FakeId)->key.trust == crypto::KeyTrust::Changed));
    QCOMPARE(a.discovery->peer(FakeId)->key.pinned, first);
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    fake.sendSealed(301, "new key", a.node->keyRing()->ourKey(), fake.key, A);
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(receivedAt(received, 0).text, QStringLiteral("new key"));
    QCOMPARE(receivedAt(received, 0).warning, SecurityWarning::KeyChanged);

    // The user compared the new fingerprint: its messages are verified again.
    QVERIFY(a.node->keys()->markVerified(FakeId));
    QCOMPARE(a.discovery->peer(FakeId)->key.trust, crypto::KeyTrust::Verified);
    fake.sendSealed(302, "checked", a.node->keyRing()->ourKey(), fake.key, A);
    QTRY_COMPARE(received.size(), 2);
    QCOMPARE(receivedAt(received, 1).authenticity, Authenticity::Verified);
}

void TestMessageService::startUpRepeatsCostNoSecondKeyRound()
{
    // The default heartbeat, as on a real LAN.
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    a.config.announceIntervalMs = 30000;
    QVERIFY(a.start());
    CryptoFake fake;
    QVERIFY(meet(a, fake));
    const qsizetype asked = fake.peer.packets(Mode::GetPubKey).size();
    // Its entry again, as every start-up repeats it a second and three seconds in: it answered
    // moments ago, so in a crowd of 200 an ask for each repeat would be 200² round trips.
    for (int i = 0; i < 3; ++i) {
        fake.announce(A);
        QTest::qWait(100);
    }
    QVERIFY(a.discovery->peer(FakeId));
    QTest::qWait(200);
    QCOMPARE(fake.peer.packets(Mode::GetPubKey).size(), asked);
}

void TestMessageService::unansweredAskOnSightBacksOff()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    QSignalSpy failed(a.node->keys(), &KeyExchange::keyFailed);
    CryptoFake fake;
    fake.announce(A);
    QVERIFY(fake.peer.waitFor(Mode::GetPubKey, 1));
    QElapsedTimer sinceFirst;
    sinceFirst.start();
    // Nobody waits on this key: retried after 1, 2 and 4 intervals (100 ms here), not every
    // interval, so a start-up crowd that answers late is not asked twice as often.
    QTest::qWait(450);
    QVERIFY2(fake.peer.packets(Mode::GetPubKey).size() <= 3,
             qPrintable(QString::number(fake.peer.packets(Mode::GetPubKey).size())));
    // Still bounded, and given up on in the end.
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
    QCOMPARE(fake.peer.packets(Mode::GetPubKey).size(), a.config.maxAttempts);
    QVERIFY(sinceFirst.elapsed() >= 700);
}

void TestMessageService::plainTextFromAnotherInstanceIsNoDowngrade()
{
    // One login on two machines (or two instances), one of them not encrypting.
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B, C});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A, C});
    TestNode c(C.toString(), Port, QStringLiteral("Carol"), {A, B});
    for (TestNode *n : {&b, &c}) {
        n->config.user = QStringLiteral("root");
        n->config.host = QStringLiteral("box");
    }
    c.config.encryption = false;
    QVERIFY(a.start() && b.start() && c.start());
    QTRY_VERIFY(a.discovery->peer(b.id()) && a.discovery->peer(b.id())->cryptoCapa != 0 &&
                a.discovery->peer(c.id()));
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    b.messages->send(QStringLiteral("b1"), {a.id()}, QStringLiteral("sealed"), false);
    QTRY_COMPARE(received.size(), 1);
    QVERIFY(receivedAt(received, 0).encrypted);
    QCOMPARE(receivedAt(received, 0).warning, SecurityWarning::None);

    // The other instance is not the encrypting one posing as plain.
    c.messages->send(QStringLiteral("c1"), {a.id()}, QStringLiteral("plain, as always"), false);
    QTRY_COMPARE(received.size(), 2);
    QVERIFY(!receivedAt(received, 1).encrypted);
    QCOMPARE(receivedAt(received, 1).warning, SecurityWarning::None);

    // An address that encrypted before is no clone when it turns plain, whoever else is online.
    c.node.reset();
    QTRY_VERIFY(!a.discovery->peer(c.id()));
    {
        TestNode sealing(C.toString(), Port, QStringLiteral("Carol"), {A, B});
        sealing.config.user = QStringLiteral("root");
        sealing.config.host = QStringLiteral("box");
        QVERIFY(sealing.start());
        QTRY_VERIFY(a.discovery->peer(c.id()) && a.discovery->peer(c.id())->cryptoCapa != 0);
        sealing.messages->send(QStringLiteral("s1"), {a.id()}, QStringLiteral("sealed at C"),
                               false);
        QTRY_COMPARE(received.size(), 3);
        QCOMPARE(receivedAt(received, 2).warning, SecurityWarning::None);
    }
    QTRY_VERIFY(!a.discovery->peer(c.id()));
    TestNode plainAgain(C.toString(), Port, QStringLiteral("Carol"), {A, B});
    plainAgain.config.user = QStringLiteral("root");
    plainAgain.config.host = QStringLiteral("box");
    plainAgain.config.encryption = false;
    QVERIFY(plainAgain.start());
    QTRY_VERIFY(a.discovery->peer(c.id()));
    plainAgain.messages->send(QStringLiteral("c3"), {a.id()}, QStringLiteral("plain at C"), false);
    QTRY_COMPARE(received.size(), 4);
    QCOMPARE(receivedAt(received, 3).warning, SecurityWarning::Downgrade);

    // With the encrypting one gone, plain text under its name is a downgrade again.
    b.node.reset();
    QTRY_VERIFY(!a.discovery->peer(b.id()));
    plainAgain.messages->send(QStringLiteral("c4"), {a.id()}, QStringLiteral("plain, alone"),
                              false);
    QTRY_COMPARE(received.size(), 5);
    QCOMPARE(receivedAt(received, 4).warning, SecurityWarning::Downgrade);
    QCOMPARE(receivedAt(received, 4).authenticity, Authenticity::Unverified);
}

void TestMessageService::newKeyFirstSeenInAMessageIsLearned()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    CryptoFake fake;
    QVERIFY(meet(a, fake));
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    // A reply while the old key is current: the session key is wrapped for it and reused.
    a.messages->send(QStringLiteral("before"), {FakeId}, QStringLiteral("first"), false);
    QVERIFY(fake.peer.waitFor(Mode::SendMsg, 1));
    const quint64 firstNo = fake.peer.packets(Mode::SendMsg).first().packetNo;
    const crypto::RsaKey oldKey = fake.key;
    const int asksBefore = int(fake.peer.packets(Mode::GetPubKey).size());

    // It started again with a new key and wrote first, without an entry packet we heard.
    fake.key = crypto::RsaKey::generate();
    fake.sendSealed(601, "new key, first words", a.node->keyRing()->ourKey(), fake.key, A);
    QTRY_VERIFY((fake.answerKeyRequests(A), received.size() == 1));
    QVERIFY(fake.peer.packets(Mode::GetPubKey).size() > asksBefore);
    QCOMPARE(receivedAt(received, 0).text, QStringLiteral("new key, first words"));
    QCOMPARE(receivedAt(received, 0).warning, SecurityWarning::KeyChanged);
    QCOMPARE(a.discovery->peer(FakeId)->key.trust, crypto::KeyTrust::Changed);

    // Our answer is sealed to the new key, not wrapped for the old one.
    a.messages->send(QStringLiteral("after"), {FakeId}, QStringLiteral("welcome back"), false);
    // (The first message, never acknowledged, is being retried meanwhile.)
    Packet reply;
    QTRY_VERIFY([&] {
        for (const Packet &p : fake.peer.packets(Mode::SendMsg)) {
            if (p.packetNo != firstNo)
                reply = p;
        }
        return reply.packetNo != 0;
    }());
    const crypto::Opened opened =
        crypto::open(reply.field(0), fake.key, a.node->keyRing()->ourKey(), reply.packetNo);
    QCOMPARE(opened.error, crypto::OpenError::None);
    QCOMPARE(opened.plaintext, QByteArray("welcome back", 13));
    QVERIFY(
        crypto::open(reply.field(0), oldKey, a.node->keyRing()->ourKey(), reply.packetNo).error !=
        crypto::OpenError::None);
}

void TestMessageService::sealedMessageWaitsForItsSendersKey()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    CryptoFake fake;
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    fake.sendSealed(401, "early", a.node->keyRing()->ourKey(), fake.key, A);
    // Held: asked for the key, not acknowledged, a retry of it not acknowledged either.
    QVERIFY(fake.peer.waitFor(Mode::GetPubKey, 1));
    fake.sendSealed(401, "early", a.node->keyRing()->ourKey(), fake.key, A);
    QTest::qWait(200);
    QCOMPARE(received.size(), 0);
    QCOMPARE(fake.acks(401), 0);
    fake.answerKeyRequests(A);
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(receivedAt(received, 0).authenticity, Authenticity::Verified);
    QTRY_COMPARE(fake.acks(401), 1);
    QTest::qWait(100);
    QCOMPARE(received.size(), 1);
}

void TestMessageService::sealedMessageWithoutKeyIsNotSigned()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    CryptoFake fake;
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    fake.sendSealed(501, "never showed its key", a.node->keyRing()->ourKey(), fake.key, A);
    // Held while the node asks for the key (here fewer than 2 s: it gives up asking first).
    QTest::qWait(100);
    QCOMPARE(received.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 5000);
    QCOMPARE(fake.peer.packets(Mode::GetPubKey).size(), a.config.maxAttempts);
    QCOMPARE(receivedAt(received, 0).text, QStringLiteral("never showed its key"));
    QCOMPARE(receivedAt(received, 0).warning, SecurityWarning::NotSigned);
    QTRY_COMPARE(fake.acks(501), 1);
}

void TestMessageService::peerThatSendsNoKeyGetsNothing()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    CryptoFake fake;
    fake.announce(A);
    QTRY_VERIFY(a.discovery->peer(FakeId));
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("k1"), {FakeId}, QStringLiteral("not for clear"), false);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("k1"), FakeId}), DeliveryState::Failed);
    const QList<QVariant> last = stateSpy.last();
    QCOMPARE(last.at(4).value<Failure>(), Failure::NotEncrypted);
    QVERIFY2(last.at(3).toString().contains(QStringLiteral("sent no encryption key")),
             qPrintable(last.at(3).toString()));
    QCOMPARE(fake.peer.packets(Mode::SendMsg).size(), 0);
}

void TestMessageService::messageWaitingOnAnAskBackIsRetried()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    // Long enough for the steps below to happen while the first ask is out.
    a.config.retryIntervalMs = 1500;
    QVERIFY(a.start());
    CryptoFake fake;
    // It asks for our key before we know it: our ask back goes once...
    fake.peer.send(fake.nextPacketNo++, Mode::GetPubKey, crypto::encodeGetPubKey() + '\0', A, Port,
                   "1");
    QVERIFY(fake.peer.waitFor(Mode::GetPubKey, 1));
    // ...and is lost.
    fake.answered = 1;
    fake.announce(A);
    QTRY_VERIFY(a.discovery->peer(FakeId));
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("w1"), {FakeId}, QStringLiteral("worth the wait"), false);
    // A message waits on that key now: the ask is repeated, and answered this time.
    QVERIFY(fake.peer.waitFor(Mode::GetPubKey, 2, 4000));
    // Still there (the test's peer timeout is short), and answering.
    fake.announce(A);
    QTRY_VERIFY(a.discovery->peer(FakeId));
    QCOMPARE(fake.answerKeyRequests(A), 1);
    QVERIFY(fake.peer.waitFor(Mode::SendMsg, 1));
    QVERIFY(fake.peer.packets(Mode::SendMsg).first().has(Opt::Encrypt));
    QVERIFY(states(stateSpy).value({QStringLiteral("w1"), FakeId}) != DeliveryState::Failed);
}

void TestMessageService::requireEncryptionRefusesPlainText()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    a.config.requireEncryption = true;
    QVERIFY(a.start());
    FakePeer iptux(F.toString(), Port);
    iptux.send(2, Mode::BrEntry | Opt::Absence,
               QByteArrayLiteral("ipt\0grp\0icon-tux.png\0utf-8\0"), A, Port);
    QTRY_VERIFY(a.discovery->peer(FakeId));
    QSignalSpy stateSpy(a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("r1"), {FakeId}, QStringLiteral("stay secret"), false);
    QTRY_COMPARE(states(stateSpy).value({QStringLiteral("r1"), FakeId}), DeliveryState::Failed);
    QCOMPARE(stateSpy.last().at(4).value<Failure>(), Failure::NotEncrypted);
    QVERIFY(stateSpy.last().at(3).toString().contains(QStringLiteral("cannot encrypt")));

    QSignalSpy offerFailed(a.files, &FileTransferService::offerFailed);
    a.files->offer(QStringLiteral("o2"), {FakeId}, {QFINDTESTDATA("tst_messageservice.cpp")}, {});
    QTRY_COMPARE(offerFailed.size(), 1);
    QCOMPARE(offerFailed.first().first().toString(), QStringLiteral("o2"));
    QTest::qWait(100);
    QCOMPARE(iptux.packets(Mode::SendMsg).size(), 0);
}

void TestMessageService::pinsSurviveRestartAndNewKeyIsChanged()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    {
        QSignalSpy received(b.messages, &MessageService::messageReceived);
        a.messages->send(QStringLiteral("p1"), {b.id()}, QStringLiteral("first run"), false);
        QTRY_COMPARE(received.size(), 1);
        QCOMPARE(receivedAt(received, 0).authenticity, Authenticity::Verified);
    }
    a.node.reset();
    b.node.reset();
    // Alice starts again with a new key (a new install); Bob remembers her old one.
    QVERIFY(QFile::remove(a.dir.filePath(QStringLiteral("identity.pem"))));
    QVERIFY(startPair(a, b));
    QTRY_COMPARE(b.discovery->peer(a.id())->key.trust, crypto::KeyTrust::Changed);
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    a.messages->send(QStringLiteral("p2"), {b.id()}, QStringLiteral("second run"), false);
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(receivedAt(received, 0).text, QStringLiteral("second run"));
    QCOMPARE(receivedAt(received, 0).warning, SecurityWarning::KeyChanged);
}

void TestMessageService::keyFloodsAreBounded()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    CryptoFake fake;
    // Keys nobody asked for are not even parsed.
    for (int i = 0; i < 50; ++i)
        fake.peer.send(600 + i, Mode::AnsPubKey, crypto::encodeAnsPubKey(fake.key) + '\0', A, Port,
                       "1");
    // A burst of requests gets a bounded number of answers.
    for (int i = 0; i < 500; ++i)
        fake.peer.send(700 + i, Mode::GetPubKey | Opt::AutoRet, crypto::encodeGetPubKey() + '\0', A,
                       Port, "1");
    QVERIFY(fake.peer.waitFor(Mode::AnsPubKey, 1));
    QTest::qWait(300);
    const int answers = int(fake.peer.packets(Mode::AnsPubKey).size());
    QVERIFY2(answers <= 32, qPrintable(QString::number(answers)));
    QCOMPARE(a.node->keyRing()->state(QStringLiteral("fake@fakehost")).trust,
             crypto::KeyTrust::Unknown);
    // The answer is our key, as IP Messenger reads it.
    const auto key = crypto::parseAnsPubKey(fake.peer.packets(Mode::AnsPubKey).first().field(0));
    QVERIFY(key);
    QCOMPARE(key->key, a.node->keyRing()->ourKey());
    QCOMPARE(key->capa, crypto::Capa::Ours);
}

QTEST_GUILESS_MAIN(TestMessageService)
#include "tst_messageservice.moc"
