// The peer list model: rows keyed by a stable id, updates in place, removal keeps the index.
#include "models/peermodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace lanpigeon;

namespace {
Peer makePeer(const QString &ip, const QString &nick, const QString &group = QStringLiteral("dev"))
{
    Peer p;
    p.address = QHostAddress(ip);
    p.port = 2425;
    p.id = Peer::makeId(p.address, p.port);
    p.nick = nick;
    p.user = nick.toLower();
    p.group = group;
    p.kind = ipmsg::ClientKind::Iptux;
    return p;
}
} // namespace

class TestPeerModel final : public QObject
{
    Q_OBJECT

private slots:
    void insertsUpdatesAndRemoves();
    void exposesRoles();
    void findsByName();
    void onePersonOnTwoAddressesIsOneRow();
};

void TestPeerModel::insertsUpdatesAndRemoves()
{
    PeerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.upsert(makePeer(QStringLiteral("10.0.0.1"), QStringLiteral("Ann")));
    model.upsert(makePeer(QStringLiteral("10.0.0.2"), QStringLiteral("Bo")));
    model.upsert(makePeer(QStringLiteral("10.0.0.3"), QStringLiteral("Cy")));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.size(), 3);

    model.upsert(makePeer(QStringLiteral("10.0.0.2"), QStringLiteral("Bob")));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("Bob"));

    model.remove(QStringLiteral("10.0.0.1:2425"));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(QStringLiteral("10.0.0.3:2425")), 1);
    QCOMPARE(model.find(QStringLiteral("10.0.0.3:2425"))->nick, QStringLiteral("Cy"));
    QVERIFY(model.find(QStringLiteral("10.0.0.1:2425")) == nullptr);

    model.remove(QStringLiteral("10.9.9.9:2425"));
    QCOMPARE(removed.size(), 1);
}

void TestPeerModel::exposesRoles()
{
    PeerModel model;
    Peer p = makePeer(QStringLiteral("127.0.0.2"), QStringLiteral("小王"), QStringLiteral("研发"));
    p.status = ipmsg::Status::Away;
    p.awayMessage = QStringLiteral("lunch");
    model.upsert(p);
    const QModelIndex i = model.index(0);
    QCOMPARE(i.data(PeerModel::IdRole).toString(), QStringLiteral("127.0.0.2:2425"));
    QCOMPARE(i.data(PeerModel::GroupRole).toString(), QStringLiteral("研发"));
    QCOMPARE(i.data(PeerModel::StatusRole).value<ipmsg::Status>(), ipmsg::Status::Away);
    QCOMPARE(i.data(PeerModel::AwayMessageRole).toString(), QStringLiteral("lunch"));
    QCOMPARE(i.data(PeerModel::ClientKindRole).toString(), QStringLiteral("iptux"));
    QVERIFY(i.data(Qt::ToolTipRole).toString().contains(QStringLiteral("127.0.0.2")));
}

void TestPeerModel::findsByName()
{
    PeerModel model;
    model.upsert(makePeer(QStringLiteral("10.0.0.1"), QStringLiteral("Ann")));
    model.upsert(makePeer(QStringLiteral("10.0.0.2"), QStringLiteral("Bo")));
    QCOMPARE(model.findByName(QStringLiteral("ann")).size(), 1);
    QCOMPARE(model.findByName(QStringLiteral("bo")).first().id, QStringLiteral("10.0.0.2:2425"));
    QVERIFY(model.findByName(QStringLiteral("zed")).isEmpty());
}

void TestPeerModel::onePersonOnTwoAddressesIsOneRow()
{
    PeerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Peer wang = makePeer(QStringLiteral("10.0.0.7"), QStringLiteral("Wang"));
    const PeerAddress wired{QHostAddress(QStringLiteral("10.0.0.7")), 2425, 1000};
    const PeerAddress wifi{QHostAddress(QStringLiteral("10.0.0.8")), 2425, 2000};
    wang.addresses = {wired, wifi};
    wang.address = wifi.address;
    model.upsert(wang);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex row = model.index(0);
    QCOMPARE(row.data(PeerModel::AddressesRole).value<QList<PeerAddress>>(),
             (QList<PeerAddress>{wired, wifi}));
    QCOMPARE(row.data(PeerModel::AddressRole).toString(), QStringLiteral("10.0.0.8"));
    QCOMPARE(row.data(PeerModel::IdRole).toString(), QStringLiteral("10.0.0.7:2425"));
    QVERIFY(row.data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("10.0.0.7:2425, 10.0.0.8:2425")));

    // The Wi-Fi goes: the same row, one address, and the tooltip no longer lists two.
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    wang.addresses = {wired};
    wang.address = wired.address;
    model.upsert(wang);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(model.index(0).data(PeerModel::AddressesRole).value<QList<PeerAddress>>(),
             QList<PeerAddress>{wired});
    QVERIFY(!model.index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("10.0.0.8")));
}

QTEST_GUILESS_MAIN(TestPeerModel)
#include "tst_peermodel.moc"
