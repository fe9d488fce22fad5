// The buddies as last seen: made from the first message, kept in history, written only when
// something changed (not on heartbeats), and an older history's people taken from its messages.
#include "history/historystore.h"
#include "messaging/buddytracker.h"
#include "messaging/discoveryservice.h"
#include "messaging/messageservice.h"
#include "networknode.h"
#include "profile/profilesettings.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lanpigeon;

namespace {

Peer makePeer(const QString &ip, const QString &nick, const QString &group, const QString &user,
              const QString &host)
{
    Peer p;
    p.address = QHostAddress(ip);
    p.id = Peer::makeId(p.address, ipmsg::DefaultPort);
    p.nick = nick;
    p.group = group;
    p.user = user;
    p.host = host;
    p.keyId = user + QLatin1Char('@') + host;
    return p;
}

ChatMessage makeMessage(const QString &id, const QString &peerId, const QString &nick,
                        const QString &person, Direction direction, qint64 ts = 1000)
{
    ChatMessage m;
    m.id = id;
    m.peerId = peerId;
    m.peerNick = nick;
    m.person = person;
    m.direction = direction;
    m.text = QStringLiteral("hello");
    m.state = direction == Direction::Incoming ? DeliveryState::Received : DeliveryState::Sending;
    m.timestampMs = ts;
    return m;
}

// The node's history and buddies opened, without sockets: the test plays discovery and
// messages by emitting their signals.
std::unique_ptr<NetworkNode> openNode(const QString &profileDir)
{
    NodeConfig config;
    config.profileDir = profileDir;
    auto node = std::make_unique<NetworkNode>(config);
    QString error;
    if (!node->history()->open(ProfileSettings(profileDir).historyPath(), &error) ||
        !node->buddies()->open(&error)) {
        qWarning("cannot open: %s", qPrintable(error));
        return nullptr;
    }
    return node;
}

Buddy buddyOf(const NetworkNode &node, const QString &person)
{
    for (const Buddy &b : node.buddies()->all()) {
        if (b.person == person)
            return b;
    }
    return {};
}

} // namespace

class TestBuddyTracker final : public QObject
{
    Q_OBJECT

private slots:
    void firstMessageMakesABuddyFromTheirAnnouncement();
    void heartbeatsWriteNothing();
    void leavingAndMovingAreKept();
    void writtenToAfterTheyLeft();
    void olderHistoryGivesPeopleWithoutWorkgroup();
    void twoKeysOnOneLoginAreTwoBuddies();
    void buddiesKeptBeforeKeysTakeThemFromPeople();
    void aChangedKeyWritingMakesNoBuddy();
};

void TestBuddyTracker::firstMessageMakesABuddyFromTheirAnnouncement()
{
    QTemporaryDir dir;
    auto node = openNode(dir.path());
    QVERIFY(node);
    QSignalSpy changed(node->buddies(), &BuddyTracker::buddyChanged);
    const Peer ann =
        makePeer(QStringLiteral("10.0.0.1"), QStringLiteral("Ann"), QStringLiteral(" Sales "),
                 QStringLiteral("ann"), QStringLiteral("pc1"));
    emit node->discovery()->peerUpdated(ann);
    // Seen is not talked to.
    QVERIFY(node->buddies()->all().isEmpty());
    QCOMPARE(changed.size(), 0);
    emit node->messages()->messageReceived(makeMessage(
        QStringLiteral("m1"), ann.id, QStringLiteral("Ann"), ann.keyId, Direction::Incoming));
    QCOMPARE(changed.size(), 1);
    const Buddy b = changed.first().first().value<Buddy>();
    QCOMPARE(b.person, QStringLiteral("ann@pc1"));
    QCOMPARE(b.nick, QStringLiteral("Ann"));
    QCOMPARE(b.group, QStringLiteral("Sales"));
    QCOMPARE(b.user, QStringLiteral("ann"));
    QCOMPARE(b.host, QStringLiteral("pc1"));
    QCOMPARE(b.peerId, QStringLiteral("10.0.0.1:2425"));
    QVERIFY(b.lastSeenMs > 0);
    // Kept across a restart.
    node.reset();
    node = openNode(dir.path());
    QVERIFY(node);
    const Buddy again = buddyOf(*node, QStringLiteral("ann@pc1"));
    QVERIFY(again.sameAs(b));
    QCOMPARE(again.lastSeenMs, b.lastSeenMs);
}

