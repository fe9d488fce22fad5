// The transfer list: rows keyed by id, progress, smoothed speed, ETA and final states.
#include "models/transfermodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace lanpigeon;
using State = TransferModel::State;

namespace {

TransferId download(quint64 serial)
{
    return {TransferId::Kind::Download, serial};
}

TransferResult result(const TransferId &id, State state, const QString &error = {},
                      const QString &path = {})
{
    TransferResult r;
    r.id = id;
    r.state = state;
    r.error = error;
    r.path = path;
    return r;
}

} // namespace

class TestTransferModel final : public QObject
{
    Q_OBJECT

private slots:
    void tracksProgressSpeedAndEta();
    void finalStates();
    void finishedRowIsNeverRewritten();
    void retryOnlyOnce();
    void rolesAreTyped();
};

void TestTransferModel::tracksProgressSpeedAndEta()
{
    TransferModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TransferModel::Transfer t;
    t.id = download(1);
    t.name = QStringLiteral("视频.mp4");
    t.peer = QStringLiteral("Bob");
    t.size = 10000000;
    QVERIFY(model.add(t));
    QTest::ignoreMessage(QtWarningMsg, "transfer down-1 is already listed");
    QVERIFY(!model.add(t));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(TransferModel::StateRole).value<State>(), State::Waiting);
    QCOMPARE(model.index(0).data(TransferModel::EtaRole).toLongLong(), -1);

    model.setStarted(t.id, QStringLiteral("/tmp/视频.mp4"), 10000000, 0);
    QTest::qWait(250);
    model.setProgress(t.id, 1000000, 10000000);
    const TransferModel::Transfer *now = model.find(t.id);
    QCOMPARE(now->state, State::Active);
    // About 1 MB in about 0.25 s.
    QVERIFY2(now->speed > 2e6 && now->speed < 6e6, qPrintable(QString::number(now->speed)));
    const qint64 eta = TransferModel::eta(*now);
    QVERIFY2(eta >= 1 && eta <= 5, qPrintable(QString::number(eta)));
    QCOMPARE(model.index(0).data(TransferModel::DoneRole).toULongLong(), 1000000u);
    QCOMPARE(model.index(0).data(TransferModel::PathRole).toString(),
             QStringLiteral("/tmp/视频.mp4"));
}

void TestTransferModel::finalStates()
{
    TransferModel model;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    for (int i = 0; i < 3; ++i) {
        TransferModel::Transfer t;
        t.id = download(quint64(i) + 1);
        t.size = 100;
        model.add(t);
    }
    model.setFinished(result(download(1), State::Done, {}, QStringLiteral("/x")));
    model.setFinished(result(download(2), State::Failed, QStringLiteral("disk full")));
    model.setFinished(result(download(3), State::Cancelled, QStringLiteral("cancelled")));
    // The same serial of another kind is another transfer.
    model.setFinished(result({TransferId::Kind::Upload, 1}, State::Done));
    model.setFinished(result(download(4), State::Done));
    QCOMPARE(changed.size(), 3);
    QCOMPARE(model.index(0).data(TransferModel::DoneRole).toULongLong(), 100u);
    QCOMPARE(model.index(1).data(TransferModel::ErrorRole).toString(), QStringLiteral("disk full"));
    QCOMPARE(model.index(2).data(TransferModel::StateRole).value<State>(), State::Cancelled);
    QCOMPARE(model.index(0).data(TransferModel::PathRole).toString(), QStringLiteral("/x"));
    QCOMPARE(TransferModel::eta(*model.find(download(1))), -1);
}

void TestTransferModel::finishedRowIsNeverRewritten()
{
    // A transfer reusing a finished one's id (a restarted TFTP server did) must not take over
    // its row: the new one is refused, and late updates leave the old one as it ended.
    TransferModel model;
    TransferModel::Transfer t;
    t.id = TransferId(TransferId::Kind::TftpServer, 1);
    t.name = QStringLiteral("big.bin");
    t.size = 5000000;
    QVERIFY(model.add(t));
    model.setStarted(t.id, QStringLiteral("/srv/big.bin"), t.size, 0);
    model.setFinished(result(t.id, State::Done));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    TransferModel::Transfer again = t;
    again.name = QStringLiteral("small.txt");
    again.size = 11;
    QTest::ignoreMessage(QtWarningMsg, "transfer tftpd-1 is already listed");
    QVERIFY(!model.add(again));
    model.setStarted(t.id, QStringLiteral("/srv/small.txt"), 11, 0);
    model.setProgress(t.id, 5, 11);
    model.setFinished(result(t.id, State::Failed, QStringLiteral("timeout")));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(model.rowCount(), 1);
    const TransferModel::Transfer *now = model.find(t.id);
    QCOMPARE(now->name, QStringLiteral("big.bin"));
    QCOMPARE(now->path, QStringLiteral("/srv/big.bin"));
    QCOMPARE(now->size, quint64(5000000));
    QCOMPARE(now->done, quint64(5000000));
    QCOMPARE(now->state, State::Done);
}

