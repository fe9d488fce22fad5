#include "chatwindow.h"

#include "chatpage.h"
#include "messageinput.h"
#include "messenger.h"
#include "models/peermodel.h"
#include "models/recentchatsmodel.h"
#include "offercard.h"
#include "theme.h"

#include <QApplication>
#include <QEvent>
#include <QLineEdit>
#include <QShortcut>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace lanpigeon::ui {

namespace {

// Elides a chat's name only down to a readable width (the unread count and a few letters); with
// more chats than fit, the bar scrolls instead of cutting every name to one letter.
class ChatTabBar final : public QTabBar
{
    Q_DISABLE_COPY_MOVE(ChatTabBar)

public:
    ChatTabBar() = default;

protected:
    QSize minimumTabSizeHint(int index) const override
    {
        const QSize least = QTabBar::minimumTabSizeHint(index);
        const int readable = fontMetrics().averageCharWidth() * 10;
        return {qMax(least.width(), qMin(tabSizeHint(index).width(), least.width() + readable)),
                least.height()};
    }
};

class ChatTabs final : public QTabWidget
{
    Q_DISABLE_COPY_MOVE(ChatTabs)

public:
    ChatTabs() { setTabBar(new ChatTabBar); }
};

} // namespace

ChatWindow::ChatWindow(Messenger *messenger, RecentChatsModel *unread, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_messenger(messenger)
    , m_unread(unread)
    , m_tabs(new ChatTabs)
{
    setWindowTitle(tr("Chat — LanPigeon"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    // Many chats, or one long nick, scroll the tabs instead of widening the window.
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setElideMode(Qt::ElideRight);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    resize(620, 560);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &ChatWindow::closeTab);
    // As in other messengers and browsers: Ctrl+W or Escape closes the conversation in view.
    // Ctrl+W spelled out too: not every platform theme binds it to Close.
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(Qt::Key_Escape)})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, [this, keys] {
            // Escape closes an open search first, as everywhere else, wherever the keyboard is
            // (the box, its results, the conversation a result was shown in).
            if (keys == QKeySequence(Qt::Key_Escape)) {
                auto *edit = qobject_cast<QLineEdit *>(QApplication::focusWidget());
                ChatPage *c = current();
                if (c && c->leaveSearch())
                    return;
                if (edit && isAncestorOf(edit) && !edit->text().isEmpty()) {
                    edit->clear();
                    if (c)
                        c->input()->setFocus();
                    return;
                }
            }
            closeTab(m_tabs->currentIndex());
        });
    // Next and previous chat as in browsers (Ctrl+Tab is QTabWidget's own), and the nth.
    const auto step = [this](int by) {
        if (m_tabs->count() > 1)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + by + m_tabs->count()) %
                                    m_tabs->count());
    };
    connect(new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown), this), &QShortcut::activated,
            this, [step] { step(1); });
    connect(new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp), this), &QShortcut::activated,
            this, [step] { step(-1); });
    for (int n = 1; n <= 9; ++n)
        connect(new QShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + n)), this),
                &QShortcut::activated, this, [this, n] {
                    if (n <= m_tabs->count())
                        m_tabs->setCurrentIndex(n - 1);
                });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        markCurrentRead();
        ChatPage *c = current();
        if (!c)
            return;
        setWindowTitle(tr("%1 — LanPigeon").arg(c->title()));
        // A tab chosen with the mouse would hand the keyboard to its first field, the history
        // search; what the user types next is meant for the conversation.
        if (isActiveWindow())
            c->input()->setFocus();
    });
    connect(unread, &RecentChatsModel::unreadChanged, this, [this] {
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it)
            updateTab(it.key());
    });
    // Only the pages of the peers that changed: a tab's text set again relays out and repaints
    // the whole tab widget, every chat in it included.
    connect(messenger->peerModel(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                for (int row = from.row(); row <= to.row(); ++row) {
                    const auto key =
                        ChatKey::peer(from.siblingAtRow(row).data(PeerModel::IdRole).toString());
                    if (ChatPage *page = m_pages.value(key)) {
                        page->refreshPeer();
                        updateTab(key);
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

ChatPage *ChatWindow::open(const QString &peerId, Focus focus)
{
    ChatPage *page = m_pages.value(ChatKey::peer(peerId));
    if (!page) {
        page = new ChatPage(m_messenger, peerId);
        page->setKnownName(m_unread->name(peerId));
        connect(page, &ChatPage::privacySettingsWanted, this, &ChatWindow::privacySettingsWanted);
        for (const FileOffer &offer : m_offers.take(peerId))
            page->addOffer(offer);
        addPage(page);
    }
    return bringUp(page, focus);
}

ChatPage *ChatWindow::openRoom(const Room &room, Focus focus)
{
    ChatPage *page = m_pages.value(ChatKey::room(room.id));
    if (!page) {
        page = new ChatPage(m_messenger, room);
        addPage(page);
    }
    return bringUp(page, focus);
}

void ChatWindow::addPage(ChatPage *page)
{
    m_pages.insert(page->key(), page);
    const QString draft = m_drafts.take(page->key());
    if (!draft.isEmpty()) {
        page->input()->setPlainText(draft);
        page->input()->moveCursor(QTextCursor::End);
    }
    // Adding a tab never moves the current one, so typing elsewhere goes on undisturbed.
    m_tabs->addTab(page, page->title());
    // A namesake's tab now needs its address.
    for (const ChatKey &key : m_pages.keys())
        updateTab(key);
}

ChatPage *ChatWindow::bringUp(ChatPage *page, Focus focus)
{
    updateTab(page->key());
    if (focus == Focus::Leave)
        return page;
    m_tabs->setCurrentWidget(page);
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
    page->input()->setFocus();
    markCurrentRead();
    return page;
}

void ChatWindow::move(const QString &fromPeerId, const QString &toPeerId)
{
    if (fromPeerId == toPeerId)
        return;
    const ChatKey from = ChatKey::peer(fromPeerId);
    const ChatKey to = ChatKey::peer(toPeerId);
    if (m_drafts.contains(from) && !m_drafts.contains(to))
        m_drafts.insert(to, m_drafts.take(from));
    m_offers[toPeerId] += m_offers.take(fromPeerId);
    if (m_offers.value(toPeerId).isEmpty())
        m_offers.remove(toPeerId);
    ChatPage *page = m_pages.value(from);
    if (!page)
        return;
    if (m_pages.contains(to)) {
        // Rare: the user opened the new address before the move. Its tab has the history.
        closeTab(m_tabs->indexOf(page));
        return;
    }
    m_pages.remove(from);
    m_pages.insert(to, page);
    page->rebind(toPeerId);
    for (const ChatKey &key : m_pages.keys())
        updateTab(key);
}

void ChatWindow::closeTab(int index)
{
    auto *page = qobject_cast<ChatPage *>(m_tabs->widget(index));
    if (!page)
        return;
    const QString text = page->draft();
    if (!text.trimmed().isEmpty())
        m_drafts.insert(page->key(), text);
    // An offer nobody answered is not thrown away with its tab.
    for (const OfferCard *card : page->findChildren<OfferCard *>()) {
        if (!card->isAnswered())
            m_offers[page->peerId()].append(card->offer());
    }
    m_tabs->removeTab(index);
    m_pages.remove(page->key());
    page->deleteLater();
    for (const ChatKey &key : m_pages.keys())
        updateTab(key);
    if (m_tabs->count() == 0)
        hide();
}

ChatPage *ChatWindow::current() const
{
    return qobject_cast<ChatPage *>(m_tabs->currentWidget());
}

bool ChatWindow::isShowing(const ChatKey &key) const
{
    const ChatPage *c = current();
    return isVisible() && !isMinimized() && isActiveWindow() && c && c->key() == key;
}

void ChatWindow::markUnread(const ChatKey &key)
{
    if (isShowing(key))
        return;
    m_unread->addUnread(key);
    // The taskbar entry flashes; the window itself stays where it is.
    if (isVisible())
        QApplication::alert(this);
}

void ChatWindow::markCurrentRead()
{
    const ChatPage *c = current();
    if (c && isVisible() && !isMinimized())
        m_unread->clearUnread(c->key());
}

bool ChatWindow::event(QEvent *event)
{
    if (event->type() == QEvent::WindowActivate)
        markCurrentRead();
    const bool result = QWidget::event(event);
    // The tabs' locks are tinted for the palette they were drawn on.
    if (event->type() == QEvent::PaletteChange) {
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it)
            updateTab(it.key());
    }
    return result;
}

void ChatWindow::updateTab(const ChatKey &key)
{
    ChatPage *page = m_pages.value(key);
    if (!page)
        return;
    const int index = m_tabs->indexOf(page);
    const int n = m_unread->unread(key);
    QString title = page->title();
    if (title.size() > 24)
        title = title.left(23) + QChar(0x2026);
    // Two 小王 at once: their addresses tell the tabs apart.
    for (auto it = m_pages.cbegin(); it != m_pages.cend() && !key.isRoom(); ++it) {
        if (it.value() != page && it.value()->title() == page->title()) {
            const QString address = Peer::addressOfId(key.peerId);
            title = address.isEmpty() ? tr("%1 (offline)").arg(title)
                                      : tr("%1 (%2)").arg(title, address);
            break;
        }
    }
    const QString text = n ? QStringLiteral("(%1) %2").arg(n).arg(title) : title;
    m_tabs->setTabToolTip(index, page->securityText().isEmpty()
                                     ? page->title()
                                     : page->title() + QLatin1Char('\n') + page->securityText());
    // Set only when it changes: a new icon relays out the whole tab bar.
    // The window's palette: when it changes, the tab bar's follows only after this runs.
    const QColor ground = palette().color(QPalette::Window);
    // No mark for a peer not seen since start: an open lock would claim it cannot encrypt.
    const bool known = !page->securityText().isEmpty();
    const QVariant mark =
        QStringLiteral("%1/%2/%3").arg(int(page->securityMark())).arg(ground.name()).arg(known);
    if (m_tabs->tabBar()->tabData(index) != mark) {
        m_tabs->tabBar()->setTabData(index, mark);
        m_tabs->setTabIcon(
            index, known ? SecurityMark::icon(page->securityMark(), palette(), ground) : QIcon());
    }
    if (m_tabs->tabText(index) != text) {
        m_tabs->setTabText(index, text);
        // A waiting conversation stands out in red, as in QQ.
        m_tabs->tabBar()->setTabTextColor(
            index, n ? theme::toneText(theme::Tone::Error,
                                       m_tabs->tabBar()->palette().color(QPalette::Window))
                     : QColor());
    }
    if (page == current())
        setWindowTitle(tr("%1 — LanPigeon").arg(page->title()));
}

} // namespace lanpigeon::ui
