// Moves this process's wall clock as NTP or a user would, leaving the monotonic clock alone.
#pragma once

#include <QtGlobal>

namespace lanpigeon::test::wallclock {

// From now on CLOCK_REALTIME, gettimeofday() and time() read offsetMs later than the
// system's (earlier when negative), for every library in the process; 0 puts it back.
void shift(qint64 offsetMs);

} // namespace lanpigeon::test::wallclock
