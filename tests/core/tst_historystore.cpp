// History in SQLite: paging, search, state updates, and nothing acknowledged lost on kill -9.
#include "history/historyexport.h"
#include "history/historystore.h"
#include "history/searchhit.h"
#include "testnode.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTemporaryFile>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;

namespace {
ChatMessage make(const QString &id, const QString &peer, const QString &text, qint64 ts)
{
    ChatMessage m;
    m.id = id;
    m.peerId = peer;
    m.peerNick = QStringLiteral("nick");
    m.text = text;
    m.timestampMs = ts;
    return m;
}

// The messages table of the first releases (no failure kinds, no security marks), with the
// columns of a later one in extra ("name TYPE,").
QString firstSchema(const QString &extra = {})
{
    return QStringLiteral("CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                          " uid TEXT NOT NULL, peer_id TEXT NOT NULL, peer_nick TEXT,"
                          " direction INTEGER NOT NULL, body TEXT NOT NULL,"
                          " sealed INTEGER NOT NULL DEFAULT 0, auto_reply INTEGER NOT NULL "
                          "DEFAULT 0, multicast INTEGER NOT NULL DEFAULT 0,"
                          " state INTEGER NOT NULL, error TEXT, packet_no INTEGER, ts_ms "
                          "INTEGER NOT NULL,%1 UNIQUE(uid, peer_id))")
        .arg(extra);
}

// The messages the search tests look in, by id: peer and text.
const QList<std::pair<QString, QString>> SearchCorpus = {
    {QStringLiteral("P"), QStringLiteral("今天的会议改到下午三点")},
    {QStringLiteral("P"), QStringLiteral("你好，世界")},
    {QStringLiteral("Q"), QStringLiteral("Deploy the SERVER tonight")},
    {QStringLiteral("Q"),
     QStringLiteral("server-side rendering: \"quoted\" (maybe) a*b AND c NEAR d")},
    {QStringLiteral("P"), QStringLiteral("price: 100% off_sale")},
    {QStringLiteral("Q"), QStringLiteral("!!! ??? ...")},
    {QStringLiteral("P"), QStringLiteral("会议室在三楼")},
    {QStringLiteral("P"), QStringLiteral("look")}, // with a picture
    {QStringLiteral("Q"), QStringLiteral("ПРИВЕТ, мир; party 🎉🎉 time")},
};
constexpr int PictureRow = 8;

void fillSearchCorpus(HistoryStore *store)
{
    for (int i = 0; i < SearchCorpus.size(); ++i) {
        ChatMessage m =
            make(QString::number(i + 1), SearchCorpus[i].first, SearchCorpus[i].second, i + 1);
        if (i + 1 == PictureRow)
            m.pictures.append({4, QStringLiteral("ab"), PictureState::Ready, {}});
        QVERIFY(store->insert(m));
    }
}

QStringList ids(const QList<ChatMessage> &messages)
{
    QStringList out;
    for (const ChatMessage &m : messages)
        out.append(m.id);
    return out;
}

// FTS5's own check that its index holds exactly what the messages table holds (rank 1 compares
// an external-content index with its content), on a second connection.
bool indexMatchesMessages(const QString &path)
{
    bool ok = false;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path);
        QSqlQuery q(db);
        ok = db.open() && q.exec(QStringLiteral("INSERT INTO messages_fts(messages_fts, rank) "
                                                "VALUES ('integrity-check', 1)"));
        if (!ok)
            qWarning() << q.lastError().text();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return ok;
}

// Runs sql on a second connection, as another program editing the file would.
bool execOn(const QString &path, const QString &sql)
{
    bool ok = false;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("edit"));
        db.setDatabaseName(path);
        QSqlQuery q(db);
        ok = db.open() && q.exec(sql);
        if (!ok)
            qWarning() << q.lastError().text();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("edit"));
    return ok;
}
} // namespace

class TestHistoryStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void storesAndPagesConversations();
    void updatesState();
    void storesWordlessMessages();
    void recentChatsKeepThePeersOwnName();
    void conversationLeavesOutWordlessMessages();
    void conversationShowsOurOffersWithTheirFiles();
    void offerFilesOfAnOlderHistoryAreStillServed();
    void roomPageTellsWhatEachMemberGot();
    void ignoresDuplicateRows();
    void searchTreatsWildcardsLiterally();
    void reopensWithData();
    void failsClearlyOnUnwritablePath();
    void survivesKill9WithNothingAcknowledgedLost();
    void keepsSecurityMarks();
    void migratesOlderHistories();
    void queuedRowsKnowTheirPersonsKey();
    void searchFindsSubstrings_data();
    void searchFindsSubstrings();
    void searchIndexFollowsDeletesAndEdits();
    void matchRangesCoverEveryWord();
    void olderHistoryGainsTheIndexInSteps();
    void exportKeepsTextAsTextAndEmbedsPictures();
    void deleteLeavesOtherChats();
    void chatSearchAndDeleteLeaveRoomRows();
};

void TestHistoryStore::storesAndPagesConversations()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite")), nullptr));
    for (int i = 0; i < 10; ++i)
        QVERIFY(store.insert(make(QStringLiteral("x%1").arg(i), QStringLiteral("X"),
                                  QStringLiteral("msg %1").arg(i), i)));
    QVERIFY(
        store.insert(make(QStringLiteral("y"), QStringLiteral("Y"), QStringLiteral("other"), 50)));
    QCOMPARE(store.count(), 11);

    const QList<ChatMessage> last = store.conversation(QStringLiteral("X"), 3);
    QCOMPARE(last.size(), 3);
    QCOMPARE(last.at(0).text, QStringLiteral("msg 7"));
    QCOMPARE(last.at(2).text, QStringLiteral("msg 9"));
    const QList<ChatMessage> before =
        store.conversation(QStringLiteral("X"), 3, last.first().rowId);
    QCOMPARE(before.size(), 3);
    QCOMPARE(before.at(0).text, QStringLiteral("msg 4"));
    QCOMPARE(before.at(2).text, QStringLiteral("msg 6"));
    QCOMPARE(store.conversation(QStringLiteral("Y"), 100).size(), 1);
    QCOMPARE(store.recent(2).last().peerId, QStringLiteral("Y"));
}

