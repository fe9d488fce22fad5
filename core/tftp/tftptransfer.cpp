#include "tftp/tftptransfer.h"

#include "common/threadcheck.h"
#include "tftp/tftplog.h"

#include <QSocketNotifier>
#include <QTimer>
#include <QVariant>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace lanpigeon::tftp {

namespace {
constexpr int MinRtoMs = 20;
constexpr int MaxRtoMs = 10000;
constexpr qint64 ReadChunk = 64 * 1024;
} // namespace

TftpTransfer::TftpTransfer(const Setup &setup, QFile *file, QObject *parent)
    : QObject(parent)
    , m_s(setup)
    , m_file(file)

    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &TftpTransfer::onTimeout);
    m_peerIp = m_s.peer.toIPv4Address();
    if (m_s.options.timeout > 0)
        m_rto = m_rtoBase = m_s.options.timeout * 1000;
    if (m_s.options.transferSize)
        m_total = *m_s.options.transferSize;
    else if (m_s.role == Role::Send && m_s.mode == Mode::Octet)
        m_total = quint64(m_file->size());
}

TftpTransfer::~TftpTransfer()
{
    closeSocket();
}

quint16 TftpTransfer::localPort() const
{
    sockaddr_in a{};
    socklen_t len = sizeof a;
    if (m_fd < 0 || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len) != 0)
        return 0;
    return ntohs(a.sin_port);
}

void TftpTransfer::closeSocket()
{
    if (m_fd < 0)
        return;
    delete m_notifier;
    m_notifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
}

bool TftpTransfer::start(QString *error)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(m_s.localAddress.toIPv4Address());
    if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0) {
        if (error)
            *error =
                tr("cannot open a UDP socket: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        closeSocket();
        return false;
    }
    // ICMP errors reach an unconnected UDP socket only when asked for: then a closed port
    // fails the transfer at once instead of after every retry.
    const int on = 1;
    ::setsockopt(m_fd, IPPROTO_IP, IP_RECVERR, &on, sizeof on);
    m_notifier = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TftpTransfer::readPending);
    // Room for a whole window in flight, so the kernel does not drop what we asked for. A client
    // sizes for what it asks: the OACK that settles it comes later.
    int window = m_s.options.windowSize;
    int block = m_s.options.blockSize;
    for (const auto &[name, value] : m_s.asked) {
        if (name == "windowsize")
            window = std::max(window, value.toInt());
        else if (name == "blksize")
            block = std::max(block, value.toInt());
    }
    sizeBuffers(m_fd, 2 * window * (block + 4));
    m_clock.start();
    if (!m_s.firstPacket.isEmpty()) {
        send(m_s.firstPacket);
        // The reply times the first round trip, so even a one-block transfer dallies for about
        // two RTOs rather than the initial second.
        if (m_s.role == Role::Receive)
            m_ackSentMs = 0;
        armTimer();
        return true;
    }
    if (m_s.role == Role::Send)
        sendWindow(false);
    return true;
}

int TftpTransfer::sizeBuffers(qintptr fd, int bytes)
{
    bytes = std::max(bytes, 256 * 1024);
    for (int opt : {SO_RCVBUF, SO_SNDBUF}) {
        // The forced variant passes rmem_max/wmem_max where allowed (root); else it is capped.
        const int forced = opt == SO_RCVBUF ? SO_RCVBUFFORCE : SO_SNDBUFFORCE;
        if (::setsockopt(int(fd), SOL_SOCKET, forced, &bytes, sizeof bytes) != 0)
            ::setsockopt(int(fd), SOL_SOCKET, opt, &bytes, sizeof bytes);
    }
    int actual = 0;
    socklen_t len = sizeof actual;
    ::getsockopt(int(fd), SOL_SOCKET, SO_RCVBUF, &actual, &len);
    // Linux reports twice what it stores as payload (the rest is bookkeeping).
    return actual / 2;
}

