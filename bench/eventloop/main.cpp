// How long the GUI thread goes without running its event loop while the window opens a chat
// with 100,000 messages of history, receives a 2 GiB file, and then 20 screenshots inline.
// Prints bench rows (see bench/lib.sh); asserts nothing.
#include "chatpage.h"
#include "chatwindow.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "messenger.h"
#include "models/conversationmodel.h"
#include "models/peermodel.h"
#include "offercard.h"
#include "uisettings.h"

#include <QBuffer>
#include <QImage>
#include <QListView>
#include <QPainter>
#include <QScrollBar>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <ctime>

using namespace lanpigeon;

namespace {
constexpr quint16 Port = 34259;

NodeConfig config(const QString &ip, const QString &nick, const QString &peerIp, const QString &dir)
{
    NodeConfig c;
    c.bindAddress = QHostAddress(ip);
    c.port = Port;
    c.nick = nick;
    c.user = nick;
    c.host = QStringLiteral("bench");
    c.broadcast = false;
    c.extraHosts = {QHostAddress(peerIp)};
    c.profileDir = dir + QStringLiteral("/profile");
    c.downloadDir = dir + QStringLiteral("/downloads");
    return c;
}

// Ticks every millisecond on the GUI thread and records how late each tick was.
class LatencyProbe
{
public:
    void start()
    {
        m_lags.clear();
        m_clock.start();
        m_last = 0;
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_lags.append((now - m_last) / 1000);
            m_last = now;
        });
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.start(1);
    }
    void stop()
    {
        m_timer.stop();
        QObject::disconnect(&m_timer, nullptr, nullptr, nullptr);
    }
    // Microseconds between ticks: the worst and the 99th percentile.
    std::pair<qint64, qint64> worstAndP99()
    {
        QList<qint64> v = m_lags;
        if (v.isEmpty())
            return {0, 0};
        std::sort(v.begin(), v.end());
        return {v.last(), v[qsizetype(double(v.size() - 1) * 0.99)]};
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<qint64> m_lags;
};

// Times every event the GUI thread handles at the top level: the longest is the longest the
// window could not react, whatever the other threads were doing to the CPU.
qint64 threadCpuUs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

class TimedApplication final : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        // notify() runs on every thread; only the GUI thread's events count.
        if (QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (m_depth++ > 0) {
            const bool r = QApplication::notify(receiver, event);
            --m_depth;
            return r;
        }
        // CPU time of this thread, not wall time: with both cores moving data the thread is
        // also preempted, which is the scheduler's doing, not work done on the GUI thread.
        const qint64 before = threadCpuUs();
        const bool r = QApplication::notify(receiver, event);
        const qint64 spent = threadCpuUs() - before;
        longest = std::max(longest, spent);
        if (qEnvironmentVariableIsSet("LANPIGEON_BENCH_SLOW") && spent > 5000)
            std::fprintf(stderr, "slow event: %lld us, %s, type %d\n",
                         static_cast<long long>(spent), receiver->metaObject()->className(),
                         int(event->type()));
        --m_depth;
        return r;
    }
    qint64 longest = 0;

private:
    int m_depth = 0;
};

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        // Sleeps until something happens: a busy loop here would itself starve the threads.
        QTimer::singleShot(5, [] {});
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// One row of the bench table (see bench/lib.sh): what, ours, reference name and figure, note.
void row(const QString &what, const QString &ours, const QString &refName = QStringLiteral("-"),
         const QString &ref = QStringLiteral("-"), const QString &note = {})
{
    const QString line = QStringList{what, ours, refName, ref, note}.join(u'\t');
    std::printf("%s\n", qPrintable(line));
}

} // namespace

