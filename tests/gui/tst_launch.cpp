// Files on the command line and Start at login, on the offscreen platform: the single-instance
// socket's messages (a table of good and bad ones, hostile bytes refused on a live socket), a
// second real lanpigeon handing its files to us, the Send files dialog offering them to the
// buddies ticked (Cancel sends nothing), and the XDG autostart entry following the setting.
#include "autostart.h"
#include "instancemessage.h"
#include "launcher.h"
#include "mainwindow.h"
#include "messenger.h"
#include "models/peermodel.h"
#include "peerpicker.h"
#include "sendfilesdialog.h"
#include "settingsdialog.h"
#include "singleinstance.h"
#include "translations.h"
#include "windowtestnode.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocalSocket>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
#include <QUrl>
#include <QtEndian>

#include <functional>
#include <memory>

using namespace lanpigeon;
using namespace lanpigeon::ui;

namespace {
// Apart from the other window tests' ports and the Xvfb tests'.
constexpr quint16 Port = 35940;
const QString Me = QStringLiteral("127.0.0.8");
const QString Them = QStringLiteral("127.0.0.9");
const QString TheirId = QStringLiteral("127.0.0.9:35940");

using Parse = InstanceMessage::Parse;

QByteArray u32(quint32 value)
{
    char be[4];
    qToBigEndian(value, be);
    return QByteArray(be, 4);
}

// A frame as the codec's layout says, built by hand so the test does not trust encode().
QByteArray frame(quint8 version, quint8 kind, const QByteArray &body)
{
    return QByteArrayLiteral("LPIM") + char(version) + char(kind) + u32(quint32(body.size())) +
           body;
}

QByteArray pathsBody(const QList<QByteArray> &paths)
{
    QByteArray body = u32(quint32(paths.size()));
    for (const QByteArray &p : paths)
        body += u32(quint32(p.size())) + p;
    return body;
}

void writeFile(const QString &path, qint64 size)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(size, 'x'));
}

// Runs answer on the next top-level widget of type T as soon as it shows.
template <typename T> void whenShown(std::function<void(T *)> answer)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer] {
        const auto widgets = QApplication::topLevelWidgets();
        for (QWidget *w : widgets) {
            if (auto *found = qobject_cast<T *>(w); found && found->isVisible()) {
                timer->stop();
                timer->deleteLater();
                answer(found);
                return;
            }
        }
    });
    timer->start();
}

QStringList listedNames(const SendFilesDialog *dialog)
{
    QStringList names;
    for (int i = 0; i < dialog->fileList()->topLevelItemCount(); ++i)
        names << dialog->fileList()->topLevelItem(i)->text(0);
    return names;
}

void tick(PeerPicker *picker, const QString &peerId)
{
    for (int i = 0; i < picker->list()->count(); ++i) {
        if (picker->list()->item(i)->data(Qt::UserRole).toString() == peerId)
            picker->list()->item(i)->setCheckState(Qt::Checked);
    }
}
} // namespace

class TestLaunch final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void decode_data();
    void decode();
    void everyPrefixOfAGoodMessageWaitsForMore();
    void encodeRoundTrips();
    void answers();
    void argumentsBecomeAbsolutePaths();
    void hostileBytesOnTheSocketAreRefused();
    void aSecondLanpigeonHandsItsFilesOver();
    void sendOffersTheFilesToTheTickedBuddies();
    void autostartFollowsTheSetting();
    void autostartQuotesTheProgram();

private:
    QTemporaryDir m_runtime;
    // Plurals ("2 files") come from the English catalogue, as in the app.
    std::unique_ptr<Translations> m_english;
};

void TestLaunch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // The socket lives in the runtime folder: ours alone, shared with the lanpigeon we start.
    QVERIFY(m_runtime.isValid());
    QFile::setPermissions(m_runtime.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", m_runtime.path().toUtf8());
    m_english = std::make_unique<Translations>(QLocale(QStringLiteral("en")));
}

