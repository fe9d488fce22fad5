// Room section codec: whole SENDMSG datagrams and sealed plaintexts as LanPigeon sends them, names
// that break naive encodings, every truncation, hostile fields, and what Windows still reads.
#include "crypto/cryptocodec.h"
#include "ipmsg/ipmsg.h"
#include "ipmsg/ipmsgcodec.h"
#include "ipmsg/roomcodec.h"

#include <QTest>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;

namespace {

const QByteArray IdHex = "0123456789abcdef0123456789abcdef";

// The section written for the room below, as it travels (name "周末 hiking: \a\0\nx").
const QByteArray WireSection = "\nLR:1;0123456789abcdef0123456789abcdef;7;t;"
                               "5ZGo5pyrIGhpa2luZzogBwAKeA==;"
                               "YWxpY2U=,cGMtMDE=,127.0.0.1,2425;"
                               "546L,5bel5L2c56uZ,,";

RoomSection sampleRoom()
{
    RoomSection r;
    r.id = *RoomId::fromHex(IdHex);
    r.name = QString::fromUtf8("周末 hiking: \a", -1) + QChar(0) + QStringLiteral("\nx");
    r.version = 7;
    r.kind = RoomPacketKind::Message;
    r.members = {
        {QStringLiteral("alice"), QStringLiteral("pc-01"), QHostAddress("127.0.0.1"), 2425},
        {QString::fromUtf8("王"), QString::fromUtf8("工作站"), QHostAddress(), 0}};
    return r;
}

RoomSection roomWithMembers(int n)
{
    RoomSection r = sampleRoom();
    r.name = QString::fromUtf8("项目组 Project team");
    r.members.clear();
    for (int i = 0; i < n; ++i) {
        r.members.append({QStringLiteral("user%1").arg(i), QStringLiteral("workstation-%1").arg(i),
                          QHostAddress(QStringLiteral("192.168.100.%1").arg(100 + i)), 2425});
    }
    return r;
}

void compareRooms(const RoomSection &got, const RoomSection &want)
{
    QCOMPARE(got.id, want.id);
    QCOMPARE(got.name, want.name);
    QCOMPARE(got.version, want.version);
    QCOMPARE(got.kind, want.kind);
    QCOMPARE(got.members.size(), want.members.size());
    for (int i = 0; i < want.members.size(); ++i)
        QVERIFY2(got.members[i] == want.members[i], qPrintable(QString::number(i)));
}

// Replaces field index of the LR line (0 = format version) with value.
QByteArray withField(int index, const QByteArray &value)
{
    QList<QByteArray> fields = WireSection.mid(4).split(';');
    fields[index] = value;
    return "\nLR:" + fields.join(';');
}

} // namespace

class TestRoomCodec final : public QObject
{
    Q_OBJECT

private slots:
    void encodesTheDocumentedLine();
    void roundTrips_data();
    void roundTrips();
    void readsRealPlainDatagram();
    void ordinaryMessagesHaveNoRoom();
    void sealedPlaintextStillReadsForWindows_data();
    void sealedPlaintextStillReadsForWindows();
    void refusesHostile_data();
    void refusesHostile();
    void survivesEveryTruncation();
    void capsMembersAndFields();
    void twentyMembersFitWithText();
    void roomIds();
};

void TestRoomCodec::encodesTheDocumentedLine()
{
    QCOMPARE(encodeRoomSection(sampleRoom()), WireSection);
    const auto parsed = parseRoomSection(WireSection);
    QVERIFY(parsed);
    compareRooms(*parsed, sampleRoom());
}

void TestRoomCodec::roundTrips_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("kind");

    QTest::newRow("ascii") << "Lunch"
                           << "bob"
                           << "bob-pc"
                           << "10.0.0.2" << 0;
    QTest::newRow("colons and bell") << "a:b\a:c:"
                                     << "u"
                                     << "h"
                                     << "10.0.0.2" << 0;
    QTest::newRow("NUL and newlines")
        << (QStringLiteral("x") + QChar(0) + QStringLiteral("\n\r\nLR:1;") + QChar(0)) << "u"
        << "h"
        << "" << 1;
    QTest::newRow("separators") << ";,;,\\"
                                << "a;b,c@d"
                                << "h;o,s\at"
                                << "10.0.0.2" << 1;
    QTest::newRow("chinese") << QString::fromUtf8("周末爬山群（老同学）")
                             << QString::fromUtf8("张三") << QString::fromUtf8("张三的电脑")
                             << "192.168.1.7" << 0;
    QTest::newRow("emoji") << QString::fromUtf8("🐦 pigeons") << "u"
                           << "h"
                           << "" << 0;
    QTest::newRow("ipv6") << "v6"
                          << "u"
                          << "h"
                          << "fe80::1%lo" << 0;
    QTest::newRow("ipv6 plain") << "v6"
                                << "u"
                                << "h"
                                << "2001:db8::42" << 1;
}

