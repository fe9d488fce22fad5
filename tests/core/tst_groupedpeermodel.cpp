// The buddy list model: peers grouped by workgroup, groups appear, move and vanish with them.
#include "models/groupedpeermodel.h"
#include "models/peermodel.h"

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

QTEST_GUILESS_MAIN(TestGroupedPeerModel)
#include "tst_groupedpeermodel.moc"