int main(int argc, char *argv[])
{
    // As in the apps' main(): an upload whose receiver is gone fails with EPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    const qint64 historyCount = argc > 1 ? QByteArray(argv[1]).toLongLong() : 100000;
    const qint64 fileBytes = (argc > 2 ? QByteArray(argv[2]).toLongLong() : 2048) * 1024 * 1024;
    QTemporaryDir dir(QStringLiteral("/dev/shm/lpevloop.XXXXXX"));
    const QString peerId = QStringLiteral("127.0.0.2:%1").arg(Port);

    // The history, written before the window starts.
    QElapsedTimer t;
    t.start();
    {
        HistoryStore history;
        QString error;
        QDir().mkpath(dir.filePath(QStringLiteral("me/profile")));
        if (!history.open(dir.filePath(QStringLiteral("me/profile/history.sqlite")), &error)) {
            std::fprintf(stderr, "history: %s\n", qPrintable(error));
            return 1;
        }
        for (qint64 i = 0; i < historyCount; ++i) {
            ChatMessage m;
            m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            m.peerId = peerId;
            m.peerNick = QStringLiteral("小王");
            m.direction = i % 2 ? Direction::Incoming : Direction::Outgoing;
            m.text = QStringLiteral("message %1: 今天的会议改到下午三点，记得带上周报。").arg(i);
            m.state = DeliveryState::Delivered;
            m.timestampMs = 1700000000000 + i * 1000;
            history.insert(m);
        }
    }
    const double fillSeconds = t.elapsed() / 1000.0;

    Messenger me(config(QStringLiteral("127.0.0.1"), QStringLiteral("Me"),
                        QStringLiteral("127.0.0.2"), dir.filePath(QStringLiteral("me"))));
    Messenger peer(config(QStringLiteral("127.0.0.2"), QStringLiteral("小王"),
                          QStringLiteral("127.0.0.1"), dir.filePath(QStringLiteral("peer"))));
    ui::MainWindow window(&me, ui::UiSettings());
    window.show();
    me.start();
    peer.start();
    const QString myId = QStringLiteral("127.0.0.1:%1").arg(Port);
    if (!waitFor([&] { return me.peerModel()->find(peerId) && peer.peerModel()->find(myId); },
                 10000)) {
        std::fprintf(stderr, "the two messengers did not find each other\n");
        return 1;
    }

    LatencyProbe probe;
    probe.start();
    app.longest = 0;
    t.restart();
    window.openChat(peerId);
    ui::ChatPage *page = window.chatWindow()->page(peerId);
    waitFor([&] { return page->model()->rowCount() > 0; }, 10000);
    const qint64 openMs = t.elapsed();
    // Scroll to the top a few times: each asks for one more page.
    for (int i = 0; i < 5; ++i) {
        const int rows = page->model()->rowCount();
        page->model()->loadOlder();
        waitFor([&] { return page->model()->rowCount() > rows; }, 5000);
    }
    const auto [openWorst, openP99] = probe.worstAndP99();
    const qint64 openEvent = app.longest;
    probe.stop();

    // A 2 GiB file from the peer, accepted in the window.
    const QString big = dir.filePath(QStringLiteral("big.bin"));
    {
        QFile f(big);
        f.open(QIODevice::WriteOnly);
        QByteArray chunk(1024 * 1024, 'x');
        for (qint64 done = 0; done < fileBytes; done += chunk.size())
            f.write(chunk.constData(), std::min<qint64>(chunk.size(), fileBytes - done));
    }
    peer.offerFiles({myId}, {big});
    waitFor([&] { return page->findChild<ui::OfferCard *>() != nullptr; }, 10000);
    ui::OfferCard *card = page->findChild<ui::OfferCard *>();
    if (!card) {
        std::fprintf(stderr, "no offer arrived\n");
        return 1;
    }
    probe.start();
    app.longest = 0;
    if (qEnvironmentVariableIsSet("LANPIGEON_BENCH_SLOW"))
        std::fprintf(stderr, "-- receiving\n");
    t.restart();
    card->accept(me.config().downloadDir);
    const bool ok = waitFor([&] { return card->progressPercent() == 100; }, 600000);
    const double transferSeconds = t.elapsed() / 1000.0;
    const auto [moveWorst, moveP99] = probe.worstAndP99();
    const qint64 moveEvent = app.longest;
    probe.stop();

    // 20 screenshots of 1920 x 1080 arrive into the open chat, each its own message: fetched,
    // stored, decoded to thumbnails and drawn. Done when the last is on screen.
    QList<QByteArray> shots;
    for (int i = 0; i < 20; ++i) {
        QImage shot(1920, 1080, QImage::Format_RGB32);
        shot.fill(QColor(40 + i * 8, 120, 200));
        QPainter p(&shot);
        p.setPen(Qt::white);
        for (int line = 0; line < 40; ++line)
            p.drawText(
                40, 30 + line * 26,
                QStringLiteral("screenshot %1, line %2: 今天的会议改到下午三点").arg(i).arg(line));
        p.end();
        QBuffer buffer(&shots.emplace_back());
        buffer.open(QIODevice::WriteOnly);
        shot.save(&buffer, "PNG");
    }
    page->view()->verticalScrollBar()->setValue(page->view()->verticalScrollBar()->maximum());
    const int rowsBefore = page->model()->rowCount();
    probe.start();
    app.longest = 0;
    if (qEnvironmentVariableIsSet("LANPIGEON_BENCH_SLOW"))
        std::fprintf(stderr, "-- pictures\n");
    t.restart();
    for (const QByteArray &shot : std::as_const(shots))
        peer.sendMessage({myId}, QStringLiteral("screenshot"), false, {OutgoingPicture{0, shot}});
    auto picturesReady = [&] {
        if (page->model()->rowCount() < rowsBefore + 20)
            return false;
        for (int row = rowsBefore; row < page->model()->rowCount(); ++row) {
            const auto pictures = page->model()
                                      ->index(row)
                                      .data(ConversationModel::PicturesRole)
                                      .value<QList<ChatPicture>>();
            for (const ChatPicture &p : pictures) {
                if (p.state != PictureState::Ready)
                    return false;
            }
        }
        return true;
    };
    const bool picturesOk = waitFor(picturesReady, 60000);
    // The decodes of the last rows, and their layout and paint.
    waitFor([] { return false; }, 1500);
    const double picturesSeconds = t.elapsed() / 1000.0;
    const auto [picWorst, picP99] = probe.worstAndP99();
    const qint64 picEvent = app.longest;
    probe.stop();

    // One 60 Hz frame: a GUI event longer than that is a visible stutter.
    const QString frame = QStringLiteral("60 Hz frame");
    const QString frameMs = QStringLiteral("16.7");
    auto ms = [](double us) { return QString::number(us / 1000.0, 'f', 1); };
    row(QStringLiteral("GUI (offscreen): history of %1 messages written (s)").arg(historyCount),
        QString::number(fillSeconds, 'f', 1));
    row(QStringLiteral("  open that chat, first page shown (ms)"), QString::number(openMs), frame,
        frameMs);
    row(QStringLiteral("  opening and paging up: longest GUI event, CPU (ms)"), ms(openEvent),
        frame, frameMs);
    row(QStringLiteral("    longest gap between 1 ms timer ticks (ms)"), ms(openWorst), frame,
        frameMs, QStringLiteral("p99 %1 ms").arg(ms(openP99)));
    row(QStringLiteral("  receiving %1 MiB: longest GUI event, CPU (ms)").arg(fileBytes >> 20),
        ms(moveEvent), frame, frameMs, ok ? QString() : QStringLiteral("TRANSFER DID NOT FINISH"));
    row(QStringLiteral("    longest gap between 1 ms timer ticks (ms)"), ms(moveWorst), frame,
        frameMs, QStringLiteral("p99 %1 ms; both cores busy moving data").arg(ms(moveP99)));
    row(QStringLiteral("    that transfer, into the GUI's process (MB/s)"),
        QString::number(fileBytes / transferSeconds / 1e6, 'f', 0));
    row(QStringLiteral("  20 pictures of 1920x1080 arriving inline: longest GUI event, CPU (ms)"),
        ms(picEvent), frame, frameMs,
        picturesOk ? QStringLiteral("all fetched in %1 s").arg(picturesSeconds - 1.5, 0, 'f', 1)
                   : QStringLiteral("PICTURES DID NOT ALL ARRIVE"));
    row(QStringLiteral("    longest gap between 1 ms timer ticks (ms)"), ms(picWorst), frame,
        frameMs, QStringLiteral("p99 %1 ms; decoding on the thumbnail pool").arg(ms(picP99)));
    return ok && picturesOk ? 0 : 1;
}
