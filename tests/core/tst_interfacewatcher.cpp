// The interface watcher's diff, fed with interfaces this machine does not have.
#include "messaging/interfacewatcher.h"

#include <QSignalSpy>
#include <QTest>

using namespace lanpigeon;
using Kind = InterfaceChange::Kind;

namespace {

InterfaceFacts iface(const QString &name, int index, bool up,
                     const QList<InterfaceFacts::Address> &addresses, bool loopback = false)
{
    InterfaceFacts f;
    f.name = name;
    f.index = index;
    f.up = up;
    f.loopback = loopback;
    f.addresses = addresses;
    return f;
}

InterfaceFacts::Address addr(const char *ip, int prefix, const char *broadcast)
{
    return {QHostAddress(QString::fromLatin1(ip)), QHostAddress(QString::fromLatin1(broadcast)),
            prefix};
}

const InterfaceFacts Lo = iface(QStringLiteral("lo"), 1, true, {addr("127.0.0.1", 8, "")}, true);
const InterfaceFacts Eth =
    iface(QStringLiteral("eth0"), 2, true, {addr("192.168.1.5", 24, "192.168.1.255")});

// "up 10.0.0.2/24 on wlan0" for readable comparisons.
QStringList describe(const QList<InterfaceChange> &changes)
{
    QStringList out;
    for (const InterfaceChange &c : changes) {
        out.append(
            QStringLiteral("%1 %2/%3 on %4")
                .arg(c.kind == Kind::AddressUp ? QStringLiteral("up") : QStringLiteral("down"),
                     c.address.ip.toString())
                .arg(c.address.prefixLength)
                .arg(c.interface));
    }
    return out;
}

} // namespace

class TestInterfaceWatcher final : public QObject
{
    Q_OBJECT

private slots:
    void nothingChanged();
    void cablePluggedIn();
    void interfaceGoesDownWithItsAddresses();
    void interfaceUpWithoutAddressIsNothing();
    void newPrefixIsDownThenUp();
    void secondAddressOnOneInterface();
    void interfaceRemoved();
    void watcherTellsOnlyChanges();
};

void TestInterfaceWatcher::nothingChanged()
{
    QVERIFY(diffInterfaces({Lo, Eth}, {Lo, Eth}).isEmpty());
    QVERIFY(diffInterfaces({}, {}).isEmpty());
}

void TestInterfaceWatcher::cablePluggedIn()
{
    const InterfaceFacts wlan =
        iface(QStringLiteral("wlan0"), 3, true, {addr("10.0.0.2", 24, "10.0.0.255")});
    const auto changes = diffInterfaces({Lo, Eth}, {Lo, Eth, wlan});
    QCOMPARE(describe(changes), QStringList{QStringLiteral("up 10.0.0.2/24 on wlan0")});
    QCOMPARE(changes.first().index, 3);
    QCOMPARE(changes.first().address.broadcast, QHostAddress(QStringLiteral("10.0.0.255")));
    QVERIFY(!changes.first().loopback);
}

void TestInterfaceWatcher::interfaceGoesDownWithItsAddresses()
{
    InterfaceFacts two = iface(QStringLiteral("eth1"), 4, true,
                               {addr("10.1.0.2", 16, "10.1.255.255"), addr("10.2.0.2", 16, "")});
    InterfaceFacts down = two;
    down.up = false;
    QCOMPARE(describe(diffInterfaces({Lo, two}, {Lo, down})),
             (QStringList{QStringLiteral("down 10.1.0.2/16 on eth1"),
                          QStringLiteral("down 10.2.0.2/16 on eth1")}));
    // And back: a Wi-Fi reconnect with the same lease.
    QCOMPARE(describe(diffInterfaces({Lo, down}, {Lo, two})),
             (QStringList{QStringLiteral("up 10.1.0.2/16 on eth1"),
                          QStringLiteral("up 10.2.0.2/16 on eth1")}));
}

