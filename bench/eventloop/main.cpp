// How long the GUI thread goes without running its event loop while the window opens a chat
// with 100,000 messages of history, receives a 2 GiB file, and then 20 screenshots inline; and
// how long a pasted screenshot takes from Ctrl+V and Send in one window to shown in the other.
// Prints bench rows (see bench/lib.sh); asserts nothing.
#include "benchtable.h"
#include "chatpage.h"
#include "chatwindow.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "messageinput.h"
#include "messenger.h"
#include "models/conversationmodel.h"
#include "models/peermodel.h"
#include "offercard.h"
#include "thumbnailcache.h"
#include "uisettings.h"

#include <QBuffer>
#include <QClipboard>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QListView>
#include <QPaintEvent>
#include <QPainter>
#include <QPushButton>
#include <QRandomGenerator>
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
#include <functional>

using namespace lanpigeon;
using bench::median;
using bench::row;
using bench::waitFor;

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
            if (afterEvent)
                afterEvent(receiver, event);
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
        if (afterEvent)
            afterEvent(receiver, event);
        --m_depth;
        return r;
    }
    qint64 longest = 0;
    // Called on the GUI thread once an event was handled, as a paint is done.
    std::function<void(QObject *, QEvent *)> afterEvent;

private:
    int m_depth = 0;
};

