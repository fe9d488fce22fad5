// What the C++ benches share: a row of bench/lib.sh's table, a median, waiting on the event loop.
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace lanpigeon::bench {

// One row of the bench table (see bench/lib.sh): what, ours, reference name and figure, note.
// Flushed at once: run.sh collects the rows while the bench goes on.
inline void row(const QString &what, const QString &ours,
                const QString &refName = QStringLiteral("-"),
                const QString &ref = QStringLiteral("-"), const QString &note = {})
{
    const QString line = QStringList{what, ours, refName, ref, note}.join(u'\t');
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// The middle value (the lower of the two middle ones); -1 for none.
inline double median(QList<double> v)
{
    if (v.isEmpty())
        return -1;
    std::sort(v.begin(), v.end());
    return v[(v.size() - 1) / 2];
}

// Runs the event loop until done() or timeoutMs. It sleeps until something happens, woken at
// least every pollMs: a busy loop here would itself starve the threads measured, and pollMs
// is the resolution of a time taken when done() turns true.
inline bool waitFor(const std::function<bool()> &done, int timeoutMs, int pollMs = 5)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QTimer::singleShot(pollMs, [] {});
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

} // namespace lanpigeon::bench
