// The window on the offscreen platform against a real peer on loopback: the buddy list, a
// chat with delivery states, unread counts on the tray, an offer accepted inline, settings
// and Chinese.
#include "bubbledelegate.h"
#include "buddydelegate.h"
#include "chatpage.h"
#include "chatwindow.h"
#include "groupmessagedialog.h"
#include "history/buddystore.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "messageinput.h"
#include "messaging/buddy.h"
#include "messenger.h"
#include "models/conversationmodel.h"
#include "models/groupedpeermodel.h"
#include "models/peermodel.h"
#include "models/recentchatsmodel.h"
#include "models/transfermodel.h"
#include "offercard.h"
#include "pixelcheck.h"
#include "profile/profilesettings.h"
#include "screenshottool.h"
#include "settingsdialog.h"
#include "tftp/tftpclient.h"
#include "tftp/tftpserver.h"
#include "transferswindow.h"
#include "trayicon.h"
#include "uisettings.h"
#include "windowtestnode.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>

using namespace lanpigeon;
using namespace lanpigeon::ui;

namespace {
constexpr quint16 Port = 34257;
const QString Me = QStringLiteral("127.0.0.1");
const QString Them = QStringLiteral("127.0.0.2");
const QString TheirId = QStringLiteral("127.0.0.2:34257");
const QString Third = QStringLiteral("127.0.0.3");
const QString ThirdId = QStringLiteral("127.0.0.3:34257");
const QString MyId = QStringLiteral("127.0.0.1:34257");

NodeConfig config(const QString &ip, const QString &nick, const QString &group,
                  const QString &peerIp, const QString &dir)
{
    return test::windowTestNode(ip, Port, nick, group, peerIp, dir);
}
} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void peerInfoListsEveryAddress();
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
    void firstMessageFromSomeoneElseDoesNotTakeTheKeyboard();
    void filterMatchesNamesGroupsAndAddresses();
    void awayAndBusyAreShown();
    void myStatusChangesOnlyOnPurpose();
    void unreadFromAPeerWhoLeftIsReachable();
    void recentChatsComeBackFromHistory();
    void unreadStaysUnreadOverARestart();
    void twoPeersOfOneNameGetTabsApart();
    void manyTabsStayReadable();
    void closingATabKeepsItsDraft();
    void keyboardOpensAndClosesChats();
    void groupMessageNamesItsPeopleAndFollowsDelivery();
    void groupMessageDialogPicksPeopleAndSendsWithEnter();
    void closingATabKeepsAnUnansweredOffer();
    void switchingTabsKeepsTheKeyboardInTheConversation();
    void recentChatsKeepNamesAndFollowFiles();
    void personBackOnANewAddressKeepsOneChat();
    void ctrlAltAInTheBuddyListLeavesTheRegionOnTheClipboard();
    void offlineBuddyStaysGreyAndGetsAQueuedMessage();
    void someoneElseAtTheAddressDoesNotTakeTheChat();
    void recentChatsNameOfflinePeopleAfterARestart();
    void recentChatsShowTheFilesWeOffer();

private:
    // Ticks or unticks "Show offline buddies I have talked to" through the Settings dialog.
    void showOfflineBuddies(bool show);
    void startPeer();
    // Quits our window and core and starts them again on the same profile, without waiting.
    void restartMe();
    // Starts us again as the window's Messenger runs (main.cpp): queueing for people gone
    // offline, announcing to peerIp; waits until it runs.
    void restartMeQueueing(const QString &peerIp);
    // A second peer, Alice of Sales, on 127.0.0.3.
    Messenger *startThird(ipmsg::Status status = ipmsg::Status::Online, const QString &away = {},
                          const QString &nick = QStringLiteral("Alice"));

    QTemporaryDir *m_dir = nullptr;
    Messenger *m_me = nullptr;
    Messenger *m_peer = nullptr;
    Messenger *m_third = nullptr;
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

void TestMainWindow::restartMe()
{
    delete m_window;
    delete m_me;
    m_me = new Messenger(config(Me, QStringLiteral("Me"), QStringLiteral("Dev"), Them,
                                m_dir->filePath(QStringLiteral("me"))));
    m_window = new MainWindow(m_me, UiSettings());
    m_me->start();
}

