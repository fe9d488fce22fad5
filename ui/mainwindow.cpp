#include "mainwindow.h"

#include "avatar.h"
#include "buddydelegate.h"
#include "chatpage.h"
#include "chatwindow.h"
#include "groupmessagedialog.h"
#include "messageinput.h"
#include "messenger.h"
#include "models/buddyfiltermodel.h"
#include "models/conversationmodel.h"
#include "models/groupedpeermodel.h"
#include "models/peermodel.h"
#include "models/recentchatsmodel.h"
#include "models/recentfiltermodel.h"
#include "models/roomfiltermodel.h"
#include "models/roomlistmodel.h"
#include "networkband.h"
#include "networkpage.h"
#include "offercard.h"
#include "profile/profilesettings.h"
#include "roomdialog.h"
#include "screenshottool.h"
#include "securitydialog.h"
#include "sendfilesdialog.h"
#include "settingsdialog.h"
#include "tftppanel.h"
#include "theme.h"
#include "transferswindow.h"
#include "trayicon.h"

#include <algorithm>

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QShortcut>
#include <QStatusBar>
#include <QStyledItemDelegate>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace lanpigeon::ui {

namespace {

// Where we listen, after the status in the window's status line.
QString portNote(quint16 port)
{
    return MainWindow::tr("port %1").arg(port);
}

} // namespace