// The message that carries a file offer without words: its text is a null QString, which
// SQLite took as NULL and refused, so the offer never reached history.
void TestHistoryStore::storesWordlessMessages()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite")), nullptr));
    QVERIFY2(store.insert(make(QStringLiteral("offer"), QStringLiteral("P"), QString(), 1)),
             qPrintable(store.lastError()));
    const std::optional<ChatMessage> back = store.find(QStringLiteral("offer"));
    QVERIFY(back);
    QVERIFY(back->text.isEmpty());
    // Recent chats preview it ("📎 Files").
    QCOMPARE(store.latestPerPeer(5).size(), 1);
    QCOMPARE(store.latestPerPeer(5).first().id, QStringLiteral("offer"));
}

// A message that failed to reach a peer who had left is stored under the peer's address, and
// after a restart Recent chats named Bob "127.0.0.4".
void TestHistoryStore::recentChatsKeepThePeersOwnName()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite")), nullptr));
    ChatMessage hello =
        make(QStringLiteral("in"), QStringLiteral("127.0.0.4:2425"), QStringLiteral("hello"), 1);
    hello.peerNick = QStringLiteral("Bob");
    QVERIFY(store.insert(hello));
    ChatMessage lost = make(QStringLiteral("out"), QStringLiteral("127.0.0.4:2425"),
                            QStringLiteral("still there?"), 2);
    lost.direction = Direction::Outgoing;
    lost.peerNick = QStringLiteral("127.0.0.4");
    QVERIFY(store.insert(lost));
    QVERIFY(
        store.insert(make(QStringLiteral("other"), QStringLiteral("P"), QStringLiteral("x"), 3)));
    QHash<QString, ChatMessage> byPeer;
    for (const ChatMessage &m : store.latestPerPeer(5))
        byPeer.insert(m.peerId, m);
    QCOMPARE(byPeer.size(), 2);
    QCOMPARE(byPeer.value(QStringLiteral("127.0.0.4:2425")).id, QStringLiteral("out"));
    QCOMPARE(byPeer.value(QStringLiteral("127.0.0.4:2425")).peerNick, QStringLiteral("Bob"));
    // A peer that never wrote keeps the name we stored.
    QCOMPARE(byPeer.value(QStringLiteral("P")).peerNick, QStringLiteral("nick"));
}

// A conversation loaded from history showed each offer's carrier as an empty bubble marked
// "✓ delivered", whatever became of the offer. Pages leave out those whose files history does
// not name (offers we received, ours from older histories) and still hold as many messages as
// asked for.
void TestHistoryStore::conversationLeavesOutWordlessMessages()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite")), nullptr));
    for (int i = 0; i < 6; ++i) {
        QVERIFY(store.insert(make(QStringLiteral("t%1").arg(i), QStringLiteral("P"),
                                  QStringLiteral("text %1").arg(i), 2 * i)));
        QVERIFY(store.insert(
            make(QStringLiteral("o%1").arg(i), QStringLiteral("P"), QString(), 2 * i + 1)));
    }
    const QList<ChatMessage> last = store.conversation(QStringLiteral("P"), 3);
    QCOMPARE(last.size(), 3);
    QCOMPARE(last.at(0).text, QStringLiteral("text 3"));
    QCOMPARE(last.at(2).text, QStringLiteral("text 5"));
    const QList<ChatMessage> before =
        store.conversation(QStringLiteral("P"), 3, last.first().rowId);
    QCOMPARE(before.size(), 3);
    QCOMPARE(before.at(0).text, QStringLiteral("text 0"));
    QCOMPARE(before.at(2).text, QStringLiteral("text 2"));
    QVERIFY(store.conversation(QStringLiteral("P"), 3, before.first().rowId).isEmpty());
    // The newest row of the chat is still the offer, for Recent chats.
    QCOMPARE(store.latestPerPeer(5).first().id, QStringLiteral("o5"));
}

namespace {
ChatMessage carrier(const QString &id, const QString &peer, DeliveryState state, qint64 ts)
{
    ChatMessage m = make(id, peer, QString(), ts);
    m.direction = Direction::Outgoing;
    m.state = state;
    return m;
}

SharedItem shared(quint32 fileId, const QString &path, bool isDir, quint64 size)
{
    SharedItem item;
    item.fileId = fileId;
    item.path = path;
    item.isDir = isDir;
    item.size = size;
    item.mtime = 1700000000;
    return item;
}
} // namespace

