// The wall clock jumping by days, as NTP or a user can make it: peers, retries, receipts and
// the duplicate window go on by the monotonic clock; only timestamps follow the wall clock.
#include "testnode.h"
#include "wallclock.h"

#include <QDateTime>
#include <QSignalSpy>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;
using lanpigeon::test::FakePeer;
using lanpigeon::test::TestNode;
namespace wallclock = lanpigeon::test::wallclock;

namespace {
constexpr quint16 Port = 34271;
const QHostAddress A(QStringLiteral("127.0.0.1"));
const QHostAddress F(QStringLiteral("127.0.0.3"));
constexpr qint64 Day = 24 * 60 * 60 * 1000;

QString fakeId()
{
    return Peer::makeId(F, Port);
}

// A silent fake peer that announced itself once, as A knows it.
bool fakeIsKnown(TestNode &a, FakePeer &fake)
{
    fake.send(100, Mode::BrEntry, QByteArray("Fake\0group\0", 11), A, Port);
    return QTest::qWaitFor([&] { return a.discovery->peer(fakeId()) != nullptr; });
}
} // namespace

class TestClockJump final : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void wallClockMovesAndMonotonicDoesNot();
    void peersStayWhenTheClockJumpsForward();
    void silentPeersStillExpireWhenTheClockJumpsBack();
    void retriesGoOnWhenTheClockJumpsBack();
    void readReceiptRetriesGoOnWhenTheClockJumpsBack();
    void resentMessageStaysADuplicateWhenTheClockJumpsForward();
    void timestampsFollowTheWallClock();
};

void TestClockJump::cleanup()
{
    wallclock::shift(0);
}

void TestClockJump::wallClockMovesAndMonotonicDoesNot()
{
    // Without this, a shift that did not take would let every other case pass vacuously.
    QElapsedTimer monotonic;
    monotonic.start();
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    wallclock::shift(3 * Day);
    QVERIFY(qAbs(QDateTime::currentMSecsSinceEpoch() - before - 3 * Day) < 1000);
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().toMSecsSinceEpoch() - before - 3 * Day) < 1000);
    wallclock::shift(-3 * Day);
    QVERIFY(qAbs(QDateTime::currentMSecsSinceEpoch() - before + 3 * Day) < 1000);
    QVERIFY(monotonic.elapsed() < 1000);
}

void TestClockJump::peersStayWhenTheClockJumpsForward()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    a.config.peerTimeoutMs = 60000;
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QVERIFY(fakeIsKnown(a, fake));
    QSignalSpy removed(&*a.discovery, &DiscoveryService::peerRemoved);
    wallclock::shift(3 * Day);
    // Five heartbeats (every 200 ms) look at the peer's second of silence meanwhile.
    QTest::qWait(1000);
    QCOMPARE(removed.count(), 0);
    QVERIFY(a.discovery->peer(fakeId()));
}

void TestClockJump::silentPeersStillExpireWhenTheClockJumpsBack()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QVERIFY(fakeIsKnown(a, fake));
    QSignalSpy removed(&*a.discovery, &DiscoveryService::peerRemoved);
    QElapsedTimer silence;
    silence.start();
    wallclock::shift(-3 * Day);
    QVERIFY(removed.wait(3000));
    QCOMPARE(removed.first().at(0).toString(), fakeId());
    QCOMPARE(removed.first().at(1).toString(), QStringLiteral("timed out"));
    QVERIFY(silence.elapsed() >= a.config.peerTimeoutMs - 100);
}

void TestClockJump::retriesGoOnWhenTheClockJumpsBack()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy states(&*a.messages, &MessageService::messageStateChanged);
    a.messages->send(QStringLiteral("m1"), {fakeId()}, QStringLiteral("hello"), false);
    wallclock::shift(-3 * Day);
    // Sent once, then again every 100 ms until maxAttempts, then reported failed.
    QVERIFY(fake.waitFor(Mode::SendMsg, a.config.maxAttempts, 3000));
    QTRY_COMPARE_WITH_TIMEOUT(states.count(), 1, 3000);
    QCOMPARE(states.first().at(2).value<DeliveryState>(), DeliveryState::Failed);
    QCOMPARE(states.first().at(4).value<Failure>(), Failure::NoAnswer);
    QCOMPARE(fake.packets(Mode::SendMsg).size(), a.config.maxAttempts);
}

void TestClockJump::readReceiptRetriesGoOnWhenTheClockJumpsBack()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy received(&*a.messages, &MessageService::messageReceived);
    fake.send(500, Mode::SendMsg | Opt::SendCheck | Opt::Secret | Opt::ReadCheck,
              QByteArray("sealed\0", 7), A, Port);
    QTRY_COMPARE(received.count(), 1);
    a.messages->markRead(received.first().at(0).value<ChatMessage>().id);
    wallclock::shift(-3 * Day);
    // READMSG is repeated until ANSREADMSG (which never comes), maxAttempts times in all.
    QVERIFY(fake.waitFor(Mode::ReadMsg, a.config.maxAttempts, 3000));
    QTest::qWait(5 * a.config.retryIntervalMs);
    QCOMPARE(fake.packets(Mode::ReadMsg).size(), a.config.maxAttempts);
}

void TestClockJump::resentMessageStaysADuplicateWhenTheClockJumpsForward()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy received(&*a.messages, &MessageService::messageReceived);
    fake.send(700, Mode::SendMsg | Opt::SendCheck, QByteArray("once\0", 5), A, Port);
    QVERIFY(fake.waitFor(Mode::RecvMsg, 1));
    // A day later by the wall clock, a moment later in truth: the sender missed our RECVMSG.
    wallclock::shift(Day);
    fake.send(700, Mode::SendMsg | Opt::SendCheck, QByteArray("once\0", 5), A, Port);
    QVERIFY(fake.waitFor(Mode::RecvMsg, 2));
    QCOMPARE(received.count(), 1);
}

void TestClockJump::timestampsFollowTheWallClock()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    QSignalSpy received(&*a.messages, &MessageService::messageReceived);
    QSignalSpy stored(&*a.messages, &MessageService::messageStored);
    const qint64 truth = QDateTime::currentMSecsSinceEpoch();
    wallclock::shift(2 * Day);
    fake.send(900, Mode::SendMsg | Opt::SendCheck, QByteArray("later\0", 6), A, Port);
    QTRY_COMPARE(received.count(), 1);
    a.messages->send(QStringLiteral("m2"), {fakeId()}, QStringLiteral("reply"), false);
    QCOMPARE(stored.count(), 1);
    // What people read says the day the machine believes it is.
    QVERIFY(qAbs(received.first().at(0).value<ChatMessage>().timestampMs - truth - 2 * Day) < 5000);
    QVERIFY(qAbs(stored.first().at(0).value<ChatMessage>().timestampMs - truth - 2 * Day) < 5000);
}

QTEST_GUILESS_MAIN(TestClockJump)
#include "tst_clockjump.moc"
