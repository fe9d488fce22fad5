// The window on the offscreen platform against a real peer on loopback: the buddy list, a
// chat with delivery states, unread counts on the tray, an offer accepted inline, settings
// and Chinese.
#include "bubbledelegate.h"
#include "chatpage.h"
#include "chatwindow.h"
#include "conversationmodel.h"
#include "groupedpeermodel.h"
#include "historystore.h"
#include "mainwindow.h"
#include "messageinput.h"
#include "messenger.h"
#include "offercard.h"
#include "peermodel.h"
#include "settingsdialog.h"
#include "tftpclient.h"
#include "tftpserver.h"
#include "transfermodel.h"
#include "transferswindow.h"
#include "trayicon.h"
#include "uisettings.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

using namespace lanpigeon;
using namespace lanpigeon::ui;

namespace {
constexpr quint16 Port = 34257;
const QString Me = QStringLiteral("127.0.0.1");
const QString Them = QStringLiteral("127.0.0.2");
const QString TheirId = QStringLiteral("127.0.0.2:34257");

NodeConfig config(const QString &ip, const QString &nick, const QString &group,
                  const QString &peerIp, const QString &dir)
{
    NodeConfig c;
    c.bindAddress = QHostAddress(ip);
    c.port = Port;
    c.nick = nick;
    c.user = QStringLiteral("user");
    c.host = QStringLiteral("box");
    c.group = group;
    c.broadcast = false;
    c.extraHosts = {QHostAddress(peerIp)};
    c.profileDir = dir + QStringLiteral("/profile");
    c.downloadDir = dir + QStringLiteral("/downloads");
    c.retryIntervalMs = 100;
    c.maxAttempts = 3;
    return c;
}
} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void peersAppearAndVanish();
    void chatSendsAndShowsStates();
    void unreadMessagesCountOnTheTray();
    void offerAcceptedInlineWithProgress();
    void groupMessageReachesTheWholeWorkgroup();
    void historySearch();
    void historyLoadsOnlyWhenScrolledUp();
    void cancelledDownloadRetriedFromTheTransfersWindow();
    void linksInBubblesAreClickable();
    void settingsRoundTrip();
    void autoAcceptRules();
    void switchesToChinese();

private:
    void startPeer();

    QTemporaryDir *m_dir = nullptr;
    Messenger *m_me = nullptr;
    Messenger *m_peer = nullptr;
    MainWindow *m_window = nullptr;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestMainWindow::init()
{
    m_dir = new QTemporaryDir;
    m_me = new Messenger(config(Me, QStringLiteral("Me"), QStringLiteral("Dev"), Them,
                                m_dir->filePath(QStringLiteral("me"))));
    m_window = new MainWindow(m_me, UiSettings());
    m_window->show();
    QSignalSpy started(m_me, &Messenger::started);
    m_me->start();
    QVERIFY(started.wait());
}

void TestMainWindow::startPeer()
{
    m_peer = new Messenger(config(Them, QStringLiteral("小王"), QStringLiteral("研发部"), Me,
                                  m_dir->filePath(QStringLiteral("peer"))));
    QSignalSpy started(m_peer, &Messenger::started);
    m_peer->start();
    QVERIFY(started.wait());
}

void TestMainWindow::cleanup()
{
    delete m_window;
    delete m_peer;
    delete m_me;
    delete m_dir;
    m_window = nullptr;
    m_peer = nullptr;
    m_me = nullptr;
}

