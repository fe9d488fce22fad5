// The band that says why nobody answered, and the Settings' Network page: the real MainWindow on
// the offscreen platform, a real Messenger alone on 127.0.0.91, then a peer on 127.0.0.92.
#include "mainwindow.h"
#include "messenger.h"
#include "models/peermodel.h"
#include "networkband.h"
#include "networkpage.h"
#include "settingsdialog.h"
#include "uisettings.h"
#include "windowtestnode.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace lanpigeon;
using namespace lanpigeon::ui;

namespace {
constexpr quint16 Port = 34391;
const QString Me = QStringLiteral("127.0.0.91");
const QString Them = QStringLiteral("127.0.0.92");

// Us on Me, with nobody to announce to and nobody announcing.
NodeConfig alone(const QTemporaryDir &dir)
{
    NodeConfig config = test::windowTestNode(Me, Port, QStringLiteral("Me"), QStringLiteral("Dev"),
                                             Them, dir.filePath(QStringLiteral("me")));
    config.extraHosts.clear();
    return config;
}

// The loopback row of the page: the interface holding 127.0.0.1.
QTreeWidgetItem *loopbackRow(NetworkPage *page)
{
    for (int i = 0; i < page->interfaces()->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = page->interfaces()->topLevelItem(i);
        if (row->text(NetworkPage::Addresses).contains(QStringLiteral("127.0.0.1/8")))
            return row;
    }
    return nullptr;
}
} // namespace

class TestNetworkBand final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void bandSaysWhyThenGoesAwayWhenSomeoneAppears();
    void bandAlsoForAWindowMadeAfterTheStart();
    void eachDiagnosisHasItsOwnWords();

private:
    // Opens Settings the way check says (the band's button, or showSettings()), hands the
    // Network page to check while the dialog is up, then closes it.
    void withNetworkPage(const std::function<void()> &open,
                         const std::function<bool(NetworkPage *)> &check);
};

void TestNetworkBand::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestNetworkBand::withNetworkPage(const std::function<void()> &open,
                                      const std::function<bool(NetworkPage *)> &check)
{
    bool seen = false;
    QElapsedTimer waited;
    waited.start();
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        auto *page = qobject_cast<NetworkPage *>(dialog->pages()->currentWidget());
        // The page must be the one showing; it fills itself from the network thread.
        if (page && check(page)) {
            seen = true;
            dialog->reject();
        } else if (waited.elapsed() > 10000) {
            dialog->reject();
        }
    });
    poll.start(50);
    open();
    poll.stop();
    QVERIFY(seen);
}

void TestNetworkBand::bandSaysWhyThenGoesAwayWhenSomeoneAppears()
{
    QTemporaryDir dir;
    Messenger me(alone(dir));
    MainWindow window(&me, UiSettings());
    window.show();
    NetworkBand *band = window.networkBand();
    QSignalSpy started(&me, &Messenger::started);
    me.start();
    QVERIFY(started.wait(30000));
    QElapsedTimer sinceStart;
    sinceStart.start();
    QVERIFY(!band->isVisible());

    // Not before 10 s of silence, then the reason: we are bound to a loopback address.
    QTRY_VERIFY_WITH_TIMEOUT(band->isVisible(), NetworkBand::QuietMs + 5000);
    QVERIFY2(sinceStart.elapsed() >= NetworkBand::QuietMs - 200,
             qPrintable(QString::number(sinceStart.elapsed())));
    QCOMPARE(band->shown(), Diagnosis::OnlyLoopback);
    QVERIFY2(band->text()->text().contains(Me), qPrintable(band->text()->text()));
    QVERIFY(band->settingsButton()->isVisible());

    // Its button opens Settings on the Network page: the port and address we hold, loopback.
    withNetworkPage([&] { QTest::mouseClick(band->settingsButton(), Qt::LeftButton); },
                    [&](NetworkPage *page) {
                        QTreeWidgetItem *lo = loopbackRow(page);
                        return page->socketLine()->text().contains(QString::number(Port)) &&
                               page->socketLine()->text().contains(Me) && lo &&
                               page->diagnosisLine()->text() == band->text()->text();
                    });

    // Someone appears: the band goes.
    NodeConfig peerConfig =
        test::windowTestNode(Them, Port, QStringLiteral("小王"), QStringLiteral("Dev"), Me,
                             dir.filePath(QStringLiteral("peer")));
    Messenger peer(peerConfig);
    // A new profile makes its key first, which takes seconds on a loaded machine.
    QSignalSpy peerStarted(&peer, &Messenger::started);
    peer.start();
    QVERIFY(peerStarted.wait(30000));
    QTRY_COMPARE_WITH_TIMEOUT(me.peerModel()->rowCount(), 1, 10000);
    QTRY_VERIFY(!band->isVisible());
    QCOMPARE(band->shown(), Diagnosis::None);

    // The page now shows what came in on loopback, and from whom.
    withNetworkPage([&] { window.showSettings(MainWindow::SettingsPart::Network); },
                    [&](NetworkPage *page) {
                        QTreeWidgetItem *lo = loopbackRow(page);
                        return lo && lo->text(NetworkPage::LastReceived).contains(Them) &&
                               lo->text(NetworkPage::LastSent).contains(Them) &&
                               page->diagnosisLine()->text().contains(QStringLiteral("Nothing"));
                    });
    // And it stays away after another quiet period, since someone is there.
    QTest::qWait(NetworkBand::QuietMs + 500);
    QVERIFY(!band->isVisible());
    // Gone again: the list is empty, but "Nobody has answered" would be untrue now.
    QSignalSpy stopped(&peer, &Messenger::stopped);
    peer.shutdown();
    QVERIFY(stopped.wait());
    QTRY_COMPARE(me.peerModel()->rowCount(), 0);
    QTest::qWait(2000);
    QVERIFY2(!band->isVisible(), qPrintable(band->text()->text()));
    QCOMPARE(band->shown(), Diagnosis::None);
}