void TestRoomCodec::roundTrips()
{
    QFETCH(QString, name);
    QFETCH(QString, user);
    QFETCH(QString, host);
    QFETCH(QString, address);
    QFETCH(int, kind);

    RoomSection r;
    r.id = RoomId::generate();
    r.name = name;
    r.version = 18446744073709551615ull;
    r.kind = kind ? RoomPacketKind::Membership : RoomPacketKind::Message;
    RoomMember m{user, host, QHostAddress(), 0};
    if (!address.isEmpty()) {
        QVERIFY(m.address.setAddress(address));
        m.port = 65535;
    }
    r.members = {m, {QStringLiteral("other"), QStringLiteral("box"), QHostAddress("10.1.2.3"), 1}};

    const QByteArray wire = encodeRoomSection(r);
    // Nothing that would end the section or the line early.
    QVERIFY(!wire.contains('\0'));
    QCOMPARE(wire.count('\n'), 1);
    const auto back = parseRoomSection(wire);
    QVERIFY(back);
    compareRooms(*back, r);
}

void TestRoomCodec::readsRealPlainDatagram()
{
    // A room message as a LanPigeon sends it to another LanPigeon, without encryption.
    const QByteArray datagram = QByteArrayLiteral("1_LanPigeon 0.1.0:1764576000:alice:pc-01:"
                                                  "10486048:see you at 8\0\0") +
                                WireSection + '\0';
    const ParsedPacket parsed = parsePacket(datagram);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.packet.mode(), Mode::SendMsg);
    // What any IPMsg client shows: the body, up to its NUL.
    QCOMPARE(parsed.packet.field(0), QByteArray("see you at 8"));
    QCOMPARE(parsed.packet.field(1), QByteArray());
    const auto room = roomOfPlainExtra(parsed.packet.extra);
    QVERIFY(room);
    compareRooms(*room, sampleRoom());

    // Built by the function the sender uses, with a file list in between.
    const QByteArray extra = plainExtraWithRoom("hi", "1:a.txt:5:0:1:\a", sampleRoom());
    QCOMPARE(extra, QByteArrayLiteral("hi\0"
                                      "1:a.txt:5:0:1:\a\0") +
                        WireSection + '\0');
    const auto again = roomOfPlainExtra(extra);
    QVERIFY(again);
    compareRooms(*again, sampleRoom());
}

void TestRoomCodec::ordinaryMessagesHaveNoRoom()
{
    // A plain message, a file offer, an iptux message with its trailing fields, Windows'
    // entry-style third section: none is a room.
    for (const QByteArray &extra : {QByteArrayLiteral("hello\0"),
                                    QByteArrayLiteral("hello\0"
                                                      "1:a:1:0:1:\a\0"),
                                    QByteArrayLiteral("hi\0\0icon-tux.png\0utf-8\0"),
                                    QByteArrayLiteral("hi\0\0\nUN:alice\nHN:pc\0"), QByteArray(),
                                    QByteArrayLiteral("\0\0\0")})
        QVERIFY(!roomOfPlainExtra(extra));
    QVERIFY(!roomOfExtPlaintext(QByteArrayLiteral("body\0\0TO:a:b\0")));
}

void TestRoomCodec::sealedPlaintextStillReadsForWindows_data()
{
    QTest::addColumn<QByteArray>("fileList");
    QTest::addColumn<int>("recipients");

    QTest::newRow("text only") << QByteArray() << 0;
    QTest::newRow("files") << QByteArray("1:a.txt:5:0:1:\a") << 0;
    QTest::newRow("TO list") << QByteArray() << 3;
    QTest::newRow("files and TO list") << QByteArray("1:a.txt:5:0:1:\a") << 2;
}

