// The transfers window and the TFTP panel on the offscreen platform, with a real TFTP server and
// client on 127.0.0.1: rows that survive a server restart, settings that apply while serving,
// a list that follows new rows, the progress bar of a selected row, opening files, the keyboard,
// Retry spent once and refused once the offer is gone, the empty list's placeholder, and a
// TFTP Get that asks before replacing a local file.
#include "messenger.h"
#include "models/peermodel.h"
#include "models/transfermodel.h"
#include "tftp/tftpclient.h"
#include "tftp/tftpserver.h"
#include "tftppanel.h"
#include "transferdelegate.h"
#include "transferswindow.h"
#include "windowtestnode.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>
#include <QUrl>

#include <unistd.h>

using namespace lanpigeon;
using namespace lanpigeon::ui;
using State = TransferModel::State;

namespace {

const QHostAddress Loopback(QStringLiteral("127.0.0.1"));

NodeConfig config(const QString &dir)
{
    NodeConfig c;
    c.bindAddress = Loopback;
    // Never started: only its TFTP thread and transfer model are used.
    c.port = 34299;
    c.nick = QStringLiteral("Me");
    c.user = QStringLiteral("user");
    c.host = QStringLiteral("box");
    c.broadcast = false;
    c.profileDir = dir + QStringLiteral("/profile");
    c.downloadDir = dir + QStringLiteral("/downloads");
    return c;
}

QByteArray pattern(int size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        data[i] = char(i * 13 + i / 777);
    return data;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// The download id a test row goes by, one per name.
TransferId idOf(const QString &name)
{
    static QHash<QString, TransferId> ids;
    const auto it = ids.constFind(name);
    if (it != ids.constEnd())
        return *it;
    const TransferId id(TransferId::Kind::Download, quint64(ids.size()) + 1000);
    ids.insert(name, id);
    return id;
}

// A row as a file transfer from a peer adds it, before any byte has moved.
void addWaiting(TransferModel *model, const QString &name, quint64 size)
{
    TransferModel::Transfer t;
    t.id = idOf(name);
    t.name = name + QStringLiteral(".bin");
    t.peer = QStringLiteral("Bob");
    t.size = size;
    model->add(t);
}

quint16 freeUdpPort()
{
    QUdpSocket s;
    s.bind(Loopback, 0);
    return s.localPort();
}

// One get or put with our own client, as any TFTP client on the LAN would do it.
struct Outcome
{
    bool ok = false;
    QString error;
};

Outcome runClient(bool put, quint16 port, const QByteArray &remote, const QString &local)
{
    tftp::TftpClient client;
    tftp::TftpClient::Request r;
    r.put = put;
    r.server = Loopback;
    r.port = port;
    r.remote = remote;
    r.local = local;
    r.bind = Loopback;
    QSignalSpy finished(&client, &tftp::TftpClient::finished);
    QString error;
    if (!client.start(r, &error))
        return {false, error};
    if (!finished.wait(10000))
        return {false, QStringLiteral("timed out")};
    return {finished.first().at(0).toBool(), finished.first().at(1).toString()};
}

void finish(TransferModel *model, const QString &name, State state, const QString &error = {})
{
    TransferResult result;
    result.id = idOf(name);
    result.state = state;
    result.error = error;
    model->setFinished(result);
}

} // namespace

class TestTransfersWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void restartedServerKeepsEarlierRows();
    void allowUploadsAppliesWhileServing();
    void listFollowsNewRows();
    void selectedRowShowsItsProgress();
    void openWithoutHandlerExplainsAndCopiesThePath();
    void keyboardOpensCancelsAndRemoves();
    void stalledTransferDropsItsSpeedAndEta();
    void hideFinishedStaysOn();
    void failedTftpGetRetried();
    void retriedDownloadIsNotRetriedTwice();
    void emptyListSaysWhatItIsFor();
    void tftpGetAsksBeforeReplacingALocalFile();

private:
    quint16 startServer(bool allowWrite);
    // A finished download in the window, fetched over TFTP; returns its id.
    TransferId fetchedFile(const QString &name, const QByteArray &data);
    int rowOf(const TransferId &id) const;
    int rowOf(const QString &name) const { return rowOf(idOf(name)); }