void TestLaunch::decode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("parse");
    QTest::addColumn<QStringList>("paths");
    const auto ok = int(Parse::Complete);
    const auto bad = int(Parse::Refused);
    const auto more = int(Parse::Incomplete);
    const QByteArray chinese = QStringLiteral("/home/小王/报告 1.pdf").toUtf8();

    QTest::newRow("show") << frame(1, 1, {}) << ok << QStringList();
    QTest::newRow("one path") << frame(1, 2, pathsBody({"/tmp/x.txt"})) << ok
                              << QStringList{QStringLiteral("/tmp/x.txt")};
    QTest::newRow("chinese path and a folder")
        << frame(1, 2, pathsBody({chinese, "/srv/photos"})) << ok
        << QStringList{QString::fromUtf8(chinese), QStringLiteral("/srv/photos")};
    QTest::newRow("nothing yet") << QByteArray() << more << QStringList();
    QTest::newRow("half a header") << QByteArrayLiteral("LPIM\x01") << more << QStringList();
    QTest::newRow("old knock") << QByteArrayLiteral("show\n") << bad << QStringList();
    QTest::newRow("http") << QByteArrayLiteral("GET / HTTP/1.1\r\n\r\n") << bad << QStringList();
    QTest::newRow("wrong magic") << QByteArrayLiteral("LPIX") << bad << QStringList();
    QTest::newRow("version 2") << frame(2, 1, {}) << bad << QStringList();
    QTest::newRow("version 0") << QByteArrayLiteral("LPIM\x00") << bad << QStringList();
    QTest::newRow("unknown kind") << frame(1, 7, {}) << bad << QStringList();
    QTest::newRow("show with a body") << frame(1, 1, "x") << bad << QStringList();
    QTest::newRow("4 GiB announced")
        << (QByteArrayLiteral("LPIM\x01\x02") + u32(0xffffffffu)) << bad << QStringList();
    QTest::newRow("just over the limit")
        << (QByteArrayLiteral("LPIM\x01\x02") + u32(InstanceMessage::MaxBytes)) << bad
        << QStringList();
    QTest::newRow("bytes after the frame") << frame(1, 1, {}) + "!" << bad << QStringList();
    QTest::newRow("no path count") << frame(1, 2, {}) << bad << QStringList();
    QTest::newRow("zero paths") << frame(1, 2, u32(0)) << bad << QStringList();
    QTest::newRow("a billion paths") << frame(1, 2, u32(1000000000)) << bad << QStringList();
    QTest::newRow("two said, one given")
        << frame(1, 2, u32(2) + u32(6) + "/a/b/c") << bad << QStringList();
    QTest::newRow("path longer than the body")
        << frame(1, 2, u32(1) + u32(100) + "/a") << bad << QStringList();
    QTest::newRow("empty path") << frame(1, 2, u32(1) + u32(0)) << bad << QStringList();
    QTest::newRow("path too long")
        << frame(1, 2, pathsBody({'/' + QByteArray(InstanceMessage::MaxPathBytes, 'a')})) << bad
        << QStringList();
    QTest::newRow("bytes after the last path")
        << frame(1, 2, pathsBody({"/a"}) + "zz") << bad << QStringList();
    QTest::newRow("not UTF-8") << frame(1, 2, pathsBody({"/tmp/\xff\xfe"})) << bad << QStringList();
    QTest::newRow("NUL in a path")
        << frame(1, 2, pathsBody({QByteArray("/etc/passwd\0.txt", 16)})) << bad << QStringList();
    QTest::newRow("relative path") << frame(1, 2, pathsBody({"x.txt"})) << bad << QStringList();
}

void TestLaunch::decode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, parse);
    QFETCH(QStringList, paths);
    InstanceMessage message;
    QString why;
    QCOMPARE(int(InstanceMessage::decode(bytes, &message, &why)), parse);
    if (parse == int(Parse::Refused))
        QVERIFY(!why.isEmpty());
    if (parse == int(Parse::Complete)) {
        QCOMPARE(message.kind,
                 paths.isEmpty() ? InstanceMessage::Kind::Show : InstanceMessage::Kind::SendFiles);
        QCOMPARE(message.paths, paths);
    }
}

void TestLaunch::everyPrefixOfAGoodMessageWaitsForMore()
{
    const QByteArray whole = frame(1, 2, pathsBody({"/tmp/a b", "/tmp/c"}));
    InstanceMessage message;
    for (int n = 0; n < whole.size(); ++n)
        QCOMPARE(InstanceMessage::decode(whole.left(n), &message), Parse::Incomplete);
    QCOMPARE(InstanceMessage::decode(whole, &message), Parse::Complete);
}