// After a restart a queued file offer of ours had no bubble, so it could not be seen or
// cancelled: pages left out every wordless row. Ours whose files history names now show, with
// those files, whatever became of them; the others stay out.
void TestHistoryStore::conversationShowsOurOffersWithTheirFiles()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite")), nullptr));
    const QString p = QStringLiteral("P");
    QVERIFY(store.insert(make(QStringLiteral("t"), p, QStringLiteral("report?"), 1)));
    // Queued while P is away: a file and a folder.
    QVERIFY(store.keepOfferFiles(QStringLiteral("q"),
                                 {shared(0, QStringLiteral("/home/me/Q3 report.pdf"), false, 3000),
                                  shared(1, QStringLiteral("/home/me/photos"), true, 5000)}));
    QVERIFY(store.insert(carrier(QStringLiteral("q"), p, DeliveryState::Queued, 2)));
    // Cancelled while queued, and fetched: over, but still ours to see.
    QVERIFY(store.keepOfferFiles(QStringLiteral("c"),
                                 {shared(0, QStringLiteral("/tmp/c.txt"), false, 1)}));
    ChatMessage cancelled = carrier(QStringLiteral("c"), p, DeliveryState::Failed, 3);
    cancelled.failure = Failure::Cancelled;
    QVERIFY(store.insert(cancelled));
    QVERIFY(store.retireOfferFiles(QStringLiteral("c")));
    QVERIFY(store.keepOfferFiles(QStringLiteral("d"),
                                 {shared(0, QStringLiteral("/tmp/d.txt"), false, 2)}));
    QVERIFY(store.insert(carrier(QStringLiteral("d"), p, DeliveryState::Delivered, 4)));
    QVERIFY(store.retireOfferFiles(QStringLiteral("d")));
    // Still on offer when the program stopped.
    QVERIFY(store.keepOfferFiles(QStringLiteral("s"),
                                 {shared(0, QStringLiteral("/tmp/s.txt"), false, 3)}));
    QVERIFY(store.insert(carrier(QStringLiteral("s"), p, DeliveryState::Delivered, 5)));
    // One offer to P and Q: a row in each chat.
    QVERIFY(store.keepOfferFiles(QStringLiteral("m"),
                                 {shared(0, QStringLiteral("/tmp/m.txt"), false, 4)}));
    QVERIFY(store.insert(carrier(QStringLiteral("m"), p, DeliveryState::Delivered, 6)));
    QVERIFY(store.insert(
        carrier(QStringLiteral("m"), QStringLiteral("Q"), DeliveryState::Delivered, 6)));
    QVERIFY(store.retireOfferFiles(QStringLiteral("m")));
    // Left out: an offer we received (no list of its files), and one of ours whose list an
    // older version forgot when it ended.
    ChatMessage received = make(QStringLiteral("in"), p, QString(), 7);
    QVERIFY(store.insert(received));
    QVERIFY(store.insert(carrier(QStringLiteral("old"), p, DeliveryState::Delivered, 8)));
    QVERIFY(store.insert(make(QStringLiteral("u"), p, QStringLiteral("thanks"), 9)));

    // A retired list names its files for the bubble but offers nothing any more.
    QVERIFY(store.offerFiles(QStringLiteral("d")).isEmpty());
    QCOMPARE(store.offerFiles(QStringLiteral("q")).size(), 2);
    // The next start lapses only the offer still served.
    QCOMPARE(store.lapseOffers(QStringLiteral("lapsed"), Failure::OfferLapsed),
             QStringList{QStringLiteral("s")});

    auto ids = [](const QList<ChatMessage> &page) {
        QStringList out;
        for (const ChatMessage &m : page)
            out << m.id;
        return out;
    };
    const QList<ChatMessage> page = store.conversation(p, 100);
    QCOMPARE(ids(page), (QStringList{"t", "q", "c", "d", "s", "m", "u"}));
    const ChatMessage &q = page.at(1);
    QCOMPARE(q.state, DeliveryState::Queued);
    QCOMPARE(q.offered.size(), 2);
    QCOMPARE(q.offered.at(0).path, QStringLiteral("/home/me/Q3 report.pdf"));
    QVERIFY(!q.offered.at(0).isDir);
    QCOMPARE(q.offered.at(0).size, quint64(3000));
    QCOMPARE(q.offered.at(1).path, QStringLiteral("/home/me/photos"));
    QVERIFY(q.offered.at(1).isDir);
    QCOMPARE(q.offered.at(1).size, quint64(5000));
    QCOMPARE(page.at(2).failure, Failure::Cancelled);
    QCOMPARE(page.at(2).offered.size(), 1);
    QCOMPARE(page.at(3).state, DeliveryState::Delivered);
    QCOMPARE(page.at(4).state, DeliveryState::Failed);
    QCOMPARE(page.at(4).failure, Failure::OfferLapsed);
    QCOMPARE(page.at(5).offered.first().path, QStringLiteral("/tmp/m.txt"));
    // Words are words: a message with them carries no offer list.
    QVERIFY(page.first().offered.isEmpty());
    QVERIFY(page.last().offered.isEmpty());
    // Pages count what they show.
    const QList<ChatMessage> last = store.conversation(p, 3);
    QCOMPARE(ids(last), (QStringList{"s", "m", "u"}));
    QCOMPARE(ids(store.conversation(p, 3, last.first().rowId)), (QStringList{"q", "c", "d"}));
    // A message found by search opens among the same rows.
    QCOMPARE(ids(store.conversationFrom(p, page.at(2).rowId, 1, 0, 100)),
             (QStringList{"q", "c", "d", "s", "m", "u"}));

    // An export says what each offer was, not an empty line.
    const ExportSource source{QStringLiteral("P"), p, QStringLiteral("Me"), {}};
    const QString text = QString::fromUtf8(exportConversation(page, ExportFormat::Text, source));
    QVERIFY2(
        text.contains(QStringLiteral("[files: Q3 report.pdf, photos/] [queued, not sent yet]")),
        qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("[files: c.txt] [cancelled, not sent]")),
             qPrintable(text));
    const QString html = QString::fromUtf8(exportConversation(page, ExportFormat::Html, source));
    QVERIFY(html.contains(QStringLiteral("[files: d.txt]")));

    // Deleting P's chat takes the paths of its offers along, but not those Q's chat shows.
    QVERIFY(store.deleteConversation(p) > 0);
    QSqlQuery left(store.database());
    QVERIFY(left.exec(QStringLiteral("SELECT DISTINCT uid FROM offer_files")));
    QVERIFY(left.next());
    QCOMPARE(left.value(0).toString(), QStringLiteral("m"));
    QVERIFY(!left.next());
    QVERIFY(store.offerFiles(QStringLiteral("q")).isEmpty());
    QCOMPARE(store.conversation(QStringLiteral("Q"), 10).first().offered.size(), 1);
}

