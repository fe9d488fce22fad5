// The GETDIRFILES stream parser: real iptux framing, split at every byte, hostile streams.
#include "ipmsg/dirstreamparser.h"
#include "ipmsg/filelistcodec.h"

#include <QTest>

using namespace lanpigeon::ipmsg;
using Kind = DirStreamParser::Kind;

namespace {

// Writes one header the way iptux does: "%04x:name:%09llx:attr:14=mtime:16=ctime:".
QByteArray header(const QByteArray &name, quint64 size, quint32 attr, qint64 mtime = 0x65000000)
{
    QByteArray body = ":" + escapeName(name) + ":" +
                      QByteArray::number(size, 16).rightJustified(9, '0') + ":" +
                      QByteArray::number(attr, 16) + ":14=" + QByteArray::number(mtime, 16) +
                      ":16=" + QByteArray::number(mtime, 16) + ":";
    return QByteArray::number(body.size() + 4, 16).rightJustified(4, '0') + body;
}

QByteArray sampleStream()
{
    return header("top", 0, FileAttr::Dir) + header("a.txt", 5, FileAttr::Regular) + "hello" +
           header("empty", 0, FileAttr::Regular) + header("sub", 0, FileAttr::Dir) +
           header("b:c.bin", 3, FileAttr::Regular, 0x1234) + QByteArray("\0\1\2", 3) +
           header(".", 0, FileAttr::RetParent) + header(".", 0, FileAttr::RetParent);
}

// Renders events as text so whole streams compare in one QCOMPARE.
QString run(DirStreamParser &p, const QByteArray &stream, const QList<qsizetype> &cuts)
{
    QString log;
    QByteArray fileData;
    auto sink = [&](const DirStreamParser::Event &e) {
        switch (e.kind) {
        case Kind::EnterDir:
            log += QStringLiteral("enter %1;").arg(QString::fromUtf8(e.name));
            break;
        case Kind::LeaveDir:
            log += QStringLiteral("leave;");
            break;
        case Kind::FileBegin:
            log += QStringLiteral("file %1 %2 %3;")
                       .arg(QString::fromUtf8(e.name))
                       .arg(e.size)
                       .arg(e.mtime, 0, 16);
            fileData.clear();
            break;
        case Kind::FileData:
            fileData.append(e.data, e.length);
            break;
        case Kind::FileEnd:
            log += QStringLiteral("end %1;").arg(QString::fromLatin1(fileData.toHex()));
            break;
        case Kind::Done:
            log += QStringLiteral("done;");
            break;
        }
        return true;
    };
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        if (!p.feed(stream.constData() + from, cut - from, sink))
            return log + QStringLiteral("error: ") + p.error();
        from = cut;
    }
    if (!p.feed(stream.constData() + from, stream.size() - from, sink))
        return log + QStringLiteral("error: ") + p.error();
    return log;
}

const QString Expected = QStringLiteral(
    "enter top;file a.txt 5 65000000;end 68656c6c6f;file empty 0 65000000;end ;enter sub;"
    "file b:c.bin 3 1234;end 000102;leave;leave;done;");

} // namespace

class TestDirStreamParser final : public QObject
{
    Q_OBJECT

private slots:
    void parsesWholeStream();
    void parsesSplitAtEveryByte();
    void parsesOneByteAtATime();
    void refusesHostileStreams_data();
    void refusesHostileStreams();
    void refusesEndlessNesting();
    void sinkCanStop();
};

void TestDirStreamParser::parsesWholeStream()
{
    DirStreamParser p;
    QCOMPARE(run(p, sampleStream(), {}), Expected);
    QVERIFY(p.isDone());
    QCOMPARE(p.bytesConsumed(), quint64(sampleStream().size()));
}

void TestDirStreamParser::parsesSplitAtEveryByte()
{
    const QByteArray s = sampleStream();
    for (qsizetype cut = 0; cut <= s.size(); ++cut) {
        DirStreamParser p;
        QCOMPARE(run(p, s, {cut}), Expected);
        QVERIFY(p.isDone());
    }
}

void TestDirStreamParser::parsesOneByteAtATime()
{
    const QByteArray s = sampleStream();
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < s.size(); ++i)
        cuts.append(i);
    DirStreamParser p;
    QCOMPARE(run(p, s, cuts), Expected);
}

void TestDirStreamParser::refusesHostileStreams_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("error");
    QTest::newRow("starts with a file") << header("x", 1, FileAttr::Regular) + "x"
                                        << QStringLiteral("does not start with a folder");
    QTest::newRow("length not hex")
        << QByteArray("zzzz:top:0:2:") << QStringLiteral("bad header length");
    QTest::newRow("length too small")
        << QByteArray("0002:top:0:2:") << QStringLiteral("bad header length");
    QTest::newRow("length beyond limit")
        << QByteArray("ffff:") << QStringLiteral("bad header length");
    QTest::newRow("no colon ever") << QByteArray(100, '1') << QStringLiteral("not hex");
    QTest::newRow("size not hex")
        << header("top", 0, FileAttr::Dir).replace("000000000", "00000000g")
        << QStringLiteral("malformed size");
    QTest::newRow("too few fields")
        << QByteArray("0008:top:") << QStringLiteral("malformed entry header");
    QTest::newRow("after the end")
        << header("t", 0, FileAttr::Dir) + header(".", 0, FileAttr::RetParent) + "x"
        << QStringLiteral("after the end");
}

void TestDirStreamParser::refusesHostileStreams()
{
    QFETCH(QByteArray, stream);
    QFETCH(QString, error);
    DirStreamParser p;
    const QString log = run(p, stream, {});
    QVERIFY2(log.contains(QStringLiteral("error: ")) && p.error().contains(error), qPrintable(log));
}

void TestDirStreamParser::refusesEndlessNesting()
{
    QByteArray s;
    for (int i = 0; i < 10000; ++i)
        s += header("d", 0, FileAttr::Dir);
    DirStreamParser p;
    const QString log = run(p, s, {});
    QVERIFY(p.error().contains(QStringLiteral("deeper than 64")));
    QCOMPARE(p.depth(), DirStreamParser::MaxDepth);
    QCOMPARE(log.count(QStringLiteral("enter")), DirStreamParser::MaxDepth);
}

void TestDirStreamParser::sinkCanStop()
{
    DirStreamParser p;
    const QByteArray s = sampleStream();
    int calls = 0;
    QVERIFY(!p.feed(s.constData(), s.size(),
                    [&](const DirStreamParser::Event &) { return ++calls < 2; }));
    QCOMPARE(calls, 2);
    QVERIFY(p.hasError());
    // Once failed, it stays failed.
    QVERIFY(!p.feed("x", 1, [](const DirStreamParser::Event &) { return true; }));
}

QTEST_GUILESS_MAIN(TestDirStreamParser)
#include "tst_dirstreamparser.moc"
