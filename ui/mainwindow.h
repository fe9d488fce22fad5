// The main window: me and my status, the buddy list by workgroup, and the way to everything
// else (chats, transfers, TFTP, settings, the tray). It answers "accept these files?" too.
#pragma once

#include "nodeconfig.h"
#include "offerprompt.h"
#include "uisettings.h"

#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace lanpigeon {
class GroupedPeerModel;
class Messenger;
struct ChatMessage;
} // namespace lanpigeon

namespace lanpigeon::ui {

class ChatPage;
class ChatWindow;
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
    int unreadTotal() const;

    // The peers selected in the list, a whole workgroup when its row is selected.
    QStringList selectedPeerIds() const;
    void openChat(const QString &peerId);
    void sendToSelected(const QString &text);
    void showSettings();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildHeader(QWidget *header);
    void showContextMenu(const QPoint &pos);
    void showPeerInfo(const QString &peerId);
    void offerTo(const QStringList &peerIds, bool folder);
    void routeMessage(const ChatMessage &message, bool incoming);
    // The conversation's tab, made if needed; show brings the chat window up.
    ChatPage *pageFor(const QString &peerId, bool show);
    QPixmap myAvatar(int size) const;
    void updateUnread();
    void showIdentity();
    void showStarted();
    void showStartFailure(const QString &error);
    // Applies what can change while running, and says what waits for the next start.
    void applySettings(const NodeConfig &before, const NodeConfig &after,
                       const UiSettings &uiBefore);
    // The tray's Quit, on Ctrl+Q from any of our windows.
    void addQuitShortcut(QAction *quit);

    Messenger *m_messenger;
    UiSettings m_settings;
    GroupedPeerModel *m_grouped;
    QSortFilterProxyModel *m_filtered;
    QTreeView *m_tree;
    QLineEdit *m_filter;
    QLabel *m_nick;
    QLabel *m_state;
    QComboBox *m_status;
    ChatWindow *m_chats;
    TransfersWindow *m_transfers = nullptr;
    TftpPanel *m_tftp = nullptr;
    TrayIcon *m_tray;
    bool m_quitting = false;
};

} // namespace lanpigeon::ui