    QTemporaryDir *m_dir = nullptr;
    Messenger *m_messenger = nullptr;
    TransfersWindow *m_window = nullptr;
    QString m_root;
};

void TestTransfersWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTransfersWindow::init()
{
    m_dir = new QTemporaryDir;
    m_root = m_dir->filePath(QStringLiteral("served"));
    QVERIFY(QDir().mkpath(m_root));
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("downloads"))));
    m_messenger = new Messenger(config(m_dir->path()));
    m_window = new TransfersWindow(m_messenger);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestTransfersWindow::cleanup()
{
    delete m_window;
    delete m_messenger;
    delete m_dir;
    m_window = nullptr;
    m_messenger = nullptr;
    m_dir = nullptr;
}

quint16 TestTransfersWindow::startServer(bool allowWrite)
{
    QSignalSpy changed(m_messenger, &Messenger::tftpServerChanged);
    tftp::TftpServer::Config c;
    c.root = m_root;
    c.address = Loopback;
    c.port = 0;
    c.allowWrite = allowWrite;
    m_messenger->startTftpServer(c);
    if (!changed.wait() || !changed.last().at(0).toBool())
        return 0;
    return changed.last().at(2).value<quint16>();
}

int TestTransfersWindow::rowOf(const TransferId &id) const
{
    const auto rows = m_messenger->transferModel()->transfers();
    for (int i = 0; i < rows.size(); ++i) {
        if (rows.at(i).id == id)
            return i;
    }
    return -1;
}

TransferId TestTransfersWindow::fetchedFile(const QString &name, const QByteArray &data)
{
    if (!writeFile(QDir(m_root).filePath(name), data))
        return {};
    const quint16 port = startServer(false);
    if (!port)
        return {};
    QSignalSpy finished(m_messenger, &Messenger::transferFinished);
    tftp::TftpClient::Request r;
    r.server = Loopback;
    r.port = port;
    r.remote = name.toUtf8();
    r.local = m_dir->filePath(QStringLiteral("downloads/") + name);
    r.bind = Loopback;
    const TransferId id = m_messenger->startTftpTransfer(r);
    const TransferModel *model = m_messenger->transferModel();
    if (!QTest::qWaitFor(
            [&] {
                const TransferModel::Transfer *t = model->find(id);
                return t && t->state == State::Done;
            },
            10000))
        return {};
    QSignalSpy stopped(m_messenger, &Messenger::tftpServerChanged);
    m_messenger->stopTftpServer();
    stopped.wait();
    return id;
}

void TestTransfersWindow::restartedServerKeepsEarlierRows()
{
    const QByteArray big = pattern(1000000);
    const QByteArray small = "hello world";
    QVERIFY(writeFile(QDir(m_root).filePath(QStringLiteral("big.bin")), big));
    QVERIFY(writeFile(QDir(m_root).filePath(QStringLiteral("small.txt")), small));
    TransferModel *model = m_messenger->transferModel();

    quint16 port = startServer(false);
    QVERIFY(port);
    Outcome got = runClient(false, port, "big.bin", m_dir->filePath(QStringLiteral("big.bin")));
    QVERIFY2(got.ok, qPrintable(got.error));
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_COMPARE(model->transfers().at(0).state, State::Done);
    const TransferModel::Transfer first = model->transfers().at(0);
    QCOMPARE(first.size, quint64(big.size()));

    QSignalSpy stopped(m_messenger, &Messenger::tftpServerChanged);
    m_messenger->stopTftpServer();
    QVERIFY(stopped.wait());
    port = startServer(false);
    QVERIFY(port);
    got = runClient(false, port, "small.txt", m_dir->filePath(QStringLiteral("small.txt")));
    QVERIFY2(got.ok, qPrintable(got.error));

    // The restarted server's transfer gets a row of its own; the finished one is untouched.
    QTRY_COMPARE(model->rowCount(), 2);
    QTRY_COMPARE(model->transfers().at(1).state, State::Done);
    const TransferModel::Transfer after = model->transfers().at(0);
    QCOMPARE(after.id, first.id);
    QCOMPARE(after.name, QStringLiteral("big.bin"));
    QCOMPARE(after.size, quint64(big.size()));
    QCOMPARE(after.done, quint64(big.size()));
    QCOMPARE(after.state, State::Done);
    const TransferModel::Transfer second = model->transfers().at(1);
    QVERIFY(second.id != first.id);
    QCOMPARE(second.name, QStringLiteral("small.txt"));
    QCOMPARE(second.size, quint64(small.size()));
    QCOMPARE(m_window->view()->model()->rowCount(), 2);
}

