#include "history/historystore.h"

#include "common/threadcheck.h"
#include "history/historylog.h"
#include "history/searchhit.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <limits>

namespace lanpigeon {

namespace {

constexpr auto Columns = "uid, peer_id, peer_nick, direction, body, sealed, auto_reply, "
                         "multicast, state, error, packet_no, ts_ms, failure, encrypted, "
                         "authenticity, warning, person, room_id, notice, notice_names, person_key";

// Columns later versions added, each with the value older rows take: (name, declaration).
constexpr const char *AddedColumns[][2] = {
    {"failure", "failure INTEGER NOT NULL DEFAULT 0"},
    {"encrypted", "encrypted INTEGER NOT NULL DEFAULT 0"},
    {"authenticity", "authenticity INTEGER NOT NULL DEFAULT 0"},
    {"warning", "warning INTEGER NOT NULL DEFAULT 0"},
    {"person", "person TEXT NOT NULL DEFAULT ''"},
    // A group chat's messages: its RoomId in hex; '' for one-to-one.
    {"room_id", "room_id TEXT NOT NULL DEFAULT ''"},
    // A room's membership notice: its RoomNotice::Kind, and its actor then names (JSON array).
    {"notice", "notice INTEGER NOT NULL DEFAULT 0"},
    {"notice_names", "notice_names TEXT NOT NULL DEFAULT ''"},
    // The key (hex SHA-256 fingerprint) of the person a queued row waits for; '' when none was
    // known (older rows, peers that cannot encrypt): then user@host alone says who it is.
    {"person_key", "person_key TEXT NOT NULL DEFAULT ''"},
};

// One-to-one conversations leave the group chats' rows out.
constexpr auto NotInRoom = "room_id = ''";

// Whether the row `messages` stands on has pictures.
constexpr auto HasPictures =
    "EXISTS (SELECT 1 FROM pictures WHERE pictures.message_row = messages.id)";

// Our row that carried a file offer whose files history still names (offer_files).
constexpr auto OffersFiles = "direction = 1 AND EXISTS (SELECT 1 FROM offer_files WHERE "
                             "offer_files.uid = messages.uid)";

// The rows a one-to-one chat shows. A message that did not decrypt has no words but a warning
// to show. A wordless row that carried our file offer shows the offer, queued, sent, fetched or
// failed alike. Other wordless carriers stay out, for they would be empty bubbles: an offer we
// received (its card lives as long as the run that can fetch it, and history keeps no list of
// its files), and ours from before history kept the list after the offer ended.
QString shownInChat()
{
    return QStringLiteral("%1 AND (body <> '' OR warning <> 0 OR %2 OR (%3))")
        .arg(QLatin1String(NotInRoom), QLatin1String(HasPictures), QLatin1String(OffersFiles));
}

// Binds position, sha256, state, error, idx, then the message's uid and peer_id.
void bindPicture(QSqlQuery *q, const ChatPicture &p, int index, const QString &id,
                 const QString &peerId)
{
    // A null QString binds as NULL, which the columns refuse.
    q->addBindValue(p.position);
    q->addBindValue(p.sha256.isNull() ? QStringLiteral("") : p.sha256);
    q->addBindValue(int(p.state));
    q->addBindValue(p.error.isNull() ? QStringLiteral("") : p.error);
    q->addBindValue(index);
    q->addBindValue(id);
    q->addBindValue(peerId);
}

// The full-text index over messages.body: an external-content FTS5 table (the words are stored
// once, in messages) with the trigram tokenizer, which finds any substring of 3 or more
// characters, also inside words: Chinese has no spaces between its words.
// A history older than the index has a backlog: rows up to fts_backlog.last existed before it,
// and those up to fts_backlog.done are indexed so far. Later rows are indexed by the trigger as
// they are written; a delete or an edit touches the index only for rows already in it, since
// FTS5 must be told exactly what it holds.
constexpr auto IndexedRow = "(%1 > (SELECT last FROM fts_backlog) OR "
                            "%1 <= (SELECT done FROM fts_backlog))";

constexpr const char *FullTextSchema[] = {
    "CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', "
    "content_rowid='id', tokenize='trigram')",
    "CREATE TABLE fts_backlog (last INTEGER NOT NULL, done INTEGER NOT NULL)",
    "INSERT INTO fts_backlog SELECT COALESCE(MAX(id), 0), 0 FROM messages",
    "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN "
    "INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN %1 BEGIN "
    "INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "END",
    "CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages WHEN %1 BEGIN "
    "INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body); END",
};

// The trigram tokenizer counts characters, not UTF-16 units: an emoji is one.
constexpr int TrigramLength = 3;

// The query as one FTS5 phrase: inside double quotes everything but a doubled quote is text, so
// `*`, `(`, `:`, `-`, AND or NEAR are searched for, never read as syntax.
QString fullTextPhrase(QString text)
{
    text.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString escapeLike(QString text)
{
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('%'), QLatin1String("\\%"));
    text.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return text;
}

// Logged where it happens: callers may only pass on that the history failed.
QString logged(const QSqlError &error)
{
    qCInfo(lcHistory, "SQLite error: %s", qPrintable(error.text()));
    return error.text();
}

} // namespace

HistoryStore::HistoryStore()
    : m_connectionName(QStringLiteral("history-") +
                       QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

HistoryStore::~HistoryStore()
{
    close();
}

bool HistoryStore::open(const QString &path, QString *error)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    m_thread = QThread::currentThread();
    QDir().mkpath(QFileInfo(path).absolutePath());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(path);
        if (!db.open()) {
            m_lastError = logged(db.lastError());
            if (error)
                *error = QObject::tr("cannot open history %1: %2").arg(path, m_lastError);
            return false;
        }
    }
    const bool ok =
        exec(QStringLiteral("PRAGMA journal_mode=WAL")) &&
        // FULL: an acknowledged message must survive a crash of the whole machine.
        exec(QStringLiteral("PRAGMA synchronous=FULL")) &&
        exec(QStringLiteral("PRAGMA busy_timeout=5000")) &&
        exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS messages ("
            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " uid TEXT NOT NULL, peer_id TEXT NOT NULL, peer_nick TEXT,"
            " direction INTEGER NOT NULL, body TEXT NOT NULL,"
            " sealed INTEGER NOT NULL DEFAULT 0, auto_reply INTEGER NOT NULL DEFAULT 0,"
            " multicast INTEGER NOT NULL DEFAULT 0,"
            " state INTEGER NOT NULL, error TEXT, packet_no INTEGER, ts_ms INTEGER NOT NULL,"
            " UNIQUE(uid, peer_id))")) &&
        exec(QStringLiteral("CREATE INDEX IF NOT EXISTS messages_peer "
                            "ON messages(peer_id, id)")) &&
        exec(QStringLiteral("CREATE TABLE IF NOT EXISTS pictures ("
                            " message_row INTEGER NOT NULL REFERENCES messages(id),"
                            " idx INTEGER NOT NULL, position INTEGER NOT NULL,"
                            " sha256 TEXT NOT NULL DEFAULT '', state INTEGER NOT NULL,"
                            " error TEXT NOT NULL DEFAULT '',"
                            " PRIMARY KEY(message_row, idx))")) &&
        addMissingColumns() && addQueueIndex() && createPeople() && createOfferFiles() &&
        createFullTextIndex() &&
        exec(QStringLiteral("CREATE INDEX IF NOT EXISTS messages_room "
                            "ON messages(room_id, id) WHERE room_id <> ''"));
    if (!ok) {
        if (error)
            *error = QObject::tr("cannot prepare history %1: %2").arg(path, m_lastError);
        close();
    }
    return ok;
}