void TestBuddyTracker::heartbeatsWriteNothing()
{
    QTemporaryDir dir;
    auto node = openNode(dir.path());
    QVERIFY(node);
    QList<Peer> peers;
    for (int i = 1; i <= 50; ++i) {
        peers << makePeer(QStringLiteral("10.0.1.%1").arg(i), QStringLiteral("P%1").arg(i),
                          QStringLiteral("Ops"), QStringLiteral("u%1").arg(i),
                          QStringLiteral("h%1").arg(i));
        emit node->discovery()->peerUpdated(peers.last());
        emit node->messages()->messageStored(makeMessage(QStringLiteral("m%1").arg(i),
                                                         peers.last().id, peers.last().nick,
                                                         peers.last().keyId, Direction::Outgoing));
    }
    QCOMPARE(node->buddies()->writes(), 50);
    QSignalSpy changed(node->buddies(), &BuddyTracker::buddyChanged);
    // An hour of heartbeats from 50 hosts, and more messages with them.
    for (int round = 0; round < 120; ++round) {
        for (const Peer &p : std::as_const(peers))
            emit node->discovery()->peerUpdated(p);
    }
    emit node->messages()->messageReceived(makeMessage(QStringLiteral("again"), peers.at(0).id,
                                                       peers.at(0).nick, peers.at(0).keyId,
                                                       Direction::Incoming));
    QCOMPARE(node->buddies()->writes(), 50);
    QCOMPARE(changed.size(), 0);
    // A new name is news.
    Peer renamed = peers.at(3);
    renamed.nick = QStringLiteral("Renamed");
    emit node->discovery()->peerUpdated(renamed);
    QCOMPARE(node->buddies()->writes(), 51);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(buddyOf(*node, renamed.keyId).nick, QStringLiteral("Renamed"));
    // Someone on two networks at once: the heartbeats of both addresses are no news either.
    Peer second = peers.at(0);
    second.address = QHostAddress(QStringLiteral("10.0.2.1"));
    second.id = Peer::makeId(second.address, ipmsg::DefaultPort);
    emit node->discovery()->peerUpdated(second);
    const int written = node->buddies()->writes();
    for (int round = 0; round < 10; ++round) {
        emit node->discovery()->peerUpdated(peers.at(0));
        emit node->discovery()->peerUpdated(second);
    }
    QCOMPARE(node->buddies()->writes(), written);
    // One address leaves: their chat goes to the one still here.
    QCOMPARE(buddyOf(*node, second.keyId).peerId, second.id);
    emit node->discovery()->peerRemoved(second.id, QStringLiteral("left"));
    QCOMPARE(buddyOf(*node, second.keyId).peerId, peers.at(0).id);
}

void TestBuddyTracker::leavingAndMovingAreKept()
{
    QTemporaryDir dir;
    auto node = openNode(dir.path());
    QVERIFY(node);
    Peer bo = makePeer(QStringLiteral("10.0.0.2"), QStringLiteral("Bo"), QStringLiteral("Dev"),
                       QStringLiteral("bo"), QStringLiteral("pc2"));
    emit node->discovery()->peerUpdated(bo);
    emit node->messages()->messageReceived(makeMessage(
        QStringLiteral("m1"), bo.id, QStringLiteral("Bo"), bo.keyId, Direction::Incoming));
    const qint64 first = buddyOf(*node, bo.keyId).lastSeenMs;
    QSignalSpy changed(node->buddies(), &BuddyTracker::buddyChanged);
    QTest::qWait(5);
    emit node->discovery()->peerRemoved(bo.id, QStringLiteral("left"));
    QCOMPARE(changed.size(), 1);
    QVERIFY(buddyOf(*node, bo.keyId).lastSeenMs > first);
    // Back on another address, in another workgroup: both remembered.
    bo.address = QHostAddress(QStringLiteral("10.0.0.77"));
    bo.id = Peer::makeId(bo.address, ipmsg::DefaultPort);
    bo.group = QStringLiteral("Sales");
    emit node->discovery()->peerUpdated(bo);
    QCOMPARE(changed.size(), 2);
    node.reset();
    node = openNode(dir.path());
    const Buddy kept = buddyOf(*node, bo.keyId);
    QCOMPARE(kept.peerId, QStringLiteral("10.0.0.77:2425"));
    QCOMPARE(kept.group, QStringLiteral("Sales"));
}

