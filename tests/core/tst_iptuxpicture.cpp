// iptux's chat picture push header: what iptux 0.8.3 writes, what it must never take for one,
// and every truncation of a push.
#include "ipmsg/iptuxpicture.h"

#include <QTest>

using namespace lanpigeon::ipmsg;

class TestIptuxPicture final : public QObject
{
    Q_OBJECT

private slots:
    void buildsWhatIptuxWrites();
    void parsesPushes_data();
    void parsesPushes();
    void everyTruncation();
    void roundTrips();
};

namespace {

// As iptux 0.8.3's Command::SendSublayer writes it (CreateCommand with no attachment).
const QByteArray IptuxHeader = QByteArrayLiteral("1_iptux 0.8.3:17:alice:pc-7:765:");
// The start of a PNG, with a ':' and a NUL of its own that must stay picture bytes.
const QByteArray Picture = QByteArrayLiteral("\x89PNG\r\n\x1a\n\0\0\0\rIHDR:\0:x");

} // namespace

void TestIptuxPicture::buildsWhatIptuxWrites()
{
    Packet header;
    header.version = "1_iptux 0.8.3";
    header.packetNo = 17;
    header.user = "alice";
    header.host = "pc-7";
    header.command = 0x20;        // ignored: a push is always 765
    header.extra = "not sent\0x"; // ignored: the picture follows the NUL
    QCOMPARE(buildIptuxPictureHeader(header), IptuxHeader + '\0');
    // A ':' in a name would shift iptux's five-colon count.
    header.user = "a:b";
    header.host = QByteArray("h\0st", 4);
    QCOMPARE(buildIptuxPictureHeader(header),
             QByteArrayLiteral("1_iptux 0.8.3:17:a_b:hst:765:") + '\0');
    QCOMPARE(Iptux::PictureCommand, 765u);
}

void TestIptuxPicture::parsesPushes_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<PictureHeaderStatus>("status");
    QTest::addColumn<int>("payloadOffset");

    const int afterNul = int(IptuxHeader.size()) + 1;
    QTest::newRow("iptux push") << IptuxHeader + '\0' + Picture << PictureHeaderStatus::Complete
                                << afterNul;
    QTest::newRow("empty picture")
        << IptuxHeader + '\0' << PictureHeaderStatus::Complete << afterNul;
    QTest::newRow("LanPigeon push")
        << QByteArrayLiteral("1_LanPigeon 0.1.0:9:me:box:765:") + '\0' + Picture
        << PictureHeaderStatus::Complete << 32;
    // Whatever stands between the fifth ':' and the NUL is skipped, as iptux does.
    QTest::newRow("bytes before the NUL")
        << QByteArrayLiteral("1_iptux 0.8.3:17:alice:pc-7:765:junk") + '\0' + Picture
        << PictureHeaderStatus::Complete << afterNul + 4;
    QTest::newRow("GETFILEDATA") << QByteArrayLiteral("1_iptux 0.8.3:5:a:b:96:1e:0:0:") + '\0'
                                 << PictureHeaderStatus::OtherCommand << 0;
    QTest::newRow("photo push (509)")
        << QByteArrayLiteral("1_iptux 0.8.3:5:a:b:509:") + '\0' + Picture
        << PictureHeaderStatus::OtherCommand << 0;
    QTest::newRow("765 with UTF8OPT")
        << QByteArray("1_iptux 0.8.3:5:a:b:" + QByteArray::number(765 | 0x800000) + ":") + '\0'
        << PictureHeaderStatus::OtherCommand << 0;
    QTest::newRow("NUL before the fifth ':'")
        << QByteArrayLiteral("1_iptux 0.8.3:5:a") + '\0' + QByteArrayLiteral(":b:765:")
        << PictureHeaderStatus::Malformed << 0;
    QTest::newRow("hex command") << QByteArrayLiteral("1:5:a:b:0x2fd:") + '\0'
                                 << PictureHeaderStatus::Malformed << 0;
    QTest::newRow("version 2") << QByteArrayLiteral("2:5:a:b:765:") + '\0'
                               << PictureHeaderStatus::Malformed << 0;
    QTest::newRow("not a number") << QByteArrayLiteral("1:x:a:b:765:") + '\0'
                                  << PictureHeaderStatus::Malformed << 0;
    QTest::newRow("binary garbage")
        << QByteArray(100, '\xff') + '\0' << PictureHeaderStatus::Malformed << 0;
    QTest::newRow("endless header")
        << QByteArray(MaxPictureHeader + 1, ':') << PictureHeaderStatus::Malformed << 0;
    QTest::newRow("endless fields")
        << QByteArray("1:1:" + QByteArray(MaxPictureHeader, 'u') + ":h:765:") + '\0'
        << PictureHeaderStatus::Malformed << 0;
    QTest::newRow("header up to the limit")
        << QByteArray("1:1:" + QByteArray(MaxPictureHeader - 11, 'u') + ":h:765:") + '\0'
        << PictureHeaderStatus::Complete << MaxPictureHeader + 1;
    QTest::newRow("nothing yet") << QByteArray() << PictureHeaderStatus::Incomplete << 0;
    QTest::newRow("colons, no NUL yet")
        << IptuxHeader + "\x89PNG" << PictureHeaderStatus::Incomplete << 0;
}

