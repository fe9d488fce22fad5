#include "models/roomlistmodel.h"

#include "common/threadcheck.h"
#include "messaging/chatkey.h"

#include <algorithm>

namespace lanpigeon {

RoomListModel::RoomListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

RoomListModel::~RoomListModel() = default;

int RoomListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rooms.size());
}

QVariant RoomListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rooms.size())
        return {};
    const Room &r = m_rooms.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case Qt::ToolTipRole:
        return r.left ? tr("%1 (%2)").arg(r.name, outText(r)) : r.name;
    case OutTextRole:
        return outText(r);
    case MembersRole:
        return QVariant::fromValue(r.members);
    case RoomIdRole:
        return QVariant::fromValue(r.id);
    case MemberCountRole:
        return int(r.members.size());
    case LeftRole:
        return r.left;
    case KeyRole:
        return QVariant::fromValue(ChatKey::room(r.id));
    default:
        return {};
    }
}

void RoomListModel::setRooms(const QList<Room> &rooms)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    for (const Room &room : rooms) {
        // A roomChanged() that came while the list was loading is the newer word.
        if (const Room *known = find(room.id); known && known->version >= room.version)
            continue;
        update(room);
    }
}

void RoomListModel::update(const Room &room)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = rowOf(room.id);
    if (row >= 0 && m_rooms.at(row).left == room.left) {
        m_rooms[row] = room;
        emit dataChanged(index(row), index(row));
        return;
    }
    if (row >= 0) {
        beginRemoveRows({}, row, row);
        m_rooms.removeAt(row);
        reindex();
        endRemoveRows();
    }
    // Left rooms sink below the ones we are in.
    const auto firstLeft =
        std::find_if(m_rooms.cbegin(), m_rooms.cend(), [](const Room &r) { return r.left; });
    const int at = room.left ? int(m_rooms.size()) : int(firstLeft - m_rooms.cbegin());
    beginInsertRows({}, at, at);
    m_rooms.insert(at, room);
    reindex();
    endInsertRows();
}

QString RoomListModel::outText(const Room &room)
{
    if (!room.left)
        return {};
    return room.removedBy.isEmpty() ? tr("You left this group chat")
                                    : tr("You were removed by %1").arg(room.removedBy);
}

const Room *RoomListModel::find(const RoomId &id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_rooms.at(row);
}

void RoomListModel::reindex()
{
    m_rows.clear();
    for (int i = 0; i < m_rooms.size(); ++i)
        m_rows.insert(m_rooms.at(i).id, i);
}

} // namespace lanpigeon