void TestBuddyTracker::writtenToAfterTheyLeft()
{
    QTemporaryDir dir;
    auto node = openNode(dir.path());
    QVERIFY(node);
    // Nobody announced at that address now: the message is what we know of them.
    emit node->messages()->messageStored(
        makeMessage(QStringLiteral("q1"), QStringLiteral("10.0.0.5:2425"), QStringLiteral("小王"),
                    QStringLiteral("wang@desk-5"), Direction::Outgoing));
    const Buddy b = buddyOf(*node, QStringLiteral("wang@desk-5"));
    QCOMPARE(b.nick, QStringLiteral("小王"));
    QCOMPARE(b.user, QStringLiteral("wang"));
    QCOMPARE(b.host, QStringLiteral("desk-5"));
    QCOMPARE(b.peerId, QStringLiteral("10.0.0.5:2425"));
    QCOMPARE(b.group, QString());
    // Not seen since we started: when is not known.
    QCOMPARE(b.lastSeenMs, 0);
    // A message without a person (a sender never announced) makes no buddy.
    emit node->messages()->messageReceived(
        makeMessage(QStringLiteral("x"), QStringLiteral("10.0.0.6:2425"), QStringLiteral("x"),
                    QString(), Direction::Incoming));
    QCOMPARE(node->buddies()->all().size(), 1);
}

void TestBuddyTracker::olderHistoryGivesPeopleWithoutWorkgroup()
{
    QTemporaryDir dir;
    const QString path = ProfileSettings(dir.path()).historyPath();
    {
        // A history written before the buddies table existed.
        HistoryStore old;
        QVERIFY(old.open(path, nullptr));
        QVERIFY(old.insert(makeMessage(QStringLiteral("a"), QStringLiteral("10.0.0.2:2425"),
                                       QStringLiteral("Bo"), QStringLiteral("bo@pc2"),
                                       Direction::Incoming, 1000)));
        QVERIFY(old.insert(makeMessage(QStringLiteral("b"), QStringLiteral("10.0.0.9:2425"),
                                       QStringLiteral("Bobby"), QStringLiteral("bo@pc2"),
                                       Direction::Outgoing, 5000)));
        QVERIFY(old.insert(makeMessage(QStringLiteral("c"), QStringLiteral("10.0.0.3:2425"),
                                       QStringLiteral("Cy"), QStringLiteral("c@y@pc3"),
                                       Direction::Incoming, 3000)));
        // Older still: no person at all, nothing to know them by.
        QVERIFY(old.insert(makeMessage(QStringLiteral("d"), QStringLiteral("10.0.0.4:2425"),
                                       QStringLiteral("Di"), QString(), Direction::Incoming)));
    }
    auto node = openNode(dir.path());
    QVERIFY(node);
    QCOMPARE(node->buddies()->all().size(), 2);
    const Buddy bo = buddyOf(*node, QStringLiteral("bo@pc2"));
    // As they were last.
    QCOMPARE(bo.nick, QStringLiteral("Bobby"));
    QCOMPARE(bo.peerId, QStringLiteral("10.0.0.9:2425"));
    QCOMPARE(bo.lastSeenMs, 5000);
    QCOMPARE(bo.group, QString());
    QCOMPARE(bo.user, QStringLiteral("bo"));
    QCOMPARE(bo.host, QStringLiteral("pc2"));
    const Buddy cy = buddyOf(*node, QStringLiteral("c@y@pc3"));
    QCOMPARE(cy.user, QStringLiteral("c@y"));
    QCOMPARE(cy.host, QStringLiteral("pc3"));
    // Made once: a later open keeps what was learnt since.
    emit node->discovery()->peerUpdated(makePeer(QStringLiteral("10.0.0.9"),
                                                 QStringLiteral("Bobby"), QStringLiteral("QA"),
                                                 QStringLiteral("bo"), QStringLiteral("pc2")));
    node.reset();
    node = openNode(dir.path());
    QCOMPARE(buddyOf(*node, QStringLiteral("bo@pc2")).group, QStringLiteral("QA"));
}

