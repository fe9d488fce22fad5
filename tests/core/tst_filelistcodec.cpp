// File offer lists and fetch requests, as iptux and IP Messenger write them.
#include "ipmsg/filelistcodec.h"

#include <QTest>

using namespace lanpigeon::ipmsg;

class TestFileListCodec final : public QObject
{
    Q_OBJECT

private slots:
    void parsesEverySeparator_data();
    void parsesEverySeparator();
    void parsesIptuxFolderOfferAndExtensions();
    void escapesColons();
    void skipsBrokenEntries();
    void roundTrips();
    void parsesRequests_data();
    void parsesRequests();
    void buildsRequests();
};

void TestFileListCodec::parsesEverySeparator_data()
{
    QTest::addColumn<QByteArray>("list");
    const QByteArray a = "0:a.txt:1f4:5f5e1000:1:";
    const QByteArray b = "1:b b.bin:0:5f5e1001:1:";
    QTest::newRow("\\a (iptux files)") << a + "\a" + b + "\a";
    QTest::newRow(":\\a") << a.chopped(1) + ":\a" + b.chopped(1) + ":\a";
    QTest::newRow("\\a: (iptux folders)") << a + "\a:" + b + "\a:";
    QTest::newRow(":\\a:") << a + "\a:" + b + "\a";
    QTest::newRow("no trailing colon") << a.chopped(1) + "\a" + b.chopped(1);
}

void TestFileListCodec::parsesEverySeparator()
{
    QFETCH(QByteArray, list);
    const auto files = parseFileList(list);
    QVERIFY(files);
    QCOMPARE(files->size(), 2);
    QCOMPARE(files->at(0).id, 0u);
    QCOMPARE(files->at(0).name, QByteArray("a.txt"));
    QCOMPARE(files->at(0).size, 500u);
    QCOMPARE(files->at(0).mtime, 0x5f5e1000);
    QCOMPARE(files->at(0).type(), FileAttr::Regular);
    QCOMPARE(files->at(1).name, QByteArray("b b.bin"));
    QCOMPARE(files->at(1).size, 0u);
}

void TestFileListCodec::parsesIptuxFolderOfferAndExtensions()
{
    // iptux: "%u:%s:%llx:%x:%x:\a"; IP Messenger adds key=value extensions.
    const auto files =
        parseFileList(QByteArrayLiteral("3:\xe6\x96\x87\xe4\xbb\xb6\xe5\xa4\xb9:2a000:0:2:\a:4:big."
                                        "iso:1f4000000:65000000:1:14=65000001:16=65000002:\a"));
    QVERIFY(files);
    QCOMPARE(files->size(), 2);
    QCOMPARE(files->at(0).type(), FileAttr::Dir);
    QCOMPARE(QString::fromUtf8(files->at(0).name), QStringLiteral("文件夹"));
    QCOMPARE(files->at(1).size, 0x1f4000000ull);
    QCOMPARE(files->at(1).ext.value(FileAttr::MTimeKey), 0x65000001ull);
    QCOMPARE(files->at(1).ext.value(FileAttr::CreateTimeKey), 0x65000002ull);
}

void TestFileListCodec::escapesColons()
{
    const auto files = parseFileList(QByteArrayLiteral("7:a::b::::c.txt:a:0:1:\a"));
    QVERIFY(files);
    QCOMPARE(files->first().name, QByteArray("a:b::c.txt"));
    OfferedFile f;
    f.id = 9;
    f.name = "x:y\a";
    QCOMPARE(buildFileList({f}), QByteArray("9:x::y:0:0:1:\a"));
}

