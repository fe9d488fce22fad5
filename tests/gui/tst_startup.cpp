// Start-up, settings and shutdown of the window on the offscreen platform: the reason a start
// failed and the dialog that offers another port, no window before the node runs, the
// LANPIGEON_BIND override kept out of the profile, nick and workgroup reaching peers at once,
// what waits for a restart said in a dialog, bad hosts refused by name, and LANPIGEON_BIND
// shown next to the bind field.
#include "launcher.h"
#include "mainwindow.h"
#include "messenger.h"
#include "models/peermodel.h"
#include "profile/profilesettings.h"
#include "settingsdialog.h"
#include "startfailuredialog.h"
#include "translations.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUdpSocket>

#include <functional>

using namespace lanpigeon;
using namespace lanpigeon::ui;

namespace {
// Apart from tst_mainwindow's 34257 and the Xvfb tests' ports.
constexpr quint16 Port = 34261;
constexpr quint16 OtherPort = 34262;
const QString Me = QStringLiteral("127.0.0.4");
const QString Them = QStringLiteral("127.0.0.5");

NodeConfig config(const QString &ip, const QString &nick, const QString &peerIp, const QString &dir)
{
    NodeConfig c;
    c.bindAddress = QHostAddress(ip);
    c.port = Port;
    c.nick = nick;
    c.user = QStringLiteral("user");
    c.host = QStringLiteral("box");
    c.group = QStringLiteral("Dev");
    c.broadcast = false;
    c.extraHosts = {QHostAddress(peerIp)};
    c.profileDir = dir;
    c.downloadDir = dir;
    return c;
}

// Runs answer on the next modal dialog of type T as soon as it shows.
template <typename T> void whenShown(std::function<void(T *)> answer)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            answer(dialog);
        }
    });
    timer->start();
}

// Starts both and waits until both run.
bool startBoth(Messenger &me, Messenger &them)
{
    QSignalSpy meStarted(&me, &Messenger::started);
    QSignalSpy themStarted(&them, &Messenger::started);
    me.start();
    them.start();
    return (meStarted.count() || meStarted.wait()) && (themStarted.count() || themStarted.wait());
}

QPushButton *okButton(QDialog *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}
} // namespace

class TestStartup final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void startFailureSaysWhy();
    void noWindowUntilAnotherPortWorks();
    void quitFromTheStartFailureDialog();
    void startMinimizedWithoutTrayShowsTheWindow();
    void aFailedStartDoesNotLookOnline();
    void settingsKeepTheBindOverrideOutOfTheProfile();
    void nickAndWorkgroupReachPeersAtOnce();
    void newSubnetsAndHostsAreAskedAtOnce();
    void whatWaitsForARestartIsSaidInADialog();
    void qtsOwnWordsInChinese();
    void badHostsAreRefusedByName();
    void bindOverrideIsShownInSettings();
    void hostListSettingsRoundTrip();
    void onlyTheLanguageWaitsForARestart();
    void newPortAppliesAtOnceOrSaysWhyNot();
};

void TestStartup::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestStartup::startFailureSaysWhy()
{
    QTemporaryDir dir;
    const auto reasonFor = [&dir](const QString &address) {
        Messenger m(config(address, QStringLiteral("Me"), Them, dir.path()));
        QSignalSpy failed(&m, &Messenger::startFailed);
        m.start();
        return failed.wait() ? failed.first().at(1).value<Messenger::StartError>()
                             : Messenger::StartError::Other;
    };
    QUdpSocket udp;
    QVERIFY(udp.bind(QHostAddress(Me), Port));
    QCOMPARE(reasonFor(Me), Messenger::StartError::PortInUse);
    udp.close();
    // TCP alone held counts as much: files go over it.
    QTcpServer tcp;
    QVERIFY(tcp.listen(QHostAddress(Me), Port));
    QCOMPARE(reasonFor(Me), Messenger::StartError::PortInUse);
    tcp.close();
    // A documentation address (RFC 5737): never one of this machine's, and nothing is sent.
    QCOMPARE(reasonFor(QStringLiteral("192.0.2.1")), Messenger::StartError::AddressUnavailable);
}

