// One conversation: the bubbles, offers waiting for an answer, and the input box.
#pragma once

#include "chatmessage.h"
#include "fileoffer.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QToolButton;
class QVBoxLayout;

namespace lanpigeon {
class ConversationModel;
class Messenger;
} // namespace lanpigeon

namespace lanpigeon::ui {

class MessageInput;
class OfferCard;

class ChatPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatPage)

public:
    static constexpr int PageSize = 50;

    ChatPage(Messenger *messenger, const QString &peerId, QWidget *parent = nullptr);
    ~ChatPage() override;

    QString peerId() const { return m_peerId; }
    QString title() const;
    ConversationModel *model() const { return m_model; }
    MessageInput *input() const { return m_input; }
    QListView *view() const { return m_view; }

    void addMessage(const ChatMessage &message);
    void setState(const QString &messageId, DeliveryState state, const QString &error);
    void addHistory(qint64 beforeRowId, const QList<ChatMessage> &messages, bool more);
    OfferCard *addOffer(const FileOffer &offer);
    OfferCard *offerCard(const QString &offerId) const { return m_offers.value(offerId); }
    void refreshPeer();
    // The name to show while the peer is offline: the one it had when last seen.
    void setKnownName(const QString &name)
    {
        m_peerName = name;
        refreshPeer();
    }
    void setMyAvatar(const QPixmap &avatar);
    // Finds text in this conversation's whole history; results show under the header.
    void search(const QString &text);
    void showSearchResults(const QString &text, const QList<ChatMessage> &messages);
    ConversationModel *searchResults() const { return m_found; }
    // Sends at once, bypassing the input box and its Sealed toggle.
    void sendText(const QString &text, bool sealed = false);
    void offerPaths(const QStringList &paths);
    // The input's unsent text.
    QString draft() const;
    // The "🔒" toggle: the next message goes sealed.
    QToolButton *sealButton() const { return m_seal; }
    QLineEdit *searchBox() const { return m_search; }
    // Under the input: why the text cannot be sent as it is (too long for the peer).
    QLabel *inputWarning() const { return m_warning; }
    // Sends a failed message again in its own bubble; false if retrying cannot help.
    bool retry(const QString &messageId);
    // Shows a sealed message's text and sends its sender the read receipt.
    bool openSealed(const QString &messageId);

private:
    void send();
    // Says under the input when its text is too long for the peer; true when it fits.
    bool checkLength();
    void chooseFiles(bool folders);
    QToolButton *emojiButton();

    Messenger *m_messenger;
    QString m_peerId;
    // The peer's name while it was last online: a chat keeps it when the peer leaves.
    QString m_peerName;
    ConversationModel *m_model;
    QLabel *m_header;
    QLineEdit *m_search;
    QLabel *m_searchState;
    QListView *m_foundView;
    ConversationModel *m_found = nullptr;
    QListView *m_view;
    QVBoxLayout *m_offersBox;
    MessageInput *m_input;
    QToolButton *m_seal;
    QLabel *m_warning;
    QHash<QString, OfferCard *> m_offers;
    bool m_stickToBottom = true;
};

} // namespace lanpigeon::ui
