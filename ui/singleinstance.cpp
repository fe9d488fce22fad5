#include "singleinstance.h"

#include "uilog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QTimer>

#include <memory>

namespace lanpigeon::ui {

namespace {
constexpr int AnswerTimeoutMs = 3000;
// A caller that says nothing in time holds a socket for nothing.
constexpr int SilenceTimeoutMs = 5000;

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

SingleInstance::Role SingleInstance::claim(const InstanceMessage &request)
{
    if (!m_lock.tryLock(0) && m_lock.error() == QLockFile::LockFailedError) {
        QLocalSocket socket;
        socket.connectToServer(m_serverName);
        if (!socket.waitForConnected(AnswerTimeoutMs))
            return Role::Unreachable;
        socket.write(request.encode());
        if (!socket.waitForBytesWritten(AnswerTimeoutMs))
            return Role::Unreachable;
        QByteArray bytes;
        InstanceMessage::Answer answer = InstanceMessage::Answer::Refused;
        for (;;) {
            bytes += socket.readAll();
            switch (InstanceMessage::decodeAnswer(bytes, &answer)) {
            case InstanceMessage::Parse::Complete:
                return answer == InstanceMessage::Answer::Done ? Role::Forwarded
                                                               : Role::Unreachable;
            case InstanceMessage::Parse::Refused:
                return Role::Unreachable;
            case InstanceMessage::Parse::Incomplete:
                break;
            }
            if (!socket.waitForReadyRead(AnswerTimeoutMs))
                return Role::Unreachable;
        }
    }
    // An unwritable profile gives no lock; running once too often beats not running at all.
    // The socket a crashed holder left behind is ours to replace: we hold the lock now.
    QLocalServer::removeServer(m_serverName);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    m_server->listen(m_serverName);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::serve);
    return Role::First;
}

void SingleInstance::serve()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(SilenceTimeoutMs, socket, [socket] { socket->abort(); });
        auto bytes = std::make_shared<QByteArray>();
        connect(socket, &QLocalSocket::readyRead, this, [this, socket, bytes] {
            *bytes += socket->readAll();
            InstanceMessage message;
            QString why;
            switch (InstanceMessage::decode(*bytes, &message, &why)) {
            case InstanceMessage::Parse::Incomplete:
                return;
            case InstanceMessage::Parse::Refused:
                qCWarning(lcUi) << "refused a message on" << m_serverName << ":" << why;
                socket->write(InstanceMessage::encodeAnswer(InstanceMessage::Answer::Refused));
                socket->disconnectFromServer();
                return;
            case InstanceMessage::Parse::Complete:
                break;
            }
            // Answered first: the caller need not wait for a dialog to open.
            socket->write(InstanceMessage::encodeAnswer(InstanceMessage::Answer::Done));
            socket->disconnectFromServer();
            emit activationRequested();
            if (message.kind == InstanceMessage::Kind::SendFiles)
                emit sendRequested(message.paths);
        });
    }
}

} // namespace lanpigeon::ui
