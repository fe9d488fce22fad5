// Sends a peer our encrypted download requests one at a time, in the order of their numbers.
#pragma once

#include <QMutex>
#include <QObject>

#include <deque>
#include <functional>

namespace lanpigeon {

// A sender refuses an encrypted request whose number is not above the last one it saw from us
// (its replay check, ipmsg-extensions.md §1.7). Several downloads from one peer run on several
// threads and connections, and the sender reads their requests in whatever order its threads
// get to them; so the next request is numbered and sent only once the one before it was
// answered (its first byte, its close or its failure). Thread-safe: each peer's downloads share
// one gate across the transfer threads.
class RequestGate final
{
    Q_DISABLE_COPY_MOVE(RequestGate)

public:
    RequestGate() = default;

    // Runs go on who's thread once who may send: at once if no request is unanswered, else
    // queued until the ones before it are.
    void enter(QObject *who, std::function<void()> go);
    // who's request was answered, or who gave up or waits no more: the next one may go.
    void leave(QObject *who);

private:
    struct Waiting
    {
        QObject *who;
        std::function<void()> go;
    };
    QMutex m_lock;
    QObject *m_holder = nullptr;
    std::deque<Waiting> m_waiting;
};

} // namespace lanpigeon