void TestTransfersWindow::allowUploadsAppliesWhileServing()
{
    TftpPanel panel(m_messenger);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *root = panel.findChild<QLineEdit *>(QStringLiteral("tftpRoot"));
    auto *browse = panel.findChild<QPushButton *>(QStringLiteral("tftpBrowseRoot"));
    auto *portBox = panel.findChild<QSpinBox *>(QStringLiteral("tftpPort"));
    auto *allow = panel.findChild<QCheckBox *>(QStringLiteral("tftpAllowWrite"));
    auto *serve = panel.findChild<QPushButton *>(QStringLiteral("tftpServe"));
    QVERIFY(root && browse && portBox && allow && serve);
    const quint16 port = freeUdpPort();
    root->setText(m_root);
    portBox->setValue(port);
    QVERIFY(!allow->isChecked());

    QSignalSpy changed(m_messenger, &Messenger::tftpServerChanged);
    QTest::mouseClick(serve, Qt::LeftButton);
    QVERIFY(changed.wait());
    QVERIFY2(changed.last().at(0).toBool(), qPrintable(changed.last().at(3).toString()));

    // What the running server cannot change is locked, and says why.
    for (QWidget *w : {static_cast<QWidget *>(root), static_cast<QWidget *>(browse),
                       static_cast<QWidget *>(portBox)}) {
        QVERIFY(!w->isEnabled());
        QVERIFY(w->toolTip().contains(QStringLiteral("Stop the server")));
    }
    QVERIFY(allow->isEnabled());
    QVERIFY(panel.serverState().contains(QStringLiteral("read-only")));

    const QString upload = m_dir->filePath(QStringLiteral("upload.bin"));
    const QByteArray data = pattern(70000);
    QVERIFY(writeFile(upload, data));
    Outcome put = runClient(true, port, "up1.bin", upload);
    QVERIFY(!put.ok);
    QVERIFY2(put.error.contains(QStringLiteral("Uploads are disabled")), qPrintable(put.error));

    // Ticked while serving: the very next upload is taken, with no restart.
    QTest::mouseClick(allow, Qt::LeftButton);
    QVERIFY(allow->isChecked());
    QVERIFY(panel.serverState().contains(QStringLiteral("uploads")));
    put = runClient(true, port, "up2.bin", upload);
    QVERIFY2(put.ok, qPrintable(put.error));
    QFile got(QDir(m_root).filePath(QStringLiteral("up2.bin")));
    QVERIFY(got.open(QIODevice::ReadOnly));
    QCOMPARE(got.readAll(), data);
    QCOMPARE(changed.size(), 1);

    // And unticked, refused again.
    QTest::mouseClick(allow, Qt::LeftButton);
    put = runClient(true, port, "up3.bin", upload);
    QVERIFY(!put.ok);
    QVERIFY(!QFile::exists(QDir(m_root).filePath(QStringLiteral("up3.bin"))));

    QTest::mouseClick(serve, Qt::LeftButton);
    QVERIFY(changed.wait());
    QVERIFY(!changed.last().at(0).toBool());
    QVERIFY(root->isEnabled() && browse->isEnabled() && portBox->isEnabled());
    QVERIFY(root->toolTip().isEmpty());
}