void TestMainWindow::restartMeQueueing(const QString &peerIp)
{
    delete m_window;
    delete m_me;
    NodeConfig mine = config(Me, QStringLiteral("Me"), QStringLiteral("Dev"), peerIp,
                             m_dir->filePath(QStringLiteral("me")));
    mine.queueOffline = true;
    m_me = new Messenger(mine);
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

Messenger *TestMainWindow::startThird(ipmsg::Status status, const QString &away,
                                      const QString &nick)
{
    NodeConfig c =
        config(Third, nick, QStringLiteral("Sales"), Me, m_dir->filePath(QStringLiteral("third")));
    c.user = QStringLiteral("alice");
    c.host = QStringLiteral("laptop");
    c.status = status;
    c.awayMessage = away;
    m_third = new Messenger(c);
    QSignalSpy started(m_third, &Messenger::started);
    m_third->start();
    [&] { QVERIFY(started.wait()); }();
    return m_third;
}

void TestMainWindow::cleanup()
{
    delete m_window;
    delete m_third;
    m_third = nullptr;
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
    const auto first = transfers->index(0).data(TransferModel::IdRole).value<TransferId>();
    m_me->cancelTransfer(first);
    QTRY_COMPARE(transfers->index(0).data(TransferModel::StateRole).value<TransferModel::State>(),
                 TransferModel::State::Cancelled);
    TransfersWindow *window = m_window->transfersWindow();
    window->show();
    window->view()->setCurrentIndex(transfers->index(0));
    QVERIFY(window->retryButton()->isEnabled());
    QTest::mouseClick(window->retryButton(), Qt::LeftButton);
    QTRY_COMPARE(transfers->rowCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(
        transfers->index(1).data(TransferModel::StateRole).value<TransferModel::State>(),
        TransferModel::State::Done, 20000);
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
    // An emptied nick falls back to the login name, not to nothing.
    nick->setText(QStringLiteral("  "));
    QCOMPARE(dialog.config().nick, QStringLiteral("user"));
    nick->setText(QStringLiteral("新名字"));
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
    QTRY_COMPARE(m_me->transferModel()
                     ->index(0)
                     .data(TransferModel::StateRole)
                     .value<TransferModel::State>(),
                 TransferModel::State::Done);
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

// Typing to one peer while another writes for the first time: every key stays where it was typed.
void TestMainWindow::firstMessageFromSomeoneElseDoesNotTakeTheKeyboard()
{
    startPeer();
    startThird();
    QTRY_VERIFY(m_me->peerModel()->find(TheirId) && m_me->peerModel()->find(ThirdId));
    QTRY_VERIFY(m_third->peerModel()->find(MyId));
    m_window->openChat(TheirId);
    ChatWindow *chats = m_window->chatWindow();
    QVERIFY(QTest::qWaitForWindowActive(chats));
    ChatPage *wang = chats->page(TheirId);
    QTRY_COMPARE(QApplication::focusWidget(), wang->input());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("hel"));
    m_third->sendMessage({MyId}, QStringLiteral("hi, are you there?"));
    QTRY_VERIFY(chats->page(ThirdId));
    QTRY_COMPARE(chats->page(ThirdId)->model()->rowCount(), 1);
    // Alice's chat waits as a marked tab; 小王's stays in front with the keyboard.
    QCOMPARE(chats->current(), wang);
    QCOMPARE(QApplication::focusWidget(), wang->input());
    QCOMPARE(QApplication::activeWindow(), chats);
    const int aliceTab = chats->tabs()->indexOf(chats->page(ThirdId));
    QCOMPARE(chats->tabs()->tabText(aliceTab), QStringLiteral("(1) Alice"));
    QVERIFY(chats->tabs()->tabBar()->tabTextColor(aliceTab).isValid());
    QCOMPARE(m_window->unreadTotal(), 1);
    QSignalSpy received(m_peer, &Messenger::messageReceived);
    QSignalSpy aliceGot(m_third, &Messenger::messageReceived);
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("lo"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QVERIFY(received.wait());
    QCOMPARE(received.first().at(0).value<ChatMessage>().text, QStringLiteral("hello"));
    QTest::qWait(200);
    QCOMPARE(aliceGot.size(), 0);
    // Looking at Alice's tab reads it.
    chats->tabs()->setCurrentIndex(aliceTab);
    QTRY_COMPARE(m_window->unreadTotal(), 0);
    QCOMPARE(chats->tabs()->tabText(aliceTab), QStringLiteral("Alice"));
}

void TestMainWindow::filterMatchesNamesGroupsAndAddresses()
{
    startPeer();
    startThird();
    QTreeView *tree = m_window->buddyList();
    QTRY_COMPARE(tree->model()->rowCount(), 2);
    // The names the list shows under each matching workgroup.
    const auto shown = [tree] {
        QStringList names;
        for (int g = 0; g < tree->model()->rowCount(); ++g) {
            const QModelIndex group = tree->model()->index(g, 0);
            for (int p = 0; p < tree->model()->rowCount(group); ++p)
                names << tree->model()->index(p, 0, group).data(PeerModel::NickRole).toString();
        }
        names.sort();
        return names;
    };
    const QList<QPair<QString, QStringList>> table = {
        {QStringLiteral("Alice"), {QStringLiteral("Alice")}},
        {QStringLiteral("alic"), {QStringLiteral("Alice")}},
        {QStringLiteral("小王"), {QStringLiteral("小王")}},
        {QStringLiteral("Sales"), {QStringLiteral("Alice")}},
        {QStringLiteral("研发"), {QStringLiteral("小王")}},
        {QStringLiteral("wang"), {QStringLiteral("小王")}},
        {QStringLiteral("xw"), {QStringLiteral("小王")}},
        {QStringLiteral("yfb"), {QStringLiteral("小王")}},
        {QStringLiteral("127.0.0.3"), {QStringLiteral("Alice")}},
        {QStringLiteral("laptop"), {QStringLiteral("Alice")}},
        {QStringLiteral("127.0.0"), {QStringLiteral("Alice"), QStringLiteral("小王")}},
        {QStringLiteral("nobody"), {}},
    };
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const QRect listsAt = m_window->lists()->geometry();
    for (const auto &[text, names] : table) {
        m_window->filterBox()->clear();
        // Typed through an input method: QTest has no key events for Chinese.
        m_window->filterBox()->insert(text);
        QCOMPARE(shown(), names);
        // An empty list says so, rather than looking like nobody is on the LAN.
        QCOMPARE(m_window->noMatchNote()->isVisible(), names.isEmpty());
    }
    QVERIFY(m_window->noMatchNote()->text().contains(QStringLiteral("nobody")));
    // Said inside the empty list, not above the tabs, which it pushed down.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QCOMPARE(m_window->lists()->geometry(), listsAt);
    QWidget *list = m_window->lists()->currentWidget();
    QVERIFY(list->isAncestorOf(m_window->noMatchNote()));
    const QRect note(m_window->noMatchNote()->mapTo(list, QPoint(0, 0)),
                     m_window->noMatchNote()->size());
    QVERIFY2(list->rect().contains(note), qPrintable(QStringLiteral("%1,%2 %3x%4")
                                                         .arg(note.x())
                                                         .arg(note.y())
                                                         .arg(note.width())
                                                         .arg(note.height())));
    // Offline buddies are searched too while they are shown, so "online" would mislead.
    QVERIFY(m_window->noMatchNote()->text().startsWith(QStringLiteral("No buddy matches")));
    m_window->filterBox()->clear();
    QCOMPARE(shown(), (QStringList{QStringLiteral("Alice"), QStringLiteral("小王")}));
}

void TestMainWindow::awayAndBusyAreShown()
{
    startThird(ipmsg::Status::Away, QStringLiteral("lunch"));
    QTreeView *tree = m_window->buddyList();
    QTRY_COMPARE(tree->model()->rowCount(), 1);
    const QModelIndex group = tree->model()->index(0, 0);
    QTRY_COMPARE(group.data().toString(), QStringLiteral("Sales (1 away)"));
    const QModelIndex alice = tree->model()->index(0, 0, group);
    QCOMPARE(alice.data(PeerModel::StatusRole).value<ipmsg::Status>(), ipmsg::Status::Away);
    // Painted as QQ does: an amber sign on the avatar; none when she is back.
    const auto badgeColour = [tree](const QModelIndex &index) {
        QImage image(300, 44, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        QStyleOptionViewItem option;
        option.initFrom(tree);
        option.rect = QRect(0, 0, 300, 44);
        option.state &= ~QStyle::State_Selected;
        tree->itemDelegate()->paint(&painter, option, index);
        painter.end();
        // The ring of the badge, left of its centre, at the avatar's bottom right.
        return QColor(image.pixel(27, 33));
    };
    const QColor away = badgeColour(alice);
    QVERIFY2(away.red() > 200 && away.green() > 120 && away.green() < 200 && away.blue() < 90,
             qPrintable(away.name()));
    m_third->setStatus(ipmsg::Status::Busy, QStringLiteral("meeting"));
    QTRY_COMPARE(
        tree->model()->index(0, 0, group).data(PeerModel::StatusRole).value<ipmsg::Status>(),
        ipmsg::Status::Busy);
    QTRY_COMPARE(tree->model()->index(0, 0).data().toString(), QStringLiteral("Sales (1 busy)"));
    const QColor busy = badgeColour(tree->model()->index(0, 0, group));
    QVERIFY2(busy.red() > 180 && busy.green() < 90, qPrintable(busy.name()));
    m_third->setStatus(ipmsg::Status::Online, {});
    QTRY_COMPARE(tree->model()->index(0, 0).data().toString(), QStringLiteral("Sales (1 online)"));
    const QColor online = badgeColour(tree->model()->index(0, 0, tree->model()->index(0, 0)));
    QVERIFY2(online != away && online != busy, qPrintable(online.name()));
}

void TestMainWindow::myStatusChangesOnlyOnPurpose()
{
    startPeer();
    QTRY_VERIFY(m_peer->peerModel()->find(MyId));
    QTRY_VERIFY(m_window->stateLine()->text().contains(QStringLiteral("Online")));
    // A wheel turned or an arrow key pressed over the status changes nothing.
    QToolButton *button = m_window->statusButton();
    QWheelEvent wheel(QPointF(5, 5), button->mapToGlobal(QPointF(5, 5)), {}, QPoint(0, -120),
                      Qt::NoButton, {}, Qt::NoScrollPhase, false);
    QApplication::sendEvent(button, &wheel);
    QTest::keyClick(button, Qt::Key_Down);
    QCOMPARE(m_me->config().status, ipmsg::Status::Online);
    // Chosen from its menu, it changes, for us and for the peers.
    m_window->setStatus(ipmsg::Status::Away, QStringLiteral("brb"));
    QVERIFY(m_window->stateLine()->text().contains(QStringLiteral("Away: brb")));
    QVERIFY(!m_window->stateLine()->text().contains(QStringLiteral("Online")));
    QVERIFY(button->text().contains(QStringLiteral("Away")));
    QTRY_COMPARE(m_peer->peerModel()->find(MyId)->status, ipmsg::Status::Away);
    // And the next start comes back away, with the same words.
    NodeConfig saved = ProfileSettings::defaults();
    ProfileSettings(m_me->config().profileDir).load(&saved);
    QCOMPARE(saved.status, ipmsg::Status::Away);
    QCOMPARE(saved.awayMessage, QStringLiteral("brb"));
    QCOMPARE(button->menu()->actions().size(), 3);
    // The tray's menu offers the same choice.
    bool inTray = false;
    for (QMenu *menu : m_window->findChildren<QMenu *>()) {
        for (QAction *a : menu->actions())
            inTray |= menu != button->menu() && a->menu() == button->menu();
    }
    QVERIFY(inTray);
    // Busy is do not disturb: the message is counted, but no pop-up; back online, it pops up.
    QSignalSpy popped(m_window->tray(), &TrayIcon::notified);
    m_window->setStatus(ipmsg::Status::Busy, QStringLiteral("in a meeting"));
    m_peer->sendMessage({MyId}, QStringLiteral("quick question"));
    QTRY_COMPARE(m_window->unreadTotal(), 1);
    QCOMPARE(popped.size(), 0);
    m_window->setStatus(ipmsg::Status::Online, {});
    m_peer->sendMessage({MyId}, QStringLiteral("still there?"));
    QTRY_COMPARE(m_window->unreadTotal(), 2);
    QCOMPARE(popped.size(), 1);
}

void TestMainWindow::unreadFromAPeerWhoLeftIsReachable()
{
    startPeer();
    QTRY_VERIFY(m_peer->peerModel()->find(MyId));
    m_peer->sendMessage({MyId}, QStringLiteral("are you there?"));
    m_peer->sendMessage({MyId}, QStringLiteral("never mind, bye"));
    QTRY_COMPARE(m_window->unreadTotal(), 2);
    QSignalSpy stopped(m_peer, &Messenger::stopped);
    m_peer->shutdown();
    QVERIFY(stopped.wait());
    QTRY_VERIFY(!m_me->peerModel()->find(TheirId));
    // Talked to: the buddy list keeps them, greyed.
    QTRY_VERIFY(m_window->groupedPeers()->indexOfBuddy(QStringLiteral("user@box")).isValid());
    // Recent chats keeps the conversation, its sender and its count.
    QCOMPARE(m_window->lists()->tabText(m_window->lists()->indexOf(m_window->recentList())),
             QStringLiteral("Recent (2)"));
    RecentChatsModel *recent = m_window->recentChats();
    QCOMPARE(recent->rowCount(), 1);
    const QModelIndex row = recent->index(0);
    QCOMPARE(row.data(RecentChatsModel::NameRole).toString(), QStringLiteral("小王"));
    QCOMPARE(row.data(RecentChatsModel::UnreadRole).toInt(), 2);
    QVERIFY(!row.data(RecentChatsModel::OnlineRole).toBool());
    QCOMPARE(row.data(RecentChatsModel::PreviewRole).toString(), QStringLiteral("never mind, bye"));
    // A double-click on it opens the chat, under the name the peer had.
    m_window->lists()->setCurrentWidget(m_window->recentList());
    QListView *view = m_window->recentList();
    const QPoint at = view->visualRect(view->model()->index(0, 0)).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    ChatWindow *chats = m_window->chatWindow();
    QVERIFY(chats->isVisible());
    QCOMPARE(chats->current()->peerId(), TheirId);
    QCOMPARE(chats->current()->model()->rowCount(), 2);
    QVERIFY(chats->windowTitle().startsWith(QStringLiteral("小王")));
    QVERIFY(QTest::qWaitForWindowActive(chats));
    QTRY_COMPARE(m_window->unreadTotal(), 0);
    QCOMPARE(m_window->tray()->unread(), 0);
}

void TestMainWindow::recentChatsComeBackFromHistory()
{
    {
        HistoryStore history;
        QString error;
        QVERIFY2(history.open(m_me->historyPath(), &error), qPrintable(error));
        const QList<std::tuple<QString, QString, QString, bool>> rows = {
            {TheirId, QStringLiteral("小王"), QStringLiteral("old words"), false},
            {ThirdId, QStringLiteral("Alice"), QStringLiteral("secret plans"), true},
            {TheirId, QStringLiteral("小王"), QStringLiteral("newest from 小王"), false},
        };
        int i = 0;
        for (const auto &[peer, nick, text, sealed] : rows) {
            ChatMessage m;
            m.id = QStringLiteral("h-%1").arg(i);
            m.peerId = peer;
            m.peerNick = nick;
            m.text = text;
            m.sealed = sealed;
            m.timestampMs = 1700000000000 + 1000 * i++;
            QVERIFY(history.insert(m));
        }
    }
    // A new window on a restarted core: the history is read once the core has started.
    restartMe();
    RecentChatsModel *recent = m_window->recentChats();
    QTRY_COMPARE(recent->rowCount(), 2);
    QCOMPARE(recent->index(0).data(RecentChatsModel::NameRole).toString(), QStringLiteral("小王"));
    QCOMPARE(recent->index(0).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("newest from 小王"));
    QCOMPARE(recent->index(1).data(RecentChatsModel::NameRole).toString(), QStringLiteral("Alice"));
    // A sealed message is not given away in a preview.
    QVERIFY(!recent->index(1)
                 .data(RecentChatsModel::PreviewRole)
                 .toString()
                 .contains(QStringLiteral("secret")));
}

void TestMainWindow::unreadStaysUnreadOverARestart()
{
    startPeer();
    QTRY_VERIFY(m_peer->peerModel()->find(MyId));
    m_peer->sendMessage({MyId}, QStringLiteral("one"));
    m_peer->sendMessage({MyId}, QStringLiteral("two"));
    QTRY_COMPARE(m_window->unreadTotal(), 2);
    // Quit and start again: the two are still waiting, on the tray and in Recent chats.
    restartMe();
    QTRY_COMPARE(m_window->unreadTotal(), 2);
    QCOMPARE(m_window->tray()->unread(), 2);
    QCOMPARE(m_window->recentChats()->unread(TheirId), 2);
    QCOMPARE(m_window->recentChats()->name(TheirId), QStringLiteral("小王"));
    // Read now, and read after the next start too.
    m_window->openChat(TheirId);
    QVERIFY(QTest::qWaitForWindowActive(m_window->chatWindow()));
    QTRY_COMPARE(m_window->unreadTotal(), 0);
    restartMe();
    QTRY_COMPARE(m_window->recentChats()->rowCount(), 1);
    QTest::qWait(200);
    QCOMPARE(m_window->unreadTotal(), 0);
}

void TestMainWindow::twoPeersOfOneNameGetTabsApart()
{
    startPeer();
    startThird(ipmsg::Status::Online, {}, QStringLiteral("小王"));
    QTRY_VERIFY(m_me->peerModel()->find(TheirId) && m_me->peerModel()->find(ThirdId));
    m_window->openChat(TheirId);
    ChatWindow *chats = m_window->chatWindow();
    QCOMPARE(chats->tabs()->tabText(0), QStringLiteral("小王"));
    m_window->openChat(ThirdId);
    QCOMPARE(chats->tabs()->tabText(chats->tabs()->indexOf(chats->page(TheirId))),
             QStringLiteral("小王 (127.0.0.2)"));
    QCOMPARE(chats->tabs()->tabText(chats->tabs()->indexOf(chats->page(ThirdId))),
             QStringLiteral("小王 (127.0.0.3)"));
}

void TestMainWindow::manyTabsStayReadable()
{
    // Chats with people not seen since start (from Recent chats): twelve of them.
    for (int i = 0; i < 12; ++i)
        m_window->openChat(QStringLiteral("127.0.0.%1:2425").arg(100 + i));
    ChatWindow *chats = m_window->chatWindow();
    QCOMPARE(chats->tabs()->count(), 12);
    QTabBar *bar = chats->tabs()->tabBar();
    // An unread count and a name, as in "(9) Wang Wei…".
    const int readable = bar->fontMetrics().horizontalAdvance(QStringLiteral("(9) Wang Wei…"));
    for (int i = 0; i < bar->count(); ++i) {
        const QWidget *close = bar->tabButton(i, QTabBar::RightSide);
        const int room =
            bar->tabRect(i).width() - bar->iconSize().width() - (close ? close->width() : 0);
        // Not cut to one letter: the bar scrolls instead.
        QVERIFY2(room >= readable,
                 qPrintable(QStringLiteral("tab %1 has %2 px for its name").arg(i).arg(room)));
        // No lock: nothing is known of its encryption, and an open lock would say it has none.
        QVERIFY(bar->tabIcon(i).isNull());
    }
}

void TestMainWindow::closingATabKeepsItsDraft()
{
    startPeer();
    QTRY_VERIFY(m_me->peerModel()->find(TheirId));
    m_window->openChat(TheirId);
    ChatWindow *chats = m_window->chatWindow();
    QVERIFY(QTest::qWaitForWindowActive(chats));
    QTRY_COMPARE(QApplication::focusWidget(), chats->page(TheirId)->input());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("half a thought"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_W, Qt::ControlModifier);
    QTRY_VERIFY(!chats->page(TheirId));
    QVERIFY(!chats->isVisible());
    m_window->openChat(TheirId);
    QCOMPARE(chats->page(TheirId)->input()->toPlainText(), QStringLiteral("half a thought"));
}

void TestMainWindow::keyboardOpensAndClosesChats()
{
    startPeer();
    QTreeView *tree = m_window->buddyList();
    QTRY_COMPARE(tree->model()->rowCount(), 1);
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    // Ctrl+F goes to the search box; typing finds the buddy; Down and Enter open the chat.
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), m_window->filterBox());
    // Escape empties what was typed there.
    m_window->filterBox()->insert(QStringLiteral("nobody"));
    QTest::keyClick(m_window->filterBox(), Qt::Key_Escape);
    QCOMPARE(m_window->filterBox()->text(), QString());
    m_window->filterBox()->insert(QStringLiteral("小王"));
    QTest::keyClick(m_window->filterBox(), Qt::Key_Down);
    QCOMPARE(QApplication::focusWidget(), tree);
    QCOMPARE(tree->currentIndex().data(PeerModel::IdRole).toString(), TheirId);
    QTest::keyClick(tree, Qt::Key_Return);
    ChatWindow *chats = m_window->chatWindow();
    QVERIFY(chats->isVisible());
    QCOMPARE(chats->current()->peerId(), TheirId);
    // Escape closes it again.
    QVERIFY(QTest::qWaitForWindowActive(chats));
    QTRY_COMPARE(QApplication::focusWidget(), chats->page(TheirId)->input());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QTRY_VERIFY(!chats->page(TheirId));
    // Enter in the search box chats with the first match.
    QTest::keyClick(m_window->filterBox(), Qt::Key_Return);
    QVERIFY(chats->page(TheirId));
    QCOMPARE(chats->current()->peerId(), TheirId);
    // Ctrl+PageDown and Ctrl+PageUp go round the tabs, Alt+n goes to the nth.
    m_window->openChat(QStringLiteral("127.0.0.120:2425"));
    m_window->openChat(QStringLiteral("127.0.0.121:2425"));
    QTabWidget *tabs = chats->tabs();
    QCOMPARE(tabs->count(), 3);
    tabs->setCurrentIndex(2);
    QTest::keyClick(chats, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(tabs->currentIndex(), 0);
    QTest::keyClick(chats, Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(tabs->currentIndex(), 2);
    QTest::keyClick(chats, Qt::Key_2, Qt::AltModifier);
    QCOMPARE(tabs->currentIndex(), 1);
    // Not typed into the message either.
    QCOMPARE(chats->current()->input()->toPlainText(), QString());
    // The toolbar is reached with Tab like everything else.
    const auto buttons = m_window->findChildren<QToolButton *>();
    int reachable = 0;
    for (QToolButton *b : buttons)
        reachable += b->isVisible() && (b->focusPolicy() & Qt::TabFocus);
    QVERIFY2(reachable >= 6, qPrintable(QString::number(reachable)));
}

void TestMainWindow::groupMessageNamesItsPeopleAndFollowsDelivery()
{
    startPeer();
    startThird();
    QTreeView *tree = m_window->buddyList();
    QTRY_COMPARE(tree->model()->rowCount(), 2);
    QTRY_VERIFY(m_third->peerModel()->find(MyId) && m_peer->peerModel()->find(MyId));
    tree->selectAll();
    QCOMPARE(m_window->selectedPeerIds().size(), 2);
    // Alice leaves without a word: one delivered, one not, and the line says which.
    delete m_third;
    m_third = nullptr;
    m_window->sendToSelected(QStringLiteral("meeting at 3"));
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Sending to")));
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("Alice")));
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("小王")));
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->statusBar()->currentMessage().contains(QStringLiteral("Not delivered to Alice")),
        10000);
    QVERIFY(
        m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Delivered to 1 of 2.")));
    // No untranslated core words here (nor empty brackets): each chat's bubble says why.
    QVERIFY(!m_window->statusBar()->currentMessage().contains(QLatin1Char('(')));
}

