// Packet codec against datagrams captured from real clients, and against garbage.
#include "ipmsg/ipmsgcodec.h"

#include <QTest>

using namespace lanpigeon::ipmsg;

class TestIpmsgCodec final : public QObject
{
    Q_OBJECT

private slots:
    void parsesRealPackets_data();
    void parsesRealPackets();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void encodeRoundTrips();
    void encodeKeepsHeaderIntact();
    void fieldsSplitOnNul();
    void entryExtraFromIptux();
    void entryExtraWithExtensionBlock();
    void entryExtraRoundTrips();
    void clientKinds_data();
    void clientKinds();
    void datagramLimits();
    void survivesEveryTruncation();
};

void TestIpmsgCodec::parsesRealPackets_data()
{
    QTest::addColumn<QByteArray>("datagram");
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<quint64>("packetNo");
    QTest::addColumn<QByteArray>("user");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<quint32>("mode");
    QTest::addColumn<quint32>("options");
    QTest::addColumn<QByteArray>("field0");

    // Captured from iptux 0.8.3 (Debian bookworm) on loopback.
    QTest::newRow("iptux ANSENTRY")
        << QByteArrayLiteral("1_iptux 0.8.3:2:root:vm:259:ipt\0grp\0icon-tux.png\0utf-8\0")
        << QByteArray("1_iptux 0.8.3") << quint64(2) << QByteArray("root") << QByteArray("vm")
        << Mode::AnsEntry << Opt::Absence << QByteArray("ipt");
    QTest::newRow("iptux SENDMSG")
        << QByteArrayLiteral("1_iptux 0.8.3:3:root:vm:288:hi \xe4\xbd\xa0\xe5\xa5\xbd\0")
        << QByteArray("1_iptux 0.8.3") << quint64(3) << QByteArray("root") << QByteArray("vm")
        << Mode::SendMsg << Opt::SendCheck << QByteArray("hi \xe4\xbd\xa0\xe5\xa5\xbd");
    QTest::newRow("iptux RECVMSG")
        << QByteArrayLiteral("1_iptux 0.8.3:3:root:vm:289:1795422523\0")
        << QByteArray("1_iptux 0.8.3") << quint64(3) << QByteArray("root") << QByteArray("vm")
        << Mode::RecvMsg << Opt::SendCheck << QByteArray("1795422523");
    // Synthetic, in FeiQ's documented form: MAC and features after '#', GBK names.
    QTest::newRow("FeiQ-style ANSENTRY")
        << QByteArrayLiteral("1_lbt6_0#128#000C29D1E2F3#0#0#0#4001#9:1700000000:Admin:PC-1:6291459:"
                             "\xd5\xc5\xc8\xfd\0\xd1\xd0\xb7\xa2\xb2\xbf\0")
        << QByteArray("1_lbt6_0#128#000C29D1E2F3#0#0#0#4001#9") << quint64(1700000000)
        << QByteArray("Admin") << QByteArray("PC-1") << Mode::AnsEntry << quint32(0x600000)
        << QByteArray("\xd5\xc5\xc8\xfd");
    QTest::newRow("IPMsg extension block")
        << QByteArrayLiteral(
               "1:1000:taro:pc:16777473:taro\0dev\0\nUN:taro\nHN:pc\nNN:Taro\nGN:dev\0")
        << QByteArray("1") << quint64(1000) << QByteArray("taro") << QByteArray("pc")
        << Mode::BrEntry << quint32(Opt::CapUtf8 | Opt::Absence) << QByteArray("taro");
    QTest::newRow("empty extra") << QByteArray("1:7:u:h:2:") << QByteArray("1") << quint64(7)
                                 << QByteArray("u") << QByteArray("h") << Mode::BrExit << quint32(0)
                                 << QByteArray();
    QTest::newRow("colons in extra")
        << QByteArrayLiteral("1:8:u:h:32:a:b:c\0") << QByteArray("1") << quint64(8)
        << QByteArray("u") << QByteArray("h") << Mode::SendMsg << quint32(0) << QByteArray("a:b:c");
    QTest::newRow("64-bit packet number")
        << QByteArray("1:18446744073709551615:u:h:32:x") << QByteArray("1")
        << quint64(18446744073709551615ull) << QByteArray("u") << QByteArray("h") << Mode::SendMsg
        << quint32(0) << QByteArray("x");
}

