#include "tftp/tftpclient.h"

#include "tftp/tftptransfer.h"

#include <QFile>
#include <QFileInfo>
#include <QNetworkInterface>

namespace lanpigeon::tftp {

TftpClient::TftpClient(QObject *parent)
    : QObject(parent)
{
}

TftpClient::~TftpClient() = default;

int TftpClient::blockSizeForPath(const QHostAddress &server)
{
    // Large blocks fragment into many IP fragments, and one lost fragment loses the block.
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &i : interfaces) {
        for (const QNetworkAddressEntry &e : i.addressEntries()) {
            if (e.ip().protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            const bool loopback =
                server.isLoopback() && (i.flags() & QNetworkInterface::IsLoopBack);
            if (loopback || (e.prefixLength() > 0 && server.isInSubnet(e.ip(), e.prefixLength())))
                return std::clamp(i.maximumTransmissionUnit() - 32, DefaultBlockSize, MaxBlockSize);
        }
    }
    return DefaultBlockSize;
}

quint16 TftpClient::localPort() const
{
    return m_transfer ? m_transfer->localPort() : 0;
}

void TftpClient::cancel()
{
    if (m_transfer)
        m_transfer->cancel(QStringLiteral("cancelled"));
}

bool TftpClient::start(const Request &request, QString *error)
{
    m_request = request;
    const QString partPath = request.local + QStringLiteral(".part");
    m_file = new QFile(request.put ? request.local : partPath, this);
    if (!m_file->open(request.put ? QIODevice::ReadOnly
                                  : QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = tr("cannot open %1: %2").arg(m_file->fileName(), m_file->errorString());
        return false;
    }
    OptionList asked;
    const int blockSize =
        request.blockSize > 0 ? request.blockSize : blockSizeForPath(request.server);
    if (blockSize != DefaultBlockSize)
        asked.append({"blksize", QByteArray::number(blockSize)});
    // A window larger than our receive buffer only gets its tail dropped, every time.
    const int window = request.put ? request.windowSize
                                   : TftpTransfer::windowThatFits(blockSize, request.windowSize);
    if (window > 1)
        asked.append({"windowsize", QByteArray::number(window)});
    if (request.timeout > 0)
        asked.append({"timeout", QByteArray::number(request.timeout)});
    if (request.mode == Mode::Octet)
        asked.append({"tsize", QByteArray::number(request.put ? m_file->size() : 0)});

    TftpTransfer::Setup s;
    s.role = request.put ? TftpTransfer::Role::Send : TftpTransfer::Role::Receive;
    s.localAddress = request.bind;
    s.peer = request.server;
    s.requestPort = request.port;
    s.mode = request.mode;
    s.isClient = true;
    s.asked = asked;
    s.awaitingReply = true;
    s.firstPacket =
        buildRequest(request.put ? Opcode::Wrq : Opcode::Rrq, request.remote, request.mode, asked);
    m_transfer = new TftpTransfer(s, m_file, this);
    connect(m_transfer, &TftpTransfer::progressed, this, &TftpClient::progressed);
    connect(m_transfer, &TftpTransfer::finished, this, [this, partPath](bool ok, QString error) {
        m_file->close();
        if (!m_request.put) {
            if (ok) {
                QFile::remove(m_request.local);
                if (!QFile::rename(partPath, m_request.local)) {
                    ok = false;
                    error = tr("cannot rename %1").arg(partPath);
                }
            } else if (QFileInfo(partPath).size() == 0) {
                QFile::remove(partPath);
            }
        }
        emit finished(ok, error, m_transfer->bytesDone());
    });
    connect(m_transfer, &TftpTransfer::closed, this, &TftpClient::closed);
    return m_transfer->start(error);
}

} // namespace lanpigeon::tftp