void TestMainWindow::groupMessageDialogPicksPeopleAndSendsWithEnter()
{
    startPeer();
    startThird();
    QTreeView *tree = m_window->buddyList();
    QTRY_COMPARE(tree->model()->rowCount(), 2);
    QTRY_VERIFY(m_third->peerModel()->find(MyId) && m_peer->peerModel()->find(MyId));
    QSignalSpy wang(m_peer, &Messenger::messageReceived);
    QSignalSpy alice(m_third, &Messenger::messageReceived);
    // Nobody selected: the dialog opens all the same, with everyone online to tick.
    tree->clearSelection();
    bool answered = false;
    QTimer::singleShot(0, this, [&] {
        GroupMessageDialog *dialog = m_window->groupMessageDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->recipients()->count(), 2);
        QVERIFY(!dialog->sendButton()->isEnabled());
        for (int i = 0; i < dialog->recipients()->count(); ++i) {
            QListWidgetItem *item = dialog->recipients()->item(i);
            if (item->text().startsWith(QStringLiteral("Alice")))
                item->setCheckState(Qt::Checked);
        }
        QTest::keyClicks(dialog->input(), QStringLiteral("only for Alice"));
        QVERIFY(dialog->sendButton()->isEnabled());
        // Enter sends, as in a chat; it is not a new line.
        QTest::keyClick(dialog->input(), Qt::Key_Return);
        answered = true;
    });
    m_window->askGroupMessage();
    QVERIFY(answered);
    QVERIFY(!m_window->groupMessageDialog());
    QTRY_COMPARE(alice.size(), 1);
    QCOMPARE(alice.first().at(0).value<ChatMessage>().text, QStringLiteral("only for Alice"));
    QTest::qWait(300);
    QCOMPARE(wang.size(), 0);
}