// offer_files written by the version before the lists outlived their offers: every list it
// kept was of an offer still served, and the next start must lapse it as before.
void TestHistoryStore::offerFilesOfAnOlderHistoryAreStillServed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("h.sqlite"));
    {
        HistoryStore store;
        QVERIFY(store.open(path, nullptr));
        QVERIFY(store.insert(
            carrier(QStringLiteral("s"), QStringLiteral("P"), DeliveryState::Delivered, 1)));
        store.close();
    }
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("olderoffers"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("DROP TABLE offer_files")));
        QVERIFY(q.exec(QStringLiteral(
            "CREATE TABLE offer_files (uid TEXT NOT NULL, idx INTEGER NOT NULL, path TEXT NOT "
            "NULL, is_dir INTEGER NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL, "
            "PRIMARY KEY(uid, idx))")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO offer_files VALUES ('s', 0, '/tmp/s.txt', 0, "
                                      "7, 1700000000)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("olderoffers"));
    HistoryStore store;
    QVERIFY2(store.open(path, nullptr), qPrintable(store.lastError()));
    QCOMPARE(store.lapseOffers(QStringLiteral("lapsed"), Failure::OfferLapsed),
             QStringList{QStringLiteral("s")});
    const QList<ChatMessage> page = store.conversation(QStringLiteral("P"), 10);
    QCOMPARE(page.size(), 1);
    QCOMPARE(page.first().failure, Failure::OfferLapsed);
    QCOMPARE(page.first().offered.first().size, quint64(7));
    // Lapsed once: not again at the start after.
    QVERIFY(store.lapseOffers(QStringLiteral("lapsed"), Failure::OfferLapsed).isEmpty());
}

// A room's page shows our message once; its bubble counts every member's row ("Delivered to
// 2 of 3"), which a page loaded after a restart did not have.
void TestHistoryStore::roomPageTellsWhatEachMemberGot()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite")), nullptr));
    const ipmsg::RoomId room = ipmsg::RoomId::generate();
    const QList<QPair<QString, DeliveryState>> members{
        {QStringLiteral("A"), DeliveryState::Delivered},
        {QStringLiteral("B"), DeliveryState::Queued},
        {QStringLiteral("C"), DeliveryState::Failed}};
    for (const auto &[peer, state] : members) {
        ChatMessage m = make(QStringLiteral("r"), peer, QStringLiteral("lunch?"), 1);
        m.direction = Direction::Outgoing;
        m.roomId = room;
        m.state = state;
        m.peerNick = peer.toLower();
        if (state == DeliveryState::Failed) {
            m.failure = Failure::NoAnswer;
            m.error = QStringLiteral("no answer");
        }
        QVERIFY(store.insert(m));
    }
    ChatMessage heard = make(QStringLiteral("h"), QStringLiteral("A"), QStringLiteral("yes"), 2);
    heard.roomId = room;
    QVERIFY(store.insert(heard));
    QList<ChatMessage> page = store.roomConversation(room, 10);
    QCOMPARE(page.size(), 2);
    QVERIFY(page.first().deliveries.isEmpty());
    store.roomDeliveries(&page);
    const QList<MemberDelivery> got = page.first().deliveries;
    QCOMPARE(got.size(), 3);
    QCOMPARE(got.at(0).peerId, QStringLiteral("A"));
    QCOMPARE(got.at(0).state, DeliveryState::Delivered);
    QCOMPARE(got.at(1).nick, QStringLiteral("b"));
    QCOMPARE(got.at(1).state, DeliveryState::Queued);
    QCOMPARE(got.at(2).state, DeliveryState::Failed);
    QCOMPARE(got.at(2).failure, Failure::NoAnswer);
    QCOMPARE(got.at(2).error, QStringLiteral("no answer"));
    // What members said has no deliveries of ours.
    QVERIFY(page.last().deliveries.isEmpty());
}

void TestHistoryStore::updatesState()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite")), nullptr));
    ChatMessage m = make(QStringLiteral("m"), QStringLiteral("P"), QStringLiteral("t"), 1);
    m.direction = Direction::Outgoing;
    m.state = DeliveryState::Sending;
    QVERIFY(store.insert(m));
    QVERIFY(store.updateState(QStringLiteral("m"), QStringLiteral("P"), DeliveryState::Failed,
                              QStringLiteral("timeout")));
    const ChatMessage back = store.conversation(QStringLiteral("P"), 1).first();
    QCOMPARE(back.state, DeliveryState::Failed);
    QCOMPARE(back.error, QStringLiteral("timeout"));
    QCOMPARE(back.direction, Direction::Outgoing);
    QVERIFY(!store.updateState(QStringLiteral("nope"), QStringLiteral("P"), DeliveryState::Read));
}

void TestHistoryStore::ignoresDuplicateRows()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite")), nullptr));
    QVERIFY(
        store.insert(make(QStringLiteral("same"), QStringLiteral("P"), QStringLiteral("one"), 1)));
    QVERIFY(
        store.insert(make(QStringLiteral("same"), QStringLiteral("P"), QStringLiteral("two"), 2)));
    // The same message to another recipient is its own row.
    QVERIFY(
        store.insert(make(QStringLiteral("same"), QStringLiteral("Q"), QStringLiteral("one"), 1)));
    QCOMPARE(store.count(), 2);
}

void TestHistoryStore::searchTreatsWildcardsLiterally()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite")), nullptr));
    store.insert(make(QStringLiteral("1"), QStringLiteral("P"), QStringLiteral("100% done"), 1));
    store.insert(make(QStringLiteral("2"), QStringLiteral("P"), QStringLiteral("1000 done"), 2));
    store.insert(
        make(QStringLiteral("3"), QStringLiteral("Q"), QStringLiteral("file_name.txt 文件"), 3));
    store.insert(make(QStringLiteral("4"), QStringLiteral("Q"), QStringLiteral("filexname"), 4));
    QCOMPARE(store.search(QStringLiteral("100%")).size(), 1);
    QCOMPARE(store.search(QStringLiteral("file_")).size(), 1);
    QCOMPARE(store.search(QStringLiteral("文件")).first().id, QStringLiteral("3"));
    QCOMPARE(store.search(QStringLiteral("done"), QStringLiteral("P")).size(), 2);
    QCOMPARE(store.search(QStringLiteral("done"), QStringLiteral("Q")).size(), 0);
}

void TestHistoryStore::reopensWithData()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("h.sqlite"));
    {
        HistoryStore store;
        QVERIFY(store.open(path, nullptr));
        QVERIFY(store.insert(
            make(QStringLiteral("k"), QStringLiteral("P"), QStringLiteral("kept"), 1)));
    }
    HistoryStore again;
    QVERIFY(again.open(path, nullptr));
    QCOMPARE(again.conversation(QStringLiteral("P"), 5).first().text, QStringLiteral("kept"));
}

void TestHistoryStore::failsClearlyOnUnwritablePath()
{
    QTemporaryFile notADir;
    QVERIFY(notADir.open());
    HistoryStore store;
    QString error;
    QVERIFY(!store.open(notADir.fileName() + QStringLiteral("/sub/h.sqlite"), &error));
    QVERIFY(error.contains(QStringLiteral("history")));
    QVERIFY(!store.isOpen());
}