void TestBuddyTracker::twoKeysOnOneLoginAreTwoBuddies()
{
    QTemporaryDir dir;
    auto node = openNode(dir.path());
    QVERIFY(node);
    const auto keyed = [](Peer p, char k) {
        p.canEncrypt = true;
        p.key.trust = crypto::KeyTrust::Pinned;
        p.key.current = crypto::Fingerprint{QByteArray(32, k)};
        return p;
    };
    Peer eve = makePeer(QStringLiteral("10.0.0.5"), QStringLiteral("Eve"), QStringLiteral("Ops"),
                        QStringLiteral("shared"), QStringLiteral("vm"));
    eve.canEncrypt = true;
    // Her key not known yet: she is nobody's buddy, and makes none.
    emit node->discovery()->peerUpdated(eve);
    eve = keyed(eve, '\x01');
    emit node->discovery()->peerUpdated(eve);
    const Peer fay =
        keyed(makePeer(QStringLiteral("10.0.0.6"), QStringLiteral("Fay"), QStringLiteral("Ops"),
                       QStringLiteral("shared"), QStringLiteral("vm")),
              '\x02');
    emit node->discovery()->peerUpdated(fay);
    emit node->messages()->messageReceived(makeMessage(
        QStringLiteral("e1"), eve.id, QStringLiteral("Eve"), eve.keyId, Direction::Incoming));
    emit node->messages()->messageReceived(makeMessage(
        QStringLiteral("f1"), fay.id, QStringLiteral("Fay"), fay.keyId, Direction::Incoming));
    emit node->discovery()->peerRemoved(eve.id, QString());
    emit node->discovery()->peerRemoved(fay.id, QString());
    // Two buddies, each at their own address, across a reopen.
    node.reset();
    node = openNode(dir.path());
    QVERIFY(node);
    QHash<QString, QString> where;
    for (const Buddy &b : node->buddies()->all())
        where.insert(b.nick, b.peerId + QLatin1Char(' ') + b.key.left(2));
    QCOMPARE(where.size(), 2);
    QCOMPARE(where.value(QStringLiteral("Eve")), QStringLiteral("10.0.0.5:2425 01"));
    QCOMPARE(where.value(QStringLiteral("Fay")), QStringLiteral("10.0.0.6:2425 02"));

    // A buddy kept without a key (an older history) is the person's once their key shows.
    Peer gus = makePeer(QStringLiteral("10.0.0.7"), QStringLiteral("Gus"), QStringLiteral("Ops"),
                        QStringLiteral("gus"), QStringLiteral("pc"));
    emit node->discovery()->peerUpdated(gus);
    emit node->messages()->messageReceived(makeMessage(
        QStringLiteral("g1"), gus.id, QStringLiteral("Gus"), gus.keyId, Direction::Incoming));
    emit node->discovery()->peerUpdated(keyed(gus, '\x03'));
    node.reset();
    node = openNode(dir.path());
    QVERIFY(node);
    int gusRows = 0;
    for (const Buddy &b : node->buddies()->all()) {
        if (b.person == QStringLiteral("gus@pc")) {
            ++gusRows;
            QVERIFY(b.key.startsWith(QStringLiteral("0303")));
        }
    }
    QCOMPARE(gusRows, 1);
}

