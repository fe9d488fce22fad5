#include "common/clock.h"

#include <QDateTime>
#include <QDeadlineTimer>

namespace lanpigeon::clock {

qint64 monotonicMs()
{
    return QDeadlineTimer::current(Qt::PreciseTimer).deadline();
}

qint64 wallMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace lanpigeon::clock
