// Group chats in the window, on the offscreen platform against real peers on loopback: a room's
// messages in its own tab (never the sender's one-to-one chat), the Group chats tab with unread
// counts, Recent chats, the new group chat dialog, members added, removed and leaving, and the
// notices in the reader's language.
#include "avatar.h"
#include "bubbledelegate.h"
#include "chatpage.h"
#include "chatwindow.h"
#include "mainwindow.h"
#include "messageinput.h"
#include "messenger.h"
#include "models/conversationmodel.h"
#include "models/peermodel.h"
#include "models/pinyin.h"
#include "models/recentchatsmodel.h"
#include "models/roomlistmodel.h"
#include "peerpicker.h"
#include "roomdialog.h"
#include "uisettings.h"
#include "windowtestnode.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTranslator>

#include <memory>
#include <utility>

using namespace lanpigeon;
using namespace lanpigeon::ui;

namespace {
constexpr quint16 Port = 35611;
const QString Me = QStringLiteral("127.0.0.1");
const QString Wang = QStringLiteral("127.0.0.2");
const QString Alice = QStringLiteral("127.0.0.3");
const QString MyId = QStringLiteral("127.0.0.1:35611");
const QString WangId = QStringLiteral("127.0.0.2:35611");
const QString AliceId = QStringLiteral("127.0.0.3:35611");

// The conversation's rows that say text, in any row.
int rowSaying(const QAbstractItemModel *model, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(ConversationModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

// The status line of the room bubble that says text.
QString statusOf(ChatPage *page, const QString &text)
{
    return page->model()
        ->index(rowSaying(page->model(), text))
        .data(ConversationModel::StatusTextRole)
        .toString();
}
} // namespace

class TestRoomWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void roomMessagesGoToTheRoomTab();
    void sendingFromTheRoomTabReachesEveryMember();
    void newGroupChatDialogCreatesTheRoom();
    void membersAreAddedRemovedAndWeLeave();
    void noticesShowInTheReadersLanguage();
    void aRoomWithNobodyElseTakesNoWords();
    void unreadCountsOfRoomsAreKeptOverARestart();
    void theThreeTabsFitTheDefaultWidthWithTheirCounts();
    void aRemovedMemberReadsWhoRemovedThem();
    void aRoomBubbleSaysWhomItReached();
    void aRoomBubbleNamesWhomItWaitsForInBothLanguages();
    void aQueuedMessageSentAtLastKeepsTheLastWordsInRecentChats();
    void exportAndDeleteARoomsHistory();
    void searchNarrowsTheGroupChatsTab();
    void roomRowsHaveARoomAvatar();
    void aNarrowRoomTabFoldsItsMembers();
    void offlineMembersGoByTheirLastNick();
    void downFromTheSearchBoxGoesToTheFirstResult();
    void newGroupChatListIsInPinyinOrderAndNamesClones();

private:
    Messenger *startPeer(const QString &ip, const QString &nick, const QString &user,
                         const QString &dir);
    // 小王 makes a room with us and Alice; returns its id once our window lists it.
    RoomId roomFromWang(const QString &name);
    // Stops peer (BR_EXIT) and waits until our list no longer has it.
    void goOffline(Messenger **peer);
    // Our program stops and starts again on the same profile, with a new window.
    void restartMe();
    // Opens the room's tab; Alice says a word in it (so she goes by her nick once offline, not
    // her login) and goes offline. Null if the tab did not open.
    ChatPage *openRoomWithAliceGone(const RoomId &id);

    QTemporaryDir *m_dir = nullptr;
    Messenger *m_me = nullptr;
    Messenger *m_wang = nullptr;
    Messenger *m_alice = nullptr;
    MainWindow *m_window = nullptr;
};

void TestRoomWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

Messenger *TestRoomWindow::startPeer(const QString &ip, const QString &nick, const QString &user,
                                     const QString &dir)
{
    NodeConfig c =
        test::windowTestNode(ip, Port, nick, QStringLiteral("研发部"), Me, m_dir->filePath(dir));
    c.user = user;
    c.host = user + QStringLiteral("-pc");
    // Everyone hears of everyone: members tell each other of rooms.
    c.extraHosts = {QHostAddress(Me), QHostAddress(Wang), QHostAddress(Alice)};
    auto *m = new Messenger(c);
    QSignalSpy started(m, &Messenger::started);
    m->start();
    [&] { QVERIFY(started.wait()); }();
    return m;
}

void TestRoomWindow::init()
{
    m_dir = new QTemporaryDir;
    NodeConfig c = test::windowTestNode(Me, Port, QStringLiteral("Me"), QStringLiteral("Dev"), Wang,
                                        m_dir->filePath(QStringLiteral("me")));
    c.extraHosts = {QHostAddress(Wang), QHostAddress(Alice)};
    // As the program has it: what is written to someone offline waits for them.
    c.queueOffline = true;
    m_me = new Messenger(c);
    m_window = new MainWindow(m_me, UiSettings());
    m_window->show();
    QSignalSpy started(m_me, &Messenger::started);
    m_me->start();
    QVERIFY(started.wait());
    m_wang =
        startPeer(Wang, QStringLiteral("小王"), QStringLiteral("wang"), QStringLiteral("wang"));
    m_alice =
        startPeer(Alice, QStringLiteral("Alice"), QStringLiteral("alice"), QStringLiteral("alice"));
    QTRY_COMPARE(m_me->peerModel()->rowCount(), 2);
    QTRY_COMPARE(m_wang->peerModel()->rowCount(), 2);
    QTRY_COMPARE(m_alice->peerModel()->rowCount(), 2);
}

void TestRoomWindow::cleanup()
{
    delete m_window;
    delete m_alice;
    delete m_wang;
    delete m_me;
    delete m_dir;
    m_window = nullptr;
    m_alice = m_wang = m_me = nullptr;
}

void TestRoomWindow::goOffline(Messenger **peer)
{
    const int before = m_me->peerModel()->rowCount();
    delete *peer;
    *peer = nullptr;
    QTRY_COMPARE(m_me->peerModel()->rowCount(), before - 1);
}

void TestRoomWindow::restartMe()
{
    const NodeConfig c = m_me->config();
    delete m_window;
    m_window = nullptr;
    delete m_me;
    m_me = new Messenger(c);
    m_window = new MainWindow(m_me, UiSettings());
    m_window->show();
    QSignalSpy started(m_me, &Messenger::started);
    m_me->start();
    QVERIFY(started.wait());
}

ChatPage *TestRoomWindow::openRoomWithAliceGone(const RoomId &id)
{
    m_window->openRoom(id);
    ChatPage *page = m_window->chatWindow()->roomPage(id);
    if (!page)
        return nullptr;
    [&] {
        QTRY_COMPARE(page->members()->count(), 3);
        m_alice->sendToRoom(id, QStringLiteral("hi all"));
        QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("hi all")) >= 0);
    }();
    goOffline(&m_alice);
    return page;
}