MainWindow::MainWindow(Messenger *messenger, const UiSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_messenger(messenger)
    , m_settings(settings)
    , m_recent(new RecentChatsModel(messenger->peerModel(), this))
    , m_grouped(new GroupedPeerModel(messenger->peerModel(), this))
    , m_filtered(new BuddyFilterModel(this))
    , m_recentFiltered(new RecentFilterModel(this))
    , m_lists(new QTabWidget)
    , m_tree(new QTreeView)
    , m_recentView(new QListView)
    , m_filter(new QLineEdit)
    , m_nick(new QLabel)
    , m_state(new QLabel)
    , m_status(new QToolButton)
    , m_noMatch(new QLabel)
    , m_chats(new ChatWindow(messenger, m_recent, this))
    , m_tray(nullptr)
{
    setWindowTitle(tr("LanPigeon"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/lanpigeon.svg")));
    m_grouped->setShowOffline(m_settings.showOfflineBuddies);
    m_filtered->setSourceModel(m_grouped);
    m_tree->setModel(m_filtered);
    m_tree->setHeaderHidden(true);
    m_tree->setItemDelegate(new BuddyDelegate(BuddyDelegate::Rows::Buddies, m_recent, m_tree));
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setAnimated(true);
    m_tree->setIndentation(12);
    m_filter->setPlaceholderText(tr("Search by name, group or IP"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_recentFiltered->setSourceModel(m_recent);
    m_recentView->setModel(m_recentFiltered);
    m_recentView->setItemDelegate(
        new BuddyDelegate(BuddyDelegate::Rows::Recent, m_recent, m_recentView));
    m_recentView->setObjectName(QStringLiteral("recentChats"));
    m_recentView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_recentView->setUniformItemSizes(true);
    m_lists->setDocumentMode(true);
    // The three short labels and their counts fit the window's 320 px; a larger font elides
    // them, keeping the count, rather than hiding Buddies behind scroll arrows.
    m_lists->tabBar()->setUsesScrollButtons(false);
    // As QQ's: the three share the width (the document mode would leave the rest empty).
    m_lists->tabBar()->setExpanding(true);
    m_lists->setElideMode(Qt::ElideMiddle);
    m_lists->addTab(m_tree, tr("Buddies"));
    //: The Recent chats tab: short, to fit three tabs and their counts in a narrow window
    m_lists->addTab(m_recentView, tr("Recent"));
    m_lists->setTabToolTip(m_lists->indexOf(m_recentView), tr("Recent chats"));
    m_rooms = new RoomListModel(this);
    m_roomFiltered = new RoomFilterModel(messenger->peerModel(), this);
    m_roomFiltered->setSourceModel(m_rooms);
    m_roomView = new QListView;
    m_roomView->setModel(m_roomFiltered);
    m_roomView->setItemDelegate(
        new BuddyDelegate(BuddyDelegate::Rows::Rooms, m_recent, m_roomView));
    m_roomView->setObjectName(QStringLiteral("groupChats"));
    m_roomView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_roomView->setUniformItemSizes(true);
    m_roomView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_roomView->installEventFilter(this);
    //: QQ's 群聊 tab
    m_lists->addTab(m_roomView, tr("Group chats"));
    m_lists->setTabToolTip(m_lists->indexOf(m_roomView), tr("Group chats"));
    // Enter opens the chat, as a double-click does.
    m_tree->installEventFilter(this);
    m_recentView->installEventFilter(this);
    // As in QQ's search box: Enter chats with the first match, Down walks into the list.
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        const QModelIndex first = firstMatch();
        if (first.isValid() && !m_filter->text().isEmpty())
            openConversation(keyAt(first));
    });

    auto *header = new QWidget;
    buildHeader(header);
    auto *tools = new QToolBar;
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->setIconSize(QSize(16, 16));
    QAction *group = tools->addAction(tr("✉ Group"));
    group->setToolTip(tr("One message to every selected peer or workgroup"));
    // A sign only, as Settings: the bar has no room left for words.
    QAction *newRoom = tools->addAction(QStringLiteral("👥"));
    newRoom->setToolTip(tr("New group chat: with buddies you pick, everyone sees every message"));
    QAction *transfers = tools->addAction(tr("⇅ Transfers"));
    QAction *tftp = tools->addAction(tr("⛁ TFTP"));
    QAction *settingsAction = tools->addAction(QStringLiteral("⚙"));
    settingsAction->setToolTip(tr("Settings"));
    QAction *refresh = tools->addAction(QStringLiteral("⟳"));
    refresh->setToolTip(tr("Ask everyone on the LAN to say who they are"));
    // Reachable with Tab like every other button; toolbars leave them out by default.
    for (QAction *action : tools->actions()) {
        if (QWidget *button = tools->widgetForAction(action)) {
            button->setFocusPolicy(Qt::TabFocus);
            button->setAccessibleName(action->toolTip().isEmpty() ? action->text()
                                                                  : action->toolTip());
        }
    }
    settingsAction->setShortcut(QKeySequence::Preferences);
    refresh->setShortcut(QKeySequence::Refresh);
    // Ctrl+F finds a buddy, as the search box's text says.
    connect(new QShortcut(QKeySequence::Find, this), &QShortcut::activated, this, [this] {
        m_lists->setCurrentWidget(m_tree);
        m_filter->setFocus();
        m_filter->selectAll();
    });
    // While LanPigeon has the focus, as in its chat windows; chat pages live in those windows only.
    connect(new QShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_A), this),
            &QShortcut::activated, this, &MainWindow::takeScreenshot);

    m_networkBand = new NetworkBand(m_messenger, this);
    connect(m_networkBand, &NetworkBand::settingsRequested, this,
            [this] { showSettings(SettingsPart::Network); });

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(header);
    layout->addWidget(m_filter);
    layout->addWidget(m_networkBand);
    layout->addWidget(m_lists, 1);
    layout->addWidget(tools);
    setCentralWidget(central);
    // There from the start: made on first use, it would push the toolbar up under the pointer.
    statusBar()->setSizeGripEnabled(false);
    resize(320, 640);

    auto *trayMenu = new QMenu(this);
    trayMenu->addAction(tr("Show LanPigeon"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    trayMenu->addAction(tr("Transfers"), this, [this] { transfersWindow()->show(); });
    // As in QQ's tray menu: change status without opening the window.
    trayMenu->addMenu(m_statusMenu);
    trayMenu->addSeparator();
    addQuitShortcut(trayMenu->addAction(tr("Quit"), this, [this] {
        m_quitting = true;
        QApplication::quit();
    }));
    m_tray = new TrayIcon(windowIcon(), trayMenu, this);
    // Busy from the profile already means do not disturb.
    updateStatusLine();

    // The search narrows both lists: people who went offline are found in Recent chats.
    // The search narrows the three lists: people who went offline are found in Recent chats,
    // group chats by their names and their members'.
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filtered->setText(text);
        m_recentFiltered->setText(text);
        m_roomFiltered->setText(text);
        // Show the list that has what is looked for: a workgroup among buddies, someone who
        // went offline among recent chats, a group chat among group chats.
        if (text.trimmed().isEmpty() || matchesIn(m_lists->currentWidget()) > 0)
            return;
        for (QWidget *list : {static_cast<QWidget *>(m_tree), static_cast<QWidget *>(m_recentView),
                              static_cast<QWidget *>(m_roomView)}) {
            if (matchesIn(list) > 0) {
                m_lists->setCurrentWidget(list);
                return;
            }
        }
    });
    connect(m_filtered, &QAbstractItemModel::rowsInserted, m_tree, &QTreeView::expandAll);
    connect(m_filtered, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(m_filtered, &QAbstractItemModel::layoutChanged, m_tree, &QTreeView::expandAll);
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (!index.data(GroupedPeerModel::IsGroupRole).toBool())
            openChat(index.data(PeerModel::IdRole).toString());
    });
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_recentView, &QListView::doubleClicked, this,
            [this](const QModelIndex &index) { openConversation(keyAt(index)); });
    connect(m_roomView, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        openRoom(index.data(RoomListModel::RoomIdRole).value<RoomId>());
    });
    connect(m_roomView, &QListView::customContextMenuRequested, this, &MainWindow::showRoomMenu);
    m_recentView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_recentView, &QListView::customContextMenuRequested, this,
            &MainWindow::showRecentMenu);
    m_noMatch->setObjectName(QStringLiteral("noMatch"));
    m_noMatch->setAlignment(Qt::AlignCenter);
    m_noMatch->setWordWrap(true);
    m_noMatch->setEnabled(false);
    m_noMatch->hide();
    auto showNoMatch = [this] {
        const QString text = m_filter->text().trimmed();
        QWidget *list = m_lists->currentWidget();
        const bool none = !text.isEmpty() && matchesIn(list) == 0;
        m_noMatch->setText(
            list == m_recentView        ? tr("No recent chat matches “%1”.").arg(text)
            : list == m_roomView        ? tr("No group chat or member matches “%1”.").arg(text)
            : m_grouped->showsOffline() ? tr("No buddy matches “%1”.").arg(text)
                                        : tr("Nobody online matches “%1”.").arg(text));
        // Inside the list it speaks of, where its rows would be: above the tabs it pushed them
        // down and out from under the pointer.
        auto *view = static_cast<QAbstractItemView *>(list);
        if (m_noMatch->parentWidget() != view->viewport())
            m_noMatch->setParent(view->viewport());
        placeNoMatch();
        m_noMatch->setVisible(none);
    };
    for (QAbstractItemView *view :
         {static_cast<QAbstractItemView *>(m_tree), static_cast<QAbstractItemView *>(m_recentView),
          static_cast<QAbstractItemView *>(m_roomView)})
        view->viewport()->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, showNoMatch);
    connect(m_lists, &QTabWidget::currentChanged, this, showNoMatch);
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_filtered),
                                      static_cast<QAbstractItemModel *>(m_recentFiltered),
                                      static_cast<QAbstractItemModel *>(m_roomFiltered)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, showNoMatch);
        connect(model, &QAbstractItemModel::rowsRemoved, this, showNoMatch);
        connect(model, &QAbstractItemModel::layoutChanged, this, showNoMatch);
    }
    connect(group, &QAction::triggered, this, &MainWindow::askGroupMessage);
    connect(newRoom, &QAction::triggered, this, &MainWindow::askNewRoom);
    connect(transfers, &QAction::triggered, this, [this] {
        transfersWindow()->show();
        transfersWindow()->raise();
    });
    connect(tftp, &QAction::triggered, this, [this] {
        tftpPanel()->show();
        tftpPanel()->raise();
    });
    connect(settingsAction, &QAction::triggered, this, [this] { showSettings(); });
    connect(m_chats, &ChatWindow::privacySettingsWanted, this,
            [this] { showSettings(SettingsPart::Privacy); });
    connect(refresh, &QAction::triggered, messenger, &Messenger::announce);
    connect(m_tray, &TrayIcon::clicked, this, [this] {
        // Like QQ: the click goes to whoever wrote last, online or not, else to the main window.
        const ChatKey waiting = m_recent->newestUnread();
        if (!waiting.isNull()) {
            openConversation(waiting);
            return;
        }
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_recent, &RecentChatsModel::unreadChanged, this, &MainWindow::updateUnread);
    // A room's count may come before the room is listed: its tab counts it once it is.
    connect(m_rooms, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateUnread);
    connect(m_recent, &RecentChatsModel::unreadChanged, this, &MainWindow::saveUnread);
    // The buddy list shows unread counts too; they live in the recent chats.
    connect(m_recent, &QAbstractItemModel::dataChanged, m_tree->viewport(),
            qOverload<>(&QWidget::update));
    connect(m_recent, &QAbstractItemModel::dataChanged, m_roomView->viewport(),
            qOverload<>(&QWidget::update));
    connect(messenger, &Messenger::roomsLoaded, this, [this](const QList<Room> &rooms) {
        m_rooms->setRooms(rooms);
        for (const Room &room : rooms)
            roomChanged(*m_rooms->find(room.id));
    });
    connect(messenger, &Messenger::roomChanged, this, [this](const Room &room) {
        m_rooms->update(room);
        roomChanged(room);
    });
    connect(
        messenger, &Messenger::roomConversationLoaded, this,
        [this](const RoomId &roomId, qint64 before, const QList<ChatMessage> &messages, bool more) {
            if (ChatPage *page = m_chats->roomPage(roomId))
                page->addHistory(before, messages, more);
        });
    connect(messenger, &Messenger::roomHistoryFound, this,
            [this](const RoomId &roomId, const QString &text, const QList<SearchHit> &found) {
                if (ChatPage *page = m_chats->roomPage(roomId))
                    page->showSearchResults(text, found);
            });

    connect(messenger, &Messenger::buddiesLoaded, m_grouped, &GroupedPeerModel::setBuddies);
    connect(messenger, &Messenger::buddyChanged, m_grouped, &GroupedPeerModel::upsertBuddy);
    connect(messenger, &Messenger::messageReceived, this,
            [this](const ChatMessage &m) { routeMessage(m, true); });
    connect(messenger, &Messenger::messageStored, this,
            [this](const ChatMessage &m) { routeMessage(m, false); });
    connect(messenger, &Messenger::messageStateChanged, this,
            [this](const QString &id, const QString &peerId, DeliveryState state,
                   const QString &error) {
                if (ChatPage *page = m_chats->page(peerId))
                    page->setState(id, state, error);
                groupSendStateChanged(id, peerId, int(state));
            });
    // A person back on a new address: one chat, one row in Recent chats, the tab follows.
    connect(messenger, &Messenger::conversationMoved, this,
            [this](const QString &fromPeerId, const QString &toPeerId) {
                m_recent->move(fromPeerId, toPeerId);
                m_chats->move(fromPeerId, toPeerId);
            });
    connect(messenger, &Messenger::pictureChanged, this,
            [this](const QString &messageId, const QString &peerId, int index,
                   const ChatPicture &picture) {
                if (ChatPage *page = m_chats->page(peerId))
                    page->model()->setPicture(messageId, index, picture);
            });
    connect(messenger, &Messenger::recentChatsLoaded, this,
            [this](const QList<ChatMessage> &latest) {
                m_recent->addHistory(latest);
                restoreUnread();
            });
    connect(messenger, &Messenger::conversationLoaded, this,
            [this](const QString &peerId, qint64 before, const QList<ChatMessage> &messages,
                   bool more) {
                if (ChatPage *page = m_chats->page(peerId))
                    page->addHistory(before, messages, more);
            });
    // A deleted chat's last words must not stay on show in Recent chats.
    connect(messenger, &Messenger::conversationDeleted, this,
            [this](const QString &peerId, int removed) {
                if (removed >= 0)
                    m_recent->remove(peerId);
            });
    connect(messenger, &Messenger::roomHistoryDeleted, this,
            [this](const RoomId &roomId, int removed) {
                if (removed >= 0)
                    m_recent->remove(ChatKey::room(roomId));
            });
    connect(messenger, &Messenger::filesOffered, m_recent, &RecentChatsModel::noteSentOffer);
    connect(messenger, &Messenger::historyFound, this,
            [this](const QString &peerId, const QString &text, const QList<SearchHit> &found) {
                if (ChatPage *page = m_chats->page(peerId))
                    page->showSearchResults(text, found);
            });
    // The model has the typed outcome (a cancel is the user's own, not a failure) and the name.
    connect(messenger, &Messenger::transferFinished, this, [this](const TransferResult &result) {
        const TransferModel::Transfer *t = m_messenger->transferModel()->find(result.id);
        if (t && !isActiveWindow())
            m_tray->notifyTransfer(*t);
    });
    connect(messenger, &Messenger::startFailed, this, &MainWindow::showStartFailure);
    connect(messenger, &Messenger::started, this, &MainWindow::showStarted);
    connect(messenger, &Messenger::rebound, this, [this] {
        m_portNote = portNote(m_messenger->config().port);
        updateStatusLine();
    });
    // The launcher makes the window once the node runs.
    if (messenger->isRunning())
        showStarted();
    connect(messenger, &Messenger::warning, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    messenger->setOfferPrompt(this);
}

MainWindow::~MainWindow()
{
    m_messenger->setOfferPrompt(nullptr);
}

void MainWindow::buildHeader(QWidget *header)
{
    m_avatar = new QLabel;
    m_avatar->setObjectName(QStringLiteral("myAvatar"));
    showIdentity();
    // A menu, not a combo box: a wheel or an arrow key passing over it changes nothing.
    m_status->setObjectName(QStringLiteral("statusButton"));
    m_status->setPopupMode(QToolButton::InstantPopup);
    m_status->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_status->setFocusPolicy(Qt::TabFocus);
    m_status->setAutoRaise(true);
    auto *statusMenu = new QMenu(tr("Status"), m_status);
    m_statusMenu = statusMenu;
    const QList<QPair<ipmsg::Status, QString>> choices = {
        {ipmsg::Status::Online, tr("🟢 Online")},
        {ipmsg::Status::Away, tr("🌙 Away")},
        {ipmsg::Status::Busy, tr("⛔ Busy")}};
    for (const auto &[status, label] : choices) {
        QAction *action = statusMenu->addAction(label);
        action->setData(int(status));
        connect(action, &QAction::triggered, this, [this, status = status] {
            QString away;
            if (status != ipmsg::Status::Online) {
                bool ok = false;
                away = QInputDialog::getText(
                    this, tr("Status"), tr("Message for those who write to you:"),
                    QLineEdit::Normal,
                    status == ipmsg::Status::Away ? tr("I'm away") : tr("I'm busy"), &ok);
                if (!ok)
                    return;
            }
            setStatus(status, away.trimmed());
        });
    }
    m_status->setMenu(statusMenu);
    m_state->setObjectName(QStringLiteral("stateLine"));
    m_state->setText(tr("Starting…"));
    QFont small = m_state->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_state->setFont(small);
    auto *right = new QVBoxLayout;
    right->addWidget(m_nick);
    right->addWidget(m_status, 0, Qt::AlignLeft);
    auto *layout = new QHBoxLayout;
    layout->addWidget(m_avatar);
    layout->addLayout(right, 1);
    auto *outer = new QVBoxLayout(header);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(layout);
    outer->addWidget(m_state);
    updateStatusLine();
}

void MainWindow::setStatus(ipmsg::Status status, const QString &awayMessage)
{
    m_messenger->setStatus(status, awayMessage);
    ProfileSettings(m_messenger->config().profileDir).saveStatus(status, awayMessage);
    updateStatusLine();
}

void MainWindow::updateStatusLine()
{
    const NodeConfig &c = m_messenger->config();
    QString label;
    switch (c.status) {
    case ipmsg::Status::Online:
        label = tr("🟢 Online");
        break;
    case ipmsg::Status::Away:
        label = tr("🌙 Away");
        break;
    case ipmsg::Status::Busy:
        label = tr("⛔ Busy");
        break;
    }
    m_status->setText(label);
    if (m_tray)
        m_tray->setDoNotDisturb(c.status == ipmsg::Status::Busy);
    m_status->setToolTip(tr("Your status: click to change it"));
    if (m_avatar)
        m_avatar->setPixmap(withStatus(myAvatar(48), c.status));
    // Before start() has answered there is no port to speak of, and no status yet.
    if (m_portNote.isEmpty())
        return;
    QString line = label;
    if (c.status != ipmsg::Status::Online && !c.awayMessage.isEmpty())
        line = tr("%1: %2").arg(label, c.awayMessage);
    m_state->setText(tr("%1 · %2").arg(line, m_portNote));
}

TransfersWindow *MainWindow::transfersWindow()
{
    if (!m_transfers)
        m_transfers = new TransfersWindow(m_messenger, this);
    return m_transfers;
}

TftpPanel *MainWindow::tftpPanel()
{
    if (!m_tftp) {
        m_tftp = new TftpPanel(m_messenger, this);
        connect(m_tftp, &TftpPanel::transferStarted, this, [this] { transfersWindow()->show(); });
    }
    return m_tftp;
}

// Unread stays unread over a restart, as in QQ: the counts go to the profile as they change.
void MainWindow::saveUnread() const
{
    if (!m_unreadRestored)
        return;
    QList<QPair<ChatKey, int>> counts;
    for (int row = 0; row < m_recent->rowCount(); ++row) {
        const QModelIndex i = m_recent->index(row);
        if (const int n = i.data(RecentChatsModel::UnreadRole).toInt())
            counts.append({i.data(RecentChatsModel::KeyRole).value<ChatKey>(), n});
    }
    ProfileSettings(m_messenger->config().profileDir).saveUnreadCounts(counts);
}

void MainWindow::restoreUnread()
{
    if (m_unreadRestored)
        return;
    for (const auto &[key, n] : ProfileSettings(m_messenger->config().profileDir).unreadCounts())
        m_recent->addUnread(key, n);
    m_unreadRestored = true;
    saveUnread();
}

int MainWindow::unreadTotal() const
{
    return m_recent->unreadTotal();
}

void MainWindow::updateUnread()
{
    const int n = unreadTotal();
    m_tray->setUnread(n);
    //: The Recent chats tab with its unread count, as short as the tab without it
    m_lists->setTabText(m_lists->indexOf(m_recentView),
                        n ? tr("Recent (%1)").arg(n) : tr("Recent"));
    m_lists->setTabToolTip(m_lists->indexOf(m_recentView),
                           n ? tr("Recent chats: %n unread", nullptr, n) : tr("Recent chats"));
    // As Recent chats: the group chats' own unread messages on their tab (QQ's 群聊 (3)).
    int inRooms = 0;
    for (int row = 0; row < m_rooms->rowCount(); ++row)
        inRooms +=
            m_recent->unread(m_rooms->index(row).data(RoomListModel::KeyRole).value<ChatKey>());
    //: QQ's 群聊 tab, with its unread count
    m_lists->setTabText(m_lists->indexOf(m_roomView),
                        inRooms ? tr("Group chats (%1)").arg(inRooms) : tr("Group chats"));
    m_lists->setTabToolTip(m_lists->indexOf(m_roomView),
                           inRooms ? tr("Group chats: %n unread", nullptr, inRooms)
                                   : tr("Group chats"));
    m_tree->viewport()->update();
}

QStringList MainWindow::selectedPeerIds() const
{
    QStringList ids;
    const auto rows = m_tree->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        for (const QString &id : m_grouped->peerIds(m_filtered->mapToSource(row))) {
            if (!ids.contains(id))
                ids << id;
        }
    }
    return ids;
}

