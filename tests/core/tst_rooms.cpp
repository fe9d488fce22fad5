// Group chats among three real nodes on loopback, sealed and plain: create, message, add, remove,
// leave, restart, an offline member catching up from the queue; an iptux member's prefixed text;
// iptux's own group messages; strangers' rooms.
#include "testnode.h"

#include "ipmsg/roomcodec.h"
#include "messaging/roomservice.h"

#include <QSignalSpy>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;
using lanpigeon::test::FakePeer;
using lanpigeon::test::states;
using lanpigeon::test::TestNode;

namespace {
constexpr quint16 Port = 34291;
const QHostAddress A(QStringLiteral("127.0.0.81"));
const QHostAddress B(QStringLiteral("127.0.0.82"));
const QHostAddress C(QStringLiteral("127.0.0.83"));
const QHostAddress F(QStringLiteral("127.0.0.84"));
const QString FakeId = QStringLiteral("127.0.0.84:34291");
// Every character a naive encoding would trip on.
const QString RoomName = QString::fromUtf8("周末:爬山\a群\n2");

ChatMessage messageAt(const QSignalSpy &spy, int i)
{
    return spy.at(i).first().value<ChatMessage>();
}

// The messages of spy that belong to room.
QList<ChatMessage> inRoom(const QSignalSpy &spy, const RoomId &room)
{
    QList<ChatMessage> out;
    for (int i = 0; i < spy.size(); ++i) {
        if (messageAt(spy, i).roomId == room)
            out.append(messageAt(spy, i));
    }
    return out;
}

std::optional<Room> roomAt(TestNode &node, const RoomId &id)
{
    return node.node->rooms()->room(id);
}

// The texts of messages, in order.
QStringList textsOf(const QList<ChatMessage> &messages)
{
    QStringList out;
    for (const ChatMessage &m : messages)
        out.append(m.text);
    return out;
}

// Stops node as the program does (BR_EXIT) and waits until other no longer lists it.
bool goHome(TestNode &node, TestNode &other)
{
    node.node->stop();
    const QString id = node.id();
    node.node.reset();
    return QTest::qWaitFor([&] { return !other.discovery->peer(id); });
}

// user@host of each member, in order.
QStringList persons(const std::optional<Room> &room)
{
    QStringList out;
    if (room) {
        for (const RoomMember &m : room->members)
            out.append(m.user + QLatin1Char('@') + m.host);
    }
    return out;
}

struct Trio
{
    TestNode a{A.toString(), Port, QStringLiteral("Alice"), {B, C, F}};
    TestNode b{B.toString(), Port, QStringLiteral("Bob"), {A, C}};
    TestNode c{C.toString(), Port, QStringLiteral("Cy"), {A, B}};

    bool start(bool encryption)
    {
        for (TestNode *n : {&a, &b, &c})
            n->config.encryption = encryption;
        return a.start() && b.start() && c.start() && meet();
    }
    // Alice queueing for members away, and a sealed room of the three, known to all.
    bool startQueueingRoom(const RoomId &id)
    {
        a.config.queueOffline = true;
        return start(true) && a.node->rooms()->create(id, RoomName, {b.id(), c.id()}) &&
               QTest::qWaitFor([&] {
                   return b.node->rooms()->room(id) && c.node->rooms()->room(id);
               });
    }
    bool meet()
    {
        return QTest::qWaitFor(
            [&] {
                return a.discovery->peer(b.id()) && a.discovery->peer(c.id()) &&
                       b.discovery->peer(a.id()) && b.discovery->peer(c.id()) &&
                       c.discovery->peer(a.id()) && c.discovery->peer(b.id());
            },
            10000);
    }
};

} // namespace

class TestRooms final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyMemberFilesTheSameRoom_data();
    void everyMemberFilesTheSameRoom();
    void addRemoveAndLeave();
    void restartedMemberKeepsTheRoom();
    void offlineMemberCatchesUp();
    void copyForAMemberNeverGoesToSomeoneElse();
    void iptuxMemberBackGetsMessagesNotNotices();
    void iptuxMemberGetsPrefixedText();
    void iptuxGroupMessageFillsAWorkgroupRoom();
    void strangersCannotSpeakForARoom();
    void olderMemberListsLose();
};

