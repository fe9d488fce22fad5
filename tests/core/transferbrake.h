// Holds a node's transfer threads still, so a fetch stops mid-file with its bytes in flight:
// loopback moves a file faster than a test can act on it.
#pragma once

#include <QList>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace lanpigeon::test {

class TransferBrake final
{
    Q_DISABLE_COPY_MOVE(TransferBrake)

public:
    TransferBrake() = default;
    ~TransferBrake() { release(); }

    // Returns once every thread is held.
    void hold(const QList<QThread *> &threads)
    {
        m_released = std::make_shared<std::atomic<bool>>(false);
        std::atomic<int> held = 0;
        for (QThread *thread : threads) {
            auto *stopper = new QObject;
            stopper->moveToThread(thread);
            QMetaObject::invokeMethod(stopper, [released = m_released, stopper, &held] {
                ++held;
                while (!*released)
                    QThread::msleep(2);
                delete stopper;
            });
        }
        while (held < int(threads.size()))
            QThread::msleep(1);
    }
    void release()
    {
        if (m_released)
            *m_released = true;
    }

private:
    // Shared with the held threads, which may look at it after the brake is gone.
    std::shared_ptr<std::atomic<bool>> m_released;
};

} // namespace lanpigeon::test