void TestRoomCodec::sealedPlaintextStillReadsForWindows()
{
    QFETCH(QByteArray, fileList);
    QFETCH(int, recipients);

    crypto::ExtPlaintext ext;
    ext.body = QString::fromUtf8("明天见 see you").toUtf8();
    ext.fileList = fileList;
    for (int i = 0; i < recipients; ++i)
        ext.to.append({"user" + QByteArray::number(i), "host" + QByteArray::number(i)});

    const QByteArray plain = extPlaintextWithRoom(crypto::encodeExtPlaintext(ext), sampleRoom());
    QVERIFY(plain.endsWith('\0'));
    // Windows reads body, file list and TO list in that order and stops (§1.6); the codec that
    // reads them as Windows does still sees exactly what was sealed.
    const auto windows = crypto::parseExtPlaintext(plain);
    QVERIFY(windows);
    QCOMPARE(windows->body, ext.body);
    QCOMPARE(windows->fileList, ext.fileList);
    QCOMPARE(windows->to, ext.to);
    // The room is the fourth section.
    const auto room = roomOfExtPlaintext(plain);
    QVERIFY(room);
    compareRooms(*room, sampleRoom());
}

void TestRoomCodec::refusesHostile_data()
{
    QTest::addColumn<QByteArray>("section");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("no tag") << QByteArray("\nUN:alice\nHN:pc");
    QTest::newRow("tag only") << QByteArray("\nLR:");
    QTest::newRow("format 2") << withField(0, "2");
    QTest::newRow("format empty") << withField(0, "");
    QTest::newRow("id short") << withField(1, IdHex.left(31));
    QTest::newRow("id long") << withField(1, IdHex + "0");
    QTest::newRow("id not hex") << withField(1, "0123456789abcdef0123456789abcdeg");
    QTest::newRow("id zero") << withField(1, QByteArray(32, '0'));
    QTest::newRow("version empty") << withField(2, "");
    QTest::newRow("version negative") << withField(2, "-1");
    QTest::newRow("version plus") << withField(2, "+1");
    QTest::newRow("version overflow") << withField(2, "18446744073709551616");
    QTest::newRow("version hex") << withField(2, "0x10");
    QTest::newRow("kind unknown") << withField(3, "x");
    QTest::newRow("kind long") << withField(3, "tt");
    QTest::newRow("name empty") << withField(4, "");
    QTest::newRow("name not base64") << withField(4, "a*b=");
    QTest::newRow("name bad utf8") << withField(4, QByteArray("\xff\xfe").toBase64());
    QTest::newRow("name too long") << withField(4, QByteArray(257, 'n').toBase64());
    QTest::newRow("no members") << WireSection.left(WireSection.indexOf(";YWxp"));
    QTest::newRow("member 3 fields") << withField(5, "YWxpY2U=,cGMtMDE=,127.0.0.1");
    QTest::newRow("member 5 fields") << withField(5, "YWxpY2U=,cGMtMDE=,127.0.0.1,1,1");
    QTest::newRow("member empty user") << withField(5, ",cGMtMDE=,127.0.0.1,2425");
    QTest::newRow("member colon in user") << withField(5, QByteArray("a:b").toBase64() + ",aA==,,");
    QTest::newRow("member NUL in host")
        << withField(5, "YQ==," + QByteArray("a\0b", 3).toBase64() + ",,");
    QTest::newRow("member user too long")
        << withField(5, QByteArray(129, 'u').toBase64() + ",aA==,,");
    QTest::newRow("member address no port") << withField(5, "YQ==,aA==,127.0.0.1,");
    QTest::newRow("member port no address") << withField(5, "YQ==,aA==,,2425");
    QTest::newRow("member port zero") << withField(5, "YQ==,aA==,127.0.0.1,0");
    QTest::newRow("member port 65536") << withField(5, "YQ==,aA==,127.0.0.1,65536");
    QTest::newRow("member port sign") << withField(5, "YQ==,aA==,127.0.0.1,-5");
    QTest::newRow("member address garbage") << withField(5, "YQ==,aA==,999.1.1.1,2425");
    QTest::newRow("member hostname") << withField(5, "YQ==,aA==,evil.example,2425");
    QTest::newRow("empty member") << WireSection + ';';

    QByteArray many = "\nLR:1;" + IdHex + ";1;t;bg==";
    for (int i = 0; i <= RoomLimits::MaxMembers; ++i)
        many += ";" + QByteArray::number(i).toBase64() + ",aA==,,";
    QTest::newRow("201 members") << many;
    QTest::newRow("oversized") << WireSection + QByteArray(RoomLimits::MaxSectionBytes, 'x');
}