void TestRooms::initTestCase()
{
    qRegisterMetaType<DeliveryState>();
    qRegisterMetaType<ChatMessage>();
    qRegisterMetaType<Failure>();
    qRegisterMetaType<Room>();
}

void TestRooms::everyMemberFilesTheSameRoom_data()
{
    QTest::addColumn<bool>("encryption");
    QTest::newRow("sealed") << true;
    QTest::newRow("plain") << false;
}

void TestRooms::everyMemberFilesTheSameRoom()
{
    QFETCH(bool, encryption);
    Trio t;
    QVERIFY(t.start(encryption));
    QSignalSpy atA(t.a.messages, &MessageService::messageReceived);
    QSignalSpy atB(t.b.messages, &MessageService::messageReceived);
    QSignalSpy atC(t.c.messages, &MessageService::messageReceived);
    QSignalSpy statesA(t.a.messages, &MessageService::messageStateChanged);

    const RoomId id = RoomId::generate();
    const auto made = t.a.node->rooms()->create(id, RoomName, {t.b.id(), t.c.id()});
    QVERIFY(made);
    QCOMPARE(persons(made), QStringList({"alice@host-alice", "bob@host-bob", "cy@host-cy"}));
    // The creation notice makes the room at each member, with the same name and members.
    QTRY_VERIFY(roomAt(t.b, id) && roomAt(t.c, id));
    QCOMPARE(roomAt(t.b, id)->name, RoomName);
    QCOMPARE(persons(roomAt(t.c, id)), persons(made));

    QCOMPARE(t.a.node->rooms()->send(QStringLiteral("hello"), id, QStringLiteral("大家好 from A")),
             RoomSendOutcome::Sent);
    QTRY_COMPARE(inRoom(atB, id).size(), 2);
    QTRY_COMPARE(inRoom(atC, id).size(), 2);
    const ChatMessage atBob = inRoom(atB, id).last();
    QCOMPARE(atBob.text, QStringLiteral("大家好 from A"));
    QCOMPARE(atBob.peerId, t.a.id());
    QCOMPARE(atBob.peerNick, QStringLiteral("Alice"));
    QCOMPARE(atBob.encrypted, encryption);
    QTRY_COMPARE(states(statesA).value({QStringLiteral("hello"), t.b.id()}),
                 DeliveryState::Delivered);
    QTRY_COMPARE(states(statesA).value({QStringLiteral("hello"), t.c.id()}),
                 DeliveryState::Delivered);

    // Bob answers in the room: Alice and Cy see who said it.
    QCOMPARE(t.b.node->rooms()->send(QStringLiteral("reply"), id, QStringLiteral("hi all, Bob")),
             RoomSendOutcome::Sent);
    QTRY_COMPARE(inRoom(atA, id).size(), 1);
    QTRY_COMPARE(inRoom(atC, id).size(), 3);
    QCOMPARE(inRoom(atA, id).first().peerId, t.b.id());
    QCOMPARE(inRoom(atC, id).last().peerId, t.b.id());
    QCOMPARE(inRoom(atC, id).last().text, QStringLiteral("hi all, Bob"));

    // Cy's room: notice, Alice's, Bob's, in order; Alice's shows what she sent once.
    const QList<ChatMessage> cy = t.c.history->roomConversation(id, 10);
    QCOMPARE(cy.size(), 3);
    QCOMPARE(cy[1].peerId, t.a.id());
    QCOMPARE(cy[2].peerId, t.b.id());
    QVERIFY(cy[0].roomId == id && cy[2].roomId == id);
    const QList<ChatMessage> alice = t.a.history->roomConversation(id, 10);
    QCOMPARE(alice.size(), 3);
    QCOMPARE(alice[1].text, QStringLiteral("大家好 from A"));
    QCOMPARE(alice[1].direction, Direction::Outgoing);
    QCOMPARE(alice[2].direction, Direction::Incoming);
    // The one-to-one chats keep out of it.
    QVERIFY(t.a.history->conversation(t.b.id(), 10).isEmpty());
    QVERIFY(t.c.history->conversation(t.a.id(), 10).isEmpty());
    QCOMPARE(t.c.history->searchRoom(id, QStringLiteral("Bob")).size(), 1);
}