bool HistoryStore::openForReading(const QString &path, QString *error)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    m_thread = QThread::currentThread();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            m_lastError = logged(db.lastError());
            if (error)
                *error = QObject::tr("cannot open history %1: %2").arg(path, m_lastError);
            close();
            return false;
        }
    }
    // Only a checkpoint's moment of the WAL index is ever waited for.
    if (!exec(QStringLiteral("PRAGMA busy_timeout=100")) ||
        hasTable(QStringLiteral("messages")) != true) {
        if (error)
            *error = QObject::tr("cannot read history %1").arg(path);
        close();
        return false;
    }
    m_fullText = hasTable(QStringLiteral("messages_fts")) == true;
    return true;
}

bool HistoryStore::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) &&
           QSqlDatabase::database(m_connectionName, false).isOpen();
}

void HistoryStore::close()
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_thread = nullptr;
    m_fullText = false;
}

bool HistoryStore::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(sql)) {
        m_lastError = logged(q.lastError());
        return false;
    }
    return true;
}

bool HistoryStore::addMissingColumns()
{
    // Histories written by earlier versions lack the newer columns.
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("PRAGMA table_info(messages)"))) {
        m_lastError = logged(q.lastError());
        return false;
    }
    QStringList have;
    while (q.next())
        have.append(q.value(1).toString());
    for (const auto &[name, declaration] : AddedColumns) {
        if (!have.contains(QLatin1String(name)) &&
            !exec(QStringLiteral("ALTER TABLE messages ADD COLUMN %1")
                      .arg(QLatin1String(declaration))))
            return false;
    }
    return true;
}

std::optional<bool> HistoryStore::hasTable(const QString &name)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    q.addBindValue(name);
    if (!q.exec()) {
        m_lastError = logged(q.lastError());
        return std::nullopt;
    }
    return q.next();
}

bool HistoryStore::createFullTextIndex()
{
    const std::optional<bool> indexed = hasTable(QStringLiteral("messages_fts"));
    if (!indexed)
        return false;
    if (*indexed) {
        m_fullText = true;
        return true;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    if (!db.transaction()) {
        m_lastError = logged(db.lastError());
        return false;
    }
    const QString oldRowIndexed =
        QString::fromLatin1(IndexedRow).replace(QLatin1String("%1"), QLatin1String("old.id"));
    for (const char *statement : FullTextSchema) {
        if (!q.exec(QString::fromLatin1(statement).replace(QLatin1String("%1"), oldRowIndexed))) {
            // An SQLite built without FTS5 or its trigram tokenizer (before 3.34) still keeps
            // history: search then scans, as it did before the index.
            qCWarning(lcHistory, "no full-text index, search scans: %s",
                      qPrintable(q.lastError().text()));
            db.rollback();
            return true;
        }
    }
    if (!db.commit()) {
        m_lastError = logged(db.lastError());
        db.rollback();
        return false;
    }
    m_fullText = true;
    return true;
}

bool HistoryStore::indexBacklog(int rows)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    if (!m_fullText)
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT last, done FROM fts_backlog")) || !q.next()) {
        m_lastError = logged(q.lastError());
        return false;
    }
    const qint64 last = q.value(0).toLongLong();
    const qint64 done = q.value(1).toLongLong();
    q.finish();
    if (done >= last)
        return false;
    // The end of this step: the id rows ahead, or the end of the backlog.
    q.prepare(QStringLiteral(
        "SELECT id FROM messages WHERE id > ? AND id <= ? ORDER BY id LIMIT 1 OFFSET ?"));
    q.addBindValue(done);
    q.addBindValue(last);
    q.addBindValue(std::max(0, rows - 1));
    if (!q.exec()) {
        m_lastError = logged(q.lastError());
        return false;
    }
    const qint64 upTo = q.next() ? q.value(0).toLongLong() : last;
    q.finish();
    // Each step is one transaction with its progress, so a restart carries on where it stopped.
    if (!db.transaction()) {
        m_lastError = logged(db.lastError());
        return false;
    }
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO messages_fts(rowid, body) "
                                  "SELECT id, body FROM messages WHERE id > ? AND id <= ?"));
    insert.addBindValue(done);
    insert.addBindValue(upTo);
    QSqlQuery progress(db);
    progress.prepare(QStringLiteral("UPDATE fts_backlog SET done = ?"));
    progress.addBindValue(upTo);
    if (!insert.exec() || !progress.exec() || !db.commit()) {
        m_lastError = logged(insert.lastError().isValid()     ? insert.lastError()
                             : progress.lastError().isValid() ? progress.lastError()
                                                              : db.lastError());
        db.rollback();
        return false;
    }
    return upTo < last;
}

