// The host-list exchange between real nodes on loopback with broadcast off, as between subnets:
// a node given one host that shares its list meets everyone on it, paged; a list shared only
// when the setting is on; a lying or unasked list adds nobody who does not answer; hosts that
// fetch at once meet each other; hosts joining while a list is paged hide nobody.
#include "messaging/discoveryservice.h"
#include "messaging/hostlistservice.h"
#include "testnode.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;
using lanpigeon::test::FakePeer;
using lanpigeon::test::TestNode;

namespace {
constexpr quint16 Port = 34461;
QHostAddress at(int last)
{
    return QHostAddress(QStringLiteral("127.0.0.%1").arg(last));
}
QString idAt(int last)
{
    return Peer::makeId(at(last), Port);
}
} // namespace

class TestHostListService : public QObject
{
    Q_OBJECT

private slots:
    void fetchedListIsMetAndPaged();
    void listIsSharedOnlyWhenAllowed();
    void lyingAndUnaskedListsAddNobody();
    void hostsStartingTogetherMeetThroughTheList();
    void pagesHoldWhenHostsJoinBetweenThem();
};

void TestHostListService::fetchedListIsMetAndPaged()
{
    // S shares; B1..B3 know only S ("subnet B"); R knows only that S has a list ("subnet C").
    TestNode s(at(51).toString(), Port, QStringLiteral("Server"), {at(52), at(53), at(54)});
    s.config.shareHostList = true;
    // One host per ANSLIST, so R must page three times.
    s.config.hostListPageBytes = 60;
    std::vector<std::unique_ptr<TestNode>> bs;
    for (int i = 52; i <= 54; ++i)
        bs.push_back(std::make_unique<TestNode>(at(i).toString(), Port,
                                                QStringLiteral("B%1").arg(i), QList{at(51)}));
    QVERIFY(s.start());
    for (auto &b : bs)
        QVERIFY(b->start());
    QTRY_VERIFY(s.discovery->peer(idAt(52)) && s.discovery->peer(idAt(53)) &&
                s.discovery->peer(idAt(54)));

    TestNode r(at(55).toString(), Port, QStringLiteral("Remote"));
    r.config.listFrom = {at(51)};
    QVERIFY(r.start());
    QSignalSpy fetched(r.node->hostLists(), &HostListService::listFetched);
    QTRY_COMPARE_WITH_TIMEOUT(fetched.size(), 1, 5000);
    QCOMPARE(fetched.first().at(1).toInt(), 3);
    // Everyone on the list answered our entry, and the list's host too; they know us back.
    QTRY_VERIFY(r.discovery->peer(idAt(52)) && r.discovery->peer(idAt(53)) &&
                r.discovery->peer(idAt(54)) && r.discovery->peer(idAt(51)));
    QCOMPARE(r.discovery->peer(idAt(53))->nick, QStringLiteral("B53"));
    QTRY_VERIFY(bs[0]->discovery->peer(r.id()) && s.discovery->peer(r.id()));
    QCOMPARE(r.node->hostLists()->hostsLearnt(), 3);
}

void TestHostListService::listIsSharedOnlyWhenAllowed()
{
    TestNode s(at(61).toString(), Port, QStringLiteral("Closed"));
    QVERIFY(s.start());
    FakePeer asker(at(62).toString(), Port);
    asker.send(1, Mode::BrIsGetList2, QByteArray(1, '\0'), at(61), Port);
    asker.send(2, Mode::GetList, QByteArrayLiteral("0\0"), at(61), Port);
    QTest::qWait(500);
    QVERIFY(asker.packets(Mode::OkGetList).isEmpty());
    QVERIFY(asker.packets(Mode::AnsList).isEmpty());

    // Shared: BR_ISGETLIST2 is answered OKGETLIST, GETLIST with the list, in UTF-8 when asked so.
    s.node->hostLists()->setSharing(true);
    TestNode peer(at(63).toString(), Port, QStringLiteral("小王"), {at(61)});
    QVERIFY(peer.start());
    QTRY_VERIFY(s.discovery->peer(idAt(63)));
    asker.send(3, Mode::BrIsGetList2, QByteArray(1, '\0'), at(61), Port);
    QVERIFY(asker.waitFor(Mode::OkGetList, 1));
    asker.send(4, Mode::GetList | Opt::CapUtf8, QByteArrayLiteral("0\0"), at(61), Port);
    QVERIFY(asker.waitFor(Mode::AnsList, 1));
    const Packet answer = asker.packets(Mode::AnsList).first();
    QVERIFY(answer.has(Opt::Utf8));
    const auto page = decodeHostList(answer.extra);
    QVERIFY(page);
    QCOMPARE(page->nextStart, 0);
    QCOMPARE(page->hosts.size(), 1);
    QCOMPARE(page->hosts.first().address, QByteArray("127.0.0.63"));
    QCOMPARE(page->hosts.first().port, Port);
    QCOMPARE(QString::fromUtf8(page->hosts.first().nick), QStringLiteral("小王"));
    QVERIFY(page->hosts.first().status != 0);
}

