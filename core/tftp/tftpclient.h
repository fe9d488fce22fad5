// TFTP client: one get or put, with options, progress and a clear error from the server.
#pragma once

#include "tftp/tftpcodec.h"

#include <QHostAddress>
#include <QObject>

class QFile;

namespace lanpigeon::tftp {

class TftpTransfer;

class TftpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TftpClient)

public:
    struct Request
    {
        bool put = false;
        QHostAddress server;
        quint16 port = 69;
        QByteArray remote;
        QString local;
        Mode mode = Mode::Octet;
        // 0: from the path MTU (MTU - 32), as dnsmasq does.
        int blockSize = 0;
        int windowSize = 1;
        // Seconds; 0 leaves timing to the adaptive timer.
        int timeout = 0;
        QHostAddress bind = QHostAddress::AnyIPv4;
    };

    explicit TftpClient(QObject *parent = nullptr);
    ~TftpClient() override;

    bool start(const Request &request, QString *error);
    static int blockSizeForPath(const QHostAddress &server);
    // The transfer's own port (its TID); 0 before start().
    quint16 localPort() const;
    // Ends the transfer with an error to the server; finished() follows.
    void cancel();

signals:
    void progressed(quint64 done, quint64 total);
    void finished(bool ok, const QString &error, quint64 bytes);
    // Nothing more will happen (a receiving client has finished dallying).
    void closed();

private:
    Request m_request;
    QFile *m_file = nullptr;
    TftpTransfer *m_transfer = nullptr;
};

} // namespace lanpigeon::tftp
