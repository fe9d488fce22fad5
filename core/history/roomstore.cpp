#include "history/roomstore.h"

#include "history/historylog.h"
#include "history/historystore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace lanpigeon {

namespace {

QString logged(const QSqlError &error)
{
    qCInfo(lcHistory, "SQLite error in rooms: %s", qPrintable(error.text()));
    return error.text();
}

} // namespace

RoomStore::RoomStore(HistoryStore *history)
    : m_history(history)
{
}

bool RoomStore::open()
{
    QSqlQuery q(m_history->database());
    for (const char *sql :
         {"CREATE TABLE IF NOT EXISTS rooms ("
          " id TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL,"
          " created_ms INTEGER NOT NULL, left_room INTEGER NOT NULL DEFAULT 0,"
          " iptux_group INTEGER NOT NULL DEFAULT 0)",
          "CREATE TABLE IF NOT EXISTS room_members ("
          " room_id TEXT NOT NULL REFERENCES rooms(id), idx INTEGER NOT NULL,"
          " user TEXT NOT NULL, host TEXT NOT NULL, address TEXT NOT NULL DEFAULT '',"
          " port INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(room_id, idx))"}) {
        if (!q.exec(QLatin1String(sql))) {
            m_lastError = logged(q.lastError());
            return false;
        }
    }
    // Rooms kept before we said who removed us have the column added.
    bool hasRemovedBy = false;
    if (q.exec(QStringLiteral("PRAGMA table_info(rooms)"))) {
        while (q.next())
            hasRemovedBy = hasRemovedBy || q.value(1).toString() == QLatin1String("removed_by");
    }
    if (!hasRemovedBy && !q.exec(QStringLiteral(
                             "ALTER TABLE rooms ADD COLUMN removed_by TEXT NOT NULL DEFAULT ''"))) {
        m_lastError = logged(q.lastError());
        return false;
    }
    return true;
}

bool RoomStore::save(const Room &room)
{
    QSqlDatabase db = m_history->database();
    if (!db.transaction()) {
        m_lastError = logged(db.lastError());
        return false;
    }
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO rooms (id, name, version, created_ms, left_room, iptux_group, "
                       "removed_by) VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                       "name = excluded.name, version = excluded.version, "
                       "left_room = excluded.left_room, removed_by = excluded.removed_by"));
    q.addBindValue(room.id.toString());
    q.addBindValue(room.name);
    q.addBindValue(qint64(room.version));
    q.addBindValue(room.createdMs);
    q.addBindValue(room.left ? 1 : 0);
    q.addBindValue(room.iptuxGroup ? 1 : 0);
    q.addBindValue(room.removedBy.isNull() ? QStringLiteral("") : room.removedBy);
    bool ok = q.exec();
    if (ok) {
        q.prepare(QStringLiteral("DELETE FROM room_members WHERE room_id = ?"));
        q.addBindValue(room.id.toString());
        ok = q.exec();
    }
    for (int i = 0; ok && i < room.members.size(); ++i) {
        const RoomMember &m = room.members.at(i);
        q.prepare(QStringLiteral("INSERT INTO room_members (room_id, idx, user, host, address, "
                                 "port) VALUES (?,?,?,?,?,?)"));
        q.addBindValue(room.id.toString());
        q.addBindValue(i);
        q.addBindValue(m.user);
        q.addBindValue(m.host);
        // A null QString binds as NULL, which the column refuses.
        q.addBindValue(m.address.isNull() ? QStringLiteral("") : m.address.toString());
        q.addBindValue(int(m.port));
        ok = q.exec();
    }
    if (!ok || !db.commit()) {
        m_lastError = logged(ok ? db.lastError() : q.lastError());
        db.rollback();
        return false;
    }
    return true;
}

QList<RoomMember> RoomStore::membersOf(const RoomId &id) const
{
    QList<RoomMember> members;
    QSqlQuery q(m_history->database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT user, host, address, port FROM room_members WHERE room_id = ? ORDER BY idx"));
    q.addBindValue(id.toString());
    if (!q.exec()) {
        logged(q.lastError());
        return members;
    }
    while (q.next()) {
        RoomMember m;
        m.user = q.value(0).toString();
        m.host = q.value(1).toString();
        if (m.address.setAddress(q.value(2).toString()))
            m.port = quint16(q.value(3).toUInt());
        members.append(m);
    }
    return members;
}

std::optional<Room> RoomStore::find(const RoomId &id) const
{
    for (const Room &room : all()) {
        if (room.id == id)
            return room;
    }
    return std::nullopt;
}

QList<Room> RoomStore::all() const
{
    QList<Room> rooms;
    QSqlQuery q(m_history->database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, version, created_ms, left_room, iptux_group, "
                               "removed_by FROM rooms ORDER BY created_ms, id"))) {
        logged(q.lastError());
        return rooms;
    }
    while (q.next()) {
        const auto id = RoomId::fromString(q.value(0).toString());
        if (!id)
            continue;
        Room r;
        r.id = *id;
        r.name = q.value(1).toString();
        r.version = quint64(q.value(2).toLongLong());
        r.createdMs = q.value(3).toLongLong();
        r.left = q.value(4).toInt() != 0;
        r.iptuxGroup = q.value(5).toInt() != 0;
        r.removedBy = q.value(6).toString();
        rooms.append(r);
    }
    for (Room &r : rooms)
        r.members = membersOf(r.id);
    return rooms;
}

bool RoomStore::isNotice(const QString &messageId) const
{
    QSqlQuery q(m_history->database());
    q.setForwardOnly(true);
    // The row's typed notice (HistoryStore's notice column) says it: every membership change
    // is stored with one.
    q.prepare(QStringLiteral("SELECT 1 FROM messages WHERE uid = ? AND notice <> 0 LIMIT 1"));
    q.addBindValue(messageId);
    if (!q.exec()) {
        logged(q.lastError());
        return false;
    }
    return q.next();
}

} // namespace lanpigeon