void TestLaunch::encodeRoundTrips()
{
    InstanceMessage sent;
    sent.kind = InstanceMessage::Kind::SendFiles;
    sent.paths = {QStringLiteral("/home/小王/报告 1.pdf"), QStringLiteral("/srv/photos")};
    QCOMPARE(sent.encode(), frame(1, 2, pathsBody({sent.paths[0].toUtf8(), "/srv/photos"})));
    InstanceMessage got;
    QCOMPARE(InstanceMessage::decode(sent.encode(), &got), Parse::Complete);
    QCOMPARE(got.kind, sent.kind);
    QCOMPARE(got.paths, sent.paths);
    QCOMPARE(InstanceMessage().encode(), frame(1, 1, {}));
}

void TestLaunch::answers()
{
    InstanceMessage::Answer answer = InstanceMessage::Answer::Refused;
    const QByteArray done = InstanceMessage::encodeAnswer(InstanceMessage::Answer::Done);
    QCOMPARE(done, QByteArrayLiteral("LPIA\x01\x00"));
    QCOMPARE(InstanceMessage::decodeAnswer(done, &answer), Parse::Complete);
    QCOMPARE(answer, InstanceMessage::Answer::Done);
    QCOMPARE(InstanceMessage::decodeAnswer(done.left(5), &answer), Parse::Incomplete);
    QCOMPARE(InstanceMessage::decodeAnswer(QByteArrayLiteral("shown\n"), &answer), Parse::Refused);
    QCOMPARE(InstanceMessage::decodeAnswer(QByteArrayLiteral("LPIA\x01\x09"), &answer),
             Parse::Refused);
    QCOMPARE(InstanceMessage::decodeAnswer(done + "x", &answer), Parse::Refused);
}

void TestLaunch::argumentsBecomeAbsolutePaths()
{
    const InstanceMessage none = InstanceMessage::fromArguments({}, QStringLiteral("/home/me"));
    QCOMPARE(none.kind, InstanceMessage::Kind::Show);
    const InstanceMessage m = InstanceMessage::fromArguments(
        {QStringLiteral("x.txt"), QStringLiteral("../shared/y.txt"), QStringLiteral("/etc/hosts"),
         QStringLiteral("file:///tmp/a%20b.txt"), QStringLiteral("./x.txt")},
        QStringLiteral("/home/me/docs"));
    QCOMPARE(m.kind, InstanceMessage::Kind::SendFiles);
    QCOMPARE(m.paths, (QStringList{QStringLiteral("/home/me/docs/x.txt"),
                                   QStringLiteral("/home/me/shared/y.txt"),
                                   QStringLiteral("/etc/hosts"), QStringLiteral("/tmp/a b.txt")}));
}

void TestLaunch::hostileBytesOnTheSocketAreRefused()
{
    QTemporaryDir profile;
    SingleInstance instance(profile.path());
    QCOMPARE(instance.claim(), SingleInstance::Role::First);
    QSignalSpy shown(&instance, &SingleInstance::activationRequested);
    QSignalSpy send(&instance, &SingleInstance::sendRequested);
    const auto talk = [&](const QByteArray &bytes) {
        QLocalSocket socket;
        socket.connectToServer(instance.serverName());
        if (!socket.waitForConnected(2000))
            return QByteArray("not connected");
        socket.write(bytes);
        // The server answers from this thread's event loop: wait in it, not in the socket.
        QByteArray answer;
        QElapsedTimer waited;
        waited.start();
        while (answer.size() < InstanceMessage::AnswerBytes &&
               socket.state() == QLocalSocket::ConnectedState && waited.elapsed() < 3000) {
            QTest::qWait(10);
            answer += socket.readAll();
        }
        return answer + socket.readAll();
    };
    const QByteArray refused = InstanceMessage::encodeAnswer(InstanceMessage::Answer::Refused);
    QCOMPARE(talk(QByteArrayLiteral("show\n")), refused);
    QCOMPARE(talk(frame(1, 2, pathsBody({"relative"}))), refused);
    QCOMPARE(talk(QByteArrayLiteral("LPIM\x01\x02") + u32(0x7fffffff)), refused);
    QByteArray noise(4096, '\0');
    for (int i = 0; i < noise.size(); ++i)
        noise[i] = char((i * 7919) & 0xff);
    QCOMPARE(talk(noise), refused);
    QCOMPARE(shown.count(), 0);
    QCOMPARE(send.count(), 0);
    // Still listening, and a good message still works.
    InstanceMessage good;
    good.kind = InstanceMessage::Kind::SendFiles;
    good.paths = {QStringLiteral("/tmp/x.txt")};
    QCOMPARE(talk(good.encode()), InstanceMessage::encodeAnswer(InstanceMessage::Answer::Done));
    QTRY_COMPARE(send.count(), 1);
    QCOMPARE(send.first().first().toStringList(), good.paths);
    QCOMPARE(shown.count(), 1);
}