ChatPage *MainWindow::pageFor(const QString &peerId, ChatWindow::Focus focus)
{
    ChatPage *page = m_chats->open(peerId, focus);
    setUpPage(page);
    return page;
}

ChatPage *MainWindow::roomPageFor(const RoomId &roomId, ChatWindow::Focus focus)
{
    Room room;
    if (const Room *known = m_rooms->find(roomId)) {
        room = *known;
    } else {
        // Its message came before the rooms were loaded: the name follows with roomChanged().
        room.id = roomId;
        room.name = m_recent->name(ChatKey::room(roomId));
    }
    ChatPage *page = m_chats->openRoom(room, focus);
    setUpPage(page);
    return page;
}

void MainWindow::setUpPage(ChatPage *page)
{
    page->input()->setCtrlEnterSends(m_settings.ctrlEnterSends);
    page->setMyAvatar(myAvatar(32));
}

QPixmap MainWindow::myAvatar(int size) const
{
    const QPixmap image = avatarFromImage(m_settings.avatarPath, size);
    return image.isNull() ? avatarFor(m_messenger->config().nick, size) : image;
}

void MainWindow::openChat(const QString &peerId)
{
    if (const Peer *p = m_messenger->peerModel()->find(peerId))
        m_recent->touch(peerId, p->displayName());
    else if (const Buddy *b = m_grouped->buddyAt(peerId))
        m_recent->touch(peerId, b->displayName());
    pageFor(peerId, ChatWindow::Focus::Take);
}

