// The chat window: one tab per conversation, like QQ's merged chat window.
#pragma once

#include <QHash>
#include <QWidget>

class QTabWidget;

namespace lanpigeon {
class Messenger;
}

namespace lanpigeon::ui {

class ChatPage;

class ChatWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatWindow)

public:
    explicit ChatWindow(Messenger *messenger, QWidget *parent = nullptr);
    ~ChatWindow() override;

    // Opens (or finds) the conversation and brings it to the front.
    ChatPage *open(const QString &peerId);
    ChatPage *page(const QString &peerId) const { return m_pages.value(peerId); }
    ChatPage *current() const;
    // Unread messages in a tab the user is not looking at.
    int unread(const QString &peerId) const { return m_unread.value(peerId); }
    int unreadTotal() const;
    void markUnread(const QString &peerId);
    bool isShowing(const QString &peerId) const;

signals:
    void readCountChanged();

protected:
    bool event(QEvent *event) override;

private:
    void updateTab(const QString &peerId);
    void markCurrentRead();

    Messenger *m_messenger;
    QTabWidget *m_tabs;
    QHash<QString, ChatPage *> m_pages;
    QHash<QString, int> m_unread;
};

} // namespace lanpigeon::ui
