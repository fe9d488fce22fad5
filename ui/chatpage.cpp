#include "chatpage.h"

#include "avatar.h"
#include "bubbledelegate.h"
#include "messageinput.h"
#include "messenger.h"
#include "models/conversationmodel.h"
#include "models/peermodel.h"
#include "models/roomlistmodel.h"
#include "models/transfermodel.h"
#include "offercard.h"
#include "pictureviewer.h"
#include "profile/profilesettings.h"
#include "roomdialog.h"
#include "screenshottool.h"
#include "securitydialog.h"
#include "theme.h"
#include "thumbnailcache.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QWidgetAction>

#include <algorithm>
#include <limits>

namespace lanpigeon::ui {

namespace {
const QString ScreenshotHidesWindowsKey = QStringLiteral("ui/screenshotHidesWindows");

// The faces QQ and FeiQ users reach for most.
const char *const Emoji[] = {"😀", "😂",    "😊", "😍",    "😘", "😎", "🤔",   "😅",    "😭",    "😡",
                             "👍", "👎",    "👏", "🙏",    "💪", "🎉", "❤️", "🌹",    "☕",    "🍉",
                             "👌", "🤝", "😴", "🙂", "😉", "😢", "😱",      "🤣", "🥳", "🐦"};
} // namespace

ChatPage::ChatPage(Messenger *messenger, const QString &peerId, QWidget *parent)
    : ChatPage(messenger, ChatKey::peer(peerId), Room(), parent)
{
}

ChatPage::ChatPage(Messenger *messenger, const Room &room, QWidget *parent)
    : ChatPage(messenger, ChatKey::room(room.id), room, parent)
{
}

ChatPage::ChatPage(Messenger *messenger, const ChatKey &key, const Room &room, QWidget *parent)
    : QWidget(parent)
    , m_messenger(messenger)
    , m_key(key)
    , m_peerId(key.peerId)
    , m_room(room)
    , m_model(new ConversationModel(key.peerId, this))
    , m_header(new QLabel)
    // Parented at once: refreshPeer() shows or hides them before the layout takes them, and a
    // parentless widget shown is a window of its own that takes the keyboard.
    , m_lock(new QToolButton(this))
    , m_banner(new QFrame(this))
    , m_bannerIcon(new QLabel)
    , m_bannerText(new QLabel)
    , m_refusedNote(new QFrame(this))
    , m_refusedText(new QLabel)
    , m_search(new QLineEdit)
    , m_searchState(new QLabel)
    , m_historyMenu(new QToolButton)
    , m_foundView(new QListView)
    , m_view(new QListView)
    , m_offersBox(new QVBoxLayout)
    , m_offersArea(new QScrollArea)
    , m_input(new MessageInput)
    , m_seal(new QToolButton)
    , m_send(new QPushButton(tr("Send")))
    , m_fileButton(new QToolButton)
    , m_folderButton(new QToolButton)
    , m_warning(new QLabel)
{
    m_view->setModel(m_model);
    auto *bubbles = new BubbleDelegate(messenger->config().nick, m_view);
    bubbles->setShowsSenders(isRoom());
    m_view->setItemDelegate(bubbles);
    connect(bubbles, &BubbleDelegate::linkActivated, this,
            [](const QString &url) { QDesktopServices::openUrl(QUrl(url)); });
    // Pictures decode from the profile's store off the GUI thread.
    auto *thumbnails = new imaging::ThumbnailCache(
        [messenger](const QString &sha256) { return messenger->picturePath(sha256); }, {}, this);
    bubbles->setThumbnails(thumbnails);
    connect(bubbles, &BubbleDelegate::pictureActivated, this, [this](const QString &sha256) {
        const QString path = m_messenger->picturePath(sha256);
        if (!path.isEmpty())
            (new PictureViewer(path, {}, this))->show();
    });
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setFocusPolicy(Qt::NoFocus);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->viewport()->installEventFilter(this);
    m_header->setObjectName(QStringLiteral("peerHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_header->setContentsMargins(8, 6, 8, 6);
    // A long nick or away message is the peer's to choose: it must not widen the window past
    // the screen, so the header takes what width is left and elides (setHeader).
    m_header->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_header->installEventFilter(this);
    m_search->setPlaceholderText(tr("🔍 Search history"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(120);
    m_search->setMaximumWidth(200);
    m_search->setObjectName(QStringLiteral("historySearch"));
    auto *found = new BubbleDelegate(messenger->config().nick, m_foundView);
    found->setShowsSenders(isRoom());
    found->setThumbnails(thumbnails);
    m_foundView->setItemDelegate(found);
    m_foundView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_foundView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // One result at a time, reached with Down from the search box and shown with Enter.
    m_foundView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_foundView->setObjectName(QStringLiteral("searchResults"));
    m_foundView->setFrameShape(QFrame::NoFrame);
    applyPalette();
    m_foundView->setVisible(false);
    m_searchState->setVisible(false);
    m_searchState->setContentsMargins(8, 2, 8, 2);
    // A narrow window wraps what it says rather than cutting it off.
    m_searchState->setWordWrap(true);

    auto *tools = new QHBoxLayout;
    m_emoji = emojiButton();
    tools->addWidget(m_emoji);
    // Their tooltips are refreshPeer()'s: they say why while the setting refuses this peer.
    m_fileButton->setObjectName(QStringLiteral("fileButton"));
    m_fileButton->setText(tr("📄 File"));
    m_folderButton->setObjectName(QStringLiteral("folderButton"));
    m_folderButton->setText(tr("📁 Folder"));
    tools->addWidget(m_fileButton);
    tools->addWidget(m_folderButton);
    auto *picture = new QToolButton;
    picture->setObjectName(QStringLiteral("pictureButton"));
    picture->setText(tr("🖼 Picture"));
    picture->setToolTip(tr("Put a picture in the message (PNG, JPEG, GIF or WebP)"));
    tools->addWidget(picture);
    QToolButton *shot = screenshotButton();
    tools->addWidget(shot);
    m_seal->setObjectName(QStringLiteral("sealButton"));
    m_seal->setText(tr("✉ Sealed"));
    m_seal->setCheckable(true);
    m_seal->setToolTip(tr("Seal the next message: %1 must click it to read it, and you "
                          "see when it was opened (Ctrl+Shift+S)")
                           .arg(title()));
    tools->addWidget(m_seal);
    tools->addStretch();
    // A group chat's messages are words only: files, pictures and sealing are one-to-one.
    if (isRoom()) {
        for (QWidget *w :
             std::initializer_list<QWidget *>{m_fileButton, m_folderButton, picture, shot, m_seal})
            w->setVisible(false);
        m_input->setPicturesAllowed(false);
    }
    m_warning->setObjectName(QStringLiteral("inputWarning"));
    m_warning->setWordWrap(true);
    theme::showAsError(m_warning, true);
    m_warning->setVisible(false);
    // Tab leaves the box for the buttons, as in every other text field of a dialog.
    m_input->setTabChangesFocus(true);
    m_input->setMaxPictureBytes(messenger->config().maxPictureBytes);
    m_send->setObjectName(QStringLiteral("sendButton"));

    auto *bottom = new QWidget;
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addLayout(tools);
    bottomLayout->addWidget(m_input);
    bottomLayout->addWidget(m_warning);
    auto *sendRow = new QHBoxLayout;
    sendRow->addStretch();
    sendRow->addWidget(m_send);
    bottomLayout->addLayout(sendRow);

    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_view, 1);
    // Offers waiting for an answer: a strip that scrolls, so they never crowd out the chat.
    auto *offers = new QWidget;
    offers->setLayout(m_offersBox);
    m_offersBox->setContentsMargins(4, 2, 4, 2);
    m_offersBox->setSpacing(4);
    // Cards keep their height and the strip scrolls, rather than squashing them.
    m_offersBox->setSizeConstraint(QLayout::SetMinAndMaxSize);
    QScrollArea *area = m_offersArea;
    area->setObjectName(QStringLiteral("offers"));
    area->setWidget(offers);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    area->setVisible(false);
    topLayout->addWidget(area);
    // Before the user types, not after a failed bubble: the setting refuses what would be sent.
    m_refusedNote->setObjectName(QStringLiteral("plainTextRefusedNote"));
    m_refusedNote->setAutoFillBackground(true);
    m_refusedText->setWordWrap(true);
    auto *privacy = new QPushButton(tr("Change in Settings…"));
    privacy->setObjectName(QStringLiteral("openPrivacySettings"));
    connect(privacy, &QPushButton::clicked, this, &ChatPage::privacySettingsWanted);
    auto *refusedRow = new QHBoxLayout(m_refusedNote);
    refusedRow->setContentsMargins(8, 6, 8, 6);
    refusedRow->addWidget(m_refusedText, 1);
    refusedRow->addWidget(privacy, 0, Qt::AlignVCenter);
    m_refusedNote->setVisible(false);
    topLayout->addWidget(m_refusedNote);
    // A card grows when answered (progress, status) and its lines wrap anew at another width.
    offers->installEventFilter(this);
    area->installEventFilter(this);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *headerRow = new QHBoxLayout;
    m_lock->setObjectName(QStringLiteral("securityMark"));
    m_lock->setAutoRaise(true);
    m_lock->setIconSize(QSize(18, 18));
    connect(m_lock, &QToolButton::clicked, this, &ChatPage::showSecurity);
    headerRow->addSpacing(4);
    headerRow->addWidget(m_lock);
    headerRow->addWidget(m_header, 1);
    headerRow->addWidget(m_search);
    m_historyMenu->setText(QStringLiteral("…"));
    m_historyMenu->setToolTip(tr("Export or delete this chat's history"));
    m_historyMenu->setObjectName(QStringLiteral("historyMenu"));
    m_historyMenu->setAutoRaise(true);
    m_historyMenu->setPopupMode(QToolButton::InstantPopup);
    auto *historyActions = new QMenu(m_historyMenu);
    historyActions->addAction(tr("Export chat…"), this, &ChatPage::chooseExportPath);
    historyActions->addAction(tr("Delete chat history…"), this, &ChatPage::confirmDeleteHistory);
    m_historyMenu->setMenu(historyActions);
    if (isRoom()) {
        // A narrow window gives the bubbles the width: the members fold away behind this.
        m_membersButton = new QToolButton(this);
        m_membersButton->setObjectName(QStringLiteral("membersButton"));
        m_membersButton->setText(QStringLiteral("👥"));
        m_membersButton->setToolTip(tr("Show or hide the members"));
        m_membersButton->setAutoRaise(true);
        m_membersButton->setCheckable(true);
        m_membersButton->setChecked(true);
        headerRow->addWidget(m_membersButton);
    }
    headerRow->addWidget(m_historyMenu);
    layout->addLayout(headerRow);
    // Above the conversation, where it cannot be missed; only verifying takes it away.
    m_banner->setObjectName(QStringLiteral("keyChangedBanner"));
    m_banner->setAutoFillBackground(true);
    m_bannerText->setWordWrap(true);
    auto *compare = new QPushButton(tr("Compare fingerprints…"));
    compare->setObjectName(QStringLiteral("compareFingerprints"));
    connect(compare, &QPushButton::clicked, this, &ChatPage::showSecurity);
    auto *bannerRow = new QHBoxLayout(m_banner);
    bannerRow->setContentsMargins(8, 6, 8, 6);
    bannerRow->addWidget(m_bannerIcon, 0, Qt::AlignTop);
    bannerRow->addWidget(m_bannerText, 1);
    bannerRow->addWidget(compare, 0, Qt::AlignVCenter);
    m_banner->setVisible(false);
    layout->addWidget(m_banner);
    layout->addWidget(m_searchState);
    layout->addWidget(m_foundView, 1);
    if (isRoom()) {
        // The members at the right, as in QQ's group chat window.
        auto *side = new QSplitter(Qt::Horizontal);
        side->addWidget(splitter);
        side->addWidget(buildMembersPanel());
        side->setStretchFactor(0, 1);
        side->setStretchFactor(1, 0);
        side->setCollapsible(0, false);
        layout->addWidget(side, 1);
        connect(m_membersButton, &QToolButton::toggled, m_membersPanel, &QWidget::setVisible);
    } else {
        layout->addWidget(splitter, 1);
    }
    refreshPeer();
    if (isRoom()) {
        const auto keep = [this](const Buddy &b) {
            if (!b.nick.isEmpty())
                m_buddyNames.insert(b.person, b.nick);
        };
        connect(m_messenger, &Messenger::buddiesLoaded, this,
                [this, keep](const QList<Buddy> &buddies) {
                    for (const Buddy &b : buddies)
                        keep(b);
                    refreshRoom();
                });
        connect(m_messenger, &Messenger::buddyChanged, this, [this, keep](const Buddy &b) {
            keep(b);
            refreshRoom();
        });
        m_messenger->loadBuddies();
    }

    m_noteExpiry = new QTimer(this);
    m_noteExpiry->setSingleShot(true);
    m_noteExpiry->setInterval(BriefNoteMs);
    connect(m_noteExpiry, &QTimer::timeout, m_searchState, &QWidget::hide);
    m_searchPause = new QTimer(this);
    m_searchPause->setSingleShot(true);
    m_searchPause->setInterval(SearchPauseMs);
    connect(m_searchPause, &QTimer::timeout, this, [this] { search(m_search->text()); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchPause->stop();
        search(m_search->text());
    });
    connect(m_messenger, &Messenger::conversationExported, this,
            [this](const QString &peerId, const QString &path, const QString &error) {
                if (!isRoom() && peerId == m_peerId)
                    exported(path, error);
            });
    connect(m_messenger, &Messenger::roomExported, this,
            [this](const RoomId &id, const QString &path, const QString &error) {
                if (isRoom() && id == m_key.roomId)
                    exported(path, error);
            });
    connect(m_messenger, &Messenger::conversationDeleted, this,
            [this](const QString &peerId, int removed) {
                if (!isRoom() && peerId == m_peerId)
                    historyDeleted(removed);
            });
    connect(m_messenger, &Messenger::roomHistoryDeleted, this,
            [this](const RoomId &id, int removed) {
                if (isRoom() && id == m_key.roomId)
                    historyDeleted(removed);
            });
    m_search->installEventFilter(this);
    // A click on a link or a picture in a result opens it, and is no click here.
    connect(m_foundView, &QListView::clicked, this, &ChatPage::showInContext);
    connect(m_foundView, &QListView::activated, this, &ChatPage::showInContext);
    // As in QQ's and browsers' find: results follow the typing, once it pauses.
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().isEmpty()) {
            m_searchPause->stop();
            search({});
        } else {
            m_searchPause->start();
        }
    });
    auto *find =
        new QShortcut(QKeySequence::Find, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    auto *seal = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this, nullptr,
                               nullptr, Qt::WidgetWithChildrenShortcut);
    connect(seal, &QShortcut::activated, m_seal, &QToolButton::toggle);
    connect(m_seal, &QToolButton::toggled, this, [this](bool on) {
        m_input->setPlaceholderText(
            on ? tr("Sealed: %1 must click the message to read it").arg(title())
               : MessageInput::defaultPlaceholder());
    });
    connect(m_input, &MessageInput::textChanged, this, &ChatPage::checkLength);
    connect(m_messenger, &Messenger::messageStateChanged, this,
            [this](const QString &id, const QString &peerId, DeliveryState state,
                   const QString &error, Failure failure) {
                if (isRoom()) {
                    roomStateChanged(id, peerId, state, error, failure);
                    return;
                }
                if (peerId != m_peerId)
                    return;
                if (!m_sent.contains(id)) {
                    m_model->setState(id, state, error, failure);
                } else if (state == DeliveryState::Failed && failure == Failure::Cancelled) {
                    // Cancelled by us while it waited: our own doing, not a failure.
                    endSentOffer(id, OfferOutcome::Cancelled, {});
                } else if (state == DeliveryState::Failed) {
                    m_sent[id].failure = failure;
                    endSentOffer(id, OfferOutcome::Released, error);
                } else {
                    sentOfferStateChanged(id, state, error, failure);
                }
            });
    connect(m_view, &QListView::clicked, this, [this](const QModelIndex &index) {
        if (index.data(ConversationModel::ClosedRole).toBool())
            openSealed(index.data(ConversationModel::IdRole).toString());
    });
    connect(m_messenger, &Messenger::offerFinished, this,
            [this](const QString &offerId, OfferOutcome outcome) {
                endSentOffer(offerId, outcome, {});
            });
    // A folder's size, counted on the network thread, joins its bubble.
    connect(m_messenger, &Messenger::filesOffered, this,
            [this](const QString &offerId, const QList<OfferItem> &items) {
                const auto it = m_sent.find(offerId);
                const int row = m_model->rowOf(offerId);
                if (it == m_sent.end() || it->sized || row < 0)
                    return;
                it->size = 0;
                for (const OfferItem &item : items)
                    it->size += item.size;
                it->sized = true;
                ChatMessage note = m_model->at(row);
                note.text = sentOfferText(*it);
                m_model->addOrUpdate(note);
            });
    connect(m_messenger, &Messenger::offerFailed, this,
            [this](const QString &offerId, const QString &error) {
                endSentOffer(offerId, OfferOutcome::Released, error);
            });
    TransferModel *transfers = m_messenger->transferModel();
    connect(transfers, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { trackUploads(first, last, true); });
    connect(transfers, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                trackUploads(from.row(), to.row(), false);
            });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ChatPage::showMenu);
    connect(m_send, &QPushButton::clicked, this, &ChatPage::send);
    connect(m_messenger, &Messenger::requireEncryptionChanged, this, &ChatPage::refreshPeer);
    connect(m_input, &MessageInput::sendRequested, this, &ChatPage::send);
    connect(m_input, &MessageInput::filesDropped, this, &ChatPage::offerPaths);
    connect(m_input, &MessageInput::pictureRefused, this, [this](const QString &why) {
        m_warning->setText(why);
        m_warning->setVisible(true);
    });
    connect(m_input, &MessageInput::picturesReady, this, [this] {
        if (m_sendWhenReady)
            this->send();
    });
    connect(picture, &QToolButton::clicked, this, &ChatPage::choosePictures);
    connect(m_fileButton, &QToolButton::clicked, this, [this] { chooseFiles(false); });
    connect(m_folderButton, &QToolButton::clicked, this, [this] { chooseFiles(true); });
    connect(m_model, &ConversationModel::olderWanted, this, [this](qint64 before) {
        if (isRoom())
            m_messenger->loadRoomConversation(m_key.roomId, PageSize, before);
        else
            m_messenger->loadConversation(m_peerId, PageSize, before);
    });
    // History pages are asked for when the user scrolls to the top, not the bottom.
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        QScrollBar *bar = m_view->verticalScrollBar();
        m_stickToBottom = value >= bar->maximum() - 4;
        if (value == bar->minimum() && m_model->canLoadOlder())
            m_model->loadOlder();
    });
    connect(m_view->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int max) {
        if (m_stickToBottom)
            m_view->verticalScrollBar()->setValue(max);
    });
    connect(m_view, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        retry(index.data(ConversationModel::IdRole).toString());
    });
    // Read here: the first paint shows the rows (see Messenger::readConversation). A group
    // chat's page comes from the network thread.
    if (const std::optional<Messenger::Page> first =
            isRoom() ? std::nullopt : m_messenger->readConversation(m_peerId, PageSize))
        addPage(first->messages, first->more);
    else
        m_model->loadOlder();
}