void TestTransfersWindow::listFollowsNewRows()
{
    m_window->resize(420, 220);
    QListView *view = m_window->view();
    TransferModel *model = m_messenger->transferModel();
    auto addRow = [model](int i) { addWaiting(model, QStringLiteral("test-%1").arg(i), 1000); };
    auto lastRowVisible = [view, model] {
        const QRect r = view->visualRect(model->index(model->rowCount() - 1));
        return view->viewport()->rect().contains(r.center());
    };
    for (int i = 0; i < 12; ++i) {
        addRow(i);
        QApplication::processEvents();
    }
    QTRY_VERIFY(lastRowVisible());

    // Scrolled up to read an older row: new rows do not pull the list away.
    view->verticalScrollBar()->setValue(0);
    addRow(100);
    QApplication::processEvents();
    QTest::qWait(50);
    QCOMPARE(view->verticalScrollBar()->value(), 0);
    QVERIFY(!lastRowVisible());

    // Back at the bottom, it follows again.
    view->scrollToBottom();
    addRow(101);
    QTRY_VERIFY(lastRowVisible());
}

void TestTransfersWindow::selectedRowShowsItsProgress()
{
    TransferModel *model = m_messenger->transferModel();
    for (int i = 0; i < 2; ++i) {
        const QString name = QStringLiteral("half-%1").arg(i);
        addWaiting(model, name, 1000000);
        model->setStarted(idOf(name), QStringLiteral("/tmp/half.iso"), 1000000, 500000);
    }
    QListView *view = m_window->view();
    view->setFocus();
    view->setCurrentIndex(model->index(0));
    QVERIFY(view->selectionModel()->isSelected(model->index(0)));
    QApplication::processEvents();

    // The bar sits on the row's middle line; its filled half must stand out from its empty
    // half, on the highlight as on a plain row.
    const QImage image = view->viewport()->grab().toImage();
    const int line = view->fontMetrics().height();
    for (int row = 0; row < 2; ++row) {
        const QRect r = view->visualRect(model->index(row)).adjusted(8, 4, -8, -4);
        const int y = r.top() + line + 3 + (line - 2) / 2;
        const QColor filled = image.pixelColor(r.left() + r.width() / 4, y);
        const QColor empty = image.pixelColor(r.left() + r.width() * 3 / 4, y);
        const QColor around = image.pixelColor(r.left() + r.width() / 4, r.top() + 1);
        const auto distance = [](const QColor &a, const QColor &b) {
            return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                   std::abs(a.blue() - b.blue());
        };
        QVERIFY2(distance(filled, empty) > 90,
                 qPrintable(QStringLiteral("row %1: filled %2, empty %3")
                                .arg(row)
                                .arg(filled.name(), empty.name())));
        QVERIFY2(distance(filled, around) > 90,
                 qPrintable(QStringLiteral("row %1: filled %2 on the row's %3")
                                .arg(row)
                                .arg(filled.name(), around.name())));
    }
}

void TestTransfersWindow::openWithoutHandlerExplainsAndCopiesThePath()
{
    const TransferId id = fetchedFile(QStringLiteral("report.pdf"), pattern(3000));
    QVERIFY(id.isValid());
    const QString path = m_messenger->transferModel()->find(id)->path;
    QListView *view = m_window->view();
    view->setCurrentIndex(m_messenger->transferModel()->index(rowOf(id)));
    QVERIFY(m_window->openFileButton()->isEnabled());

    // The offscreen platform, like a bare window manager, has nothing to open files with.
    QVERIFY(!QDesktopServices::openUrl(QUrl::fromLocalFile(path)));
    QTest::mouseClick(m_window->openFileButton(), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("cannotOpen"))));
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->informativeText(), path);
    QVERIFY(box->text().contains(QStringLiteral("No program")));
    QAbstractButton *copy = nullptr;
    for (QAbstractButton *b : box->buttons()) {
        if (b->text() == QStringLiteral("Copy path"))
            copy = b;
    }
    QVERIFY(copy);
    QApplication::clipboard()->clear();
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), path);
    QTRY_VERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("cannotOpen")));

    // A file deleted since says so, rather than that nothing can open it.
    QVERIFY(QFile::remove(path));
    QTest::mouseClick(m_window->openFileButton(), Qt::LeftButton);
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("cannotOpen"))));
    QVERIFY(box->text().contains(QStringLiteral("no longer there")));
    box->close();
}

// Receives what QDesktopServices would hand to the desktop.
class UrlCatcher final : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public slots:
    void open(const QUrl &url) { urls.append(url); }
};