void TestRooms::addRemoveAndLeave()
{
    Trio t;
    QVERIFY(t.start(true));
    QSignalSpy atB(t.b.messages, &MessageService::messageReceived);
    QSignalSpy atC(t.c.messages, &MessageService::messageReceived);
    const RoomId id = RoomId::generate();
    QVERIFY(t.a.node->rooms()->create(id, QStringLiteral("Lunch"), {t.b.id()}));
    QTRY_VERIFY(roomAt(t.b, id));
    QVERIFY(!roomAt(t.c, id));

    // Add: Cy hears of it with the whole list, Bob takes the newer list.
    QVERIFY(t.a.node->rooms()->addMembers(id, {t.c.id()}));
    QTRY_VERIFY(roomAt(t.c, id));
    QTRY_COMPARE(roomAt(t.b, id)->version, quint64(2));
    const QStringList three{"alice@host-alice", "bob@host-bob", "cy@host-cy"};
    QCOMPARE(persons(roomAt(t.b, id)), three);
    QCOMPARE(persons(roomAt(t.c, id)), three);

    // Remove: Bob hears it and is out; Cy's list follows.
    QVERIFY(t.a.node->rooms()->removeMember(id, QStringLiteral("bob"), QStringLiteral("host-bob")));
    QTRY_VERIFY(roomAt(t.b, id)->left);
    // Bob reads that Alice removed *him*, and keeps who did it (a fresh-eye tester read "Alice
    // removed Bob" and then "You left").
    QCOMPARE(roomAt(t.b, id)->removedBy, QStringLiteral("Alice"));
    QTRY_VERIFY(!inRoom(atB, id).isEmpty() &&
                inRoom(atB, id).last().notice.kind == RoomNotice::Kind::RemovedUs);
    QVERIFY(inRoom(atB, id).last().notice.names.isEmpty());
    QCOMPARE(roomNoticeText(inRoom(atB, id).last().notice, false),
             QStringLiteral("Alice removed you"));
    // Cy reads Bob's name.
    QTRY_VERIFY(!inRoom(atC, id).isEmpty() &&
                inRoom(atC, id).last().notice.kind == RoomNotice::Kind::Removed);
    QCOMPARE(inRoom(atC, id).last().notice.names, QStringList{QStringLiteral("Bob")});
    QTRY_COMPARE(persons(roomAt(t.c, id)), QStringList({"alice@host-alice", "cy@host-cy"}));
    QVERIFY(!roomAt(t.c, id)->left);
    QCOMPARE(t.b.node->rooms()->send(QStringLiteral("x"), id, QStringLiteral("still here?")),
             RoomSendOutcome::Left);
    const int bobHad = int(inRoom(atB, id).size());
    QCOMPARE(t.a.node->rooms()->send(QStringLiteral("after"), id, QStringLiteral("without Bob")),
             RoomSendOutcome::Sent);
    QTRY_COMPARE(inRoom(atC, id).last().text, QStringLiteral("without Bob"));
    QTest::qWait(300);
    QCOMPARE(inRoom(atB, id).size(), bobHad);

    // Leave: Alice's list loses Cy, and Cy's room is left but kept with its history.
    QVERIFY(t.c.node->rooms()->leave(id));
    QTRY_COMPARE(persons(roomAt(t.a, id)), QStringList({"alice@host-alice"}));
    QVERIFY(roomAt(t.c, id)->left);
    // Cy left: nobody removed Cy.
    QVERIFY(roomAt(t.c, id)->removedBy.isEmpty());
    QCOMPARE(roomAt(t.a, id)->version, quint64(4));
    // Alice is alone now: a message has nobody to go to, and says so (it returned quietly).
    QCOMPARE(t.a.node->rooms()->send(QStringLiteral("alone"), id, QStringLiteral("anyone?")),
             RoomSendOutcome::NoRecipient);
    QCOMPARE(
        t.a.node->rooms()->send(QStringLiteral("none"), RoomId::generate(), QStringLiteral("?")),
        RoomSendOutcome::NoSuchRoom);
    QVERIFY(!t.c.history->roomConversation(id, 10).isEmpty());
}

