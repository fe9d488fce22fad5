// One conversation, with a peer or a group chat: the bubbles, offers waiting for an answer,
// the input box, and a group chat's members.
#pragma once

#include "files/fileoffer.h"
#include "messaging/chatkey.h"
#include "messaging/chatmessage.h"
#include "messenger.h"
#include "securitymark.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <optional>

class QAction;
class QFrame;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPushButton;
class QScrollArea;
class QTimer;
class QToolButton;
class QVBoxLayout;

namespace lanpigeon {
class ConversationModel;
} // namespace lanpigeon

namespace lanpigeon::ui {

class MessageInput;
class OfferCard;
class ScreenshotTool;
class SecurityDialog;

class ChatPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatPage)

public:
    static constexpr int PageSize = 50;
    // Several incoming offer cards scroll in a strip no taller than this, or than the tallest
    // card: one card always shows whole.
    static constexpr int MaxOffersHeight = 120;
    // A group chat's page narrower than this hides its members (the 👥 button shows them), so
    // the bubbles keep their width.
    static constexpr int MembersFoldWidth = 600;

    ChatPage(Messenger *messenger, const QString &peerId, QWidget *parent = nullptr);
    // A group chat's tab: sends to every member, and lists them at the side.
    ChatPage(Messenger *messenger, const Room &room, QWidget *parent = nullptr);
    ~ChatPage() override;

    // Empty for a group chat.
    QString peerId() const { return m_peerId; }
    ChatKey key() const { return m_key; }
    bool isRoom() const { return m_key.isRoom(); }
    // The group chat as last heard of; a default Room for a one-to-one chat.
    const Room &room() const { return m_room; }
    // The room changed (name, members, we left): the header, members and input follow.
    void setRoom(const Room &room);
    // A group chat's members, online first; each item's data holds user and host.
    QListWidget *members() const { return m_members; }
    QWidget *membersPanel() const { return m_membersPanel; }
    QToolButton *membersButton() const { return m_membersButton; }
    // Asks whom to add, among the buddies not in the room yet.
    void askAddMembers();
    // Asks first, then leaves: the tab stays, with its history, and sends no more.
    void askLeave();
    static constexpr int MemberUserRole = Qt::UserRole + 1;
    static constexpr int MemberHostRole = Qt::UserRole + 2;
    QString title() const;
    ConversationModel *model() const { return m_model; }
    MessageInput *input() const { return m_input; }
    QListView *view() const { return m_view; }

    void addMessage(const ChatMessage &message);
    void setState(const QString &messageId, DeliveryState state, const QString &error);
    void addHistory(qint64 beforeRowId, const QList<ChatMessage> &messages, bool more);
    OfferCard *addOffer(const FileOffer &offer);
    OfferCard *offerCard(const OfferId &offerId) const { return m_offers.value(offerId); }
    void refreshPeer();
    // Its person is at peerId now (Messenger::conversationMoved()): the page follows them,
    // bubbles and input as they are.
    void rebind(const QString &peerId);
    // The name to show while the peer is offline: the one it had when last seen.
    void setKnownName(const QString &name)
    {
        m_peerName = name;
        refreshPeer();
    }
    void setMyAvatar(const QPixmap &avatar);
    // Finds text in this conversation's whole history; results show under the header. Typing
    // in the search box searches after a pause (SearchPauseMs), Enter at once.
    void search(const QString &text);
    // Escape: closes the search (its results, or the message shown from them) and returns the
    // keyboard to the input; false if no search was open, so Escape may close the tab.
    bool leaveSearch();
    static constexpr int SearchPauseMs = 300;
    // How long "Chat exported" and "Deleted N messages" stay.
    static constexpr int BriefNoteMs = 6000;
    void showSearchResults(const QString &text, const QList<SearchHit> &hits);
    ConversationModel *searchResults() const { return m_found; }
    QListView *searchResultsView() const { return m_foundView; }
    // Leaves search and shows a found message in the conversation, with the page around it
    // loaded and its found words marked for a moment.
    void showInContext(const QModelIndex &found);
    // Writes the whole conversation to path (HTML for .html or .htm, else plain text), off the
    // GUI thread; the line under the header says when it is done. The "…" menu's Export asks
    // for the path first.
    void exportTo(const QString &path);
    // The file name Export offers, without its suffix: whom and where, so that two chats with
    // people of one name do not overwrite each other.
    QString defaultExportName() const;
    // What "Delete chat history…" asks, naming the messages it would keep from being sent.
    QString deleteQuestion() const;
    // Deletes the conversation from history and empties the page; the "…" menu's Delete asks
    // first.
    void deleteHistory();
    QToolButton *historyMenuButton() const { return m_historyMenu; }
    // The line under the header: search results, exports and deletions report there.
    QLabel *historyNote() const { return m_searchState; }
    // How long a message shown in context keeps its words marked.
    static constexpr int FoundMarkMs = 4000;
    // Sends at once, bypassing the input box and its Sealed toggle.
    void sendText(const QString &text, bool sealed = false);
    // Offers files and folders to the peer; they show as a bubble with their progress.
    // Returns the offer id.
    QString offerPaths(const QStringList &paths);
    // Asks which files, or which folder, to send; empty if the user cancelled.
    static QStringList choosePathsToSend(QWidget *parent, bool folder);
    // Freezes the screen to drag out a region that goes into the input as a picture.
    void takeScreenshot();
    // The screenshot button's "Hide LanPigeon's windows" choice, kept in the profile.
    static bool screenshotHidesWindows(const QString &profileDir);
    // The input's unsent text, without its pictures.
    QString draft() const;
    // The "✉" toggle: the next message goes sealed.
    QToolButton *sealButton() const { return m_seal; }
    QLineEdit *searchBox() const { return m_search; }
    QPushButton *sendButton() const { return m_send; }
    QToolButton *emojiButtonWidget() const { return m_emoji; }
    // Under the input: why the text cannot be sent as it is (too long for the peer).
    QLabel *inputWarning() const { return m_warning; }
    // The lock before the peer's name: closed, open, verified or a warning; opens the security
    // dialog. What it shows stays while the peer is offline.
    QToolButton *lockButton() const { return m_lock; }
    SecurityMark::Mark securityMark() const { return m_mark; }
    // The lock's words, for its tooltip and the tab's.
    QString securityText() const { return m_markText; }
    // "The key of X's login and computer name has changed", above the conversation until the
    // user verifies the new key.
    QFrame *keyBanner() const { return m_banner; }
    QLabel *keyBannerText() const { return m_bannerText; }
    // "X cannot encrypt; your setting refuses clear text", above the input while it is so.
    QFrame *plainTextRefusedNote() const { return m_refusedNote; }
    QLabel *plainTextRefusedText() const { return m_refusedText; }
    // The peer's encryption, fingerprints and "Mark as verified"; one dialog per page.
    SecurityDialog *showSecurity();
    // Sends a failed message again in its own bubble; false if retrying cannot help.
    bool retry(const QString &messageId);
    // Shows a sealed message's text and sends its sender the read receipt.
    bool openSealed(const QString &messageId);