bool HistoryStore::indexComplete() const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    if (!m_fullText)
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    return q.exec(QStringLiteral("SELECT done >= last FROM fts_backlog")) && q.next() &&
           q.value(0).toBool();
}

int HistoryStore::deleteConversation(const QString &peerId)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    return deleteMessages(QStringLiteral("peer_id = ? AND %1").arg(QLatin1String(NotInRoom)),
                          peerId);
}

int HistoryStore::deleteRoomConversation(const RoomId &room)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    return deleteMessages(QStringLiteral("room_id = ?"), room.toString());
}

int HistoryStore::deleteMessages(const QString &where, const QVariant &bind)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        m_lastError = logged(db.lastError());
        return -1;
    }
    // As the chat shows them: what we sent to a room is one message, not one row per member.
    QSqlQuery counted(db);
    counted.prepare(
        QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE %1 GROUP BY uid, "
                       "direction)")
            .arg(where));
    counted.addBindValue(bind);
    QSqlQuery pictures(db);
    pictures.prepare(
        QStringLiteral("DELETE FROM pictures WHERE message_row IN (SELECT id FROM messages WHERE "
                       "%1)")
            .arg(where));
    pictures.addBindValue(bind);
    // The index follows through the delete trigger.
    QSqlQuery messages(db);
    messages.prepare(QStringLiteral("DELETE FROM messages WHERE %1").arg(where));
    messages.addBindValue(bind);
    if (!counted.exec() || !counted.next() || !pictures.exec() || !messages.exec()) {
        const QSqlQuery &failed = counted.lastError().isValid()    ? counted
                                  : pictures.lastError().isValid() ? pictures
                                                                   : messages;
        m_lastError = logged(failed.lastError());
        db.rollback();
        return -1;
    }
    // The paths of offers no chat shows any more go with them.
    QSqlQuery offers(db);
    if (!offers.exec(QStringLiteral("DELETE FROM offer_files WHERE NOT EXISTS (SELECT 1 FROM "
                                    "messages WHERE messages.uid = offer_files.uid)"))) {
        m_lastError = logged(offers.lastError());
        db.rollback();
        return -1;
    }
    const int removed = counted.value(0).toInt();
    if (!db.commit()) {
        m_lastError = logged(db.lastError());
        db.rollback();
        return -1;
    }
    return removed;
}

bool HistoryStore::insert(const ChatMessage &m, qint64 *rowId)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    // A message sent again keeps its row (and place) and takes the new attempt's state.
    q.prepare(QStringLiteral(
                  "INSERT INTO messages (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                  "ON CONFLICT(uid, peer_id) DO UPDATE SET state = excluded.state, "
                  "error = excluded.error, failure = excluded.failure, "
                  "packet_no = excluded.packet_no, "
                  // A queued message sent at last is encrypted or not as it went.
                  "encrypted = excluded.encrypted, "
                  // Queued again by hand: its time in the queue starts again, and it
                  // waits for whom it is written to now.
                  "ts_ms = CASE WHEN excluded.state = %2 THEN excluded.ts_ms "
                  "ELSE ts_ms END, "
                  "person_key = CASE WHEN excluded.state = %2 THEN excluded.person_key "
                  "ELSE person_key END RETURNING id")
                  .arg(QLatin1String(Columns))
                  .arg(int(DeliveryState::Queued)));
    q.addBindValue(m.id);
    q.addBindValue(m.peerId);
    q.addBindValue(m.peerNick);
    q.addBindValue(int(m.direction));
    // A null QString binds as NULL, and a wordless offer's text is one.
    q.addBindValue(m.text.isNull() ? QStringLiteral("") : m.text);
    q.addBindValue(m.sealed ? 1 : 0);
    q.addBindValue(m.autoReply ? 1 : 0);
    q.addBindValue(m.multicast ? 1 : 0);
    q.addBindValue(int(m.state));
    q.addBindValue(m.error);
    q.addBindValue(qint64(m.packetNo));
    q.addBindValue(m.timestampMs);
    q.addBindValue(int(m.failure));
    q.addBindValue(m.encrypted ? 1 : 0);
    q.addBindValue(int(m.authenticity));
    q.addBindValue(int(m.warning));
    q.addBindValue(m.person.isNull() ? QStringLiteral("") : m.person);
    q.addBindValue(m.roomId.isNull() ? QStringLiteral("") : m.roomId.toString());
    q.addBindValue(int(m.notice.kind));
    q.addBindValue(
        m.notice.isNull()
            ? QStringLiteral("")
            : QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(QStringList(m.notice.actor)
                                                                         << m.notice.names))
                                    .toJson(QJsonDocument::Compact)));
    q.addBindValue(m.personKey.isNull() ? QStringLiteral("") : m.personKey);
    // The row is read and the statement done with before any commit.
    const auto stored = [&q, rowId] {
        const bool returned = q.next();
        if (rowId)
            *rowId = returned ? q.value(0).toLongLong() : 0;
        q.finish();
    };
    if (m.pictures.isEmpty()) {
        if (!q.exec()) {
            m_lastError = logged(q.lastError());
            return false;
        }
        stored();
        return true;
    }
    // A message is stored with its pictures or not at all.
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        m_lastError = logged(db.lastError());
        return false;
    }
    if (!q.exec()) {
        m_lastError = logged(q.lastError());
        db.rollback();
        return false;
    }
    stored();
    if (!insertPictures(m)) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        m_lastError = logged(db.lastError());
        db.rollback();
        return false;
    }
    return true;
}

