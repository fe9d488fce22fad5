#include "files/requestgate.h"

#include <algorithm>

namespace lanpigeon {

void RequestGate::enter(QObject *who, std::function<void()> go)
{
    {
        QMutexLocker locker(&m_lock);
        if (m_holder) {
            m_waiting.push_back({who, std::move(go)});
            return;
        }
        m_holder = who;
    }
    go();
}

void RequestGate::leave(QObject *who)
{
    QMutexLocker locker(&m_lock);
    if (m_holder != who) {
        m_waiting.erase(std::remove_if(m_waiting.begin(), m_waiting.end(),
                                       [who](const Waiting &w) { return w.who == who; }),
                        m_waiting.end());
        return;
    }
    m_holder = nullptr;
    if (m_waiting.empty())
        return;
    Waiting next = std::move(m_waiting.front());
    m_waiting.pop_front();
    m_holder = next.who;
    // Queued: a waiter that leaves before this runs is still listed as the holder until its own
    // leave(), which every download calls before it is deleted.
    QMetaObject::invokeMethod(next.who, std::move(next.go), Qt::QueuedConnection);
}

} // namespace lanpigeon