void TestMainWindow::closingATabKeepsAnUnansweredOffer()
{
    startPeer();
    QTRY_VERIFY(m_peer->peerModel()->find(MyId));
    QTemporaryDir outgoing;
    QFile f(outgoing.filePath(QStringLiteral("plan.txt")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("the plan");
    f.close();
    m_peer->offerFiles({MyId}, {f.fileName()});
    ChatWindow *chats = m_window->chatWindow();
    QTRY_VERIFY(chats->page(TheirId) && chats->page(TheirId)->findChild<OfferCard *>());
    m_window->openChat(TheirId);
    chats->closeTab(chats->tabs()->indexOf(chats->page(TheirId)));
    QTRY_VERIFY(!chats->page(TheirId));
    QCOMPARE(chats->pendingOffers(TheirId).size(), 1);
    // Opened again, the offer is there to answer, and answering it works.
    m_window->openChat(TheirId);
    auto *card = chats->page(TheirId)->findChild<OfferCard *>();
    QVERIFY(card);
    QVERIFY(!card->isAnswered());
    card->accept(m_me->config().downloadDir);
    QFile got(m_me->config().downloadDir + QStringLiteral("/plan.txt"));
    QTRY_VERIFY(got.exists() && got.size() == 8);
    // Recent chats names the file that came.
    QVERIFY(m_window->recentChats()
                ->index(0)
                .data(RecentChatsModel::PreviewRole)
                .toString()
                .contains(QStringLiteral("plan.txt")));
}

void TestMainWindow::switchingTabsKeepsTheKeyboardInTheConversation()
{
    startPeer();
    startThird();
    QTRY_VERIFY(m_me->peerModel()->find(TheirId) && m_me->peerModel()->find(ThirdId));
    QTRY_VERIFY(m_third->peerModel()->find(MyId));
    m_window->openChat(TheirId);
    ChatWindow *chats = m_window->chatWindow();
    QVERIFY(QTest::qWaitForWindowActive(chats));
    QTRY_COMPARE(QApplication::focusWidget(), chats->page(TheirId)->input());
    // Alice writes: her tab waits, never shown. A click on it hands the keyboard to her
    // message box, not to the first field of the page, the history search.
    m_third->sendMessage({MyId}, QStringLiteral("ping"));
    QTRY_VERIFY(chats->page(ThirdId));
    QTabBar *bar = chats->tabs()->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {},
                      bar->tabRect(chats->tabs()->indexOf(chats->page(ThirdId))).center());
    QCOMPARE(chats->current()->peerId(), ThirdId);
    QTRY_COMPARE(QApplication::focusWidget(), chats->page(ThirdId)->input());
    QTest::mouseClick(bar, Qt::LeftButton, {},
                      bar->tabRect(chats->tabs()->indexOf(chats->page(TheirId))).center());
    // Escape in the history search clears it; the tab stays.
    QLineEdit *search = chats->page(TheirId)->searchBox();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("lunch"));
    QTest::keyClick(search, Qt::Key_Escape);
    QVERIFY(search->text().isEmpty());
    QVERIFY(chats->page(TheirId));
    QCOMPARE(QApplication::focusWidget(), chats->page(TheirId)->input());
    // So does Escape in its results, reached by Tab: the tab stays, the keyboard goes back to
    // the input. Only the next Escape closes the tab.
    ChatPage *alice = chats->page(ThirdId);
    chats->tabs()->setCurrentWidget(alice);
    alice->searchBox()->setFocus();
    QTest::keyClicks(alice->searchBox(), QStringLiteral("ping"));
    QTest::keyClick(alice->searchBox(), Qt::Key_Return);
    QListView *results = alice->searchResultsView();
    QTRY_VERIFY(results->isVisible());
    results->setFocus(Qt::TabFocusReason);
    QTest::keyClick(results, Qt::Key_Escape);
    QCOMPARE(chats->page(ThirdId), alice);
    QVERIFY(!results->isVisible() && alice->searchBox()->text().isEmpty());
    QCOMPARE(QApplication::focusWidget(), alice->input());
    chats->tabs()->setCurrentWidget(chats->page(TheirId));
    // A long nick is cut short in its tab, whole in the tooltip's first line; the lock's words
    // follow it.
    QCOMPARE(chats->tabs()
                 ->tabToolTip(chats->tabs()->indexOf(chats->page(ThirdId)))
                 .section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("Alice"));
}