void TestTransfersWindow::keyboardOpensCancelsAndRemoves()
{
    const TransferId id = fetchedFile(QStringLiteral("photo.jpg"), pattern(5000));
    QVERIFY(id.isValid());
    TransferModel *model = m_messenger->transferModel();
    const QString path = model->find(id)->path;
    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "open");
    QListView *view = m_window->view();
    m_window->activateWindow();
    view->setFocus();
    view->setCurrentIndex(model->index(rowOf(id)));

    // Enter opens the file, as in a file manager.
    QTest::keyClick(view, Qt::Key_Return);
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(catcher.urls.size(), 1);
    QCOMPARE(catcher.urls.first(), QUrl::fromLocalFile(path));

    // Delete on a running transfer cancels it: a get from a server that never answers.
    QUdpSocket silent;
    QVERIFY(silent.bind(Loopback, 0));
    tftp::TftpClient::Request r;
    r.server = Loopback;
    r.port = silent.localPort();
    r.remote = "never.bin";
    r.local = m_dir->filePath(QStringLiteral("downloads/never.bin"));
    r.bind = Loopback;
    const TransferId stalled = m_messenger->startTftpTransfer(r);
    QTRY_VERIFY(rowOf(stalled) >= 0);
    view->setCurrentIndex(model->index(rowOf(stalled)));
    QVERIFY(m_window->cancelButton()->isEnabled());
    QTest::keyClick(view, Qt::Key_Delete);
    QTRY_COMPARE(model->find(stalled)->state, State::Cancelled);
    QVERIFY(!view->isRowHidden(rowOf(stalled)));

    // Delete on a finished one takes it off the list (the model keeps it for the chat).
    QTest::keyClick(view, Qt::Key_Delete);
    QVERIFY(view->isRowHidden(rowOf(stalled)));
    QVERIFY(model->find(stalled));
    QVERIFY(view->currentIndex().isValid());
    QVERIFY(!view->isRowHidden(view->currentIndex().row()));
    // Escape closes the window, as it does the chat window.
    m_window->show();
    QVERIFY(m_window->isVisible());
    QTest::keyClick(view, Qt::Key_Escape);
    QVERIFY(!m_window->isVisible());
}

void TestTransfersWindow::stalledTransferDropsItsSpeedAndEta()
{
    // A transfer whose peer went quiet halfway kept its last speed and "1 s left" forever.
    TransferModel *model = m_messenger->transferModel();
    addWaiting(model, QStringLiteral("quiet"), 10000000);
    const TransferId id = idOf(QStringLiteral("quiet"));
    model->setStarted(id, QStringLiteral("/tmp/quiet.bin"), 10000000, 0);
    QTest::qWait(250);
    model->setProgress(id, 2000000, 10000000);
    const QModelIndex row = model->index(rowOf(id));
    QVERIFY(model->find(id)->speed > 0);
    QVERIFY(row.data(TransferModel::EtaRole).toLongLong() >= 0);
    QVERIFY(TransferDelegate::detailText(row).contains(QStringLiteral("/s")));

    QTRY_VERIFY_WITH_TIMEOUT(row.data(TransferModel::StalledRole).toBool(),
                             int(TransferModel::StallMs) + 2000);
    QCOMPARE(model->find(id)->state, State::Active);
    QCOMPARE(model->find(id)->speed, 0.0);
    QCOMPARE(row.data(TransferModel::EtaRole).toLongLong(), -1);
    const QString text = TransferDelegate::detailText(row);
    QVERIFY2(text.contains(QStringLiteral("stalled")) && !text.contains(QStringLiteral("/s")),
             qPrintable(text));

    // Bytes again: no longer stalled, and measured afresh.
    model->setProgress(id, 2100000, 10000000);
    QVERIFY(!row.data(TransferModel::StalledRole).toBool());
    QTest::qWait(250);
    model->setProgress(id, 2600000, 10000000);
    QVERIFY(model->find(id)->speed > 1e6);
    QVERIFY(row.data(TransferModel::EtaRole).toLongLong() >= 0);
}

