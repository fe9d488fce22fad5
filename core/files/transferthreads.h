// The pool of threads file transfers run on: a few threads, many transfers each.
#pragma once

#include <QList>
#include <QObject>

#include <atomic>

class QThread;

namespace lanpigeon {

class TransferThreads final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferThreads)

public:
    explicit TransferThreads(int count, QObject *parent = nullptr);
    // Stops the threads; workers still on them are deleted there.
    ~TransferThreads() override;
    // The same, ahead of the destructor; next() then hands out stopped threads.
    void stop();

    // Round-robin; safe from any thread.
    QThread *next();
    // Moves a job made on this thread to next(), where it is deleted when that thread stops.
    void adopt(QObject *job);

private:
    QList<QThread *> m_threads;
    std::atomic<unsigned> m_next = 0;
};

} // namespace lanpigeon
