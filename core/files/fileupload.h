// Serves one TCP fetch of ours: reads GETFILEDATA/GETDIRFILES, streams the file or folder. An
// iptux picture push arriving on the same port is handed over instead.
#pragma once

#include "common/progressthrottle.h"
#include "common/transferid.h"
#include "files/offerregistry.h"

#include <QByteArray>
#include <QFileInfoList>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <sys/types.h>

class QSocketNotifier;
class QTimer;

namespace lanpigeon {

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
    // The connection is an iptux picture push, not a fetch: the receiver of the descriptor owns
    // it; head holds the picture bytes read with the header. No finished() follows.
    void iptuxPictureConnection(const lanpigeon::TransferId &id, int descriptor,
                                const QHostAddress &peer, const QByteArray &head);

private:
    void readRequest();
    void drain();
    void handleRequest(const QByteArray &request);
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

    // What is being sent now: header bytes first, then up to m_fileLeft bytes of m_file.
    QByteArray m_pending;
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

    quint64 m_done = 0;
    quint64 m_total = 0;
    ProgressThrottle m_progress;
    bool m_finished = false;
};

} // namespace lanpigeon
