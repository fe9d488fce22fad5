#include "files/transferthreads.h"

#include <QThread>

#include <csignal>
#include <pthread.h>

namespace lanpigeon {

TransferThreads::TransferThreads(int count, QObject *parent)
    : QObject(parent)
{
    for (int i = 0; i < std::max(1, count); ++i) {
        auto *t = new QThread(this);
        t->setObjectName(QStringLiteral("transfer-%1").arg(i));
        // Uploads use sendfile(), which cannot take MSG_NOSIGNAL: with SIGPIPE blocked on the
        // threads that write, a receiver hanging up fails its upload with EPIPE instead of
        // killing the process, whatever the program's handler is (QtTest installs one that
        // crashes on it).
        connect(t, &QThread::started, [] {
            sigset_t pipe;
            sigemptyset(&pipe);
            sigaddset(&pipe, SIGPIPE);
            pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
        });
        t->start();
        m_threads.append(t);
    }
}

TransferThreads::~TransferThreads()
{
    stop();
}

void TransferThreads::stop()
{
    for (QThread *t : std::as_const(m_threads))
        t->quit();
    for (QThread *t : std::as_const(m_threads))
        t->wait();
}

QThread *TransferThreads::next()
{
    return m_threads.at(int(m_next.fetch_add(1) % unsigned(m_threads.size())));
}

void TransferThreads::adopt(QObject *job)
{
    QThread *thread = next();
    job->moveToThread(thread);
    connect(thread, &QThread::finished, job, &QObject::deleteLater);
}

} // namespace lanpigeon
