// Pushes one chat picture to iptux its own way: a TCP connection, the 765 header, the bytes, close.
#pragma once

#include "common/transferid.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

class QSocketNotifier;
class QTimer;

namespace lanpigeon {

// Made on the network thread, then moved to a transfer thread: start() and cancel() are queued
// there and assert it.
class IptuxPictureSend final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IptuxPictureSend)

public:
    struct Job
    {
        TransferId id;
        QHostAddress address;
        quint16 port = 0;
        // Our own address, so iptux finds the pal it knows by the connection's source.
        QHostAddress localAddress;
        // buildIptuxPictureHeader(): header and NUL.
        QByteArray header;
        QByteArray bytes;
        // No progress for this long: the peer is gone.
        int idleTimeoutMs = 60000;
    };

    explicit IptuxPictureSend(const Job &job, QObject *parent = nullptr);
    ~IptuxPictureSend() override;

    void start();
    void cancel();

signals:
    // ok once the peer closed after reading every byte.
    void finished(const lanpigeon::TransferId &id, bool ok, const QString &error);

private:
    void connected();
    void pump();
    void awaitClose();
    void finish(bool ok, const QString &error = {});

    Job m_job;
    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QTimer *m_idle;
    QByteArray m_pending;
    bool m_finished = false;
};

} // namespace lanpigeon