bool HistoryStore::insertPictures(const ChatMessage &m)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    for (int i = 0; i < m.pictures.size(); ++i) {
        const ChatPicture &p = m.pictures.at(i);
        q.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO pictures (position, sha256, state, error, idx, message_row) "
            "SELECT ?, ?, ?, ?, ?, id FROM messages WHERE uid = ? AND peer_id = ?"));
        bindPicture(&q, p, i, m.id, m.peerId);
        if (!q.exec()) {
            m_lastError = logged(q.lastError());
            return false;
        }
    }
    return true;
}

bool HistoryStore::updatePicture(const QString &id, const QString &peerId, int index,
                                 const ChatPicture &picture)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("UPDATE pictures SET position = ?, sha256 = ?, state = ?, error = ? "
                             "WHERE idx = ? AND message_row = "
                             "(SELECT id FROM messages WHERE uid = ? AND peer_id = ?)"));
    bindPicture(&q, picture, index, id, peerId);
    if (!q.exec()) {
        m_lastError = logged(q.lastError());
        return false;
    }
    return q.numRowsAffected() > 0;
}

std::optional<QSqlQuery> HistoryStore::selectForRows(const QString &statement,
                                                     const QStringList &rowIds) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    if (!q.exec(statement.arg(rowIds.join(QLatin1Char(','))))) {
        logged(q.lastError());
        return std::nullopt;
    }
    return q;
}

void HistoryStore::loadPictures(QList<ChatMessage> *messages) const
{
    if (messages->isEmpty())
        return;
    QHash<qint64, int> byRow;
    QStringList rows;
    for (int i = 0; i < messages->size(); ++i) {
        byRow.insert(messages->at(i).rowId, i);
        rows.append(QString::number(messages->at(i).rowId));
    }
    std::optional<QSqlQuery> found = selectForRows(
        QStringLiteral("SELECT message_row, position, sha256, state, error FROM "
                       "pictures WHERE message_row IN (%1) ORDER BY message_row, idx"),
        rows);
    if (!found)
        return;
    QSqlQuery &q = *found;
    while (q.next()) {
        ChatPicture p;
        p.position = q.value(1).toInt();
        p.sha256 = q.value(2).toString();
        p.state = PictureState(q.value(3).toInt());
        p.error = q.value(4).toString();
        (*messages)[byRow.value(q.value(0).toLongLong())].pictures.append(p);
    }
}

bool HistoryStore::updateState(const QString &id, const QString &peerId, DeliveryState state,
                               const QString &error, Failure failure)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    return changeRows(QStringLiteral("UPDATE messages SET state = ?, error = ?, failure = ? "
                                     "WHERE uid = ? AND peer_id = ?"),
                      {int(state), error, int(failure), id, peerId});
}

QList<ChatMessage> HistoryStore::select(const QString &where, const QVariantList &bind,
                                        int limit) const
{
    QList<ChatMessage> out;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, %1 FROM messages %2 ORDER BY id DESC LIMIT %3")
                  .arg(QLatin1String(Columns), where)
                  .arg(std::max(0, limit)));
    for (const QVariant &v : bind)
        q.addBindValue(v);
    if (!q.exec()) {
        logged(q.lastError());
        return out;
    }
    while (q.next()) {
        ChatMessage m;
        m.rowId = q.value(0).toLongLong();
        m.id = q.value(1).toString();
        m.peerId = q.value(2).toString();
        m.peerNick = q.value(3).toString();
        m.direction = Direction(q.value(4).toInt());
        m.text = q.value(5).toString();
        m.sealed = q.value(6).toInt() != 0;
        m.autoReply = q.value(7).toInt() != 0;
        m.multicast = q.value(8).toInt() != 0;
        m.state = DeliveryState(q.value(9).toInt());
        m.error = q.value(10).toString();
        m.packetNo = quint64(q.value(11).toLongLong());
        m.timestampMs = q.value(12).toLongLong();
        m.failure = Failure(q.value(13).toInt());
        m.encrypted = q.value(14).toInt() != 0;
        m.authenticity = Authenticity(q.value(15).toInt());
        m.warning = SecurityWarning(q.value(16).toInt());
        m.person = q.value(17).toString();
        if (const auto room = RoomId::fromString(q.value(18).toString()))
            m.roomId = *room;
        m.notice.kind = RoomNotice::Kind(q.value(19).toInt());
        if (!m.notice.isNull()) {
            QStringList names;
            for (const QJsonValue &v : QJsonDocument::fromJson(q.value(20).toByteArray()).array())
                names.append(v.toString());
            m.notice.actor = names.isEmpty() ? QString() : names.takeFirst();
            m.notice.names = names;
        }
        m.personKey = q.value(21).toString();
        out.prepend(m);
    }
    loadPictures(&out);
    loadOffered(&out);
    return out;
}