void TestRoomCodec::refusesHostile()
{
    QFETCH(QByteArray, section);
    QVERIFY(!parseRoomSection(section));
    // The same bytes in a datagram's third section or a sealed plaintext's fourth.
    QVERIFY(!roomOfPlainExtra(QByteArray("x\0\0", 3) + section + '\0'));
    QVERIFY(!roomOfExtPlaintext(QByteArray("x\0\0\0", 4) + section + '\0'));
}

void TestRoomCodec::survivesEveryTruncation()
{
    const QByteArray datagram =
        QByteArrayLiteral("1_LanPigeon 0.1.0:1764576000:alice:pc-01:32:hi\0\0") + WireSection +
        '\0';
    // The first cut that leaves a whole member: its port's first digit.
    const qsizetype firstMember = datagram.indexOf(",2425;") + 2;
    for (qsizetype n = 0; n < datagram.size(); ++n) {
        const ParsedPacket p = parsePacket(datagram.left(n));
        if (!p.ok())
            continue;
        const auto room = roomOfPlainExtra(p.packet.extra);
        // Cut before a member is whole, nothing is a room; after, at most a room with the same
        // id and fewer or cut members (a datagram arrives whole or not at all).
        if (n < firstMember)
            QVERIFY2(!room, qPrintable(QString::number(n)));
        else if (room)
            QCOMPARE(room->id, sampleRoom().id);
        QVERIFY(!room || room->members.size() <= 2);
    }
    for (qsizetype n = 0; n < WireSection.size(); ++n)
        (void)parseRoomSection(WireSection.left(n));
}

void TestRoomCodec::capsMembersAndFields()
{
    RoomSection r = roomWithMembers(RoomLimits::MaxMembers + 50);
    r.name = QString(300, QChar(0x4e2d)); // 中, 3 bytes each
    r.members[0].user = QString(200, QLatin1Char('u'));
    r.members[1].user.clear();
    const QByteArray wire = encodeRoomSection(r);
    QVERIFY(wire.size() <= RoomLimits::MaxSectionBytes);
    const auto back = parseRoomSection(wire);
    QVERIFY(back);
    // The name cut on a character boundary, the nameless member left out, 200 kept.
    QCOMPARE(back->name, QString(RoomLimits::MaxNameBytes / 3, QChar(0x4e2d)));
    QCOMPARE(back->members.size(), RoomLimits::MaxMembers);
    QCOMPARE(back->members[0].user, QString(RoomLimits::MaxUserBytes, QLatin1Char('u')));
    QCOMPARE(back->members[1].user, QStringLiteral("user2"));

    // A person listed twice is kept once, with the first address.
    const auto dup = parseRoomSection(WireSection + ";YWxpY2U=,cGMtMDE=,10.9.9.9,1");
    QVERIFY(dup);
    QCOMPARE(dup->members.size(), 2);
    QCOMPARE(dup->members[0].address, QHostAddress("127.0.0.1"));
}

void TestRoomCodec::twentyMembersFitWithText()
{
    const RoomSection r = roomWithMembers(20);
    const QByteArray section = encodeRoomSection(r);
    qInfo("room section for 20 members: %d bytes", int(section.size()));
    QVERIFY(section.size() < 1500);
    // With 2,000 Chinese characters (6,000 bytes) it still fits in one datagram read whole by
    // a LanPigeon peer, and even in the 8 KiB iptux reads.
    Packet p;
    p.version = "1_LanPigeon 0.1.0";
    p.packetNo = 4294967295u;
    p.user = "someone-with-a-long-login";
    p.host = "a-rather-long-computer-name";
    p.command = Mode::SendMsg | Opt::SendCheck | Opt::Utf8 | Opt::Multicast;
    p.extra = plainExtraWithRoom(QString(2000, QChar(0x4e2d)).toUtf8(), {}, r);
    QVERIFY(encodePacket(p).size() <= maxDatagramFor(ClientKind::Iptux));
}

void TestRoomCodec::roomIds()
{
    const RoomId a = RoomId::generate();
    const RoomId b = RoomId::generate();
    QCOMPARE(a.hex().size(), 32);
    QVERIFY(a != b);
    QCOMPARE(RoomId::fromHex(a.hex()), std::optional<RoomId>(a));
    QCOMPARE(RoomId::fromHex(IdHex.toUpper())->hex(), IdHex);
    QVERIFY(RoomId().isNull());
    QVERIFY(!RoomId::fromString(QStringLiteral("peer@127.0.0.1:2425")));
}

QTEST_APPLESS_MAIN(TestRoomCodec)
#include "tst_roomcodec.moc"
