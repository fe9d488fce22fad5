#include "models/conversationmodel.h"

#include "common/threadcheck.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace lanpigeon {

ConversationModel::ConversationModel(const QString &peerId, QObject *parent)
    : QAbstractListModel(parent)
    , m_peerId(peerId)
{
}

ConversationModel::~ConversationModel() = default;

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_messages.size())
        return {};
    const ChatMessage &m = m_messages.at(index.row());
    const bool closed =
        m.sealed && m.direction == Direction::Incoming && m.state == DeliveryState::Received;
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        // A notice in the reader's language; its stored words are the sender's.
        if (!m.notice.isNull())
            return roomNoticeText(m.notice, m.direction == Direction::Outgoing);
        return closed && role == Qt::DisplayRole ? tr("✉ Sealed message — click to open") : m.text;
    case NoticeRole:
        return !m.notice.isNull();
    case Qt::ToolTipRole: {
        QString tip =
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(m.timestampMs), QLocale::LongFormat);
        if (const QString detail = m_statusTexts.value(m.id).second; !detail.isEmpty())
            tip += QLatin1Char('\n') + detail;
        else if (m.state == DeliveryState::Failed && !m.error.isEmpty())
            tip += QLatin1Char('\n') + m.error;
        return tip;
    }
    case StatusTextRole:
        return m_statusTexts.value(m.id).first;
    case FailureRole:
        return int(m.failure);
    case RetriableRole:
        return m.direction == Direction::Outgoing &&
               ((m.state == DeliveryState::Failed && isRetriable(m.failure)) ||
                m.state == DeliveryState::Expired);
    case ClosedRole:
        return closed;
    case DayBreakRole:
        return startsDay(index.row());
    case FileStateRole:
        return int(m_files.value(m.id).state);
    case ProgressRole:
        return m_files.value(m.id).percent;
    case FileDetailRole:
        return m_files.value(m.id).detail;
    case PicturesRole:
        return QVariant::fromValue(m.pictures);
    case EncryptedRole:
        return m.encrypted;
    case AuthenticityRole:
        return int(m.authenticity);
    case WarningRole:
        return int(m.warning);
    case MatchesRole:
        return QVariant::fromValue(m_matches.value(m.id));
    case IdRole:
        return m.id;
    case OutgoingRole:
        return m.direction == Direction::Outgoing;
    case StateRole:
        return int(m.state);
    case ErrorRole:
        return m.error;
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(m.timestampMs);
    case NickRole:
        return m.peerNick;
    case SealedRole:
        return m.sealed;
    case AutoReplyRole:
        return m.autoReply;
    default:
        return {};
    }
}

bool ConversationModel::canLoadOlder() const
{
    return m_more && !m_loading;
}

void ConversationModel::loadOlder()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (!canLoadOlder())
        return;
    m_loading = true;
    qint64 before = 0;
    for (const ChatMessage &m : std::as_const(m_messages)) {
        if (m.rowId > 0) {
            before = m.rowId;
            break;
        }
    }
    emit olderWanted(before);
}

void ConversationModel::addOlder(const QList<ChatMessage> &older, bool more)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_loading = false;
    m_more = more;
    QList<ChatMessage> fresh;
    for (const ChatMessage &m : older) {
        if (!m_rows.contains(m.id))
            fresh.append(m);
    }
    if (fresh.isEmpty())
        return;
    const bool hadRows = !m_messages.isEmpty();
    beginInsertRows({}, 0, int(fresh.size()) - 1);
    m_messages = fresh + m_messages;
    reindex();
    endInsertRows();
    // The former first row may now continue the day of the page above it.
    if (hadRows) {
        const QModelIndex first = index(int(fresh.size()));
        emit dataChanged(first, first, {DayBreakRole});
    }
}

void ConversationModel::clear()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    beginResetModel();
    m_messages.clear();
    m_rows.clear();
    m_files.clear();
    m_matches.clear();
    m_statusTexts.clear();
    m_more = false;
    m_loading = false;
    endResetModel();
}