void HistoryStore::loadOffered(QList<ChatMessage> *messages) const
{
    QMultiHash<QString, int> byId;
    QStringList rows;
    for (int i = 0; i < messages->size(); ++i) {
        const ChatMessage &m = messages->at(i);
        // Only a wordless row of ours stands for an offer; one with words shows its words.
        if (m.direction == Direction::Outgoing && m.text.isEmpty() && m.pictures.isEmpty()) {
            byId.insert(m.id, i);
            rows.append(QString::number(m.rowId));
        }
    }
    if (rows.isEmpty())
        return;
    std::optional<QSqlQuery> found = selectForRows(
        QStringLiteral("SELECT uid, path, is_dir, size FROM offer_files WHERE uid IN "
                       "(SELECT uid FROM messages WHERE id IN (%1)) ORDER BY uid, idx"),
        rows);
    if (!found)
        return;
    QSqlQuery &q = *found;
    while (q.next()) {
        OfferedPath item;
        item.path = q.value(1).toString();
        item.isDir = q.value(2).toInt() != 0;
        item.size = quint64(q.value(3).toLongLong());
        // A message to several peers has a row in each of their chats.
        const QList<int> at = byId.values(q.value(0).toString());
        for (const int i : at)
            (*messages)[i].offered.append(item);
    }
}

void HistoryStore::roomDeliveries(QList<ChatMessage> *page) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QHash<QString, int> byId;
    QStringList rows;
    for (int i = 0; i < page->size(); ++i) {
        const ChatMessage &m = page->at(i);
        if (!m.roomId.isNull() && m.direction == Direction::Outgoing && m.notice.isNull()) {
            byId.insert(m.id, i);
            rows.append(QString::number(m.rowId));
        }
    }
    if (rows.isEmpty())
        return;
    std::optional<QSqlQuery> found = selectForRows(
        QStringLiteral("SELECT uid, peer_id, peer_nick, state, error, failure FROM messages "
                       "WHERE direction = %2 AND room_id <> '' AND uid IN "
                       "(SELECT uid FROM messages WHERE id IN (%1)) ORDER BY id")
            .replace(QStringLiteral("%2"), QString::number(int(Direction::Outgoing))),
        rows);
    if (!found)
        return;
    QSqlQuery &q = *found;
    while (q.next()) {
        const auto it = byId.constFind(q.value(0).toString());
        if (it == byId.cend())
            continue;
        MemberDelivery d;
        d.peerId = q.value(1).toString();
        d.nick = q.value(2).toString();
        d.state = DeliveryState(q.value(3).toInt());
        d.error = q.value(4).toString();
        d.failure = Failure(q.value(5).toInt());
        (*page)[it.value()].deliveries.append(d);
    }
}

std::optional<ChatMessage> HistoryStore::find(const QString &id) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    const QList<ChatMessage> found = select(QStringLiteral("WHERE uid = ?"), {id}, 1);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<ChatMessage> HistoryStore::conversation(const QString &peerId, int limit,
                                              qint64 beforeRowId) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    if (beforeRowId > 0)
        return select(QStringLiteral("WHERE peer_id = ? AND id < ? AND %1").arg(shownInChat()),
                      {peerId, beforeRowId}, limit);
    return select(QStringLiteral("WHERE peer_id = ? AND %1").arg(shownInChat()), {peerId}, limit);
}

QList<ChatMessage> HistoryStore::conversationFrom(const QString &peerId, qint64 rowId, int context,
                                                  qint64 beforeRowId, int limit) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    const QString shown = shownInChat();
    // One more than allowed tells that the message is too far back.
    QList<ChatMessage> rows = select(
        QStringLiteral("WHERE peer_id = ? AND id < ? AND %1 AND id >= COALESCE((SELECT MIN(id) "
                       "FROM (SELECT id FROM messages WHERE peer_id = ? AND id <= ? AND %1 "
                       "ORDER BY id DESC LIMIT ?)), ?)")
            .arg(shown),
        {peerId, beforeRowId > 0 ? beforeRowId : std::numeric_limits<qint64>::max(), peerId, rowId,
         std::max(1, context + 1), rowId},
        limit + 1);
    if (rows.size() > limit)
        return {};
    return rows;
}

QList<ChatMessage> HistoryStore::search(const QString &text, const QString &peerId, int limit) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    const QStringList terms = searchTerms(text);
    if (terms.isEmpty())
        return {};
    QStringList where;
    QVariantList bind;
    if (!peerId.isEmpty()) {
        // A room's rows name a member as peer: a chat's search leaves them to the room's.
        where << QStringLiteral("peer_id = ?") << QLatin1String(NotInRoom);
        bind << peerId;
    }
    const bool indexed = indexComplete();
    QStringList phrases;
    for (const QString &term : terms) {
        const bool picture = QStringLiteral("[picture]").contains(term, Qt::CaseInsensitive);
        if (indexed && term.toUcs4().size() >= TrigramLength) {
            if (!picture) {
                // All such terms go into one MATCH (its terms are ANDed): one index lookup.
                phrases.append(fullTextPhrase(term));
                continue;
            }
            // Pictures by their own table, not by a test on every row: an OR over a per-row
            // EXISTS would turn the index lookup back into a scan.
            where << QStringLiteral("(id IN (SELECT rowid FROM messages_fts WHERE messages_fts "
                                    "MATCH ?) OR id IN (SELECT message_row FROM pictures))");
            bind << fullTextPhrase(term);
            continue;
        }
        // Trigrams cannot find 1 or 2 characters (a Chinese word is often 2, 你好), nor anything
        // while the backlog is being indexed: those scan the rows, newest first, and stop at
        // limit matches, so a frequent short word returns at once and only a rare one reads
        // the whole table (or the chat's rows, through messages_peer).
        const QString pattern = QLatin1Char('%') + escapeLike(term) + QLatin1Char('%');
        where << QStringLiteral("(body LIKE ? ESCAPE '\\' OR (%1 AND '[picture]' LIKE ? ESCAPE "
                                "'\\'))")
                     .arg(QLatin1String(HasPictures));
        bind << pattern << pattern;
    }
    if (!phrases.isEmpty()) {
        where << QStringLiteral(
            "id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)");
        bind << phrases.join(QLatin1Char(' '));
    }
    return select(QStringLiteral("WHERE ") + where.join(QLatin1String(" AND ")), bind, limit);
}