void TestHistoryStore::survivesKill9WithNothingAcknowledgedLost()
{
    constexpr quint16 Port = 34254;
    QTemporaryDir profile;
    QProcess listener;
    listener.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    listener.start(QStringLiteral(LANPIGEON_CLI),
                   {QStringLiteral("listen"), QStringLiteral("--bind"), QStringLiteral("127.0.0.2"),
                    QStringLiteral("--port"), QString::number(Port),
                    QStringLiteral("--no-broadcast"), QStringLiteral("--profile"), profile.path(),
                    QStringLiteral("--json")});
    QVERIFY(listener.waitForStarted());
    lanpigeon::test::FakePeer fake(QStringLiteral("127.0.0.3"), Port);
    const QHostAddress to(QStringLiteral("127.0.0.2"));
    // Wait until it answers at all.
    QTRY_VERIFY_WITH_TIMEOUT((fake.send(1, Mode::BrEntry, QByteArrayLiteral("probe\0\0"), to, Port),
                              !fake.packets(Mode::AnsEntry).isEmpty()),
                             10000);
    constexpr int N = 200;
    for (int i = 0; i < N; ++i)
        fake.send(100 + i, Mode::SendMsg | Opt::SendCheck | Opt::Utf8,
                  QStringLiteral("durable %1 消息").arg(i).toUtf8() + '\0', to, Port);
    // Resend what is not acknowledged yet, as a real sender would, until about half are in.
    QSet<QByteArray> acked;
    QElapsedTimer t;
    t.start();
    while (acked.size() < N / 2 && t.elapsed() < 10000) {
        for (const Packet &p : fake.packets(Mode::RecvMsg))
            acked.insert(p.field(0));
        QTest::qWait(1);
    }
    listener.kill();
    QVERIFY(listener.waitForFinished());
    for (const Packet &p : fake.packets(Mode::RecvMsg))
        acked.insert(p.field(0));
    QVERIFY(acked.size() >= N / 2);

    HistoryStore store;
    QVERIFY(store.open(QDir(profile.path()).filePath(QStringLiteral("history.sqlite")), nullptr));
    const QList<ChatMessage> stored = store.recent(N * 2);
    QSet<QByteArray> storedNumbers;
    for (const ChatMessage &m : stored) {
        storedNumbers.insert(QByteArray::number(m.packetNo));
        QCOMPARE(m.text, QStringLiteral("durable %1 消息").arg(m.packetNo - 100));
    }
    qInfo("acknowledged before kill: %lld, stored: %lld", qint64(acked.size()),
          qint64(stored.size()));
    for (const QByteArray &n : std::as_const(acked))
        QVERIFY2(storedNumbers.contains(n), n.constData());
}

void TestHistoryStore::keepsSecurityMarks()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite")), nullptr));
    ChatMessage good = make(QStringLiteral("g"), QStringLiteral("P"), QStringLiteral("signed"), 1);
    good.encrypted = true;
    good.authenticity = Authenticity::Verified;
    ChatMessage changed = make(QStringLiteral("c"), QStringLiteral("P"), QStringLiteral("who"), 2);
    changed.encrypted = true;
    changed.authenticity = Authenticity::Unverified;
    changed.warning = SecurityWarning::KeyChanged;
    // Did not decrypt: no words, but its warning must still show in the chat.
    ChatMessage broken = make(QStringLiteral("u"), QStringLiteral("P"), QString(), 3);
    broken.encrypted = true;
    broken.authenticity = Authenticity::Unverified;
    broken.warning = SecurityWarning::Undecryptable;
    for (const ChatMessage &m : {good, changed, broken})
        QVERIFY(store.insert(m));
    const QList<ChatMessage> page = store.conversation(QStringLiteral("P"), 10);
    QCOMPARE(page.size(), 3);
    QVERIFY(page.at(0).encrypted);
    QCOMPARE(page.at(0).authenticity, Authenticity::Verified);
    QCOMPARE(page.at(0).warning, SecurityWarning::None);
    QCOMPARE(page.at(1).authenticity, Authenticity::Unverified);
    QCOMPARE(page.at(1).warning, SecurityWarning::KeyChanged);
    QCOMPARE(page.at(2).warning, SecurityWarning::Undecryptable);
    const QList<ChatMessage> found = store.search(QStringLiteral("who"), QStringLiteral("P"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().warning, SecurityWarning::KeyChanged);
    QVERIFY(found.first().encrypted);
}

void TestHistoryStore::migratesOlderHistories()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    {
        // The schema of the first releases: no failure kinds, no security marks.
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(firstSchema()));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO messages (uid, peer_id, peer_nick, direction, "
                                      "body, state, ts_ms) VALUES ('old', 'P', 'n', 0, 'before', "
                                      "4, 1)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
    HistoryStore store;
    QVERIFY(store.open(path, nullptr));
    const ChatMessage old = store.conversation(QStringLiteral("P"), 5).first();
    QCOMPARE(old.text, QStringLiteral("before"));
    QVERIFY(!old.encrypted);
    QCOMPARE(old.authenticity, Authenticity::Unsigned);
    QCOMPARE(old.warning, SecurityWarning::None);
    QCOMPARE(old.failure, Failure::None);
    ChatMessage now = make(QStringLiteral("new"), QStringLiteral("P"), QStringLiteral("after"), 2);
    now.encrypted = true;
    now.authenticity = Authenticity::Unverified;
    now.warning = SecurityWarning::Downgrade;
    QVERIFY(store.insert(now));
    store.close();
    // Opening it again finds every column there and adds none twice.
    HistoryStore again;
    QVERIFY(again.open(path, nullptr));
    const QList<ChatMessage> both = again.conversation(QStringLiteral("P"), 5);
    QCOMPARE(both.size(), 2);
    QCOMPARE(both.last().warning, SecurityWarning::Downgrade);
    QVERIFY(both.last().encrypted);
}