RoomId TestRoomWindow::roomFromWang(const QString &name)
{
    const RoomId id = m_wang->createRoom(name, {MyId, AliceId});
    [&] { QTRY_VERIFY(m_window->rooms()->find(id)); }();
    return id;
}

void TestRoomWindow::roomMessagesGoToTheRoomTab()
{
    // We are typing to Alice when the room comes: its tab waits behind, without the keyboard.
    m_window->openChat(AliceId);
    ChatWindow *chats = m_window->chatWindow();
    QVERIFY(QTest::qWaitForWindowActive(chats));
    ChatPage *alice = chats->page(AliceId);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(alice->input()));
    const RoomId id = roomFromWang(QStringLiteral("Project"));
    // The Group chats tab lists it with its members.
    QListView *rooms = m_window->roomList();
    QCOMPARE(rooms->model()->rowCount(), 1);
    const QModelIndex row = rooms->model()->index(0, 0);
    QCOMPARE(row.data(RoomListModel::NameRole).toString(), QStringLiteral("Project"));
    QCOMPARE(row.data(RoomListModel::MemberCountRole).toInt(), 3);
    QCOMPARE(m_window->lists()->tabText(m_window->lists()->indexOf(rooms)),
             QStringLiteral("Group chats"));

    m_wang->sendToRoom(id, QStringLiteral("hello room"));
    QTRY_VERIFY(chats->roomPage(id));
    ChatPage *page = chats->roomPage(id);
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("hello room")) >= 0);
    const QModelIndex said =
        page->model()->index(rowSaying(page->model(), QStringLiteral("hello room")));
    QCOMPARE(said.data(ConversationModel::NickRole).toString(), QStringLiteral("小王"));
    QVERIFY(!said.data(ConversationModel::OutgoingRole).toBool());
    // Never into the sender's one-to-one chat.
    QVERIFY(!chats->page(WangId));
    QCOMPARE(chats->current(), alice);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(alice->input()));
    QCOMPARE(QApplication::activeWindow(), chats);
    QCOMPARE(chats->tabs()->tabText(chats->tabs()->indexOf(page)), QStringLiteral("(1) Project"));
    // The notice of its making is a notice, not a bubble of words.
    const QModelIndex notice = page->model()->index(0);
    QVERIFY(notice.data(ConversationModel::NoticeRole).toBool());
    QCOMPARE(notice.data().toString(), QStringLiteral("小王 created the group chat"));
    // The header names the room and counts its members.
    auto *header = page->findChild<QLabel *>(QStringLiteral("peerHeader"));
    QVERIFY(header->text().contains(QStringLiteral("Project")));
    QVERIFY(header->text().contains(QStringLiteral("3 member")));
    QCOMPARE(page->members()->count(), 3);
    // Incoming bubbles carry the sender's name above them: taller than without it.
    auto *bubbles = qobject_cast<BubbleDelegate *>(page->view()->itemDelegate());
    BubbleDelegate plain(QStringLiteral("Me"));
    QStyleOptionViewItem option;
    option.initFrom(page->view());
    option.rect = QRect(0, 0, 400, 0);
    QVERIFY(bubbles->sizeHint(option, said).height() > plain.sizeHint(option, said).height());

    // One unread, counted on the room (the notice is not), in the Group chats and Recent chats.
    const ChatKey key = ChatKey::room(id);
    QTRY_COMPARE(m_window->recentChats()->unread(key), 1);
    QCOMPARE(m_window->recentChats()->unread(WangId), 0);
    const QModelIndex recent = m_window->recentChats()->indexOf(key);
    QVERIFY(recent.isValid());
    QCOMPARE(recent.data(RecentChatsModel::NameRole).toString(), QStringLiteral("Project"));
    QCOMPARE(recent.data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("小王: hello room"));
    QCOMPARE(m_window->unreadTotal(), 1);
    // A double-click on the room's row opens its tab and reads it.
    rooms->setCurrentIndex(row);
    m_window->activateWindow();
    const QPoint at = rooms->visualRect(row).center();
    QTest::mouseClick(rooms->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(rooms->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(chats->current(), page);
    chats->activateWindow();
    QTRY_COMPARE(m_window->recentChats()->unread(key), 0);
    QCOMPARE(chats->tabs()->tabText(chats->tabs()->indexOf(page)), QStringLiteral("Project"));

    // A window made anew (as after a restart) has the room in both lists, from history.
    MainWindow again(m_me, UiSettings());
    QTRY_VERIFY(again.rooms()->find(id));
    QTRY_VERIFY(again.recentChats()->indexOf(key).isValid());
    const QModelIndex back = again.recentChats()->indexOf(key);
    QCOMPARE(back.data(RecentChatsModel::NameRole).toString(), QStringLiteral("Project"));
    QCOMPARE(back.data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("小王: hello room"));
    QVERIFY(!again.recentChats()->indexOf(WangId).isValid());
}

void TestRoomWindow::sendingFromTheRoomTabReachesEveryMember()
{
    const RoomId id = roomFromWang(QStringLiteral("Lunch"));
    m_window->openRoom(id);
    ChatPage *page = m_window->chatWindow()->roomPage(id);
    QVERIFY(page);
    QTRY_COMPARE(page->members()->count(), 3);
    QSignalSpy wang(m_wang, &Messenger::messageReceived);
    QSignalSpy alice(m_alice, &Messenger::messageReceived);
    QTest::keyClicks(page->input(), QStringLiteral("noodles?"));
    QTest::keyClick(page->input(), Qt::Key_Return);
    QVERIFY(page->input()->toPlainText().isEmpty());
    QTRY_COMPARE(wang.size(), 1);
    QTRY_COMPARE(alice.size(), 1);
    for (const QSignalSpy *spy : {&wang, &alice}) {
        const auto got = spy->first().at(0).value<ChatMessage>();
        QCOMPARE(got.text, QStringLiteral("noodles?"));
        QCOMPARE(got.roomId, id);
    }
    // One bubble on the right for both members, delivered.
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("noodles?")) >= 0);
    int mine = 0;
    for (int row = 0; row < page->model()->rowCount(); ++row)
        mine += page->model()->index(row).data(ConversationModel::OutgoingRole).toBool() &&
                !page->model()->index(row).data(ConversationModel::NoticeRole).toBool();
    QCOMPARE(mine, 1);
    const int sent = rowSaying(page->model(), QStringLiteral("noodles?"));
    QVERIFY(page->model()->index(sent).data(ConversationModel::OutgoingRole).toBool());
    QTRY_COMPARE(
        DeliveryState(page->model()->index(sent).data(ConversationModel::StateRole).toInt()),
        DeliveryState::Delivered);
    // Search in the room finds it.
    QTest::keyClicks(page->searchBox(), QStringLiteral("noodles"));
    QTest::keyClick(page->searchBox(), Qt::Key_Return);
    QTRY_VERIFY(page->searchResults() && page->searchResults()->rowCount() == 1);
}