void TestIptuxPicture::parsesPushes()
{
    QFETCH(QByteArray, stream);
    QFETCH(PictureHeaderStatus, status);
    QFETCH(int, payloadOffset);
    const PictureHeader header = parseIptuxPictureHeader(stream);
    QCOMPARE(header.status, status);
    if (status == PictureHeaderStatus::Malformed)
        QVERIFY(header.error != ParseError::None);
    if (status != PictureHeaderStatus::Complete)
        return;
    QCOMPARE(header.payloadOffset, payloadOffset);
    QCOMPARE(header.packet.command, 765u);
    QVERIFY(stream.endsWith(stream.mid(payloadOffset)));
}

void TestIptuxPicture::everyTruncation()
{
    const QByteArray push = IptuxHeader + '\0' + Picture;
    for (int n = 0; n <= push.size(); ++n) {
        const QByteArray part = push.left(n);
        const PictureHeader header = parseIptuxPictureHeader(part);
        if (n <= IptuxHeader.size()) {
            QVERIFY2(header.status == PictureHeaderStatus::Incomplete,
                     qPrintable(QString::number(n)));
            continue;
        }
        QVERIFY2(header.status == PictureHeaderStatus::Complete, qPrintable(QString::number(n)));
        QCOMPARE(header.packet.version, QByteArray("1_iptux 0.8.3"));
        QCOMPARE(header.packet.packetNo, 17u);
        QCOMPARE(header.packet.user, QByteArray("alice"));
        QCOMPARE(header.packet.host, QByteArray("pc-7"));
        QCOMPARE(part.mid(header.payloadOffset), Picture.left(n - IptuxHeader.size() - 1));
    }
}

void TestIptuxPicture::roundTrips()
{
    Packet header;
    header.version = "1_LanPigeon 0.1.0";
    header.packetNo = 1234567890123ull;
    header.user = "\xe5\xb0\x8f\xe7\x8e\x8b";
    header.host = "desk";
    const QByteArray push = buildIptuxPictureHeader(header) + Picture;
    const PictureHeader parsed = parseIptuxPictureHeader(push);
    QCOMPARE(parsed.status, PictureHeaderStatus::Complete);
    QCOMPARE(parsed.packet.packetNo, header.packetNo);
    QCOMPARE(parsed.packet.user, header.user);
    QCOMPARE(push.mid(parsed.payloadOffset), Picture);
}

QTEST_APPLESS_MAIN(TestIptuxPicture)
#include "tst_iptuxpicture.moc"