void TestMainWindow::peersAppearAndVanish()
{
    QTreeView *tree = m_window->buddyList();
    QCOMPARE(tree->model()->rowCount(), 0);
    startPeer();
    QTRY_COMPARE(tree->model()->rowCount(), 1);
    const QModelIndex group = tree->model()->index(0, 0);
    QCOMPARE(group.data().toString(), QStringLiteral("研发部 (1 online)"));
    QVERIFY(tree->isExpanded(group));
    QCOMPARE(tree->model()->index(0, 0, group).data().toString(), QStringLiteral("小王"));
    // The filter hides what does not match and keeps the group of what does.
    QTest::keyClicks(m_window->filterBox(), QStringLiteral("nobody"));
    QCOMPARE(tree->model()->rowCount(), 0);
    m_window->filterBox()->clear();
    QTest::keyClicks(m_window->filterBox(), QStringLiteral("127.0.0.2"));
    QCOMPARE(tree->model()->rowCount(), 1);
    m_window->filterBox()->clear();
    m_window->openChat(TheirId);
    auto *header =
        m_window->chatWindow()->page(TheirId)->findChild<QLabel *>(QStringLiteral("peerHeader"));
    QVERIFY(header);
    QVERIFY(header->text().contains(QStringLiteral("小王")));
    QVERIFY(!header->text().contains(QStringLiteral("offline")));
    // Leaving says BR_EXIT: the row and its now empty group go, and an open chat says so.
    QSignalSpy stopped(m_peer, &Messenger::stopped);
    m_peer->shutdown();
    QVERIFY(stopped.wait());
    QTRY_COMPARE(tree->model()->rowCount(), 0);
    QTRY_VERIFY(header->text().contains(QStringLiteral("offline")));
    // Still under the name it had, not its address.
    QVERIFY(header->text().contains(QStringLiteral("小王")));
    QCOMPARE(m_window->chatWindow()->windowTitle(), QStringLiteral("小王 — LanPigeon"));
}

