// Hostile names from the network become harmless components inside the chosen folder.
#include "common/safefilename.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lanpigeon::files;

class TestSafeFileName final : public QObject
{
    Q_OBJECT

private slots:
    void neutralises_data();
    void neutralises();
    void truncatesLongNames();
    void freshPathAvoidsExistingFiles();
    void staysInsideFollowsLinks();
};

void TestSafeFileName::neutralises_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("plain") << QStringLiteral("报告.docx") << QStringLiteral("报告.docx");
    QTest::newRow("dotdot") << QStringLiteral("..") << QStringLiteral("_..");
    QTest::newRow("dot") << QStringLiteral(".") << QStringLiteral("_.");
    QTest::newRow("traversal") << QStringLiteral("../../etc/passwd")
                               << QStringLiteral(".._.._etc_passwd");
    QTest::newRow("absolute") << QStringLiteral("/etc/shadow") << QStringLiteral("_etc_shadow");
    QTest::newRow("backslashes") << QStringLiteral("..\\..\\win.ini")
                                 << QStringLiteral(".._.._win.ini");
    QTest::newRow("drive letter") << QStringLiteral("C:\\Windows\\x.dll")
                                  << QStringLiteral("_Windows_x.dll");
    QTest::newRow("drive letter, slash") << QStringLiteral("d:/x.dll") << QStringLiteral("_x.dll");
    QTest::newRow("colon name") << QStringLiteral("b:c.txt") << QStringLiteral("b:c.txt");
    QTest::newRow("NUL and controls")
        << QStringLiteral("a%1b\nc\x7f").arg(QChar(0)) << QStringLiteral("abc");
    QTest::newRow("empty") << QString() << QStringLiteral("_");
    QTest::newRow("only controls") << QStringLiteral("\x01\x02") << QStringLiteral("_");
    QTest::newRow("device") << QStringLiteral("CON") << QStringLiteral("_CON");
    QTest::newRow("device with extension")
        << QStringLiteral("nul.txt") << QStringLiteral("_nul.txt");
    QTest::newRow("not a device") << QStringLiteral("console.txt") << QStringLiteral("console.txt");
    QTest::newRow("hidden file ok") << QStringLiteral(".bashrc") << QStringLiteral(".bashrc");
}

void TestSafeFileName::neutralises()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(safeComponent(in), out);
}

void TestSafeFileName::truncatesLongNames()
{
    const QString name = QString(4096, QChar(0x6587)) + QStringLiteral(".tar.gz");
    const QString safe = safeComponent(name);
    QVERIFY(safe.toUtf8().size() <= MaxNameBytes);
    QVERIFY(safe.endsWith(QStringLiteral(".gz")));
    const QString emoji = safeComponent(
        QString(300, QChar(0xd83d)).replace(QString(QChar(0xd83d)), QStringLiteral("😀")));
    QVERIFY(emoji.toUtf8().size() <= MaxNameBytes);
    QVERIFY(!emoji.back().isHighSurrogate());
    QTemporaryDir dir;
    QFile f(QDir(dir.path()).filePath(safe));
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(f.errorString()));
}

void TestSafeFileName::freshPathAvoidsExistingFiles()
{
    QTemporaryDir dir;
    const QDir d(dir.path());
    QCOMPARE(freshPath(dir.path(), QStringLiteral("a.txt")), d.filePath(QStringLiteral("a.txt")));
    QFile(d.filePath(QStringLiteral("a.txt"))).open(QIODevice::WriteOnly);
    QCOMPARE(freshPath(dir.path(), QStringLiteral("a.txt")),
             d.filePath(QStringLiteral("a (1).txt")));
    QFile(d.filePath(QStringLiteral("a (1).txt.part"))).open(QIODevice::WriteOnly);
    QCOMPARE(freshPath(dir.path(), QStringLiteral("a.txt")),
             d.filePath(QStringLiteral("a (2).txt")));
}

void TestSafeFileName::staysInsideFollowsLinks()
{
    QTemporaryDir root, outside;
    const QDir r(root.path());
    QVERIFY(r.mkdir(QStringLiteral("sub")));
    QVERIFY(QFile::link(outside.path(), r.filePath(QStringLiteral("escape"))));
    QVERIFY(staysInside(root.path(), r.filePath(QStringLiteral("sub/new/file.txt"))));
    QVERIFY(staysInside(root.path(), r.filePath(QStringLiteral("x"))));
    QVERIFY(!staysInside(root.path(), r.filePath(QStringLiteral("escape/file.txt"))));
    QVERIFY(!staysInside(root.path(), r.filePath(QStringLiteral("../file.txt"))));
    QVERIFY(!staysInside(root.path(), outside.path()));
}

QTEST_GUILESS_MAIN(TestSafeFileName)
#include "tst_safefilename.moc"
