// The TFTP server and client transfers of a running LanPigeon, on a thread of their own.
#pragma once

#include "common/progressthrottle.h"
#include "tftp/tftpclient.h"
#include "tftp/tftpserver.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace lanpigeon {

// On the `tftp` thread: Messenger queues every call to it there, and each method asserts it.
class TftpService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TftpService)

public:
    explicit TftpService(QObject *parent = nullptr);
    ~TftpService() override;

    // Called on the service's thread. A running server is replaced.
    void startServer(const tftp::TftpServer::Config &config);
    void stopServer();
    // For the running server, without a restart; the next start takes its own config.
    void setServerAllowWrite(bool allow);
    void startClient(const TransferId &id, const tftp::TftpClient::Request &request);
    void cancel(const TransferId &id);

signals:
    void serverStateChanged(bool running, const QString &root, quint16 port, const QString &error);
    void transferAdded(const lanpigeon::TransferId &id, lanpigeon::TransferDirection direction,
                       const QString &peer, const QString &name, const QString &path, quint64 size);
    // At most every ProgressThrottle::IntervalMs per transfer, and the last one always.
    void transferProgress(const lanpigeon::TransferId &id, quint64 done, quint64 total);
    void transferFinished(const lanpigeon::TransferResult &result);

private:
    void progress(const TransferId &id, quint64 done, quint64 total);

    tftp::TftpServer *m_server = nullptr;
    QString m_serverRoot;
    QHash<TransferId, tftp::TftpClient *> m_clients;
    QHash<TransferId, ProgressThrottle> m_lastProgress;
    // Our clients' transfers that cancel() stopped; the server tracks its own.
    QSet<TransferId> m_cancelled;
};

} // namespace lanpigeon
