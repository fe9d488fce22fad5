// One TFTP transfer on its own UDP socket (its TID): sends or receives a file, windowed.
#pragma once

#include "tftp/tftpcodec.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QObject>

#include <functional>
#include <optional>

class QSocketNotifier;
class QTimer;

namespace lanpigeon::tftp {

// Runs on the thread of the server or client that made it; start() and cancel() assert it.
class TftpTransfer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TftpTransfer)

public:
    enum class Role
    {
        Send,
        Receive
    };

    struct Setup
    {
        Role role = Role::Send;
        QHostAddress localAddress;
        QHostAddress peer;
        // 0 for a client whose server has not answered yet: the first reply fixes the TID.
        quint16 peerPort = 0;
        // Where a client's request goes (the server's listening port).
        quint16 requestPort = 69;
        Mode mode = Mode::Octet;
        TransferOptions options;
        // Sent first: an OACK (server), a request (client), or nothing.
        QByteArray firstPacket;
        // What the first packet waits for: the client's ACK 0 after an OACK, the server's reply
        // to a request; empty when data flows at once.
        bool awaitingReply = false;
        bool isClient = false;
        // Options the client asked for, to check the server's OACK against.
        OptionList asked;
        int maxRetries = 8;
        // Bytes the receiver may write at most (quota); 0 for no limit.
        quint64 maxBytes = 0;
        // Why a receiver could not make its file final; the message goes to the peer.
        struct CommitError
        {
            ErrorCode code = ErrorCode::NotDefined;
            // Plain English (see fail()).
            QString message;
        };
        // Receive: makes the written file final after the last block and before its ACK, so a
        // peer told "done" finds the file in place, and one whose file could not be kept hears
        // why instead. Empty: the owner finishes the file on finished().
        std::function<std::optional<CommitError>()> commit;
    };

    // Takes the opened file: read from for Send, written to for Receive.
    TftpTransfer(const Setup &setup, QFile *file, QObject *parent = nullptr);
    ~TftpTransfer() override;

    bool start(QString *error);
    void cancel(const QString &why);
    quint64 bytesDone() const { return m_bytes; }
    quint16 localPort() const;
    quint64 retransmissions() const { return m_retransmissions; }
    // The largest window of blocks this machine's socket buffers can hold without dropping.
    static int windowThatFits(int blockSize, int wanted);

signals:
    void progressed(quint64 done, quint64 total);
    // The outcome; a receiver reports success as soon as the last block is on disk.
    void finished(bool ok, const QString &error);
    // The socket is done (after a receiver's dally): the owner may delete the transfer.
    void closed();

private:
    void readPending();
    bool peerRefused();
    void sendTo(const QByteArray &datagram, quint32 ip, quint16 port);
    void closeSocket();
    void readAhead();
    void handle(const Packet &p);
    void onTimeout();
    void sendWindow(bool retransmit);
    bool fillBlock(quint64 index, QByteArray *datagram);
    void receiveData(const Packet &p);
    void ackReceived(quint64 block);
    void send(const QByteArray &datagram);
    void armTimer();
    static int sizeBuffers(qintptr fd, int bytes);
    void sampleRtt(qint64 ms);
    void finish(bool ok, const QString &error = {});
    void fail(ErrorCode code, const QString &error);

    Setup m_s;
    QFile *m_file;
    // A plain non-blocking socket: QUdpSocket's peek-then-read costs a syscall per block.
    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    quint32 m_peerIp = 0;
    QTimer *m_timer;
    QElapsedTimer m_clock;

    // Sender: blocks [m_base, m_next) are in flight; block numbers start at 1, 64-bit.
    quint64 m_base = 1;
    quint64 m_next = 1;
    // Block that carries the end of the file, once known.
    quint64 m_lastBlock = 0;
    QByteArray m_pendingText;
    bool m_eof = false;
    QList<QByteArray> m_window;
    // Block m_next, read while the peer works on the last window, so an ACK is answered with a
    // send and nothing else. One block only: reading a whole window ahead pushed 4 MB windows
    // out of the cache and cut windowsize 64 from ~1200 to ~400 MB/s.
    QByteArray m_ahead;
    qint64 m_windowSentMs = 0;
    bool m_windowRetransmitted = false;

    // Receiver: the next block we expect.
    quint64 m_expected = 1;
    int m_sinceAck = 0;
    NetasciiDecoder m_decoder;
    bool m_dallying = false;
    // When our last window-end ACK left, to time the next block (the receiver's RTT sample).
    qint64 m_ackSentMs = -1;

    QByteArray m_lastSent;
    QByteArray m_receiveBuffer;
    int m_retries = 0;
    quint64 m_retransmissions = 0;
    quint64 m_bytes = 0;
    quint64 m_total = 0;
    // Adaptive retransmission (RFC 6298 with Karn's rule), in ms.
    double m_srtt = -1;
    double m_rttvar = 0;
    int m_rto = 1000;
    // The RTO the samples give, before any backoff. Karn's rule takes no sample from a
    // retransmitted window, and at 20% loss nearly every window is one: without going back to
    // this on progress, as TCP does, the backoff only ever grew (1 MB took 52 s).
    int m_rtoBase = 1000;
    bool m_done = false;
};

} // namespace lanpigeon::tftp