int TftpTransfer::windowThatFits(int blockSize, int wanted)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return wanted;
    // Each datagram also costs kernel bookkeeping: count it at the page-rounded size.
    const int perPacket = ((blockSize + 4 + 512) + 4095) / 4096 * 4096;
    const int room = sizeBuffers(fd, 2 * wanted * perPacket);
    ::close(fd);
    return std::clamp(room / perPacket, 1, wanted);
}

void TftpTransfer::send(const QByteArray &datagram)
{
    m_lastSent = datagram;
    sendTo(datagram, m_peerIp, m_s.peerPort ? m_s.peerPort : m_s.requestPort);
}

void TftpTransfer::sendTo(const QByteArray &datagram, quint32 ip, quint16 port)
{
    if (m_fd < 0)
        return;
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(ip);
    to.sin_port = htons(port);
    // A full send buffer drops the datagram like the network would; retransmission covers it.
    ::sendto(m_fd, datagram.constData(), size_t(datagram.size()), 0,
             reinterpret_cast<sockaddr *>(&to), sizeof to);
}

void TftpTransfer::armTimer()
{
    m_timer->start(m_rto);
}

void TftpTransfer::sampleRtt(qint64 ms)
{
    // RFC 6298; only for windows never retransmitted (Karn's rule).
    const double r = double(std::max<qint64>(ms, 1));
    if (m_srtt < 0) {
        m_srtt = r;
        m_rttvar = r / 2;
    } else {
        m_rttvar = 0.75 * m_rttvar + 0.25 * std::abs(m_srtt - r);
        m_srtt = 0.875 * m_srtt + 0.125 * r;
    }
    m_rto = m_rtoBase = std::clamp(int(m_srtt + std::max(10.0, 4 * m_rttvar)), MinRtoMs, MaxRtoMs);
}

void TftpTransfer::readPending()
{
    // One reusable buffer: allocating 64 KiB per ACK showed in the lock-step figures.
    if (m_receiveBuffer.size() != MaxBlockSize + 4)
        m_receiveBuffer.resize(MaxBlockSize + 4);
    while (!m_done && m_fd >= 0) {
        sockaddr_in sender{};
        socklen_t len = sizeof sender;
        const ssize_t n = ::recvfrom(m_fd, m_receiveBuffer.data(), size_t(m_receiveBuffer.size()),
                                     MSG_DONTWAIT, reinterpret_cast<sockaddr *>(&sender), &len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            if (peerRefused() && !m_dallying) {
                finish(false, m_s.isClient && m_s.awaitingReply
                                  ? tr("no TFTP server at %1 port %2 (port unreachable)")
                                        .arg(m_s.peer.toString())
                                        .arg(m_s.requestPort)
                                  : tr("%1 closed its end of the transfer (port unreachable)")
                                        .arg(m_s.peer.toString()));
                return;
            }
            continue;
        }
        const quint32 ip = ntohl(sender.sin_addr.s_addr);
        const quint16 port = ntohs(sender.sin_port);
        if (ip != m_peerIp || (m_s.peerPort != 0 && port != m_s.peerPort)) {
            // RFC 1350: a stranger gets ERROR 5 and the transfer goes on.
            qCDebug(lcTftp, "answered a stranger %s:%u with ERROR 5",
                    qPrintable(QHostAddress(ip).toString()), port);
            sendTo(buildError(ErrorCode::UnknownTid, "Unknown transfer ID"), ip, port);
            continue;
        }
        if (m_s.peerPort == 0)
            m_s.peerPort = port;
        const ParsedPacket parsed =
            parse(QByteArray::fromRawData(m_receiveBuffer.constData(), qsizetype(n)));
        if (!parsed.ok()) {
            fail(ErrorCode::IllegalOperation, QStringLiteral("malformed packet from %1: %2")
                                                  .arg(m_s.peer.toString(), parsed.error));
            return;
        }
        handle(parsed.packet);
    }
}

