// The main window: me and my status, the buddy list by workgroup, and the way to everything
// else (chats, transfers, TFTP, settings, the tray). It answers "accept these files?" too.
#pragma once

#include "chatwindow.h"
#include "files/offerprompt.h"
#include "ipmsg/ipmsgcodec.h"
#include "nodeconfig.h"
#include "uisettings.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace lanpigeon {
class BuddyFilterModel;
class GroupedPeerModel;
class Messenger;
class RecentChatsModel;
class RecentFilterModel;
class RoomFilterModel;
class RoomListModel;
struct ChatMessage;
struct Peer;
} // namespace lanpigeon

namespace lanpigeon::ui {

class ChatPage;
class GroupMessageDialog;
class NetworkBand;
class RoomDialog;
class ScreenshotTool;
class SecurityDialog;
class SendFilesDialog;
class TftpPanel;
class TransfersWindow;
class TrayIcon;

class MainWindow final : public QMainWindow, public OfferPrompt
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(Messenger *messenger, const UiSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    void ask(const FileOffer &offer, Messenger &messenger) override;

    ChatWindow *chatWindow() const { return m_chats; }
    TransfersWindow *transfersWindow();
    TftpPanel *tftpPanel();
    TrayIcon *tray() const { return m_tray; }
    QTreeView *buddyList() const { return m_tree; }
    QLineEdit *filterBox() const { return m_filter; }
    GroupedPeerModel *groupedPeers() const { return m_grouped; }
    // Buddies and Recent chats, as tabs.
    QTabWidget *lists() const { return m_lists; }
    QListView *recentList() const { return m_recentView; }
    RecentChatsModel *recentChats() const { return m_recent; }
    // The Group chats tab: rooms we are in, then those we left.
    QListView *roomList() const { return m_roomView; }
    RoomListModel *rooms() const { return m_rooms; }
    QToolButton *statusButton() const { return m_status; }
    QLabel *stateLine() const { return m_state; }
    QLabel *noMatchNote() const { return m_noMatch; }
    // Says why nobody answered, once nobody has for a while.
    NetworkBand *networkBand() const { return m_networkBand; }
    int unreadTotal() const;

    // The peers selected in the list, a whole workgroup when its row is selected.
    QStringList selectedPeerIds() const;
    void openChat(const QString &peerId);
    // The group chat's tab, up front with the keyboard; nothing for a room not known here.
    void openRoom(const RoomId &roomId);
    // A peer's chat or a group chat, as the key says.
    void openConversation(const ChatKey &key);
    // "New group chat…": a name and members picked among the buddies (those selected ticked);
    // the new room's tab opens once it is made.
    void askNewRoom();
    // While askNewRoom() waits for the user: for tests to answer it.
    RoomDialog *roomDialog() const { return m_roomDialog; }
    // "Open with LanPigeon": the Send files dialog for paths (absolute), with the buddies
    // selected ticked; paths join the dialog already open, if one is. Sends on Send.
    SendFilesDialog *askSendFiles(const QStringList &paths);
    SendFilesDialog *sendFilesDialog() const;
    // Returns the message id; the status bar follows its delivery to each of them.
    QString sendToSelected(const QString &text);
    QString sendTo(const QStringList &peerIds, const QString &text);
    // The group message dialog, with the selected peers or workgroups ticked.
    void askGroupMessage();
    // While askGroupMessage() waits for the user: for tests to answer it.
    GroupMessageDialog *groupMessageDialog() const { return m_groupDialog; }
    // Where the settings dialog opens with the keyboard.
    enum class SettingsPart
    {
        General,
        // On "Only send to peers who can encrypt".
        Privacy,
        // The read-only Network page: interfaces, port, last packets.
        Network,
    };
    void showSettings(SettingsPart part = SettingsPart::General);
    // The peer's encryption, fingerprints and "Mark as verified".
    SecurityDialog *showSecurity(const QString &peerId);
    // Ctrl+Alt+A here: no input to put the region in, so it is left on the clipboard, as QQ
    // leaves it, to be pasted into any chat.
    void takeScreenshot();
    void setStatus(ipmsg::Status status, const QString &awayMessage);
    // What Peer info says of peer: every address of theirs, and which one is used.
    static QString peerInfoText(const Peer &peer);

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    // "No buddy matches" across the top of the list it is about.
    void placeNoMatch();

private:
    void buildHeader(QWidget *header);
    void showContextMenu(const QPoint &pos);
    void showPeerInfo(const QString &peerId);
    void showRecentMenu(const QPoint &pos);
    void showRoomMenu(const QPoint &pos);
    // A room made, changed or loaded: its row, its Recent chats name and its tab follow.
    void roomChanged(const Room &room);
    void offerTo(const QStringList &peerIds, bool folder);
    void offerPaths(const QStringList &peerIds, const QStringList &paths);
    void routeMessage(const ChatMessage &message, bool incoming);
    // The conversation's tab, made if needed; Take brings it up with the keyboard.
    ChatPage *pageFor(const QString &peerId, ChatWindow::Focus focus);
    ChatPage *roomPageFor(const RoomId &roomId, ChatWindow::Focus focus);
    // What every page gets from the window's settings: the send key and our avatar.
    void setUpPage(ChatPage *page);
    QPixmap myAvatar(int size) const;
    void updateUnread();
    void saveUnread() const;
    void restoreUnread();
    void showIdentity();
    void showStarted();
    void showStartFailure(const QString &error);
    // Applies what can change while running, and says what waits for the next start.
    void applySettings(const NodeConfig &before, const NodeConfig &after,
                       const UiSettings &uiBefore);
    // The tray's Quit, on Ctrl+Q from any of our windows.
    void addQuitShortcut(QAction *quit);
    void updateStatusLine();
    void groupSendStateChanged(const QString &messageId, const QString &peerId, int state);
    // The first peer the list in view shows through the search, and whose it is.
    QModelIndex firstMatch() const;
    // How many rows the search leaves in list (one of the three tabs).
    int matchesIn(const QWidget *list) const;
    ChatKey keyAt(const QModelIndex &index) const;
    QString namesOf(const QStringList &peerIds, const QHash<QString, QString> &known = {}) const;

    // One group message on its way: who it went to, and who has answered so far.
    struct GroupSend
    {
        QStringList peerIds;
        QStringList delivered;
        QStringList failed;
        QHash<QString, QString> names;
    };

    Messenger *m_messenger;
    UiSettings m_settings;
    RecentChatsModel *m_recent;
    GroupedPeerModel *m_grouped;
    BuddyFilterModel *m_filtered;
    RecentFilterModel *m_recentFiltered;
    QTabWidget *m_lists;
    QTreeView *m_tree;
    QListView *m_recentView;
    RoomListModel *m_rooms = nullptr;
    RoomFilterModel *m_roomFiltered = nullptr;
    QListView *m_roomView = nullptr;
    QLineEdit *m_filter;
    QLabel *m_nick;
    QLabel *m_state;
    QToolButton *m_status;
    QMenu *m_statusMenu = nullptr;
    // Says the search found nobody, where the list would be.
    QLabel *m_noMatch;
    NetworkBand *m_networkBand;
    QLabel *m_avatar = nullptr;
    QString m_portNote;
    QHash<QString, GroupSend> m_groupSends;
    ChatWindow *m_chats;
    GroupMessageDialog *m_groupDialog = nullptr;
    RoomDialog *m_roomDialog = nullptr;
    QPointer<SendFilesDialog> m_sendFilesDialog;
    // The room askNewRoom() made: its tab opens when the core says it exists.
    RoomId m_roomToOpen;
    QPointer<ScreenshotTool> m_screenshot;
    // Until the counts saved by the last run are back, nothing is saved over them.
    bool m_unreadRestored = false;
    TransfersWindow *m_transfers = nullptr;
    TftpPanel *m_tftp = nullptr;
    TrayIcon *m_tray;
    bool m_quitting = false;
};

} // namespace lanpigeon::ui
