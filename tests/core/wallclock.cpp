#include "wallclock.h"

#include <atomic>
#include <dlfcn.h>
#include <sys/time.h>
#include <time.h>

// These definitions in the test executable come before libc's in the dynamic linker's lookup
// order, so Qt's QDateTime, libstdc++ and our core all read the shifted wall clock (the
// target is linked with ENABLE_EXPORTS, which puts them in its dynamic symbol table). It
// works as an LD_PRELOAD would, without a library or an environment to set up.

namespace {

std::atomic<qint64> offsetNs{0};

using ClockGettime = int (*)(clockid_t, timespec *);

int realClockGettime(clockid_t id, timespec *ts)
{
    static const auto real = reinterpret_cast<ClockGettime>(dlsym(RTLD_NEXT, "clock_gettime"));
    return real(id, ts);
}

void shifted(timespec *ts)
{
    constexpr qint64 NsPerS = 1000000000;
    const qint64 ns = qint64(ts->tv_sec) * NsPerS + ts->tv_nsec + offsetNs.load();
    ts->tv_sec = time_t(ns / NsPerS);
    ts->tv_nsec = long(ns % NsPerS);
}

} // namespace

extern "C" int clock_gettime(clockid_t id, timespec *ts) noexcept
{
    const int r = realClockGettime(id, ts);
    if (r == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE))
        shifted(ts);
    return r;
}

extern "C" int gettimeofday(timeval *__restrict tv, void *__restrict) noexcept
{
    timespec ts{};
    const int r = clock_gettime(CLOCK_REALTIME, &ts);
    if (r == 0) {
        tv->tv_sec = ts.tv_sec;
        tv->tv_usec = suseconds_t(ts.tv_nsec / 1000);
    }
    return r;
}

extern "C" time_t time(time_t *out) noexcept
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    if (out)
        *out = ts.tv_sec;
    return ts.tv_sec;
}

namespace lanpigeon::test::wallclock {

void shift(qint64 offsetMs)
{
    offsetNs.store(offsetMs * 1000000);
}

} // namespace lanpigeon::test::wallclock
