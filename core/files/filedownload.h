// Fetches one offered file or folder over TCP into a chosen folder, resumably, never outside it.
#pragma once

#include "common/progressthrottle.h"
#include "common/transferid.h"
#include "crypto/rsakey.h"
#include "ipmsg/dirstreamparser.h"
#include "ipmsg/ipmsgcodec.h"

#include <QHostAddress>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QSocketNotifier;
class QTimer;

namespace lanpigeon {

class RequestGate;
class TransferThreads;
namespace crypto {
class CtrStream;
}
namespace files {
class DecryptingWriter;
}

// Made on the network thread, then moved to a transfer thread: start() and cancel() are queued
// there and assert it.
class FileDownload final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileDownload)

public:
    struct Job
    {
        TransferId id;
        QHostAddress address;
        quint16 port = 0;
        // Header of the GETFILEDATA / GETDIRFILES packet; the worker fills in the extra.
        ipmsg::Packet request;
        quint64 offerPacketNo = 0;
        quint32 fileId = 0;
        bool isDir = false;
        QString name;
        quint64 size = 0;
        qint64 mtime = 0;
        QString targetDir;
        // Names inside folder streams.
        QByteArray codec = "UTF-8";
        // Only peers that honour the offset (iptux does not) may resume.
        bool canResume = false;
        int idleTimeoutMs = 60000;
        // Our own address, so the sender sees the recipient it offered to.
        QHostAddress localAddress;
        // Set when the requests are signed and encrypted and the data comes back AES-256-CTR
        // encrypted (ipmsg-extensions.md §1.7).
        struct Sealing
        {
            crypto::RsaKey peerKey;
            crypto::RsaKey ourKey;
            // The sealed request's set: RSA-2048, AES-256, PACKETNO_IV and a signature.
            quint32 capa = 0;
            // Thread-safe: a fresh number for each request, taken when it is sent.
            std::function<quint64()> packetNumbers;
            // The peer's: our requests to it go one at a time, in the order of their numbers.
            std::shared_ptr<RequestGate> gate;
        };
        std::optional<Sealing> sealing;
    };

    explicit FileDownload(const Job &job, QObject *parent = nullptr);
    // One on the next transfer thread, deleted when that thread ends; connect, then start().
    static FileDownload *onTransferThread(const Job &job, TransferThreads *threads);
    ~FileDownload() override;

    // Run on the transfer thread.
    void start();
    // Keeps the .part file so a later fetch resumes.
    void cancel();

    // Marks a folder still being fetched, so a retry resumes into it instead of a new copy.
    static QString partialMarker() { return QStringLiteral(".lanpigeon-partial"); }

signals:
    void begun(const lanpigeon::TransferId &id, const QString &localPath, quint64 total,
               quint64 resumedFrom);
    void progressed(const lanpigeon::TransferId &id, quint64 done, quint64 total);
    void finished(const lanpigeon::TransferId &id, bool ok, const QString &error,
                  const QString &localPath);

private:
    bool prepareFile();
    bool prepareFolder();
    void openConnection();
    int idleInterval() const;
    bool canReconnect() const;
    // Opens the connection again and resumes where the data stopped; false if it may not.
    bool reconnect();
    void reopen();
    void closeSocket(bool reset);
    void fail(const QString &error);
    void connected();
    void sendRequest();
    // The request was answered, or this connection is over: the next request may go.
    void releaseGate();
    void readData();
    // The request's packet, sealed when the job says so (then m_stream decrypts its answer).
    std::optional<ipmsg::Packet> makeRequest();
    // An encrypted request the sender closed without a byte: a replay check that saw a later
    // request of ours first, or a refusal. Asked again with a fresh number, a few times.
    bool retryRefused();
    bool writeAll(const char *data, qsizetype size);
    // Writing path failed with error (an errno): the download fails saying so.
    void failWrite(int error, const QString &path);
    bool onDirEvent(const ipmsg::DirStreamParser::Event &e);
    bool completeCurrentFile();
    bool closeAndRename(const QString &part, const QString &final, qint64 mtime);
    void finish(bool ok, const QString &error = {});
    void reportProgress(bool force);
    QString sysError() const;

    Job m_job;
    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QTimer *m_idle;
    QByteArray m_buffer;

    QString m_root;
    QString m_finalPath;
    QString m_partPath;
    int m_out = -1;
    int m_markerFd = -1; // a folder's unfinished marker, locked while we write the folder
    quint64 m_offset = 0;
    quint64 m_received = 0;

    std::unique_ptr<ipmsg::DirStreamParser> m_parser;
    QStringList m_dirs;
    bool m_skipping = false;
    QString m_currentPart;
    QString m_currentFinal;
    qint64 m_currentMtime = 0;
    quint64 m_entries = 0;
    int m_reconnects = 0;
    // Decrypts this connection's response; null for plain transfers.
    std::unique_ptr<crypto::CtrStream> m_stream;
    quint64 m_streamBytes = 0;
    // An encrypted file's bytes are decrypted and written on a thread of their own (folders are
    // parsed as they come, and stay on this one).
    std::unique_ptr<files::DecryptingWriter> m_writer;
    // Received into the writer's current buffer, not handed over yet.
    qsizetype m_filled = 0;
    // Entered the gate, and which time: a turn granted to an earlier entry is not taken.
    // Time spent in each stage of an encrypted download, for the log.
    qint64 m_recvNs = 0;
    qint64 m_cryptNs = 0;
    qint64 m_writeNs = 0;
    bool m_gated = false;
    quint64 m_gateTurn = 0;

    ProgressThrottle m_progress;
    bool m_finished = false;
};

} // namespace lanpigeon
