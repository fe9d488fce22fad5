#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

namespace lanpigeon::ui {

namespace {
constexpr int AnswerTimeoutMs = 3000;
const QByteArray Knock = QByteArrayLiteral("show\n");
const QByteArray Answer = QByteArrayLiteral("shown\n");

QString canonicalDir(const QString &dir)
{
    const QString canonical = QFileInfo(dir).canonicalFilePath();
    return canonical.isEmpty() ? QFileInfo(dir).absoluteFilePath() : canonical;
}
} // namespace

SingleInstance::SingleInstance(const QString &profileDir, QObject *parent)
    : QObject(parent)
    , m_lock(QDir(profileDir).filePath(QStringLiteral("lanpigeon.lock")))
{
    // A live holder keeps its lock however old it is; only a dead one's is taken over.
    m_lock.setStaleLockTime(0);
    // The profile's path can be longer than a socket name may be; its hash is not. The
    // runtime folder is the user's own (mode 0700), so no one else can answer for us.
    const QByteArray hash =
        QCryptographicHash::hash(canonicalDir(profileDir).toUtf8(), QCryptographicHash::Sha1)
            .toHex()
            .left(16);
    QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (runtime.isEmpty())
        runtime = QDir::tempPath();
    m_serverName =
        QDir(runtime).filePath(QStringLiteral("lanpigeon-%1.sock").arg(QString::fromLatin1(hash)));
}

SingleInstance::~SingleInstance() = default;

SingleInstance::Role SingleInstance::claim()
{
    if (!m_lock.tryLock(0) && m_lock.error() == QLockFile::LockFailedError) {
        QLocalSocket socket;
        socket.connectToServer(m_serverName);
        if (!socket.waitForConnected(AnswerTimeoutMs))
            return Role::Unreachable;
        socket.write(Knock);
        if (!socket.waitForBytesWritten(AnswerTimeoutMs))
            return Role::Unreachable;
        while (!socket.canReadLine()) {
            if (!socket.waitForReadyRead(AnswerTimeoutMs))
                return Role::Unreachable;
        }
        return socket.readLine() == Answer ? Role::Forwarded : Role::Unreachable;
    }
    // An unwritable profile gives no lock; running once too often beats not running at all.
    // The socket a crashed holder left behind is ours to replace: we hold the lock now.
    QLocalServer::removeServer(m_serverName);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    m_server->listen(m_serverName);
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (!socket->canReadLine())
                    return;
                if (socket->readLine() == Knock) {
                    emit activationRequested();
                    socket->write(Answer);
                }
                socket->disconnectFromServer();
            });
        }
    });
    return Role::First;
}

} // namespace lanpigeon::ui
