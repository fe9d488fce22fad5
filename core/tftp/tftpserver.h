// TFTP server for one root folder: read-only by default, create-only uploads, session limits.
#pragma once

#include "common/transferresult.h"
#include "tftp/tftpcodec.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>

class QUdpSocket;

namespace lanpigeon::tftp {

class TftpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TftpServer)

public:
    struct Config
    {
        QString root;
        QHostAddress address = QHostAddress::AnyIPv4;
        quint16 port = 69;
        bool allowWrite = false;
        // Largest upload in bytes; 0 for no limit.
        quint64 quota = 0;
        int maxSessions = 64;
        int maxPerPeer = 8;
        ServerLimits limits;
    };

    explicit TftpServer(const Config &config, QObject *parent = nullptr);
    ~TftpServer() override;

    bool start(QString *error);
    void stop();
    quint16 port() const;
    int activeSessions() const { return m_active; }
    void cancel(const lanpigeon::TransferId &id);
    // Applies to requests from now on; transfers already running keep going.
    void setAllowWrite(bool allow) { m_config.allowWrite = allow; }
    bool allowWrite() const { return m_config.allowWrite; }

    // The file inside root that a request names, or an error for the client.
    std::optional<QString> resolve(const QByteArray &name, QString *why) const;

signals:
    // id is unique in the process, across servers and restarts; a WRQ is a Download (the peer
    // sends, we write).
    void transferStarted(const lanpigeon::TransferId &id, const QString &peer, const QString &file,
                         lanpigeon::TransferDirection direction, quint64 size);
    void transferProgress(const lanpigeon::TransferId &id, quint64 done, quint64 total);
    // Cancelled only for a cancel(); stop() makes its transfers fail.
    void transferFinished(const lanpigeon::TransferResult &result);

private:
    void readPending();
    bool isBroadcast(const QHostAddress &address);
    void handleRequest(const Packet &request, const QHostAddress &from, quint16 port);
    void refuse(ErrorCode code, const QByteArray &message, const QHostAddress &to, quint16 port);

    Config m_config;
    QUdpSocket *m_socket;
    int m_active = 0;
    QHash<QString, int> m_perPeer;
    QHash<TransferId, class TftpTransfer *> m_transfers;
    QSet<TransferId> m_cancelled;
    QList<QHostAddress> m_broadcasts;
    QElapsedTimer m_broadcastsAge;
};

} // namespace lanpigeon::tftp
