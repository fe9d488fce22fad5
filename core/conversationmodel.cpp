#include "conversationmodel.h"

#include <QDateTime>

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
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return m.text;
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
    m_loading = false;
    m_more = more;
    QList<ChatMessage> fresh;
    for (const ChatMessage &m : older) {
        if (!m_rows.contains(m.id))
            fresh.append(m);
    }
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, 0, int(fresh.size()) - 1);
    m_messages = fresh + m_messages;
    reindex();
    endInsertRows();
}

void ConversationModel::addOrUpdate(const ChatMessage &message)
{
    const int row = m_rows.value(message.id, -1);
    if (row >= 0) {
        ChatMessage &m = m_messages[row];
        const DeliveryState state = m.state;
        m = message;
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
    const int row = m_rows.value(messageId, -1);
    if (row < 0)
        return;
    m_messages[row].state = state;
    m_messages[row].error = error;
    emit dataChanged(index(row), index(row), {StateRole, ErrorRole});
}

void ConversationModel::reindex()
{
    m_rows.clear();
    for (int i = 0; i < m_messages.size(); ++i)
        m_rows.insert(m_messages.at(i).id, i);
}

} // namespace lanpigeon
