// History at scale: 1,000,000 messages among 1,000 peers, a realistic mix of English and
// Chinese. Search for a rare word across all chats through the FTS5 index against the LIKE
// scan it replaced (same run, turns alternating), a short Chinese word (which still scans), the
// database's size per message with and without the index, indexing a history older than the
// index, and opening the chat that holds 100,000 of them on the GUI thread (offscreen; its
// longest GUI event is bench/eventloop's row).
// Prints bench rows (see bench/lib.sh); asserts nothing.
#include "benchtable.h"
#include "chatpage.h"
#include "history/historystore.h"
#include "messenger.h"
#include "models/conversationmodel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QListView>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace lanpigeon;
using bench::median;
using bench::row;
using bench::waitFor;

namespace {
constexpr quint16 Port = 34278;
constexpr int Peers = 1000;
// One message in ten goes to the chat that is opened: 100,000 of 1,000,000.
constexpr int OpenedChatShare = 10;
const QString RareWord = QStringLiteral("zeppelin");
const QString RareChinese = QStringLiteral("鹦鹉螺");
constexpr int RareEvery = 100000;

void progress(const QString &what)
{
    std::fprintf(stderr, "bench history: %s\n", qPrintable(what));
}

QString peerId(int peer)
{
    return QStringLiteral("10.0.%1.%2:2425").arg(peer / 250).arg(peer % 250 + 1);
}

QString fixed(double v, int decimals = 1)
{
    return QString::number(v, 'f', decimals);
}

// Runs sql on the bench's own connection; exits on failure, since every figure after would lie.
void exec(QSqlQuery &q, const QString &sql)
{
    if (!q.exec(sql)) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(sql), qPrintable(q.lastError().text()));
        std::exit(1);
    }
}

