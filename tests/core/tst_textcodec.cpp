// Encodings of the IPMsg dialects: GB18030 for FeiQ, CP932 for IP Messenger, UTF-8 for the rest.
#include "ipmsg/textcodec.h"

#include <QTest>

using namespace lanpigeon;
using ipmsg::ClientKind;

class TestTextCodec final : public QObject
{
    Q_OBJECT

private slots:
    void utf8Validation_data();
    void utf8Validation();
    void decodesLegacyCodePages();
    void encodesLegacyCodePages();
    void invalidBytesBecomeReplacement();
    void unmappableCharactersBecomeQuestionMarks();
    void stripsFeiqFontSuffix_data();
    void stripsFeiqFontSuffix();
    void decodesByDialect_data();
    void decodesByDialect();
    void utf8Peers();
};

void TestTextCodec::utf8Validation_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("hello") << true;
    QTest::newRow("chinese") << QByteArray("\xe4\xbd\xa0\xe5\xa5\xbd") << true;
    QTest::newRow("emoji") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("gbk nihao") << QByteArray("\xc4\xe3\xba\xc3") << false;
    QTest::newRow("sjis tarou") << QByteArray("\x91\xbe\x98\x59") << false;
    QTest::newRow("truncated") << QByteArray("\xe4\xbd") << false;
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("beyond unicode") << QByteArray("\xf4\x90\x80\x80") << false;
}

void TestTextCodec::utf8Validation()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(text::isValidUtf8(bytes), valid);
}

void TestTextCodec::decodesLegacyCodePages()
{
    QCOMPARE(text::decode("\xc4\xe3\xba\xc3", "GB18030"), QStringLiteral("你好"));
    QCOMPARE(text::decode("\xc4\xe3\xba\xc3", "GBK"), QStringLiteral("你好"));
    QCOMPARE(text::decode("\x91\xbe\x98\x59", "CP932"), QStringLiteral("太郎"));
    QCOMPARE(text::decode("plain", "GB18030"), QStringLiteral("plain"));
}

void TestTextCodec::encodesLegacyCodePages()
{
    QCOMPARE(text::encode(QStringLiteral("你好"), "GB18030"), QByteArray("\xc4\xe3\xba\xc3"));
    QCOMPARE(text::encode(QStringLiteral("太郎"), "CP932"), QByteArray("\x91\xbe\x98\x59"));
    QCOMPARE(text::encode(QStringLiteral("ok"), "UTF-8"), QByteArray("ok"));
    // GB18030 covers all of Unicode, emoji included.
    const QString emoji = QStringLiteral("😀");
    QCOMPARE(text::decode(text::encode(emoji, "GB18030"), "GB18030"), emoji);
}

void TestTextCodec::invalidBytesBecomeReplacement()
{
    // A lone lead byte in the middle and a truncated one at the end.
    const QString s = text::decode(QByteArray("a\x81"
                                              "b\xc4",
                                              4),
                                   "GB18030");
    QVERIFY2(s.startsWith(QLatin1Char('a')), qPrintable(s));
    QVERIFY(s.contains(QChar(0xfffd)));
    QVERIFY(s.contains(QLatin1Char('b')) || s.size() >= 2);
}

void TestTextCodec::unmappableCharactersBecomeQuestionMarks()
{
    // CP932 has no Thai; the Japanese around it must survive.
    QCOMPARE(text::encode(QStringLiteral("太ก郎"), "CP932"), QByteArray("\x91\xbe?\x98\x59"));
}

void TestTextCodec::stripsFeiqFontSuffix_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("yahei") << QStringLiteral(
                                  "1122{/font;-8 0 0 0 400 0 0 0 1 0 0 2 32 微软雅黑 8404992;}")
                           << QStringLiteral("1122");
    QTest::newRow("songti") << QStringLiteral(
                                   "你好\n第二行{/font;-14 0 0 0 0 400 0 0 0 1 0 34 3 2 1 2 宋体;}")
                            << QStringLiteral("你好\n第二行");
    QTest::newRow("none") << QStringLiteral("no suffix") << QStringLiteral("no suffix");
    QTest::newRow("in the middle stays")
        << QStringLiteral("a{/font;x;}b") << QStringLiteral("a{/font;x;}b");
}

void TestTextCodec::stripsFeiqFontSuffix()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(text::stripFeiqFontSuffix(in), out);
}

void TestTextCodec::decodesByDialect_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("utf8Flag");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");

    QTest::newRow("UTF8OPT wins") << QByteArray("\xe4\xbd\xa0\xe5\xa5\xbd") << true
                                  << int(ClientKind::FeiQ) << QStringLiteral("你好");
    QTest::newRow("FeiQ GBK with font")
        << QByteArray("\xc4\xe3\xba\xc3{/font;-12 0 0 0 400 0 0 0 134 0 0 2 32 SimSun 0;}") << false
        << int(ClientKind::FeiQ) << QStringLiteral("你好");
    QTest::newRow("IPMsg legacy CP932") << QByteArray("\x91\xbe\x98\x59") << false
                                        << int(ClientKind::IpMsg) << QStringLiteral("太郎");
    QTest::newRow("IPMsg that writes UTF-8")
        << QByteArray("\xe5\xa4\xaa") << false << int(ClientKind::IpMsg) << QStringLiteral("太");
    QTest::newRow("unknown falls back to GB18030")
        << QByteArray("\xc4\xe3") << false << int(ClientKind::Unknown) << QStringLiteral("你");
    QTest::newRow("iptux without flag")
        << QByteArray("\xe4\xbd\xa0") << false << int(ClientKind::Iptux) << QStringLiteral("你");
    // As iptux 0.8.3 sends a message with two pictures: each one's place marked with U+0001.
    QTest::newRow("iptux picture places") << QByteArray("\x01see \xe4\xbd\xa0\x01") << false
                                          << int(ClientKind::Iptux) << QStringLiteral("see 你");
    QTest::newRow("iptux pictures alone")
        << QByteArray("\x01\x01") << true << int(ClientKind::Iptux) << QString();
    QTest::newRow("U+0001 from others kept")
        << QByteArray("a\x01") << true << int(ClientKind::LanPigeon) << QStringLiteral("a\x01");
}

void TestTextCodec::decodesByDialect()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, utf8Flag);
    QFETCH(int, kind);
    QFETCH(QString, expected);
    QCOMPARE(text::decodeFromPeer(bytes, utf8Flag, ClientKind(kind), "GB18030"), expected);
}

void TestTextCodec::utf8Peers()
{
    QVERIFY(text::peerTakesUtf8(ClientKind::IpMsg, true));
    QVERIFY(text::peerTakesUtf8(ClientKind::Iptux, false));
    QVERIFY(text::peerTakesUtf8(ClientKind::LanPigeon, false));
    QVERIFY(!text::peerTakesUtf8(ClientKind::FeiQ, false));
    QVERIFY(!text::peerTakesUtf8(ClientKind::IpMsg, false));
    QCOMPARE(text::legacyCodecFor(ClientKind::FeiQ, "CP936"), QByteArray("GB18030"));
    QCOMPARE(text::legacyCodecFor(ClientKind::Unknown, "CP936"), QByteArray("CP936"));
}

QTEST_GUILESS_MAIN(TestTextCodec)
#include "tst_textcodec.moc"