QList<ChatMessage> HistoryStore::recent(int limit) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    return select(QString(), {}, limit);
}

QList<ChatMessage> HistoryStore::latestPerPeer(int limit) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QList<ChatMessage> latest = select(
        // Our own auto-reply is not what the chat is about: the list shows what they wrote.
        QStringLiteral("WHERE id IN (SELECT MAX(id) FROM messages WHERE %1 AND NOT (auto_reply "
                       "AND direction = %2) GROUP BY peer_id)")
            .arg(QLatin1String(NotInRoom))
            .arg(int(Direction::Outgoing)),
        {}, limit);
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT peer_id, peer_nick FROM messages WHERE id IN (SELECT MAX(id) "
                             "FROM messages WHERE direction = ? GROUP BY peer_id)"));
    q.addBindValue(int(Direction::Incoming));
    if (!q.exec()) {
        logged(q.lastError());
        return latest;
    }
    QHash<QString, QString> ownNames;
    while (q.next())
        ownNames.insert(q.value(0).toString(), q.value(1).toString());
    for (ChatMessage &m : latest)
        m.peerNick = ownNames.value(m.peerId, m.peerNick);
    return latest;
}

// Group chats: a room's rows, and the connection RoomStore keeps its tables on.

QList<ChatMessage> HistoryStore::roomConversation(const RoomId &room, int limit,
                                                  qint64 beforeRowId) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    // What we sent has one row per member (each with its receipt); the room shows it once.
    const QString once = QStringLiteral(
        "WHERE id IN (SELECT MIN(id) FROM messages WHERE room_id = ? GROUP BY uid, direction)");
    if (beforeRowId > 0)
        return select(once + QStringLiteral(" AND id < ?"), {room.toString(), beforeRowId}, limit);
    return select(once, {room.toString()}, limit);
}

QList<ChatMessage> HistoryStore::latestPerRoom(int limit) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    return select(QStringLiteral("WHERE id IN (SELECT MAX(id) FROM messages WHERE room_id <> '' "
                                 "GROUP BY room_id)"),
                  {}, limit);
}

QList<ChatMessage> HistoryStore::searchRoom(const RoomId &room, const QString &text,
                                            int limit) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    const QStringList terms = searchTerms(text);
    if (terms.isEmpty())
        return {};
    QString where = QStringLiteral("room_id = ?");
    QVariantList bind{room.toString()};
    for (const QString &term : terms) {
        where += QStringLiteral(" AND body LIKE ? ESCAPE '\\'");
        bind << QLatin1Char('%') + escapeLike(term) + QLatin1Char('%');
    }
    return select(QStringLiteral("WHERE id IN (SELECT MIN(id) FROM messages WHERE %1 GROUP BY "
                                 "uid, direction)")
                      .arg(where),
                  bind, limit);
}

QSqlDatabase HistoryStore::database() const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    return QSqlDatabase::database(m_connectionName, false);
}

qint64 HistoryStore::count() const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM messages")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// The offline queue's rows: outgoing messages in state Queued.

QString HistoryStore::isQueued()
{
    // A literal, not a bound value: only then may SQLite use the partial index.
    return QStringLiteral("state = %1").arg(int(DeliveryState::Queued));
}

bool HistoryStore::addQueueIndex()
{
    // Partial: only the few queued or unanswered rows are in them, however long the history.
    return exec(QStringLiteral("CREATE INDEX IF NOT EXISTS messages_queued ON messages(person, id) "
                               "WHERE %1")
                    .arg(isQueued())) &&
           exec(QStringLiteral("CREATE INDEX IF NOT EXISTS messages_unanswered ON messages(id) "
                               "WHERE %1")
                    .arg(isUnanswered()));
}

QString HistoryStore::isUnanswered()
{
    return QStringLiteral("state = %1 AND direction = %2")
        .arg(int(DeliveryState::Sending))
        .arg(int(Direction::Outgoing));
}

QList<ChatMessage> HistoryStore::requeueUnanswered()
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QList<ChatMessage> rows =
        select(QStringLiteral("WHERE %1 AND person <> ''").arg(isUnanswered()), {},
               std::numeric_limits<int>::max());
    if (rows.isEmpty())
        return rows;
    // One statement for them all; each waits for the key its person showed there last.
    if (!changeRows(QStringLiteral("UPDATE messages SET state = ?, person_key = COALESCE((SELECT "
                                   "key FROM people WHERE people.peer_id = messages.peer_id AND "
                                   "people.person = messages.person), '') WHERE %1 AND "
                                   "person <> ''")
                        .arg(isUnanswered()),
                    {int(DeliveryState::Queued)}))
        return {};
    for (ChatMessage &m : rows) {
        m.state = DeliveryState::Queued;
        m.personKey = personKeyAt(m.peerId, m.person);
    }
    return rows;
}

QList<ChatMessage> HistoryStore::queuedFor(const QString &person) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    // select() returns the oldest first.
    return select(QStringLiteral("WHERE %1 AND person = ? AND direction = ?").arg(isQueued()),
                  {person, int(Direction::Outgoing)}, std::numeric_limits<int>::max());
}

QStringList HistoryStore::queuedPersons() const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QStringList out;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT DISTINCT person FROM messages WHERE %1 AND person <> ''")
                    .arg(isQueued()))) {
        logged(q.lastError());
        return out;
    }
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