void TestRooms::restartedMemberKeepsTheRoom()
{
    Trio t;
    QVERIFY(t.start(true));
    const RoomId id = RoomId::generate();
    QVERIFY(t.a.node->rooms()->create(id, RoomName, {t.b.id(), t.c.id()}));
    QTRY_VERIFY(roomAt(t.b, id));
    QCOMPARE(t.a.node->rooms()->send(QStringLiteral("before"), id, QStringLiteral("before")),
             RoomSendOutcome::Sent);
    QTRY_COMPARE(t.b.history->roomConversation(id, 10).size(), 2);

    t.b.node.reset();
    QVERIFY(t.b.start());
    QTRY_VERIFY(t.a.discovery->peer(t.b.id()) && t.b.discovery->peer(t.a.id()));
    QCOMPARE(t.b.node->rooms()->rooms().size(), 1);
    QCOMPARE(roomAt(t.b, id)->name, RoomName);
    QCOMPARE(persons(roomAt(t.b, id)).size(), 3);
    QSignalSpy atB(t.b.messages, &MessageService::messageReceived);
    QCOMPARE(t.a.node->rooms()->send(QStringLiteral("after"), id, QStringLiteral("after")),
             RoomSendOutcome::Sent);
    QTRY_COMPARE(atB.size(), 1);
    QVERIFY(messageAt(atB, 0).roomId == id);
    QCOMPARE(t.b.node->rooms()->rooms().size(), 1);
    const QList<ChatMessage> page = t.b.history->roomConversation(id, 10);
    QCOMPARE(page.size(), 3);
    QCOMPARE(page.last().text, QStringLiteral("after"));
    // Bob, back, can still speak in it: Cy files his message into the room.
    QSignalSpy atC(t.c.messages, &MessageService::messageReceived);
    QCOMPARE(t.b.node->rooms()->send(QStringLiteral("back"), id, QStringLiteral("I'm back")),
             RoomSendOutcome::Sent);
    QTRY_VERIFY(!inRoom(atC, id).isEmpty() && inRoom(atC, id).last().text == "I'm back");
    QCOMPARE(inRoom(atC, id).last().peerId, t.b.id());
}

void TestRooms::offlineMemberCatchesUp()
{
    Trio t;
    const RoomId id = RoomId::generate();
    QVERIFY(t.startQueueingRoom(id));

    // Cy goes home; meanwhile Alice writes, removes Bob, and writes again.
    QVERIFY(goHome(t.c, t.a));
    QSignalSpy statesA(t.a.messages, &MessageService::messageStateChanged);
    QCOMPARE(t.a.node->rooms()->send(QStringLiteral("m1"), id, QStringLiteral("while Cy is out")),
             RoomSendOutcome::Sent);
    QVERIFY(t.a.node->rooms()->removeMember(id, QStringLiteral("bob"), QStringLiteral("host-bob")));
    QCOMPARE(t.a.node->rooms()->send(QStringLiteral("m2"), id, QStringLiteral("Bob is out too")),
             RoomSendOutcome::Sent);
    QTRY_COMPARE(states(statesA).value({QStringLiteral("m1"), t.c.id()}), DeliveryState::Queued);
    QTRY_COMPARE(states(statesA).value({QStringLiteral("m2"), t.c.id()}), DeliveryState::Queued);
    // Each member waits on their own: Bob got m1 and the notice, and Cy has all three queued.
    QTRY_COMPARE(states(statesA).value({QStringLiteral("m1"), t.b.id()}), DeliveryState::Delivered);
    QCOMPARE(textsOf(t.a.history->queuedFor(QStringLiteral("cy@host-cy"))),
             QStringList({"while Cy is out", "Alice removed Bob", "Bob is out too"}));

    // Alice restarts: only her history remembers the queue. Then Cy comes back.
    t.a.node->stop();
    t.a.node.reset();
    QVERIFY(t.a.start());
    QSignalSpy restartedA(t.a.messages, &MessageService::messageStateChanged);
    QVERIFY(t.c.start());
    QSignalSpy atC(t.c.messages, &MessageService::messageReceived);
    QTRY_COMPARE(atC.size(), 3);
    const QList<ChatMessage> got = inRoom(atC, id);
    // All in the room, in the order written, the notice between.
    QCOMPARE(got.size(), 3);
    QCOMPARE(got[0].text, QStringLiteral("while Cy is out"));
    QCOMPARE(got[1].text, QStringLiteral("Alice removed Bob"));
    QCOMPARE(got[2].text, QStringLiteral("Bob is out too"));
    for (const ChatMessage &m : got) {
        QCOMPARE(m.peerId, t.a.id());
        QVERIFY(m.encrypted);
    }
    // Cy learnt the member list she missed.
    QCOMPARE(persons(roomAt(t.c, id)), QStringList({"alice@host-alice", "cy@host-cy"}));
    QCOMPARE(roomAt(t.c, id)->version, quint64(2));
    QVERIFY(!roomAt(t.c, id)->left);
    QTRY_COMPARE(states(restartedA).value({QStringLiteral("m2"), t.c.id()}),
                 DeliveryState::Delivered);
    QTRY_COMPARE(states(restartedA).value({QStringLiteral("m1"), t.c.id()}),
                 DeliveryState::Delivered);
    QVERIFY(t.a.history->queuedFor(QStringLiteral("cy@host-cy")).isEmpty());
    // Nothing went to Cy's one-to-one chat with Alice.
    QVERIFY(t.c.history->conversation(t.a.id(), 10).isEmpty());
}

