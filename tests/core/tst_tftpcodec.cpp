// TFTP packets, option negotiation and netascii, with requests as real clients send them.
#include "tftp/tftpcodec.h"

#include <QTest>

using namespace lanpigeon::tftp;

class TestTftpCodec final : public QObject
{
    Q_OBJECT

private slots:
    void parsesRealRequests_data();
    void parsesRealRequests();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void buildsAndParsesEveryKind();
    void negotiates_data();
    void negotiates();
    void tsizeProbeAndNetascii();
    void clientChecksOack();
    void netasciiBothWays();
    void netasciiSplitAnywhere();
};

void TestTftpCodec::parsesRealRequests_data()
{
    QTest::addColumn<QByteArray>("datagram");
    QTest::addColumn<QByteArray>("filename");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("options");
    // tftp-hpa 5.2: no options, netascii unless told "-m binary".
    QTest::newRow("tftp-hpa") << QByteArrayLiteral("\0\1boot.img\0netascii\0")
                              << QByteArray("boot.img") << int(Mode::Netascii) << 0;
    // curl always sends tsize, blksize and timeout.
    QTest::newRow("curl") << QByteArrayLiteral("\0\1fw/a.bin\0octet\0tsize\0"
                                               "0\0blksize\0"
                                               "65464\0timeout\0"
                                               "6\0")
                          << QByteArray("fw/a.bin") << int(Mode::Octet) << 3;
    QTest::newRow("atftp windowsize, upper case")
        << QByteArrayLiteral("\0\2up.bin\0OCTET\0WINDOWSIZE\0"
                             "16\0BLKSIZE\0"
                             "1468\0")
        << QByteArray("up.bin") << int(Mode::Octet) << 2;
    QTest::newRow("dangling option name ignored")
        << QByteArrayLiteral("\0\1x\0octet\0blksize\0") << QByteArray("x") << int(Mode::Octet) << 0;
}

void TestTftpCodec::parsesRealRequests()
{
    QFETCH(QByteArray, datagram);
    QFETCH(QByteArray, filename);
    QFETCH(int, mode);
    QFETCH(int, options);
    const ParsedPacket p = parse(datagram);
    QVERIFY2(p.ok(), qPrintable(p.error));
    QCOMPARE(p.packet.filename, filename);
    QCOMPARE(int(p.packet.mode), mode);
    QCOMPARE(p.packet.options.size(), options);
    for (const auto &o : p.packet.options)
        QCOMPARE(o.first, o.first.toLower());
}

void TestTftpCodec::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("datagram");
    QTest::addColumn<QString>("error");
    QTest::newRow("short") << QByteArrayLiteral("\0\4\0") << QStringLiteral("shorter than 4");
    QTest::newRow("unknown opcode")
        << QByteArrayLiteral("\0\x09\0\0") << QStringLiteral("unknown opcode 9");
    QTest::newRow("unterminated filename")
        << QByteArrayLiteral("\0\1abc") << QStringLiteral("terminated");
    QTest::newRow("no mode") << QByteArrayLiteral("\0\1abc\0") << QStringLiteral("terminated");
    QTest::newRow("empty filename")
        << QByteArrayLiteral("\0\1\0octet\0") << QStringLiteral("empty filename");
    QTest::newRow("mail mode") << QByteArrayLiteral("\0\1a\0mail\0")
                               << QStringLiteral("unsupported mode");
    QTest::newRow("OACK unpaired")
        << QByteArrayLiteral("\0\6blksize\0") << QStringLiteral("unpaired");
}

void TestTftpCodec::rejectsMalformed()
{
    QFETCH(QByteArray, datagram);
    QFETCH(QString, error);
    const ParsedPacket p = parse(datagram);
    QVERIFY(!p.ok());
    QVERIFY2(p.error.contains(error), qPrintable(p.error));
}

void TestTftpCodec::buildsAndParsesEveryKind()
{
    QCOMPARE(buildAck(0x1234), QByteArrayLiteral("\0\4\x12\x34"));
    QCOMPARE(buildData(65535, "xy"), QByteArrayLiteral("\0\3\xff\xffxy"));
    QCOMPARE(buildError(ErrorCode::FileExists, QByteArrayLiteral("exists\0!")),
             QByteArrayLiteral("\0\5\0\6exists!\0"));
    QCOMPARE(buildOack({{"blksize", "1468"}}), QByteArrayLiteral("\0\6blksize\0"
                                                                 "1468\0"));

    const ParsedPacket d = parse(buildData(7, QByteArray(512, 'z')));
    QCOMPARE(d.packet.opcode, Opcode::Data);
    QCOMPARE(d.packet.block, 7);
    QCOMPARE(d.packet.data.size(), 512);
    const ParsedPacket e = parse(buildError(ErrorCode::DiskFull, "Disk full"));
    QCOMPARE(e.packet.error, ErrorCode::DiskFull);
    QCOMPARE(e.packet.message, QByteArray("Disk full"));
    const ParsedPacket r =
        parse(buildRequest(Opcode::Wrq, "a b", Mode::Netascii, {{"tsize", "12"}}));
    QCOMPARE(r.packet.opcode, Opcode::Wrq);
    QCOMPARE(r.packet.mode, Mode::Netascii);
    QCOMPARE(r.packet.options.first().second, QByteArray("12"));
    // An ERROR whose text lacks its NUL still parses.
    QCOMPARE(parse(QByteArrayLiteral("\0\5\0\1nope")).packet.message, QByteArray("nope"));
}