void TestLaunch::aSecondLanpigeonHandsItsFilesOver()
{
    QTemporaryDir dir;
    const QString profile = dir.filePath(QStringLiteral("profile"));
    const QString work = dir.filePath(QStringLiteral("work"));
    QVERIFY(QDir().mkpath(profile) && QDir().mkpath(work + QStringLiteral("/sub")));
    writeFile(work + QStringLiteral("/x.txt"), 1500);
    writeFile(work + QStringLiteral("/报告 1.txt"), 20);

    // What main() does for the first LanPigeon.
    SingleInstance instance(profile);
    QCOMPARE(instance.claim(), SingleInstance::Role::First);
    NodeConfig config = test::windowTestNode(Me, Port, QStringLiteral("Me"), QStringLiteral("Dev"),
                                             Them, dir.path());
    config.profileDir = profile;
    Launcher launcher(config, UiSettings());
    connect(&instance, &SingleInstance::activationRequested, &launcher, &Launcher::bringForward);
    connect(&instance, &SingleInstance::sendRequested, &launcher, &Launcher::sendFiles);
    launcher.start();
    QTRY_VERIFY(launcher.window() && launcher.window()->isVisible());
    QVERIFY(!launcher.window()->sendFilesDialog());

    QProcess second;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANPIGEON_PROFILE"), profile);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    second.setProcessEnvironment(env);
    second.setWorkingDirectory(work);
    second.start(QStringLiteral(LANPIGEON_GUI),
                 {QStringLiteral("x.txt"),
                  QUrl::fromLocalFile(work + QStringLiteral("/报告 1.txt")).toString(),
                  QStringLiteral("sub"), QStringLiteral("gone.txt")});
    QVERIFY(second.waitForStarted());
    // Its wait for our answer needs our event loop running.
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 15000);
    const QString said = QString::fromUtf8(second.readAllStandardError());
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QVERIFY2(second.exitCode() == 0, qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("brought forward to send the files")), qPrintable(said));
    QVERIFY2(said.contains(work + QStringLiteral("/gone.txt: no such file")), qPrintable(said));

    QTRY_VERIFY(launcher.window()->sendFilesDialog());
    SendFilesDialog *dialog = launcher.window()->sendFilesDialog();
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(listedNames(dialog),
             (QStringList{QStringLiteral("x.txt"), QStringLiteral("报告 1.txt"),
                          QStringLiteral("sub")}));
    QCOMPARE(dialog->paths(),
             (QStringList{work + QStringLiteral("/x.txt"), work + QStringLiteral("/报告 1.txt"),
                          work + QStringLiteral("/sub")}));
    QCOMPARE(dialog->missing(), QStringList{work + QStringLiteral("/gone.txt")});
    auto *missing = dialog->findChild<QLabel *>(QStringLiteral("sendFilesMissing"));
    QVERIFY(missing->isVisible() && missing->text().contains(QStringLiteral("gone.txt")));
    const QString total = dialog->findChild<QLabel *>(QStringLiteral("sendFilesTotal"))->text();
    QVERIFY2(total.startsWith(QStringLiteral("2 files (")) &&
                 total.endsWith(QStringLiteral("1 folder")),
             qPrintable(total));

    // A third launch while the dialog is open adds to it, not a second dialog.
    QProcess third;
    third.setProcessEnvironment(env);
    third.setWorkingDirectory(work);
    third.start(QStringLiteral(LANPIGEON_GUI), {work + QStringLiteral("/x.txt"), profile});
    QTRY_COMPARE_WITH_TIMEOUT(third.state(), QProcess::NotRunning, 15000);
    QCOMPARE(third.exitCode(), 0);
    QTRY_COMPARE(dialog->paths().size(), 4);
    QCOMPARE(launcher.window()->sendFilesDialog(), dialog);
    QCOMPARE(launcher.window()->findChildren<SendFilesDialog *>().size(), 1);
}