ChatPage::~ChatPage() = default;

QString ChatPage::title() const
{
    if (isRoom())
        return m_room.name.isEmpty() ? tr("Group chat") : m_room.name;
    const Peer *p = m_messenger->peerModel()->find(m_peerId);
    if (p)
        return p->displayName();
    return m_peerName.isEmpty() ? m_peerId : m_peerName;
}

void ChatPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void ChatPage::applyBannerPalette()
{
    QPalette banner = palette();
    const QColor fill = theme::toneFill(banner, theme::Tone::Warning, 0.3);
    const QColor ink = theme::textOn(banner, fill);
    banner.setColor(QPalette::Window, fill);
    banner.setColor(QPalette::WindowText, ink);
    m_banner->setPalette(banner);
    m_refusedNote->setPalette(banner);
    m_bannerIcon->setPixmap(SecurityMark::pixmap(SecurityMark::Mark::Warning,
                                                 theme::toneText(theme::Tone::Error, fill), 20,
                                                 devicePixelRatioF()));
}

SecurityDialog *ChatPage::showSecurity()
{
    if (!m_security) {
        m_security = new SecurityDialog(m_messenger, m_peerId, this);
        m_security->setAttribute(Qt::WA_DeleteOnClose);
        if (m_lastSeen)
            m_security->setLastKnown(*m_lastSeen);
    }
    m_security->show();
    m_security->raise();
    m_security->activateWindow();
    return m_security;
}

