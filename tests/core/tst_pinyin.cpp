// Pinyin for the buddy search: full syllables, initials, and text with no Han at all.
#include "models/pinyin.h"

#include <QTest>

using namespace lanpigeon::text;

class TestPinyin final : public QObject
{
    Q_OBJECT

private slots:
    void syllablesAndInitials();
    void matches_data();
    void matches();
};

void TestPinyin::syllablesAndInitials()
{
    QCOMPARE(pinyinOf(QStringLiteral("小王")).full, QStringLiteral("xiao wang"));
    QCOMPARE(pinyinOf(QStringLiteral("小王")).initials, QStringLiteral("xw"));
    QCOMPARE(pinyinOf(QStringLiteral("研发部")).initials, QStringLiteral("yfb"));
    QCOMPARE(pinyinOf(QStringLiteral("小王 Wang")).full, QStringLiteral("xiao wang wang"));
    QCOMPARE(pinyinOf(QStringLiteral("Alice")).full, QStringLiteral("alice"));
    QCOMPARE(pinyinOf(QString()).full, QString());
}

void TestPinyin::matches_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("wanted");
    QTest::addColumn<bool>("match");
    QTest::newRow("syllable") << QStringLiteral("小王") << QStringLiteral("wang") << true;
    QTest::newRow("initials") << QStringLiteral("小王") << QStringLiteral("xw") << true;
    QTest::newRow("run together") << QStringLiteral("小王") << QStringLiteral("xiaowang") << true;
    QTest::newRow("spaced, any case") << QStringLiteral("小王") << QStringLiteral("Xiao W") << true;
    QTest::newRow("workgroup") << QStringLiteral("研发部") << QStringLiteral("yanfa") << true;
    QTest::newRow("hanzi") << QStringLiteral("研发部") << QStringLiteral("研发") << true;
    QTest::newRow("latin") << QStringLiteral("Alice") << QStringLiteral("LIC") << true;
    QTest::newRow("not there") << QStringLiteral("小王") << QStringLiteral("li") << false;
    QTest::newRow("not initials") << QStringLiteral("小王") << QStringLiteral("wx") << false;
}

void TestPinyin::matches()
{
    QFETCH(QString, text);
    QFETCH(QString, wanted);
    QFETCH(bool, match);
    QCOMPARE(matchesPinyin(text, wanted), match);
}

QTEST_GUILESS_MAIN(TestPinyin)
#include "tst_pinyin.moc"