void TestInterfaceWatcher::interfaceUpWithoutAddressIsNothing()
{
    const InterfaceFacts bare = iface(QStringLiteral("veth0"), 5, false, {});
    InterfaceFacts upBare = bare;
    upBare.up = true;
    QVERIFY(diffInterfaces({Lo, bare}, {Lo, upBare}).isEmpty());
    QVERIFY(diffInterfaces({Lo}, {Lo, upBare}).isEmpty());
    // Its address arrives a moment later: that is the change.
    InterfaceFacts addressed = upBare;
    addressed.addresses = {addr("10.9.0.1", 24, "10.9.0.255")};
    QCOMPARE(describe(diffInterfaces({Lo, upBare}, {Lo, addressed})),
             QStringList{QStringLiteral("up 10.9.0.1/24 on veth0")});
}

void TestInterfaceWatcher::newPrefixIsDownThenUp()
{
    const InterfaceFacts wider =
        iface(QStringLiteral("eth0"), 2, true, {addr("192.168.1.5", 16, "192.168.255.255")});
    const auto changes = diffInterfaces({Eth}, {wider});
    QCOMPARE(describe(changes), (QStringList{QStringLiteral("down 192.168.1.5/24 on eth0"),
                                             QStringLiteral("up 192.168.1.5/16 on eth0")}));
    QCOMPARE(changes.first().kind, Kind::AddressDown);
}

void TestInterfaceWatcher::secondAddressOnOneInterface()
{
    InterfaceFacts more = Eth;
    more.addresses.append(addr("192.168.7.5", 24, "192.168.7.255"));
    QCOMPARE(describe(diffInterfaces({Eth}, {more})),
             QStringList{QStringLiteral("up 192.168.7.5/24 on eth0")});
    QCOMPARE(describe(diffInterfaces({more}, {Eth})),
             QStringList{QStringLiteral("down 192.168.7.5/24 on eth0")});
}

void TestInterfaceWatcher::interfaceRemoved()
{
    // A VPN's tun device vanishes altogether; loopback facts come through as such.
    const InterfaceFacts tun = iface(QStringLiteral("tun0"), 9, true, {addr("172.16.0.7", 32, "")});
    QCOMPARE(describe(diffInterfaces({Lo, tun}, {Lo})),
             QStringList{QStringLiteral("down 172.16.0.7/32 on tun0")});
    const auto lo = diffInterfaces({}, {Lo});
    QCOMPARE(lo.size(), 1);
    QVERIFY(lo.first().loopback);
}

void TestInterfaceWatcher::watcherTellsOnlyChanges()
{
    QList<InterfaceFacts> machine{Lo};
    InterfaceWatcher watcher;
    watcher.setSource([&machine] { return machine; });
    QSignalSpy changed(&watcher, &InterfaceWatcher::changed);
    watcher.start();
    // What is there at start is the base, not news.
    QCOMPARE(changed.size(), 0);
    watcher.poll();
    QCOMPARE(changed.size(), 0);
    machine.append(Eth);
    watcher.poll();
    QCOMPARE(changed.size(), 1);
    const auto changes = changed.first().at(0).value<QList<InterfaceChange>>();
    QCOMPARE(describe(changes), QStringList{QStringLiteral("up 192.168.1.5/24 on eth0")});
    QCOMPARE(changed.first().at(1).value<QList<InterfaceFacts>>().size(), 2);
    watcher.poll();
    QCOMPARE(changed.size(), 1);
    machine.removeLast();
    // The timer polls by itself.
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, InterfaceWatcher::PollMs + 1000);
    QCOMPARE(describe(changed.last().at(0).value<QList<InterfaceChange>>()),
             QStringList{QStringLiteral("down 192.168.1.5/24 on eth0")});
    watcher.stop();
}

QTEST_GUILESS_MAIN(TestInterfaceWatcher)
#include "tst_interfacewatcher.moc"