void ChatPage::rebind(const QString &peerId)
{
    m_peerId = peerId;
    m_key = ChatKey::peer(peerId);
    m_model->setPeerId(peerId);
    // It shows the old address's key: the lock opens a new one for the new address.
    if (m_security)
        m_security->close();
    refreshPeer();
}

void ChatPage::applyPalette()
{
    // On the viewports only: the bubbles take their own colours from the views' palette.
    QPalette backdrop = m_view->palette();
    backdrop.setColor(QPalette::Base, theme::chatBackground(backdrop));
    m_view->viewport()->setPalette(backdrop);
    QPalette found = m_foundView->palette();
    found.setColor(QPalette::Base, theme::toneFill(found, theme::Tone::Warning, 0.08));
    m_foundView->viewport()->setPalette(found);
    refreshPeer();
}

void ChatPage::refreshPeer()
{
    if (isRoom()) {
        // A room has no one key to check: its lock would open an empty Security dialog.
        m_lock->setVisible(false);
        refreshRoom();
        return;
    }
    const Peer *p = m_messenger->peerModel()->find(m_peerId);
    // Another login at the address of the person this chat is with: not them. Their chat is
    // parked for them (PersonTracker) and this page follows it there.
    if (p && m_lastSeen && p->keyId != m_lastSeen->keyId)
        p = nullptr;
    const QColor window = m_header->palette().color(QPalette::Window);
    const QColor dim = theme::dimText(m_header->palette(), window);
    // Offline, the peer keeps the lock and the warning it had: nothing here goes by itself.
    if (p)
        m_lastSeen = *p;
    const bool refused = plainTextRefused();
    if (auto *bubbles = qobject_cast<BubbleDelegate *>(m_view->itemDelegate()))
        bubbles->setPlainTextRefused(refused);
    m_refusedNote->setVisible(refused);
    m_refusedText->setText(
        tr("<b>%1 cannot encrypt.</b> Your setting \"Only send to peers who can encrypt\" "
           "refuses clear text: messages and files to %1 will not be sent.")
            .arg(title().toHtmlEscaped()));
    m_send->setEnabled(!refused);
    const QString why = tr("Not sent: %1 cannot encrypt, and your setting refuses clear "
                           "text. Change it in Settings, under Privacy.")
                            .arg(title());
    m_send->setToolTip(refused ? why : QString());
    // A file offer is refused like a message: not offered at all, rather than failing after
    // the user picked the files.
    m_fileButton->setEnabled(!refused);
    m_fileButton->setToolTip(refused ? why : tr("Send files"));
    m_folderButton->setEnabled(!refused);
    m_folderButton->setToolTip(refused ? why : tr("Send a folder"));
    if (p) {
        m_mark = SecurityMark::forPeer(*p);
        m_markText = SecurityMark::describe(*p);
        m_banner->setVisible(p->key.trust == crypto::KeyTrust::Changed);
        //: Keys are remembered by login and computer name, which a new person may share
        m_bannerText->setText(tr("<b>The key of %1's login and computer name has changed.</b> "
                                 "It may be someone else. Compare fingerprints before trusting "
                                 "new messages.")
                                  .arg(p->displayName().toHtmlEscaped()));
    }
    m_lock->setIcon(SecurityMark::icon(m_mark, palette(), palette().color(QPalette::Window)));
    m_lock->setToolTip(m_markText);
    m_lock->setVisible(!m_markText.isEmpty());
    applyBannerPalette();
    if (!p) {
        setHeader(tr("<b>%1</b> <span style='color:%2'>— offline</span>")
                      .arg(title().toHtmlEscaped(), dim.name()));
        return;
    }
    m_peerName = p->displayName();
    const QString who = p->nick.isEmpty() ? p->user : p->nick;
    QString status;
    switch (p->status) {
    case ipmsg::Status::Away:
        status = p->awayMessage.isEmpty() ? tr("🌙 away") : tr("🌙 away: %1").arg(p->awayMessage);
        break;
    case ipmsg::Status::Busy:
        status = p->awayMessage.isEmpty() ? tr("⛔ busy") : tr("⛔ busy: %1").arg(p->awayMessage);
        break;
    case ipmsg::Status::Online:
        break;
    }
    // Before the details, where it is read first, and in the colour the buddy list gives it.
    if (!status.isEmpty())
        status = QStringLiteral(" <span style='color:%1'>· %2</span>")
                     .arg(theme::toneText(p->status == ipmsg::Status::Busy ? theme::Tone::Error
                                                                           : theme::Tone::Warning,
                                          window)
                              .name(),
                          status.toHtmlEscaped());
    setHeader(tr("<b>%1</b>%7 <span style='color:%8'>%2@%3 (%4) · %5 · %6</span>")
                  .arg(who.toHtmlEscaped(), p->user.toHtmlEscaped(), p->host.toHtmlEscaped(),
                       p->address.toString(), ipmsg::clientKindName(p->kind),
                       p->group.isEmpty() ? tr("no workgroup") : p->group.toHtmlEscaped(), status,
                       dim.name()));
}

bool ChatPage::plainTextRefused() const
{
    return m_messenger->config().requireEncryption && m_lastSeen && !m_lastSeen->canEncrypt;
}

void ChatPage::search(const QString &text)
{
    const QString wanted = text.trimmed();
    if (wanted.isEmpty()) {
        m_foundView->setVisible(false);
        m_noteExpiry->stop();
        m_searchState->setVisible(false);
        return;
    }
    showNote(tr("Searching for “%1”…").arg(wanted));
    if (isRoom())
        m_messenger->searchRoom(m_key.roomId, wanted, 500);
    else
        m_messenger->searchHistory(m_peerId, wanted, 500);
}

