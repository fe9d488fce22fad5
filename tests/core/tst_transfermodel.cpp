// The transfer list: rows keyed by id, progress, smoothed speed, ETA and final states.
#include "models/transfermodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace lanpigeon;
using State = TransferModel::State;

class TestTransferModel final : public QObject
{
    Q_OBJECT

private slots:
    void tracksProgressSpeedAndEta();
    void finalStates();
    void finishedRowIsNeverRewritten();
    void retryOnlyOnce();
};

void TestTransferModel::tracksProgressSpeedAndEta()
{
    TransferModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TransferModel::Transfer t;
    t.id = QStringLiteral("down-1");
    t.name = QStringLiteral("视频.mp4");
    t.peer = QStringLiteral("Bob");
    t.size = 10000000;
    QVERIFY(model.add(t));
    QTest::ignoreMessage(QtWarningMsg, "transfer down-1 is already listed");
    QVERIFY(!model.add(t));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(TransferModel::StateRole).toString(), QStringLiteral("waiting"));
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
        t.id = QString::number(i);
        t.size = 100;
        model.add(t);
    }
    model.setFinished(QStringLiteral("0"), State::Done, {}, QStringLiteral("/x"));
    model.setFinished(QStringLiteral("1"), State::Failed, QStringLiteral("disk full"), {});
    model.setFinished(QStringLiteral("2"), State::Cancelled, QStringLiteral("cancelled"), {});
    model.setFinished(QStringLiteral("nope"), State::Done, {}, {});
    QCOMPARE(changed.size(), 3);
    QCOMPARE(model.index(0).data(TransferModel::DoneRole).toULongLong(), 100u);
    QCOMPARE(model.index(1).data(TransferModel::ErrorRole).toString(), QStringLiteral("disk full"));
    QCOMPARE(model.index(2).data(TransferModel::StateRole).toString(), QStringLiteral("cancelled"));
    QCOMPARE(TransferModel::eta(*model.find(QStringLiteral("0"))), -1);
}

void TestTransferModel::finishedRowIsNeverRewritten()
{
    // A transfer reusing a finished one's id (a restarted TFTP server did) must not take over
    // its row: the new one is refused, and late updates leave the old one as it ended.
    TransferModel model;
    TransferModel::Transfer t;
    t.id = QStringLiteral("tftpd-1");
    t.name = QStringLiteral("big.bin");
    t.size = 5000000;
    QVERIFY(model.add(t));
    model.setStarted(t.id, QStringLiteral("/srv/big.bin"), t.size, 0);
    model.setFinished(t.id, State::Done, {}, {});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    TransferModel::Transfer again = t;
    again.name = QStringLiteral("small.txt");
    again.size = 11;
    QTest::ignoreMessage(QtWarningMsg, "transfer tftpd-1 is already listed");
    QVERIFY(!model.add(again));
    model.setStarted(t.id, QStringLiteral("/srv/small.txt"), 11, 0);
    model.setProgress(t.id, 5, 11);
    model.setFinished(t.id, State::Failed, QStringLiteral("timeout"), {});
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
        return TransferModel::Retry(model.index(row).data(TransferModel::RetryRole).toInt());
    };
    TransferModel::Transfer t;
    t.retryable = true;
    for (const char *id : {"down-1", "down-2", "up-3"}) {
        t.id = QLatin1String(id);
        t.retryable = t.id.startsWith(QLatin1String("down"));
        QVERIFY(model.add(t));
    }
    // Running: nothing to retry yet, and marking it changes nothing.
    QCOMPARE(retry(0), TransferModel::Retry::Unavailable);
    model.setRetried(QStringLiteral("down-1"));
    QCOMPARE(retry(0), TransferModel::Retry::Unavailable);
    for (const char *id : {"down-1", "down-2", "up-3"})
        model.setFinished(QLatin1String(id), State::Cancelled, {}, {});
    QCOMPARE(retry(0), TransferModel::Retry::Available);
    QCOMPARE(retry(2), TransferModel::Retry::Unavailable);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setRetried(QStringLiteral("down-1"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(retry(0), TransferModel::Retry::Retried);
    // The state stays what the row ended as; only Retry is spent.
    QCOMPARE(model.find(QStringLiteral("down-1"))->state, State::Cancelled);
    // An upload has nothing to retry, so it cannot be marked retried either.
    model.setRetried(QStringLiteral("up-3"));
    QCOMPARE(retry(2), TransferModel::Retry::Unavailable);

    // Refused once the offer is gone, also after it was marked on the click.
    model.setRetried(QStringLiteral("down-2"));
    model.setRetryRefused(QStringLiteral("down-2"));
    QCOMPARE(retry(1), TransferModel::Retry::Refused);
}

QTEST_GUILESS_MAIN(TestTransferModel)
#include "tst_transfermodel.moc"
