// ProgressThrottle: the first and the last report always go, the rest at most ten a second.
#include "common/progressthrottle.h"

#include <QElapsedTimer>
#include <QTest>

using lanpigeon::ProgressThrottle;

class TestProgressThrottle final : public QObject
{
    Q_OBJECT

private slots:
    void firstAndForcedGoAtOnce();
    void nextGoesAfterTheInterval();
    void aBusyTransferReportsTenTimesASecondAtMost();
};

void TestProgressThrottle::firstAndForcedGoAtOnce()
{
    ProgressThrottle throttle;
    QVERIFY(throttle.due());
    QVERIFY(!throttle.due());
    QVERIFY(throttle.due(true));
    QVERIFY(!throttle.due());
}

void TestProgressThrottle::nextGoesAfterTheInterval()
{
    ProgressThrottle throttle;
    QVERIFY(throttle.due());
    QTest::qWait(ProgressThrottle::IntervalMs / 2);
    QVERIFY(!throttle.due());
    QTest::qWait(ProgressThrottle::IntervalMs);
    QVERIFY(throttle.due());
    QVERIFY(!throttle.due());
}

void TestProgressThrottle::aBusyTransferReportsTenTimesASecondAtMost()
{
    ProgressThrottle throttle;
    QElapsedTimer clock;
    clock.start();
    int steps = 0;
    int reports = 0;
    while (clock.elapsed() < 5 * ProgressThrottle::IntervalMs) {
        ++steps;
        reports += throttle.due() ? 1 : 0;
    }
    QVERIFY(steps > 1000);
    QVERIFY2(reports >= 2 && reports <= 6, qPrintable(QString::number(reports)));
}

QTEST_GUILESS_MAIN(TestProgressThrottle)
#include "tst_progressthrottle.moc"