bool ChatPage::leaveSearch()
{
    if (m_search->text().isEmpty() && !m_foundView->isVisible())
        return false;
    m_searchPause->stop();
    m_search->clear();
    search({});
    m_input->setFocus();
    return true;
}

void ChatPage::showSearchResults(const QString &text, const QList<SearchHit> &hits)
{
    if (text != m_search->text().trimmed())
        return;
    delete m_found;
    m_found = new ConversationModel(m_peerId, this);
    QList<ChatMessage> messages;
    messages.reserve(hits.size());
    for (const SearchHit &hit : hits)
        messages.append(hit.message);
    m_found->addOlder(messages, false);
    for (const SearchHit &hit : hits)
        m_found->setMatches(hit.message.id, hit.ranges);
    m_foundView->setModel(m_found);
    m_foundView->setVisible(!messages.isEmpty());
    showNote(messages.isEmpty() ? tr("No message contains “%1”.").arg(text)
                                : tr("%n message(s) contain “%1” (click one to see it in the "
                                     "conversation; Esc closes the search):",
                                     nullptr, int(messages.size()))
                                      .arg(text));
    m_foundView->scrollToBottom();
}

void ChatPage::showInContext(const QModelIndex &found)
{
    if (!m_found || !found.isValid() || found.model() != m_found)
        return;
    const ChatMessage hit = m_found->at(found.row());
    if (hit.id == m_jumpTo)
        return;
    m_jumpTo = hit.id;
    m_jumpRanges = found.data(ConversationModel::MatchesRole).value<QList<QPair<int, int>>>();
    // The query stays in the box, so the results are one Enter away.
    m_foundView->setVisible(false);
    showNote(tr("A message found for “%1”: Enter in the search box shows the "
                "results again, Esc closes the search.")
                 .arg(m_search->text().trimmed()));
    // The results are gone: what is typed next is an answer, not lost on a hidden list.
    m_input->setFocus(Qt::OtherFocusReason);
    m_stickToBottom = false;
    if (m_model->rowOf(hit.id) >= 0) {
        finishJump();
        return;
    }
    // Everything from the found message to the page shown, so the conversation stays whole.
    qint64 oldest = 0;
    for (int row = 0; row < m_model->rowCount() && oldest == 0; ++row)
        oldest = m_model->at(row).rowId;
    // A group chat's history has no page around a row: everything back to the found one.
    if (isRoom())
        m_messenger->loadRoomConversation(m_key.roomId, Messenger::MaxJumpRows, oldest);
    else
        m_messenger->loadConversationAround(m_peerId, hit.rowId, PageSize / 2, oldest);
}

void ChatPage::exportTo(const QString &path)
{
    showNote(tr("Exporting the chat to %1…").arg(QDir::toNativeSeparators(path)));
    if (isRoom())
        m_messenger->exportRoom(m_key.roomId, path);
    else
        m_messenger->exportConversation(m_peerId, path);
}

void ChatPage::exported(const QString &path, const QString &error)
{
    if (error.isEmpty())
        showNote(tr("Chat exported to %1.").arg(QDir::toNativeSeparators(path)), NoteLife::Brief);
    else
        showNote(
            tr("Could not export the chat to %1: %2").arg(QDir::toNativeSeparators(path), error));
}

void ChatPage::historyDeleted(int removed)
{
    if (removed >= 0) {
        m_model->clear();
        m_roomSends.clear();
    }
    if (removed >= 0)
        showNote(tr("Deleted %n message(s) from history.", nullptr, removed), NoteLife::Brief);
    else
        showNote(tr("Could not delete the chat's history."));
}

void ChatPage::chooseExportPath()
{
    const QString html = tr("Web page with pictures (*.html)");
    const QString text = tr("Plain text (*.txt)");
    QString filter = html;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export chat"),
        QDir::home().filePath(defaultExportName() + QStringLiteral(".html")),
        html + QStringLiteral(";;") + text, &filter);
    if (path.isEmpty())
        return;
    // The format goes by the suffix; a name typed without one takes the filter's.
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == text ? QStringLiteral(".txt") : QStringLiteral(".html");
    exportTo(path);
}

QString ChatPage::defaultExportName() const
{
    if (isRoom())
        return tr("Group chat %1").arg(title());
    // With the address: two chats with people of one name are two files. A parked chat
    // has none.
    const QString address = Peer::addressOfId(m_peerId);
    if (address.isEmpty())
        return tr("Chat with %1").arg(title());
    if (title() == m_peerId)
        return tr("Chat with %1").arg(address);
    return tr("Chat with %1 (%2)").arg(title(), address);
}

void ChatPage::deleteHistory()
{
    if (isRoom())
        m_messenger->deleteRoomHistory(m_key.roomId);
    else
        m_messenger->deleteConversation(m_peerId);
}

QString ChatPage::deleteQuestion() const
{
    const QString question =
        isRoom() ? tr("Delete every message of the group chat %1 from your history? The group "
                      "chat and its members stay. This cannot be undone.")
                       .arg(title())
                 : tr("Delete every message of your chat with %1 from history? This cannot be "
                      "undone.")
                       .arg(title());
    // The queue is history: what waits there goes with it, so say so before, not never.
    int waiting = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex i = m_model->index(row);
        waiting +=
            i.data(ConversationModel::OutgoingRole).toBool() &&
            DeliveryState(i.data(ConversationModel::StateRole).toInt()) == DeliveryState::Queued;
    }
    if (waiting == 0)
        return question;
    return question + QLatin1String("\n\n") +
           tr("%n message(s) still waiting to be sent will not be sent.", nullptr, waiting);
}

void ChatPage::confirmDeleteHistory()
{
    QMessageBox question(QMessageBox::Warning, tr("Delete chat history"), deleteQuestion(),
                         QMessageBox::Cancel, this);
    QPushButton *remove = question.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    question.setDefaultButton(QMessageBox::Cancel);
    question.exec();
    if (question.clickedButton() == remove)
        deleteHistory();
}

void ChatPage::showNote(const QString &text, NoteLife life)
{
    m_searchState->setText(text);
    m_searchState->setVisible(true);
    if (life == NoteLife::Brief)
        m_noteExpiry->start();
    else
        m_noteExpiry->stop();
}

void ChatPage::finishJump()
{
    const QString id = std::exchange(m_jumpTo, QString());
    const int row = m_model->rowOf(id);
    if (row < 0) {
        showNote(tr("That message is more than %n message(s) back; scroll up to "
                    "reach it.",
                    nullptr, Messenger::MaxJumpRows));
        return;
    }
    m_model->setMatches(id, m_jumpRanges);
    m_view->scrollTo(m_model->index(row), QAbstractItemView::PositionAtCenter);
    QTimer::singleShot(FoundMarkMs, m_model, [model = m_model, id] { model->setMatches(id, {}); });
}

void ChatPage::setMyAvatar(const QPixmap &avatar)
{
    for (QListView *view : {m_view, m_foundView}) {
        if (auto *bubbles = qobject_cast<BubbleDelegate *>(view->itemDelegate()))
            bubbles->setMyAvatar(avatar);
    }
}

void ChatPage::send()
{
    // A picture still being encoded goes with its message as soon as it is ready.
    m_sendWhenReady = m_input->picturesPending();
    if (m_sendWhenReady)
        return;
    const MessageInput::Content content = m_input->content();
    // Enter as the disabled button: the draft stays, and the note above says why.
    if (content.isEmpty() || !checkLength() || plainTextRefused())
        return;
    m_stickToBottom = true;
    if (isRoom()) {
        if (m_room.left || content.text.trimmed().isEmpty())
            return;
        m_messenger->sendToRoom(m_key.roomId, content.text);
        m_input->clear();
        return;
    }
    m_messenger->sendMessage({m_peerId}, content.text, m_seal->isChecked(), content.pictures);
    m_input->clear();
    // Sealing is for one message, as in IP Messenger's per-message checkbox.
    m_seal->setChecked(false);
}

bool ChatPage::checkLength()
{
    const QString text = m_input->text();
    // A group chat's message must fit every member online: the tightest one says.
    QString whom = title();
    Messenger::TextFit fit;
    if (isRoom()) {
        fit.limit = std::numeric_limits<int>::max();
        for (const RoomMember &m : std::as_const(m_room.members)) {
            const Peer *p = peerOf(m);
            if (!p)
                continue;
            const Messenger::TextFit one = m_messenger->fit(p->id, text);
            if (!one.fits() && fit.fits()) {
                fit = one;
                whom = p->displayName();
            }
        }
    } else {
        fit = m_messenger->fit(m_peerId, text);
    }
    m_warning->setVisible(!fit.fits());
    if (!fit.fits()) {
        const QLocale locale;
        m_warning->setText(tr("Too long for %1: %2 bytes, at most %3 fit in one message. "
                              "Shorten it, or send it as a file.")
                               .arg(whom, locale.toString(fit.bytes), locale.toString(fit.limit)));
    }
    return fit.fits();
}

