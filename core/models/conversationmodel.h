// One conversation's messages, oldest first, loaded from history a page at a time as the view
// scrolls up; keyed by message id.
#pragma once

#include "messaging/chatmessage.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace lanpigeon {

// On the GUI thread, like every model: the methods that change it assert it.
class ConversationModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationModel)

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        TextRole,
        OutgoingRole,
        StateRole,
        ErrorRole,
        TimeRole,
        NickRole,
        SealedRole,
        AutoReplyRole,
        // Failure, as an int.
        FailureRole,
        // A failed message that sending again may deliver.
        RetriableRole,
        // A sealed message from the peer that the user has not opened: its text stays hidden.
        ClosedRole,
        // The first loaded message of its day: a day separator goes above it.
        DayBreakRole,
        // For files we offered: FileState as an int, percent fetched, why it failed.
        FileStateRole,
        ProgressRole,
        FileDetailRole,
        // The message's pictures, QList<ChatPicture> in position order.
        PicturesRole,
        // Crossed the network encrypted (or was sent so).
        EncryptedRole,
        // Authenticity and SecurityWarning, as ints.
        AuthenticityRole,
        WarningRole,
        // Where a search found its words in TextRole: QList<QPair<int, int>> (start, length).
        MatchesRole,
        // A group chat's change of members: a line across the conversation, not a bubble.
        NoticeRole,
        // What a group chat message of ours reached ("Delivered to 2 of 3"); empty otherwise,
        // and the bubble says its state as for one person.
        StatusTextRole,
    };
    // Where files we offered stand; None for every other row.
    enum class FileState
    {
        None,
        // Waits in the offline queue for the person to come back (StateRole says Queued).
        Queued,
        Offered,
        Sending,
        Done,
        // The peer released the offer without fetching it.
        Declined,
        Cancelled,
        Failed,
    };

    explicit ConversationModel(const QString &peerId, QObject *parent = nullptr);
    ~ConversationModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    // Not QAbstractItemModel's fetchMore(): views call that whenever the end of the list shows,
    // and a chat's end, the newest message, always shows. History is asked for from the top.
    bool canLoadOlder() const;
    void loadOlder();

    QString peerId() const { return m_peerId; }
    // Its person is at peerId now (Messenger::conversationMoved()); the rows stay.
    void setPeerId(const QString &peerId) { m_peerId = peerId; }
    // A page of older history, oldest first; more: history has older rows still.
    void addOlder(const QList<ChatMessage> &older, bool more);
    // A message sent or received now; one already shown is updated instead.
    void addOrUpdate(const ChatMessage &message);
    // A state change without a failure kind keeps the one known, if still failed.
    void setState(const QString &messageId, DeliveryState state, const QString &error);
    void setState(const QString &messageId, DeliveryState state, const QString &error,
                  Failure failure);
    // A files-offered row's progress (percent 0..100) and, when it failed, why.
    void setFileState(const QString &messageId, FileState state, int percent,
                      const QString &detail = {});
    // One picture of a message arrived or failed; index counts in position order.
    void setPicture(const QString &messageId, int pictureIndex, const ChatPicture &picture);
    // Empties it for good: the conversation's history was deleted.
    void clear();
    // A group chat message's status for its bubble, and each member's for its tooltip.
    void setStatusText(const QString &messageId, const QString &text, const QString &detail);
    // Marks where a search found its words in a message's text (see MatchesRole).
    void setMatches(const QString &messageId, const QList<QPair<int, int>> &ranges);
    // Shows a sealed message's text; false if it is not one waiting to be opened.
    bool open(const QString &messageId);
    int rowOf(const QString &messageId) const { return m_rows.value(messageId, -1); }
    const ChatMessage &at(int row) const { return m_messages.at(row); }

signals:
    // The view wants the page of history before this row id (0: the newest page).
    void olderWanted(qint64 beforeRowId);

private:
    void reindex();
    bool startsDay(int row) const;

    QString m_peerId;
    QList<ChatMessage> m_messages;
    QHash<QString, int> m_rows;
    struct FileNote
    {
        FileState state = FileState::None;
        int percent = 0;
        QString detail;
    };
    // Not history: an offer's progress lives only as long as this window.
    QHash<QString, FileNote> m_files;
    QHash<QString, QList<QPair<int, int>>> m_matches;
    // By message id: the line for the bubble and the one per member for the tooltip.
    QHash<QString, QPair<QString, QString>> m_statusTexts;
    bool m_more = true;
    bool m_loading = false;
};

} // namespace lanpigeon