HistoryStore::Seen HistoryStore::lastSeen(const QString &peerId) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // Who was there last, even if we never wrote to them there (met in a room, then moved):
    // the rows at an address may be another person's who was there before.
    if (const std::optional<PersonAt> at = personAt(peerId)) {
        // The name they went by there, else their newest anywhere (a chat parked, a room's
        // member): the second reads back from the newest row, only when the first found none.
        const QString there = QStringLiteral("peer_id = ? AND ");
        for (const bool here : {true, false}) {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT peer_nick FROM messages WHERE %1person = ? AND "
                                     "peer_nick <> '' ORDER BY id DESC LIMIT 1")
                          .arg(here ? there : QString()));
            if (here)
                q.addBindValue(peerId);
            q.addBindValue(at->person);
            if (q.exec() && q.next())
                return {at->person, q.value(0).toString(), at->key};
        }
        return {at->person, {}, at->key};
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT person, peer_nick FROM messages WHERE peer_id = ? "
                             "AND person <> '' ORDER BY id DESC LIMIT 1"));
    q.addBindValue(peerId);
    if (!q.exec() || !q.next())
        return {};
    const QString person = q.value(0).toString();
    return {person, q.value(1).toString(), personKeyAt(peerId, person)};
}

std::optional<HistoryStore::PersonAt> HistoryStore::personAt(const QString &peerId) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT person, key FROM people WHERE peer_id = ? AND person <> ''"));
    q.addBindValue(peerId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return PersonAt{peerId, q.value(0).toString(), q.value(1).toString()};
}

QString HistoryStore::personKeyAt(const QString &peerId, const QString &person) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT key FROM people WHERE peer_id = ? AND person = ?"));
    q.addBindValue(peerId);
    q.addBindValue(person);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0).toString();
}

bool HistoryStore::createPeople()
{
    const std::optional<bool> had = hasTable(QStringLiteral("people"));
    if (!had)
        return false;
    if (*had)
        return true;
    // Filled once from the rows of an older history (no key known there): its conversations
    // can follow their persons too.
    return exec(QStringLiteral("CREATE TABLE people (peer_id TEXT PRIMARY KEY, person TEXT NOT "
                               "NULL, key TEXT NOT NULL DEFAULT '') WITHOUT ROWID")) &&
           exec(QStringLiteral("CREATE INDEX people_person ON people(person)")) &&
           exec(QStringLiteral("INSERT OR IGNORE INTO people (peer_id, person) SELECT peer_id, "
                               "person FROM messages WHERE id IN (SELECT MAX(id) FROM messages "
                               "WHERE person <> '' AND %1 GROUP BY peer_id)")
                    .arg(QLatin1String(NotInRoom)));
}

bool HistoryStore::notePeople(const QList<PersonAt> &seen)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        m_lastError = logged(db.lastError());
        return false;
    }
    for (const PersonAt &at : seen) {
        if (!changeRows(QStringLiteral("INSERT INTO people (peer_id, person, key) VALUES (?, ?, "
                                       "?) ON CONFLICT(peer_id) DO UPDATE SET person = "
                                       "excluded.person, key = excluded.key"),
                        {at.peerId, at.person, at.key.isNull() ? QStringLiteral("") : at.key})) {
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        m_lastError = logged(db.lastError());
        db.rollback();
        return false;
    }
    return true;
}

QList<HistoryStore::PersonAt> HistoryStore::peerIdsOf(const QString &person) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QList<PersonAt> out;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT peer_id, key FROM people WHERE person = ?"));
    q.addBindValue(person);
    if (!q.exec()) {
        logged(q.lastError());
        return out;
    }
    while (q.next())
        out.append({q.value(0).toString(), person, q.value(1).toString()});
    return out;
}

int HistoryStore::moveConversation(const QString &fromPeerId, const QString &toPeerId)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        m_lastError = logged(db.lastError());
        return -1;
    }
    // OR IGNORE: a message that went to both addresses keeps its row at the old one.
    QSqlQuery rows(db);
    rows.prepare(QStringLiteral("UPDATE OR IGNORE messages SET peer_id = ? WHERE peer_id = ? AND "
                                "%1")
                     .arg(QLatin1String(NotInRoom)));
    rows.addBindValue(toPeerId);
    rows.addBindValue(fromPeerId);
    QSqlQuery person(db);
    person.prepare(QStringLiteral("DELETE FROM people WHERE peer_id = ?"));
    person.addBindValue(fromPeerId);
    // Read before the next statement: SQLite counts changes per connection.
    const int moved = rows.exec() ? rows.numRowsAffected() : -1;
    if (moved < 0 || !person.exec()) {
        m_lastError = logged(rows.lastError().isValid() ? rows.lastError() : person.lastError());
        db.rollback();
        return -1;
    }
    if (!db.commit()) {
        m_lastError = logged(db.lastError());
        db.rollback();
        return -1;
    }
    return moved;
}

bool HistoryStore::holdQueued(const QString &id, const QString &peerId, Failure why)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    return changeRows(QStringLiteral("UPDATE messages SET failure = ? WHERE uid = ? AND "
                                     "peer_id = ? AND failure <> ? AND %1")
                          .arg(isQueued()),
                      {int(why), id, peerId, int(why)});
}

std::optional<QString> HistoryStore::peerIdNamed(const QString &nick) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    // What they called themselves last (their own messages), else what we called them.
    q.prepare(QStringLiteral("SELECT peer_id FROM messages WHERE peer_nick = ? AND person <> '' "
                             "ORDER BY direction = ? DESC, id DESC LIMIT 1"));
    q.addBindValue(nick);
    q.addBindValue(int(Direction::Incoming));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toString();
}

bool HistoryStore::changeRows(const QString &sql, const QVariantList &bind)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(sql);
    for (const QVariant &v : bind)
        q.addBindValue(v);
    if (!q.exec()) {
        m_lastError = logged(q.lastError());
        return false;
    }
    return q.numRowsAffected() > 0;
}

bool HistoryStore::leaveQueue(const QString &id, const QString &peerId, DeliveryState state,
                              const QString &error, Failure failure)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    return changeRows(QStringLiteral("UPDATE messages SET state = ?, error = ?, failure = ? "
                                     "WHERE uid = ? AND peer_id = ? AND %1")
                          .arg(isQueued()),
                      {int(state), error, int(failure), id, peerId});
}

