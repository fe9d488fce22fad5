// The diagnosis from interface facts and socket state, table-driven: machines the test does not
// have (a laptop with Wi-Fi off, a container with loopback only, an address DHCP took away).
#include "messaging/networkdiagnosis.h"

#include <QTest>

using namespace lanpigeon;

Q_DECLARE_METATYPE(QList<lanpigeon::InterfaceFacts>)
Q_DECLARE_METATYPE(lanpigeon::SocketFacts)

namespace {

InterfaceFacts loopback(bool up = true)
{
    return {QStringLiteral("lo"),
            1,
            up,
            true,
            {{QHostAddress(QStringLiteral("127.0.0.1")), QHostAddress(), 8}}};
}

InterfaceFacts lan(const QString &ip, bool up = true)
{
    const QHostAddress address(ip);
    return {QStringLiteral("eth0"),
            2,
            up,
            false,
            {{address, QHostAddress(address.toIPv4Address() | 0xff), 24}}};
}

SocketFacts bound(const QString &address = QStringLiteral("0.0.0.0"))
{
    SocketFacts s;
    s.bindAddress = QHostAddress(address);
    s.port = 2425;
    s.bound = true;
    return s;
}

SocketFacts failed(QAbstractSocket::SocketError error)
{
    SocketFacts s;
    s.port = 2425;
    s.bindError = error;
    return s;
}

} // namespace

class TestNetworkDiagnosis final : public QObject
{
    Q_OBJECT

private slots:
    void diagnoses_data();
    void diagnoses();
    void namesAreStable();
    void readsThisMachine();
};

void TestNetworkDiagnosis::diagnoses_data()
{
    QTest::addColumn<QList<InterfaceFacts>>("interfaces");
    QTest::addColumn<SocketFacts>("socket");
    QTest::addColumn<int>("peers");
    QTest::addColumn<Diagnosis>("expected");

    const QList<InterfaceFacts> office{loopback(), lan(QStringLiteral("192.168.1.20"))};
    QTest::newRow("peers answered") << office << bound() << 3 << Diagnosis::None;
    QTest::newRow("nobody, network fine") << office << bound() << 0 << Diagnosis::NoAnswer;
    QTest::newRow("Wi-Fi off") << QList<InterfaceFacts>{loopback(),
                                                        lan(QStringLiteral("192.168.1.20"), false)}
                               << bound() << 0 << Diagnosis::NoInterfaceUp;
    QTest::newRow("cable in, no address")
        << QList<InterfaceFacts>{loopback(), {QStringLiteral("eth0"), 2, true, false, {}}}
        << bound() << 0 << Diagnosis::NoInterfaceUp;
    QTest::newRow("nothing up at all")
        << QList<InterfaceFacts>{loopback(false)} << bound() << 0 << Diagnosis::NoInterfaceUp;
    QTest::newRow("container with loopback only")
        << QList<InterfaceFacts>{loopback()} << bound() << 0 << Diagnosis::OnlyLoopback;
    QTest::newRow("bound to a loopback address")
        << office << bound(QStringLiteral("127.0.0.5")) << 0 << Diagnosis::OnlyLoopback;
    QTest::newRow("bound to a loopback address, a peer there")
        << office << bound(QStringLiteral("127.0.0.1")) << 1 << Diagnosis::None;
    QTest::newRow("bound to our LAN address")
        << office << bound(QStringLiteral("192.168.1.20")) << 0 << Diagnosis::NoAnswer;
    QTest::newRow("bind address gone since start")
        << office << bound(QStringLiteral("192.168.1.77")) << 2 << Diagnosis::BindAddressMissing;
    QTest::newRow("bind address on an interface that went down")
        << QList<InterfaceFacts>{loopback(), lan(QStringLiteral("192.168.1.20"), false)}
        << bound(QStringLiteral("192.168.1.20")) << 0 << Diagnosis::BindAddressMissing;
    QTest::newRow("start: bind address missing")
        << office << failed(QAbstractSocket::SocketAddressNotAvailableError) << 0
        << Diagnosis::BindAddressMissing;
    QTest::newRow("start: port held by another program")
        << office << failed(QAbstractSocket::AddressInUseError) << 0 << Diagnosis::PortHeldByOther;
    QTest::newRow("start: port held, no interface either")
        << QList<InterfaceFacts>{loopback()} << failed(QAbstractSocket::AddressInUseError) << 0
        << Diagnosis::PortHeldByOther;
    QTest::newRow("start: refused for another reason")
        << office << failed(QAbstractSocket::SocketAccessError) << 0 << Diagnosis::None;
}

void TestNetworkDiagnosis::diagnoses()
{
    QFETCH(QList<InterfaceFacts>, interfaces);
    QFETCH(SocketFacts, socket);
    QFETCH(int, peers);
    QFETCH(Diagnosis, expected);
    QCOMPARE(diagnose(interfaces, socket, peers), expected);
}

void TestNetworkDiagnosis::namesAreStable()
{
    QCOMPARE(diagnosisName(Diagnosis::None), QStringLiteral("none"));
    QCOMPARE(diagnosisName(Diagnosis::NoInterfaceUp), QStringLiteral("no-interface-up"));
    QCOMPARE(diagnosisName(Diagnosis::OnlyLoopback), QStringLiteral("only-loopback"));
    QCOMPARE(diagnosisName(Diagnosis::BindAddressMissing), QStringLiteral("bind-address-missing"));
    QCOMPARE(diagnosisName(Diagnosis::PortHeldByOther), QStringLiteral("port-held-by-other"));
    QCOMPARE(diagnosisName(Diagnosis::NoAnswer), QStringLiteral("no-answer"));
}

void TestNetworkDiagnosis::readsThisMachine()
{
    // Every machine the tests run on has loopback, up, with 127.0.0.1.
    const QList<InterfaceFacts> here = currentInterfaces();
    const auto lo = std::find_if(here.cbegin(), here.cend(),
                                 [](const InterfaceFacts &i) { return i.loopback; });
    QVERIFY(lo != here.cend());
    QVERIFY(lo->up);
    QVERIFY(lo->index > 0);
    QVERIFY(std::any_of(
        lo->addresses.cbegin(), lo->addresses.cend(), [](const InterfaceFacts::Address &a) {
            return a.ip == QHostAddress(QStringLiteral("127.0.0.1")) && a.prefixLength == 8;
        }));
}

QTEST_GUILESS_MAIN(TestNetworkDiagnosis)
#include "tst_networkdiagnosis.moc"