void TestIpmsgCodec::parsesRealPackets()
{
    QFETCH(QByteArray, datagram);
    QFETCH(QByteArray, version);
    QFETCH(quint64, packetNo);
    QFETCH(QByteArray, user);
    QFETCH(QByteArray, host);
    QFETCH(quint32, mode);
    QFETCH(quint32, options);
    QFETCH(QByteArray, field0);

    const ParsedPacket parsed = parsePacket(datagram);
    QVERIFY2(parsed.ok(), qPrintable(describe(parsed.error)));
    QCOMPARE(parsed.packet.version, version);
    QCOMPARE(parsed.packet.packetNo, packetNo);
    QCOMPARE(parsed.packet.user, user);
    QCOMPARE(parsed.packet.host, host);
    QCOMPARE(parsed.packet.mode(), mode);
    QCOMPARE(optionsOf(parsed.packet.command), options);
    QCOMPARE(parsed.packet.field(0), field0);
}

void TestIpmsgCodec::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("datagram");
    QTest::addColumn<int>("error");

    QTest::newRow("empty") << QByteArray() << int(ParseError::Empty);
    QTest::newRow("no colons") << QByteArray("hello world") << int(ParseError::MissingHeader);
    QTest::newRow("four fields") << QByteArray("1:2:u:h") << int(ParseError::MissingHeader);
    QTest::newRow("NUL inside header")
        << QByteArrayLiteral("1:2:u\0:h:32:x") << int(ParseError::MissingHeader);
    QTest::newRow("version 2") << QByteArray("2:1:u:h:32:x") << int(ParseError::BadVersion);
    QTest::newRow("version 10") << QByteArray("10:1:u:h:32:x") << int(ParseError::BadVersion);
    QTest::newRow("no version") << QByteArray(":1:u:h:32:x") << int(ParseError::BadVersion);
    QTest::newRow("text packet number")
        << QByteArray("1:abc:u:h:32:x") << int(ParseError::BadPacketNumber);
    QTest::newRow("negative packet number")
        << QByteArray("1:-5:u:h:32:x") << int(ParseError::BadPacketNumber);
    QTest::newRow("packet number overflow")
        << QByteArray("1:18446744073709551616:u:h:32:x") << int(ParseError::BadPacketNumber);
    QTest::newRow("empty command") << QByteArray("1:1:u:h::x") << int(ParseError::BadCommand);
    QTest::newRow("hex command") << QByteArray("1:1:u:h:0x20:x") << int(ParseError::BadCommand);
    QTest::newRow("command over 32 bits")
        << QByteArray("1:1:u:h:4294967296:x") << int(ParseError::BadCommand);
    QTest::newRow("too large") << (QByteArray("1:1:u:h:32:") + QByteArray(70000, 'a'))
                               << int(ParseError::TooLarge);
}

void TestIpmsgCodec::rejectsMalformed()
{
    QFETCH(QByteArray, datagram);
    QFETCH(int, error);
    const ParsedPacket parsed = parsePacket(datagram);
    QVERIFY(!parsed.ok());
    QCOMPARE(int(parsed.error), error);
    QVERIFY(!describe(parsed.error).isEmpty());
}

void TestIpmsgCodec::encodeRoundTrips()
{
    Packet p;
    p.version = "1_LanPigeon 0.1.0";
    p.packetNo = 1795422519;
    p.user = "alice";
    p.host = "desk";
    p.command = Mode::SendMsg | Opt::SendCheck | Opt::Utf8;
    p.extra = QByteArrayLiteral("hello: world\0");
    const QByteArray wire = encodePacket(p);
    QCOMPARE(wire,
             QByteArrayLiteral("1_LanPigeon 0.1.0:1795422519:alice:desk:8388896:hello: world\0"));
    const ParsedPacket back = parsePacket(wire);
    QVERIFY(back.ok());
    QCOMPARE(back.packet.version, p.version);
    QCOMPARE(back.packet.packetNo, p.packetNo);
    QCOMPARE(back.packet.user, p.user);
    QCOMPARE(back.packet.host, p.host);
    QCOMPARE(back.packet.command, p.command);
    QCOMPARE(back.packet.extra, p.extra);
}

void TestIpmsgCodec::encodeKeepsHeaderIntact()
{
    Packet p;
    p.version = "1";
    p.packetNo = 5;
    p.user = "evil:user";
    p.host = QByteArrayLiteral("ho\0st");
    p.command = Mode::BrEntry;
    const ParsedPacket back = parsePacket(encodePacket(p));
    QVERIFY(back.ok());
    QCOMPARE(back.packet.user, QByteArray("evil_user"));
    QCOMPARE(back.packet.host, QByteArray("host"));
    QCOMPARE(back.packet.mode(), Mode::BrEntry);
}

void TestIpmsgCodec::fieldsSplitOnNul()
{
    Packet p;
    p.extra = QByteArrayLiteral("a\0\0c");
    QCOMPARE(p.field(0), QByteArray("a"));
    QCOMPARE(p.field(1), QByteArray());
    QCOMPARE(p.field(2), QByteArray("c"));
    QCOMPARE(p.field(3), QByteArray());
    QCOMPARE(p.field(100), QByteArray());
}