void TestHistoryStore::queuedRowsKnowTheirPersonsKey()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.sqlite"));
    const QString bob = QStringLiteral("bob@box");
    {
        // The previous release: persons, but no key with a queued row and no `people`.
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("before"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(firstSchema(QStringLiteral(" person TEXT NOT NULL DEFAULT '',"))));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO messages (uid, peer_id, peer_nick, direction, "
                                      "body, state, ts_ms, person) VALUES ('q', 'P', 'Bob', 1, "
                                      "'waiting', 5, 1, 'bob@box')")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("before"));
    HistoryStore store;
    QVERIFY(store.open(path, nullptr));
    // An old queued row knows no key: user@host alone says whom it waits for.
    const QList<ChatMessage> queued = store.queuedFor(bob);
    QCOMPARE(queued.size(), 1);
    QVERIFY(queued.first().personKey.isEmpty());
    // Who was at each address is filled from the rows there.
    QCOMPARE(store.peerIdsOf(bob).size(), 1);
    QCOMPARE(store.peerIdsOf(bob).first().peerId, QStringLiteral("P"));
    QVERIFY(store.lastSeen(QStringLiteral("P")).key.isEmpty());

    // Seen with a key: what is queued from now on waits for that key.
    const QString key = QStringLiteral("ab").repeated(32);
    QVERIFY(store.notePerson(QStringLiteral("P"), bob, key));
    QCOMPARE(store.lastSeen(QStringLiteral("P")).key, key);
    ChatMessage sending = make(QStringLiteral("s"), QStringLiteral("P"),
                               QStringLiteral("in "
                                              "flight"),
                               2);
    sending.direction = Direction::Outgoing;
    sending.state = DeliveryState::Sending;
    sending.person = bob;
    QVERIFY(store.insert(sending));
    const QList<ChatMessage> requeued = store.requeueUnanswered();
    QCOMPARE(requeued.size(), 1);
    QCOMPARE(requeued.first().personKey, key);
    QCOMPARE(store.queuedFor(bob).last().personKey, key);
    QVERIFY(store.queuedFor(bob).first().personKey.isEmpty());

    // The person moved: their chat with them, in one piece.
    QCOMPARE(store.moveConversation(QStringLiteral("P"), QStringLiteral("Q")), 2);
    QVERIFY(store.conversation(QStringLiteral("P"), 10).isEmpty());
    QCOMPARE(store.conversation(QStringLiteral("Q"), 10).size(), 2);
    QVERIFY(store.peerIdsOf(bob).isEmpty());
    // A queued row can be told why it waits, once.
    QVERIFY(store.holdQueued(QStringLiteral("q"), QStringLiteral("Q"), Failure::AwaitsKeyCheck));
    QVERIFY(!store.holdQueued(QStringLiteral("q"), QStringLiteral("Q"), Failure::AwaitsKeyCheck));
    QCOMPARE(store.queuedFor(bob).first().failure, Failure::AwaitsKeyCheck);
    QCOMPARE(store.queuedFor(bob).first().state, DeliveryState::Queued);
}

void TestHistoryStore::searchFindsSubstrings_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("peer");
    // Ids of SearchCorpus, oldest first.
    QTest::addColumn<QStringList>("expected");
    const QString all;
    auto add = [](const char *name, const QString &query, const QString &peer,
                  const QStringList &expected) {
        QTest::newRow(name) << query << peer << expected;
    };
    add("Chinese, 2 characters inside words", QStringLiteral("会议"), all, {"1", "7"});
    add("Chinese, 2 characters, greeting", QStringLiteral("你好"), all, {"2"});
    add("Chinese, 3 characters inside a word", QStringLiteral("下午三"), all, {"1"});
    add("Chinese, 4 characters across words", QStringLiteral("改到下午"), all, {"1"});
    add("Chinese with punctuation", QStringLiteral("你好，世"), all, {"2"});
    add("English, lower case finds upper", QStringLiteral("server"), all, {"3", "4"});
    add("English, upper case finds lower", QStringLiteral("SERVER"), all, {"3", "4"});
    add("English, inside a word", QStringLiteral("erv"), all, {"3", "4"});
    add("English, words inside words", QStringLiteral("ploy the s"), all, {"3"});
    add("words in another order and case", QStringLiteral("TONIGHT deploy"), all, {"3"});
    add("every word must be there", QStringLiteral("server tonight"), all, {"3"});
    add("a word missing", QStringLiteral("server nowhere"), all, {});
    add("a short and a long word", QStringLiteral("会议 三楼"), all, {"7"});
    add("short words only", QStringLiteral("会 三"), all, {"1", "7"});
    add("a word and a picture", QStringLiteral("look pict"), all, {"8"});
    add("words in one chat", QStringLiteral("side server"), QStringLiteral("Q"), {"4"});
    add("Cyrillic, case folded", QStringLiteral("привет"), all, {"9"});
    add("emoji, 2 characters", QStringLiteral("🎉🎉"), all, {"9"});
    add("emoji and words", QStringLiteral("🎉 time"), all, {"9"});
    add("quotes", QStringLiteral("\"quoted\""), all, {"4"});
    add("a lone quote", QStringLiteral("\""), all, {"4"});
    add("two quotes, not in any text", QStringLiteral("\"\""), all, {});
    add("parentheses", QStringLiteral("(maybe)"), all, {"4"});
    add("an open parenthesis", QStringLiteral("NEAR("), all, {});
    add("star", QStringLiteral("a*b"), all, {"4"});
    add("a lone star", QStringLiteral("*"), all, {"4"});
    add("colon", QStringLiteral("rendering:"), all, {"4"});
    add("a lone colon", QStringLiteral(":"), all, {"4", "5"});
    add("minus", QStringLiteral("-side"), all, {"4"});
    add("AND is a word", QStringLiteral("AND c"), all, {"4"});
    add("NEAR is a word", QStringLiteral("NEAR"), all, {"4"});
    add("LIKE wildcards", QStringLiteral("100%"), all, {"5"});
    add("underscore", QStringLiteral("off_s"), all, {"5"});
    add("punctuation only, 3 characters", QStringLiteral("!!!"), all, {"6"});
    add("punctuation only, longer", QStringLiteral("??? ..."), all, {"6"});
    add("punctuation only, 1 character", QStringLiteral("?"), all, {"6"});
    add("whitespace only", QStringLiteral("   "), all, {});
    add("a picture", QStringLiteral("[picture]"), all, {"8"});
    add("part of a picture", QStringLiteral("PICT"), all, {"8"});
    add("one chat", QStringLiteral("server"), QStringLiteral("Q"), {"3", "4"});
    add("another chat", QStringLiteral("server"), QStringLiteral("P"), {});
    add("one chat, short", QStringLiteral("会议"), QStringLiteral("P"), {"1", "7"});
    add("another chat, short", QStringLiteral("会议"), QStringLiteral("Q"), {});
    add("nothing", QStringLiteral("nowhere"), all, {});
}