void TestRooms::copyForAMemberNeverGoesToSomeoneElse()
{
    Trio t;
    const RoomId id = RoomId::generate();
    QVERIFY(t.startQueueingRoom(id));

    // Bob leaves the room and goes home; Cy goes home too, and Bob's machine gets Cy's old
    // address (DHCP).
    QVERIFY(t.b.node->rooms()->leave(id));
    QTRY_COMPARE(persons(roomAt(t.a, id)), QStringList({"alice@host-alice", "cy@host-cy"}));
    QVERIFY(goHome(t.c, t.a));
    const QString bobsPem = t.b.dir.filePath(QStringLiteral("identity.pem"));
    QVERIFY(goHome(t.b, t.a));
    TestNode bobAtC(C.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(QFile::remove(bobAtC.dir.filePath(QStringLiteral("identity.pem"))) &&
            QFile::copy(bobsPem, bobAtC.dir.filePath(QStringLiteral("identity.pem"))));
    QVERIFY(bobAtC.start());
    QSignalSpy atBob(bobAtC.messages, &MessageService::messageReceived);
    QTRY_VERIFY(t.a.discovery->peer(bobAtC.id()) &&
                t.a.discovery->peer(bobAtC.id())->user == QStringLiteral("bob"));

    // Cy's copy waits for Cy; Bob, no longer a member, gets nothing at Cy's old address.
    QSignalSpy statesA(t.a.messages, &MessageService::messageStateChanged);
    QCOMPARE(t.a.node->rooms()->send(QStringLiteral("m1"), id, QStringLiteral("while Cy is away")),
             RoomSendOutcome::Sent);
    QTRY_VERIFY(!statesA.isEmpty());
    QTest::qWait(500);
    QCOMPARE(atBob.size(), 0);
    QVERIFY(!states(statesA).contains({QStringLiteral("m1"), bobAtC.id()}));
    QCOMPARE(textsOf(t.a.history->queuedFor(QStringLiteral("cy@host-cy"))),
             QStringList{QStringLiteral("while Cy is away")});
    const QString cysWait = t.a.history->queuedFor(QStringLiteral("cy@host-cy")).first().peerId;
    QCOMPARE(states(statesA).value({QStringLiteral("m1"), cysWait}), DeliveryState::Queued);

    // Cy comes back at an address of her own and gets it, in the room.
    TestNode cyBack(QStringLiteral("127.0.0.85"), Port, QStringLiteral("Cy"), {A});
    QVERIFY(QFile::remove(cyBack.dir.filePath(QStringLiteral("identity.pem"))) &&
            QFile::copy(t.c.dir.filePath(QStringLiteral("identity.pem")),
                        cyBack.dir.filePath(QStringLiteral("identity.pem"))));
    QVERIFY(cyBack.start());
    QSignalSpy atCy(cyBack.messages, &MessageService::messageReceived);
    QTRY_COMPARE(textsOf(inRoom(atCy, id)), QStringList{QStringLiteral("while Cy is away")});
    QTRY_COMPARE(states(statesA).value({QStringLiteral("m1"), cyBack.id()}),
                 DeliveryState::Delivered);
    QCOMPARE(atBob.size(), 0);
}

void TestRooms::iptuxMemberBackGetsMessagesNotNotices()
{
    Trio t;
    t.a.config.queueOffline = true;
    QVERIFY(t.start(true));
    FakePeer iptux(F.toString(), Port);
    const QByteArray entry = QByteArrayLiteral("Tux\0linux\0icon-tux.png\0utf-8\0");
    iptux.send(1, Mode::BrEntry | Opt::Absence, entry, A, Port);
    QTRY_VERIFY(t.a.discovery->peer(FakeId));
    const RoomId id = RoomId::generate();
    QVERIFY(t.a.node->rooms()->create(id, QStringLiteral("Ops"), {t.b.id(), FakeId}));
    QTRY_VERIFY(roomAt(t.b, id));

    // iptux quits. Alice never wrote to it before: only the room's list names its person.
    iptux.send(2, Mode::BrExit, entry, A, Port);
    QTRY_VERIFY(!t.a.discovery->peer(FakeId));
    QSignalSpy statesA(t.a.messages, &MessageService::messageStateChanged);
    QCOMPARE(t.a.node->rooms()->send(QStringLiteral("m"), id, QStringLiteral("deploy at 5")),
             RoomSendOutcome::Sent);
    QVERIFY(t.a.node->rooms()->addMembers(id, {t.c.id()}));
    QTRY_VERIFY(roomAt(t.c, id));
    QTRY_COMPARE(states(statesA).value({QStringLiteral("m"), FakeId}), DeliveryState::Queued);
    QCOMPARE(t.a.history->queuedFor(QStringLiteral("fake@fakehost")).size(), 2);

    // Back: the message comes with the room's name before it; the notice never goes.
    iptux.send(3, Mode::BrEntry | Opt::Absence, entry, A, Port);
    QVERIFY(iptux.waitFor(Mode::SendMsg, 1));
    iptux.send(4, Mode::RecvMsg, QByteArray::number(iptux.packets(Mode::SendMsg).first().packetNo),
               A, Port);
    QTRY_COMPARE(states(statesA).value({QStringLiteral("m"), FakeId}), DeliveryState::Delivered);
    QTest::qWait(300);
    const QList<Packet> got = iptux.packets(Mode::SendMsg);
    for (const Packet &p : got)
        QCOMPARE(QString::fromUtf8(p.field(0)), QStringLiteral("[Ops] deploy at 5"));
    QVERIFY(t.a.history->queuedFor(QStringLiteral("fake@fakehost")).isEmpty());
    int failedNotices = 0;
    const auto last = states(statesA);
    for (auto it = last.cbegin(); it != last.cend(); ++it) {
        if (it.key().second == FakeId && it.key().first != QStringLiteral("m"))
            failedNotices += it.value() == DeliveryState::Failed ? 1 : 0;
    }
    QCOMPARE(failedNotices, 1);
}

void TestRooms::iptuxMemberGetsPrefixedText()
{
    Trio t;
    QVERIFY(t.start(true));
    FakePeer iptux(F.toString(), Port);
    iptux.send(1, Mode::BrEntry | Opt::Absence,
               QByteArrayLiteral("Tux\0linux\0icon-tux.png\0utf-8\0"), A, Port);
    QTRY_VERIFY(t.a.discovery->peer(FakeId));
    QCOMPARE(t.a.discovery->peer(FakeId)->kind, ClientKind::Iptux);

    QSignalSpy atA(t.a.messages, &MessageService::messageReceived);
    QSignalSpy atB(t.b.messages, &MessageService::messageReceived);
    const RoomId id = RoomId::generate();
    QVERIFY(t.a.node->rooms()->create(id, QStringLiteral("Ops"), {t.b.id(), FakeId}));
    QTRY_VERIFY(roomAt(t.b, id));
    QCOMPARE(t.a.node->rooms()->send(QStringLiteral("m"), id, QStringLiteral("deploy at 5")),
             RoomSendOutcome::Sent);
    QTRY_COMPARE(inRoom(atB, id).size(), 2);
    // iptux got no notice, and the message as ordinary text with the room's name before it.
    // (Sent again and again: this fake does not acknowledge.)
    QVERIFY(iptux.waitFor(Mode::SendMsg, 1));
    QTest::qWait(200);
    const QList<Packet> got = iptux.packets(Mode::SendMsg);
    for (const Packet &p : got)
        QCOMPARE(p.packetNo, got.first().packetNo);
    QCOMPARE(QString::fromUtf8(got.first().field(0)), QStringLiteral("[Ops] deploy at 5"));
    QVERIFY(!roomOfPlainExtra(got.first().extra));
    QVERIFY(!got.first().extra.contains("LR:"));
    QVERIFY(!got.first().has(Opt::Encrypt));

    // What it answers lands in its one-to-one chat with Alice.
    iptux.send(2, Mode::SendMsg | Opt::SendCheck | Opt::Utf8, QByteArrayLiteral("ok\0"), A, Port);
    QTRY_COMPARE(atA.size(), 1);
    QVERIFY(messageAt(atA, 0).roomId.isNull());
    QCOMPARE(t.a.history->conversation(FakeId, 10).size(), 1);
}

void TestRooms::iptuxGroupMessageFillsAWorkgroupRoom()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {F});
    QVERIFY(a.start());
    FakePeer iptux(F.toString(), Port);
    iptux.send(1, Mode::BrEntry | Opt::Absence,
               QByteArrayLiteral("Tux\0研发部\0icon-tux.png\0utf-8\0"), A, Port);
    QTRY_VERIFY(a.discovery->peer(FakeId));
    QSignalSpy atA(a.messages, &MessageService::messageReceived);

    iptux.send(2, Mode::IptuxSendMsg | IptuxOpt::Group, QByteArrayLiteral("组里的消息\0"), A, Port);
    QTRY_COMPARE(atA.size(), 1);
    const ChatMessage m = messageAt(atA, 0);
    QVERIFY(!m.roomId.isNull());
    QCOMPARE(m.text, QStringLiteral("组里的消息"));
    QCOMPARE(m.peerId, FakeId);
    QVERIFY(!m.sealed);
    const auto room = roomAt(a, m.roomId);
    QVERIFY(room);
    QCOMPARE(room->name, QStringLiteral("研发部"));
    QVERIFY(room->iptuxGroup);
    QCOMPARE(persons(room), QStringList({"alice@host-alice", "fake@fakehost"}));
    // iptux acknowledges none of its group messages, and expects none.
    QTest::qWait(300);
    QVERIFY(iptux.packets(Mode::RecvMsg).isEmpty());
    // A second one goes to the same room; its other options are not group messages.
    iptux.send(3, Mode::IptuxSendMsg | IptuxOpt::Group, QByteArrayLiteral("again\0"), A, Port);
    iptux.send(4, Mode::IptuxSendMsg | IptuxOpt::Broadcast, QByteArrayLiteral("bcast\0"), A, Port);
    QTRY_COMPARE(atA.size(), 2);
    QTest::qWait(200);
    QCOMPARE(atA.size(), 2);
    QVERIFY(messageAt(atA, 1).roomId == m.roomId);
    QCOMPARE(a.node->rooms()->rooms().size(), 1);
    QCOMPARE(a.history->roomConversation(m.roomId, 10).size(), 2);
}