void TestMainWindow::recentChatsKeepNamesAndFollowFiles()
{
    startPeer();
    QTRY_VERIFY(m_peer->peerModel()->find(MyId));
    m_peer->sendMessage({MyId}, QStringLiteral("hello"));
    RecentChatsModel *recent = m_window->recentChats();
    QTRY_COMPARE(recent->rowCount(), 1);
    QSignalSpy stopped(m_peer, &Messenger::stopped);
    m_peer->shutdown();
    QVERIFY(stopped.wait());
    QTRY_VERIFY(!m_me->peerModel()->find(TheirId));
    // Written to while gone: the message fails, the conversation keeps its name.
    m_window->openChat(TheirId);
    m_window->chatWindow()->page(TheirId)->sendText(QStringLiteral("are you there?"));
    QTRY_VERIFY(recent->index(0)
                    .data(RecentChatsModel::PreviewRole)
                    .toString()
                    .contains(QStringLiteral("are you there?")));
    QCOMPARE(recent->index(0).data(RecentChatsModel::NameRole).toString(), QStringLiteral("小王"));
    // The search finds them in Recent chats, by name, pinyin or address, though offline.
    m_window->lists()->setCurrentWidget(m_window->recentList());
    for (const QString &text :
         {QStringLiteral("小王"), QStringLiteral("wang"), QStringLiteral("127.0.0.2")}) {
        m_window->filterBox()->clear();
        m_window->filterBox()->insert(text);
        QCOMPARE(m_window->recentList()->model()->rowCount(), 1);
        QVERIFY(!m_window->noMatchNote()->isVisible());
    }
    // Looked for from the Buddies tab: there, greyed, since we talked.
    m_window->filterBox()->clear();
    m_window->lists()->setCurrentWidget(m_window->buddyList());
    m_window->filterBox()->insert(QStringLiteral("wang"));
    QCOMPARE(m_window->lists()->currentWidget(), m_window->buddyList());
    QCOMPARE(m_window->buddyList()->model()->rowCount(), 1);
    // With offline buddies hidden nobody matches there: Recent chats comes up.
    m_window->filterBox()->clear();
    showOfflineBuddies(false);
    m_window->filterBox()->insert(QStringLiteral("wang"));
    QCOMPARE(m_window->lists()->currentWidget(), m_window->recentList());
    m_window->filterBox()->clear();
    m_window->filterBox()->insert(QStringLiteral("zhao"));
    QCOMPARE(m_window->recentList()->model()->rowCount(), 0);
    QVERIFY(m_window->noMatchNote()->isVisible());
    QCOMPARE(m_window->lists()->currentWidget(), m_window->recentList());
    m_window->filterBox()->clear();
    m_window->filterBox()->insert(QStringLiteral("wang"));
    QTest::keyClick(m_window->filterBox(), Qt::Key_Return);
    QCOMPARE(m_window->chatWindow()->current()->peerId(), TheirId);
    m_window->filterBox()->clear();
    // Taken off the list, it stays off until the next word.
    recent->remove(TheirId);
    QCOMPARE(recent->rowCount(), 0);
    QCOMPARE(m_window->unreadTotal(), 0);
}

