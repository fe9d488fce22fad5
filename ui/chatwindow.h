// The chat window: one tab per conversation, like QQ's merged chat window.
#pragma once

#include "files/fileoffer.h"
#include "messaging/chatkey.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QTabWidget;

namespace lanpigeon {
class Messenger;
class RecentChatsModel;
} // namespace lanpigeon

namespace lanpigeon::ui {

class ChatPage;

class ChatWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatWindow)

public:
    // What opening a conversation does to the window and the keyboard.
    enum class Focus
    {
        // The user asked for it: the tab comes to the front and takes the keyboard.
        Take,
        // Someone else started it: a tab that waits, marked, behind whatever the user is doing.
        Leave,
    };

    // unread: where the counts of unread messages live; the tabs show them.
    ChatWindow(Messenger *messenger, RecentChatsModel *unread, QWidget *parent = nullptr);
    ~ChatWindow() override;

    // Finds the conversation's tab or makes it.
    ChatPage *open(const QString &peerId, Focus focus);
    // The group chat's tab, made if needed.
    ChatPage *openRoom(const Room &room, Focus focus);
    ChatPage *page(const QString &peerId) const { return m_pages.value(ChatKey::peer(peerId)); }
    ChatPage *roomPage(const RoomId &roomId) const { return m_pages.value(ChatKey::room(roomId)); }
    ChatPage *current() const;
    QTabWidget *tabs() const { return m_tabs; }
    // The user is looking at this conversation now.
    bool isShowing(const QString &peerId) const { return isShowing(ChatKey::peer(peerId)); }
    bool isShowing(const ChatKey &key) const;
    // A message the user has not seen: counted, and its tab marked, unless it is in view.
    void markUnread(const QString &peerId) { markUnread(ChatKey::peer(peerId)); }
    void markUnread(const ChatKey &key);
    // The conversation at fromPeerId is toPeerId's now (Messenger::conversationMoved()): its
    // tab, draft and waiting offers go with it. A tab already open for toPeerId stays, and the
    // old one is closed into it.
    void move(const QString &fromPeerId, const QString &toPeerId);
    // Closes a tab; the unsent text in its box comes back when the conversation is opened again.
    void closeTab(int index);
    QString draft(const QString &peerId) const { return m_drafts.value(ChatKey::peer(peerId)); }
    // Offers not yet answered in a closed tab: they come back when it opens again.
    QList<FileOffer> pendingOffers(const QString &peerId) const { return m_offers.value(peerId); }

signals:
    // A chat's "Change in Settings…": the privacy settings are wanted.
    void privacySettingsWanted();

protected:
    bool event(QEvent *event) override;

private:
    // A new page's tab, with the draft its conversation had.
    void addPage(ChatPage *page);
    ChatPage *bringUp(ChatPage *page, Focus focus);
    void updateTab(const ChatKey &key);
    void markCurrentRead();

    Messenger *m_messenger;
    RecentChatsModel *m_unread;
    QTabWidget *m_tabs;
    QHash<ChatKey, ChatPage *> m_pages;
    QHash<ChatKey, QString> m_drafts;
    QHash<QString, QList<FileOffer>> m_offers;
};

} // namespace lanpigeon::ui