void TestTftpCodec::negotiates_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("answer");
    QTest::newRow("blksize ok") << QByteArray("blksize") << QByteArray("1468")
                                << QByteArray("1468");
    QTest::newRow("blksize too small: left out")
        << QByteArray("blksize") << QByteArray("2") << QByteArray();
    QTest::newRow("blksize clamped down")
        << QByteArray("blksize") << QByteArray("99999") << QByteArray("65464");
    QTest::newRow("windowsize 0: left out")
        << QByteArray("windowsize") << QByteArray("0") << QByteArray();
    QTest::newRow("windowsize max")
        << QByteArray("windowsize") << QByteArray("70000") << QByteArray("65535");
    QTest::newRow("timeout echoed") << QByteArray("timeout") << QByteArray("6") << QByteArray("6");
    QTest::newRow("timeout out of range: left out")
        << QByteArray("timeout") << QByteArray("900") << QByteArray();
    QTest::newRow("not a number: left out")
        << QByteArray("blksize") << QByteArray("big") << QByteArray();
    QTest::newRow("unknown: left out")
        << QByteArray("multicast") << QByteArray("1") << QByteArray();
}

void TestTftpCodec::negotiates()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, answer);
    Packet rrq;
    rrq.opcode = Opcode::Rrq;
    rrq.options = {{name, value}};
    const Negotiated n = negotiate(rrq, 1000);
    if (answer.isEmpty()) {
        QVERIFY(n.accepted.isEmpty());
        QCOMPARE(n.options.blockSize, DefaultBlockSize);
        return;
    }
    QCOMPARE(n.accepted.size(), 1);
    QCOMPARE(n.accepted.first().first, name);
    QCOMPARE(n.accepted.first().second, answer);
}

void TestTftpCodec::tsizeProbeAndNetascii()
{
    Packet rrq;
    rrq.opcode = Opcode::Rrq;
    rrq.options = {{"tsize", "0"}, {"blksize", "1468"}};
    Negotiated n = negotiate(rrq, 5000000000ull);
    // 64-bit sizes, unlike atftpd's int.
    QCOMPARE(n.accepted.first(), qMakePair(QByteArray("tsize"), QByteArray("5000000000")));
    QCOMPARE(*n.options.transferSize, 5000000000ull);
    rrq.mode = Mode::Netascii;
    n = negotiate(rrq, 10);
    QCOMPARE(n.accepted.size(), 1);
    QCOMPARE(n.accepted.first().first, QByteArray("blksize"));
    QVERIFY(!n.options.transferSize);
    Packet wrq;
    wrq.opcode = Opcode::Wrq;
    wrq.options = {{"tsize", "0"}};
    n = negotiate(wrq, std::nullopt);
    QCOMPARE(*n.options.transferSize, 0u);
    // Found by fuzzing: a repeated option is answered once, with its first value.
    rrq.options = {{"windowsize", "16"}, {"windowsize", "44"}};
    n = negotiate(rrq, 1);
    QCOMPARE(n.accepted, (OptionList{{"windowsize", "16"}}));
    // Limits narrow what we grant.
    rrq.mode = Mode::Octet;
    rrq.options = {{"windowsize", "64"}};
    QCOMPARE(negotiate(rrq, 1, {MaxBlockSize, 16}).options.windowSize, 16);
}

void TestTftpCodec::clientChecksOack()
{
    const OptionList asked{{"blksize", "1468"}, {"windowsize", "16"}, {"tsize", "0"}};
    QString error;
    const auto t = applyOack(asked, {{"blksize", "1024"}, {"tsize", "777"}}, &error);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->blockSize, 1024);
    QCOMPARE(t->windowSize, 1);
    QCOMPARE(*t->transferSize, 777u);
    QVERIFY(!applyOack(asked, {{"blksize", "9000"}}, &error));
    QVERIFY(error.contains(QStringLiteral("9000")));
    QVERIFY(!applyOack(asked, {{"timeout", "5"}}, &error));
    QVERIFY(error.contains(QStringLiteral("did not ask")));
    QVERIFY(!applyOack(asked, {{"windowsize", "32"}}, &error));
}

void TestTftpCodec::netasciiBothWays()
{
    const QByteArray local("line1\nline2\r\nbare\rend\n");
    const QByteArray wire = toNetascii(local);
    QCOMPARE(wire, QByteArrayLiteral("line1\r\nline2\r\0\r\nbare\r\0end\r\n"));
    NetasciiDecoder d;
    QByteArray out = d.decode(wire);
    out += d.finish();
    QCOMPARE(out, local);
}

void TestTftpCodec::netasciiSplitAnywhere()
{
    const QByteArray local("a\r\nb\rc\n\r\r\n\n");
    const QByteArray wire = toNetascii(local);
    for (int cut = 0; cut <= wire.size(); ++cut) {
        NetasciiDecoder d;
        // Sequenced: the operands of + have no evaluation order.
        QByteArray out = d.decode(wire.left(cut));
        out += d.decode(wire.mid(cut));
        out += d.finish();
        QCOMPARE(out, local);
    }
    // A CR alone at the very end of a transfer is kept.
    NetasciiDecoder d;
    QByteArray out = d.decode("x\r");
    out += d.finish();
    QCOMPARE(out, QByteArray("x\r"));
}

QTEST_GUILESS_MAIN(TestTftpCodec)
#include "tst_tftpcodec.moc"
