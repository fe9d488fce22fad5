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
    void buildsClipboardEntries();
    void parsesIpMsgClipboardEntries();
    void clipboardEntryTruncations_data();
    void clipboardEntryTruncations();
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

void TestFileListCodec::buildsClipboardEntries()
{
    // IP Messenger's layout: decimal fileID, hex size/mtime/attr, then the position 8=pos.
    const OfferedFile f = clipboardEntry(1073741830, 1073741824, 26, 0x3e8, 0x65a1b2c3, "png");
    QCOMPARE(buildFileList({f}),
             QByteArray("1073741830:ipmsgclip_s_1073741824_26.png:3e8:65a1b2c3:20:8=1a:\a"));
    const auto back = parseFileList(buildFileList({f}));
    QVERIFY(back);
    QCOMPARE(back->first().id, 1073741830u);
    QCOMPARE(clipboardPosition(back->first()), std::optional<int>(26));
    // A plain file has no position, even with an 8= extension.
    OfferedFile plain = f;
    plain.attr = FileAttr::Regular;
    QCOMPARE(clipboardPosition(plain), std::nullopt);
}

void TestFileListCodec::parsesIpMsgClipboardEntries()
{
    // A text with two pictures and a file, as IP Messenger 5 lists them (ids in decimal).
    const auto files = parseFileList("536870913:ipmsgclip_s_536870912_0.png:1c2d:6571a0b0:20:8=0:\a"
                                     "536870914:ipmsgclip_s_536870912_7.png:fe:6571a0b0:20:8=7:\a"
                                     "536870915:report.pdf:400:6571a0b0:1:14=6571a0b0:\a");
    QVERIFY(files);
    QCOMPARE(files->size(), 3);
    QCOMPARE(files->at(0).id, 536870913u);
    QCOMPARE(files->at(0).size, 0x1c2du);
    QCOMPARE(clipboardPosition(files->at(0)), std::optional<int>(0));
    QCOMPARE(clipboardPosition(files->at(1)), std::optional<int>(7));
    QCOMPARE(clipboardPosition(files->at(2)), std::nullopt);
    // A hostile position is clamped, not wrapped into a negative int.
    const auto huge = parseFileList("1:ipmsgclip_s_1_0.png:10:0:20:8=ffffffffffffffff:\a");
    QVERIFY(huge);
    QVERIFY(*clipboardPosition(huge->first()) > 0);
}

void TestFileListCodec::clipboardEntryTruncations_data()
{
    QTest::addColumn<int>("cut");
    const QByteArray entry = "536870914:ipmsgclip_s_536870912_26.png:fe:6571a0b0:20:8=1a:\a";
    for (int cut = 0; cut <= entry.size(); ++cut)
        QTest::addRow("%d", cut) << cut;
}

void TestFileListCodec::clipboardEntryTruncations()
{
    QFETCH(int, cut);
    const QByteArray entry = "536870914:ipmsgclip_s_536870912_26.png:fe:6571a0b0:20:8=1a:\a";
    const QByteArray prefix = entry.left(cut);
    const auto files = parseFileList(prefix);
    const int attrEnd = int(entry.indexOf(":20:") + 3);
    if (cut < attrEnd) {
        // Cut before the attribute is whole: no entry, or (cut inside "20") not a clipboard one.
        QVERIFY(!files || clipboardPosition(files->first()) == std::nullopt);
        return;
    }
    QVERIFY(files);
    QCOMPARE(files->size(), 1);
    QCOMPARE(files->first().id, 536870914u);
    QCOMPARE(files->first().size, 0xfeu);
    QCOMPARE(files->first().type(), FileAttr::Clipboard);
    const std::optional<int> pos = clipboardPosition(files->first());
    const int posStart = int(entry.indexOf("8=") + 2);
    if (cut <= posStart)
        QCOMPARE(pos, std::nullopt);
    else if (cut == posStart + 1)
        // Hex digits cut short cannot be told from a shorter number: "1" of "1a".
        QCOMPARE(pos, std::optional<int>(1));
    else
        QCOMPARE(pos, std::optional<int>(26));
}

QTEST_GUILESS_MAIN(TestFileListCodec)
#include "tst_filelistcodec.moc"