void TestLaunch::sendOffersTheFilesToTheTickedBuddies()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("a.bin")), 1000);
    writeFile(dir.filePath(QStringLiteral("b.bin")), 24);
    const QStringList files{dir.filePath(QStringLiteral("a.bin")),
                            dir.filePath(QStringLiteral("b.bin"))};
    NodeConfig mine = test::windowTestNode(Me, Port, QStringLiteral("Me"), QStringLiteral("Dev"),
                                           Them, dir.filePath(QStringLiteral("me")));
    mine.queueOffline = true;
    Messenger me(mine);
    const NodeConfig theirs =
        test::windowTestNode(Them, Port, QStringLiteral("小王"), QStringLiteral("Dev"), Me,
                             dir.filePath(QStringLiteral("them")));
    auto them = std::make_unique<Messenger>(theirs);
    QSignalSpy started(&me, &Messenger::started);
    me.start();
    QVERIFY(started.wait());
    them->start();
    QTRY_VERIFY(me.peerModel()->find(TheirId));
    MainWindow window(&me, UiSettings());
    window.show();
    QSignalSpy offered(them.get(), &Messenger::offerReceived);

    // Nobody selected, nobody ticked; Cancel sends nothing.
    SendFilesDialog *dialog = window.askSendFiles(files);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->picker()->list()->count(), 1);
    QVERIFY(dialog->peerIds().isEmpty());
    QVERIFY(!dialog->sendButton()->isEnabled());
    tick(dialog->picker(), TheirId);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
    QTRY_VERIFY(!window.sendFilesDialog());
    QTest::qWait(500);
    QCOMPARE(offered.count(), 0);

    // The buddy selected in the list comes ticked; Send offers both files to them.
    QTreeView *tree = window.buddyList();
    tree->expandAll();
    const QModelIndexList found =
        tree->model()->match(tree->model()->index(0, 0), PeerModel::IdRole, TheirId, 1,
                             Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(found.size(), 1);
    tree->setCurrentIndex(found.first());
    dialog = window.askSendFiles(files);
    QCOMPARE(dialog->peerIds(), QStringList{TheirId});
    QVERIFY(dialog->sendButton()->isEnabled());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("sendFilesNote"))
                ->text()
                .contains(QStringLiteral("小王")));
    dialog->sendButton()->click();
    QVERIFY(offered.wait());
    const auto offer = offered.first().first().value<FileOffer>();
    QCOMPARE(offer.items.size(), 2);
    QCOMPARE(offer.items[0].name, QStringLiteral("a.bin"));
    QCOMPARE(offer.items[1].name, QStringLiteral("b.bin"));
    QCOMPARE(offer.totalSize(), quint64(1024));
    QTRY_VERIFY(!window.sendFilesDialog());

    // Gone home: the dialog still lists them, greyed and marked, and the files wait for them.
    QSignalSpy stopped(them.get(), &Messenger::stopped);
    them->shutdown();
    QVERIFY(stopped.wait());
    them.reset();
    QTRY_VERIFY(!me.peerModel()->find(TheirId));
    tree->clearSelection();
    tree->setCurrentIndex({});
    dialog = window.askSendFiles({files.first()});
    QCOMPARE(dialog->picker()->list()->count(), 1);
    QListWidgetItem *away = dialog->picker()->list()->item(0);
    QVERIFY(PeerPicker::isOffline(away));
    QVERIFY2(away->text().contains(QStringLiteral("小王")) &&
                 away->text().contains(QStringLiteral("offline")),
             qPrintable(away->text()));
    QVERIFY(away->flags() & Qt::ItemIsUserCheckable);
    // Found by the search as an online one is.
    dialog->picker()->filter()->setText(QStringLiteral("xiaowang"));
    QVERIFY(!away->isHidden());
    dialog->picker()->filter()->clear();
    tick(dialog->picker(), TheirId);
    QCOMPARE(dialog->peerIds(), QStringList{TheirId});
    QVERIFY(dialog->sendButton()->isEnabled());
    QVERIFY2(dialog->findChild<QLabel *>(QStringLiteral("sendFilesNote"))
                 ->text()
                 .contains(QStringLiteral("wait until they are back")),
             qPrintable(dialog->findChild<QLabel *>(QStringLiteral("sendFilesNote"))->text()));
    dialog->sendButton()->click();
    QTRY_VERIFY(!window.sendFilesDialog());
    QTest::qWait(300);
    QCOMPARE(offered.count(), 1);

    // Back, they get the file from the queue; a dialog open meanwhile follows them, tick kept.
    dialog = window.askSendFiles({files.last()});
    tick(dialog->picker(), TheirId);
    QVERIFY(PeerPicker::isOffline(dialog->picker()->list()->item(0)));
    them = std::make_unique<Messenger>(theirs);
    QSignalSpy offeredAgain(them.get(), &Messenger::offerReceived);
    them->start();
    QTRY_VERIFY_WITH_TIMEOUT(offeredAgain.count() == 1, 15000);
    QTRY_VERIFY(!PeerPicker::isOffline(dialog->picker()->list()->item(0)));
    QCOMPARE(dialog->picker()->list()->count(), 1);
    QVERIFY(dialog->picker()->list()->item(0)->text().contains(Them));
    QCOMPARE(dialog->peerIds(), QStringList{TheirId});
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
    const auto queued = offeredAgain.first().first().value<FileOffer>();
    QCOMPARE(queued.items.size(), 1);
    QCOMPARE(queued.items[0].name, QStringLiteral("a.bin"));
}

