// Asserts that a call runs on the thread its object belongs to, in every build.
#pragma once

#include <QObject>
#include <QThread>

namespace lanpigeon {

// Whether the calling thread is the one object lives on: its queued calls and timers run there.
inline bool onOwnThread(const QObject *object)
{
    return QThread::currentThread() == object->thread();
}

// Whether the calling thread is expected; null expects none yet (e.g. a store not yet opened).
inline bool onThread(const QThread *expected)
{
    return !expected || QThread::currentThread() == expected;
}

[[noreturn]] inline void calledOnWrongThread(const char *where)
{
    qFatal("ASSERT failure in %s: \"called on the wrong thread\"", where);
}

} // namespace lanpigeon

// A wrong-thread call races the owner's event loop and corrupts state long before it shows (a
// download cancelled from another thread was freed twice); aborting at the call names the
// method instead. Unlike Q_ASSERT this stays in release builds: the check is one thread-local
// read, and the tests and the CLI run release builds.
#define LANPIGEON_ASSERT_THREAD(expected)                                                          \
    do {                                                                                           \
        if (Q_UNLIKELY(!::lanpigeon::onThread(expected)))                                          \
            ::lanpigeon::calledOnWrongThread(Q_FUNC_INFO);                                         \
    } while (false)
// For a QObject's methods: they run on the thread the object was moved to.
#define LANPIGEON_ASSERT_OWN_THREAD()                                                              \
    do {                                                                                           \
        if (Q_UNLIKELY(!::lanpigeon::onOwnThread(this)))                                           \
            ::lanpigeon::calledOnWrongThread(Q_FUNC_INFO);                                         \
    } while (false)
