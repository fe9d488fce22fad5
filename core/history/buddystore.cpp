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
    if (!q.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND "
                               "name = 'buddies'"))) {
        m_lastError = logged(q.lastError());
        return false;
    }
    const bool exists = q.next();
    // Buddies were kept by user@host alone at first, which made two people of one login one.
    const bool keyed =
        exists && q.value(0).toString().contains(QLatin1String("PRIMARY KEY (person, key)"));
    q.finish();
    if (keyed)
        return true;
    if (!db.transaction()) {
        m_lastError = logged(db.lastError());
        return false;
    }
    // The key a buddy showed is the one history's people table has for where they were last.
    const QString keyAt =
        QStringLiteral("COALESCE((SELECT key FROM people WHERE people.peer_id = src.peer_id AND "
                       "people.person = src.person), '')");
    bool ok = q.exec(QStringLiteral(
        "CREATE TABLE buddies_keyed (person TEXT NOT NULL, key TEXT NOT NULL, nick TEXT NOT NULL,"
        " grp TEXT NOT NULL, user TEXT NOT NULL, host TEXT NOT NULL, peer_id TEXT NOT NULL,"
        " last_seen_ms INTEGER NOT NULL, PRIMARY KEY (person, key))"));
    if (ok && exists) {
        ok = q.exec(QStringLiteral("INSERT OR IGNORE INTO buddies_keyed SELECT person, %1, nick, "
                                   "grp, user, host, peer_id, last_seen_ms FROM buddies AS src")
                        .arg(keyAt)) &&
             q.exec(QStringLiteral("DROP TABLE buddies"));
    } else if (ok) {
        // The person's user and host are the two sides of the last '@' of user@host; the
        // workgroup was never stored before. SQLite takes the bare columns from the MAX(id)
        // row: the name they went by last.
        ok = q.exec(
            QStringLiteral(
                "INSERT OR IGNORE INTO buddies_keyed SELECT person, %1, nick, '', user, host, "
                "peer_id,"
                " ts FROM (SELECT person, COALESCE(peer_nick, '') AS nick,"
                " substr(person, 1, length(rtrim(person, replace(person, '@', ''))) - 1) AS user,"
                " substr(person, length(rtrim(person, replace(person, '@', ''))) + 1) AS host,"
                " peer_id, ts_ms AS ts, MAX(id) FROM messages WHERE person LIKE '%@%'"
                " GROUP BY person) AS src")
                .arg(keyAt));
    }
    ok = ok && q.exec(QStringLiteral("ALTER TABLE buddies_keyed RENAME TO buddies"));
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
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO buddies (person, key, nick, grp, user, "
                                 "host, peer_id, last_seen_ms) VALUES (?,?,?,?,?,?,?,?)"));
        for (const QString &s : {b.person, b.key, b.nick, b.group, b.user, b.host, b.peerId})
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

bool BuddyStore::remove(const PersonRef &who)
{
    QSqlQuery q(m_history->database());
    q.prepare(QStringLiteral("DELETE FROM buddies WHERE person = ? AND key = ?"));
    q.addBindValue(text(who.person));
    q.addBindValue(text(who.key));
    if (!q.exec()) {
        m_lastError = logged(q.lastError());
        return false;
    }
    return true;
}

QList<Buddy> BuddyStore::all() const
{
    QList<Buddy> buddies;
    QSqlQuery q(m_history->database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT person, key, nick, grp, user, host, peer_id, last_seen_ms "
                               "FROM buddies ORDER BY person, key"))) {
        logged(q.lastError());
        return buddies;
    }
    while (q.next()) {
        Buddy b;
        b.person = q.value(0).toString();
        b.key = q.value(1).toString();
        b.nick = q.value(2).toString();
        b.group = q.value(3).toString();
        b.user = q.value(4).toString();
        b.host = q.value(5).toString();
        b.peerId = q.value(6).toString();
        b.lastSeenMs = q.value(7).toLongLong();
        buddies.append(b);
    }
    return buddies;
}

} // namespace lanpigeon
