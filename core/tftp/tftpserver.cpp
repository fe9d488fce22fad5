#include "tftp/tftpserver.h"

#include "common/safefilename.h"
#include "tftp/tftplog.h"
#include "tftp/tftptransfer.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QUdpSocket>

#include <atomic>

namespace lanpigeon::tftp {

namespace {

constexpr qint64 BroadcastListMaxAgeMs = 10000;

// Shared by every server in the process: a restarted server numbering from 1 again gave a new
// transfer the id of a finished one, whose row in the transfer list it then rewrote.
std::atomic<quint64> nextTransferId{1};

} // namespace

TftpServer::TftpServer(const Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_socket(new QUdpSocket(this))
{
    connect(m_socket, &QUdpSocket::readyRead, this, &TftpServer::readPending);
}

TftpServer::~TftpServer() = default;

bool TftpServer::start(QString *error)
{
    const QFileInfo root(m_config.root);
    if (!root.isDir()) {
        if (error)
            *error = tr("%1 is not a folder").arg(m_config.root);
        return false;
    }
    m_config.root = root.canonicalFilePath();
    if (!m_socket->bind(m_config.address, m_config.port)) {
        if (error)
            *error = tr("cannot bind UDP %1:%2: %3")
                         .arg(m_config.address.toString())
                         .arg(m_config.port)
                         .arg(m_socket->errorString());
        return false;
    }
    return true;
}

void TftpServer::cancel(const TransferId &id)
{
    if (TftpTransfer *t = m_transfers.value(id)) {
        m_cancelled.insert(id);
        t->cancel(QStringLiteral("cancelled"));
    }
}

void TftpServer::stop()
{
    // Each ends with an error to its peer and a transferFinished(), so nobody waits on it.
    const auto transfers = m_transfers;
    for (TftpTransfer *t : transfers)
        t->cancel(QStringLiteral("the TFTP server was stopped"));
    m_socket->close();
}

quint16 TftpServer::port() const
{
    return m_socket->localPort();
}

std::optional<QString> TftpServer::resolve(const QByteArray &name, QString *why) const
{
    const QString n = QString::fromUtf8(name);
    auto no = [why](const QString &reason) {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (n.isEmpty())
        // Sent to the client as the ERROR text: English, never translated.
        return no(QStringLiteral("empty file name"));
    if (n.startsWith(QLatin1Char('/')))
        return no(QStringLiteral("absolute paths are not served"));
    if (n.contains(QLatin1Char('\\')))
        return no(QStringLiteral("backslashes are not allowed"));
    for (const QChar c : n) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return no(QStringLiteral("control characters are not allowed"));
    }
    if (n.split(QLatin1Char('/')).contains(QStringLiteral("..")))
        return no(QStringLiteral("'..' is not allowed"));
    const QString path = QDir::cleanPath(m_config.root + QLatin1Char('/') + n);
    if (!files::staysInside(m_config.root, path))
        return no(QStringLiteral("outside the served folder"));
    return path;
}

void TftpServer::refuse(ErrorCode code, const QByteArray &message, const QHostAddress &to,
                        quint16 port)
{
    qCInfo(lcTftp, "refused %s:%u: error %d: %s", qPrintable(to.toString()), port, int(code),
           message.constData());
    m_socket->writeDatagram(buildError(code, message), to, port);
}

bool TftpServer::isBroadcast(const QHostAddress &address)
{
    if (address.isNull())
        return false;
    if (address == QHostAddress::Broadcast)
        return true;
    // Listing interfaces is a netlink round trip: not once per request of a flood.
    if (!m_broadcastsAge.isValid() || m_broadcastsAge.elapsed() > BroadcastListMaxAgeMs) {
        m_broadcasts.clear();
        const auto interfaces = QNetworkInterface::allInterfaces();
        for (const QNetworkInterface &i : interfaces) {
            for (const QNetworkAddressEntry &e : i.addressEntries()) {
                if (!e.broadcast().isNull())
                    m_broadcasts.append(e.broadcast());
            }
        }
        m_broadcastsAge.start();
    }
    return m_broadcasts.contains(address);
}

void TftpServer::readPending()
{
    while (m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram d = m_socket->receiveDatagram(MaxBlockSize + 4);
        // RFC 1123 4.2.3.5: requests sent to a broadcast address are ignored.
        if (isBroadcast(d.destinationAddress())) {
            qCDebug(lcTftp, "ignored a request from %s sent to broadcast %s",
                    qPrintable(d.senderAddress().toString()),
                    qPrintable(d.destinationAddress().toString()));
            continue;
        }
        const QHostAddress from(d.senderAddress().toIPv4Address());
        const quint16 port = quint16(d.senderPort());
        const ParsedPacket parsed = parse(d.data());
        if (!parsed.ok()) {
            refuse(ErrorCode::IllegalOperation, parsed.error.toUtf8(), from, port);
            continue;
        }
        if (parsed.packet.opcode != Opcode::Rrq && parsed.packet.opcode != Opcode::Wrq) {
            refuse(ErrorCode::UnknownTid, "Unknown transfer ID", from, port);
            continue;
        }
        handleRequest(parsed.packet, from, port);
    }
}

void TftpServer::handleRequest(const Packet &request, const QHostAddress &from, quint16 port)
{
    const QString peerKey = from.toString();
    if (m_active >= m_config.maxSessions || m_perPeer.value(peerKey) >= m_config.maxPerPeer) {
        refuse(ErrorCode::NotDefined, "Too many transfers, try again later", from, port);
        return;
    }
    QString why;
    const auto path = resolve(request.filename, &why);
    if (!path) {
        refuse(ErrorCode::AccessViolation, why.toUtf8(), from, port);
        return;
    }
    const bool upload = request.opcode == Opcode::Wrq;
    const QFileInfo info(*path);
    auto file = std::make_unique<QFile>();
    QString finalPath = *path;
    std::optional<quint64> size;
    if (!upload) {
        if (!info.exists()) {
            refuse(ErrorCode::FileNotFound, "File not found", from, port);
            return;
        }
        if (!info.isFile()) {
            refuse(ErrorCode::AccessViolation, "Not a regular file", from, port);
            return;
        }
        file->setFileName(*path);
        if (!file->open(QIODevice::ReadOnly)) {
            refuse(ErrorCode::AccessViolation, file->errorString().toUtf8(), from, port);
            return;
        }
        size = quint64(info.size());
    } else {
        if (!m_config.allowWrite) {
            refuse(ErrorCode::AccessViolation, "Uploads are disabled", from, port);
            return;
        }
        if (info.exists() || info.isSymLink()) {
            refuse(ErrorCode::FileExists, "File already exists", from, port);
            return;
        }
        if (!info.dir().exists()) {
            refuse(ErrorCode::FileNotFound, "No such folder", from, port);
            return;
        }
        for (const auto &[name, value] : request.options) {
            if (name == "tsize" && m_config.quota && value.toULongLong() > m_config.quota) {
                refuse(ErrorCode::DiskFull, "Larger than the upload quota", from, port);
                return;
            }
        }
        // Written under a temporary name, renamed only when complete.
        file->setFileName(info.dir().filePath(
            QStringLiteral(".%1.tftp-%2")
                .arg(info.fileName())
                .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))));
        if (!file->open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            refuse(ErrorCode::AccessViolation, file->errorString().toUtf8(), from, port);
            return;
        }
    }
    const Negotiated n = negotiate(request, size, m_config.limits);
    TftpTransfer::Setup s;
    s.role = upload ? TftpTransfer::Role::Receive : TftpTransfer::Role::Send;
    s.localAddress = m_config.address;
    s.peer = from;
    s.peerPort = port;
    s.mode = request.mode;
    s.options = n.options;
    s.maxBytes = upload ? m_config.quota : 0;
    QFile *raw = file.get();
    if (upload) {
        s.commit = [raw, finalPath]() -> std::optional<TftpTransfer::Setup::CommitError> {
            raw->close();
            // Create-only to the end: someone may have made the file meanwhile.
            if (QFile::rename(raw->fileName(), finalPath))
                return std::nullopt;
            return TftpTransfer::Setup::CommitError{ErrorCode::FileExists,
                                                    QStringLiteral("%1 appeared during the upload")
                                                        .arg(QFileInfo(finalPath).fileName())};
        };
    }
    if (!n.accepted.isEmpty()) {
        s.firstPacket = buildOack(n.accepted);
        s.awaitingReply = true;
    } else if (upload) {
        s.firstPacket = buildAck(0);
        s.awaitingReply = true;
    }
    file.release();
    auto *transfer = new TftpTransfer(s, raw, this);
    raw->setParent(transfer);
    QString error;
    if (!transfer->start(&error)) {
        refuse(ErrorCode::NotDefined, error.toUtf8(), from, port);
        if (upload)
            raw->remove();
        delete transfer;
        return;
    }
    ++m_active;
    ++m_perPeer[peerKey];
    const TransferId id(TransferId::Kind::TftpServer, nextTransferId.fetch_add(1));
    m_transfers.insert(id, transfer);
    emit transferStarted(id, peerKey, finalPath,
                         upload ? TransferDirection::Download : TransferDirection::Upload,
                         upload ? n.options.transferSize.value_or(0) : quint64(info.size()));
    connect(transfer, &TftpTransfer::progressed, this,
            [this, id](quint64 done, quint64 total) { emit transferProgress(id, done, total); });
    connect(transfer, &TftpTransfer::finished, this,
            [this, id, transfer, raw, upload, finalPath, peerKey](bool ok, QString error) {
                m_transfers.remove(id);
                raw->close();
                // A kept upload was renamed by its commit before its final ACK.
                if (upload && !ok)
                    raw->remove();
                --m_active;
                if (--m_perPeer[peerKey] <= 0)
                    m_perPeer.remove(peerKey);
                const bool cancelled = m_cancelled.remove(id);
                emit transferFinished(
                    {id, finalState(ok, cancelled), error, finalPath, transfer->bytesDone()});
            });
    connect(transfer, &TftpTransfer::closed, transfer, &QObject::deleteLater);
}

} // namespace lanpigeon::tftp