bool HistoryStore::enqueue(const QString &id, const QString &peerId, const QString &person,
                           const QString &personKey)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    return changeRows(QStringLiteral("UPDATE messages SET state = ?, error = '', failure = 0, "
                                     "person = ?, person_key = ? WHERE uid = ? AND peer_id = ?"),
                      {int(DeliveryState::Queued), person,
                       personKey.isNull() ? QStringLiteral("") : personKey, id, peerId});
}

bool HistoryStore::moveQueued(const QString &id, const QString &fromPeerId, const QString &toPeerId)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    return changeRows(
        QStringLiteral("UPDATE messages SET peer_id = ? WHERE uid = ? AND peer_id = ? AND %1")
            .arg(isQueued()),
        {toPeerId, id, fromPeerId});
}

QList<ChatMessage> HistoryStore::queuedBefore(qint64 wallMs) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    return select(QStringLiteral("WHERE %1 AND ts_ms < ?").arg(isQueued()), {wallMs},
                  std::numeric_limits<int>::max());
}

bool HistoryStore::createOfferFiles()
{
    // Histories from before queued offers get the table here; nothing else changes. served:
    // the offer may still be offered or fetched; once it ended the list stays, for its bubble.
    if (!exec(QStringLiteral("CREATE TABLE IF NOT EXISTS offer_files (uid TEXT NOT NULL, "
                             "idx INTEGER NOT NULL, path TEXT NOT NULL, "
                             "is_dir INTEGER NOT NULL, size INTEGER NOT NULL, "
                             "mtime INTEGER NOT NULL, served INTEGER NOT NULL DEFAULT 1, "
                             "PRIMARY KEY(uid, idx))")))
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("PRAGMA table_info(offer_files)"))) {
        m_lastError = logged(q.lastError());
        return false;
    }
    while (q.next()) {
        if (q.value(1).toString() == QLatin1String("served"))
            return true;
    }
    // Every list an older version kept was of an offer still served when it stopped.
    return exec(
        QStringLiteral("ALTER TABLE offer_files ADD COLUMN served INTEGER NOT NULL DEFAULT 1"));
}

bool HistoryStore::keepOfferFiles(const QString &id, const QList<SharedItem> &items)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        m_lastError = logged(db.lastError());
        return false;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO offer_files (uid, idx, path, is_dir, size, "
                             "mtime) VALUES (?,?,?,?,?,?)"));
    for (const SharedItem &item : items) {
        q.addBindValue(id);
        q.addBindValue(qint64(item.fileId));
        q.addBindValue(item.path);
        q.addBindValue(item.isDir ? 1 : 0);
        q.addBindValue(qint64(item.size));
        q.addBindValue(item.mtime);
        if (!q.exec()) {
            m_lastError = logged(q.lastError());
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        m_lastError = logged(db.lastError());
        db.rollback();
        return false;
    }
    return true;
}

QList<SharedItem> HistoryStore::offerFiles(const QString &id) const
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT idx, path, is_dir, size, mtime FROM offer_files WHERE uid = ? AND served = 1 "
        "ORDER BY idx"));
    q.addBindValue(id);
    QList<SharedItem> items;
    if (!q.exec())
        return items;
    while (q.next()) {
        SharedItem item;
        item.fileId = quint32(q.value(0).toLongLong());
        item.path = q.value(1).toString();
        item.isDir = q.value(2).toInt() != 0;
        item.size = quint64(q.value(3).toLongLong());
        item.mtime = q.value(4).toLongLong();
        items.append(item);
    }
    return items;
}

bool HistoryStore::retireOfferFiles(const QString &id)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("UPDATE offer_files SET served = 0 WHERE uid = ? AND served = 1 AND "
                             "NOT EXISTS (SELECT 1 FROM messages WHERE uid = ? AND %1)")
                  .arg(isQueued()));
    q.addBindValue(id);
    q.addBindValue(id);
    if (!q.exec()) {
        m_lastError = logged(q.lastError());
        return false;
    }
    return true;
}

QStringList HistoryStore::lapseOffers(const QString &error, Failure failure)
{
    LANPIGEON_ASSERT_THREAD(m_thread);
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT DISTINCT uid FROM offer_files f WHERE served = 1 AND NOT "
                               "EXISTS (SELECT 1 FROM messages WHERE messages.uid = f.uid AND %1)")
                    .arg(isQueued()))) {
        m_lastError = logged(q.lastError());
        return {};
    }
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    q.finish();
    if (ids.isEmpty())
        return ids;
    if (!db.transaction()) {
        m_lastError = logged(db.lastError());
        return {};
    }
    QSqlQuery fail(db);
    fail.prepare(QStringLiteral("UPDATE messages SET state = ?, error = ?, failure = ? WHERE "
                                "uid = ? AND direction = ? AND state IN (?, ?)"));
    QSqlQuery forget(db);
    forget.prepare(QStringLiteral("UPDATE offer_files SET served = 0 WHERE uid = ?"));
    for (const QString &id : std::as_const(ids)) {
        for (const QVariant &v : QVariantList{int(DeliveryState::Failed), error, int(failure), id,
                                              int(Direction::Outgoing), int(DeliveryState::Sending),
                                              int(DeliveryState::Delivered)})
            fail.addBindValue(v);
        forget.addBindValue(id);
        if (!fail.exec() || !forget.exec()) {
            m_lastError =
                logged(fail.lastError().isValid() ? fail.lastError() : forget.lastError());
            db.rollback();
            return {};
        }
    }
    if (!db.commit()) {
        m_lastError = logged(db.lastError());
        db.rollback();
        return {};
    }
    return ids;
}

} // namespace lanpigeon
