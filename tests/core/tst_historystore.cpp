// History in SQLite: paging, search, state updates, and nothing acknowledged lost on kill -9.
#include "history/historystore.h"
#include "testnode.h"

#include <QProcess>
#include <QSqlDatabase>
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
    void ignoresDuplicateRows();
    void searchTreatsWildcardsLiterally();
    void reopensWithData();
    void failsClearlyOnUnwritablePath();
    void survivesKill9WithNothingAcknowledgedLost();
    void keepsSecurityMarks();
    void migratesOlderHistories();
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
// "✓ delivered", whatever became of the offer. Pages leave them out and still hold as many
// messages as asked for.
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
        QVERIFY(q.exec(QStringLiteral(
            "CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " uid TEXT NOT NULL, peer_id TEXT NOT NULL, peer_nick TEXT,"
            " direction INTEGER NOT NULL, body TEXT NOT NULL,"
            " sealed INTEGER NOT NULL DEFAULT 0, auto_reply INTEGER NOT NULL DEFAULT 0,"
            " multicast INTEGER NOT NULL DEFAULT 0,"
            " state INTEGER NOT NULL, error TEXT, packet_no INTEGER, ts_ms INTEGER NOT NULL,"
            " UNIQUE(uid, peer_id))")));
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

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