void TestRooms::strangersCannotSpeakForARoom()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {F});
    a.config.encryption = false;
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    const QByteArray version = "1_LanPigeon 0.1.0";
    fake.send(1, Mode::BrEntry | Opt::CapUtf8, QByteArrayLiteral("Mallory\0grp\0"), A, Port,
              version);
    QTRY_VERIFY(a.discovery->peer(FakeId));
    QCOMPARE(a.discovery->peer(FakeId)->kind, ClientKind::LanPigeon);
    QSignalSpy atA(a.messages, &MessageService::messageReceived);

    RoomSection s;
    s.id = RoomId::generate();
    s.name = QStringLiteral("not yours");
    s.version = 1;
    // Lists Alice but not its sender: refused, the text goes to the one-to-one chat.
    s.members = {{QStringLiteral("alice"), QStringLiteral("host-alice"), A, Port},
                 {QStringLiteral("eve"), QStringLiteral("eve-pc"), QHostAddress(), 0}};
    const quint32 cmd = Mode::SendMsg | Opt::SendCheck | Opt::Utf8;
    fake.send(2, cmd, plainExtraWithRoom("one", {}, s), A, Port, version);
    QTRY_COMPARE(atA.size(), 1);
    QVERIFY(messageAt(atA, 0).roomId.isNull());
    QVERIFY(a.node->rooms()->rooms().isEmpty());
    // Lists its sender but not Alice: not a room of hers either.
    s.members = {{QStringLiteral("fake"), QStringLiteral("fakehost"), F, Port}};
    fake.send(3, cmd, plainExtraWithRoom("two", {}, s), A, Port, version);
    QTRY_COMPARE(atA.size(), 2);
    QVERIFY(messageAt(atA, 1).roomId.isNull());
    QVERIFY(a.node->rooms()->rooms().isEmpty());
    // Both: made on first contact, named as it says.
    s.members.append({QStringLiteral("alice"), QStringLiteral("host-alice"), A, Port});
    fake.send(4, cmd, plainExtraWithRoom("three", {}, s), A, Port, version);
    QTRY_COMPARE(atA.size(), 3);
    QVERIFY(messageAt(atA, 2).roomId == s.id);
    QCOMPARE(roomAt(a, s.id)->name, QStringLiteral("not yours"));
    // A garbled section is no room, and the message still arrives.
    fake.send(5, cmd, QByteArrayLiteral("four\0\0\nLR:1;zz;1;t;;\0"), A, Port, version);
    QTRY_COMPARE(atA.size(), 4);
    QVERIFY(messageAt(atA, 3).roomId.isNull());
}