void TestTransfersWindow::hideFinishedStaysOn()
{
    TransferModel *model = m_messenger->transferModel();
    for (const char *id : {"ended", "running", "removed"}) {
        addWaiting(model, QLatin1String(id), 1000);
        model->setStarted(idOf(QLatin1String(id)), QStringLiteral("/tmp/x"), 1000, 10);
    }
    finish(model, QStringLiteral("ended"), State::Done);
    finish(model, QStringLiteral("removed"), State::Failed, QStringLiteral("timeout"));
    QListView *view = m_window->view();
    view->setFocus();
    view->setCurrentIndex(model->index(rowOf(QStringLiteral("removed"))));
    QTest::keyClick(view, Qt::Key_Delete);
    QVERIFY(view->isRowHidden(rowOf(QStringLiteral("removed"))));

    QPushButton *hide = m_window->hideFinishedButton();
    QTest::mouseClick(hide, Qt::LeftButton);
    QVERIFY(view->isRowHidden(rowOf(QStringLiteral("ended"))));
    QVERIFY(!view->isRowHidden(rowOf(QStringLiteral("running"))));
    // Finishing later, it leaves the list as well: the switch stays on.
    finish(model, QStringLiteral("running"), State::Done);
    QVERIFY(view->isRowHidden(rowOf(QStringLiteral("running"))));
    QVERIFY(hide->isChecked());

    // Off again: the finished rows come back, but not one the user removed.
    QTest::mouseClick(hide, Qt::LeftButton);
    QVERIFY(!view->isRowHidden(rowOf(QStringLiteral("ended"))));
    QVERIFY(!view->isRowHidden(rowOf(QStringLiteral("running"))));
    QVERIFY(view->isRowHidden(rowOf(QStringLiteral("removed"))));
}

void TestTransfersWindow::failedTftpGetRetried()
{
    // A get from a device whose server was not up yet fails; Retry, once it is, fetches it.
    const quint16 port = freeUdpPort();
    const QByteArray data = pattern(40000);
    QVERIFY(writeFile(QDir(m_root).filePath(QStringLiteral("boot.img")), data));
    tftp::TftpClient::Request r;
    r.server = Loopback;
    r.port = port;
    r.remote = "boot.img";
    r.local = m_dir->filePath(QStringLiteral("downloads/boot.img"));
    r.bind = Loopback;
    const TransferId id = m_messenger->startTftpTransfer(r);
    TransferModel *model = m_messenger->transferModel();
    QTRY_VERIFY(model->find(id) && model->find(id)->state == State::Failed);
    QListView *view = m_window->view();
    view->setCurrentIndex(model->index(rowOf(id)));
    QVERIFY(m_window->retryButton()->isEnabled());

    QSignalSpy changed(m_messenger, &Messenger::tftpServerChanged);
    tftp::TftpServer::Config c;
    c.root = m_root;
    c.address = Loopback;
    c.port = port;
    m_messenger->startTftpServer(c);
    QVERIFY(changed.wait());
    QVERIFY2(changed.last().at(0).toBool(), qPrintable(changed.last().at(3).toString()));
    QSignalSpy retried(m_messenger, &Messenger::transferRetried);
    QTest::mouseClick(m_window->retryButton(), Qt::LeftButton);
    QCOMPARE(retried.size(), 1);
    QVERIFY(retried.first().at(1).toBool());
    // Our get and the server's send: two new rows, the failed one kept as it ended.
    QTRY_COMPARE(model->rowCount(), 3);
    TransferId again;
    for (const TransferModel::Transfer &t : model->transfers()) {
        if (t.id != id && t.retryable)
            again = t.id;
    }
    QVERIFY(again.isValid());
    QTRY_COMPARE(model->find(again)->state, State::Done);
    QFile got(r.local);
    QVERIFY(got.open(QIODevice::ReadOnly));
    QCOMPARE(got.readAll(), data);
    QCOMPARE(model->find(id)->state, State::Failed);
}

