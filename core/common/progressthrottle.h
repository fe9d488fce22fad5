// Lets a transfer's progress through at most every 100 ms, for the thread that shows it.
#pragma once

#include <QElapsedTimer>

namespace lanpigeon {

class ProgressThrottle final
{
public:
    // A 512-byte TFTP block or a 64 KiB socket read makes thousands of steps a second, and
    // each report crosses to the GUI thread: more than ten a second only costs it.
    static constexpr qint64 IntervalMs = 100;

    // True for the first report, a forced one (the last), or one IntervalMs after the one
    // before; it then counts from now.
    bool due(bool force = false);

private:
    QElapsedTimer m_last;
};

} // namespace lanpigeon