void TestLaunch::autostartFollowsTheSetting()
{
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    const QString entry =
        config.filePath(QStringLiteral("autostart/io.github.lanpigeon.LanPigeon.desktop"));
    QCOMPARE(Autostart::entryPath(), entry);
    const auto settings = [](bool tickIt) {
        SettingsDialog dialog{NodeConfig(), UiSettings()};
        const bool wasTicked = dialog.startAtLogin()->isChecked();
        dialog.startAtLogin()->setChecked(tickIt);
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        return wasTicked;
    };
    QVERIFY(!settings(true));
    QVERIFY(QFile::exists(entry));
    QFile file(entry);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.startsWith(QStringLiteral("[Desktop Entry]\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\nExec=") + QCoreApplication::applicationFilePath()),
             qPrintable(text));
    // The checkbox shows what is on disk.
    QVERIFY(settings(true));
    QVERIFY(QFile::exists(entry));
    QVERIFY(settings(false));
    QVERIFY(!QFile::exists(entry));
    QVERIFY(!settings(false));
    // Cancel leaves the entry as it was.
    {
        SettingsDialog dialog{NodeConfig(), UiSettings()};
        dialog.startAtLogin()->setChecked(true);
        dialog.reject();
    }
    QVERIFY(!QFile::exists(entry));
    // A relative XDG_CONFIG_HOME is ignored, as the specification says.
    qputenv("XDG_CONFIG_HOME", "relative/config");
    QCOMPARE(Autostart::entryPath(),
             QDir::home().filePath(
                 QStringLiteral(".config/autostart/io.github.lanpigeon.LanPigeon.desktop")));
    qunsetenv("XDG_CONFIG_HOME");
}

void TestLaunch::autostartQuotesTheProgram()
{
    QCOMPARE(Autostart(QStringLiteral("/usr/bin/lanpigeon")).execLine(),
             QStringLiteral("/usr/bin/lanpigeon"));
    QCOMPARE(Autostart(QStringLiteral("/opt/My Apps/lanpigeon")).execLine(),
             QStringLiteral("\"/opt/My Apps/lanpigeon\""));
    // $ is escaped for the shell-like quoting, then the backslash for the string value.
    QCOMPARE(Autostart(QStringLiteral("/opt/$x/100%/lanpigeon")).execLine(),
             QStringLiteral("\"/opt/\\\\$x/100%%/lanpigeon\""));
    QCOMPARE(
        Autostart(QStringLiteral("/usr/bin/lanpigeon"), QStringLiteral("/home/me/p 2")).execLine(),
        QStringLiteral("env \"LANPIGEON_PROFILE=/home/me/p 2\" /usr/bin/lanpigeon"));
}

QTEST_MAIN(TestLaunch)
#include "tst_launch.moc"