void ChatPage::sendText(const QString &text, bool sealed)
{
    m_stickToBottom = true;
    if (isRoom())
        m_messenger->sendToRoom(m_key.roomId, text);
    else
        m_messenger->sendMessage({m_peerId}, text, sealed);
}

QString ChatPage::draft() const
{
    // A draft keeps its words; its pictures are not kept with it.
    return m_input->toPlainText().remove(QChar::ObjectReplacementCharacter);
}

bool ChatPage::retry(const QString &messageId)
{
    // One row stands for a message to every member: sending again is one-to-one only.
    if (isRoom())
        return false;
    // Its words are only the offer's note: sending them again would offer no file.
    if (m_sent.contains(messageId))
        return false;
    const int row = m_model->rowOf(messageId);
    if (row < 0 || !m_model->index(row).data(ConversationModel::RetriableRole).toBool())
        return false;
    const ChatMessage &failed = m_model->at(row);
    const QString text = failed.text;
    const bool sealed = failed.sealed;
    m_model->setState(messageId, DeliveryState::Sending, {}, Failure::None);
    m_messenger->resendMessage(messageId, m_peerId, text, sealed);
    return true;
}

bool ChatPage::openSealed(const QString &messageId)
{
    if (!m_model->open(messageId))
        return false;
    m_messenger->markRead(messageId);
    return true;
}

void ChatPage::addMessage(const ChatMessage &message)
{
    // The wordless message that carries an offer: the offer card or note stands for it. One
    // that could not be decrypted has no words either, and its warning must show.
    if (message.text.isEmpty() && message.pictures.isEmpty() &&
        message.authenticity != Authenticity::Unverified)
        return;
    m_model->addOrUpdate(message);
    // Its sender may be a member known so far only by login.
    if (isRoom() && message.direction == Direction::Incoming)
        refreshRoom();
    // One row per member it went to: the bubble counts them.
    if (isRoom() && message.direction == Direction::Outgoing && message.notice.isNull()) {
        RoomSend &send = m_roomSends[message.id];
        send.names.insert(message.peerId, message.peerNick);
        if (!send.states.contains(message.peerId) ||
            send.states.value(message.peerId) == DeliveryState::Sending)
            send.states.insert(message.peerId, message.state);
        showRoomSend(message.id);
    }
}

void ChatPage::setState(const QString &messageId, DeliveryState state, const QString &error)
{
    // An offer's carrier message: its bubble shows the offer (see the page's own handler).
    if (m_sent.contains(messageId))
        return;
    m_model->setState(messageId, state, error);
}

void ChatPage::addHistory(qint64, const QList<ChatMessage> &messages, bool more)
{
    QScrollBar *bar = m_view->verticalScrollBar();
    const int fromBottom = bar->maximum() - bar->value();
    addPage(messages, more);
    if (isRoom())
        refreshRoom();
    // Keep the message the user was reading where it was.
    if (!m_stickToBottom)
        bar->setValue(bar->maximum() - fromBottom);
    if (!m_jumpTo.isEmpty())
        finishJump();
}

OfferCard *ChatPage::addOffer(const FileOffer &offer)
{
    if (OfferCard *existing = m_offers.value(offer.id()))
        return existing;
    auto *card = new OfferCard(offer, m_messenger, this);
    m_offersBox->addWidget(card);
    m_offers.insert(offer.id(), card);
    // After the layout shows the new card, or it counts for nothing.
    scheduleFitOffers();
    connect(card, &OfferCard::dismissed, this, [this, card] {
        m_offers.remove(card->offerId());
        card->hide();
        card->deleteLater();
        scheduleFitOffers();
    });
    return card;
}

QString ChatPage::offerPaths(const QStringList &paths)
{
    if (paths.isEmpty() || isRoom())
        return {};
    const QString id = m_messenger->offerFiles({m_peerId}, paths);
    QList<OfferedPath> items;
    bool sized = true;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        OfferedPath item{info.absoluteFilePath(), info.isDir(), 0};
        // A folder's size would take a walk through it on the GUI thread.
        if (info.isFile())
            item.size = quint64(info.size());
        else
            sized = false;
        items.append(item);
    }
    ChatMessage note;
    note.id = id;
    note.peerId = m_peerId;
    note.direction = Direction::Outgoing;
    // Whom a queued offer waits for.
    note.peerNick = title();
    // Not a message: its bubble shows the offer's state, not a delivery state.
    note.state = DeliveryState::Received;
    note.text = offerNote(items, sized);
    note.timestampMs = QDateTime::currentMSecsSinceEpoch();
    m_stickToBottom = true;
    m_model->addOrUpdate(note);
    m_model->setFileState(id, ConversationModel::FileState::Offered, 0);
    m_sent.insert(id, sentOffer(items, sized));
    m_sentOrder.append(id);
    return id;
}

QString ChatPage::offerNote(const QList<OfferedPath> &items, bool sized)
{
    return sentOfferText(sentOffer(items, sized));
}

ChatPage::SentOffer ChatPage::sentOffer(const QList<OfferedPath> &items, bool sized)
{
    SentOffer sent;
    sent.sized = sized;
    sent.folders = !items.isEmpty();
    for (const OfferedPath &item : items) {
        sent.names << QFileInfo(item.path).fileName();
        sent.size += item.size;
        sent.folders = sent.folders && item.isDir;
    }
    return sent;
}

void ChatPage::addPage(QList<ChatMessage> messages, bool more)
{
    // Our offers that history names the files of: each shows as the bubble it had when made.
    QList<int> offers;
    for (int i = 0; i < messages.size(); ++i) {
        ChatMessage &m = messages[i];
        if (m.offered.isEmpty() || !m.text.isEmpty() || isRoom() || m_sent.contains(m.id) ||
            m_model->rowOf(m.id) >= 0)
            continue;
        m.text = offerNote(m.offered, true);
        // Whom a queued offer waits for: named by its row, as a queued text is.
        if (m.peerNick.isEmpty())
            m.peerNick = title();
        offers.append(i);
    }
    m_model->addOlder(messages, more);
    // Older than any offer this page knows: uploads match the newest first.
    for (auto it = offers.crbegin(); it != offers.crend(); ++it)
        restoreSentOffer(messages.at(*it));
    for (const ChatMessage &m : std::as_const(messages)) {
        if (m.deliveries.isEmpty() || m_roomSends.contains(m.id))
            continue;
        RoomSend &send = m_roomSends[m.id];
        for (const MemberDelivery &d : m.deliveries) {
            send.names.insert(d.peerId, d.nick);
            send.states.insert(d.peerId, d.state);
            if (d.state == DeliveryState::Failed || d.state == DeliveryState::Expired) {
                send.error = d.error;
                send.failure = d.failure;
            }
        }
        showRoomSend(m.id);
    }
}

void ChatPage::restoreSentOffer(const ChatMessage &carrier)
{
    const QString &id = carrier.id;
    m_sent.insert(id, sentOffer(carrier.offered, true));
    m_sentOrder.prepend(id);
    switch (carrier.state) {
    case DeliveryState::Queued:
    case DeliveryState::Expired:
        sentOfferStateChanged(id, carrier.state, carrier.error, carrier.failure);
        return;
    case DeliveryState::Failed:
        m_sent[id].failure = carrier.failure;
        // Cancelled by us is ours, not a failure, after a restart as before it.
        if (carrier.failure == Failure::Cancelled) {
            endSentOffer(id, OfferOutcome::Cancelled, {});
            return;
        }
        endSentOffer(id, OfferOutcome::Released,
                     carrier.error.isEmpty() ? tr("not sent") : carrier.error);
        return;
    case DeliveryState::Sending:
    case DeliveryState::Delivered:
    case DeliveryState::Read:
    case DeliveryState::Received:
        // It reached them: whether they fetched it is not history's to say, so the bubble
        // shows what it shows for any message of ours that arrived.
        return;
    }
}

QString ChatPage::sentOfferText(const SentOffer &sent)
{
    const QString names = sent.names.join(QStringLiteral(", "));
    if (!sent.sized)
        return sent.folders ? tr("📁 %1").arg(names) : tr("📎 %1").arg(names);
    const QString size = QLocale().formattedDataSize(qint64(sent.size));
    return sent.folders ? tr("📁 %1 (%2)").arg(names, size) : tr("📎 %1 (%2)").arg(names, size);
}