void TestFileListCodec::skipsBrokenEntries()
{
    const auto files = parseFileList(
        QByteArrayLiteral("x:bad:1:1:1:\a1:ok:10:0:1:\a2::1:0:1:\a3:nohex:zz:0:1:\a4:short\a"));
    QVERIFY(files);
    QCOMPARE(files->size(), 1);
    QCOMPARE(files->first().name, QByteArray("ok"));
    QVERIFY(!parseFileList(QByteArray()));
    QVERIFY(!parseFileList(QByteArrayLiteral("\a\a:\a")));
    QVERIFY(!parseFileList(QByteArray(5000, ':')));
    // A fileID listed twice is one file: the first entry wins.
    const auto twice = parseFileList(QByteArrayLiteral("5:a:1:0:1:\a5:b:2:0:1:\a6:c:3:0:1:\a"));
    QVERIFY(twice);
    QCOMPARE(twice->size(), 2);
    QCOMPARE(twice->at(0).name, QByteArray("a"));
    QCOMPARE(twice->at(1).name, QByteArray("c"));
    // Found by fuzzing: an id with a NUL in it, and a name that is only a NUL.
    QVERIFY(!parseFileList(QByteArrayLiteral("1\0\0\x15:\0:0:0:1:\a")));
    QVERIFY(!parseFileList(QByteArrayLiteral("1:\0:0:0:1:\a")));
    // Found by fuzzing: an mtime above 2^63 must survive a round trip.
    const auto huge = parseFileList("1:dh:0:fffffffffffffff0:2:\a");
    QVERIFY(huge);
    QCOMPARE(parseFileList(buildFileList(*huge))->first().mtime, huge->first().mtime);
}

void TestFileListCodec::roundTrips()
{
    QList<OfferedFile> in;
    for (quint32 i = 0; i < 3; ++i) {
        OfferedFile f;
        f.id = i;
        f.name = QByteArray("file:") + QByteArray::number(i);
        f.size = 0xffffffffffull + i;
        f.mtime = 1700000000 + i;
        f.attr = i == 2 ? FileAttr::Dir : FileAttr::Regular;
        f.ext.insert(FileAttr::MTimeKey, quint64(f.mtime));
        in.append(f);
    }
    const auto out = parseFileList(buildFileList(in));
    QVERIFY(out);
    QCOMPARE(out->size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(out->at(i).id, in.at(i).id);
        QCOMPARE(out->at(i).name, in.at(i).name);
        QCOMPARE(out->at(i).size, in.at(i).size);
        QCOMPARE(out->at(i).mtime, in.at(i).mtime);
        QCOMPARE(out->at(i).attr, in.at(i).attr);
        QCOMPARE(out->at(i).ext, in.at(i).ext);
    }
}

void TestFileListCodec::parsesRequests_data()
{
    QTest::addColumn<QByteArray>("extra");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<quint64>("packetNo");
    QTest::addColumn<quint32>("fileId");
    QTest::addColumn<quint64>("offset");
    QTest::newRow("iptux GETFILEDATA")
        << QByteArrayLiteral("6b04a1f0:0:0\0") << true << quint64(0x6b04a1f0) << 0u << quint64(0);
    QTest::newRow("resume offset") << QByteArray("6b04a1f0:3:1f400000:") << true
                                   << quint64(0x6b04a1f0) << 3u << quint64(0x1f400000);
    QTest::newRow("iptux GETDIRFILES")
        << QByteArrayLiteral("6b04a1f0:1:0\0") << true << quint64(0x6b04a1f0) << 1u << quint64(0);
    QTest::newRow("no offset") << QByteArray("10:2:") << true << quint64(16) << 2u << quint64(0);
    QTest::newRow("garbage") << QByteArray("hello") << false << quint64(0) << 0u << quint64(0);
    QTest::newRow("bad offset") << QByteArray("10:2:zz") << false << quint64(0) << 0u << quint64(0);
    QTest::newRow("huge id") << QByteArray("10:100000000:0") << false << quint64(0) << 0u
                             << quint64(0);
}

void TestFileListCodec::parsesRequests()
{
    QFETCH(QByteArray, extra);
    QFETCH(bool, ok);
    QFETCH(quint64, packetNo);
    QFETCH(quint32, fileId);
    QFETCH(quint64, offset);
    const auto r = parseFileRequest(extra);
    QCOMPARE(bool(r), ok);
    if (!ok)
        return;
    QCOMPARE(r->packetNo, packetNo);
    QCOMPARE(r->fileId, fileId);
    QCOMPARE(r->offset, offset);
}

void TestFileListCodec::buildsRequests()
{
    QCOMPARE(buildFileRequest({0x6b04a1f0, 3, 0x100}, true), QByteArray("6b04a1f0:3:100:"));
    QCOMPARE(buildFileRequest({0x6b04a1f0, 3, 0}, false), QByteArray("6b04a1f0:3:"));
}

QTEST_GUILESS_MAIN(TestFileListCodec)
#include "tst_filelistcodec.moc"
