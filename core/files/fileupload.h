// Serves one TCP fetch of ours: reads GETFILEDATA/GETDIRFILES, streams the file or folder. An
// iptux picture push arriving on the same port is handed over instead.
#pragma once

#include "common/progressthrottle.h"
#include "common/transferid.h"
#include "files/offerregistry.h"
#include "ipmsg/filelistcodec.h"
#include "ipmsg/ipmsgcodec.h"

#include <QByteArray>
#include <QFileInfoList>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

#include <sys/types.h>

class QSocketNotifier;
class QTimer;

namespace lanpigeon {

namespace crypto {
class CtrStream;
class KeyRing;
} // namespace crypto

// Why a download request was refused (ipmsg-extensions.md §1.7): nothing is served then.
enum class RequestRefusal
{
    // Encrypted, but not signed.
    Unsigned = 1,
    // Signed, but not by the key we hold for its user@host, or we hold none.
    BadSignature = 2,
    // Signed by a key other than the one pinned for it: someone may be posing as it.
    KeyChanged = 3,
    // Not sealed for our key, or tampered with.
    Undecryptable = 4,
    // A request number not above the last one from this peer: a recorded request played again.
    Replayed = 5,
    // For a file not offered to the address asking.
    NotOffered = 6,
    // Plain, while we require encryption.
    NotEncrypted = 7,
};

// Made on the network thread, then moved to a transfer thread: start() and cancel() are queued
// there and assert it.
class FileUpload final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileUpload)

public:
    // Takes ownership of the connected socket descriptor.
    FileUpload(const TransferId &id, int descriptor, OfferRegistry *registry,
               QObject *parent = nullptr);
    ~FileUpload() override;

    // The code page of the names in a folder stream: the one the offer list was written in.
    void setNameCodec(const QByteArray &codec) { m_codec = codec; }
    // Opens encrypted requests with our key and checks them against the peers' pinned keys;
    // without a ring they are refused. requireEncryption: plain requests are refused too.
    void setSecurity(std::shared_ptr<crypto::KeyRing> keyRing, bool requireEncryption);
    // Runs on the transfer thread.
    void start();
    void cancel();

signals:
    // packetNo: the offer being fetched.
    void begun(const lanpigeon::TransferId &id, const QHostAddress &peer, const QString &path,
               quint64 size, quint64 packetNo);
    void progressed(const lanpigeon::TransferId &id, quint64 done, quint64 total);
    void finished(const lanpigeon::TransferId &id, bool ok, const QString &error);
    // A recipient fetched the item completely; offerDone when nothing is left to fetch.
    void itemFetched(quint64 packetNo, const QHostAddress &peer, quint32 fileId, bool offerDone);
    // A request refused for its security: who is "user@host" as its header named it. finished()
    // follows.
    void refused(const lanpigeon::TransferId &id, const QHostAddress &peer, const QString &who,
                 lanpigeon::RequestRefusal reason);
    // The connection is an iptux picture push, not a fetch: the receiver of the descriptor owns
    // it; head holds the picture bytes read with the header. No finished() follows.
    void iptuxPictureConnection(const lanpigeon::TransferId &id, int descriptor,
                                const QHostAddress &peer, const QByteArray &head);

private:
    void readRequest();
    void drain();
    void handleRequest(const QByteArray &request);
    // The request an ENCRYPTOPT packet seals, once its signature, key and number passed; sets
    // m_stream when the data is to be encrypted. nullopt once refused.
    std::optional<ipmsg::FileRequest> openSealed(const ipmsg::Packet &packet);
    void refuse(RequestRefusal reason, const QString &who, const QString &why);
    // Reads, encrypts and queues the next chunk of m_file.
    bool queueEncrypted();
    void handOverPicture(int payloadOffset);
    void pump();
    bool queueNextDirEntry();
    bool sendPending();
    void finish(bool ok, const QString &error = {});
    void reportProgress(bool force);

    TransferId m_id;
    int m_fd;
    OfferRegistry *m_registry;
    QByteArray m_codec = "UTF-8";
    QHostAddress m_peer;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QTimer *m_timeout;
    QByteArray m_request;
    SharedItem m_item;
    quint64 m_packetNo = 0;

    std::shared_ptr<crypto::KeyRing> m_keyRing;
    bool m_requireEncryption = false;
    // Encrypts everything written, headers included; null for plain transfers (sendfile()).
    std::unique_ptr<crypto::CtrStream> m_stream;

    // What is being sent now: header bytes first (from m_pendingAt on), then up to m_fileLeft
    // bytes of m_file.
    QByteArray m_pending;
    qsizetype m_pendingAt = 0;
    int m_file = -1;
    off_t m_fileOffset = 0;
    quint64 m_fileLeft = 0;
    // Folder walk: one listing per level, with the index of the next entry.
    QList<QPair<QFileInfoList, int>> m_stack;
    bool m_dirMode = false;
    bool m_dirStarted = false;
    bool m_draining = false;
    int m_inFlight = 0;        // unacknowledged bytes when last seen to shrink
    qint64 m_drainMovedMs = 0; // when that was, on clock::monotonicMs()

    // Time spent in each stage of an encrypted upload, for the log.
    qint64 m_readNs = 0;
    qint64 m_cryptNs = 0;
    qint64 m_sendNs = 0;

    quint64 m_done = 0;
    quint64 m_total = 0;
    ProgressThrottle m_progress;
    bool m_finished = false;
};

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::RequestRefusal)