void TestHistoryStore::searchFindsSubstrings()
{
    QFETCH(QString, query);
    QFETCH(QString, peer);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite")), nullptr));
    fillSearchCorpus(&store);
    QVERIFY(store.indexComplete());
    QCOMPARE(ids(store.search(query, peer)), expected);
    // The limit keeps the newest.
    if (expected.size() > 1)
        QCOMPARE(ids(store.search(query, peer, 1)), QStringList{expected.last()});
}

void TestHistoryStore::matchRangesCoverEveryWord()
{
    using Ranges = QList<QPair<int, int>>;
    QCOMPARE(matchRanges(QStringLiteral("the printer is broken"), QStringLiteral("BROKEN printer")),
             (Ranges{{4, 7}, {15, 6}}));
    // Overlapping words make one range; a word found twice is marked twice.
    QCOMPARE(matchRanges(QStringLiteral("server servers"), QStringLiteral("serv servers")),
             (Ranges{{0, 4}, {7, 7}}));
    QCOMPARE(matchRanges(QStringLiteral("abc"), QStringLiteral("  ")), Ranges{});
}

void TestHistoryStore::searchIndexFollowsDeletesAndEdits()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("h.sqlite"));
    HistoryStore store;
    QVERIFY(store.open(path, nullptr));
    fillSearchCorpus(&store);
    QVERIFY(indexMatchesMessages(path));
    QVERIFY(execOn(path, QStringLiteral("DELETE FROM messages WHERE uid = '3'")));
    QVERIFY(execOn(path, QStringLiteral("UPDATE messages SET body = 'the SERVER moved to 三楼' "
                                        "WHERE uid = '1'")));
    QVERIFY(indexMatchesMessages(path));
    QCOMPARE(ids(store.search(QStringLiteral("server"))), (QStringList{"1", "4"}));
    QCOMPARE(ids(store.search(QStringLiteral("下午三"))), QStringList{});
    QCOMPARE(ids(store.search(QStringLiteral("moved to"))), QStringList{"1"});
    // A state change rewrites the row but not its words.
    QVERIFY(store.updateState(QStringLiteral("4"), QStringLiteral("Q"), DeliveryState::Read));
    QVERIFY(indexMatchesMessages(path));
    QCOMPARE(ids(store.search(QStringLiteral("rendering"))), QStringList{"4"});
}

void TestHistoryStore::olderHistoryGainsTheIndexInSteps()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    {
        HistoryStore store;
        QVERIFY(store.open(path, nullptr));
        fillSearchCorpus(&store);
    }
    // What a history written before the index looks like.
    QVERIFY(execOn(path, QStringLiteral("DROP TABLE messages_fts")));
    QVERIFY(execOn(path, QStringLiteral("DROP TABLE fts_backlog")));
    QVERIFY(execOn(path, QStringLiteral("DROP TRIGGER messages_fts_insert")));
    QVERIFY(execOn(path, QStringLiteral("DROP TRIGGER messages_fts_delete")));
    QVERIFY(execOn(path, QStringLiteral("DROP TRIGGER messages_fts_update")));
    HistoryStore store;
    QVERIFY(store.open(path, nullptr));
    QVERIFY(!store.indexComplete());
    // Until it is indexed, search scans and finds the same (ASCII case only, as LIKE does).
    QCOMPARE(ids(store.search(QStringLiteral("SERVER"))), (QStringList{"3", "4"}));
    QCOMPARE(ids(store.search(QStringLiteral("下午三"))), QStringList{"1"});
    // Written, deleted and edited while the backlog waits.
    QVERIFY(store.insert(
        make(QStringLiteral("10"), QStringLiteral("P"), QStringLiteral("new server room"), 10)));
    QVERIFY(execOn(path, QStringLiteral("DELETE FROM messages WHERE uid = '4'")));
    QVERIFY(store.indexBacklog(3));
    QVERIFY(execOn(path, QStringLiteral("UPDATE messages SET body = 'Привет again' "
                                        "WHERE uid = '9'")));
    QVERIFY(execOn(path, QStringLiteral("UPDATE messages SET body = 'now a server' "
                                        "WHERE uid = '1'")));
    // Rows 5 to 7, then 8 and 9 (4 is gone), then nothing is left.
    QVERIFY(store.indexBacklog(3));
    QVERIFY(!store.indexBacklog(3));
    QVERIFY(!store.indexBacklog(3));
    QVERIFY(store.indexComplete());
    QVERIFY(indexMatchesMessages(path));
    QCOMPARE(ids(store.search(QStringLiteral("server"))), (QStringList{"1", "3", "10"}));
    // Case folded beyond ASCII: the index answered, not LIKE.
    QCOMPARE(ids(store.search(QStringLiteral("пРИВЕТ"))), QStringList{"9"});
    store.close();
    // Indexed once: the next open has no backlog.
    HistoryStore again;
    QVERIFY(again.open(path, nullptr));
    QVERIFY(again.indexComplete());
    QVERIFY(indexMatchesMessages(path));
}

