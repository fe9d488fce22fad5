// IP Messenger's host list (GETLIST / ANSLIST bodies): bytes as IP Messenger for Windows writes
// them (mainwinmsg.cpp: "%5d\a%5d\a", fields ended by \a, \b for an empty text, the port in
// network order printed as a number), paging, and bodies a host may lie with.
#include "ipmsg/hostlistcodec.h"

#include <QTest>

using namespace lanpigeon::ipmsg;

namespace {

HostListEntry entry(const char *user, const char *address, quint16 port = 2425,
                    const char *nick = "", const char *group = "")
{
    HostListEntry e;
    e.user = user;
    e.host = QByteArray(user).toUpper() + "-PC";
    e.status = 0x01 | 0x100;
    e.address = address;
    e.port = port;
    e.nick = nick;
    e.group = group;
    return e;
}

} // namespace

class TestHostListCodec : public QObject
{
    Q_OBJECT

private slots:
    void decodesWhatWindowsWrites();
    void encodesAsWindowsWrites();
    void pagesWhatDoesNotFit();
    void rejectsMalformedBodies_data();
    void rejectsMalformedBodies();
    void getListStart();
};

void TestHostListCodec::decodesWhatWindowsWrites()
{
    // Two hosts, the list complete; the second with an empty nick and group ("\b"). 30985 is
    // 2425 with its bytes swapped, 53513 is 2345 so.
    const QByteArray body = QByteArrayLiteral(
        "    0\a    2\a"
        "alice\aPC-A\a8388865\a192.168.1.5\a30985\aAlice\aSales\a"
        "bob\aPC-B\a257\a192.168.2.6\a10505\a\b\a\b\a\0");
    const auto page = decodeHostList(body);
    QVERIFY(page);
    QCOMPARE(page->nextStart, 0);
    QCOMPARE(page->hosts.size(), 2);
    const HostListEntry &a = page->hosts[0];
    QCOMPARE(a.user, QByteArray("alice"));
    QCOMPARE(a.host, QByteArray("PC-A"));
    QCOMPARE(a.status, 8388865u);
    QCOMPARE(a.address, QByteArray("192.168.1.5"));
    QCOMPARE(a.port, quint16(2425));
    QCOMPARE(a.nick, QByteArray("Alice"));
    QCOMPARE(a.group, QByteArray("Sales"));
    QCOMPARE(page->hosts[1].port, quint16(2345));
    QVERIFY(page->hosts[1].nick.isEmpty());
    QVERIFY(page->hosts[1].group.isEmpty());
}

void TestHostListCodec::encodesAsWindowsWrites()
{
    int next = -1;
    const QByteArray body = encodeHostList(
        {entry("alice", "192.168.1.5", 2425, "Alice", "Sales"), entry("bob", "10.0.0.7")}, 0,
        MaxHostListBytes, &next);
    QCOMPARE(next, 0);
    QCOMPARE(body, QByteArray("    0\a    2\a"
                              "alice\aALICE-PC\a257\a192.168.1.5\a30985\aAlice\aSales\a"
                              "bob\aBOB-PC\a257\a10.0.0.7\a30985\a\b\a\b\a"));
}

void TestHostListCodec::pagesWhatDoesNotFit()
{
    QList<HostListEntry> hosts;
    for (int i = 0; i < 1000; ++i)
        hosts.append(entry("someone", QByteArray("10.0.") + QByteArray::number(i / 250) + '.' +
                                          QByteArray::number(i % 250 + 1),
                           quint16(2425 + i), "名字很长的一个人", "研发部第三小组"));
    // Page through as a requester does; every host comes once, in order, and no page is larger
    // than IP Messenger's limit.
    QList<HostListEntry> got;
    int start = 0;
    int pages = 0;
    do {
        int next = -1;
        const QByteArray body = encodeHostList(hosts, start, MaxHostListBytes, &next);
        QVERIFY(body.size() <= MaxHostListBytes);
        const auto page = decodeHostList(body);
        QVERIFY(page);
        QCOMPARE(page->nextStart, next);
        got += page->hosts;
        start = next;
        ++pages;
    } while (start != 0 && pages < 100);
    QVERIFY2(pages > 1, "1000 hosts must not fit one datagram");
    QCOMPARE(got, hosts);
    // One entry larger than the limit still goes, alone, so a list can never stall.
    int next = -1;
    const auto big = entry("x", "10.0.0.1", 2425, QByteArray(200, 'n').constData());
    const auto page = decodeHostList(encodeHostList({big, big}, 0, 50, &next));
    QVERIFY(page);
    QCOMPARE(page->hosts.size(), 1);
    QCOMPARE(next, 1);
}

void TestHostListCodec::rejectsMalformedBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("header only, no count") << QByteArray("    0\a");
    QTest::newRow("count says 2, one entry")
        << QByteArray("    0\a    2\aa\ab\a1\a10.0.0.1\a30985\an\ag\a");
    QTest::newRow("count says 0, one entry")
        << QByteArray("    0\a    0\aa\ab\a1\a10.0.0.1\a30985\an\ag\a");
    QTest::newRow("an entry one field short")
        << QByteArray("    0\a    1\aa\ab\a1\a10.0.0.1\a30985\an\a");
    QTest::newRow("next not a number") << QByteArray("  abc\a    0\a");
    QTest::newRow("negative next") << QByteArray("   -4\a    0\a");
    QTest::newRow("next past int") << QByteArray("99999999999\a    0\a");
    QTest::newRow("port past 65535")
        << QByteArray("    0\a    1\aa\ab\a1\a10.0.0.1\a70000\an\ag\a");
    QTest::newRow("port not a number")
        << QByteArray("    0\a    1\aa\ab\a1\a10.0.0.1\ahttp\an\ag\a");
    QTest::newRow("status past 32 bits")
        << QByteArray("    0\a    1\aa\ab\a4294967296\a10.0.0.1\a30985\an\ag\a");
    QTest::newRow("no address") << QByteArray("    0\a    1\aa\ab\a1\a\b\a30985\an\ag\a");
}

void TestHostListCodec::rejectsMalformedBodies()
{
    QFETCH(QByteArray, body);
    QVERIFY(!decodeHostList(body));
}

void TestHostListCodec::getListStart()
{
    QCOMPARE(decodeGetList(QByteArray()), std::optional<int>(0));
    QCOMPARE(decodeGetList(QByteArray("0\0", 2)), std::optional<int>(0));
    QCOMPARE(decodeGetList(QByteArray("  120")), std::optional<int>(120));
    QCOMPARE(decodeGetList(QByteArray("-1")), std::nullopt);
    QCOMPARE(decodeGetList(QByteArray("12abc")), std::nullopt);
    QCOMPARE(decodeGetList(encodeGetList(77)), std::optional<int>(77));
}

QTEST_APPLESS_MAIN(TestHostListCodec)
#include "tst_hostlistcodec.moc"
