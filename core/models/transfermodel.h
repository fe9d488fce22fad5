// Every file transfer, up or down, with progress, speed and ETA; keyed by transfer id.
#pragma once

#include "common/transferresult.h"
#include "files/offerid.h"

#include <QAbstractListModel>
#include <QElapsedTimer>
#include <QHash>
#include <QList>

class QTimer;

namespace lanpigeon {

// On the GUI thread, like every model: the methods that change it assert it.
class TransferModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferModel)

public:
    using Direction = TransferDirection;
    using State = TransferState;
    // What Retry can do for a row that ended without success.
    enum class Retry
    {
        // Running, done, or nothing to start again (an upload, a TFTP server's transfer).
        Unavailable,
        Available,
        // Already started again in a row of its own: a second try would race the first.
        Retried,
        // The sender no longer offers the file.
        Refused
    };
    enum Role
    {
        // A TransferId.
        IdRole = Qt::UserRole + 1,
        // A Direction.
        DirectionRole,
        PeerRole,
        NameRole,
        PathRole,
        SizeRole,
        DoneRole,
        SpeedRole,
        EtaRole,
        // A State.
        StateRole,
        ErrorRole,
        // An OfferId; invalid for uploads and TFTP.
        OfferIdRole,
        // Active, but no byte for StallMs: the speed and ETA it last had no longer hold.
        StalledRole,
        // A Retry.
        RetryRole,
    };

    struct Transfer
    {
        TransferId id;
        // The incoming offer a download belongs to.
        OfferId offerId;
        Direction direction = Direction::Download;
        QString peer;
        QString name;
        QString path;
        quint64 size = 0;
        quint64 done = 0;
        // Bytes per second, smoothed.
        double speed = 0;
        State state = State::Waiting;
        // Messenger::retryTransfer() can start it again once it failed or was cancelled.
        bool retryable = false;
        bool retried = false;
        bool retryRefused = false;
        QString error;
        // On the model's monotonic clock.
        qint64 lastSampleMs = 0;
        quint64 lastSampleBytes = 0;
        qint64 lastProgressMs = 0;
        bool stalled = false;
    };

    static constexpr qint64 StallMs = 3000;

    explicit TransferModel(QObject *parent = nullptr);
    ~TransferModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // False, and nothing changes, if the id is already listed.
    bool add(const Transfer &transfer);
    // A row that is done, failed or cancelled is final: these leave it as it is.
    void setStarted(const TransferId &id, const QString &path, quint64 size, quint64 done);
    void setProgress(const TransferId &id, quint64 done, quint64 size);
    // A path in the result replaces the row's; an empty one keeps it.
    void setFinished(const TransferResult &result);
    // The row was started again in a new row, or could not be: either way not again from here.
    void setRetried(const TransferId &id);
    void setRetryRefused(const TransferId &id);

    const Transfer *find(const TransferId &id) const;
    QList<Transfer> transfers() const { return m_rows; }
    // Seconds left at the current speed; -1 when unknown.
    static qint64 eta(const Transfer &t);
    // For people, translated: never compare it.
    static QString stateText(State state);
    static Retry retry(const Transfer &t);

    static bool isFinal(State state);

private:
    void changed(int row);
    // The row of id while it can still change; -1 otherwise.
    int liveRow(const TransferId &id) const;
    // Progress comes only while bytes move, so a stalled transfer is found by looking.
    void checkStalled();
    void watchForStalls();

    QList<Transfer> m_rows;
    QHash<TransferId, int> m_index;
    QElapsedTimer m_clock;
    QTimer *m_stallCheck;
};

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::TransferModel::Retry)