void TestRoomWindow::newGroupChatDialogCreatesTheRoom()
{
    bool answered = false;
    QTimer::singleShot(0, this, [&] {
        RoomDialog *dialog = m_window->roomDialog();
        QVERIFY(dialog);
        QVERIFY(!dialog->okButton()->isEnabled());
        QCOMPARE(dialog->picker()->list()->count(), 2);
        // The search narrows the list by pinyin, and ticks stay on hidden rows.
        QTest::keyClicks(dialog->picker()->filter(), QStringLiteral("wang"));
        int shown = 0;
        for (int i = 0; i < dialog->picker()->list()->count(); ++i) {
            QListWidgetItem *item = dialog->picker()->list()->item(i);
            if (!item->isHidden()) {
                ++shown;
                item->setCheckState(Qt::Checked);
            }
        }
        QCOMPARE(shown, 1);
        dialog->picker()->filter()->clear();
        for (int i = 0; i < dialog->picker()->list()->count(); ++i) {
            QListWidgetItem *item = dialog->picker()->list()->item(i);
            if (item->text().startsWith(QStringLiteral("Alice")))
                item->setCheckState(Qt::Checked);
        }
        QCOMPARE(dialog->peerIds().size(), 2);
        // No name, no room.
        QVERIFY(!dialog->okButton()->isEnabled());
        QTest::keyClicks(dialog->nameBox(), QStringLiteral("Weekend"));
        QVERIFY(dialog->okButton()->isEnabled());
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        answered = true;
    });
    QSignalSpy wangRooms(m_wang, &Messenger::roomChanged);
    QSignalSpy aliceRooms(m_alice, &Messenger::roomChanged);
    m_window->askNewRoom();
    QVERIFY(answered);
    QTRY_COMPARE(m_window->rooms()->rowCount(), 1);
    const auto id = m_window->rooms()->index(0).data(RoomListModel::RoomIdRole).value<RoomId>();
    // Its tab opens, in front.
    QTRY_VERIFY(m_window->chatWindow()->roomPage(id));
    QCOMPARE(m_window->chatWindow()->current(), m_window->chatWindow()->roomPage(id));
    // Both members have it, with all three in it.
    QTRY_COMPARE(wangRooms.size(), 1);
    QTRY_COMPARE(aliceRooms.size(), 1);
    const auto room = wangRooms.first().at(0).value<Room>();
    QCOMPARE(room.name, QStringLiteral("Weekend"));
    QCOMPARE(room.members.size(), 3);
    // Our own notice says "You".
    ChatPage *page = m_window->chatWindow()->roomPage(id);
    QTRY_VERIFY(page->model()->rowCount() > 0);
    QCOMPARE(page->model()->index(0).data().toString(),
             QStringLiteral("You created the group chat"));
}