void TestHostListService::lyingAndUnaskedListsAddNobody()
{
    // L plays a list host that names a real node (B), nobody (.74) and a gone host (.75).
    TestNode b(at(72).toString(), Port, QStringLiteral("Real"));
    QVERIFY(b.start());
    FakePeer liar(at(71).toString(), Port);
    FakePeer nobody(at(74).toString(), Port);
    TestNode r(at(73).toString(), Port, QStringLiteral("Remote"));
    r.config.listFrom = {at(71)};
    QVERIFY(r.start());
    QVERIFY(liar.waitFor(Mode::BrIsGetList2, 1));
    // Before any OKGETLIST, an ANSLIST is not taken.
    HostListEntry real;
    real.user = "real";
    real.host = "host-real";
    real.status = Mode::BrEntry;
    real.address = "127.0.0.72";
    real.port = Port;
    HostListEntry ghost = real;
    ghost.address = "127.0.0.74";
    HostListEntry gone = real;
    gone.address = "127.0.0.75";
    gone.status = Mode::BrExit;
    int next = 0;
    const QByteArray list = encodeHostList({real, ghost, gone}, 0, MaxHostListBytes, &next);
    liar.send(10, Mode::AnsList, list + '\0', at(73), Port);
    QTest::qWait(300);
    QVERIFY(b.discovery->peers().isEmpty());
    QVERIFY(nobody.packets(Mode::BrEntry).isEmpty());

    liar.send(11, Mode::OkGetList, QByteArray(1, '\0'), at(73), Port);
    QVERIFY(liar.waitFor(Mode::GetList, 1));
    liar.send(12, Mode::AnsList, list + '\0', at(73), Port);
    // The real host answers and is met; the silent one got an entry but is not listed; the
    // one marked gone was not even asked.
    QTRY_VERIFY(r.discovery->peer(idAt(72)));
    QVERIFY(nobody.waitFor(Mode::BrEntry, 1));
    QTest::qWait(300);
    QVERIFY(!r.discovery->peer(idAt(74)));
    QVERIFY(!r.discovery->peer(Peer::makeId(at(75), Port)));
    QCOMPARE(r.node->hostLists()->hostsLearnt(), 2);
    // A list whose counts do not add up is dropped whole.
    liar.send(13, Mode::AnsList, QByteArrayLiteral("    0\a    5\a\0"), at(73), Port);
    QTest::qWait(200);
    QCOMPARE(r.node->hostLists()->hostsLearnt(), 2);
}

void TestHostListService::hostsStartingTogetherMeetThroughTheList()
{
    // X and Y, in subnets no broadcast joins, start at once with only S's list: each list S
    // serves must name whichever of the two it met first, so that one gets a probe.
    TestNode s(at(81).toString(), Port, QStringLiteral("Server"));
    s.config.shareHostList = true;
    QVERIFY(s.start());
    TestNode x(at(82).toString(), Port, QStringLiteral("X"));
    TestNode y(at(83).toString(), Port, QStringLiteral("Y"));
    x.config.listFrom = {at(81)};
    y.config.listFrom = {at(81)};
    QVERIFY(x.start());
    QVERIFY(y.start());
    QSignalSpy xFetched(x.node->hostLists(), &HostListService::listFetched);
    QSignalSpy yFetched(y.node->hostLists(), &HostListService::listFetched);
    QTRY_VERIFY(xFetched.size() == 1 && yFetched.size() == 1);
    QTRY_VERIFY_WITH_TIMEOUT(x.discovery->peer(idAt(83)) && y.discovery->peer(idAt(82)), 3000);
    QVERIFY(x.discovery->peer(idAt(81)) && y.discovery->peer(idAt(81)));
}

void TestHostListService::pagesHoldWhenHostsJoinBetweenThem()
{
    // S knows 40 hosts and pages its list one host at a time; 60 more join while an asker is
    // on its fifth page. Every one of the first 40 must still be on some page it is served.
    TestNode s(at(91).toString(), Port, QStringLiteral("Server"));
    s.config.shareHostList = true;
    s.config.hostListPageBytes = 60;
    // The fake hosts announce once: they must not time out while the list is paged.
    s.config.announceIntervalMs = 30000;
    s.config.peerTimeoutMs = 100000;
    QVERIFY(s.start());
    FakePeer asker(at(92).toString(), Port);
    std::vector<std::unique_ptr<FakePeer>> hosts;
    auto join = [&](int from, int to) {
        for (int i = from; i < to; ++i) {
            hosts.push_back(std::make_unique<FakePeer>(at(93).toString(), quint16(Port + 1 + i)));
            // A login each: one login on 100 ports would be one person on 100 addresses.
            hosts.back()->user = "h" + QByteArray::number(i);
            hosts.back()->send(1, Mode::BrEntry | Opt::DialUp, QByteArrayLiteral("h\0g\0"), at(91),
                               Port);
            QVERIFY(hosts.back()->waitFor(Mode::AnsEntry, 1));
        }
    };
    join(0, 40);
    QCOMPARE(s.discovery->peers().size(), 40);
    QSet<quint16> listed;
    int start = 0;
    int served = 0;
    do {
        asker.send(100 + served, Mode::GetList | Opt::CapUtf8, encodeGetList(start) + '\0', at(91),
                   Port);
        QVERIFY(asker.waitFor(Mode::AnsList, served + 1));
        const auto page = decodeHostList(asker.packets(Mode::AnsList).at(served).extra);
        QVERIFY(page);
        for (const HostListEntry &e : page->hosts)
            listed.insert(e.port);
        start = page->nextStart;
        if (++served == 5)
            join(40, 100);
    } while (start != 0 && served < 200);
    for (int i = 0; i < 40; ++i)
        QVERIFY2(listed.contains(quint16(Port + 1 + i)), qPrintable(QString::number(i)));
}

QTEST_MAIN(TestHostListService)
#include "tst_hostlistservice.moc"