bool TftpTransfer::peerRefused()
{
    // Reads the whole error queue (else it keeps the socket readable forever) and looks for a
    // port-unreachable report on a datagram sent to the peer; one about a stranger we answered
    // with ERROR 5 must not end the transfer.
    bool refused = false;
    const quint16 port = m_s.peerPort ? m_s.peerPort : m_s.requestPort;
    for (;;) {
        sockaddr_in target{};
        char control[256];
        char payload[64];
        iovec iov{payload, sizeof payload};
        msghdr msg{};
        msg.msg_name = &target;
        msg.msg_namelen = sizeof target;
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        if (::recvmsg(m_fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
            return refused;
        for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level != IPPROTO_IP || c->cmsg_type != IP_RECVERR)
                continue;
            sock_extended_err err{};
            std::memcpy(&err, CMSG_DATA(c), sizeof err);
            if (err.ee_errno == ECONNREFUSED && ntohl(target.sin_addr.s_addr) == m_peerIp &&
                ntohs(target.sin_port) == port)
                refused = true;
        }
    }
}

void TftpTransfer::handle(const Packet &p)
{
    if (p.opcode == Opcode::Error) {
        finish(false, tr("peer error %1: %2").arg(int(p.error)).arg(QString::fromUtf8(p.message)));
        return;
    }
    if (m_s.awaitingReply) {
        if (p.opcode == Opcode::Oack && m_s.isClient) {
            QString error;
            const auto applied = applyOack(m_s.asked, p.options, &error);
            if (!applied) {
                fail(ErrorCode::OptionRefused, error);
                return;
            }
            m_s.options = *applied;
            if (applied->transferSize)
                m_total = *applied->transferSize;
            m_s.awaitingReply = false;
            if (m_retries == 0)
                sampleRtt(m_clock.elapsed());
            m_retries = 0;
            if (m_s.role == Role::Receive) {
                send(buildAck(0));
                m_ackSentMs = m_clock.elapsed();
                armTimer();
            } else {
                sendWindow(false);
            }
            return;
        }
        if (m_s.isClient && m_s.role == Role::Receive && p.opcode == Opcode::Data) {
            // No OACK: the server ignored our options; defaults apply.
            m_s.options = TransferOptions();
            m_s.awaitingReply = false;
        } else if (m_s.role == Role::Send && p.opcode == Opcode::Ack && p.block == 0) {
            // The ACK 0 that answers an OACK (server) or a plain WRQ (client).
            if (m_s.isClient && !m_s.asked.isEmpty())
                m_s.options = TransferOptions();
            m_s.awaitingReply = false;
            m_retries = 0;
            sampleRtt(m_clock.elapsed() - m_windowSentMs);
            sendWindow(false);
            return;
        } else if (!m_s.isClient && m_s.role == Role::Receive && p.opcode == Opcode::Data) {
            m_s.awaitingReply = false;
        } else {
            return;
        }
    }
    if (p.opcode == Opcode::Oack && m_s.isClient && m_s.role == Role::Receive && m_expected == 1) {
        // Our ACK 0 was lost and the server sent the OACK again: ACK it again, do not abort.
        send(buildAck(0));
        armTimer();
        return;
    }
    if (p.opcode == Opcode::Data && m_s.role == Role::Receive)
        receiveData(p);
    else if (p.opcode == Opcode::Ack && m_s.role == Role::Send)
        ackReceived(p.block);
}

bool TftpTransfer::fillBlock(quint64 index, QByteArray *datagram)
{
    // The whole DATA datagram is built once and kept as is for retransmission.
    const int size = m_s.options.blockSize;
    QByteArray payload;
    if (m_s.mode == Mode::Octet) {
        *datagram = buildData(quint16(index), {});
        datagram->resize(4 + size);
        const qint64 n = m_file->read(datagram->data() + 4, size);
        if (n < 0) {
            fail(ErrorCode::NotDefined,
                 QStringLiteral("cannot read: %1").arg(m_file->errorString()));
            return false;
        }
        datagram->resize(4 + int(n));
        if (n < size)
            m_lastBlock = index;
        return true;
    } else {
        while (m_pendingText.size() < size && !m_eof) {
            const QByteArray chunk = m_file->read(ReadChunk);
            if (chunk.isEmpty())
                m_eof = true;
            m_pendingText += toNetascii(chunk);
        }
        payload = m_pendingText.left(size);
        m_pendingText.remove(0, payload.size());
    }
    if (payload.size() < size)
        m_lastBlock = index;
    *datagram = buildData(quint16(index), payload);
    return true;
}