void TestStartup::noWindowUntilAnotherPortWorks()
{
    QTemporaryDir dir;
    QUdpSocket held;
    QVERIFY(held.bind(QHostAddress(Me), Port));
    Launcher launcher(config(Me, QStringLiteral("Me"), Them, dir.path()), UiSettings());
    bool sawWindow = true;
    QString explanation;
    whenShown<StartFailureDialog>([&](StartFailureDialog *dialog) {
        sawWindow = launcher.window() != nullptr;
        explanation = dialog->findChild<QLabel *>(QStringLiteral("explanation"))->text();
        auto *port = dialog->findChild<QSpinBox *>(QStringLiteral("port"));
        QVERIFY(port && port->isVisible());
        port->setValue(OtherPort);
        dialog->accept();
    });
    launcher.start();
    QTRY_VERIFY(launcher.window());
    QVERIFY(!sawWindow);
    QVERIFY(explanation.contains(QStringLiteral("already in use by another program")));
    QVERIFY(explanation.contains(QString::number(Port)));
    QTRY_VERIFY(launcher.messenger()->isRunning());
    QCOMPARE(launcher.messenger()->config().port, OtherPort);
    QVERIFY(launcher.window()->isVisible());
    // The next start uses the port that worked, and the profile keeps no bind address it
    // did not have.
    QSettings ini(ProfileSettings(dir.path()).settingsPath(), QSettings::IniFormat);
    QCOMPARE(ini.value(QStringLiteral("network/port")).toInt(), int(OtherPort));
    QCOMPARE(ini.value(QStringLiteral("network/bind")).toString(), QString());
}

void TestStartup::quitFromTheStartFailureDialog()
{
    QTemporaryDir dir;
    QUdpSocket held;
    QVERIFY(held.bind(QHostAddress(Me), Port));
    Launcher launcher(config(Me, QStringLiteral("Me"), Them, dir.path()), UiSettings());
    QSignalSpy abandoned(&launcher, &Launcher::abandoned);
    int shown = 0;
    whenShown<StartFailureDialog>([&](StartFailureDialog *dialog) {
        ++shown;
        dialog->reject();
    });
    launcher.start();
    QTRY_COMPARE(abandoned.count(), 1);
    QTest::qWait(200);
    QCOMPARE(shown, 1);
    QVERIFY(!launcher.window());
    QVERIFY(!launcher.messenger()->isRunning());
}

void TestStartup::startMinimizedWithoutTrayShowsTheWindow()
{
    // The offscreen platform has no system tray, as a bare X11 desktop has none.
    QTemporaryDir dir;
    UiSettings ui;
    ui.startMinimized = true;
    Launcher launcher(config(Me, QStringLiteral("Me"), Them, dir.path()), ui);
    launcher.start();
    QTRY_VERIFY(launcher.window());
    QVERIFY(launcher.window()->isVisible());
}

void TestStartup::aFailedStartDoesNotLookOnline()
{
    QTemporaryDir dir;
    QUdpSocket held;
    QVERIFY(held.bind(QHostAddress(Me), Port));
    Messenger m(config(Me, QStringLiteral("Me"), Them, dir.path()));
    MainWindow window(&m, UiSettings());
    window.show();
    bool warned = false;
    whenShown<QMessageBox>([&](QMessageBox *box) {
        warned = true;
        box->accept();
    });
    QSignalSpy failed(&m, &Messenger::startFailed);
    m.start();
    QVERIFY(failed.wait());
    QTRY_VERIFY(warned);
    // Neither the status box nor the line under it may claim we are online.
    auto *status = window.findChild<QToolButton *>(QStringLiteral("statusButton"));
    QVERIFY(status);
    QVERIFY(!status->isEnabled());
    const auto labels = window.findChildren<QLabel *>();
    for (const QLabel *label : labels)
        QVERIFY2(!label->text().contains(QStringLiteral("Online")), qPrintable(label->text()));
}

