// The chat window: one tab per conversation, like QQ's merged chat window.
#pragma once

#include "files/fileoffer.h"

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
    ChatPage *page(const QString &peerId) const { return m_pages.value(peerId); }
    ChatPage *current() const;
    QTabWidget *tabs() const { return m_tabs; }
    // The user is looking at this conversation now.
    bool isShowing(const QString &peerId) const;
    // A message the user has not seen: counted, and its tab marked, unless it is in view.
    void markUnread(const QString &peerId);
    // The conversation at fromPeerId is toPeerId's now (Messenger::conversationMoved()): its
    // tab, draft and waiting offers go with it. A tab already open for toPeerId stays, and the
    // old one is closed into it.
    void move(const QString &fromPeerId, const QString &toPeerId);
    // Closes a tab; the unsent text in its box comes back when the conversation is opened again.
    void closeTab(int index);
    QString draft(const QString &peerId) const { return m_drafts.value(peerId); }
    // Offers not yet answered in a closed tab: they come back when it opens again.
    QList<FileOffer> pendingOffers(const QString &peerId) const { return m_offers.value(peerId); }

signals:
    // A chat's "Change in Settings…": the privacy settings are wanted.
    void privacySettingsWanted();

protected:
    bool event(QEvent *event) override;

private:
    void updateTab(const QString &peerId);
    void markCurrentRead();

    Messenger *m_messenger;
    RecentChatsModel *m_unread;
    QTabWidget *m_tabs;
    QHash<QString, ChatPage *> m_pages;
    QHash<QString, QString> m_drafts;
    QHash<QString, QList<FileOffer>> m_offers;
};

} // namespace lanpigeon::ui