void TestMainWindow::personBackOnANewAddressKeepsOneChat()
{
    restartMeQueueing(Them);
    startPeer();
    QTRY_VERIFY(m_me->peerModel()->find(TheirId) &&
                m_me->peerModel()->find(TheirId)->key.trust == crypto::KeyTrust::Pinned);
    m_window->openChat(TheirId);
    ChatWindow *chats = m_window->chatWindow();
    ChatPage *page = chats->page(TheirId);
    QVERIFY(page);
    page->sendText(QStringLiteral("hi"));
    ConversationModel *model = page->model();
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_COMPARE(DeliveryState(model->index(0).data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Delivered);

    // 小王 goes home; what is written now waits for them.
    QSignalSpy stopped(m_peer, &Messenger::stopped);
    m_peer->shutdown();
    QVERIFY(stopped.wait());
    delete m_peer;
    m_peer = nullptr;
    QTRY_VERIFY(!m_me->peerModel()->find(TheirId));
    page->sendText(QStringLiteral("see you tomorrow"));
    QTRY_COMPARE(model->rowCount(), 2);
    QTRY_COMPARE(DeliveryState(model->index(1).data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Queued);

    // 小王 comes back on another address, the same computer and key.
    const QString newAddress = QStringLiteral("127.0.0.4");
    const QString newId = QStringLiteral("127.0.0.4:34257");
    m_peer = new Messenger(config(newAddress, QStringLiteral("小王"), QStringLiteral("研发部"), Me,
                                  m_dir->filePath(QStringLiteral("peer"))));
    QSignalSpy peerStarted(m_peer, &Messenger::started);
    m_peer->start();
    QVERIFY(peerStarted.wait());
    // The open tab follows them: the same page, its bubbles, the queued one delivered in place.
    QTRY_COMPARE(page->peerId(), newId);
    QCOMPARE(chats->page(newId), page);
    QVERIFY(!chats->page(TheirId));
    QCOMPARE(chats->tabs()->count(), 1);
    QTRY_COMPARE(DeliveryState(model->index(1).data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Delivered);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(chats->tabs()->tabText(0), QStringLiteral("小王"));
    // Recent chats has one 小王, at the new address.
    RecentChatsModel *recent = m_window->recentChats();
    QCOMPARE(recent->rowCount(), 1);
    QCOMPARE(recent->index(0).data(RecentChatsModel::PeerIdRole).toString(), newId);
    QVERIFY(recent->index(0).data(RecentChatsModel::OnlineRole).toBool());
    // What they answer lands in the same tab.
    m_peer->sendMessage({MyId}, QStringLiteral("got it"));
    QTRY_COMPARE(model->rowCount(), 3);
    QCOMPARE(chats->tabs()->count(), 1);
}

void TestMainWindow::ctrlAltAInTheBuddyListLeavesTheRegionOnTheClipboard()
{
    startPeer();
    QTRY_VERIFY(m_me->peerModel()->find(TheirId));
    // A chat open in the chat window: its input is not where a shot from the list goes.
    m_window->openChat(TheirId);
    ChatWindow *chats = m_window->chatWindow();
    QVERIFY(QTest::qWaitForWindowActive(chats));
    MessageInput *input = chats->page(TheirId)->input();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    m_window->buddyList()->setFocus();
    QGuiApplication::clipboard()->clear();
    auto overlayShown = [] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *o = qobject_cast<ScreenshotOverlay *>(w); o && o->isVisible())
                return o;
        }
        return static_cast<ScreenshotOverlay *>(nullptr);
    };
    QTest::keyClick(m_window->buddyList(), Qt::Key_A, Qt::ControlModifier | Qt::AltModifier);
    QTRY_VERIFY(overlayShown());
    ScreenshotOverlay *overlay = overlayShown();
    QVERIFY(m_window->isVisible());
    const QPoint from = overlay->mapFromGlobal(m_window->mapToGlobal(QPoint(5, 5)));
    QTest::mousePress(overlay, Qt::LeftButton, {}, from);
    QTest::mouseMove(overlay, from + QPoint(80, 60));
    QTest::mouseRelease(overlay, Qt::LeftButton, {}, from + QPoint(80, 60));
    const QRect region = overlay->deviceSelection();
    QCOMPARE(region.size(), QSize(80, 60) * overlay->devicePixelRatioF());
    const QImage expected = overlay->selectedImage().convertToFormat(QImage::Format_RGB32);
    QTest::keyClick(overlay, Qt::Key_Return);
    QTRY_VERIFY(!QGuiApplication::clipboard()->image().isNull());
    QCOMPARE(QGuiApplication::clipboard()->image().convertToFormat(QImage::Format_RGB32), expected);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("Ctrl+V")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(input->pictureCount(), 0);
    QTRY_VERIFY(!overlayShown());

    // Pasted into the chat, it goes in as a picture.
    chats->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(chats));
    input->setFocus();
    QTest::keyClick(input, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(input->pictureCount(), 1);
}

void TestMainWindow::showOfflineBuddies(bool show)
{
    bool seen = false;
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        seen = true;
        QCOMPARE(dialog->showOfflineBuddies()->isChecked(), !show);
        dialog->showOfflineBuddies()->setChecked(show);
        dialog->accept();
    });
    poll.start(20);
    m_window->showSettings();
    poll.stop();
    QVERIFY(seen);
}