void MainWindow::openRoom(const RoomId &roomId)
{
    if (roomId.isNull())
        return;
    m_recent->touch(ChatKey::room(roomId), {});
    roomPageFor(roomId, ChatWindow::Focus::Take);
}

void MainWindow::openConversation(const ChatKey &key)
{
    if (key.isRoom())
        openRoom(key.roomId);
    else if (!key.isNull())
        openChat(key.peerId);
}

void MainWindow::askNewRoom()
{
    RoomDialog dialog(m_messenger->peerModel(),
                      RoomMember{m_messenger->config().user, m_messenger->config().host, {}, 0},
                      selectedPeerIds(), this);
    m_roomDialog = &dialog;
    const bool create = dialog.exec() == QDialog::Accepted;
    m_roomDialog = nullptr;
    if (!create || dialog.name().isEmpty() || dialog.peerIds().isEmpty())
        return;
    m_roomToOpen = m_messenger->createRoom(dialog.name(), dialog.peerIds());
}

SendFilesDialog *MainWindow::askSendFiles(const QStringList &paths)
{
    if (m_sendFilesDialog) {
        m_sendFilesDialog->addPaths(paths);
        return m_sendFilesDialog;
    }
    // Not modal: LanPigeon started for it may still be asked for more files, and chats go on.
    auto *dialog = new SendFilesDialog(m_messenger->peerModel(),
                                       m_grouped->showsOffline() ? m_grouped : nullptr,
                                       selectedPeerIds(), paths, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { offerPaths(dialog->peerIds(), dialog->paths()); });
    m_sendFilesDialog = dialog;
    dialog->show();
    return dialog;
}

