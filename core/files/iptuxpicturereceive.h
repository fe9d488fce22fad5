// Takes in one iptux chat picture push after its header: raw bytes until the sender closes.
#pragma once

#include "common/transferid.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QObject>

class QSocketNotifier;
class QTimer;

namespace lanpigeon {

// Made on the network thread, then moved to a transfer thread: start() and cancel() are queued
// there and assert it.
class IptuxPictureReceive final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IptuxPictureReceive)

public:
    struct Job
    {
        TransferId id;
        // The connected socket; the job owns it.
        int descriptor = -1;
        QHostAddress peer;
        // Picture bytes read along with the header.
        QByteArray head;
        qint64 maxBytes = 10 * 1024 * 1024;
        // No byte for this long: the sender is gone.
        int idleTimeoutMs = 60000;
        // The whole push, however it trickles.
        int totalTimeoutMs = 300000;
    };

    explicit IptuxPictureReceive(const Job &job, QObject *parent = nullptr);
    ~IptuxPictureReceive() override;

    void start();
    void cancel();

signals:
    // bytes: the whole picture when ok; error says why not, for the user.
    void finished(const lanpigeon::TransferId &id, const QHostAddress &peer, bool ok,
                  const QByteArray &bytes, const QString &error);

private:
    void readMore();
    void finish(bool ok, const QString &error = {});

    Job m_job;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_idle;
    QDeadlineTimer m_deadline;
    QByteArray m_bytes;
    bool m_finished = false;
};

} // namespace lanpigeon