void TestStartup::settingsKeepTheBindOverrideOutOfTheProfile()
{
    QTemporaryDir dir;
    const ProfileSettings profile(dir.path());
    // As main() does with LANPIGEON_BIND: the running node has the override, the profile not.
    Messenger m(config(Me, QStringLiteral("Me"), Them, dir.path()));
    MainWindow window(&m, UiSettings());
    QString shown = QStringLiteral("?");
    whenShown<SettingsDialog>([&](SettingsDialog *dialog) {
        if (auto *bind = dialog->findChild<QLineEdit *>(QStringLiteral("bind")))
            shown = bind->text();
        okButton(dialog)->click();
    });
    window.showSettings();
    QSettings ini(profile.settingsPath(), QSettings::IniFormat);
    QCOMPARE(ini.value(QStringLiteral("network/bind")).toString(), QString());
    QCOMPARE(profile.bindAddress(), QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(shown, QString());

    // The profile's own address is shown and kept; the field can clear it.
    profile.saveAddress(QHostAddress(QStringLiteral("127.0.0.6")), Port);
    whenShown<SettingsDialog>([&](SettingsDialog *dialog) {
        shown = dialog->findChild<QLineEdit *>(QStringLiteral("bind"))->text();
        okButton(dialog)->click();
    });
    window.showSettings();
    QCOMPARE(shown, QStringLiteral("127.0.0.6"));
    QCOMPARE(profile.bindAddress(), QHostAddress(QStringLiteral("127.0.0.6")));
    whenShown<SettingsDialog>([&](SettingsDialog *dialog) {
        dialog->findChild<QLineEdit *>(QStringLiteral("bind"))->clear();
        okButton(dialog)->click();
    });
    window.showSettings();
    QCOMPARE(profile.bindAddress(), QHostAddress(QHostAddress::AnyIPv4));
}

void TestStartup::nickAndWorkgroupReachPeersAtOnce()
{
    QTemporaryDir dir;
    Messenger me(config(Me, QStringLiteral("Me"), Them, dir.filePath(QStringLiteral("me"))));
    Messenger them(config(Them, QStringLiteral("Them"), Me, dir.filePath(QStringLiteral("them"))));
    QVERIFY(startBoth(me, them));
    const QString myId = QStringLiteral("%1:%2").arg(Me).arg(Port);
    QTRY_VERIFY(them.peerModel()->find(myId));
    MainWindow window(&me, UiSettings());
    window.show();
    whenShown<SettingsDialog>([](SettingsDialog *dialog) {
        dialog->findChild<QLineEdit *>(QStringLiteral("nick"))->setText(QStringLiteral("小明"));
        dialog->findChild<QLineEdit *>(QStringLiteral("group"))->setText(QStringLiteral("研发部"));
        okButton(dialog)->click();
    });
    window.showSettings();
    QTRY_COMPARE_WITH_TIMEOUT(them.peerModel()->find(myId)->nick, QStringLiteral("小明"), 2000);
    QCOMPARE(them.peerModel()->find(myId)->group, QStringLiteral("研发部"));
    // And our own header says so too.
    bool header = false;
    const auto labels = window.findChildren<QLabel *>();
    for (const QLabel *label : labels)
        header = header || (label->text().contains(QStringLiteral("小明")) &&
                            label->text().contains(QStringLiteral("研发部")));
    QVERIFY(header);
}

void TestStartup::newSubnetsAndHostsAreAskedAtOnce()
{
    // Neither knows the other: no broadcast on loopback, no extra hosts.
    QTemporaryDir dir;
    NodeConfig mine = config(Me, QStringLiteral("Me"), Them, dir.filePath(QStringLiteral("me")));
    NodeConfig theirs =
        config(Them, QStringLiteral("Them"), Me, dir.filePath(QStringLiteral("them")));
    mine.extraHosts.clear();
    theirs.extraHosts.clear();
    Messenger me(mine);
    Messenger them(theirs);
    QVERIFY(startBoth(me, them));
    MainWindow window(&me, UiSettings());
    whenShown<SettingsDialog>([](SettingsDialog *dialog) {
        if (auto *hosts = dialog->findChild<QLineEdit *>(QStringLiteral("extraHosts")))
            hosts->setText(Them);
        okButton(dialog)->click();
    });
    window.showSettings();
    const QString theirId = QStringLiteral("%1:%2").arg(Them).arg(Port);
    QTRY_VERIFY_WITH_TIMEOUT(me.peerModel()->find(theirId), 2000);
    QTest::qWait(100);
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void TestStartup::whatWaitsForARestartIsSaidInADialog()
{
    QTemporaryDir dir;
    Messenger m(config(Me, QStringLiteral("Me"), Them, dir.path()));
    MainWindow window(&m, UiSettings());
    QString said;
    whenShown<SettingsDialog>([&](SettingsDialog *dialog) {
        auto *language = dialog->findChild<QComboBox *>(QStringLiteral("language"));
        language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
        whenShown<QMessageBox>([&](QMessageBox *box) {
            said = box->text();
            box->accept();
        });
        okButton(dialog)->click();
    });
    window.showSettings();
    QVERIFY2(said.contains(QStringLiteral("language")) &&
                 said.contains(QStringLiteral("next start")),
             qPrintable(said));
    // Nothing that applies at once is announced as waiting: the port, the bind address and
    // the encoding no longer wait either.
    said.clear();
    whenShown<SettingsDialog>([&](SettingsDialog *dialog) {
        dialog->findChild<QLineEdit *>(QStringLiteral("nick"))->setText(QStringLiteral("New"));
        dialog->findChild<QSpinBox *>(QStringLiteral("port"))->setValue(OtherPort);
        dialog->findChild<QLineEdit *>(QStringLiteral("bind"))->setText(Them);
        auto *codec = dialog->findChild<QComboBox *>(QStringLiteral("codec"));
        codec->setCurrentIndex(codec->findData(QByteArray("CP932")));
        okButton(dialog)->click();
    });
    window.showSettings();
    QTest::qWait(100);
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void TestStartup::qtsOwnWordsInChinese()
{
    {
        const Translations chinese{QLocale(QStringLiteral("zh_CN"))};
        QVERIFY2(chinese.hasQtTexts(), "Qt's Chinese catalogue is missing: qt6-translations-l10n");
        QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        QCOMPARE(box.button(QDialogButtonBox::Ok)->text(), QStringLiteral("确定"));
        QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("取消"));
        StartFailureDialog dialog(NodeConfig(), QString(), Messenger::StartError::PortInUse);
        QCOMPARE(dialog.windowTitle(), QStringLiteral("局域网信鸽无法启动"));
    }
    QDialogButtonBox box(QDialogButtonBox::Ok);
    QCOMPARE(box.button(QDialogButtonBox::Ok)->text(), QStringLiteral("OK"));
}

void TestStartup::badHostsAreRefusedByName()
{
    NodeConfig c = config(Me, QStringLiteral("Me"), Them, QDir::tempPath());
    c.extraHosts.clear();
    SettingsDialog dialog(c, UiSettings());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *hosts = dialog.findChild<QLineEdit *>(QStringLiteral("extraHosts"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("extraHostsError"));
    QVERIFY(hosts && error);
    QVERIFY(!error->isVisible());
    const QString typed = QStringLiteral("10.1.2.255, abc; 192.168.7.20 999.1.1.1");
    hosts->setText(typed);
    QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
    // Still open, with every bad entry named and nothing typed lost.
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("abc, 999.1.1.1")), qPrintable(error->text()));
    QCOMPARE(hosts->text(), typed);
    QVERIFY(hosts->hasFocus());
    // The dialog grows for the error: the field keeps its height and both lines show whole.
    QTRY_VERIFY2(hosts->height() >= hosts->sizeHint().height(),
                 qPrintable(QStringLiteral("field %1 px high").arg(hosts->height())));
    QVERIFY2(error->height() >= error->heightForWidth(error->width()),
             qPrintable(QStringLiteral("error %1 px high, needs %2")
                            .arg(error->height())
                            .arg(error->heightForWidth(error->width()))));

    // Mended, it saves them all.
    hosts->clear();
    QTest::keyClicks(hosts, QStringLiteral("10.1.2.255, 192.168.7.20"));
    QVERIFY(!error->isVisible());
    QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.config().extraHosts,
             (QList<QHostAddress>{QHostAddress(QStringLiteral("10.1.2.255")),
                                  QHostAddress(QStringLiteral("192.168.7.20"))}));
}