// A 1920 x 1080 picture that compresses as a screenshot does: gradients, a grab of a real
// window, lines of text and a noisy photo, different for each seed, so no turn finds the one
// before it already decoded.
QImage screenshot(QWidget *window, int seed)
{
    QImage shot(1920, 1080, QImage::Format_RGB32);
    QPainter p(&shot);
    QLinearGradient sky(0, 0, 1920, 1080);
    sky.setColorAt(0, QColor(30, 60 + seed * 7 % 100, 120));
    sky.setColorAt(1, QColor(200, 140, 90));
    p.fillRect(shot.rect(), sky);
    const QPixmap grab = window->grab();
    p.drawPixmap(60, 60, grab.scaled(900, 700, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    QImage photo(480, 360, QImage::Format_RGB32);
    QRandomGenerator random(quint32(seed + 1));
    for (int y = 0; y < photo.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(photo.scanLine(y));
        for (int x = 0; x < photo.width(); ++x) {
            const int n = int(random.bounded(24));
            line[x] = qRgb(std::min(255, x / 2 + n), std::min(255, y / 2 + n), 140 + n);
        }
    }
    p.drawImage(1380, 80, photo);
    p.fillRect(1000, 480, 880, 560, Qt::white);
    p.setPen(Qt::black);
    for (int line = 0; line < 20; ++line)
        p.drawText(1020, 510 + line * 26,
                   QStringLiteral("turn %1, line %2: 今天的会议改到下午三点，记得带上周报。")
                       .arg(seed)
                       .arg(line));
    return shot;
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

    // Paste to shown: a screenshot pasted into the peer's window as Ctrl+V does, Send clicked
    // right after, until the bubble in this window has painted its thumbnail; against the same
    // path for a line of text, so the ratio is what a picture costs over a message.
    ui::MainWindow senderWindow(&peer, ui::UiSettings());
    senderWindow.show();
    senderWindow.openChat(myId);
    ui::ChatPage *senderPage = senderWindow.chatWindow()->page(myId);
    ui::MessageInput *input = senderPage->input();
    auto *sendButton = senderPage->findChild<QPushButton *>(QStringLiteral("sendButton"));
    auto *cache = page->findChild<imaging::ThumbnailCache *>();
    QWidget *viewport = page->view()->viewport();
    page->view()->verticalScrollBar()->setValue(page->view()->verticalScrollBar()->maximum());
    waitFor([] { return false; }, 500);
    // Milliseconds from the paste to each step, -1 until it happens.
    struct Turn
    {
        double encoded = -1, row = -1, fetched = -1, decoded = -1, shown = -1;
        bool visible = false;
    };
    auto pasteToShown = [&](bool picture, int seed) {
        Turn turn;
        QElapsedTimer clock;
        QString sha;
        const int rowsBefore = page->model()->rowCount();
        auto now = [&] { return clock.nsecsElapsed() / 1e6; };
        const QList<QMetaObject::Connection> hooks{
            QObject::connect(input, &ui::MessageInput::picturesReady, &app,
                             [&] { turn.encoded = now(); }),
            QObject::connect(&me, &Messenger::messageReceived, &app,
                             [&] {
                                 if (turn.row < 0)
                                     turn.row = now();
                             }),
            QObject::connect(&me, &Messenger::pictureChanged, &app,
                             [&](const QString &, const QString &, int, const ChatPicture &p) {
                                 if (p.state == PictureState::Ready && turn.fetched < 0) {
                                     turn.fetched = now();
                                     sha = p.sha256;
                                 }
                             }),
            QObject::connect(cache, &imaging::ThumbnailCache::ready, &app,
                             [&](const QString &hash) {
                                 if (hash == sha && turn.decoded < 0)
                                     turn.decoded = now();
                             }),
        };
        // The delegate asks for a repaint when the thumbnail is ready: the first paint after
        // that draws it.
        app.afterEvent = [&](QObject *receiver, QEvent *event) {
            if (receiver != viewport || event->type() != QEvent::Paint || turn.shown >= 0)
                return;
            const int rows = page->model()->rowCount();
            if (rows == rowsBefore || (picture && turn.decoded < 0))
                return;
            // Only a paint that covered the new bubble showed it.
            const QRect bubble = page->view()->visualRect(page->model()->index(rows - 1));
            if (static_cast<QPaintEvent *>(event)->region().intersects(bubble))
                turn.shown = now();
        };
        if (picture)
            QGuiApplication::clipboard()->setImage(screenshot(&senderWindow, seed));
        else
            QGuiApplication::clipboard()->setText(
                QStringLiteral("turn %1: 今天的会议改到下午三点").arg(seed));
        clock.start();
        input->paste();
        sendButton->click();
        waitFor([&] { return turn.shown >= 0; }, 20000);
        app.afterEvent = nullptr;
        for (const auto &hook : hooks)
            QObject::disconnect(hook);
        const QModelIndex last = page->model()->index(page->model()->rowCount() - 1);
        turn.visible = viewport->rect().intersects(page->view()->visualRect(last));
        // Both windows settle: the sender's own thumbnail, the layout after it.
        waitFor([] { return false; }, 300);
        return turn;
    };
    QList<Turn> pictureTurns, textTurns;
    for (int i = 0; i < 5; ++i) {
        textTurns.append(pasteToShown(false, i));
        pictureTurns.append(pasteToShown(true, i));
    }
    auto step = [](const QList<Turn> &turns, double Turn::*at) {
        QList<double> v;
        for (const Turn &turn : turns)
            v.append(turn.*at);
        return v;
    };
    const QList<double> pictureShown = step(pictureTurns, &Turn::shown);
    const QList<double> textShown = step(textTurns, &Turn::shown);
    const bool pasteOk = std::none_of(pictureTurns.begin(), pictureTurns.end(),
                                      [](const Turn &t) { return t.shown < 0 || !t.visible; }) &&
                         std::none_of(textTurns.begin(), textTurns.end(),
                                      [](const Turn &t) { return t.shown < 0 || !t.visible; });
    // The image alone, PNG encoded and decoded once on one thread: what no design avoids.
    QList<double> encodeMs, decodeMs;
    qint64 pngBytes = 0;
    for (int i = 0; i < 3; ++i) {
        const QImage shot = screenshot(&senderWindow, 100 + i);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QElapsedTimer clock;
        clock.start();
        QImageWriter writer(&buffer, "png");
        // As the input box encodes a paste.
        writer.setCompression(11);
        writer.write(shot);
        encodeMs.append(clock.nsecsElapsed() / 1e6);
        buffer.close();
        buffer.open(QIODevice::ReadOnly);
        clock.restart();
        QImageReader(&buffer, "png").read();
        decodeMs.append(clock.nsecsElapsed() / 1e6);
        pngBytes = png.size();
    }

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
    auto fixed = [](double v) { return QString::number(v, 'f', 0); };
    row(QStringLiteral("  1920x1080 screenshot, paste to shown in the other window (ms)"),
        fixed(median(pictureShown)), QStringLiteral("same, a text"), fixed(median(textShown)),
        pasteOk ? QStringLiteral("median of 5; best %1 ms (text %2); target < 150")
                      .arg(fixed(*std::min_element(pictureShown.begin(), pictureShown.end())),
                           fixed(*std::min_element(textShown.begin(), textShown.end())))
                : QStringLiteral("SOME TURN WAS NOT SHOWN"));
    // Each step on its own, the median of the turns.
    auto between = [&](double Turn::*from, double Turn::*to) {
        QList<double> v;
        for (const Turn &turn : std::as_const(pictureTurns))
            v.append(from ? turn.*to - turn.*from : turn.*to);
        return fixed(median(v));
    };
    row(QStringLiteral("    of which the PNG encoded in the input box (ms)"),
        between(nullptr, &Turn::encoded), QStringLiteral("encode alone"), fixed(median(encodeMs)),
        QStringLiteral("the same PNG, %1 KiB, on this thread").arg(pngBytes / 1024));
    row(QStringLiteral("    sent, offered and fetched by the other window (ms)"),
        between(&Turn::encoded, &Turn::fetched), QStringLiteral("-"), QStringLiteral("-"),
        QStringLiteral("message in its chat after %1 ms").arg(between(&Turn::encoded, &Turn::row)));
    row(QStringLiteral("    its thumbnail decoded (ms)"), between(&Turn::fetched, &Turn::decoded),
        QStringLiteral("decode alone"), fixed(median(decodeMs)),
        QStringLiteral("on the thumbnail pool, with the sender's own"));
    row(QStringLiteral("    then laid out and painted (ms)"),
        between(&Turn::decoded, &Turn::shown));
    return ok && picturesOk && pasteOk ? 0 : 1;
}