void TestHistoryStore::exportKeepsTextAsTextAndEmbedsPictures()
{
    QTemporaryDir dir;
    QList<ChatMessage> chat;
    chat.append(make(QStringLiteral("1"), QStringLiteral("P"),
                     QStringLiteral("<script>alert('x')</script> & \"quotes\"\nsecond line"),
                     1700000000000));
    chat.last().peerNick = QStringLiteral("小王");
    ChatMessage mine =
        make(QStringLiteral("2"), QStringLiteral("P"), QStringLiteral("看图"), 1700000060000);
    mine.direction = Direction::Outgoing;
    mine.state = DeliveryState::Delivered;
    // A picture between the two characters, and one whose file is gone.
    mine.pictures = {{1, QStringLiteral("aa"), PictureState::Ready, {}},
                     {3, QStringLiteral("bb"), PictureState::Ready, {}}};
    chat.append(mine);
    ChatMessage sealed = make(QStringLiteral("3"), QStringLiteral("P"),
                              QStringLiteral("for your eyes"), 1700000120000);
    sealed.sealed = true;
    sealed.peerNick = QStringLiteral("小王");
    chat.append(sealed);
    ChatMessage cancelled =
        make(QStringLiteral("4"), QStringLiteral("P"), QStringLiteral("never mind"), 1700000180000);
    cancelled.direction = Direction::Outgoing;
    cancelled.state = DeliveryState::Failed;
    cancelled.failure = Failure::Cancelled;
    chat.append(cancelled);
    const QByteArray png =
        QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwA"
                               "EhQGAhKmMIQAAAABJRU5ErkJggg==");
    const QString picture = dir.filePath(QStringLiteral("aa.png"));
    {
        QFile f(picture);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(png);
    }
    const ExportSource source{
        QStringLiteral("小王"), QStringLiteral("P"), QStringLiteral("Me"),
        [&](const QString &sha) { return sha == QStringLiteral("aa") ? picture : QString(); }};

    QCOMPARE(exportFormatFor(QStringLiteral("/x/chat.HTML")), ExportFormat::Html);
    QCOMPARE(exportFormatFor(QStringLiteral("/x/chat.htm")), ExportFormat::Html);
    QCOMPARE(exportFormatFor(QStringLiteral("/x/chat.txt")), ExportFormat::Text);
    QCOMPARE(exportFormatFor(QStringLiteral("/x/chat")), ExportFormat::Text);

    const QString html = QString::fromUtf8(exportConversation(chat, ExportFormat::Html, source));
    QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
    QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; "
                                         "&quot;quotes&quot;")) ||
            html.contains(QStringLiteral("&lt;script&gt;alert('x')&lt;/script&gt; &amp; "
                                         "&quot;quotes&quot;")));
    QVERIFY(!html.contains(QStringLiteral("<script")));
    QVERIFY(html.contains(QStringLiteral("小王")));
    QVERIFY(html.contains(QStringLiteral(">Me<")));
    QVERIFY(html.contains(QDateTime::fromMSecsSinceEpoch(1700000060000)
                              .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
    // 看, the picture, 图: in its place, as a data: URI of its bytes.
    const QString embedded =
        QStringLiteral("看<img alt=\"[picture]\" src=\"data:image/png;base64,%1\">图")
            .arg(QString::fromLatin1(png.toBase64()));
    QVERIFY2(html.contains(embedded), qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("[picture not available]")));
    QVERIFY(!html.contains(QStringLiteral("for your eyes")));
    QVERIFY(!html.contains(QStringLiteral("file:")));

    const QString text = QString::fromUtf8(exportConversation(chat, ExportFormat::Text, source));
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    QVERIFY(lines.at(0).contains(QStringLiteral("小王")));
    QVERIFY(
        lines.at(1).endsWith(QStringLiteral("  小王: <script>alert('x')</script> & \"quotes\"")));
    QCOMPARE(lines.at(2), QStringLiteral("    second line"));
    QVERIFY(lines.at(3).endsWith(QStringLiteral("  Me: 看[picture]图[picture]")));
    QVERIFY(lines.at(4).endsWith(QStringLiteral("  小王: [sealed message, not opened]")));
    // What never left is not shown as said.
    QVERIFY2(lines.at(5).endsWith(QStringLiteral("  Me: never mind [cancelled, not sent]")),
             qPrintable(lines.at(5)));
    QVERIFY(html.contains(QStringLiteral("never mind <i class=\"unsent\">[cancelled, not "
                                         "sent]</i>")));

    // Written whole: a file that cannot be made says why and leaves nothing.
    QString error;
    QVERIFY(writeExportFile(dir.filePath(QStringLiteral("chat.html")), html.toUtf8(), &error));
    QFile written(dir.filePath(QStringLiteral("chat.html")));
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), html.toUtf8());
    QVERIFY(!writeExportFile(dir.filePath(QStringLiteral("no/such/dir/chat.html")), "x", &error));
    QVERIFY(!error.isEmpty());
}

void TestHistoryStore::deleteLeavesOtherChats()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("h.sqlite"));
    HistoryStore store;
    QVERIFY(store.open(path, nullptr));
    fillSearchCorpus(&store);
    // P has 1, 2, 5, 7 and 8 (with its picture); Q has 3, 4, 6 and 9.
    QCOMPARE(store.deleteConversation(QStringLiteral("P")), 5);
    QVERIFY(store.conversation(QStringLiteral("P"), 100).isEmpty());
    QCOMPARE(store.conversation(QStringLiteral("Q"), 100).size(), 4);
    QCOMPARE(ids(store.search(QStringLiteral("会议"))), QStringList{});
    QCOMPARE(ids(store.search(QStringLiteral("今天的会议"))), QStringList{});
    QCOMPARE(ids(store.search(QStringLiteral("[picture]"))), QStringList{});
    QCOMPARE(ids(store.search(QStringLiteral("server"))), (QStringList{"3", "4"}));
    QVERIFY(indexMatchesMessages(path));
    bool noPictures = false;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("pictures"));
        db.setDatabaseName(path);
        QSqlQuery q(db);
        noPictures = db.open() && q.exec(QStringLiteral("SELECT COUNT(*) FROM pictures")) &&
                     q.next() && q.value(0).toInt() == 0;
    }
    QSqlDatabase::removeDatabase(QStringLiteral("pictures"));
    QVERIFY(noPictures);
    QCOMPARE(store.deleteConversation(QStringLiteral("P")), 0);
}

void TestHistoryStore::chatSearchAndDeleteLeaveRoomRows()
{
    QTemporaryDir dir;
    HistoryStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite")), nullptr));
    // What we wrote to P alone, and to a room P is in (a room's rows name each member as peer).
    ChatMessage alone;
    alone.id = QStringLiteral("a");
    alone.peerId = QStringLiteral("P");
    alone.text = QStringLiteral("lunch together today");
    alone.timestampMs = 1700000000000;
    QVERIFY(store.insert(alone));
    ChatMessage room = alone;
    room.id = QStringLiteral("r");
    room.text = QStringLiteral("lunch for the whole team");
    room.roomId = ipmsg::RoomId::generate();
    QVERIFY(store.insert(room));
    QCOMPARE(ids(store.search(QStringLiteral("lunch"), QStringLiteral("P"))), QStringList{"a"});
    QCOMPARE(ids(store.search(QStringLiteral("lu"), QStringLiteral("P"))), QStringList{"a"});
    QCOMPARE(ids(store.searchRoom(room.roomId, QStringLiteral("lunch"))), QStringList{"r"});
    // Deleting the chat with P leaves the room's history whole.
    QCOMPARE(store.deleteConversation(QStringLiteral("P")), 1);
    QCOMPARE(ids(store.searchRoom(room.roomId, QStringLiteral("lunch"))), QStringList{"r"});
}

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