void TftpTransfer::sendWindow(bool retransmit)
{
    if (retransmit) {
        for (const QByteArray &datagram : std::as_const(m_window))
            sendTo(datagram, m_peerIp, m_s.peerPort);
        m_retransmissions += quint64(m_window.size());
    } else {
        while (m_next - m_base < quint64(m_s.options.windowSize) &&
               !(m_lastBlock && m_next > m_lastBlock)) {
            QByteArray datagram;
            if (!m_ahead.isEmpty())
                datagram = std::exchange(m_ahead, {});
            else if (!fillBlock(m_next, &datagram))
                return;
            sendTo(datagram, m_peerIp, m_s.peerPort);
            m_window.append(datagram);
            ++m_next;
        }
    }
    m_windowSentMs = m_clock.elapsed();
    m_windowRetransmitted = retransmit;
    armTimer();
    readAhead();
}

void TftpTransfer::readAhead()
{
    if (m_done || !m_ahead.isEmpty() || (m_lastBlock && m_next > m_lastBlock))
        return;
    QByteArray datagram;
    if (fillBlock(m_next, &datagram))
        m_ahead = datagram;
}

void TftpTransfer::ackReceived(quint64 wire)
{
    // Place the 16-bit number within what is in flight; anything else is stale.
    const quint64 first = m_base - 1;
    const quint64 delta = quint16(wire - quint16(first));
    if (delta > m_next - 1 - first)
        return;
    const quint64 acked = first + delta;
    if (acked == first) {
        // Sorcerer's Apprentice (RFC 1123): a duplicate ACK never triggers a resend in
        // lock-step. With a window it reports a gap at m_base: go back once, not per duplicate.
        if (m_s.options.windowSize > 1 && !m_windowRetransmitted && !m_window.isEmpty())
            sendWindow(true);
        return;
    }
    if (!m_windowRetransmitted)
        sampleRtt(m_clock.elapsed() - m_windowSentMs);
    else
        m_rto = m_rtoBase;
    m_retries = 0;
    for (quint64 b = m_base; b <= acked; ++b) {
        m_bytes += quint64(m_window.first().size() - 4);
        m_window.removeFirst();
    }
    m_base = acked + 1;
    emit progressed(m_bytes, std::max(m_total, m_bytes));
    if (m_lastBlock && acked >= m_lastBlock) {
        finish(true);
        return;
    }
    // A partial ACK means the blocks after it were lost: send them again, then go on.
    if (acked < m_next - 1)
        sendWindow(true);
    else
        sendWindow(false);
}

