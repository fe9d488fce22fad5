// The buddy list model: peers grouped by workgroup, groups appear, move and vanish with them.
#include "models/buddyfiltermodel.h"
#include "models/groupedpeermodel.h"
#include "models/peermodel.h"

#include <QDateTime>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace lanpigeon;

namespace {
Peer makePeer(const QString &ip, const QString &nick, const QString &group)
{
    Peer p;
    p.address = QHostAddress(ip);
    p.id = Peer::makeId(p.address, ipmsg::DefaultPort);
    p.nick = nick;
    p.group = group;
    return p;
}

Peer makePerson(const QString &ip, const QString &nick, const QString &group, const QString &user)
{
    Peer p = makePeer(ip, nick, group);
    p.user = user;
    p.host = QStringLiteral("pc");
    p.keyId = user + QStringLiteral("@pc");
    return p;
}

Buddy makeBuddy(const QString &ip, const QString &nick, const QString &group, const QString &user,
                qint64 lastSeenMs = 0)
{
    Buddy b;
    b.person = user + QStringLiteral("@pc");
    b.nick = nick;
    b.group = group;
    b.user = user;
    b.host = QStringLiteral("pc");
    b.peerId = Peer::makeId(QHostAddress(ip), ipmsg::DefaultPort);
    b.lastSeenMs = lastSeenMs;
    return b;
}

// The names under a group, in order, offline ones marked with a trailing " (off)".
QStringList rowsOf(const GroupedPeerModel &m, const QString &group)
{
    QStringList rows;
    const QModelIndex g = m.indexOfGroup(group);
    for (int r = 0; r < m.rowCount(g); ++r) {
        const QModelIndex i = m.index(r, 0, g);
        rows << i.data().toString() + (i.data(GroupedPeerModel::OfflineRole).toBool()
                                           ? QStringLiteral(" (off)")
                                           : QString());
    }
    return rows;
}

QStringList groupNames(const GroupedPeerModel &m)
{
    QStringList names;
    for (int g = 0; g < m.rowCount(); ++g)
        names << m.index(g, 0).data(GroupedPeerModel::GroupNameRole).toString();
    return names;
}
} // namespace

class TestGroupedPeerModel final : public QObject
{
    Q_OBJECT

private slots:
    void groupsSortedWithCounts();
    void peerMovesBetweenGroups();
    void lastPeerTakesItsGroupAlong();
    void childIndexesSurviveGroupsAbove();
    void offlineBuddiesGreyAfterTheOnline();
    void buddyBackOnAnotherAddressHasOneRow();
    void settingHidesOfflineBuddies();
    void searchFindsOfflineBuddies();
    void twoKeysOnOneLoginAreTwoBuddies();
    void onlineRowsKeepTheirPlaceByName();
};

void TestGroupedPeerModel::groupsSortedWithCounts()
{
    PeerModel peers;
    GroupedPeerModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    peers.upsert(
        makePeer(QStringLiteral("10.0.0.1"), QStringLiteral("Ann"), QStringLiteral("Sales")));
    peers.upsert(makePeer(QStringLiteral("10.0.0.2"), QStringLiteral("Bo"), QString()));
    peers.upsert(makePeer(QStringLiteral("10.0.0.3"), QStringLiteral("Cy"), QStringLiteral("Dev")));
    peers.upsert(makePeer(QStringLiteral("10.0.0.4"), QStringLiteral("Di"), QStringLiteral("Dev")));
    // Named groups in order, the peers without one last.
    QCOMPARE(groupNames(model),
             (QStringList{QStringLiteral("Dev"), QStringLiteral("Sales"), QString()}));
    const QModelIndex dev = model.indexOfGroup(QStringLiteral("Dev"));
    QCOMPARE(model.rowCount(dev), 2);
    QCOMPARE(dev.data(GroupedPeerModel::PeerCountRole).toInt(), 2);
    QCOMPARE(dev.data().toString(), QStringLiteral("Dev (2 online)"));
    QCOMPARE(model.index(1, 0, dev).data().toString(), QStringLiteral("Di"));
    QCOMPARE(model.index(1, 0, dev).data(PeerModel::IdRole).toString(),
             QStringLiteral("10.0.0.4:2425"));
    QCOMPARE(model.peerIds(dev),
             (QStringList{QStringLiteral("10.0.0.3:2425"), QStringLiteral("10.0.0.4:2425")}));
    QVERIFY(model.index(2, 0).data().toString().startsWith(QStringLiteral("No workgroup")));
}

