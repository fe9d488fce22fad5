#include "chatwindow.h"

#include "chatpage.h"
#include "messageinput.h"
#include "messenger.h"
#include "peermodel.h"

#include <QEvent>
#include <QTabWidget>
#include <QVBoxLayout>

namespace lanpigeon::ui {

ChatWindow::ChatWindow(Messenger *messenger, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_messenger(messenger)
    , m_tabs(new QTabWidget)
{
    setWindowTitle(tr("Chat — LanPigeon"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    resize(620, 560);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        auto *page = qobject_cast<ChatPage *>(m_tabs->widget(index));
        if (!page)
            return;
        m_tabs->removeTab(index);
        m_pages.remove(page->peerId());
        m_unread.remove(page->peerId());
        page->deleteLater();
        emit readCountChanged();
        if (m_tabs->count() == 0)
            hide();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { markCurrentRead(); });
    // Only the pages of the peers that changed: a tab's text set again relays out and repaints
    // the whole tab widget, every chat in it included.
    connect(messenger->peerModel(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                for (int row = from.row(); row <= to.row(); ++row) {
                    const QString id = from.siblingAtRow(row).data(PeerModel::IdRole).toString();
                    if (ChatPage *page = m_pages.value(id)) {
                        page->refreshPeer();
                        updateTab(id);
                    }
                }
            });
    // A peer who comes or goes: few pages, and those unchanged set nothing.
    auto refreshAll = [this] {
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
            it.value()->refreshPeer();
            updateTab(it.key());
        }
    };
    connect(messenger->peerModel(), &QAbstractItemModel::rowsInserted, this, refreshAll);
    connect(messenger->peerModel(), &QAbstractItemModel::rowsRemoved, this, refreshAll);
}

ChatWindow::~ChatWindow() = default;

ChatPage *ChatWindow::open(const QString &peerId)
{
    ChatPage *page = m_pages.value(peerId);
    if (!page) {
        page = new ChatPage(m_messenger, peerId);
        m_pages.insert(peerId, page);
        m_tabs->addTab(page, page->title());
    }
    m_tabs->setCurrentWidget(page);
    updateTab(peerId);
    show();
    raise();
    activateWindow();
    page->input()->setFocus();
    markCurrentRead();
    return page;
}

ChatPage *ChatWindow::current() const
{
    return qobject_cast<ChatPage *>(m_tabs->currentWidget());
}

int ChatWindow::unreadTotal() const
{
    int total = 0;
    for (const int n : m_unread)
        total += n;
    return total;
}

bool ChatWindow::isShowing(const QString &peerId) const
{
    const ChatPage *c = current();
    return isVisible() && isActiveWindow() && c && c->peerId() == peerId;
}

void ChatWindow::markUnread(const QString &peerId)
{
    if (isShowing(peerId))
        return;
    ++m_unread[peerId];
    updateTab(peerId);
    emit readCountChanged();
}

void ChatWindow::markCurrentRead()
{
    const ChatPage *c = current();
    if (!c || !isVisible() || !m_unread.contains(c->peerId()))
        return;
    m_unread.remove(c->peerId());
    updateTab(c->peerId());
    emit readCountChanged();
}

bool ChatWindow::event(QEvent *event)
{
    if (event->type() == QEvent::WindowActivate)
        markCurrentRead();
    return QWidget::event(event);
}

void ChatWindow::updateTab(const QString &peerId)
{
    ChatPage *page = m_pages.value(peerId);
    if (!page)
        return;
    const int index = m_tabs->indexOf(page);
    const int n = m_unread.value(peerId);
    const QString text = n ? QStringLiteral("(%1) %2").arg(n).arg(page->title()) : page->title();
    if (m_tabs->tabText(index) != text)
        m_tabs->setTabText(index, text);
    if (ChatPage *c = current())
        setWindowTitle(tr("%1 — LanPigeon").arg(c->title()));
}

} // namespace lanpigeon::ui