void TestMainWindow::chatSendsAndShowsStates()
{
    startPeer();
    QTreeView *tree = m_window->buddyList();
    QTRY_COMPARE(tree->model()->rowCount(), 1);
    // A double-click on the buddy opens the chat.
    const QModelIndex buddy = tree->model()->index(0, 0, tree->model()->index(0, 0));
    const QPoint at = tree->visualRect(buddy).center();
    // A view only takes a double-click on an index it saw pressed first.
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
    ChatPage *page = m_window->chatWindow()->page(TheirId);
    QVERIFY(page);
    QVERIFY(m_window->chatWindow()->isVisible());
    QSignalSpy received(m_peer, &Messenger::messageReceived);
    QTest::keyClicks(page->input(), QStringLiteral("hello "));
    // Typed through an input method: QTest has no key events for Chinese.
    page->input()->insertPlainText(QStringLiteral("你好"));
    QTest::keyClick(page->input(), Qt::Key_Return);
    QVERIFY(page->input()->toPlainText().isEmpty());
    QVERIFY(received.wait());
    QCOMPARE(received.first().at(0).value<ChatMessage>().text, QStringLiteral("hello 你好"));
    ConversationModel *model = page->model();
    QTRY_COMPARE(model->rowCount(), 1);
    const QModelIndex row = model->index(0);
    QVERIFY(row.data(ConversationModel::OutgoingRole).toBool());
    QTRY_COMPARE(DeliveryState(row.data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Delivered);
    QCOMPARE(BubbleDelegate::stateText(row), QStringLiteral("✓ delivered"));
    // Ctrl+Enter is a new line, not a send.
    QTest::keyClicks(page->input(), QStringLiteral("two"));
    QTest::keyClick(page->input(), Qt::Key_Return, Qt::ControlModifier);
    QTest::keyClicks(page->input(), QStringLiteral("lines"));
    QCOMPARE(page->input()->toPlainText(), QStringLiteral("two\nlines"));
    page->input()->clear();

    // The peer goes away without a word: the next message fails, and says so.
    QSignalSpy stopped(m_peer, &Messenger::stopped);
    delete m_peer;
    m_peer = nullptr;
    QTest::keyClicks(page->input(), QStringLiteral("anyone?"));
    QTest::keyClick(page->input(), Qt::Key_Return);
    QTRY_COMPARE(model->rowCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(
        DeliveryState(model->index(1).data(ConversationModel::StateRole).toInt()),
        DeliveryState::Failed, 10000);
    QVERIFY(BubbleDelegate::stateText(model->index(1)).contains(QStringLiteral("not delivered")));
}

void TestMainWindow::unreadMessagesCountOnTheTray()
{
    startPeer();
    QTRY_COMPARE(m_me->peerModel()->rowCount(), 1);
    const QString myId = QStringLiteral("127.0.0.1:34257");
    QTRY_VERIFY(m_peer->peerModel()->find(myId));
    m_peer->sendMessage({myId}, QStringLiteral("第一条"));
    m_peer->sendMessage({myId}, QStringLiteral("second"));
    TrayIcon *tray = m_window->tray();
    QTRY_COMPARE(tray->unread(), 2);
    QVERIFY(tray->blinking());
    QCOMPARE(m_window->unreadTotal(), 2);
    // The conversation waits as a tab with its count; the chat window did not jump up.
    QVERIFY(!m_window->chatWindow()->isVisible());
    ChatPage *page = m_window->chatWindow()->page(TheirId);
    QVERIFY(page);
    QCOMPARE(page->model()->rowCount(), 2);
    QCOMPARE(page->model()->index(0).data().toString(), QStringLiteral("第一条"));
    QVERIFY(tray->toolTip().contains(QLatin1Char('2')));
    // Opening the chat reads them.
    m_window->openChat(TheirId);
    m_window->chatWindow()->activateWindow();
    QTRY_COMPARE(tray->unread(), 0);
    QVERIFY(!tray->blinking());
}

void TestMainWindow::offerAcceptedInlineWithProgress()
{
    startPeer();
    const QString myId = QStringLiteral("127.0.0.1:34257");
    QTRY_VERIFY(m_peer->peerModel()->find(myId));
    QTemporaryDir outgoing;
    QByteArray data(4 * 1024 * 1024, Qt::Uninitialized);
    for (int i = 0; i < data.size(); ++i)
        data[i] = char(i % 251);
    QFile f(outgoing.filePath(QStringLiteral("图纸.bin")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    f.close();
    m_peer->offerFiles({myId}, {f.fileName()}, QStringLiteral("the drawings"));
    QTRY_VERIFY(m_window->chatWindow()->page(TheirId));
    ChatPage *page = m_window->chatWindow()->page(TheirId);
    QTRY_VERIFY(page->findChild<OfferCard *>());
    OfferCard *card = page->findChild<OfferCard *>();
    QCOMPARE(m_window->tray()->unread(), 1);
    // Click Accept as the user would.
    QPushButton *accept = nullptr;
    for (QPushButton *b : card->findChildren<QPushButton *>()) {
        if (b->text().contains(QStringLiteral("Accept")))
            accept = b;
    }
    QVERIFY(accept);
    m_window->chatWindow()->show();
    QTest::mouseClick(accept, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(card->progressPercent(), 100, 20000);
    const QString saved = m_me->config().downloadDir + QStringLiteral("/图纸.bin");
    QFile got(saved);
    QVERIFY(got.open(QIODevice::ReadOnly));
    QCOMPARE(got.readAll(), data);
    QVERIFY(!accept->isVisible());
}

void TestMainWindow::groupMessageReachesTheWholeWorkgroup()
{
    startPeer();
    QTreeView *tree = m_window->buddyList();
    QTRY_COMPARE(tree->model()->rowCount(), 1);
    tree->setCurrentIndex(tree->model()->index(0, 0));
    QCOMPARE(m_window->selectedPeerIds(), QStringList{TheirId});
    QSignalSpy received(m_peer, &Messenger::messageReceived);
    m_window->sendToSelected(QStringLiteral("meeting at 3"));
    QVERIFY(received.wait());
    QCOMPARE(received.first().at(0).value<ChatMessage>().text, QStringLiteral("meeting at 3"));
}

void TestMainWindow::cancelledDownloadRetriedFromTheTransfersWindow()
{
    startPeer();
    const QString myId = QStringLiteral("127.0.0.1:34257");
    QTRY_VERIFY(m_peer->peerModel()->find(myId));
    QTemporaryDir outgoing;
    QByteArray chunk(1024 * 1024, Qt::Uninitialized);
    for (int i = 0; i < chunk.size(); ++i)
        chunk[i] = char(i * 13);
    QFile f(outgoing.filePath(QStringLiteral("big.bin")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    for (int i = 0; i < 256; ++i)
        f.write(chunk);
    f.close();
    m_peer->offerFiles({myId}, {f.fileName()});
    QTRY_VERIFY(m_window->chatWindow()->page(TheirId));
    QTRY_VERIFY(m_window->chatWindow()->page(TheirId)->findChild<OfferCard *>());
    m_window->chatWindow()->page(TheirId)->findChild<OfferCard *>()->accept(
        m_me->config().downloadDir);
    TransferModel *transfers = m_me->transferModel();
    QTRY_COMPARE(transfers->rowCount(), 1);
    const QString first = transfers->index(0).data(TransferModel::IdRole).toString();
    m_me->cancelTransfer(first);
    QTRY_COMPARE(transfers->index(0).data(TransferModel::StateRole).toString(),
                 QStringLiteral("cancelled"));
    TransfersWindow *window = m_window->transfersWindow();
    window->show();
    window->view()->setCurrentIndex(transfers->index(0));
    QVERIFY(window->retryButton()->isEnabled());
    QTest::mouseClick(window->retryButton(), Qt::LeftButton);
    QTRY_COMPARE(transfers->rowCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(transfers->index(1).data(TransferModel::StateRole).toString(),
                              QStringLiteral("done"), 20000);
    QFile got(m_me->config().downloadDir + QStringLiteral("/big.bin"));
    QVERIFY(got.open(QIODevice::ReadOnly));
    QCOMPARE(got.size(), f.size());
    QVERIFY(got.read(chunk.size()) == chunk);
}

void TestMainWindow::historySearch()
{
    startPeer();
    const QString myId = QStringLiteral("127.0.0.1:34257");
    QTRY_VERIFY(m_peer->peerModel()->find(myId));
    m_peer->sendMessage({myId}, QStringLiteral("the build server is down"));
    m_peer->sendMessage({myId}, QStringLiteral("lunch?"));
    m_peer->sendMessage({myId}, QStringLiteral("服务器 is back up"));
    ChatPage *page = nullptr;
    QTRY_VERIFY((page = m_window->chatWindow()->page(TheirId)) && page->model()->rowCount() == 3);
    m_window->openChat(TheirId);
    auto *box = page->findChild<QLineEdit *>(QStringLiteral("historySearch"));
    QVERIFY(box);
    QTest::keyClicks(box, QStringLiteral("server"));
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_VERIFY(page->searchResults() && page->searchResults()->rowCount() == 1);
    QCOMPARE(page->searchResults()->index(0).data().toString(),
             QStringLiteral("the build server is down"));
    box->clear();
    box->insert(QStringLiteral("服务器"));
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_COMPARE(page->searchResults()->index(0).data().toString(),
                 QStringLiteral("服务器 is back up"));
}

void TestMainWindow::historyLoadsOnlyWhenScrolledUp()
{
    {
        HistoryStore history;
        QString error;
        QVERIFY2(history.open(m_me->historyPath(), &error), qPrintable(error));
        for (int i = 0; i < 300; ++i) {
            ChatMessage m;
            m.id = QStringLiteral("old-%1").arg(i);
            m.peerId = TheirId;
            m.direction = i % 2 ? Direction::Incoming : Direction::Outgoing;
            m.state = DeliveryState::Delivered;
            m.text = QStringLiteral("old message %1").arg(i);
            m.timestampMs = 1700000000000 + i * 1000;
            QVERIFY(history.insert(m));
        }
    }
    m_window->openChat(TheirId);
    ChatPage *page = m_window->chatWindow()->page(TheirId);
    QTRY_COMPARE(page->model()->rowCount(), 50);
    // The newest message shows at the bottom; the view must not pull in the rest of the
    // history on its own, page after page, relaying out and repainting each time.
    QTest::qWait(500);
    QCOMPARE(page->model()->rowCount(), 50);
    QCOMPARE(page->model()->index(49).data().toString(), QStringLiteral("old message 299"));
    // Scrolled to the top, it asks for one page more.
    page->view()->verticalScrollBar()->setValue(page->view()->verticalScrollBar()->minimum());
    QTRY_COMPARE(page->model()->rowCount(), 100);
    QTest::qWait(300);
    QCOMPARE(page->model()->rowCount(), 100);
}

void TestMainWindow::linksInBubblesAreClickable()
{
    QCOMPARE(
        BubbleDelegate::linkified(QStringLiteral("a <b> & www.qt.io, then https://x.org/a?b=1.")),
        QStringLiteral("<span style=\"white-space: pre-wrap\">a &lt;b&gt; &amp; "
                       "<a href=\"http://www.qt.io\">www.qt.io</a>, then "
                       "<a href=\"https://x.org/a?b=1\">https://x.org/a?b=1</a>.</span>"));
    ConversationModel model(TheirId);
    ChatMessage m;
    m.id = QStringLiteral("1");
    m.peerId = TheirId;
    m.text = QStringLiteral("https://example.com/report see this");
    model.addOlder({m}, false);
    QListView view;
    auto *delegate = new BubbleDelegate(QStringLiteral("Me"), &view);
    view.setItemDelegate(delegate);
    view.setModel(&model);
    view.resize(500, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy activated(delegate, &BubbleDelegate::linkActivated);
    const QRect rect = view.visualRect(model.index(0));
    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.rect = rect;
    QPoint onLink;
    for (int y = rect.top(); y < rect.bottom() && onLink.isNull(); y += 2) {
        for (int x = rect.left(); x < rect.right(); x += 4) {
            if (!delegate->linkAt(option, model.index(0), QPoint(x, y)).isEmpty()) {
                onLink = QPoint(x, y);
                break;
            }
        }
    }
    QVERIFY(!onLink.isNull());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, onLink);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().at(0).toString(), QStringLiteral("https://example.com/report"));
}

void TestMainWindow::settingsRoundTrip()
{
    UiSettings ui;
    ui.ctrlEnterSends = true;
    ui.language = QStringLiteral("zh_CN");
    ui.closeToTray = false;
    ui.autoAccept = UiSettings::AutoAccept::MyWorkgroup;
    ui.autoAcceptMaxMiB = 42;
    ui.avatarPath = QStringLiteral("/tmp/me.png");
    NodeConfig c = m_me->config();
    SettingsDialog dialog(c, ui);
    auto *nick = dialog.findChild<QLineEdit *>(QStringLiteral("nick"));
    auto *group = dialog.findChild<QLineEdit *>(QStringLiteral("group"));
    QVERIFY(nick && group);
    QCOMPARE(nick->text(), QStringLiteral("Me"));
    nick->setText(QStringLiteral("新名字"));
    group->setText(QStringLiteral("Ops"));
    const NodeConfig changed = dialog.config();
    QCOMPARE(changed.nick, QStringLiteral("新名字"));
    QCOMPARE(changed.group, QStringLiteral("Ops"));
    QCOMPARE(dialog.uiSettings().language, QStringLiteral("zh_CN"));
    QVERIFY(dialog.uiSettings().ctrlEnterSends);
    QVERIFY(!dialog.uiSettings().closeToTray);
    // And through the settings file.
    const QString path = m_dir->filePath(QStringLiteral("settings.ini"));
    dialog.uiSettings().save(path);
    const UiSettings back = UiSettings::load(path);
    QCOMPARE(back.language, QStringLiteral("zh_CN"));
    QVERIFY(back.ctrlEnterSends);
    QVERIFY(!back.closeToTray);
    QCOMPARE(back.autoAccept, UiSettings::AutoAccept::MyWorkgroup);
    QCOMPARE(back.autoAcceptMaxMiB, 42);
    QCOMPARE(back.avatarPath, QStringLiteral("/tmp/me.png"));
}

void TestMainWindow::autoAcceptRules()
{
    UiSettings u;
    const quint64 mib = 1024 * 1024;
    QVERIFY(!u.acceptsAutomatically(QStringLiteral("Dev"), QStringLiteral("Dev"), 1));
    u.autoAccept = UiSettings::AutoAccept::MyWorkgroup;
    u.autoAcceptMaxMiB = 10;
    QVERIFY(u.acceptsAutomatically(QStringLiteral("dev"), QStringLiteral("Dev"), 10 * mib));
    QVERIFY(!u.acceptsAutomatically(QStringLiteral("Dev"), QStringLiteral("Dev"), 10 * mib + 1));
    QVERIFY(!u.acceptsAutomatically(QStringLiteral("Sales"), QStringLiteral("Dev"), 1));
    // No workgroup is nobody's workgroup.
    QVERIFY(!u.acceptsAutomatically(QString(), QString(), 1));
    u.autoAccept = UiSettings::AutoAccept::Everyone;
    u.autoAcceptMaxMiB = 0;
    QVERIFY(u.acceptsAutomatically(QStringLiteral("Sales"), QStringLiteral("Dev"), 5000 * mib));

    // In the window: the peer (研发部) is not in our workgroup (Dev); "everyone" takes its file
    // without a card.
    startPeer();
    const QString myId = QStringLiteral("127.0.0.1:34257");
    QTRY_VERIFY(m_peer->peerModel()->find(myId));
    QTRY_VERIFY(m_me->peerModel()->find(TheirId));
    delete m_window;
    UiSettings everyone;
    everyone.autoAccept = UiSettings::AutoAccept::Everyone;
    m_window = new MainWindow(m_me, everyone);
    QTemporaryDir outgoing;
    QFile f(outgoing.filePath(QStringLiteral("auto.txt")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("taken without asking");
    f.close();
    m_peer->offerFiles({myId}, {f.fileName()});
    QFile got(m_me->config().downloadDir + QStringLiteral("/auto.txt"));
    QTRY_VERIFY(got.exists());
    QTRY_COMPARE(m_me->transferModel()->index(0).data(TransferModel::StateRole).toString(),
                 QStringLiteral("done"));
    QVERIFY(!m_window->chatWindow()->page(TheirId));
}

void TestMainWindow::switchesToChinese()
{
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QStringLiteral("zh_CN")), QStringLiteral("lanpigeon"),
                            QStringLiteral("_"), QStringLiteral(":/i18n")));
    QApplication::installTranslator(&translator);
    MainWindow chinese(m_me, UiSettings());
    startPeer();
    QTRY_COMPARE(chinese.buddyList()->model()->rowCount(), 1);
    QCOMPARE(chinese.windowTitle(), QStringLiteral("局域网信鸽"));
    QCOMPARE(chinese.filterBox()->placeholderText(), QStringLiteral("按名字、分组或 IP 搜索"));
    QCOMPARE(chinese.buddyList()->model()->index(0, 0).data().toString(),
             QStringLiteral("研发部（1 人在线）"));
    // The core's own texts too.
    QCOMPARE(QCoreApplication::translate("lanpigeon::DiscoveryService", "timed out"),
             QStringLiteral("超时"));
    // But what goes on the wire to a TFTP client stays English.
    QTemporaryDir root;
    tftp::TftpServer::Config c;
    c.root = root.path();
    c.address = QHostAddress(Me);
    c.port = 0;
    tftp::TftpServer server(c);
    QVERIFY(server.start(nullptr));
    tftp::TftpClient client;
    QSignalSpy done(&client, &tftp::TftpClient::finished);
    tftp::TftpClient::Request r;
    r.server = QHostAddress(Me);
    r.port = server.port();
    r.remote = "../etc/passwd";
    r.local = m_dir->filePath(QStringLiteral("passwd"));
    r.bind = QHostAddress(Me);
    QVERIFY(client.start(r, nullptr));
    QVERIFY(done.wait());
    QCOMPARE(done.first().at(1).toString(), QStringLiteral("对方报错 2：'..' is not allowed"));
    QApplication::removeTranslator(&translator);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