void TftpTransfer::receiveData(const Packet &p)
{
    const quint64 block =
        m_expected + quint64(qint64(qint16(quint16(p.block - quint16(m_expected)))));
    if (block < m_expected) {
        // Our ACK was lost: say again where we are.
        if (block + 1 == m_expected)
            send(buildAck(quint16(m_expected - 1)));
        return;
    }
    if (m_dallying)
        return;
    if (block > m_expected) {
        // RFC 7440: on a gap, ACK the last block received in order at once.
        send(buildAck(quint16(m_expected - 1)));
        m_sinceAck = 0;
        armTimer();
        return;
    }
    if (m_ackSentMs >= 0) {
        if (m_retries == 0)
            sampleRtt(m_clock.elapsed() - m_ackSentMs);
        m_ackSentMs = -1;
    }
    if (m_retries > 0)
        m_rto = m_rtoBase;
    const QByteArray bytes = m_s.mode == Mode::Netascii ? m_decoder.decode(p.data) : p.data;
    if (m_s.maxBytes && m_bytes + quint64(bytes.size()) > m_s.maxBytes) {
        fail(ErrorCode::DiskFull,
             QStringLiteral("upload larger than the quota of %1 bytes").arg(m_s.maxBytes));
        return;
    }
    if (m_file->write(bytes) != bytes.size()) {
        fail(ErrorCode::DiskFull, QStringLiteral("cannot write: %1").arg(m_file->errorString()));
        return;
    }
    m_bytes += quint64(bytes.size());
    ++m_expected;
    m_retries = 0;
    const bool last = p.data.size() < m_s.options.blockSize;
    if (last) {
        if (m_s.mode == Mode::Netascii)
            m_file->write(m_decoder.finish());
        if (!m_file->flush()) {
            fail(ErrorCode::DiskFull,
                 QStringLiteral("cannot write: %1").arg(m_file->errorString()));
            return;
        }
        // The final ACK tells the peer its file is kept: only once it is.
        if (m_s.commit) {
            if (const auto error = m_s.commit()) {
                fail(error->code, error->message);
                return;
            }
        }
        send(buildAck(quint16(block)));
        m_sinceAck = 0;
        emit progressed(m_bytes, std::max(m_total, m_bytes));
        // The file is complete: say so now, then dally to ACK a retransmitted last block in
        // case our final ACK got lost.
        m_dallying = true;
        emit finished(true, {});
        m_timer->start(std::clamp(2 * m_rto, 50, 1000));
        return;
    }
    if (++m_sinceAck >= m_s.options.windowSize) {
        send(buildAck(quint16(block)));
        m_sinceAck = 0;
        m_ackSentMs = m_clock.elapsed();
    }
    emit progressed(m_bytes, std::max(m_total, m_bytes));
    armTimer();
}

void TftpTransfer::onTimeout()
{
    if (m_dallying) {
        m_done = true;
        closeSocket();
        emit closed();
        return;
    }
    if (++m_retries > m_s.maxRetries) {
        fail(ErrorCode::NotDefined, QStringLiteral("timed out after %1 tries").arg(m_s.maxRetries));
        return;
    }
    // Exponential backoff until an ACK gets through.
    m_rto = std::min(m_rto * 2, MaxRtoMs);
    ++m_retransmissions;
    if (m_s.role == Role::Receive && !m_s.awaitingReply && m_expected > 1) {
        // Say what we have: a window whose tail was dropped is then resent from there, not
        // from its start (which would only fill our buffer with blocks we already hold).
        send(buildAck(quint16(m_expected - 1)));
        m_sinceAck = 0;
        armTimer();
        return;
    }
    if (m_s.role == Role::Send && !m_s.awaitingReply && !m_window.isEmpty()) {
        sendWindow(true);
        return;
    }
    send(m_lastSent);
    armTimer();
}

void TftpTransfer::cancel(const QString &why)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    fail(ErrorCode::NotDefined, why);
}

void TftpTransfer::fail(ErrorCode code, const QString &error)
{
    // error also goes to the peer in an ERROR packet, so callers pass plain English: a TFTP
    // client on a switch or a phone cannot show a translated text.
    if (m_done || m_dallying)
        return;
    if (m_s.peerPort != 0)
        sendTo(buildError(code, error.toUtf8()), m_peerIp, m_s.peerPort);
    finish(false, error);
}

void TftpTransfer::finish(bool ok, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    if (!ok)
        qCInfo(lcTftp, "transfer with %s:%u failed: %s", qPrintable(m_s.peer.toString()),
               m_s.peerPort ? m_s.peerPort : m_s.requestPort, qPrintable(error));
    m_timer->stop();
    closeSocket();
    emit finished(ok, error);
    emit closed();
}

} // namespace lanpigeon::tftp