SendFilesDialog *MainWindow::sendFilesDialog() const
{
    return m_sendFilesDialog;
}

void MainWindow::roomChanged(const Room &room)
{
    m_recent->setRoom(room);
    if (ChatPage *page = m_chats->roomPage(room.id)) {
        page->setRoom(room);
        m_chats->openRoom(room, ChatWindow::Focus::Leave);
    }
    if (room.id == m_roomToOpen) {
        m_roomToOpen = RoomId();
        openRoom(room.id);
    }
}

QString MainWindow::sendToSelected(const QString &text)
{
    return sendTo(selectedPeerIds(), text);
}

QString MainWindow::sendTo(const QStringList &ids, const QString &text)
{
    if (ids.isEmpty())
        return {};
    const QString id = m_messenger->sendMessage(ids, text);
    GroupSend send;
    send.peerIds = ids;
    // Taken now: a peer who leaves before its verdict arrives is still named in it.
    for (const QString &peerId : ids)
        send.names.insert(peerId, m_recent->name(peerId));
    m_groupSends.insert(id, send);
    // Not "sent": nobody has it yet. The line below follows the receipts.
    statusBar()->showMessage(tr("Sending to %1…").arg(namesOf(ids)));
    return id;
}

void MainWindow::askGroupMessage()
{
    GroupMessageDialog dialog(m_messenger->peerModel(), selectedPeerIds(),
                              m_settings.ctrlEnterSends, this);
    m_groupDialog = &dialog;
    const bool send = dialog.exec() == QDialog::Accepted;
    m_groupDialog = nullptr;
    if (send && !dialog.peerIds().isEmpty() && !dialog.text().isEmpty())
        sendTo(dialog.peerIds(), dialog.text());
}

QString MainWindow::namesOf(const QStringList &peerIds, const QHash<QString, QString> &known) const
{
    QStringList names;
    for (const QString &id : peerIds) {
        if (names.size() == 5) {
            return tr("%1 and %n more", nullptr, int(peerIds.size() - names.size()))
                .arg(QLocale().createSeparatedList(names));
        }
        names << known.value(id, m_recent->name(id));
    }
    return QLocale().createSeparatedList(names);
}

