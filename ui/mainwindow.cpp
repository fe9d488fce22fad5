#include "mainwindow.h"

#include "avatar.h"
#include "buddydelegate.h"
#include "chatpage.h"
#include "chatwindow.h"
#include "groupedpeermodel.h"
#include "messageinput.h"
#include "messenger.h"
#include "offercard.h"
#include "peermodel.h"
#include "profilesettings.h"
#include "settingsdialog.h"
#include "tftppanel.h"
#include "transferswindow.h"
#include "trayicon.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QStyledItemDelegate>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace lanpigeon::ui {

MainWindow::MainWindow(Messenger *messenger, const UiSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_messenger(messenger)
    , m_settings(settings)
    , m_grouped(new GroupedPeerModel(messenger->peerModel(), this))
    , m_filtered(new QSortFilterProxyModel(this))
    , m_tree(new QTreeView)
    , m_filter(new QLineEdit)
    , m_nick(new QLabel)
    , m_state(new QLabel)
    , m_status(new QComboBox)
    , m_chats(new ChatWindow(messenger, this))
    , m_tray(nullptr)
{
    setWindowTitle(tr("LanPigeon"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/lanpigeon.svg")));
    m_filtered->setSourceModel(m_grouped);
    m_filtered->setRecursiveFilteringEnabled(true);
    m_filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filtered->setFilterRole(Qt::ToolTipRole);
    m_tree->setModel(m_filtered);
    m_tree->setHeaderHidden(true);
    m_tree->setItemDelegate(new BuddyDelegate(m_tree));
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setAnimated(true);
    m_tree->setIndentation(12);
    m_filter->setPlaceholderText(tr("Search by name, group or IP"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("filter"));

    auto *header = new QWidget;
    buildHeader(header);
    auto *tools = new QToolBar;
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->setIconSize(QSize(16, 16));
    QAction *group = tools->addAction(tr("✉ Group"));
    group->setToolTip(tr("One message to every selected peer or workgroup"));
    QAction *transfers = tools->addAction(tr("⇅ Transfers"));
    QAction *tftp = tools->addAction(tr("⛁ TFTP"));
    QAction *settingsAction = tools->addAction(QStringLiteral("⚙"));
    settingsAction->setToolTip(tr("Settings"));
    QAction *refresh = tools->addAction(QStringLiteral("⟳"));
    refresh->setToolTip(tr("Ask everyone on the LAN to say who they are"));

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(header);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    layout->addWidget(tools);
    setCentralWidget(central);
    resize(320, 640);

    auto *trayMenu = new QMenu(this);
    trayMenu->addAction(tr("Show LanPigeon"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    trayMenu->addAction(tr("Transfers"), this, [this] { transfersWindow()->show(); });
    trayMenu->addSeparator();
    addQuitShortcut(trayMenu->addAction(tr("Quit"), this, [this] {
        m_quitting = true;
        QApplication::quit();
    }));
    m_tray = new TrayIcon(windowIcon(), trayMenu, this);

    connect(m_filter, &QLineEdit::textChanged, m_filtered,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_filtered, &QAbstractItemModel::rowsInserted, m_tree, &QTreeView::expandAll);
    connect(m_filtered, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(m_filtered, &QAbstractItemModel::layoutChanged, m_tree, &QTreeView::expandAll);
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (!index.data(GroupedPeerModel::IsGroupRole).toBool())
            openChat(index.data(PeerModel::IdRole).toString());
    });
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(group, &QAction::triggered, this, [this] {
        const QStringList ids = selectedPeerIds();
        if (ids.isEmpty()) {
            statusBar()->showMessage(tr("Select peers or a workgroup first."), 4000);
            return;
        }
        bool ok = false;
        const QString text = QInputDialog::getMultiLineText(
            this, tr("Group message"), tr("To %n peer(s):", nullptr, int(ids.size())), {}, &ok);
        if (ok && !text.trimmed().isEmpty())
            sendToSelected(text.trimmed());
    });
    connect(transfers, &QAction::triggered, this, [this] {
        transfersWindow()->show();
        transfersWindow()->raise();
    });
    connect(tftp, &QAction::triggered, this, [this] {
        tftpPanel()->show();
        tftpPanel()->raise();
    });
    connect(settingsAction, &QAction::triggered, this, &MainWindow::showSettings);
    connect(refresh, &QAction::triggered, messenger, &Messenger::announce);
    connect(m_tray, &TrayIcon::clicked, this, [this] {
        // Like QQ: the click goes to whoever wrote last, else to the main window.
        const auto peers = m_messenger->peerModel()->peers();
        for (const Peer &p : peers) {
            if (m_chats->unread(p.id)) {
                openChat(p.id);
                return;
            }
        }
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_chats, &ChatWindow::readCountChanged, this, &MainWindow::updateUnread);

    connect(messenger, &Messenger::messageReceived, this,
            [this](const ChatMessage &m) { routeMessage(m, true); });
    connect(messenger, &Messenger::messageStored, this,
            [this](const ChatMessage &m) { routeMessage(m, false); });
    connect(messenger, &Messenger::messageStateChanged, this,
            [this](const QString &id, const QString &peerId, DeliveryState state,
                   const QString &error) {
                if (ChatPage *page = m_chats->page(peerId))
                    page->setState(id, state, error);
            });
    connect(messenger, &Messenger::conversationLoaded, this,
            [this](const QString &peerId, qint64 before, const QList<ChatMessage> &messages,
                   bool more) {
                if (ChatPage *page = m_chats->page(peerId))
                    page->addHistory(before, messages, more);
            });
    connect(messenger, &Messenger::historyFound, this,
            [this](const QString &peerId, const QString &text, const QList<ChatMessage> &found) {
                if (ChatPage *page = m_chats->page(peerId))
                    page->showSearchResults(text, found);
            });
    connect(messenger, &Messenger::offerFailed, this,
            [this](const QString &offerId, const QString &error) {
                const QString peerId = offerId.section(QLatin1Char('#'), 0, 0);
                if (ChatPage *page = m_chats->page(peerId)) {
                    if (OfferCard *card = page->offerCard(offerId))
                        card->fail(error);
                }
            });
    connect(messenger, &Messenger::transferFinished, this,
            [this](const QString &, bool ok, const QString &error, const QString &path) {
                if (!isActiveWindow())
                    m_tray->notify(ok ? tr("Transfer finished") : tr("Transfer failed"),
                                   ok ? QFileInfo(path).fileName() : error);
            });
    connect(messenger, &Messenger::startFailed, this, &MainWindow::showStartFailure);
    connect(messenger, &Messenger::started, this, &MainWindow::showStarted);
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
    const NodeConfig &c = m_messenger->config();
    auto *avatar = new QLabel;
    avatar->setPixmap(myAvatar(48));
    avatar->setObjectName(QStringLiteral("myAvatar"));
    showIdentity();
    m_status->addItem(tr("🟢 Online"), int(ipmsg::Status::Online));
    m_status->addItem(tr("🌙 Away"), int(ipmsg::Status::Away));
    m_status->addItem(tr("⛔ Busy"), int(ipmsg::Status::Busy));
    m_status->setCurrentIndex(m_status->findData(int(c.status)));
    m_state->setText(tr("Starting…"));
    QFont small = m_state->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_state->setFont(small);
    auto *right = new QVBoxLayout;
    right->addWidget(m_nick);
    right->addWidget(m_status);
    auto *layout = new QHBoxLayout;
    layout->addWidget(avatar);
    layout->addLayout(right, 1);
    auto *outer = new QVBoxLayout(header);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(layout);
    outer->addWidget(m_state);
    connect(m_status, &QComboBox::activated, this, [this] {
        const auto status = ipmsg::Status(m_status->currentData().toInt());
        QString away;
        if (status != ipmsg::Status::Online) {
            bool ok = false;
            away = QInputDialog::getText(
                this, tr("Status"), tr("Message for those who write to you:"), QLineEdit::Normal,
                status == ipmsg::Status::Away ? tr("I'm away") : tr("I'm busy"), &ok);
            if (!ok)
                away.clear();
        }
        m_messenger->setStatus(status, away);
    });
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

int MainWindow::unreadTotal() const
{
    return m_chats->unreadTotal();
}

void MainWindow::updateUnread()
{
    m_tray->setUnread(unreadTotal());
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

ChatPage *MainWindow::pageFor(const QString &peerId, bool show)
{
    ChatPage *page = m_chats->page(peerId);
    const bool visible = m_chats->isVisible();
    if (!page || show)
        page = m_chats->open(peerId);
    // A conversation that starts on its own opens as a tab, without stealing focus.
    if (!show && !visible)
        m_chats->hide();
    page->input()->setCtrlEnterSends(m_settings.ctrlEnterSends);
    page->setMyAvatar(myAvatar(32));
    return page;
}

QPixmap MainWindow::myAvatar(int size) const
{
    const QPixmap image = avatarFromImage(m_settings.avatarPath, size);
    return image.isNull() ? avatarFor(m_messenger->config().nick, size) : image;
}

void MainWindow::openChat(const QString &peerId)
{
    pageFor(peerId, true);
    updateUnread();
}

void MainWindow::sendToSelected(const QString &text)
{
    const QStringList ids = selectedPeerIds();
    if (ids.isEmpty())
        return;
    m_messenger->sendMessage(ids, text);
    statusBar()->showMessage(tr("Sent to %n peer(s).", nullptr, int(ids.size())), 4000);
}

void MainWindow::routeMessage(const ChatMessage &message, bool incoming)
{
    ChatPage *page = incoming ? pageFor(message.peerId, false) : m_chats->page(message.peerId);
    if (!page)
        return;
    page->addMessage(message);
    if (incoming && !m_chats->isShowing(message.peerId)) {
        m_chats->markUnread(message.peerId);
        m_tray->notify(tr("%1 says").arg(message.peerNick), message.text.left(120));
    }
}

void MainWindow::ask(const FileOffer &offer, Messenger &messenger)
{
    const Peer *from = messenger.peerModel()->find(offer.peerId);
    if (m_settings.acceptsAutomatically(from ? from->group : QString(), messenger.config().group,
                                        offer.totalSize())) {
        messenger.acceptOffer(offer.id, messenger.config().downloadDir);
        statusBar()->showMessage(tr("Receiving files from %1…").arg(offer.peerNick), 4000);
        return;
    }
    pageFor(offer.peerId, false)->addOffer(offer);
    // An offer with words arrived as a message too, and was counted then.
    if (offer.message.isEmpty())
        m_chats->markUnread(offer.peerId);
    m_tray->notify(tr("%1 sends you files").arg(offer.peerNick),
                   offer.items.isEmpty() ? QString() : offer.items.first().name);
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
        menu.addAction(tr("Chat"), this, [this, id] { openChat(id); });
        menu.addAction(tr("Send files…"), this, [this, ids] { offerTo(ids, false); });
        menu.addAction(tr("Send a folder…"), this, [this, ids] { offerTo(ids, true); });
        menu.addSeparator();
        menu.addAction(tr("Peer info"), this, [this, id] { showPeerInfo(id); });
    } else {
        menu.addAction(tr("Message the whole workgroup…"), this, [this] {
            bool ok = false;
            const QString text = QInputDialog::getMultiLineText(
                this, tr("Group message"), tr("To everyone selected:"), {}, &ok);
            if (ok && !text.trimmed().isEmpty())
                sendToSelected(text.trimmed());
        });
        menu.addAction(tr("Send files to the workgroup…"), this,
                       [this, ids] { offerTo(ids, false); });
    }
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void MainWindow::offerTo(const QStringList &peerIds, bool folder)
{
    QStringList paths;
    if (folder) {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Send a folder"));
        if (!dir.isEmpty())
            paths << dir;
    } else {
        paths = QFileDialog::getOpenFileNames(this, tr("Send files"));
    }
    if (paths.isEmpty())
        return;
    if (peerIds.size() == 1) {
        openChat(peerIds.first());
        m_chats->page(peerIds.first())->offerPaths(paths);
    } else {
        m_messenger->offerFiles(peerIds, paths);
    }
}

void MainWindow::showPeerInfo(const QString &peerId)
{
    const Peer *p = m_messenger->peerModel()->find(peerId);
    if (!p)
        return;
    QMessageBox::information(
        this, tr("Peer info"),
        tr("Nickname: %1\nUser: %2\nHost: %3\nAddress: %4:%5\nWorkgroup: %6\nClient: %7")
            .arg(p->displayName(), p->user, p->host, p->address.toString())
            .arg(p->port)
            .arg(p->group, QString::fromLatin1(p->version)));
}

void MainWindow::showSettings()
{
    const ProfileSettings profile(m_messenger->config().profileDir);
    NodeConfig before = m_messenger->config();
    // LANPIGEON_BIND is for one run: the dialog shows, and saves, the profile's own address.
    before.bindAddress = profile.bindAddress();
    SettingsDialog dialog(before, m_settings, this);
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
    m_messenger->setDownloadDir(after.downloadDir);
    if (auto *avatar = findChild<QLabel *>(QStringLiteral("myAvatar")))
        avatar->setPixmap(myAvatar(48));
    QStringList later;
    if (m_settings.language != uiBefore.language)
        later << tr("the language");
    if (after.port != before.port)
        later << tr("the port");
    if (after.bindAddress != before.bindAddress)
        later << tr("the bind address");
    if (after.legacyCodec != before.legacyCodec)
        later << tr("the encoding for older clients");
    if (later.isEmpty())
        return;
    QMessageBox::information(this, tr("Settings saved"),
                             tr("Saved. LanPigeon uses %1 from its next start.")
                                 .arg(QLocale().createSeparatedList(later)));
}

void MainWindow::showIdentity()
{
    const NodeConfig &c = m_messenger->config();
    m_nick->setText(
        QStringLiteral("<b style='font-size:14pt'>%1</b><br><span style='color:gray'>%2</span>")
            .arg(c.nick.toHtmlEscaped(),
                 c.group.isEmpty() ? tr("no workgroup") : c.group.toHtmlEscaped()));
}

void MainWindow::showStarted()
{
    m_state->setText(tr("Online on port %1").arg(m_messenger->config().port));
    m_state->setStyleSheet(QString());
    m_status->setEnabled(true);
}

void MainWindow::showStartFailure(const QString &error)
{
    // Nothing here may look online: no status to pick, and the reason in red.
    m_state->setText(tr("⚠ Offline: %1").arg(error));
    m_state->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_state->setWordWrap(true);
    m_status->setEnabled(false);
    QMessageBox::warning(this, tr("LanPigeon cannot start"), error);
}

void MainWindow::addQuitShortcut(QAction *quit)
{
    quit->setShortcut(QKeySequence::Quit);
    quit->setShortcutContext(Qt::ApplicationShortcut);
    addAction(quit);
    m_chats->addAction(quit);
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