void ConversationModel::setStatusText(const QString &messageId, const QString &text,
                                      const QString &detail)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_statusTexts.insert(messageId, {text, detail});
    const int row = rowOf(messageId);
    if (row >= 0)
        emit dataChanged(index(row), index(row), {StatusTextRole, Qt::ToolTipRole});
}

void ConversationModel::setMatches(const QString &messageId, const QList<QPair<int, int>> &ranges)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_matches.insert(messageId, ranges);
    const int row = rowOf(messageId);
    if (row >= 0)
        emit dataChanged(index(row), index(row), {MatchesRole});
}

bool ConversationModel::startsDay(int row) const
{
    if (row <= 0)
        return true;
    const QDate day = QDateTime::fromMSecsSinceEpoch(m_messages.at(row).timestampMs).date();
    return QDateTime::fromMSecsSinceEpoch(m_messages.at(row - 1).timestampMs).date() != day;
}

void ConversationModel::addOrUpdate(const ChatMessage &message)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = m_rows.value(message.id, -1);
    if (row >= 0) {
        ChatMessage &m = m_messages[row];
        const DeliveryState state = m.state;
        // A message sent again stays where it was, under the time it was written.
        const qint64 rowId = m.rowId;
        const qint64 timestampMs = m.timestampMs;
        m = message;
        m.rowId = rowId ? rowId : message.rowId;
        m.timestampMs = timestampMs;
        // A state reported before the stored copy arrived wins over the copy's initial one.
        if (message.state == DeliveryState::Sending && state != DeliveryState::Sending)
            m.state = state;
        emit dataChanged(index(row), index(row));
        return;
    }
    const int at = int(m_messages.size());
    beginInsertRows({}, at, at);
    m_messages.append(message);
    m_rows.insert(message.id, at);
    endInsertRows();
}

void ConversationModel::setState(const QString &messageId, DeliveryState state,
                                 const QString &error)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = m_rows.value(messageId, -1);
    if (row < 0)
        return;
    const Failure known = m_messages.at(row).failure;
    setState(messageId, state, error, state == DeliveryState::Failed ? known : Failure::None);
}

void ConversationModel::setState(const QString &messageId, DeliveryState state,
                                 const QString &error, Failure failure)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = m_rows.value(messageId, -1);
    if (row < 0)
        return;
    ChatMessage &m = m_messages[row];
    if (m.state == state && m.error == error && m.failure == failure)
        return;
    m.state = state;
    m.error = error;
    m.failure = failure;
    emit dataChanged(index(row), index(row));
}

void ConversationModel::setFileState(const QString &messageId, FileState state, int percent,
                                     const QString &detail)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = m_rows.value(messageId, -1);
    if (row < 0)
        return;
    FileNote &note = m_files[messageId];
    if (note.state == state && note.percent == percent && note.detail == detail)
        return;
    note = {state, std::clamp(percent, 0, 100), detail};
    emit dataChanged(index(row), index(row), {FileStateRole, ProgressRole, FileDetailRole});
}

void ConversationModel::setPicture(const QString &messageId, int pictureIndex,
                                   const ChatPicture &picture)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = m_rows.value(messageId, -1);
    if (row < 0 || pictureIndex < 0 || pictureIndex >= m_messages.at(row).pictures.size())
        return;
    ChatPicture &p = m_messages[row].pictures[pictureIndex];
    if (p.state == picture.state && p.sha256 == picture.sha256 && p.error == picture.error)
        return;
    // The position is the sender's and already known; a late report keeps the order.
    const int position = p.position;
    p = picture;
    p.position = position;
    emit dataChanged(index(row), index(row), {PicturesRole});
}

bool ConversationModel::open(const QString &messageId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = m_rows.value(messageId, -1);
    if (row < 0 || !index(row).data(ClosedRole).toBool())
        return false;
    m_messages[row].state = DeliveryState::Read;
    emit dataChanged(index(row), index(row));
    return true;
}

void ConversationModel::reindex()
{
    m_rows.clear();
    for (int i = 0; i < m_messages.size(); ++i)
        m_rows.insert(m_messages.at(i).id, i);
}

} // namespace lanpigeon