void TestNetworkBand::bandAlsoForAWindowMadeAfterTheStart()
{
    // As the launcher does it: the window comes once the node runs.
    QTemporaryDir dir;
    Messenger me(alone(dir));
    QSignalSpy started(&me, &Messenger::started);
    me.start();
    QVERIFY(started.wait(30000));
    MainWindow window(&me, UiSettings());
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.networkBand()->isVisible(), NetworkBand::QuietMs + 5000);
    QCOMPARE(window.networkBand()->shown(), Diagnosis::OnlyLoopback);
}

void TestNetworkBand::eachDiagnosisHasItsOwnWords()
{
    SocketFacts socket;
    socket.bindAddress = QHostAddress(QStringLiteral("10.9.8.7"));
    socket.port = 2426;
    QVERIFY(NetworkBand::describe(Diagnosis::None, socket).isEmpty());
    QSet<QString> seen;
    for (const Diagnosis d :
         {Diagnosis::NoInterfaceUp, Diagnosis::OnlyLoopback, Diagnosis::BindAddressMissing,
          Diagnosis::PortHeldByOther, Diagnosis::NoAnswer}) {
        const QString words = NetworkBand::describe(d, socket);
        QVERIFY(!words.isEmpty());
        QVERIFY2(!seen.contains(words), qPrintable(words));
        seen.insert(words);
    }
    QVERIFY(NetworkBand::describe(Diagnosis::BindAddressMissing, socket).contains("10.9.8.7"));
    QVERIFY(NetworkBand::describe(Diagnosis::PortHeldByOther, socket).contains("2426"));
    QVERIFY(NetworkBand::describe(Diagnosis::NoAnswer, socket).contains("2426"));
    // Bound to loopback, it names the address and how to leave it.
    socket.bindAddress = QHostAddress(QStringLiteral("127.0.0.5"));
    QVERIFY(NetworkBand::describe(Diagnosis::OnlyLoopback, socket).contains("127.0.0.5"));
    QVERIFY(NetworkBand::describe(Diagnosis::OnlyLoopback, socket).contains("Clear"));
    // Set by LANPIGEON_BIND, Settings cannot change it: the words name the variable instead.
    qputenv("LANPIGEON_BIND", "127.0.0.5");
    const QString fromEnv = NetworkBand::describe(Diagnosis::OnlyLoopback, socket);
    const QString missingFromEnv = NetworkBand::describe(Diagnosis::BindAddressMissing, socket);
    qunsetenv("LANPIGEON_BIND");
    QVERIFY2(fromEnv.contains("LANPIGEON_BIND") && fromEnv.contains("127.0.0.5"),
             qPrintable(fromEnv));
    QVERIFY2(!fromEnv.contains("Clear"), qPrintable(fromEnv));
    QVERIFY2(missingFromEnv.contains("LANPIGEON_BIND") && !missingFromEnv.contains("Clear"),
             qPrintable(missingFromEnv));
}

QTEST_MAIN(TestNetworkBand)
#include "tst_networkband.moc"