signals:
    // The note's "Change in Settings…": the privacy settings are wanted.
    void privacySettingsWanted();

private:
    ChatPage(Messenger *messenger, const ChatKey &key, const Room &room, QWidget *parent);
    // The header, members and input of a group chat, from m_room and who is online.
    void refreshRoom();
    QWidget *buildMembersPanel();
    void showMemberMenu(const QPoint &pos);
    // The peer a member is while online, or null.
    const Peer *peerOf(const RoomMember &member) const;
    // A group chat's message was delivered to one member or failed for one.
    void roomStateChanged(const QString &messageId, const QString &peerId, DeliveryState state,
                          const QString &error, Failure failure);
    // The bubble's status from every member's: "Delivered to 2 of 3", "Queued for 小王".
    void showRoomSend(const QString &messageId);
    // "Only send to peers who can encrypt" is on and the peer, as last seen, cannot.
    bool plainTextRefused() const;
    void send();
    // Says under the input when its text is too long for the peer; true when it fits.
    bool checkLength();
    void showMenu(const QPoint &pos);
    bool eventFilter(QObject *watched, QEvent *event) override;
    // The header's text, cut with "…" to the width it has (the whole of it in its tooltip).
    void setHeader(const QString &html);
    void elideHeader();
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    // The lists' backgrounds from the palette, again whenever the palette changes.
    void applyPalette();
    // The key-changed banner in the warning's colours, from the palette.
    void applyBannerPalette();
    void fitOffers();
    void scheduleFitOffers();
    // Lays the bubbles out again for the view's width, if that changed.
    void relayoutBubbles();
    // Ties new uploads in the transfer model to our offers and shows their progress.
    void trackUploads(int firstRow, int lastRow, bool inserted);
    void showSentOffer(const QString &offerId);
    // A page from history, oldest first: our offers in it show their files and state, our
    // group chat messages what they reached, as when they were sent.
    void addPage(QList<ChatMessage> messages, bool more);
    // The bubble of an offer of ours loaded from history takes the state the live one had.
    void restoreSentOffer(const ChatMessage &carrier);
    // What an offer's bubble says: "📎 plan.txt, photos/ (1.2 MB)"; the size only if sized.
    static QString offerNote(const QList<OfferedPath> &items, bool sized);
    // error: the offer could not be made or its message not delivered.
    void endSentOffer(const QString &offerId, OfferOutcome outcome, const QString &error);
    // A delivery state other than Failed of the message carrying our offer offerId.
    void sentOfferStateChanged(const QString &offerId, DeliveryState state, const QString &error,
                               Failure failure);
    void chooseFiles(bool folders);
    void choosePictures();
    void chooseExportPath();
    void confirmDeleteHistory();
    // What the line under the header says once an export or a deletion is done.
    void exported(const QString &path, const QString &error);
    void historyDeleted(int removed);
    // The message showInContext() waits for is loaded: scroll to it and mark it.
    void finishJump();
    // A line under the search box: a search's state stays, a done export or delete goes after
    // a while, as it needs no action.
    enum class NoteLife
    {
        Stays,
        Brief
    };
    void showNote(const QString &text, NoteLife life = NoteLife::Stays);
    QToolButton *emojiButton();
    QToolButton *screenshotButton();

    Messenger *m_messenger;
    ChatKey m_key;
    QString m_peerId;
    Room m_room;
    QWidget *m_membersPanel = nullptr;
    QToolButton *m_membersButton = nullptr;
    // Nick by person (user@host) as the buddies table last saw them: offline members' names.
    QHash<QString, QString> m_buddyNames;
    // Whether the page was last at least MembersFoldWidth wide; unset before its first size.
    std::optional<bool> m_wide;
    QLabel *m_membersTitle = nullptr;
    QListWidget *m_members = nullptr;
    QPushButton *m_addMembers = nullptr;
    QPushButton *m_leave = nullptr;
    // Our group chat messages: where each stands for each member it went to, by peer id.
    struct RoomSend
    {
        QHash<QString, DeliveryState> states;
        QHash<QString, QString> names;
        QString error;
        Failure failure = Failure::None;
    };
    QHash<QString, RoomSend> m_roomSends;
    // The peer's name while it was last online: a chat keeps it when the peer leaves.
    QString m_peerName;
    ConversationModel *m_model;
    QLabel *m_header;
    QString m_headerHtml;
    QToolButton *m_lock;
    SecurityMark::Mark m_mark = SecurityMark::Mark::Open;
    QString m_markText;
    QFrame *m_banner;
    QLabel *m_bannerIcon;
    QLabel *m_bannerText;
    QFrame *m_refusedNote;
    QLabel *m_refusedText;
    QPointer<SecurityDialog> m_security;
    // The peer as last seen online, for the security dialog while it is away.
    std::optional<Peer> m_lastSeen;
    QLineEdit *m_search;
    QLabel *m_searchState;
    QToolButton *m_historyMenu;
    QListView *m_foundView;
    ConversationModel *m_found = nullptr;
    // The found message showInContext() is bringing into the conversation, and its words.
    QString m_jumpTo;
    QList<QPair<int, int>> m_jumpRanges;
    QTimer *m_searchPause = nullptr;
    QTimer *m_noteExpiry = nullptr;
    QListView *m_view;
    QVBoxLayout *m_offersBox;
    QScrollArea *m_offersArea;
    MessageInput *m_input;
    QToolButton *m_emoji = nullptr;
    QToolButton *m_seal;
    QPushButton *m_send;
    QToolButton *m_fileButton;
    QToolButton *m_folderButton;
    QLabel *m_warning;
    QAction *m_hideForScreenshot = nullptr;
    QPointer<ScreenshotTool> m_screenshot;
    // Send was pressed while a picture was still being encoded.
    bool m_sendWhenReady = false;
    QHash<OfferId, OfferCard *> m_offers;
    struct SentOffer
    {
        // The top-level names offered, as uploads are named in the transfer model.
        QStringList names;
        quint64 size = 0;
        // Whether size is known: a folder's is counted on the network thread (filesOffered()).
        bool sized = true;
        // Only folders: the bubble shows 📁 rather than 📎.
        bool folders = false;
        QList<TransferId> transferIds;
        // Set once offerFinished() or offerFailed() told how it ended.
        bool ended = false;
        // Why the offer's message failed, when it did.
        Failure failure = Failure::None;
    };
    static SentOffer sentOffer(const QList<OfferedPath> &items, bool sized);
    // Newest last; uploads carry no offer id, so one is matched to the newest offer naming it.
    // The words of an offer's bubble: "📎 report.txt (11 bytes)", "📁 photos (2 MB)".
    static QString sentOfferText(const SentOffer &sent);
    QList<QString> m_sentOrder;
    QHash<QString, SentOffer> m_sent;
    bool m_stickToBottom = true;
    bool m_fitPending = false;
    bool m_relayoutPending = false;
    // The viewport width the bubbles were last laid out for, and the one before it.
    int m_laidOutWidth = -1;
    int m_previousWidth = -1;
    QElapsedTimer m_relayoutClock;
};

} // namespace lanpigeon::ui