void TestRoomWindow::membersAreAddedRemovedAndWeLeave()
{
    // Only 小王 at first.
    const RoomId id = m_me->createRoom(QStringLiteral("Pair"), {WangId});
    QTRY_VERIFY(m_window->rooms()->find(id));
    m_window->openRoom(id);
    ChatPage *page = m_window->chatWindow()->roomPage(id);
    QVERIFY(page);
    QTRY_COMPARE(page->members()->count(), 2);
    // Add members… offers only who is not in yet.
    bool answered = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<RoomDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QCOMPARE(dialog->picker()->list()->count(), 1);
        dialog->picker()->list()->item(0)->setCheckState(Qt::Checked);
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        answered = true;
    });
    page->askAddMembers();
    QVERIFY(answered);
    QTRY_COMPARE(page->members()->count(), 3);
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("You added Alice")) >= 0);
    // Alice's window would say who added her; her core has the notice typed.
    // Removing her.
    m_me->removeRoomMember(id, QStringLiteral("alice"), QStringLiteral("alice-pc"));
    QTRY_COMPARE(page->members()->count(), 2);
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("You removed Alice")) >= 0);
    // Leaving asks first; Cancel keeps us in.
    QTimer::singleShot(0, this, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        box->button(QMessageBox::Cancel)->click();
    });
    page->askLeave();
    QTest::qWait(200);
    QVERIFY(!m_window->rooms()->find(id)->left);
    QSignalSpy wangSaw(m_wang, &Messenger::messageReceived);
    QTimer::singleShot(0, this, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        for (QAbstractButton *b : box->buttons()) {
            if (box->buttonRole(b) == QMessageBox::DestructiveRole)
                b->click();
        }
    });
    page->askLeave();
    QTRY_VERIFY(m_window->rooms()->find(id)->left);
    QTRY_VERIFY(!page->input()->isEnabled());
    QVERIFY(m_window->rooms()->index(0).data(RoomListModel::LeftRole).toBool());
    // 小王 hears we left, as a notice with our name.
    QTRY_COMPARE(wangSaw.size(), 1);
    const auto left = wangSaw.first().at(0).value<ChatMessage>();
    QCOMPARE(left.notice.kind, RoomNotice::Kind::Left);
    QCOMPARE(left.notice.actor, QStringLiteral("Me"));
}

void TestRoomWindow::noticesShowInTheReadersLanguage()
{
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QStringLiteral("zh_CN")), QStringLiteral("lanpigeon"),
                            QStringLiteral("_"), QStringLiteral(":/i18n")));
    QApplication::installTranslator(&translator);
    const RoomId id = roomFromWang(QStringLiteral("项目组"));
    // 小王 adds nobody new but removes Alice: the notice is built here, in Chinese.
    m_wang->removeRoomMember(id, QStringLiteral("alice"), QStringLiteral("alice-pc"));
    m_wang->sendToRoom(id, QStringLiteral("hi"));
    QTRY_VERIFY(m_window->chatWindow()->roomPage(id));
    ChatPage *page = m_window->chatWindow()->roomPage(id);
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("小王 将 Alice 移出了群聊")) >= 0);
    QVERIFY(rowSaying(page->model(), QStringLiteral("小王 创建了群聊")) >= 0);
    QApplication::removeTranslator(&translator);
    // The same stored rows in English once the language changes back.
    QVERIFY(rowSaying(page->model(), QStringLiteral("小王 removed Alice")) >= 0);
}

void TestRoomWindow::aRoomWithNobodyElseTakesNoWords()
{
    // Words typed into a room with no other member went nowhere and were lost (a fresh-eye user
    // whose ticked buddies shared our login): the input says why and takes none.
    const RoomId id = m_me->createRoom(QStringLiteral("Solo"), {});
    QTRY_VERIFY(m_window->rooms()->find(id));
    m_window->openRoom(id);
    ChatPage *page = m_window->chatWindow()->roomPage(id);
    QVERIFY(page);
    QTRY_COMPARE(page->members()->count(), 1);
    // No lock either: a room has no one key to check (an invisible button opened an empty
    // Security dialog).
    QVERIFY(page->lockButton()->isHidden());
    QTRY_VERIFY(!page->input()->isEnabled());
    QVERIFY(page->input()->placeholderText().startsWith(QStringLiteral("Nobody else")));
    QVERIFY(!page->sendButton()->isEnabled());
    // Someone joins: the input is there to write again.
    m_me->addRoomMembers(id, {WangId});
    QTRY_COMPARE(page->members()->count(), 2);
    QTRY_VERIFY(page->input()->isEnabled());
    QVERIFY(page->sendButton()->isEnabled());
}

void TestRoomWindow::unreadCountsOfRoomsAreKeptOverARestart()
{
    // One-to-one counts were kept over a restart, a group chat's were lost.
    const RoomId id = roomFromWang(QStringLiteral("Kept"));
    m_wang->sendToRoom(id, QStringLiteral("one"));
    m_wang->sendToRoom(id, QStringLiteral("two"));
    const ChatKey key = ChatKey::room(id);
    QTRY_COMPARE(m_window->recentChats()->unread(key), 2);
    // The Group chats tab counts them, as Recent chats does.
    QListView *rooms = m_window->roomList();
    QCOMPARE(m_window->lists()->tabText(m_window->lists()->indexOf(rooms)),
             QStringLiteral("Group chats (2)"));
    MainWindow again(m_me, UiSettings());
    QTRY_COMPARE(again.recentChats()->unread(key), 2);
    QTRY_COMPARE(again.lists()->tabText(again.lists()->indexOf(again.roomList())),
                 QStringLiteral("Group chats (2)"));
    // Read: gone from both tabs.
    again.recentChats()->clearUnread(key);
    QCOMPARE(again.lists()->tabText(again.lists()->indexOf(again.roomList())),
             QStringLiteral("Group chats"));
}