qint64 fileBytes(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 1000000;
    const int turns = argc > 2 ? QByteArray(argv[2]).toInt() : 5;
    QTemporaryDir dir(QStringLiteral("/dev/shm/lphistory.XXXXXX"));
    const QString profile = dir.filePath(QStringLiteral("profile"));
    QDir().mkpath(profile);
    const QString path = QDir(profile).filePath(QStringLiteral("history.sqlite"));
    const QString opened = peerId(0);

    // The schema is the store's own; the rows go in through one prepared statement in one
    // transaction, the index filled by its trigger as they come.
    {
        HistoryStore schema;
        QString error;
        if (!schema.open(path, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench"));
    db.setDatabaseName(path);
    db.open();
    // Written as a version before the index wrote it; the index is then built as a start of
    // this version builds it, which is also the quickest way to a million indexed rows.
    auto dropIndex = [&] {
        QSqlQuery q(db);
        for (const char *sql :
             {"DROP TRIGGER messages_fts_insert", "DROP TRIGGER messages_fts_delete",
              "DROP TRIGGER messages_fts_update", "DROP TABLE messages_fts",
              "DROP TABLE fts_backlog"})
            exec(q, QString::fromLatin1(sql));
    };
    dropIndex();
    const QStringList english =
        QStringLiteral(
            "the meeting report lunch tomorrow deploy server build release coffee printer "
            "please check the logs again after standup are you coming to review this branch "
            "merged thanks sounds good see you at three o'clock network is down again")
            .split(u' ');
    const QStringList chinese =
        QStringLiteral(
            "今天 的 会议 改到 下午 三点 记得 带上 周报 项目 进度 你好 服务器 发布 测试 "
            "谢谢 没问题 明天 见 打印机 又 坏了 午饭 吃 什么 代码 已经 合并 请 检查 日志")
            .split(u' ');
    progress(QStringLiteral("writing %1 messages").arg(count));
    QElapsedTimer t;
    t.start();
    {
        QSqlQuery q(db);
        // A million rows go through three B-trees and the index: with SQLite's default 2 MB
        // cache they spill to the WAL over and over.
        exec(q, QStringLiteral("PRAGMA cache_size=-524288"));
        exec(q, QStringLiteral("BEGIN"));
        q.prepare(QStringLiteral("INSERT INTO messages (uid, peer_id, peer_nick, direction, body, "
                                 "state, ts_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        QRandomGenerator random(15);
        for (int i = 0; i < count; ++i) {
            const int peer = i % OpenedChatShare == 0 ? 0 : 1 + i % (Peers - 1);
            const bool inChinese = random.bounded(2) == 0;
            const QStringList &words = inChinese ? chinese : english;
            QString body;
            const int n = 3 + int(random.bounded(12));
            for (int w = 0; w < n; ++w) {
                if (!inChinese && w > 0)
                    body += u' ';
                body += words.at(int(random.bounded(qsizetype(words.size()))));
            }
            // Ten of each rare word, one in each language's words.
            if (i % RareEvery == RareEvery / 2)
                body += u' ' + RareWord;
            if (i % RareEvery == RareEvery / 3)
                body += RareChinese;
            q.addBindValue(QString::number(i));
            q.addBindValue(peerId(peer));
            q.addBindValue(QStringLiteral("peer %1").arg(peer));
            q.addBindValue(i % 2);
            q.addBindValue(body);
            q.addBindValue(i % 2 ? 1 : 4);
            q.addBindValue(qint64(1600000000000) + qint64(i) * 1000);
            if (!q.exec()) {
                std::fprintf(stderr, "insert: %s\n", qPrintable(q.lastError().text()));
                return 1;
            }
        }
        exec(q, QStringLiteral("COMMIT"));
        exec(q, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    const double fillSeconds = t.elapsed() / 1000.0;
    const qint64 withoutIndex = fileBytes(path);
    row(QStringLiteral("History: %1 messages, 1,000 peers, written in one transaction (s)")
            .arg(count),
        fixed(fillSeconds), QStringLiteral("-"), QStringLiteral("-"),
        QStringLiteral("as an older version wrote them, without the index"));
    progress(QStringLiteral("indexing it"));
    {
        HistoryStore old;
        t.restart();
        old.open(path, nullptr);
        double longestStep = 0;
        QElapsedTimer step;
        bool more = true;
        while (more) {
            step.start();
            more = old.indexBacklog(2000);
            longestStep = std::max(longestStep, step.nsecsElapsed() / 1e6);
        }
        row(QStringLiteral("  that history indexed after open, in steps of 2,000 rows (s)"),
            fixed(t.elapsed() / 1000.0), QStringLiteral("-"), QStringLiteral("-"),
            QStringLiteral("on the network thread; longest step %1 ms").arg(fixed(longestStep, 0)));
    }
    {
        QSqlQuery q(db);
        exec(q, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    row(QStringLiteral("  database size per message, with the FTS5 index (bytes)"),
        QString::number(fileBytes(path) / count), QStringLiteral("without"),
        QString::number(withoutIndex / count));

    // Turns alternate, so a noisy neighbour slows both alike.
    HistoryStore store;
    store.open(path, nullptr);
    const QString oldSearch = QStringLiteral(
        "SELECT id, body FROM messages WHERE (body LIKE ? ESCAPE '\\' OR (EXISTS (SELECT 1 FROM "
        "pictures WHERE pictures.message_row = messages.id) AND '[picture]' LIKE ? ESCAPE '\\')) "
        "ORDER BY id DESC LIMIT 100");
    auto likeScan = [&](const QString &word, int *found) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(oldSearch);
        const QString pattern = QLatin1Char('%') + word + QLatin1Char('%');
        q.addBindValue(pattern);
        q.addBindValue(pattern);
        q.exec();
        *found = 0;
        while (q.next())
            ++*found;
    };
    auto searchRow = [&](const QString &label, const QString &word, const QString &peer) {
        progress(QStringLiteral("searching for %1").arg(word));
        QList<double> ours, like;
        int ourHits = 0, likeHits = 0;
        for (int turn = 0; turn < turns; ++turn) {
            QElapsedTimer clock;
            clock.start();
            ourHits = int(store.search(word, peer, 100).size());
            ours.append(clock.nsecsElapsed() / 1e6);
            clock.restart();
            likeScan(word, &likeHits);
            like.append(clock.nsecsElapsed() / 1e6);
        }
        row(label, fixed(median(ours)), QStringLiteral("LIKE scan"), fixed(median(like)),
            QStringLiteral("median of %1; %2 found (LIKE %3)%4")
                .arg(turns)
                .arg(ourHits)
                .arg(likeHits)
                .arg(word.size() >= 3 ? QStringLiteral("; target < 30 ms") : QString()));
    };
    searchRow(QStringLiteral("  search a rare word in all chats, FTS5 trigram (ms)"), RareWord, {});
    searchRow(QStringLiteral("  search a rare Chinese word (3 characters) (ms)"), RareChinese, {});
    searchRow(QStringLiteral("  search 2 Chinese characters, 你好: LIKE, stops at 100 (ms)"),
              QStringLiteral("你好"), {});
    {
        QList<double> pageMs;
        for (int turn = 0; turn < turns; ++turn) {
            QElapsedTimer clock;
            clock.start();
            store.conversation(opened, ui::ChatPage::PageSize + 1);
            pageMs.append(clock.nsecsElapsed() / 1e6);
        }
        row(QStringLiteral("  the first page of the chat of %1 read from history (ms)")
                .arg(count / OpenedChatShare),
            fixed(median(pageMs), 2));
    }
    store.close();

    // Opening the chat of 100,000 messages, as the window does: the page is made and shown,
    // it asks the network thread for its first page, which is laid out and painted.
    progress(QStringLiteral("opening the chat"));
    NodeConfig c;
    c.bindAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    c.port = Port;
    c.nick = QStringLiteral("Me");
    c.broadcast = false;
    c.profileDir = profile;
    c.downloadDir = dir.filePath(QStringLiteral("downloads"));
    Messenger me(c);
    ui::ChatPage *page = nullptr;
    QObject::connect(
        &me, &Messenger::conversationLoaded, &app,
        [&](const QString &peer, qint64 before, const QList<ChatMessage> &messages, bool more) {
            if (page && peer == page->peerId())
                page->addHistory(before, messages, more);
        });
    bool started = false;
    QObject::connect(&me, &Messenger::started, &app, [&] { started = true; });
    me.start();
    if (!waitFor([&] { return started; }, 30000, 1)) {
        std::fprintf(stderr, "the messenger did not start\n");
        return 1;
    }
    QList<double> openMs, madeMs, rowsMs;
    for (int turn = 0; turn < turns; ++turn) {
        QElapsedTimer clock;
        clock.start();
        page = new ui::ChatPage(&me, opened);
        page->resize(700, 600);
        page->show();
        madeMs.append(clock.nsecsElapsed() / 1e6);
        double rowsAt = -1;
        // Shown: the first page's last bubble has been painted in the viewport.
        waitFor(
            [&] {
                if (page->model()->rowCount() == 0)
                    return false;
                if (rowsAt < 0)
                    rowsAt = clock.nsecsElapsed() / 1e6;
                QCoreApplication::processEvents();
                return page->view()->viewport()->visibleRegion().intersects(
                    page->view()->visualRect(page->model()->index(page->model()->rowCount() - 1)));
            },
            10000, 1);
        openMs.append(clock.nsecsElapsed() / 1e6);
        rowsMs.append(rowsAt);
        delete page;
        page = nullptr;
        QCoreApplication::processEvents();
    }
    row(QStringLiteral("  open the chat of %1 messages, first page shown (ms)")
            .arg(count / OpenedChatShare),
        fixed(median(openMs)), QStringLiteral("60 Hz frame"), QStringLiteral("16.7"),
        QStringLiteral("median of %1: page made and shown %2, rows there %3, then laid out and "
                       "painted")
            .arg(turns)
            .arg(fixed(median(madeMs)), fixed(median(rowsMs))));
    me.shutdown();
    waitFor([&] { return !me.isRunning(); }, 5000, 1);
    return 0;
}