void TestTransferModel::retryOnlyOnce()
{
    TransferModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto retry = [&model](int row) {
        return model.index(row).data(TransferModel::RetryRole).value<TransferModel::Retry>();
    };
    TransferModel::Transfer t;
    t.retryable = true;
    const TransferId up3(TransferId::Kind::Upload, 3);
    for (const TransferId &id : {download(1), download(2), up3}) {
        t.id = id;
        t.retryable = id.kind() == TransferId::Kind::Download;
        QVERIFY(model.add(t));
    }
    // Running: nothing to retry yet, and marking it changes nothing.
    QCOMPARE(retry(0), TransferModel::Retry::Unavailable);
    model.setRetried(download(1));
    QCOMPARE(retry(0), TransferModel::Retry::Unavailable);
    for (const TransferId &id : {download(1), download(2), up3})
        model.setFinished(result(id, State::Cancelled));
    QCOMPARE(retry(0), TransferModel::Retry::Available);
    QCOMPARE(retry(2), TransferModel::Retry::Unavailable);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setRetried(download(1));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(retry(0), TransferModel::Retry::Retried);
    // The state stays what the row ended as; only Retry is spent.
    QCOMPARE(model.find(download(1))->state, State::Cancelled);
    // An upload has nothing to retry, so it cannot be marked retried either.
    model.setRetried(up3);
    QCOMPARE(retry(2), TransferModel::Retry::Unavailable);

    // Refused once the offer is gone, also after it was marked on the click.
    model.setRetried(download(2));
    model.setRetryRefused(download(2));
    QCOMPARE(retry(1), TransferModel::Retry::Refused);
}

// Views read the enums and ids themselves; no role hands out a word to compare.
void TestTransferModel::rolesAreTyped()
{
    TransferModel model;
    TransferModel::Transfer down;
    down.id = download(7);
    down.offerId = {QStringLiteral("127.0.0.2:2425"), 42};
    TransferModel::Transfer up;
    up.id = TransferId(TransferId::Kind::Upload, 8);
    up.direction = TransferModel::Direction::Upload;
    QVERIFY(model.add(down));
    QVERIFY(model.add(up));
    model.setFinished(result(up.id, State::Failed, QStringLiteral("refused")));

    const QModelIndex d = model.index(0);
    const QModelIndex u = model.index(1);
    QCOMPARE(d.data(TransferModel::IdRole).value<TransferId>(), download(7));
    QCOMPARE(u.data(TransferModel::IdRole).value<TransferId>(), up.id);
    QCOMPARE(d.data(TransferModel::DirectionRole).value<TransferModel::Direction>(),
             TransferModel::Direction::Download);
    QCOMPARE(u.data(TransferModel::DirectionRole).value<TransferModel::Direction>(),
             TransferModel::Direction::Upload);
    QCOMPARE(d.data(TransferModel::StateRole).value<State>(), State::Waiting);
    QCOMPARE(u.data(TransferModel::StateRole).value<State>(), State::Failed);
    QCOMPARE(d.data(TransferModel::OfferIdRole).value<OfferId>(), down.offerId);
    QVERIFY(!u.data(TransferModel::OfferIdRole).value<OfferId>().isValid());
    QCOMPARE(u.data(TransferModel::RetryRole).value<TransferModel::Retry>(),
             TransferModel::Retry::Unavailable);
    // One role per value: the int copies of the state and direction are gone.
    const QList<QByteArray> names = model.roleNames().values();
    QVERIFY(!names.contains("stateValue"));
    QVERIFY(!names.contains("directionValue"));
    QCOMPARE(model.roleNames().value(TransferModel::StateRole), QByteArray("state"));
}

QTEST_GUILESS_MAIN(TestTransferModel)
#include "tst_transfermodel.moc"