void TestGroupedPeerModel::peerMovesBetweenGroups()
{
    PeerModel peers;
    GroupedPeerModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    peers.upsert(makePeer(QStringLiteral("10.0.0.1"), QStringLiteral("Ann"), QStringLiteral("A")));
    peers.upsert(makePeer(QStringLiteral("10.0.0.2"), QStringLiteral("Bo"), QStringLiteral("A")));
    peers.upsert(makePeer(QStringLiteral("10.0.0.2"), QStringLiteral("Bo"), QStringLiteral("B")));
    QCOMPARE(groupNames(model), (QStringList{QStringLiteral("A"), QStringLiteral("B")}));
    QCOMPARE(model.rowCount(model.indexOfGroup(QStringLiteral("A"))), 1);
    QCOMPARE(model.indexOfPeer(QStringLiteral("10.0.0.2:2425")).parent(),
             model.indexOfGroup(QStringLiteral("B")));
    // A nick change stays in place and is reported as a change.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    peers.upsert(makePeer(QStringLiteral("10.0.0.2"), QStringLiteral("Bob"), QStringLiteral("B")));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(model.indexOfPeer(QStringLiteral("10.0.0.2:2425")).data().toString(),
             QStringLiteral("Bob"));
}

void TestGroupedPeerModel::lastPeerTakesItsGroupAlong()
{
    PeerModel peers;
    GroupedPeerModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    peers.upsert(makePeer(QStringLiteral("10.0.0.1"), QStringLiteral("Ann"), QStringLiteral("A")));
    peers.upsert(makePeer(QStringLiteral("10.0.0.2"), QStringLiteral("Bo"), QStringLiteral("B")));
    peers.remove(QStringLiteral("10.0.0.1:2425"));
    QCOMPARE(groupNames(model), QStringList{QStringLiteral("B")});
    QVERIFY(!model.indexOfPeer(QStringLiteral("10.0.0.1:2425")).isValid());
    peers.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestGroupedPeerModel::childIndexesSurviveGroupsAbove()
{
    PeerModel peers;
    GroupedPeerModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    peers.upsert(makePeer(QStringLiteral("10.0.0.9"), QStringLiteral("Zed"), QStringLiteral("Z")));
    const QPersistentModelIndex zed = model.indexOfPeer(QStringLiteral("10.0.0.9:2425"));
    peers.upsert(makePeer(QStringLiteral("10.0.0.1"), QStringLiteral("Ann"), QStringLiteral("A")));
    QVERIFY(zed.isValid());
    QCOMPARE(zed.data().toString(), QStringLiteral("Zed"));
    QCOMPARE(zed.parent().row(), 1);
    peers.remove(QStringLiteral("10.0.0.1:2425"));
    QCOMPARE(zed.data().toString(), QStringLiteral("Zed"));
    QCOMPARE(zed.parent().row(), 0);
}

void TestGroupedPeerModel::offlineBuddiesGreyAfterTheOnline()
{
    PeerModel peers;
    GroupedPeerModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    peers.upsert(makePerson(QStringLiteral("10.0.0.1"), QStringLiteral("Zoe"),
                            QStringLiteral("Sales"), QStringLiteral("zoe")));
    const qint64 seen = QDateTime(QDate(2026, 11, 30), QTime(17, 5)).toMSecsSinceEpoch();
    model.setBuddies({makeBuddy(QStringLiteral("10.0.0.2"), QStringLiteral("Bo"),
                                QStringLiteral("Sales"), QStringLiteral("bo"), seen),
                      makeBuddy(QStringLiteral("10.0.0.3"), QStringLiteral("Al"),
                                QStringLiteral("Sales"), QStringLiteral("al")),
                      // Talked to and online: no second row.
                      makeBuddy(QStringLiteral("10.0.0.1"), QStringLiteral("Zoe"),
                                QStringLiteral("Sales"), QStringLiteral("zoe")),
                      // An older history's person: no workgroup known.
                      makeBuddy(QStringLiteral("10.0.0.4"), QStringLiteral("Di"), QString(),
                                QStringLiteral("di"))});
    // Online first, then the offline sorted by name.
    QCOMPARE(rowsOf(model, QStringLiteral("Sales")),
             (QStringList{QStringLiteral("Zoe"), QStringLiteral("Al (off)"),
                          QStringLiteral("Bo (off)")}));
    QCOMPARE(model.indexOfGroup(QStringLiteral("Sales")).data().toString(),
             QStringLiteral("Sales 1/3"));
    QCOMPARE(model.indexOfGroup(QStringLiteral("Sales")).data(GroupedPeerModel::PeerCountRole), 1);
    QCOMPARE(model.indexOfGroup(QStringLiteral("Sales")).data(GroupedPeerModel::TotalCountRole), 3);
    QCOMPARE(groupNames(model), (QStringList{QStringLiteral("Sales"), QString()}));
    QCOMPARE(rowsOf(model, QString()), QStringList{QStringLiteral("Di (off)")});
    QCOMPARE(model.indexOfGroup(QString()).data().toString(), QStringLiteral("No workgroup 0/1"));
    const QModelIndex bo = model.indexOfBuddy(QStringLiteral("bo@pc"));
    QVERIFY(bo.isValid());
    // Where their chat is, and what the tooltip says.
    QCOMPARE(bo.data(PeerModel::IdRole).toString(), QStringLiteral("10.0.0.2:2425"));
    QCOMPARE(bo.data(PeerModel::AddressRole).toString(), QStringLiteral("10.0.0.2"));
    QCOMPARE(bo.data(GroupedPeerModel::LastSeenRole).toDateTime().toMSecsSinceEpoch(), seen);
    QVERIFY(bo.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Offline, last seen")));
    QVERIFY(bo.data(Qt::ToolTipRole).toString().contains(QStringLiteral("bo@pc")));
    QVERIFY(!model.indexOfBuddy(QStringLiteral("al@pc"))
                 .data(GroupedPeerModel::LastSeenRole)
                 .toDateTime()
                 .isValid());
    // Peer ids of a group are those online: a group message goes to them.
    QCOMPARE(model.peerIds(model.indexOfGroup(QStringLiteral("Sales"))),
             QStringList{QStringLiteral("10.0.0.1:2425")});
    QVERIFY(!model.indexOfBuddy(QStringLiteral("zoe@pc")).isValid());
    // A new name sorts again.
    model.upsertBuddy(makeBuddy(QStringLiteral("10.0.0.3"), QStringLiteral("Cal"),
                                QStringLiteral("Sales"), QStringLiteral("al")));
    QCOMPARE(rowsOf(model, QStringLiteral("Sales")),
             (QStringList{QStringLiteral("Zoe"), QStringLiteral("Bo (off)"),
                          QStringLiteral("Cal (off)")}));
    model.upsertBuddy(makeBuddy(QStringLiteral("10.0.0.3"), QStringLiteral("Al"),
                                QStringLiteral("Sales"), QStringLiteral("al")));
    // Zoe leaves: grey, not gone.
    peers.remove(QStringLiteral("10.0.0.1:2425"));
    QCOMPARE(rowsOf(model, QStringLiteral("Sales")),
             (QStringList{QStringLiteral("Al (off)"), QStringLiteral("Bo (off)"),
                          QStringLiteral("Zoe (off)")}));
    QCOMPARE(model.indexOfGroup(QStringLiteral("Sales")).data().toString(),
             QStringLiteral("Sales 0/3"));
    // Someone never talked to leaves without a trace.
    peers.upsert(makePerson(QStringLiteral("10.0.0.8"), QStringLiteral("Eve"),
                            QStringLiteral("Sales"), QStringLiteral("eve")));
    QCOMPARE(model.indexOfGroup(QStringLiteral("Sales")).data().toString(),
             QStringLiteral("Sales 1/4"));
    peers.remove(QStringLiteral("10.0.0.8:2425"));
    QCOMPARE(model.rowCount(model.indexOfGroup(QStringLiteral("Sales"))), 3);
}

void TestGroupedPeerModel::buddyBackOnAnotherAddressHasOneRow()
{
    PeerModel peers;
    GroupedPeerModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.upsertBuddy(makeBuddy(QStringLiteral("10.0.0.2"), QStringLiteral("Bo"),
                                QStringLiteral("Dev"), QStringLiteral("bo")));
    QCOMPARE(rowsOf(model, QStringLiteral("Dev")), QStringList{QStringLiteral("Bo (off)")});
    const QPersistentModelIndex group = model.indexOfGroup(QStringLiteral("Dev"));
    // Same person, new address: the live row replaces the grey one, in the same group.
    peers.upsert(makePerson(QStringLiteral("10.0.0.77"), QStringLiteral("Bo"),
                            QStringLiteral("Dev"), QStringLiteral("bo")));
    QCOMPARE(rowsOf(model, QStringLiteral("Dev")), QStringList{QStringLiteral("Bo")});
    QVERIFY(group.isValid());
    QCOMPARE(model.indexOfGroup(QStringLiteral("Dev")).data().toString(),
             QStringLiteral("Dev (1 online)"));
    QVERIFY(!model.indexOfBuddy(QStringLiteral("bo@pc")).isValid());
    // The tracker tells of the new address: still one row.
    model.upsertBuddy(makeBuddy(QStringLiteral("10.0.0.77"), QStringLiteral("Bo"),
                                QStringLiteral("Dev"), QStringLiteral("bo")));
    QCOMPARE(model.rowCount(model.indexOfGroup(QStringLiteral("Dev"))), 1);
    // Leaves again: grey at the new address.
    peers.remove(QStringLiteral("10.0.0.77:2425"));
    QCOMPARE(rowsOf(model, QStringLiteral("Dev")), QStringList{QStringLiteral("Bo (off)")});
    QCOMPARE(model.indexOfBuddy(QStringLiteral("bo@pc")).data(PeerModel::IdRole).toString(),
             QStringLiteral("10.0.0.77:2425"));
    // Comes back in another workgroup: the grey row leaves Dev, and Dev with it.
    peers.upsert(makePerson(QStringLiteral("10.0.0.77"), QStringLiteral("Bo"), QStringLiteral("QA"),
                            QStringLiteral("bo")));
    QCOMPARE(groupNames(model), QStringList{QStringLiteral("QA")});
    model.upsertBuddy(makeBuddy(QStringLiteral("10.0.0.77"), QStringLiteral("Bo"),
                                QStringLiteral("QA"), QStringLiteral("bo")));
    peers.remove(QStringLiteral("10.0.0.77:2425"));
    QCOMPARE(groupNames(model), QStringList{QStringLiteral("QA")});
    QCOMPARE(rowsOf(model, QStringLiteral("QA")), QStringList{QStringLiteral("Bo (off)")});
    // Two addresses of one person online at once (two NICs): offline only once both left.
    peers.upsert(makePerson(QStringLiteral("10.0.0.77"), QStringLiteral("Bo"), QStringLiteral("QA"),
                            QStringLiteral("bo")));
    peers.upsert(makePerson(QStringLiteral("10.0.1.77"), QStringLiteral("Bo"), QStringLiteral("QA"),
                            QStringLiteral("bo")));
    peers.remove(QStringLiteral("10.0.0.77:2425"));
    QCOMPARE(rowsOf(model, QStringLiteral("QA")), QStringList{QStringLiteral("Bo")});
    peers.clear();
    QCOMPARE(rowsOf(model, QStringLiteral("QA")), QStringList{QStringLiteral("Bo (off)")});
}

void TestGroupedPeerModel::settingHidesOfflineBuddies()
{
    PeerModel peers;
    GroupedPeerModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.showsOffline());
    peers.upsert(makePerson(QStringLiteral("10.0.0.1"), QStringLiteral("Zoe"),
                            QStringLiteral("Sales"), QStringLiteral("zoe")));
    model.setBuddies({makeBuddy(QStringLiteral("10.0.0.2"), QStringLiteral("Bo"),
                                QStringLiteral("Sales"), QStringLiteral("bo")),
                      makeBuddy(QStringLiteral("10.0.0.3"), QStringLiteral("Cy"),
                                QStringLiteral("Dev"), QStringLiteral("cy"))});
    QCOMPARE(groupNames(model), (QStringList{QStringLiteral("Dev"), QStringLiteral("Sales")}));
    model.setShowOffline(false);
    QCOMPARE(groupNames(model), QStringList{QStringLiteral("Sales")});
    QCOMPARE(rowsOf(model, QStringLiteral("Sales")), QStringList{QStringLiteral("Zoe")});
    QCOMPARE(model.indexOfGroup(QStringLiteral("Sales")).data().toString(),
             QStringLiteral("Sales (1 online)"));
    // Leaving while hidden: gone, as before the setting existed.
    peers.remove(QStringLiteral("10.0.0.1:2425"));
    QCOMPARE(model.rowCount(), 0);
    model.setShowOffline(true);
    // Zoe was never talked to; Bo and Cy come back grey.
    QCOMPARE(groupNames(model), (QStringList{QStringLiteral("Dev"), QStringLiteral("Sales")}));
    QCOMPARE(rowsOf(model, QStringLiteral("Sales")), QStringList{QStringLiteral("Bo (off)")});
}

void TestGroupedPeerModel::searchFindsOfflineBuddies()
{
    PeerModel peers;
    GroupedPeerModel model(&peers);
    BuddyFilterModel filter;
    filter.setSourceModel(&model);
    peers.upsert(makePerson(QStringLiteral("10.0.0.1"), QStringLiteral("Zoe"),
                            QStringLiteral("Sales"), QStringLiteral("zoe")));
    model.setBuddies({makeBuddy(QStringLiteral("10.0.0.5"), QStringLiteral("小王"),
                                QStringLiteral("研发部"), QStringLiteral("wang"))});
    for (const QString &text : {QStringLiteral("xw"), QStringLiteral("yfb"),
                                QStringLiteral("10.0.0.5"), QStringLiteral("wang")}) {
        filter.setText(text);
        QCOMPARE(filter.rowCount(), 1);
        const QModelIndex found = filter.index(0, 0, filter.index(0, 0));
        QCOMPARE(found.data().toString(), QStringLiteral("小王"));
        QVERIFY(found.data(GroupedPeerModel::OfflineRole).toBool());
    }
}

void TestGroupedPeerModel::twoKeysOnOneLoginAreTwoBuddies()
{
    PeerModel peers;
    GroupedPeerModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString k1 = QString(64, QLatin1Char('1'));
    const QString k2 = QString(64, QLatin1Char('2'));
    // Two machines cloned with one login, each with a key of its own: two people.
    Buddy eve = makeBuddy(QStringLiteral("10.0.0.5"), QStringLiteral("Eve"), QStringLiteral("Ops"),
                          QStringLiteral("shared"));
    eve.key = k1;
    Buddy fay = makeBuddy(QStringLiteral("10.0.0.6"), QStringLiteral("Fay"), QStringLiteral("Ops"),
                          QStringLiteral("shared"));
    fay.key = k2;
    model.setBuddies({eve, fay});
    QCOMPARE(rowsOf(model, QStringLiteral("Ops")),
             (QStringList{QStringLiteral("Eve (off)"), QStringLiteral("Fay (off)")}));
    // Each grey row leads to its own person's chat.
    QCOMPARE(model.indexOfBuddy(eve.ref()).data(PeerModel::IdRole).toString(),
             QStringLiteral("10.0.0.5:2425"));
    QCOMPARE(model.indexOfBuddy(fay.ref()).data(PeerModel::IdRole).toString(),
             QStringLiteral("10.0.0.6:2425"));

    // Eve comes online: her key is not known yet, so she replaces no one's grey row.
    Peer live = makePerson(QStringLiteral("10.0.0.9"), QStringLiteral("Eve"), QStringLiteral("Ops"),
                           QStringLiteral("shared"));
    live.canEncrypt = true;
    peers.upsert(live);
    QCOMPARE(rowsOf(model, QStringLiteral("Ops")),
             (QStringList{QStringLiteral("Eve"), QStringLiteral("Eve (off)"),
                          QStringLiteral("Fay (off)")}));
    // Her key answers: hers goes, Fay's stays.
    live.key.trust = crypto::KeyTrust::Pinned;
    live.key.current = crypto::Fingerprint::fromHex(k1);
    peers.upsert(live);
    QCOMPARE(rowsOf(model, QStringLiteral("Ops")),
             (QStringList{QStringLiteral("Eve"), QStringLiteral("Fay (off)")}));
    QVERIFY(!model.indexOfBuddy(eve.ref()).isValid());
    QVERIFY(model.indexOfBuddy(fay.ref()).isValid());
    // A key judged changed is no one's: Eve's grey row is back beside the live one.
    live.key.trust = crypto::KeyTrust::Changed;
    peers.upsert(live);
    QCOMPARE(rowsOf(model, QStringLiteral("Ops")),
             (QStringList{QStringLiteral("Eve"), QStringLiteral("Eve (off)"),
                          QStringLiteral("Fay (off)")}));

    // A row kept before keys were (an older history) is the person's once their key shows.
    Buddy old = makeBuddy(QStringLiteral("10.0.0.7"), QStringLiteral("Gus"), QStringLiteral("Ops"),
                          QStringLiteral("gus"));
    model.upsertBuddy(old);
    Buddy keyed = old;
    keyed.key = k1;
    model.upsertBuddy(keyed);
    QCOMPARE(rowsOf(model, QStringLiteral("Ops")).count(QStringLiteral("Gus (off)")), 1);
}

void TestGroupedPeerModel::onlineRowsKeepTheirPlaceByName()
{
    PeerModel peers;
    GroupedPeerModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const auto &[ip, nick] :
         {std::pair{"10.0.0.3", "Cy"}, std::pair{"10.0.0.1", "Ann"}, std::pair{"10.0.0.2", "Bo"}})
        peers.upsert(
            makePeer(QString::fromLatin1(ip), QString::fromLatin1(nick), QStringLiteral("A")));
    const QStringList sorted{QStringLiteral("Ann"), QStringLiteral("Bo"), QStringLiteral("Cy")};
    QCOMPARE(rowsOf(model, QStringLiteral("A")), sorted);
    // Ann leaves and comes back: she takes her place again, not the end of the list.
    peers.remove(QStringLiteral("10.0.0.1:2425"));
    peers.upsert(makePeer(QStringLiteral("10.0.0.1"), QStringLiteral("Ann"), QStringLiteral("A")));
    QCOMPARE(rowsOf(model, QStringLiteral("A")), sorted);
    // A new nick sorts anew.
    peers.upsert(makePeer(QStringLiteral("10.0.0.1"), QStringLiteral("Dee"), QStringLiteral("A")));
    QCOMPARE(rowsOf(model, QStringLiteral("A")),
             (QStringList{QStringLiteral("Bo"), QStringLiteral("Cy"), QStringLiteral("Dee")}));
}

QTEST_GUILESS_MAIN(TestGroupedPeerModel)
#include "tst_groupedpeermodel.moc"