void TestIpmsgCodec::entryExtraFromIptux()
{
    const ParsedPacket parsed = parsePacket(
        QByteArrayLiteral("1_iptux 0.8.3:2:root:vm:259:ipt\0grp\0icon-tux.png\0utf-8\0"));
    QVERIFY(parsed.ok());
    const EntryExtra e = parseEntryExtra(parsed.packet.extra);
    QCOMPARE(e.nick, QByteArray("ipt"));
    QCOMPARE(e.group, QByteArray("grp"));
    QCOMPARE(e.iptuxEncoding, QByteArray("utf-8"));
    QVERIFY(!e.hasExtension);
}

void TestIpmsgCodec::entryExtraWithExtensionBlock()
{
    const EntryExtra e = parseEntryExtra(QByteArrayLiteral(
        "\x83\x5e\x83\x8d\0dev\0\nUN:taro\nHN:pc\nNN:\xe5\xa4\xaa\xe9\x83\x8e\nGN:dev\0"));
    QVERIFY(e.hasExtension);
    QCOMPARE(e.user, QStringLiteral("taro"));
    QCOMPARE(e.host, QStringLiteral("pc"));
    QCOMPARE(e.extNick, QStringLiteral("太郎"));
    QCOMPARE(e.extGroup, QStringLiteral("dev"));
    QVERIFY(e.iptuxEncoding.isEmpty());
}

void TestIpmsgCodec::entryExtraRoundTrips()
{
    EntryExtra ext;
    ext.user = QStringLiteral("li");
    ext.host = QStringLiteral("box");
    ext.extNick = QStringLiteral("小李\nfake:line");
    ext.extGroup = QStringLiteral("研发部");
    ext.status = QStringLiteral("away");
    ext.awayMessage = QStringLiteral("lunch");
    const QByteArray wire = buildEntryExtra("li", "dev", ext);
    QVERIFY(wire.startsWith(QByteArrayLiteral("li\0dev\0\nUN:li\nHN:box\n")));
    QVERIFY(wire.endsWith('\0'));
    const EntryExtra back = parseEntryExtra(wire);
    QCOMPARE(back.nick, QByteArray("li"));
    QVERIFY(back.hasExtension);
    // A newline in a nick must not forge another key.
    QCOMPARE(back.extNick, QStringLiteral("小李fake:line"));
    QCOMPARE(back.extGroup, QStringLiteral("研发部"));
    QCOMPARE(back.status, QStringLiteral("away"));
    QCOMPARE(back.awayMessage, QStringLiteral("lunch"));

    ext.status = QStringLiteral("online");
    QVERIFY(!buildEntryExtra("li", "dev", ext).contains("\nST:"));
}

void TestIpmsgCodec::clientKinds_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<int>("kind");
    QTest::newRow("iptux") << QByteArray("1_iptux 0.8.3") << int(ClientKind::Iptux);
    QTest::newRow("FeiQ") << QByteArray("1_lbt6_0#128#MAC#0#0#0#4001#9") << int(ClientKind::FeiQ);
    QTest::newRow("LanPigeon") << QByteArray("1_LanPigeon 0.1.0") << int(ClientKind::LanPigeon);
    QTest::newRow("IPMsg plain") << QByteArray("1") << int(ClientKind::IpMsg);
    QTest::newRow("IPMsg win") << QByteArray("1_ipmsg5") << int(ClientKind::IpMsg);
    QTest::newRow("other") << QByteArray("1.0") << int(ClientKind::Unknown);
}

void TestIpmsgCodec::clientKinds()
{
    QFETCH(QByteArray, version);
    QFETCH(int, kind);
    QCOMPARE(int(clientKindFromVersion(version)), kind);
}

void TestIpmsgCodec::datagramLimits()
{
    QCOMPARE(maxDatagramFor(ClientKind::Iptux), 8192);
    QCOMPARE(maxDatagramFor(ClientKind::LanPigeon), MaxDatagram);
    QVERIFY(maxDatagramFor(ClientKind::Unknown) <= maxDatagramFor(ClientKind::IpMsg));
}

void TestIpmsgCodec::survivesEveryTruncation()
{
    const QByteArray real("1_iptux 0.8.3:2:root:vm:259:ipt\0grp\0icon-tux.png\0utf-8\0", 55);
    int ok = 0;
    for (int n = 0; n <= real.size(); ++n) {
        const ParsedPacket parsed = parsePacket(real.left(n));
        if (parsed.ok()) {
            ++ok;
            parseEntryExtra(parsed.packet.extra);
        }
    }
    // Valid from "...:259:" onwards: every prefix that still has all five colons.
    QCOMPARE(ok, real.size() - int(qstrlen("1_iptux 0.8.3:2:root:vm:259:")) + 1);
}

QTEST_GUILESS_MAIN(TestIpmsgCodec)
#include "tst_ipmsgcodec.moc"
