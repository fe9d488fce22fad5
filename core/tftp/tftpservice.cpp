#include "tftp/tftpservice.h"

#include "common/threadcheck.h"

#include <QFileInfo>

namespace lanpigeon {

TftpService::TftpService(QObject *parent)
    : QObject(parent)
{
}

TftpService::~TftpService() = default;

void TftpService::startServer(const tftp::TftpServer::Config &config)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    stopServer();
    auto *server = new tftp::TftpServer(config, this);
    QString error;
    if (!server->start(&error)) {
        delete server;
        emit serverStateChanged(false, config.root, config.port, error);
        return;
    }
    m_server = server;
    m_serverRoot = config.root;
    connect(server, &tftp::TftpServer::transferStarted, this,
            [this](const TransferId &id, const QString &peer, const QString &file,
                   TransferDirection direction, quint64 size) {
                emit transferAdded(id, direction, QStringLiteral("%1 (TFTP)").arg(peer),
                                   QFileInfo(file).fileName(), file, size);
            });
    connect(server, &tftp::TftpServer::transferProgress, this, &TftpService::progress);
    connect(server, &tftp::TftpServer::transferFinished, this,
            [this](const TransferResult &result) {
                m_lastProgress.remove(result.id);
                emit transferFinished(result);
            });
    emit serverStateChanged(true, config.root, server->port(), {});
}

void TftpService::stopServer()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (!m_server)
        return;
    m_server->stop();
    delete m_server;
    m_server = nullptr;
    emit serverStateChanged(false, m_serverRoot, 0, {});
}

void TftpService::setServerAllowWrite(bool allow)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (m_server)
        m_server->setAllowWrite(allow);
}

void TftpService::startClient(const TransferId &id, const tftp::TftpClient::Request &request)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    auto *client = new tftp::TftpClient(this);
    const QString peer =
        QStringLiteral("%1:%2 (TFTP)").arg(request.server.toString()).arg(request.port);
    const QString name =
        request.put ? QFileInfo(request.local).fileName() : QString::fromUtf8(request.remote);
    emit transferAdded(id, request.put ? TransferDirection::Upload : TransferDirection::Download,
                       peer, name, request.local,
                       request.put ? quint64(QFileInfo(request.local).size()) : 0);
    connect(client, &tftp::TftpClient::progressed, this,
            [this, id](quint64 done, quint64 total) { progress(id, done, total); });
    connect(client, &tftp::TftpClient::finished, this,
            [this, id, request](bool ok, const QString &error, quint64 bytes) {
                m_lastProgress.remove(id);
                const bool cancelled = m_cancelled.remove(id);
                emit transferFinished({id, finalState(ok, cancelled), error, request.local, bytes});
            });
    connect(client, &tftp::TftpClient::closed, this, [this, id, client] {
        m_clients.remove(id);
        client->deleteLater();
    });
    m_clients.insert(id, client);
    QString error;
    if (!client->start(request, &error)) {
        m_clients.remove(id);
        client->deleteLater();
        emit transferFinished({id, TransferState::Failed, error, request.local});
    }
}

void TftpService::cancel(const TransferId &id)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (tftp::TftpClient *c = m_clients.value(id)) {
        m_cancelled.insert(id);
        c->cancel();
    } else if (m_server) {
        m_server->cancel(id);
    }
}

void TftpService::progress(const TransferId &id, quint64 done, quint64 total)
{
    if (m_lastProgress[id].due(done >= total))
        emit transferProgress(id, done, total);
}

} // namespace lanpigeon