void ChatPage::trackUploads(int firstRow, int lastRow, bool inserted)
{
    if (m_sent.isEmpty())
        return;
    TransferModel *transfers = m_messenger->transferModel();
    const QString address = Peer::addressOfId(m_peerId);
    QSet<QString> touched;
    for (int row = firstRow; row <= lastRow; ++row) {
        const auto id = transfers->index(row).data(TransferModel::IdRole).value<TransferId>();
        const TransferModel::Transfer *t = transfers->find(id);
        if (!t || t->direction != TransferModel::Direction::Upload)
            continue;
        if (!inserted) {
            for (auto it = m_sent.cbegin(); it != m_sent.cend(); ++it) {
                if (it->transferIds.contains(id))
                    touched.insert(it.key());
            }
            continue;
        }
        if (t->peer != title() && t->peer != address)
            continue;
        for (auto it = m_sentOrder.crbegin(); it != m_sentOrder.crend(); ++it) {
            SentOffer &sent = m_sent[*it];
            if (!sent.ended && sent.names.contains(t->name)) {
                sent.transferIds << id;
                touched.insert(*it);
                break;
            }
        }
    }
    for (const QString &offerId : std::as_const(touched))
        showSentOffer(offerId);
}

void ChatPage::showSentOffer(const QString &offerId)
{
    const SentOffer &sent = m_sent[offerId];
    if (sent.ended)
        return;
    using FileState = ConversationModel::FileState;
    quint64 done = 0;
    quint64 size = 0;
    bool running = false;
    QString error;
    for (const TransferId &id : sent.transferIds) {
        const TransferModel::Transfer *t = m_messenger->transferModel()->find(id);
        if (!t)
            continue;
        done += t->done;
        size += t->size;
        if (t->state == TransferModel::State::Waiting || t->state == TransferModel::State::Active)
            running = true;
        else if (t->state == TransferModel::State::Failed)
            error = t->error;
    }
    const quint64 whole = std::max<quint64>({sent.size, size, 1});
    const int percent = int(std::min<quint64>(100, done * 100 / whole));
    if (sent.transferIds.isEmpty())
        m_model->setFileState(offerId, FileState::Offered, 0);
    // A failed fetch may be retried by the peer: it shows as failed until it moves again.
    else if (!running && !error.isEmpty())
        m_model->setFileState(offerId, FileState::Failed, percent, error);
    else
        m_model->setFileState(offerId, FileState::Sending, percent);
}

void ChatPage::sentOfferStateChanged(const QString &offerId, DeliveryState state,
                                     const QString &error, Failure failure)
{
    using FileState = ConversationModel::FileState;
    // The card's state is the offer's, except while it waits for its person or expired there
    // (the delivery state then says so, and "Cancel sending" takes it out of the queue).
    if (state == DeliveryState::Queued || state == DeliveryState::Expired) {
        m_model->setState(offerId, state, error, failure);
        m_model->setFileState(
            offerId, state == DeliveryState::Queued ? FileState::Queued : FileState::None, 0);
        if (state == DeliveryState::Expired)
            m_sent[offerId].ended = true;
        return;
    }
    const QModelIndex row = m_model->index(m_model->rowOf(offerId));
    if (FileState(row.data(ConversationModel::FileStateRole).toInt()) != FileState::Queued)
        return;
    // It went when its person came back: an offer like any other from now on.
    m_model->setState(offerId, DeliveryState::Received, {});
    showSentOffer(offerId);
}

void ChatPage::endSentOffer(const QString &offerId, OfferOutcome outcome, const QString &error)
{
    const auto it = m_sent.find(offerId);
    if (it == m_sent.end())
        return;
    using FileState = ConversationModel::FileState;
    if (!error.isEmpty()) {
        it->ended = true;
        // Out of the queue for good: the failure is the bubble's whole state, and nothing is
        // left to cancel.
        m_model->setState(offerId, DeliveryState::Received, {}, Failure::None);
        // The offer's own message failed: said in the UI's language, as its kind tells.
        const QString why = BubbleDelegate::failureText(it->failure, plainTextRefused());
        m_model->setFileState(offerId, FileState::Failed, 0, why.isEmpty() ? error : why);
        return;
    }
    showSentOffer(offerId);
    it->ended = true;
    switch (outcome) {
    case OfferOutcome::Fetched:
        m_model->setFileState(offerId, FileState::Done, 100);
        return;
    case OfferOutcome::Cancelled:
        m_model->setFileState(
            offerId, FileState::Cancelled,
            m_model->index(m_model->rowOf(offerId)).data(ConversationModel::ProgressRole).toInt());
        return;
    case OfferOutcome::Released:
        break;
    }
    if (it->transferIds.isEmpty())
        m_model->setFileState(offerId, FileState::Declined, 0);
    else
        m_model->setFileState(
            offerId, FileState::Failed,
            m_model->index(m_model->rowOf(offerId)).data(ConversationModel::ProgressRole).toInt(),
            tr("%1 stopped fetching it").arg(title()));
}

void ChatPage::scheduleFitOffers()
{
    if (m_fitPending)
        return;
    m_fitPending = true;
    // After the layouts have settled, once for a burst of changes.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_fitPending = false;
            fitOffers();
        },
        Qt::QueuedConnection);
}

void ChatPage::fitOffers()
{
    m_offersArea->setVisible(!m_offers.isEmpty());
    if (m_offers.isEmpty())
        return;
    // Wrapped lines make a card's height depend on its width, which sizeHint() ignores: a card
    // measured that way lost its buttons under the strip's edge.
    const QMargins margins = m_offersBox->contentsMargins();
    const bool several = m_offers.size() > 1;
    const int bar = several ? m_offersArea->style()->pixelMetric(QStyle::PM_ScrollBarExtent,
                                                                 nullptr, m_offersArea)
                            : 0;
    const int width = std::max(100, m_offersArea->width() - margins.left() - margins.right() - bar);
    int whole = margins.top() + margins.bottom();
    int tallest = 0;
    for (int i = 0; i < m_offersBox->count(); ++i) {
        QWidget *card = m_offersBox->itemAt(i)->widget();
        if (!card || card->isHidden())
            continue;
        const int height = std::max(card->minimumSizeHint().height(),
                                    card->hasHeightForWidth() ? card->heightForWidth(width)
                                                              : card->sizeHint().height());
        whole += height + (whole > margins.top() + margins.bottom() ? m_offersBox->spacing() : 0);
        tallest = std::max(tallest, height);
    }
    // One card always shows whole; only several scroll, and never in less than one card's room.
    const int one = tallest + margins.top() + margins.bottom();
    m_offersArea->setFixedHeight(std::min(whole, std::max(MaxOffersHeight, one)));
}

void ChatPage::relayoutBubbles()
{
    m_relayoutPending = false;
    const int width = m_view->viewport()->width();
    if (width == m_laidOutWidth)
        return;
    // A layout may show or hide the scroll bar, which changes the width again; back at the
    // width before, the content fits either way, and flipping on would never end.
    if (width == m_previousWidth && m_relayoutClock.isValid() && !m_relayoutClock.hasExpired(250))
        return;
    m_previousWidth = m_laidOutWidth;
    m_laidOutWidth = width;
    m_relayoutClock.start();
    m_view->doItemsLayout();
}

bool ChatPage::eventFilter(QObject *watched, QEvent *event)
{
    // QListView lays its rows out again only when its height changes, but a bubble's height
    // follows the width: rows measured at another width overlapped or left gaps, and the
    // end of a long message could not be scrolled to.
    if (watched == m_header && event->type() == QEvent::Resize)
        elideHeader();
    if (watched == m_view->viewport() && event->type() == QEvent::Resize &&
        static_cast<QResizeEvent *>(event)->size().width() != m_laidOutWidth &&
        !m_relayoutPending) {
        m_relayoutPending = true;
        QMetaObject::invokeMethod(this, &ChatPage::relayoutBubbles, Qt::QueuedConnection);
    }
    // Down from the search box walks into its results: the first, or the one after the result
    // last looked at, as Down walks on in the list itself.
    if (watched == m_search && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down && m_found &&
        m_foundView->isVisible() && m_found->rowCount() > 0) {
        const QModelIndex current = m_foundView->currentIndex();
        const int row = current.isValid() && current.model() == m_found
                            ? std::min(current.row() + 1, m_found->rowCount() - 1)
                            : 0;
        m_foundView->setFocus(Qt::TabFocusReason);
        m_foundView->setCurrentIndex(m_found->index(row));
        m_foundView->scrollTo(m_found->index(row));
        return true;
    }
    if (watched == m_offersArea->widget() && event->type() == QEvent::LayoutRequest)
        scheduleFitOffers();
    else if (watched == m_offersArea && event->type() == QEvent::Resize &&
             static_cast<QResizeEvent *>(event)->oldSize().width() !=
                 static_cast<QResizeEvent *>(event)->size().width())
        scheduleFitOffers();
    return QWidget::eventFilter(watched, event);
}