void TestTransfersWindow::retriedDownloadIsNotRetriedTwice()
{
    // A peer on loopback offers a file; we fetch it, cancel, and retry from the window.
    const QString myIp = QStringLiteral("127.0.0.41");
    const QString theirIp = QStringLiteral("127.0.0.42");
    constexpr quint16 port = 34341;
    delete m_window;
    delete m_messenger;
    m_messenger =
        new Messenger(test::windowTestNode(myIp, port, QStringLiteral("Me"), QStringLiteral("Dev"),
                                           theirIp, m_dir->filePath(QStringLiteral("me"))));
    m_window = new TransfersWindow(m_messenger);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    Messenger peer(test::windowTestNode(theirIp, port, QStringLiteral("Bob"), QStringLiteral("Dev"),
                                        myIp, m_dir->filePath(QStringLiteral("bob"))));
    QSignalSpy meStarted(m_messenger, &Messenger::started);
    QSignalSpy peerStarted(&peer, &Messenger::started);
    m_messenger->start();
    peer.start();
    QVERIFY(meStarted.count() || meStarted.wait());
    QVERIFY(peerStarted.count() || peerStarted.wait());
    const QString myId = QStringLiteral("%1:%2").arg(myIp).arg(port);
    QTRY_VERIFY(peer.peerModel()->find(myId));

    // Sparse, so the sender costs no disk; the receiver is cancelled long before the end.
    QFile f(m_dir->filePath(QStringLiteral("disk.img")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    QVERIFY(::ftruncate(f.handle(), 512LL * 1024 * 1024) == 0);
    f.close();
    QSignalSpy offered(m_messenger, &Messenger::offerReceived);
    peer.offerFiles({myId}, {f.fileName()});
    QVERIFY(offered.wait());
    const OfferId offerId = offered.first().at(0).value<FileOffer>().id();
    TransferModel *model = m_messenger->transferModel();
    // Cancelled as soon as it is listed, as a user would a transfer started by mistake.
    QMetaObject::Connection cancelNew =
        connect(model, &QAbstractItemModel::rowsInserted, this, [this, model](auto, int first) {
            m_messenger->cancelTransfer(
                model->index(first).data(TransferModel::IdRole).value<TransferId>());
        });
    const QString downloads = m_dir->filePath(QStringLiteral("me/downloads"));
    QVERIFY(QDir().mkpath(downloads));
    m_messenger->acceptOffer(offerId, downloads);
    QTRY_COMPARE(model->rowCount(), 1);
    const auto first = model->index(0).data(TransferModel::IdRole).value<TransferId>();
    QTRY_COMPARE(model->find(first)->state, State::Cancelled);

    QListView *view = m_window->view();
    view->setCurrentIndex(model->index(0));
    QVERIFY(m_window->retryButton()->isEnabled());
    QTest::mouseClick(m_window->retryButton(), Qt::LeftButton);
    // Before the transfer thread even answers, the row says it was retried and offers no more.
    QVERIFY(!m_window->retryButton()->isEnabled());
    QCOMPARE(model->index(0).data(TransferModel::RetryRole).value<TransferModel::Retry>(),
             TransferModel::Retry::Retried);
    QVERIFY2(TransferDelegate::detailText(model->index(0)).contains(QStringLiteral("retried")),
             qPrintable(TransferDelegate::detailText(model->index(0))));
    QTRY_COMPARE(model->rowCount(), 2);
    const auto second = model->index(1).data(TransferModel::IdRole).value<TransferId>();
    QTRY_COMPARE(model->find(second)->state, State::Cancelled);
    // A second press on the old row (the button, the menu, anything) starts nothing.
    QTest::mouseClick(m_window->retryButton(), Qt::LeftButton);
    QTest::qWait(300);
    QCOMPARE(model->rowCount(), 2);
    QVERIFY(!QFileInfo::exists(downloads + QStringLiteral("/disk (1).img.part")));
    disconnect(cancelNew);

    // The newest row can be retried, until the offer is gone: then it says why.
    view->setCurrentIndex(model->index(1));
    QVERIFY(m_window->retryButton()->isEnabled());
    m_messenger->rejectOffer(offerId);
    QSignalSpy retried(m_messenger, &Messenger::transferRetried);
    QTest::mouseClick(m_window->retryButton(), Qt::LeftButton);
    QTRY_COMPARE(retried.size(), 1);
    QVERIFY(!retried.first().at(1).toBool());
    QTRY_COMPARE(model->index(1).data(TransferModel::RetryRole).value<TransferModel::Retry>(),
                 TransferModel::Retry::Refused);
    QVERIFY(!m_window->retryButton()->isEnabled());
    QVERIFY(TransferDelegate::detailText(model->index(1)).contains(QStringLiteral("cannot retry")));
    auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("cannotRetry"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY(box->text().contains(QStringLiteral("no longer offers")));
    box->close();
    QCOMPARE(model->rowCount(), 2);
}

void TestTransfersWindow::emptyListSaysWhatItIsFor()
{
    // A fresh start: nothing has moved yet, and the list says what will show there.
    QLabel *placeholder = m_window->placeholder();
    QVERIFY(placeholder->isVisible());
    QCOMPARE(placeholder->text(),
             QStringLiteral("No transfers yet. Files you send or receive show here."));
    QVERIFY(m_window->view()->viewport()->rect().contains(placeholder->geometry().center()));

    TransferModel *model = m_messenger->transferModel();
    addWaiting(model, QStringLiteral("down-1"), 100);
    QVERIFY(!placeholder->isVisible());
    finish(model, QStringLiteral("down-1"), State::Done);
    // Only finished rows, hidden: the list is empty again, for another reason.
    m_window->hideFinishedButton()->click();
    QVERIFY(placeholder->isVisible());
    QVERIFY(placeholder->text().contains(QStringLiteral("Hide finished")));
    m_window->hideFinishedButton()->click();
    QVERIFY(!placeholder->isVisible());
}

void TestTransfersWindow::tftpGetAsksBeforeReplacingALocalFile()
{
    const QByteArray served = pattern(30000);
    QVERIFY(writeFile(QDir(m_root).filePath(QStringLiteral("config.bin")), served));
    const quint16 port = startServer(false);
    QVERIFY(port);
    TftpPanel panel(m_messenger);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *host = panel.findChild<QLineEdit *>(QStringLiteral("tftpHost"));
    auto *remote = panel.findChild<QLineEdit *>(QStringLiteral("tftpRemote"));
    auto *local = panel.findChild<QLineEdit *>(QStringLiteral("tftpLocal"));
    auto *get = panel.findChild<QPushButton *>(QStringLiteral("tftpGet"));
    auto *state = panel.findChild<QLabel *>(QStringLiteral("tftpClientState"));
    QVERIFY(host && remote && local && get && state);
    // The user's own file, where the fetched one would go.
    const QString mine = m_dir->filePath(QStringLiteral("downloads/config.bin"));
    const QByteArray theirs = "my edited config, not saved anywhere else";
    QVERIFY(writeFile(mine, theirs));
    host->setText(QStringLiteral("127.0.0.1:%1").arg(port));
    remote->setText(QStringLiteral("config.bin"));
    local->setText(mine);
    TransferModel *model = m_messenger->transferModel();
    const auto contents = [&mine] {
        QFile f(mine);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };

    // Get asks first, and nothing starts while it asks.
    QTest::mouseClick(get, Qt::LeftButton);
    auto *box = panel.findChild<QMessageBox *>(QStringLiteral("tftpReplace"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().contains(QStringLiteral("already exists")), qPrintable(box->text()));
    QCOMPARE(model->rowCount(), 0);
    // Cancel (also Escape's and Enter's answer) keeps the file.
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTest::qWait(200);
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(contents(), theirs);
    QVERIFY(state->text().contains(QStringLiteral("kept")));

    // Replace fetches it over the old one.
    QTest::mouseClick(get, Qt::LeftButton);
    box = panel.findChild<QMessageBox *>(QStringLiteral("tftpReplace"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("replace")), Qt::LeftButton);
    QTRY_VERIFY(model->rowCount() >= 1);
    const auto id = model->index(0).data(TransferModel::IdRole).value<TransferId>();
    QTRY_COMPARE(model->find(id)->state, State::Done);
    QCOMPARE(contents(), served);

    // A folder there is never a file to replace: refused, with the reason.
    local->setText(m_dir->filePath(QStringLiteral("downloads")));
    const int rows = model->rowCount();
    QTest::mouseClick(get, Qt::LeftButton);
    QVERIFY2(state->text().contains(QStringLiteral("is a folder")), qPrintable(state->text()));
    QTest::qWait(200);
    QCOMPARE(model->rowCount(), rows);
}

QTEST_MAIN(TestTransfersWindow)
#include "tst_transferswindow.moc"