void TestBuddyTracker::buddiesKeptBeforeKeysTakeThemFromPeople()
{
    QTemporaryDir dir;
    {
        NodeConfig config;
        config.profileDir = dir.path();
        NetworkNode node(config);
        QString error;
        QVERIFY(node.history()->open(ProfileSettings(dir.path()).historyPath(), &error));
        // The buddies table as the first version made it: one row per user@host.
        QSqlQuery q(node.history()->database());
        QVERIFY(q.exec(QStringLiteral(
            "CREATE TABLE buddies (person TEXT PRIMARY KEY, nick TEXT NOT NULL, grp TEXT NOT "
            "NULL, user TEXT NOT NULL, host TEXT NOT NULL, peer_id TEXT NOT NULL, last_seen_ms "
            "INTEGER NOT NULL)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO buddies VALUES ('eve@vm', 'Eve', 'Ops', "
                                      "'eve', 'vm', '10.0.0.5:2425', 77)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO buddies VALUES ('bo@pc', 'Bo', '', 'bo', "
                                      "'pc', '10.0.0.8:2425', 78)")));
        QVERIFY(node.history()->notePeople(
            {{QStringLiteral("10.0.0.5:2425"), QStringLiteral("eve@vm"), QStringLiteral("abcd")}}));
    }
    auto node = openNode(dir.path());
    QVERIFY(node);
    const Buddy eve = buddyOf(*node, QStringLiteral("eve@vm"));
    QCOMPARE(eve.key, QStringLiteral("abcd"));
    QCOMPARE(eve.nick, QStringLiteral("Eve"));
    QCOMPARE(eve.group, QStringLiteral("Ops"));
    QCOMPARE(eve.lastSeenMs, 77);
    const Buddy bo = buddyOf(*node, QStringLiteral("bo@pc"));
    QCOMPARE(bo.key, QString());
    QCOMPARE(bo.peerId, QStringLiteral("10.0.0.8:2425"));
    // Opened again, nothing changes.
    node.reset();
    node = openNode(dir.path());
    QVERIFY(node);
    QCOMPARE(node->buddies()->all().size(), 2);
}

void TestBuddyTracker::aChangedKeyWritingMakesNoBuddy()
{
    QTemporaryDir dir;
    auto node = openNode(dir.path());
    QVERIFY(node);
    Peer alice = makePeer(QStringLiteral("10.0.0.2"), QStringLiteral("Alice"),
                          QStringLiteral("Sales"), QStringLiteral("alice"), QStringLiteral("vm"));
    alice.canEncrypt = true;
    alice.key.trust = crypto::KeyTrust::Pinned;
    alice.key.pinned = alice.key.current = crypto::Fingerprint{QByteArray(32, '\x01')};
    emit node->discovery()->peerUpdated(alice);
    emit node->messages()->messageReceived(makeMessage(
        QStringLiteral("a1"), alice.id, QStringLiteral("Alice"), alice.keyId, Direction::Incoming));
    QCOMPARE(node->buddies()->all().size(), 1);

    // Her login at another address with another key: maybe someone posing as her. What it
    // writes, and what we answer, is its chat, not a buddy kept without a key, before and after
    // it leaves and comes back.
    Peer other = makePeer(QStringLiteral("10.0.0.7"), QStringLiteral("Alice"), QString(),
                          QStringLiteral("alice"), QStringLiteral("vm"));
    other.canEncrypt = true;
    other.key.trust = crypto::KeyTrust::Changed;
    other.key.pinned = alice.key.pinned;
    other.key.current = crypto::Fingerprint{QByteArray(32, '\x02')};
    for (int round = 0; round < 2; ++round) {
        emit node->discovery()->peerUpdated(other);
        emit node->messages()->messageReceived(makeMessage(QStringLiteral("x%1").arg(round),
                                                           other.id, QStringLiteral("Alice"),
                                                           other.keyId, Direction::Incoming));
        emit node->messages()->messageStored(makeMessage(QStringLiteral("y%1").arg(round), other.id,
                                                         QStringLiteral("Alice"), other.keyId,
                                                         Direction::Outgoing));
        emit node->discovery()->peerRemoved(other.id, QString());
    }
    const QList<Buddy> all = node->buddies()->all();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().peerId, alice.id);
    QCOMPARE(all.first().key, alice.key.current.toHex());
}

QTEST_GUILESS_MAIN(TestBuddyTracker)
#include "tst_buddytracker.moc"