void TestStartup::bindOverrideIsShownInSettings()
{
    // The profile binds to all networks, but this run was started with LANPIGEON_BIND.
    const NodeConfig c = config(Me, QStringLiteral("Me"), Them, QDir::tempPath());
    NodeConfig profile = c;
    profile.bindAddress = QHostAddress(QHostAddress::AnyIPv4);
    {
        SettingsDialog plain(profile, UiSettings());
        QVERIFY(!plain.findChild<QLabel *>(QStringLiteral("bindOverride")));
    }
    qputenv("LANPIGEON_BIND", "127.0.0.1");
    SettingsDialog dialog(profile, UiSettings());
    qunsetenv("LANPIGEON_BIND");
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("bindOverride"));
    QVERIFY(note);
    QVERIFY(note->isVisible());
    QCOMPARE(note->text(), QStringLiteral("This run: 127.0.0.1, from LANPIGEON_BIND"));
    // The field itself stays the profile's own, so saving keeps the override out of it.
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("bind"))->text(), QString());
}

void TestStartup::hostListSettingsRoundTrip()
{
    NodeConfig c = config(Me, QStringLiteral("Me"), Them, QDir::tempPath());
    SettingsDialog off(c, UiSettings());
    auto *share = off.findChild<QCheckBox *>(QStringLiteral("shareHostList"));
    auto *from = off.findChild<QLineEdit *>(QStringLiteral("listFrom"));
    QVERIFY(share && from);
    // Off unless the user says so.
    QVERIFY(!share->isChecked());
    QVERIFY(from->text().isEmpty());
    QCOMPARE(off.config().shareHostList, false);
    QVERIFY(off.config().listFrom.isEmpty());

    c.shareHostList = true;
    c.listFrom = {QHostAddress(QStringLiteral("10.1.2.20"))};
    SettingsDialog dialog(c, UiSettings());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    share = dialog.findChild<QCheckBox *>(QStringLiteral("shareHostList"));
    from = dialog.findChild<QLineEdit *>(QStringLiteral("listFrom"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("listFromError"));
    QVERIFY(share && from && error);
    QVERIFY(share->isChecked());
    QCOMPARE(from->text(), QStringLiteral("10.1.2.20"));
    // Refused by name as the subnets field refuses, nothing typed lost.
    from->setText(QStringLiteral("10.1.2.20, listhost"));
    QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("listhost")), qPrintable(error->text()));
    QVERIFY(from->hasFocus());
    from->clear();
    QTest::keyClicks(from, QStringLiteral("10.1.2.20 10.9.9.9"));
    QVERIFY(!error->isVisible());
    share->setChecked(false);
    QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.config().listFrom,
             (QList<QHostAddress>{QHostAddress(QStringLiteral("10.1.2.20")),
                                  QHostAddress(QStringLiteral("10.9.9.9"))}));
    QCOMPARE(dialog.config().shareHostList, false);

    // Saved in the profile and read back as the next start reads it.
    QTemporaryDir dir;
    const ProfileSettings profile(dir.path());
    NodeConfig saved = dialog.config();
    saved.profileDir = dir.path();
    profile.save(saved);
    NodeConfig read;
    read.profileDir = dir.path();
    profile.load(&read);
    QCOMPARE(read.listFrom, saved.listFrom);
    QCOMPARE(read.shareHostList, false);
}