void MainWindow::groupSendStateChanged(const QString &messageId, const QString &peerId, int state)
{
    const auto it = m_groupSends.find(messageId);
    if (it == m_groupSends.end())
        return;
    GroupSend &send = *it;
    const auto s = DeliveryState(state);
    if ((s == DeliveryState::Delivered || s == DeliveryState::Read) &&
        !send.delivered.contains(peerId))
        send.delivered << peerId;
    else if (s == DeliveryState::Failed && !send.failed.contains(peerId))
        send.failed << peerId;
    else
        return;
    const int total = int(send.peerIds.size());
    QString line = tr("Delivered to %1 of %2.").arg(send.delivered.size()).arg(total);
    if (!send.failed.isEmpty())
        // The reasons, in the window's language and per kind, are in each failed bubble; the
        // core's words here were English, and empty for some kinds.
        line +=
            QLatin1Char(' ') +
            tr("Not delivered to %1: their chats say why.").arg(namesOf(send.failed, send.names));
    const bool finished = send.delivered.size() + send.failed.size() >= total;
    statusBar()->showMessage(line, finished ? 8000 : 0);
    if (finished)
        m_groupSends.erase(it);
}

void MainWindow::routeMessage(const ChatMessage &message, bool incoming)
{
    m_recent->addMessage(message);
    if (!message.roomId.isNull()) {
        // A group chat's words go to its tab, never to the sender's one-to-one chat.
        const ChatKey key = ChatKey::of(message);
        ChatPage *page = incoming ? roomPageFor(message.roomId, ChatWindow::Focus::Leave)
                                  : m_chats->roomPage(message.roomId);
        if (!page)
            return;
        page->addMessage(message);
        // A change of members is shown, not counted: only words people wrote wait to be read.
        if (incoming && message.notice.isNull() && !m_chats->isShowing(key)) {
            m_chats->markUnread(key);
            m_tray->notify(tr("%1 in %2").arg(message.peerNick, page->title()),
                           message.text.left(120));
        }
        return;
    }
    // Someone else's first word opens a tab that waits: it never takes the keyboard.
    ChatPage *page = incoming ? pageFor(message.peerId, ChatWindow::Focus::Leave)
                              : m_chats->page(message.peerId);
    if (!page)
        return;
    page->addMessage(message);
    if (incoming && !m_chats->isShowing(message.peerId)) {
        m_chats->markUnread(message.peerId);
        m_tray->notify(tr("%1 says").arg(message.peerNick),
                       message.sealed ? tr("✉ Sealed message") : message.text.left(120));
    }
}