void TestRoomWindow::theThreeTabsFitTheDefaultWidthWithTheirCounts()
{
    // "Recent chats (2)" and "Group chats (2)" pushed Buddies out of a 320 px window, behind
    // scroll arrows; in Chinese one count had full-width brackets and the other not.
    const RoomId id = roomFromWang(QStringLiteral("Tabs"));
    const auto check = [id](MainWindow *window, const QStringList &expected) {
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTRY_VERIFY(window->rooms()->find(id));
        window->recentChats()->addUnread(ChatKey::room(id), 12);
        window->recentChats()->addUnread(WangId, 12);
        QTabWidget *lists = window->lists();
        QTabBar *bar = lists->tabBar();
        QCOMPARE(window->width(), 320);
        // A window made later restores the counts the first one kept: at least 12 each.
        QTest::qWait(200);
        const int recent = window->recentChats()->unreadTotal();
        const int rooms = window->recentChats()->unread(ChatKey::room(id));
        QVERIFY(recent >= 10 && rooms >= 10);
        QStringList texts;
        for (int i = 0; i < bar->count(); ++i)
            texts << bar->tabText(i);
        QCOMPARE(texts, (QStringList{expected.at(0), expected.at(1).arg(recent),
                                     expected.at(2).arg(rooms)}));
        QTRY_VERIFY(bar->tabRect(2).right() <= bar->width());
        for (int i = 0; i < bar->count(); ++i) {
            // Whole: the tab is as wide as the style makes one for its text, and all of it
            // shows (a narrower tab elides its text).
            const QRect r = bar->tabRect(i);
            const int wanted = bar->fontMetrics().horizontalAdvance(texts.at(i)) +
                               bar->style()->pixelMetric(QStyle::PM_TabBarTabHSpace, nullptr, bar);
            QVERIFY2(r.width() >= wanted && r.left() >= 0 && r.right() <= bar->width(),
                     qPrintable(QStringLiteral("%1: %2 px of %3, at %4..%5 of %6")
                                    .arg(texts.at(i))
                                    .arg(r.width())
                                    .arg(wanted)
                                    .arg(r.left())
                                    .arg(r.right())
                                    .arg(bar->width())));
        }
    };
    check(m_window, {QStringLiteral("Buddies"), QStringLiteral("Recent (%1)"),
                     QStringLiteral("Group chats (%1)")});
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QStringLiteral("zh_CN")), QStringLiteral("lanpigeon"),
                            QStringLiteral("_"), QStringLiteral(":/i18n")));
    QApplication::installTranslator(&translator);
    {
        MainWindow chinese(m_me, UiSettings());
        check(&chinese, {QStringLiteral("好友"), QStringLiteral("最近会话 (%1)"),
                         QStringLiteral("群聊 (%1)")});
    }
    QApplication::removeTranslator(&translator);
}

void TestRoomWindow::aRemovedMemberReadsWhoRemovedThem()
{
    const RoomId id = roomFromWang(QStringLiteral("Team"));
    m_wang->removeRoomMember(id, m_me->config().user, m_me->config().host);
    QTRY_VERIFY(m_window->rooms()->find(id) && m_window->rooms()->find(id)->left);
    QTRY_VERIFY(m_window->chatWindow()->roomPage(id));
    ChatPage *page = m_window->chatWindow()->roomPage(id);
    // "小王 removed you", not "小王 removed Me", then not "You left".
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("小王 removed you")) >= 0);
    QVERIFY(rowSaying(page->model(), QStringLiteral("小王 removed Me")) < 0);
    const QModelIndex row = m_window->roomList()->model()->index(0, 0);
    QCOMPARE(row.data(RoomListModel::OutTextRole).toString(),
             QStringLiteral("You were removed by 小王"));
    QTRY_VERIFY(!page->input()->isEnabled());
    QCOMPARE(page->input()->placeholderText(), QStringLiteral("You were removed by 小王."));
    auto *header = page->findChild<QLabel *>(QStringLiteral("peerHeader"));
    QVERIFY(header->text().contains(QStringLiteral("You were removed by 小王")));
    // Nothing to write with: the emoji button is off too.
    QVERIFY(!page->emojiButtonWidget()->isEnabled());
    // And in Chinese.
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QStringLiteral("zh_CN")), QStringLiteral("lanpigeon"),
                            QStringLiteral("_"), QStringLiteral(":/i18n")));
    QApplication::installTranslator(&translator);
    const bool zhNotice = rowSaying(page->model(), QStringLiteral("小王 将你移出了群聊")) >= 0;
    const QString zhOut = row.data(RoomListModel::OutTextRole).toString();
    QApplication::removeTranslator(&translator);
    QVERIFY(zhNotice);
    QCOMPARE(zhOut, QStringLiteral("你已被 小王 移出群聊"));
}