void ChatPage::showMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    const QString id = index.data(ConversationModel::IdRole).toString();
    QMenu menu(this);
    const auto file =
        ConversationModel::FileState(index.data(ConversationModel::FileStateRole).toInt());
    if (index.data(ConversationModel::ClosedRole).toBool())
        menu.addAction(tr("Open sealed message"), this, [this, id] { openSealed(id); });
    // A file bubble's words are only the names the offer made for it: nothing to copy.
    else if (file == ConversationModel::FileState::None)
        menu.addAction(tr("Copy text"), this, [index] {
            QGuiApplication::clipboard()->setText(
                index.data(ConversationModel::TextRole).toString());
        });
    if (index.data(ConversationModel::RetriableRole).toBool() && !m_sent.contains(id))
        menu.addAction(tr("Send again"), this, [this, id] { retry(id); });
    if (file == ConversationModel::FileState::Offered ||
        file == ConversationModel::FileState::Sending)
        menu.addAction(tr("Cancel sending"), this, [this, id] { m_messenger->cancelOffer(id); });
    if (!isRoom() && index.data(ConversationModel::OutgoingRole).toBool() &&
        DeliveryState(index.data(ConversationModel::StateRole).toInt()) == DeliveryState::Queued)
        menu.addAction(tr("Cancel sending"), this,
                       [this, id] { m_messenger->cancelQueued(id, m_peerId); });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

QStringList ChatPage::choosePathsToSend(QWidget *parent, bool folder)
{
    if (!folder)
        return QFileDialog::getOpenFileNames(parent, tr("Send files"));
    const QString dir = QFileDialog::getExistingDirectory(parent, tr("Send a folder"));
    return dir.isEmpty() ? QStringList() : QStringList{dir};
}

void ChatPage::chooseFiles(bool folders)
{
    offerPaths(choosePathsToSend(this, folders));
}

void ChatPage::choosePictures()
{
    const QStringList paths =
        QFileDialog::getOpenFileNames(this, tr("Put pictures in the message"), {},
                                      tr("Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)"));
    for (const QString &path : paths)
        m_input->insertPictureFile(path);
    m_input->setFocus();
}

void ChatPage::takeScreenshot()
{
    if (m_screenshot)
        return;
    m_screenshot = new ScreenshotTool(m_hideForScreenshot->isChecked(), this);
    connect(m_screenshot, &ScreenshotTool::taken, this,
            [this](const QImage &image) { m_input->insertImage(image); });
    connect(m_screenshot, &ScreenshotTool::finished, this, [this] {
        window()->activateWindow();
        m_input->setFocus();
    });
    m_screenshot->start();
}

bool ChatPage::screenshotHidesWindows(const QString &profileDir)
{
    return QSettings(ProfileSettings(profileDir).settingsPath(), QSettings::IniFormat)
        .value(ScreenshotHidesWindowsKey)
        .toBool();
}

QToolButton *ChatPage::screenshotButton()
{
    auto *button = new QToolButton;
    button->setObjectName(QStringLiteral("screenshotButton"));
    button->setText(tr("✂ Screenshot"));
    button->setToolTip(tr("Drag out a region of the screen to put in the message (Ctrl+Alt+A)"));
    button->setPopupMode(QToolButton::MenuButtonPopup);
    auto *menu = new QMenu(button);
    m_hideForScreenshot = menu->addAction(tr("Hide LanPigeon's windows"));
    m_hideForScreenshot->setObjectName(QStringLiteral("hideForScreenshot"));
    m_hideForScreenshot->setCheckable(true);
    const QString settings = ProfileSettings(m_messenger->config().profileDir).settingsPath();
    m_hideForScreenshot->setChecked(screenshotHidesWindows(m_messenger->config().profileDir));
    connect(m_hideForScreenshot, &QAction::toggled, this, [settings](bool on) {
        QSettings(settings, QSettings::IniFormat).setValue(ScreenshotHidesWindowsKey, on);
    });
    button->setMenu(menu);
    connect(button, &QToolButton::clicked, this, &ChatPage::takeScreenshot);
    // While LanPigeon has the focus, as in QQ (whose shortcut it is) but not system-wide.
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_A), this, nullptr,
                                   nullptr, Qt::WindowShortcut);
    connect(shortcut, &QShortcut::activated, this, &ChatPage::takeScreenshot);
    return button;
}

QToolButton *ChatPage::emojiButton()
{
    auto *button = new QToolButton;
    button->setText(QStringLiteral("😊"));
    button->setToolTip(tr("Emoji"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(button);
    auto *grid = new QWidget;
    auto *layout = new QGridLayout(grid);
    layout->setSpacing(2);
    int i = 0;
    for (const char *e : Emoji) {
        auto *b = new QToolButton;
        b->setText(QString::fromUtf8(e));
        b->setAutoRaise(true);
        b->setFixedSize(30, 30);
        connect(b, &QToolButton::clicked, this, [this, menu, e] {
            m_input->insertPlainText(QString::fromUtf8(e));
            menu->close();
            m_input->setFocus();
        });
        layout->addWidget(b, i / 10, i % 10);
        ++i;
    }
    auto *action = new QWidgetAction(menu);
    action->setDefaultWidget(grid);
    menu->addAction(action);
    button->setMenu(menu);
    return button;
}

void ChatPage::setRoom(const Room &room)
{
    if (!isRoom() || room.id != m_key.roomId)
        return;
    m_room = room;
    refreshRoom();
}

const Peer *ChatPage::peerOf(const RoomMember &member) const
{
    // A person may show at two addresses for a moment: the one heard from last.
    const Peer *best = nullptr;
    for (const Peer &p : m_messenger->peerModel()->peers()) {
        if (p.user == member.user && p.host == member.host &&
            (!best || p.lastSeenMs > best->lastSeenMs))
            best = m_messenger->peerModel()->find(p.id);
    }
    return best;
}

QWidget *ChatPage::buildMembersPanel()
{
    m_membersPanel = new QWidget;
    m_membersPanel->setObjectName(QStringLiteral("roomMembers"));
    m_membersTitle = new QLabel;
    m_members = new QListWidget;
    m_members->setObjectName(QStringLiteral("memberList"));
    m_members->setContextMenuPolicy(Qt::CustomContextMenu);
    m_members->setIconSize(QSize(20, 20));
    m_members->setFrameShape(QFrame::NoFrame);
    m_addMembers = new QPushButton(tr("Add members…"));
    m_addMembers->setObjectName(QStringLiteral("addMembers"));
    m_leave = new QPushButton(tr("Leave group chat"));
    m_leave->setObjectName(QStringLiteral("leaveRoom"));
    auto *layout = new QVBoxLayout(m_membersPanel);
    layout->setContentsMargins(6, 0, 0, 0);
    layout->addWidget(m_membersTitle);
    layout->addWidget(m_members, 1);
    layout->addWidget(m_addMembers);
    layout->addWidget(m_leave);
    m_membersPanel->setMinimumWidth(140);
    m_membersPanel->setMaximumWidth(240);
    connect(m_addMembers, &QPushButton::clicked, this, &ChatPage::askAddMembers);
    connect(m_leave, &QPushButton::clicked, this, &ChatPage::askLeave);
    connect(m_members, &QWidget::customContextMenuRequested, this, &ChatPage::showMemberMenu);
    return m_membersPanel;
}

void ChatPage::refreshRoom()
{
    const QColor dim =
        theme::dimText(m_header->palette(), m_header->palette().color(QPalette::Window));
    int online = 0;
    struct Row
    {
        QString name;
        RoomMember member;
        bool online = false;
        bool us = false;
    };
    QList<Row> rows;
    const NodeConfig &me = m_messenger->config();
    // A member offline goes by the nick the buddies table saw last, else by the name its last
    // words here carried (they may be years old), not its login.
    QHash<QString, QString> said;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const ChatMessage &m = m_model->at(i);
        if (m.direction == Direction::Incoming && !m.person.isEmpty() && !m.peerNick.isEmpty())
            said.insert(m.person, m.peerNick);
    }
    for (auto it = m_buddyNames.cbegin(); it != m_buddyNames.cend(); ++it)
        said.insert(it.key(), it.value());
    for (const RoomMember &m : std::as_const(m_room.members)) {
        Row row;
        row.member = m;
        row.us = m.user == me.user && m.host == me.host;
        const Peer *p = row.us ? nullptr : peerOf(m);
        row.online = row.us || p;
        row.name = row.us ? tr("%1 (you)").arg(me.nick.isEmpty() ? me.user : me.nick)
                   : p    ? p->displayName()
                          : said.value(crypto::KeyRing::peerKeyId(m.user, m.host), m.user);
        online += row.online ? 1 : 0;
        rows.append(row);
    }
    const int count = int(m_room.members.size());
    setHeader(m_room.left ? tr("<b>%1</b> <span style='color:%2'>— %3</span>")
                                .arg(title().toHtmlEscaped(), dim.name(),
                                     RoomListModel::outText(m_room).toHtmlEscaped())
                          : tr("<b>%1</b> <span style='color:%3'>· %n member(s), %2 online</span>",
                               nullptr, count)
                                .arg(title().toHtmlEscaped())
                                .arg(online)
                                .arg(dim.name()));
    if (!m_members)
        return;
    // Online first, then by name, as QQ's member list.
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        if (a.online != b.online)
            return a.online;
        return a.name.localeAwareCompare(b.name) < 0;
    });
    m_members->clear();
    for (const Row &row : std::as_const(rows)) {
        auto *item =
            new QListWidgetItem(QIcon(avatarFor(row.name, 20, row.online)), row.name, m_members);
        item->setData(MemberUserRole, row.member.user);
        item->setData(MemberHostRole, row.member.host);
        const QString where = row.member.user + QLatin1Char('@') + row.member.host;
        item->setToolTip(row.online ? where : tr("%1 (offline)").arg(where));
        if (!row.online)
            item->setForeground(dim);
    }
    m_membersTitle->setText(tr("Members (%1/%2)").arg(online).arg(count));
    m_addMembers->setEnabled(!m_room.left);
    m_leave->setEnabled(!m_room.left);
    // With nobody else in it, what is written would go nowhere: the input says so instead of
    // taking words it could not deliver. A room knows a person by login and computer name, so
    // someone who shares ours cannot be told apart from us and is never a member.
    const bool alone = !m_room.members.isEmpty() &&
                       std::all_of(rows.cbegin(), rows.cend(), [](const Row &r) { return r.us; });
    m_input->setEnabled(!m_room.left && !alone);
    m_send->setEnabled(!m_room.left && !alone);
    m_emoji->setEnabled(!m_room.left && !alone);
    m_input->setPlaceholderText(
        m_room.left ? RoomListModel::outText(m_room) + QLatin1Char('.')
        : alone     ? tr("Nobody else is in this group chat: add members to write to it. People "
                             "who share your login and computer name (%1@%2) cannot be members.")
                      .arg(me.user, me.host)
                // Words and emoji only: pictures and files stay one-to-one.
                : tr("Type a message to everyone in the group chat (words and emoji)"));
}