void TestStartup::onlyTheLanguageWaitsForARestart()
{
    const NodeConfig c = config(Me, QStringLiteral("Me"), Them, QDir::tempPath());
    SettingsDialog dialog(c, UiSettings());
    auto *later = dialog.findChild<QGroupBox *>(QStringLiteral("restartGroup"));
    QVERIFY(later);
    QList<QWidget *> fields;
    for (QWidget *w : later->findChildren<QWidget *>()) {
        if (qobject_cast<QLineEdit *>(w) || qobject_cast<QSpinBox *>(w) ||
            qobject_cast<QComboBox *>(w) || qobject_cast<QCheckBox *>(w))
            fields.append(w);
    }
    QCOMPARE(fields.size(), 1);
    QCOMPARE(fields.first()->objectName(), QStringLiteral("language"));
    for (const char *name : {"port", "bind", "codec", "listFrom", "shareHostList"})
        QVERIFY2(dialog.findChild<QWidget *>(QLatin1String(name)), name);
}

void TestStartup::newPortAppliesAtOnceOrSaysWhyNot()
{
    QTemporaryDir dir;
    Messenger me(config(Me, QStringLiteral("Me"), Them, dir.filePath(QStringLiteral("me"))));
    Messenger them(config(Them, QStringLiteral("Them"), Me, dir.filePath(QStringLiteral("them"))));
    QVERIFY(startBoth(me, them));
    const QString oldId = QStringLiteral("%1:%2").arg(Me).arg(Port);
    const QString newId = QStringLiteral("%1:%2").arg(Me).arg(OtherPort);
    QTRY_VERIFY(them.peerModel()->find(oldId));
    MainWindow window(&me, UiSettings());
    window.show();

    // A port another program holds: the dialog stays open and says so; nothing moves.
    constexpr quint16 Held = OtherPort + 1;
    QUdpSocket holder;
    QVERIFY(holder.bind(QHostAddress(Me), Held));
    QString said;
    bool stayed = false;
    whenShown<SettingsDialog>([&](SettingsDialog *dialog) {
        dialog->findChild<QSpinBox *>(QStringLiteral("port"))->setValue(Held);
        okButton(dialog)->click();
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("rebindError"));
        QTRY_VERIFY(error->isVisible());
        said = error->text();
        stayed = dialog->isVisible() && okButton(dialog)->isEnabled();
        dialog->reject();
    });
    window.showSettings();
    QVERIFY(stayed);
    QVERIFY2(said.contains(QStringLiteral("in use")) && said.contains(QString::number(Held)),
             qPrintable(said));
    QCOMPARE(me.config().port, Port);
    NodeConfig saved;
    ProfileSettings(dir.filePath(QStringLiteral("me"))).load(&saved);
    QVERIFY(saved.port != Held);

    // A free one: applied at once, the dialog closes, the peer lists us there.
    whenShown<SettingsDialog>([&](SettingsDialog *dialog) {
        dialog->findChild<QSpinBox *>(QStringLiteral("port"))->setValue(OtherPort);
        okButton(dialog)->click();
    });
    window.showSettings();
    QCOMPARE(me.config().port, OtherPort);
    QTRY_VERIFY(them.peerModel()->find(newId));
    QTRY_VERIFY(!them.peerModel()->find(oldId));
    QTest::qWait(100);
    QVERIFY(QApplication::activeModalWidget() == nullptr);
    // And a message reaches us there.
    QSignalSpy got(&me, &Messenger::messageReceived);
    them.sendMessage({newId}, QStringLiteral("found you"));
    QTRY_COMPARE(got.size(), 1);
}

QTEST_MAIN(TestStartup)
#include "tst_startup.moc"