void TestRoomWindow::aRoomBubbleSaysWhomItReached()
{
    const RoomId id = roomFromWang(QStringLiteral("Status"));
    m_window->openRoom(id);
    ChatPage *page = m_window->chatWindow()->roomPage(id);
    QVERIFY(page);
    QTRY_COMPARE(page->members()->count(), 3);
    // Both there: delivered to all.
    page->sendText(QStringLiteral("both"));
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("both")) >= 0);
    QTRY_COMPARE(statusOf(page, QStringLiteral("both")), QStringLiteral("✓ delivered to all 2"));
    // Alice gone: 小王 has it, Alice's waits. It said "delivered" once anyone had it.
    goOffline(&m_alice);
    page->sendText(QStringLiteral("one of two"));
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("one of two")) >= 0);
    QTRY_COMPARE(statusOf(page, QStringLiteral("one of two")),
                 QStringLiteral("Delivered to 1 of 2 · queued for Alice"));
    const QString tip = page->model()
                            ->index(rowSaying(page->model(), QStringLiteral("one of two")))
                            .data(Qt::ToolTipRole)
                            .toString();
    QVERIFY2(tip.contains(QStringLiteral("Alice: queued")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("小王: delivered")), qPrintable(tip));
    // Both gone: it names one and counts the rest.
    goOffline(&m_wang);
    page->sendText(QStringLiteral("nobody"));
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("nobody")) >= 0);
    QTRY_COMPARE(statusOf(page, QStringLiteral("nobody")),
                 QStringLiteral("Queued for Alice and 1 more"));
    // The bubble is wide enough for its status at a narrow window's width.
    const QModelIndex nobody =
        page->model()->index(rowSaying(page->model(), QStringLiteral("nobody")));
    QFont small = page->view()->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    QVERIFY(QFontMetrics(small).horizontalAdvance(BubbleDelegate::metaText(nobody)) < 300);

    // After a restart the page comes from history, where each member has a row: the bubbles
    // count them as before, not the first member's row alone.
    restartMe();
    QTRY_VERIFY(m_window->rooms()->find(id));
    m_window->openRoom(id);
    ChatPage *again = m_window->chatWindow()->roomPage(id);
    QVERIFY(again);
    const auto restoredStatus = [again](const QString &text) {
        const int row = rowSaying(again->model(), text);
        return row < 0
                   ? QString()
                   : again->model()->index(row).data(ConversationModel::StatusTextRole).toString();
    };
    QTRY_COMPARE(restoredStatus(QStringLiteral("both")), QStringLiteral("✓ delivered to all 2"));
    QCOMPARE(restoredStatus(QStringLiteral("one of two")),
             QStringLiteral("Delivered to 1 of 2 · queued for Alice"));
    QCOMPARE(restoredStatus(QStringLiteral("nobody")),
             QStringLiteral("Queued for Alice and 1 more"));
    const QString restoredTip = again->model()
                                    ->index(rowSaying(again->model(), QStringLiteral("one of two")))
                                    .data(Qt::ToolTipRole)
                                    .toString();
    QVERIFY2(restoredTip.contains(QStringLiteral("Alice: queued")), qPrintable(restoredTip));
}

void TestRoomWindow::aRoomBubbleNamesWhomItWaitsForInBothLanguages()
{
    // The English translation once read "Delivered to 2 of 3. {1 ?} {2?}", and the Chinese
    // one did not say who it waits for. The bubble's text is made as the state comes, in the
    // language loaded then.
    const RoomId id = roomFromWang(QStringLiteral("Languages"));
    ChatPage *page = openRoomWithAliceGone(id);
    QVERIFY(page);
    for (const auto &[locale, expected] :
         {std::pair{QStringLiteral("en"), QStringLiteral("Delivered to 1 of 2 · queued for Alice")},
          std::pair{QStringLiteral("zh_CN"), QStringLiteral("已送达 1/2 人 · 等待 Alice 上线")}}) {
        QTranslator translator;
        QVERIFY(translator.load(QLocale(locale), QStringLiteral("lanpigeon"), QStringLiteral("_"),
                                QStringLiteral(":/i18n")));
        QApplication::installTranslator(&translator);
        const QString text = QStringLiteral("in ") + locale;
        page->sendText(text);
        QTRY_VERIFY(rowSaying(page->model(), text) >= 0);
        QTRY_COMPARE(statusOf(page, text), expected);
        QApplication::removeTranslator(&translator);
    }
}

void TestRoomWindow::aQueuedMessageSentAtLastKeepsTheLastWordsInRecentChats()
{
    const RoomId id = roomFromWang(QStringLiteral("Later"));
    ChatPage *page = openRoomWithAliceGone(id);
    QVERIFY(page);
    page->sendText(QStringLiteral("ok"));
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("ok")) >= 0);
    QTRY_COMPARE(statusOf(page, QStringLiteral("ok")),
                 QStringLiteral("Delivered to 1 of 2 · queued for Alice"));
    m_wang->sendToRoom(id, QStringLiteral("see you at noon"));
    RecentChatsModel *recent = m_window->recentChats();
    const ChatKey key = ChatKey::room(id);
    const auto preview = [recent, key] {
        return recent->index(recent->rowOf(key)).data(RecentChatsModel::PreviewRole).toString();
    };
    QTRY_COMPARE(preview(), QStringLiteral("小王: see you at noon"));
    // Alice back: "ok" goes to her at last. It was the row's words again, "Me: ok".
    m_alice =
        startPeer(Alice, QStringLiteral("Alice"), QStringLiteral("alice"), QStringLiteral("alice"));
    QTRY_COMPARE(statusOf(page, QStringLiteral("ok")), QStringLiteral("✓ delivered to all 2"));
    QCOMPARE(preview(), QStringLiteral("小王: see you at noon"));
    // What is written now is the row's words, as ever.
    page->sendText(QStringLiteral("good"));
    QTRY_COMPARE(preview(), QStringLiteral("Me: good"));
}

