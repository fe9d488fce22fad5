#include "history/buddystore.h"

#include "history/historylog.h"
#include "history/historystore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace lanpigeon {

namespace {

QString logged(const QSqlError &error)
{
    qCInfo(lcHistory, "SQLite error in buddies: %s", qPrintable(error.text()));
    return error.text();
}

// A null QString binds as NULL, which the columns refuse.
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

} // namespace

BuddyStore::BuddyStore(HistoryStore *history)
    : m_history(history)
{
}

bool BuddyStore::open()
{
    QSqlDatabase db = m_history->database();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'buddies'"))) {
        m_lastError = logged(q.lastError());
        return false;
    }
    if (q.next())
        return true;
    q.finish();
    if (!db.transaction()) {
        m_lastError = logged(db.lastError());
        return false;
    }
    // The person's user and host are the two sides of the last '@' of user@host; the
    // workgroup was never stored before. SQLite takes the bare columns from the MAX(id) row:
    // the name they went by last.
    const bool ok =
        q.exec(QStringLiteral("CREATE TABLE buddies (person TEXT PRIMARY KEY, nick TEXT NOT NULL,"
                              " grp TEXT NOT NULL, user TEXT NOT NULL, host TEXT NOT NULL,"
                              " peer_id TEXT NOT NULL, last_seen_ms INTEGER NOT NULL)")) &&
        q.exec(QStringLiteral(
            "INSERT INTO buddies SELECT person, nick, '', user, host, peer_id, ts FROM ("
            " SELECT person, COALESCE(peer_nick, '') AS nick,"
            " substr(person, 1, length(rtrim(person, replace(person, '@', ''))) - 1) AS user,"
            " substr(person, length(rtrim(person, replace(person, '@', ''))) + 1) AS host,"
            " peer_id, ts_ms AS ts, MAX(id) FROM messages WHERE person LIKE '%@%'"
            " GROUP BY person)"));
    if (!ok || !db.commit()) {
        m_lastError = logged(ok ? db.lastError() : q.lastError());
        db.rollback();
        return false;
    }
    return true;
}

bool BuddyStore::save(const QList<Buddy> &buddies)
{
    QSqlDatabase db = m_history->database();
    if (!db.transaction()) {
        m_lastError = logged(db.lastError());
        return false;
    }
    QSqlQuery q(db);
    bool ok = true;
    for (int i = 0; ok && i < buddies.size(); ++i) {
        const Buddy &b = buddies.at(i);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO buddies (person, nick, grp, user, host, "
                                 "peer_id, last_seen_ms) VALUES (?,?,?,?,?,?,?)"));
        for (const QString &s : {b.person, b.nick, b.group, b.user, b.host, b.peerId})
            q.addBindValue(text(s));
        q.addBindValue(b.lastSeenMs);
        ok = q.exec();
    }
    if (!ok || !db.commit()) {
        m_lastError = logged(ok ? db.lastError() : q.lastError());
        db.rollback();
        return false;
    }
    return true;
}

QList<Buddy> BuddyStore::all() const
{
    QList<Buddy> buddies;
    QSqlQuery q(m_history->database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT person, nick, grp, user, host, peer_id, last_seen_ms "
                               "FROM buddies ORDER BY person"))) {
        logged(q.lastError());
        return buddies;
    }
    while (q.next()) {
        Buddy b;
        b.person = q.value(0).toString();
        b.nick = q.value(1).toString();
        b.group = q.value(2).toString();
        b.user = q.value(3).toString();
        b.host = q.value(4).toString();
        b.peerId = q.value(5).toString();
        b.lastSeenMs = q.value(6).toLongLong();
        buddies.append(b);
    }
    return buddies;
}

} // namespace lanpigeon