void TestMainWindow::offlineBuddyStaysGreyAndGetsAQueuedMessage()
{
    startThird();
    QTRY_VERIFY(m_me->peerModel()->find(ThirdId));
    QTRY_VERIFY(m_third->peerModel()->find(MyId));
    // Talked to: a message each way.
    QSignalSpy heard(m_me, &Messenger::messageReceived);
    m_third->sendMessage({MyId}, QStringLiteral("hi from Sales"));
    QVERIFY(heard.wait());
    // How her row is drawn: the ink of her name, and the most saturated pixel of her avatar.
    auto looks = [this](const QModelIndex &row) {
        QTreeView *view = m_window->buddyList();
        const QRect r = view->visualRect(row).adjusted(4, 4, -6, -4);
        const QImage image = view->viewport()->grab().toImage();
        const int size = r.height();
        const QRect name(r.left() + size + 8, r.top(), r.width() - size - 8,
                         view->fontMetrics().height());
        int saturation = 0;
        for (int y = r.top(); y < r.top() + size; ++y) {
            for (int x = r.left(); x < r.left() + size; ++x)
                saturation = std::max(saturation, QColor(image.pixel(x, y)).hsvSaturation());
        }
        return std::make_pair(test::groundAndInk(image, name).second, saturation);
    };
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QTRY_COMPARE(m_window->buddyList()->model()->rowCount(), 1);
    const auto [onlineInk, onlineColour] = looks(
        m_window->buddyList()->model()->index(0, 0, m_window->buddyList()->model()->index(0, 0)));
    QSignalSpy stopped(m_third, &Messenger::stopped);
    m_third->shutdown();
    QVERIFY(stopped.wait());
    delete m_third;
    m_third = nullptr;
    QTRY_VERIFY(!m_me->peerModel()->find(ThirdId));
    // Grey under her workgroup, not gone.
    auto *tree = m_window->buddyList();
    QAbstractItemModel *list = tree->model();
    QTRY_COMPARE(list->rowCount(), 1);
    QModelIndex sales = list->index(0, 0);
    QCOMPARE(sales.data().toString(), QStringLiteral("Sales 0/1"));
    QCOMPARE(list->rowCount(sales), 1);
    QModelIndex alice = list->index(0, 0, sales);
    QCOMPARE(alice.data().toString(), QStringLiteral("Alice"));
    QVERIFY(alice.data(GroupedPeerModel::OfflineRole).toBool());
    QTRY_VERIFY(alice.data(GroupedPeerModel::LastSeenRole).toDateTime().isValid());
    QVERIFY(alice.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Offline, last seen")));
    // Greyed: a grey avatar, and her name fainter than when she was here, yet readable.
    const auto [offlineInk, offlineColour] = looks(alice);
    QVERIFY2(
        onlineColour > 60 && offlineColour < 20,
        qPrintable(
            QStringLiteral("avatar saturation %1 -> %2").arg(onlineColour).arg(offlineColour)));
    QVERIFY2(offlineInk < onlineInk * 0.75 && offlineInk >= 2.5,
             qPrintable(QStringLiteral("name contrast %1 -> %2").arg(onlineInk).arg(offlineInk)));

    // Kept over a restart, with her workgroup; queueing on, as the program has it.
    delete m_window;
    delete m_me;
    NodeConfig c = config(Me, QStringLiteral("Me"), QStringLiteral("Dev"), Third,
                          m_dir->filePath(QStringLiteral("me")));
    c.queueOffline = true;
    m_me = new Messenger(c);
    m_window = new MainWindow(m_me, UiSettings());
    m_window->show();
    QSignalSpy restarted(m_me, &Messenger::started);
    m_me->start();
    QVERIFY(restarted.wait(20000));
    tree = m_window->buddyList();
    list = tree->model();
    QTRY_COMPARE(list->rowCount(), 1);
    sales = list->index(0, 0);
    QCOMPARE(sales.data().toString(), QStringLiteral("Sales 0/1"));
    QTRY_COMPARE(list->rowCount(sales), 1);
    alice = list->index(0, 0, sales);
    QVERIFY(alice.data(GroupedPeerModel::OfflineRole).toBool());
    QCOMPARE(alice.data(PeerModel::IdRole).toString(), ThirdId);
    // The search finds her by her login.
    QTest::keyClicks(m_window->filterBox(), QStringLiteral("alice"));
    QCOMPARE(list->rowCount(), 1);
    m_window->filterBox()->clear();

    // A double-click opens her chat, and what is written there waits for her.
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    tree->scrollTo(alice);
    const QPoint at = tree->visualRect(alice).center();
    // Her menu sends files and folders (they wait in the queue); Peer info needs her here.
    QHash<QString, bool> enabled;
    QTimer::singleShot(0, this, [&enabled] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction *action : menu->actions())
            enabled.insert(action->text(), action->isEnabled());
        menu->close();
    });
    emit tree->customContextMenuRequested(at);
    QCOMPARE(enabled.value(QStringLiteral("Send files…")), true);
    QCOMPARE(enabled.value(QStringLiteral("Send a folder…")), true);
    QCOMPARE(enabled.value(QStringLiteral("Peer info"), true), false);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
    ChatPage *page = m_window->chatWindow()->page(ThirdId);
    QVERIFY(page);
    QVERIFY(page->window()->windowTitle().startsWith(QStringLiteral("Alice")));
    ConversationModel *conversation = page->model();
    // Her message from before, read from history.
    QTRY_COMPARE(conversation->rowCount(), 1);
    QTest::keyClicks(page->input(), QStringLiteral("see you tomorrow"));
    QTest::keyClick(page->input(), Qt::Key_Return);
    QTRY_COMPARE(conversation->rowCount(), 2);
    const QPersistentModelIndex last = conversation->index(conversation->rowCount() - 1);
    QTRY_COMPARE(DeliveryState(last.data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Queued);

    // The setting hides her at once, and shows her again.
    showOfflineBuddies(false);
    QCOMPARE(list->rowCount(), 0);
    QVERIFY(!UiSettings::load(ProfileSettings(m_me->config().profileDir).settingsPath())
                 .showOfflineBuddies);
    showOfflineBuddies(true);
    QCOMPARE(list->rowCount(), 1);

    // Back: one live row where the grey one was, and the queued message delivered.
    startThird();
    QSignalSpy received(m_third, &Messenger::messageReceived);
    QTRY_VERIFY(m_me->peerModel()->find(ThirdId));
    sales = list->index(0, 0);
    QTRY_COMPARE(sales.data().toString(), QStringLiteral("Sales (1 online)"));
    QCOMPARE(list->rowCount(sales), 1);
    QVERIFY(!list->index(0, 0, sales).data(GroupedPeerModel::OfflineRole).toBool());
    QTRY_VERIFY(!received.isEmpty());
    QCOMPARE(received.first().first().value<ChatMessage>().text,
             QStringLiteral("see you tomorrow"));
    QTRY_COMPARE(DeliveryState(last.data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Delivered);
}

void TestMainWindow::peerInfoListsEveryAddress()
{
    Peer wang;
    wang.nick = QStringLiteral("王多卡");
    wang.user = QStringLiteral("wang");
    wang.host = QStringLiteral("desk");
    const PeerAddress wired{QHostAddress(QStringLiteral("10.0.0.7")), 2425, 1000};
    const PeerAddress wifi{QHostAddress(QStringLiteral("10.0.0.8")), 2425, 2000};
    wang.addresses = {wired};
    wang.address = wired.address;
    wang.id = wired.id();
    // One card: the one address, and no list.
    QString text = MainWindow::peerInfoText(wang);
    QVERIFY(text.contains(QStringLiteral("Address: 10.0.0.7:2425")));
    QVERIFY(!text.contains(QStringLiteral("several networks")));
    // Two: both listed, the one answering last as the address.
    wang.addresses.append(wifi);
    wang.address = wifi.address;
    text = MainWindow::peerInfoText(wang);
    QVERIFY(text.contains(QStringLiteral("Address: 10.0.0.8:2425")));
    QVERIFY2(text.contains(QStringLiteral("at:\n10.0.0.7:2425\n10.0.0.8:2425\n")),
             qPrintable(text));
}

void TestMainWindow::someoneElseAtTheAddressDoesNotTakeTheChat()
{
    restartMeQueueing(Third);
    startThird();
    QTRY_VERIFY(m_me->peerModel()->find(ThirdId) &&
                m_me->peerModel()->find(ThirdId)->key.trust == crypto::KeyTrust::Pinned);
    m_window->openChat(ThirdId);
    ChatWindow *chats = m_window->chatWindow();
    ChatPage *page = chats->page(ThirdId);
    QVERIFY(page);
    ConversationModel *model = page->model();
    page->sendText(QStringLiteral("hello Alice"));
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_COMPARE(DeliveryState(model->index(0).data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Delivered);

    // Alice goes home, and 大卫 (another login, another key) gets her address.
    QSignalSpy stopped(m_third, &Messenger::stopped);
    m_third->shutdown();
    QVERIFY(stopped.wait());
    delete m_third;
    m_third = nullptr;
    QTRY_VERIFY(!m_me->peerModel()->find(ThirdId));
    NodeConfig dave = config(Third, QStringLiteral("大卫"), QStringLiteral("Sales"), Me,
                             m_dir->filePath(QStringLiteral("dave")));
    dave.user = QStringLiteral("dave");
    dave.host = QStringLiteral("vm");
    m_third = new Messenger(dave);
    QSignalSpy daveStarted(m_third, &Messenger::started);
    m_third->start();
    QVERIFY(daveStarted.wait());
    QSignalSpy daveGot(m_third, &Messenger::messageReceived);
    QTRY_VERIFY(m_me->peerModel()->find(ThirdId) &&
                m_me->peerModel()->find(ThirdId)->user == QStringLiteral("dave"));

    // Alice's open tab stays hers, with her history, at an id of her own.
    QTRY_VERIFY(PersonRef::isParkedChatId(page->peerId()));
    const QString alicesChat = page->peerId();
    QCOMPARE(chats->page(alicesChat), page);
    QVERIFY(!chats->page(ThirdId));
    QCOMPARE(chats->tabs()->tabText(chats->tabs()->indexOf(page)), QStringLiteral("Alice"));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0).data(ConversationModel::TextRole).toString(),
             QStringLiteral("hello Alice"));

    // 大卫 writes: a chat of his own, and Recent chats has two rows.
    m_third->sendMessage({MyId}, QStringLiteral("hi, I am Dave"));
    RecentChatsModel *recent = m_window->recentChats();
    QTRY_COMPARE(recent->rowCount(), 2);
    QHash<QString, QString> names;
    for (int row = 0; row < recent->rowCount(); ++row)
        names.insert(
            recent->index(row).data(RecentChatsModel::PeerIdRole).toString(),
            recent->name(recent->index(row).data(RecentChatsModel::PeerIdRole).toString()));
    QCOMPARE(names.value(ThirdId), QStringLiteral("大卫"));
    QCOMPARE(names.value(alicesChat), QStringLiteral("Alice"));
    QCOMPARE(model->rowCount(), 1);

    // Her grey row opens her chat; what is written there waits for her, 大卫 gets nothing.
    QAbstractItemModel *list = m_window->buddyList()->model();
    QModelIndex grey;
    QTRY_VERIFY([&] {
        for (int g = 0; g < list->rowCount(); ++g) {
            const QModelIndex group = list->index(g, 0);
            for (int r = 0; r < list->rowCount(group); ++r) {
                const QModelIndex row = list->index(r, 0, group);
                if (row.data().toString() == QStringLiteral("Alice"))
                    grey = row;
            }
        }
        return grey.isValid() && grey.data(GroupedPeerModel::OfflineRole).toBool() &&
               grey.data(PeerModel::IdRole).toString() == alicesChat;
    }());
    m_window->openChat(grey.data(PeerModel::IdRole).toString());
    QCOMPARE(chats->page(alicesChat), page);
    page->sendText(QStringLiteral("Alice, private: my salary note"));
    QTRY_COMPARE(model->rowCount(), 2);
    QTRY_COMPARE(DeliveryState(model->index(1).data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Queued);
    QTest::qWait(500);
    QCOMPARE(daveGot.size(), 0);
    QCOMPARE(chats->tabs()->tabText(chats->tabs()->indexOf(page)), QStringLiteral("Alice"));
}

void TestMainWindow::recentChatsNameOfflinePeopleAfterARestart()
{
    // Written to while he was away: the row carries his address only. The buddies table knows
    // him as Bob; the row read "127.0.0.3 (offline)" with an avatar "1".
    {
        HistoryStore history;
        QString error;
        QVERIFY2(history.open(m_me->historyPath(), &error), qPrintable(error));
        ChatMessage m;
        m.id = QStringLiteral("to-bob");
        m.peerId = ThirdId;
        m.peerNick = Third;
        m.direction = Direction::Outgoing;
        m.text = QStringLiteral("Bob offline test");
        m.state = DeliveryState::Queued;
        m.person = QStringLiteral("bob@pc");
        m.timestampMs = 1700000000000;
        QVERIFY(history.insert(m));
        BuddyStore buddies(&history);
        QVERIFY(buddies.open());
        Buddy bob;
        bob.person = QStringLiteral("bob@pc");
        bob.nick = QStringLiteral("Bob");
        bob.group = QStringLiteral("Sales");
        bob.user = QStringLiteral("bob");
        bob.host = QStringLiteral("pc");
        bob.peerId = ThirdId;
        bob.lastSeenMs = 1700000000000;
        QVERIFY(buddies.save({bob}));
    }
    restartMe();
    RecentChatsModel *recent = m_window->recentChats();
    QTRY_COMPARE(recent->rowCount(), 1);
    QCOMPARE(recent->index(0).data(RecentChatsModel::NameRole).toString(), QStringLiteral("Bob"));
    QCOMPARE(recent->index(0).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("Me: Bob offline test"));
    QVERIFY(!recent->index(0).data(RecentChatsModel::OnlineRole).toBool());
}

void TestMainWindow::recentChatsShowTheFilesWeOffer()
{
    startPeer();
    QTRY_VERIFY(m_me->peerModel()->find(TheirId));
    QTemporaryDir outgoing;
    QVERIFY(QDir(outgoing.path()).mkpath(QStringLiteral("photos/2026")));
    for (const QString &name :
         {QStringLiteral("report.txt"), QStringLiteral("a.txt"), QStringLiteral("photos/1.jpg")}) {
        QFile f(outgoing.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("0123456789");
    }
    m_window->openChat(TheirId);
    ChatPage *page = m_window->chatWindow()->page(TheirId);
    QVERIFY(page);
    RecentChatsModel *recent = m_window->recentChats();
    const auto preview = [recent] {
        return recent->index(recent->rowOf(TheirId)).data(RecentChatsModel::PreviewRole).toString();
    };
    // It read "📎 Files" whatever was sent.
    page->offerPaths({outgoing.filePath(QStringLiteral("report.txt"))});
    QTRY_COMPARE(preview(), QStringLiteral("📎 report.txt"));
    page->offerPaths({outgoing.filePath(QStringLiteral("report.txt")),
                      outgoing.filePath(QStringLiteral("a.txt")),
                      outgoing.filePath(QStringLiteral("photos"))});
    QTRY_COMPARE(preview(), QStringLiteral("📎 report.txt and 2 more"));
    page->offerPaths({outgoing.filePath(QStringLiteral("photos"))});
    QTRY_COMPARE(preview(), QStringLiteral("📁 photos"));
    // Sent to two at once from the buddy list, as well.
    m_me->offerFiles({TheirId, ThirdId}, {outgoing.filePath(QStringLiteral("a.txt"))});
    QTRY_COMPARE(preview(), QStringLiteral("📎 a.txt"));
    // Its history deleted: its words are gone from Recent chats too.
    page->deleteHistory();
    QTRY_COMPARE(recent->rowOf(TheirId), -1);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