void TestRoomWindow::exportAndDeleteARoomsHistory()
{
    const RoomId id = roomFromWang(QStringLiteral("Export"));
    m_wang->sendToRoom(id, QStringLiteral("from wang"));
    m_window->openRoom(id);
    ChatPage *page = m_window->chatWindow()->roomPage(id);
    QVERIFY(page);
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("from wang")) >= 0);
    page->sendText(QStringLiteral("from me"));
    QTRY_COMPARE(DeliveryState(page->model()
                                   ->index(rowSaying(page->model(), QStringLiteral("from me")))
                                   .data(ConversationModel::StateRole)
                                   .toInt()),
                 DeliveryState::Delivered);
    // The "…" menu is there in a room, as in a one-to-one chat.
    QVERIFY(!page->historyMenuButton()->isHidden());
    QVERIFY(page->defaultExportName().contains(QStringLiteral("Export")));
    for (const QString &name : {QStringLiteral("room.txt"), QStringLiteral("room.html")}) {
        const QString path = m_dir->filePath(name);
        page->exportTo(path);
        QTRY_VERIFY(page->historyNote()->text().startsWith(QStringLiteral("Chat exported")));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        // Each sender by name, and the room's making as a line of its own.
        QVERIFY2(text.contains(QStringLiteral("小王: from wang")) ||
                     (text.contains(QStringLiteral(">小王<")) &&
                      text.contains(QStringLiteral("from wang"))),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Me: from me")) ||
                     text.contains(QStringLiteral(">Me<")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("小王 created the group chat")));
        QVERIFY(text.contains(QStringLiteral("Export")));
        page->historyNote()->clear();
    }
    // Delete empties the room's history (one message we sent counts once), the room stays.
    page->deleteHistory();
    QTRY_VERIFY2(page->historyNote()->text().startsWith(QStringLiteral("Deleted 3 message")),
                 qPrintable(page->historyNote()->text()));
    QCOMPARE(page->model()->rowCount(), 0);
    QVERIFY(m_window->rooms()->find(id));
    // Its deleted words are not on show in Recent chats any more (the row read "Me: from me").
    QCOMPARE(m_window->recentChats()->rowOf(ChatKey::room(id)), -1);
    m_window->openRoom(id);
    MainWindow again(m_me, UiSettings());
    QTRY_VERIFY(again.rooms()->find(id));
    again.openRoom(id);
    ChatPage *reopened = again.chatWindow()->roomPage(id);
    QTest::qWait(300);
    QCOMPARE(reopened->model()->rowCount(), 0);
}

void TestRoomWindow::searchNarrowsTheGroupChatsTab()
{
    const RoomId project = roomFromWang(QStringLiteral("Project"));
    const RoomId lunch = m_me->createRoom(QStringLiteral("Lunch"), {WangId});
    QTRY_VERIFY(m_window->rooms()->find(lunch));
    QListView *rooms = m_window->roomList();
    m_window->lists()->setCurrentWidget(rooms);
    QLineEdit *filter = m_window->filterBox();
    auto *noMatch = m_window->findChild<QLabel *>(QStringLiteral("noMatch"));
    const auto shown = [rooms] {
        QStringList names;
        for (int row = 0; row < rooms->model()->rowCount(); ++row)
            names << rooms->model()->index(row, 0).data(RoomListModel::NameRole).toString();
        return names;
    };
    // By the room's name…
    QTest::keyClicks(filter, QStringLiteral("lun"));
    QCOMPARE(shown(), QStringList{QStringLiteral("Lunch")});
    QCOMPARE(m_window->lists()->currentWidget(), rooms);
    QVERIFY(noMatch->isHidden());
    // …by a member's name…
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("alice"));
    QCOMPARE(shown(), QStringList{QStringLiteral("Project")});
    // …and by its pinyin, as buddies are found.
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("xw"));
    QCOMPARE(shown().size(), 2);
    // Enter opens the first one.
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("proj"));
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_VERIFY(m_window->chatWindow()->roomPage(project));
    // Nothing found: said so for group chats, not "nobody online".
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("zzzz"));
    QCOMPARE(shown().size(), 0);
    QVERIFY(noMatch->isVisible());
    QCOMPARE(noMatch->text(), QStringLiteral("No group chat or member matches “zzzz”."));
    filter->clear();
    QCOMPARE(shown().size(), 2);
}

void TestRoomWindow::roomRowsHaveARoomAvatar()
{
    // Cutting "👥 Lunch" to one UTF-16 unit painted half a surrogate pair: "�".
    QCOMPARE(avatarInitial(QStringLiteral("👥 Lunch")), QStringLiteral("👥"));
    QCOMPARE(avatarInitial(QStringLiteral("小王")), QStringLiteral("小"));
    QCOMPARE(avatarInitial(QStringLiteral(" alice")), QStringLiteral("A"));
    QCOMPARE(avatarInitial(QString()), QStringLiteral("?"));
    // A room's avatar is a rounded square: its corner is painted, a person's circle's is not.
    const QImage room = roomAvatarFor(QStringLiteral("Lunch"), 40).toImage();
    const QImage person = avatarFor(QStringLiteral("Lunch"), 40).toImage();
    QVERIFY(qAlpha(room.pixel(4, 4)) > 200);
    QCOMPARE(qAlpha(person.pixel(4, 4)), 0);
    // The Recent chats row of a room paints it.
    const RoomId id = roomFromWang(QStringLiteral("Lunch"));
    m_wang->sendToRoom(id, QStringLiteral("hi"));
    QTRY_VERIFY(m_window->recentChats()->indexOf(ChatKey::room(id)).isValid());
    QListView *recent = m_window->findChild<QListView *>(QStringLiteral("recentChats"));
    m_window->lists()->setCurrentWidget(recent);
    QModelIndex row;
    for (int r = 0; r < recent->model()->rowCount(); ++r) {
        if (recent->model()->index(r, 0).data(RecentChatsModel::IsRoomRole).toBool())
            row = recent->model()->index(r, 0);
    }
    QVERIFY(row.isValid());
    const QRect rect = recent->visualRect(row);
    const QImage shot = recent->viewport()->grab(rect).toImage();
    // The avatar's top-left corner (4 px in, as the delegate places it) carries its colour.
    const QColor corner = shot.pixelColor(5, 5);
    const QColor base = recent->viewport()->palette().color(QPalette::Base);
    QVERIFY2(corner != base, qPrintable(corner.name()));
}