void TestRooms::olderMemberListsLose()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {F});
    a.config.encryption = false;
    QVERIFY(a.start());
    FakePeer fake(F.toString(), Port);
    const QByteArray version = "1_LanPigeon 0.1.0";
    fake.send(1, Mode::BrEntry | Opt::CapUtf8, QByteArrayLiteral("Fay\0grp\0"), A, Port, version);
    QTRY_VERIFY(a.discovery->peer(FakeId));
    QSignalSpy atA(a.messages, &MessageService::messageReceived);

    const RoomMember alice{QStringLiteral("alice"), QStringLiteral("host-alice"), A, Port};
    const RoomMember fay{QStringLiteral("fake"), QStringLiteral("fakehost"), F, Port};
    const RoomMember gus{QStringLiteral("gus"), QStringLiteral("gus-pc"), QHostAddress(), 0};
    RoomSection s;
    s.id = RoomId::generate();
    s.name = QStringLiteral("v5");
    s.version = 5;
    s.members = {alice, fay, gus};
    const quint32 cmd = Mode::SendMsg | Opt::SendCheck | Opt::Utf8;
    fake.send(2, cmd, plainExtraWithRoom("a", {}, s), A, Port, version);
    QTRY_COMPARE(atA.size(), 1);
    QCOMPARE(persons(roomAt(a, s.id)).size(), 3);

    // An older list (a member who missed a change) is filed, but changes nothing.
    RoomSection old = s;
    old.version = 4;
    old.name = QStringLiteral("v4");
    old.members = {alice, fay};
    fake.send(3, cmd, plainExtraWithRoom("b", {}, old), A, Port, version);
    QTRY_COMPARE(atA.size(), 2);
    QVERIFY(messageAt(atA, 1).roomId == s.id);
    QCOMPARE(roomAt(a, s.id)->name, QStringLiteral("v5"));
    QCOMPARE(persons(roomAt(a, s.id)).size(), 3);

    // A newer one wins, name and all; one that drops Alice leaves her out.
    RoomSection next = s;
    next.version = 6;
    next.name = QStringLiteral("v6");
    next.kind = RoomPacketKind::Membership;
    next.members = {fay, alice};
    fake.send(4, cmd, plainExtraWithRoom("c", {}, next), A, Port, version);
    QTRY_COMPARE(roomAt(a, s.id)->name, QStringLiteral("v6"));
    QCOMPARE(persons(roomAt(a, s.id)), QStringList({"fake@fakehost", "alice@host-alice"}));
    QVERIFY(!roomAt(a, s.id)->left);
    next.version = 7;
    next.members = {fay};
    fake.send(5, cmd, plainExtraWithRoom("d", {}, next), A, Port, version);
    QTRY_VERIFY(roomAt(a, s.id)->left);
    QCOMPARE(a.node->rooms()->send(QStringLiteral("x"), s.id, QStringLiteral("x")),
             RoomSendOutcome::Left);
}

QTEST_MAIN(TestRooms)
#include "tst_rooms.moc"