void MainWindow::ask(const FileOffer &offer, Messenger &messenger)
{
    const Peer *from = messenger.peerModel()->find(offer.peerId);
    if (m_settings.acceptsAutomatically(from ? from->group : QString(), messenger.config().group,
                                        offer.totalSize())) {
        messenger.acceptOffer(offer.id(), messenger.config().downloadDir);
        statusBar()->showMessage(tr("Receiving files from %1…").arg(offer.peerNick), 4000);
        return;
    }
    m_recent->addOffer(offer);
    pageFor(offer.peerId, ChatWindow::Focus::Leave)->addOffer(offer);
    // An offer with words arrived as a message too, and was counted then.
    if (offer.message.isEmpty())
        m_chats->markUnread(offer.peerId);
    QStringList names;
    for (const OfferItem &item : offer.items)
        names << item.name;
    m_tray->notify(tr("%1 sends you files").arg(offer.peerNick), TrayIcon::itemsSummary(names));
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (!index.isValid())
        return;
    if (!m_tree->selectionModel()->isSelected(index))
        m_tree->setCurrentIndex(index);
    const QStringList ids = selectedPeerIds();
    QMenu menu(this);
    if (!index.data(GroupedPeerModel::IsGroupRole).toBool()) {
        const QString id = index.data(PeerModel::IdRole).toString();
        // Peer info needs the peer here; messages and files wait for them in the queue.
        const bool online = !index.data(GroupedPeerModel::OfflineRole).toBool();
        menu.addAction(tr("Chat"), this, [this, id] { openChat(id); });
        menu.addAction(tr("Send files…"), this, [this, ids] { offerTo(ids, false); });
        menu.addAction(tr("Send a folder…"), this, [this, ids] { offerTo(ids, true); });
        menu.addAction(tr("New group chat…"), this, &MainWindow::askNewRoom);
        menu.addSeparator();
        menu.addAction(tr("Peer info"), this, [this, id] { showPeerInfo(id); })->setEnabled(online);
        menu.addAction(tr("Security and fingerprints…"), this, [this, id] { showSecurity(id); });
    } else {
        menu.addAction(tr("Message the whole workgroup…"), this, &MainWindow::askGroupMessage);
        menu.addAction(tr("Send files to the workgroup…"), this,
                       [this, ids] { offerTo(ids, false); });
        menu.addAction(tr("New group chat with the workgroup…"), this, &MainWindow::askNewRoom);
    }
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void MainWindow::offerTo(const QStringList &peerIds, bool folder)
{
    const QStringList paths = ChatPage::choosePathsToSend(this, folder);
    if (!paths.isEmpty())
        offerPaths(peerIds, paths);
}

void MainWindow::offerPaths(const QStringList &peerIds, const QStringList &paths)
{
    if (peerIds.size() == 1) {
        openChat(peerIds.first());
        m_chats->page(peerIds.first())->offerPaths(paths);
    } else {
        m_messenger->offerFiles(peerIds, paths);
    }
}

void MainWindow::showRecentMenu(const QPoint &pos)
{
    const QModelIndex index = m_recentView->indexAt(pos);
    if (!index.isValid())
        return;
    const QString id = index.data(RecentChatsModel::PeerIdRole).toString();
    const auto key = index.data(RecentChatsModel::KeyRole).value<ChatKey>();
    QMenu menu(this);
    if (key.isRoom()) {
        menu.addAction(tr("Open"), this, [this, key] { openConversation(key); });
        menu.addSeparator();
        menu.addAction(tr("Remove from Recent chats"), this,
                       [this, key] { m_recent->remove(key); });
        menu.exec(m_recentView->viewport()->mapToGlobal(pos));
        return;
    }
    const bool online = index.data(RecentChatsModel::OnlineRole).toBool();
    menu.addAction(tr("Chat"), this, [this, id] { openChat(id); });
    menu.addAction(tr("Send files…"), this, [this, id] { offerTo({id}, false); });
    menu.addAction(tr("Send a folder…"), this, [this, id] { offerTo({id}, true); });
    QAction *info = menu.addAction(tr("Peer info"), this, [this, id] { showPeerInfo(id); });
    // Peer info needs the peer here; files wait for them in the queue.
    info->setEnabled(online);
    menu.addSeparator();
    menu.addAction(tr("Remove from Recent chats"), this, [this, id] { m_recent->remove(id); });
    menu.exec(m_recentView->viewport()->mapToGlobal(pos));
}

void MainWindow::showRoomMenu(const QPoint &pos)
{
    const QModelIndex index = m_roomView->indexAt(pos);
    QMenu menu(this);
    if (index.isValid()) {
        const auto id = index.data(RoomListModel::RoomIdRole).value<RoomId>();
        menu.addAction(tr("Open"), this, [this, id] { openRoom(id); });
        if (!index.data(RoomListModel::LeftRole).toBool())
            menu.addAction(tr("Leave group chat…"), this, [this, id] {
                openRoom(id);
                if (ChatPage *page = m_chats->roomPage(id))
                    page->askLeave();
            });
        menu.addSeparator();
    }
    menu.addAction(tr("New group chat…"), this, &MainWindow::askNewRoom);
    menu.exec(m_roomView->viewport()->mapToGlobal(pos));
}

void MainWindow::showPeerInfo(const QString &peerId)
{
    const Peer *p = m_messenger->peerModel()->find(peerId);
    if (!p)
        return;
    QMessageBox::information(this, tr("Peer info"), peerInfoText(*p));
}

QString MainWindow::peerInfoText(const Peer &peer)
{
    const Peer *p = &peer;
    QString status = p->status == ipmsg::Status::Online ? tr("Online")
                     : p->status == ipmsg::Status::Away ? tr("Away")
                                                        : tr("Busy");
    if (p->status != ipmsg::Status::Online && !p->awayMessage.isEmpty())
        status = tr("%1: %2").arg(status, p->awayMessage);
    // The kind in words; the raw version field ("1_LanPigeon 0.1.0") only as a detail.
    QString client = ipmsg::clientKindName(p->kind);
    const QString version = QString::fromLatin1(p->version).section(QLatin1Char('_'), 1);
    if (!version.isEmpty() && version != client)
        client = tr("%1 (%2)").arg(client, version);
    QString text =
        tr("Nickname: %1\nUser: %2\nHost: %3\nAddress: %4:%5\nWorkgroup: %6\nClient: %7\n"
           "Status: %8")
            .arg(p->displayName(), p->user, p->host, p->address.toString())
            .arg(p->port)
            .arg(p->group, client, status);
    if (p->addresses.size() > 1)
        //: A computer on several networks at once; %1 lists every address:port, one a line
        text += QLatin1Char('\n') +
                tr("On several networks, at:\n%1\nMessages go to the address that answered "
                   "last.")
                    .arg(p->addressIds().join(QLatin1Char('\n')));
    return text + QStringLiteral("\n\n") + SecurityMark::describe(*p);
}

SecurityDialog *MainWindow::showSecurity(const QString &peerId)
{
    // The chat's own dialog: one per peer, the one its lock opens too.
    openChat(peerId);
    return m_chats->page(peerId)->showSecurity();
}

void MainWindow::showSettings(SettingsPart part)
{
    const ProfileSettings profile(m_messenger->config().profileDir);
    NodeConfig before = m_messenger->config();
    // LANPIGEON_BIND is for one run: the dialog shows, and saves, the profile's own address.
    before.bindAddress = profile.bindAddress();
    SettingsDialog dialog(before, m_settings, this);
    dialog.setOurFingerprint(m_messenger->ourFingerprint());
    // A new port or address is bound by the node before anything is saved; the dialog says
    // why not when it cannot be.
    connect(&dialog, &SettingsDialog::rebindRequested, this,
            [this, &dialog, before](const QHostAddress &address, quint16 port) {
                if (!m_messenger->isRunning()) {
                    dialog.rebindFinished({});
                    return;
                }
                // The field shows the profile's address: unchanged, the run's (LANPIGEON_BIND)
                // stays.
                m_messenger->rebind(
                    address == before.bindAddress ? m_messenger->config().bindAddress : address,
                    port);
            });
    connect(m_messenger, &Messenger::rebound, &dialog, [&dialog] { dialog.rebindFinished({}); });
    connect(m_messenger, &Messenger::rebindFailed, &dialog,
            [&dialog](const QString &error, Messenger::StartError why) {
                dialog.rebindFinished(
                    why == Messenger::StartError::PortInUse
                        ? tr("That port is in use by another program: %1").arg(error)
                    : why == Messenger::StartError::AddressUnavailable
                        ? tr("That address is not one of this computer's: %1").arg(error)
                        : error);
            });
    dialog.addNetworkPage(new NetworkPage(m_messenger));
    if (part == SettingsPart::Privacy)
        dialog.requireEncryption()->setFocus();
    if (part == SettingsPart::Network)
        dialog.showNetworkPage();
    if (dialog.exec() != QDialog::Accepted)
        return;
    const NodeConfig after = dialog.config();
    profile.save(after);
    const UiSettings uiBefore = m_settings;
    m_settings = dialog.uiSettings();
    m_settings.save(profile.settingsPath());
    applySettings(before, after, uiBefore);
}

void MainWindow::applySettings(const NodeConfig &before, const NodeConfig &after,
                               const UiSettings &uiBefore)
{
    if (after.nick != before.nick || after.group != before.group) {
        m_messenger->setIdentity(after.nick, after.group);
        showIdentity();
    }
    if (after.extraHosts != before.extraHosts)
        m_messenger->setExtraHosts(after.extraHosts);
    if (after.legacyCodec != before.legacyCodec)
        m_messenger->setLegacyCodec(after.legacyCodec);
    if (after.shareHostList != before.shareHostList)
        m_messenger->setHostListSharing(after.shareHostList);
    if (after.listFrom != before.listFrom)
        m_messenger->setListFrom(after.listFrom);
    m_messenger->setDownloadDir(after.downloadDir);
    // The chats follow it: their notes, send buttons and failed bubbles say whether it is why.
    if (after.requireEncryption != before.requireEncryption)
        m_messenger->setRequireEncryption(after.requireEncryption);
    // The avatar's initial and colour follow the nick.
    updateStatusLine();
    m_grouped->setShowOffline(m_settings.showOfflineBuddies);
    if (m_settings.language == uiBefore.language)
        return;
    QMessageBox::information(this, tr("Settings saved"),
                             tr("Saved. LanPigeon uses %1 from its next start.")
                                 .arg(QLocale().createSeparatedList({tr("the language")})));
}

void MainWindow::showIdentity()
{
    const NodeConfig &c = m_messenger->config();
    m_nick->setText(
        QStringLiteral("<b style='font-size:14pt'>%1</b><br><span style='color:%3'>%2</span>")
            .arg(c.nick.toHtmlEscaped(),
                 c.group.isEmpty() ? tr("no workgroup") : c.group.toHtmlEscaped(),
                 theme::dimText(m_nick->palette(), m_nick->palette().color(QPalette::Window))
                     .name()));
}

void MainWindow::showStarted()
{
    m_portNote = portNote(m_messenger->config().port);
    theme::showAsError(m_state, false);
    m_status->setEnabled(true);
    updateStatusLine();
    m_messenger->loadRecentChats(50);
    m_messenger->loadBuddies();
    m_messenger->loadRooms();
}

void MainWindow::showStartFailure(const QString &error)
{
    // Nothing here may look online: no status to pick, and the reason in red.
    m_state->setText(tr("⚠ Offline: %1").arg(error));
    theme::showAsError(m_state, true);
    m_state->setWordWrap(true);
    m_status->setText(tr("⚫ Offline"));
    m_status->setEnabled(false);
    QMessageBox::warning(this, tr("LanPigeon cannot start"), error);
}

void MainWindow::takeScreenshot()
{
    if (m_screenshot)
        return;
    m_screenshot = new ScreenshotTool(
        ChatPage::screenshotHidesWindows(m_messenger->config().profileDir), this);
    // The tool has put it on the clipboard already.
    connect(m_screenshot, &ScreenshotTool::taken, this, [this] {
        statusBar()->showMessage(tr("Screenshot copied: paste it into a chat with Ctrl+V"), 8000);
    });
    connect(m_screenshot, &ScreenshotTool::finished, this, [this] { activateWindow(); });
    m_screenshot->start();
}

void MainWindow::addQuitShortcut(QAction *quit)
{
    quit->setShortcut(QKeySequence::Quit);
    quit->setShortcutContext(Qt::ApplicationShortcut);
    addAction(quit);
    m_chats->addAction(quit);
}

QModelIndex MainWindow::firstMatch() const
{
    if (m_lists->currentWidget() == m_recentView)
        return m_recentFiltered->index(0, 0);
    if (m_lists->currentWidget() == m_roomView)
        return m_roomFiltered->index(0, 0);
    return m_filtered->index(0, 0, m_filtered->index(0, 0));
}

int MainWindow::matchesIn(const QWidget *list) const
{
    if (list == m_recentView)
        return m_recentFiltered->rowCount();
    if (list == m_roomView)
        return m_roomFiltered->rowCount();
    return m_filtered->rowCount();
}

ChatKey MainWindow::keyAt(const QModelIndex &index) const
{
    if (index.model() == m_recentFiltered)
        return index.data(RecentChatsModel::KeyRole).value<ChatKey>();
    if (index.model() == m_rooms || index.model() == m_roomFiltered)
        return index.data(RoomListModel::KeyRole).value<ChatKey>();
    return ChatKey::peer(index.data(PeerModel::IdRole).toString());
}

void MainWindow::placeNoMatch()
{
    const QWidget *area = m_noMatch->parentWidget();
    if (!area)
        return;
    const int width = std::max(0, area->width() - 16);
    m_noMatch->setGeometry(8, 16, width, m_noMatch->heightForWidth(width));
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize && watched == m_noMatch->parentWidget())
        placeNoMatch();
    // Escape empties the search, as in QQ's, before anything else hears it.
    if (event->type() == QEvent::KeyPress && watched == m_filter &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && !m_filter->text().isEmpty()) {
        m_filter->clear();
        return true;
    }
    if (event->type() == QEvent::KeyPress && watched == m_filter &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down && firstMatch().isValid()) {
        auto *view = static_cast<QAbstractItemView *>(m_lists->currentWidget());
        view->setFocus();
        view->setCurrentIndex(firstMatch());
        return true;
    }
    if (event->type() == QEvent::KeyPress &&
        (watched == m_tree || watched == m_recentView || watched == m_roomView)) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            const QModelIndex index = static_cast<QAbstractItemView *>(watched)->currentIndex();
            if (watched != m_tree && index.isValid()) {
                openConversation(keyAt(index));
                return true;
            }
            if (index.isValid() && !index.data(GroupedPeerModel::IsGroupRole).toBool()) {
                openChat(index.data(PeerModel::IdRole).toString());
                return true;
            }
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && m_settings.closeToTray && TrayIcon::available()) {
        hide();
        event->ignore();
        return;
    }
    QApplication::quit();
    event->accept();
}

} // namespace lanpigeon::ui