void TestRoomWindow::aNarrowRoomTabFoldsItsMembers()
{
    const RoomId id = roomFromWang(QStringLiteral("Narrow"));
    m_window->openRoom(id);
    ChatWindow *chats = m_window->chatWindow();
    ChatPage *page = chats->roomPage(id);
    QVERIFY(page);
    chats->resize(900, 600);
    QTRY_VERIFY(page->membersPanel()->isVisible());
    // At 480 px the members squeezed the bubbles' status: they fold away.
    chats->resize(480, 600);
    QTRY_VERIFY(!page->membersPanel()->isVisible());
    QTRY_VERIFY(page->view()->width() >= page->width() - 10);
    // The 👥 button shows them on demand, and wide again they come back by themselves.
    QVERIFY(page->membersButton()->isVisible());
    page->membersButton()->click();
    QTRY_VERIFY(page->membersPanel()->isVisible());
    page->membersButton()->click();
    QTRY_VERIFY(!page->membersPanel()->isVisible());
    chats->resize(900, 600);
    QTRY_VERIFY(page->membersPanel()->isVisible());
}

void TestRoomWindow::offlineMembersGoByTheirLastNick()
{
    const RoomId id = roomFromWang(QStringLiteral("Nicks"));
    m_window->openRoom(id);
    ChatPage *page = m_window->chatWindow()->roomPage(id);
    QVERIFY(page);
    // Alice speaks as "Alice", then renames herself: the buddies table sees the new nick.
    m_alice->sendToRoom(id, QStringLiteral("hello"));
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("hello")) >= 0);
    m_alice->setIdentity(QStringLiteral("Alice Chen"), QStringLiteral("研发部"));
    QTRY_VERIFY(m_me->peerModel()->find(AliceId) &&
                m_me->peerModel()->find(AliceId)->nick == QStringLiteral("Alice Chen"));
    goOffline(&m_alice);
    const auto names = [page] {
        QStringList out;
        for (int i = 0; i < page->members()->count(); ++i)
            out << page->members()->item(i)->text();
        return out;
    };
    // Not the name her last words carried.
    QTRY_VERIFY2(names().contains(QStringLiteral("Alice Chen")), qPrintable(names().join(',')));
    QVERIFY(!names().contains(QStringLiteral("Alice")));
}

void TestRoomWindow::downFromTheSearchBoxGoesToTheFirstResult()
{
    const RoomId id = roomFromWang(QStringLiteral("Search"));
    m_window->openRoom(id);
    ChatPage *page = m_window->chatWindow()->roomPage(id);
    QVERIFY(page);
    for (const QString &text : {QStringLiteral("noodles one"), QStringLiteral("noodles two"),
                                QStringLiteral("noodles three")})
        m_wang->sendToRoom(id, text);
    QTRY_VERIFY(rowSaying(page->model(), QStringLiteral("noodles three")) >= 0);
    QTest::keyClicks(page->searchBox(), QStringLiteral("noodles"));
    QTest::keyClick(page->searchBox(), Qt::Key_Return);
    QTRY_VERIFY(page->searchResults() && page->searchResults()->rowCount() == 3);
    QTRY_VERIFY(page->searchResultsView()->isVisible());
    // Down goes to the first result, not the last.
    QTest::keyClick(page->searchBox(), Qt::Key_Down);
    QCOMPARE(page->searchResultsView()->currentIndex().row(), 0);
    QCOMPARE(page->searchResultsView()->currentIndex().data(ConversationModel::TextRole).toString(),
             QStringLiteral("noodles one"));
    // Back in the box, Down goes on to the next.
    QTest::keyClick(page->searchBox(), Qt::Key_Down);
    QCOMPARE(page->searchResultsView()->currentIndex().row(), 1);
    // A room takes words and emoji only: its input promises no pictures or files.
    const QString hint = page->input()->placeholderText();
    QVERIFY2(!hint.contains(QStringLiteral("picture")) && !hint.contains(QStringLiteral("file")),
             qPrintable(hint));
}

void TestRoomWindow::newGroupChatListIsInPinyinOrderAndNamesClones()
{
    QVERIFY(text::pinyinLess(QStringLiteral("李四"), QStringLiteral("张三")));
    QVERIFY(text::pinyinLess(QStringLiteral("Alice"), QStringLiteral("小王")));
    QVERIFY(!text::pinyinLess(QStringLiteral("张三"), QStringLiteral("李四")));
    // Someone on a cloned PC: our login and computer name at another address.
    NodeConfig c = test::windowTestNode(QStringLiteral("127.0.0.4"), Port, QStringLiteral("Clone"),
                                        QStringLiteral("研发部"), Me,
                                        m_dir->filePath(QStringLiteral("clone")));
    c.user = m_me->config().user;
    c.host = m_me->config().host;
    auto clone = std::make_unique<Messenger>(c);
    QSignalSpy started(clone.get(), &Messenger::started);
    clone->start();
    QVERIFY(started.wait());
    m_me->setExtraHosts(
        {QHostAddress(Wang), QHostAddress(Alice), QHostAddress(QStringLiteral("127.0.0.4"))});
    m_me->announce();
    QTRY_COMPARE(m_me->peerModel()->rowCount(), 3);
    bool answered = false;
    QTimer::singleShot(0, this, [&] {
        RoomDialog *dialog = m_window->roomDialog();
        QVERIFY(dialog);
        QListWidget *list = dialog->picker()->list();
        // Alice, then 小王 (xiao wang); the clone is not offered…
        QCOMPARE(list->count(), 2);
        QVERIFY(list->item(0)->text().startsWith(QStringLiteral("Alice")));
        QVERIFY(list->item(1)->text().startsWith(QStringLiteral("小王")));
        // …and the dialog says why.
        QVERIFY(dialog->clonesNote()->isVisible());
        QVERIFY2(dialog->clonesNote()->text().contains(QStringLiteral("Clone")),
                 qPrintable(dialog->clonesNote()->text()));
        QVERIFY(dialog->clonesNote()->text().contains(m_me->config().user + QLatin1Char('@') +
                                                      m_me->config().host));
        dialog->reject();
        answered = true;
    });
    m_window->askNewRoom();
    QVERIFY(answered);
}

QTEST_MAIN(TestRoomWindow)
#include "tst_roomwindow.moc"
