// Transfer ids: each kind's text form round-trips, other text is refused, kinds never collide.
#include "common/transferid.h"

#include <QSet>
#include <QTest>
#include <QVariant>

using namespace lanpigeon;
using Kind = TransferId::Kind;

Q_DECLARE_METATYPE(lanpigeon::TransferId::Kind)

class TestTransferId final : public QObject
{
    Q_OBJECT

private slots:
    void roundTrips_data();
    void roundTrips();
    void refusesOtherText_data();
    void refusesOtherText();
    void kindsAreDistinct();
    void travelsInAVariant();
};

void TestTransferId::roundTrips_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<quint64>("serial");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("tftp");
    // The forms lanpigeon-cli has always printed ("transfer":"down-1").
    QTest::newRow("upload") << Kind::Upload << quint64(1) << QStringLiteral("up-1") << false;
    QTest::newRow("download") << Kind::Download << quint64(42) << QStringLiteral("down-42")
                              << false;
    QTest::newRow("tftp client") << Kind::TftpClient << quint64(7) << QStringLiteral("tftp-7")
                                 << true;
    QTest::newRow("tftp server") << Kind::TftpServer << quint64(3) << QStringLiteral("tftpd-3")
                                 << true;
    QTest::newRow("largest") << Kind::Download << std::numeric_limits<quint64>::max()
                             << QStringLiteral("down-18446744073709551615") << false;
}

void TestTransferId::roundTrips()
{
    QFETCH(Kind, kind);
    QFETCH(quint64, serial);
    QFETCH(QString, text);
    QFETCH(bool, tftp);
    const TransferId id(kind, serial);
    QVERIFY(id.isValid());
    QCOMPARE(id.isTftp(), tftp);
    QCOMPARE(id.toString(), text);
    const std::optional<TransferId> back = TransferId::fromString(text);
    QVERIFY(back);
    QCOMPARE(*back, id);
    QCOMPARE(back->kind(), kind);
    QCOMPARE(back->serial(), serial);
}

void TestTransferId::refusesOtherText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("no number") << QStringLiteral("down-");
    QTest::newRow("no dash") << QStringLiteral("down1");
    QTest::newRow("unknown kind") << QStringLiteral("sideways-1");
    QTest::newRow("kind in other case") << QStringLiteral("DOWN-1");
    QTest::newRow("zero") << QStringLiteral("up-0");
    QTest::newRow("leading zero") << QStringLiteral("up-01");
    QTest::newRow("sign") << QStringLiteral("up-+1");
    QTest::newRow("negative") << QStringLiteral("up--1");
    QTest::newRow("space") << QStringLiteral("up- 1");
    QTest::newRow("trailing text") << QStringLiteral("tftp-1x");
    QTest::newRow("uuid, as TFTP client ids once were")
        << QStringLiteral("tftp-1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    QTest::newRow("too large") << QStringLiteral("down-18446744073709551616");
    QTest::newRow("an offer id") << QStringLiteral("127.0.0.1:2425#17");
}

void TestTransferId::refusesOtherText()
{
    QFETCH(QString, text);
    QVERIFY(!TransferId::fromString(text));
}

void TestTransferId::kindsAreDistinct()
{
    // Every producer numbers from 1, so only the kind tells up-1 from down-1.
    QSet<TransferId> ids;
    QSet<QString> texts;
    for (Kind kind : {Kind::Upload, Kind::Download, Kind::TftpClient, Kind::TftpServer}) {
        ids.insert(TransferId(kind, 1));
        texts.insert(TransferId(kind, 1).toString());
    }
    QCOMPARE(ids.size(), 4);
    QCOMPARE(texts.size(), 4);
    QVERIFY(TransferId(Kind::Upload, 1) != TransferId(Kind::Download, 1));
    QVERIFY(!TransferId().isValid());
}

void TestTransferId::travelsInAVariant()
{
    const TransferId id(Kind::TftpServer, 9);
    const QVariant v = QVariant::fromValue(id);
    QVERIFY(v.canConvert<TransferId>());
    QCOMPARE(v.value<TransferId>(), id);
}

QTEST_GUILESS_MAIN(TestTransferId)
#include "tst_transferid.moc"