void ChatPage::setHeader(const QString &html)
{
    m_headerHtml = html;
    elideHeader();
}

void ChatPage::elideHeader()
{
    QTextDocument doc;
    doc.setDefaultFont(m_header->font());
    doc.setDocumentMargin(0);
    doc.setHtml(m_headerHtml);
    const qreal room = m_header->contentsRect().width();
    if (doc.size().width() <= room) {
        m_header->setText(m_headerHtml);
        m_header->setToolTip({});
        return;
    }
    const QString whole = doc.toPlainText();
    // The longest start of the text that fits with "…" after it, in its own colours and weight.
    int fits = 0;
    int over = int(whole.size());
    while (over - fits > 1) {
        const int mid = (fits + over) / 2;
        QTextDocument cut;
        cut.setDefaultFont(m_header->font());
        cut.setDocumentMargin(0);
        cut.setHtml(m_headerHtml);
        QTextCursor cursor(&cut);
        cursor.setPosition(mid);
        cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
        cursor.insertText(QStringLiteral("…"));
        (cut.size().width() <= room ? fits : over) = mid;
    }
    QTextCursor cursor(&doc);
    cursor.setPosition(fits);
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.insertText(QStringLiteral("…"));
    m_header->setText(doc.toHtml());
    m_header->setToolTip(whole);
}

void ChatPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (!m_membersButton)
        return;
    // Crossing the width folds or unfolds the members; in between, the button decides.
    const bool wide = width() >= MembersFoldWidth;
    if (m_wide != wide) {
        m_wide = wide;
        m_membersButton->setChecked(wide);
    }
}

void ChatPage::showMemberMenu(const QPoint &pos)
{
    QListWidgetItem *item = m_members->itemAt(pos);
    if (!item || m_room.left)
        return;
    const QString user = item->data(MemberUserRole).toString();
    const QString host = item->data(MemberHostRole).toString();
    const NodeConfig &me = m_messenger->config();
    QMenu menu(this);
    if (user == me.user && host == me.host) {
        menu.addAction(tr("Leave group chat…"), this, &ChatPage::askLeave);
    } else {
        menu.addAction(tr("Remove from group chat"), this, [this, user, host] {
            m_messenger->removeRoomMember(m_key.roomId, user, host);
        });
    }
    menu.exec(m_members->viewport()->mapToGlobal(pos));
}

void ChatPage::askAddMembers()
{
    if (!isRoom() || m_room.left)
        return;
    RoomDialog dialog(m_messenger->peerModel(),
                      RoomMember{m_messenger->config().user, m_messenger->config().host, {}, 0},
                      m_room, this);
    if (dialog.exec() == QDialog::Accepted && !dialog.peerIds().isEmpty())
        m_messenger->addRoomMembers(m_key.roomId, dialog.peerIds());
}

void ChatPage::askLeave()
{
    if (!isRoom() || m_room.left)
        return;
    QMessageBox question(QMessageBox::Question, tr("Leave group chat"),
                         tr("Leave “%1”? You will get none of its messages until a member adds "
                            "you again. Its history stays.")
                             .arg(title()),
                         QMessageBox::Cancel, this);
    QPushButton *leave = question.addButton(tr("Leave"), QMessageBox::DestructiveRole);
    question.setDefaultButton(QMessageBox::Cancel);
    question.exec();
    if (question.clickedButton() == leave)
        m_messenger->leaveRoom(m_key.roomId);
}

void ChatPage::roomStateChanged(const QString &messageId, const QString &peerId,
                                DeliveryState state, const QString &error, Failure failure)
{
    if (m_model->rowOf(messageId) < 0)
        return;
    RoomSend &send = m_roomSends[messageId];
    send.states.insert(peerId, state);
    if (state == DeliveryState::Failed || state == DeliveryState::Expired) {
        send.error = error;
        send.failure = failure;
    }
    showRoomSend(messageId);
}

void ChatPage::showRoomSend(const QString &messageId)
{
    const RoomSend &send = m_roomSends[messageId];
    // Everyone it went to, named as they are now, else as the row named them.
    const auto nameOf = [&](const QString &peerId) {
        if (const Peer *p = m_messenger->peerModel()->find(peerId))
            return p->displayName();
        return send.names.value(peerId, peerId);
    };
    int delivered = 0;
    int failed = 0;
    QStringList queued;
    QStringList lines;
    for (auto it = send.states.cbegin(); it != send.states.cend(); ++it) {
        QString what;
        switch (it.value()) {
        case DeliveryState::Delivered:
        case DeliveryState::Read:
            ++delivered;
            what = tr("delivered");
            break;
        case DeliveryState::Failed:
        case DeliveryState::Expired:
            ++failed;
            what = tr("not delivered");
            break;
        case DeliveryState::Queued:
            queued.append(nameOf(it.key()));
            what = tr("queued until they are back");
            break;
        case DeliveryState::Sending:
        case DeliveryState::Received:
            what = tr("sending…");
            break;
        }
        lines.append(tr("%1: %2").arg(nameOf(it.key()), what));
    }
    const auto byName = [](const QString &a, const QString &b) {
        return a.localeAwareCompare(b) < 0;
    };
    std::sort(queued.begin(), queued.end(), byName);
    std::sort(lines.begin(), lines.end(), byName);
    // Members it has not reached a row for yet count too: it is to all of them.
    const int total = std::max(int(send.states.size()), int(m_room.members.size()) - 1);
    QString text;
    DeliveryState shown = DeliveryState::Sending;
    if (total > 0 && delivered == total) {
        text = total == 1 ? tr("✓ delivered") : tr("✓ delivered to all %n", nullptr, total);
        shown = DeliveryState::Delivered;
    } else if (total > 0 && failed == total) {
        shown = DeliveryState::Failed;
    } else if (delivered > 0) {
        // Who it still waits for is said in the bubble, not only in its tooltip.
        const QString of = QString::number(delivered);
        const QString all = QString::number(total);
        if (queued.isEmpty())
            text = tr("Delivered to %1 of %2").arg(of, all);
        else if (queued.size() == 1)
            text = tr("Delivered to %1 of %2 · queued for %3").arg(of, all, queued.first());
        else
            text = tr("Delivered to %1 of %2 · queued for %3 and %n more", nullptr,
                      int(queued.size()) - 1)
                       .arg(of, all, queued.first());
        shown = DeliveryState::Delivered;
    } else if (!queued.isEmpty()) {
        text = queued.size() == 1 ? tr("Queued for %1").arg(queued.first())
                                  : tr("Queued for %1 and %n more", nullptr, int(queued.size()) - 1)
                                        .arg(queued.first());
        shown = DeliveryState::Queued;
    }
    m_model->setState(messageId, shown, shown == DeliveryState::Failed ? send.error : QString(),
                      shown == DeliveryState::Failed ? send.failure : Failure::None);
    m_model->setStatusText(messageId, text, lines.join(QLatin1Char('\n')));
}

} // namespace lanpigeon::ui
