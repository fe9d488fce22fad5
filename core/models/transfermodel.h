// Every file transfer, up or down, with progress, speed and ETA; keyed by transfer id.
#pragma once

#include <QAbstractListModel>
#include <QElapsedTimer>
#include <QHash>
#include <QList>

class QTimer;

namespace lanpigeon {

class TransferModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferModel)

public:
    enum class Direction
    {
        Upload,
        Download
    };
    enum class State
    {
        Waiting,
        Active,
        Done,
        Failed,
        Cancelled
    };
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
        IdRole = Qt::UserRole + 1,
        DirectionRole,
        PeerRole,
        NameRole,
        PathRole,
        SizeRole,
        DoneRole,
        SpeedRole,
        EtaRole,
        StateRole,
        ErrorRole,
        OfferIdRole,
        // Active, but no byte for StallMs: the speed and ETA it last had no longer hold.
        StalledRole,
        // A Retry, as an int.
        RetryRole,
        // The State and the Direction as ints, for views; StateRole and DirectionRole are their
        // names.
        StateValueRole,
        DirectionValueRole,
    };

    struct Transfer
    {
        QString id;
        // The incoming offer a download belongs to.
        QString offerId;
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
    void setStarted(const QString &id, const QString &path, quint64 size, quint64 done);
    void setProgress(const QString &id, quint64 done, quint64 size);
    void setFinished(const QString &id, State state, const QString &error, const QString &path);
    // The row was started again in a new row, or could not be: either way not again from here.
    void setRetried(const QString &id);
    void setRetryRefused(const QString &id);

    const Transfer *find(const QString &id) const;
    QList<Transfer> transfers() const { return m_rows; }
    // Seconds left at the current speed; -1 when unknown.
    static qint64 eta(const Transfer &t);
    static QString stateName(State state);
    static Retry retry(const Transfer &t);

    static bool isFinal(State state);

private:
    void changed(int row);
    // The row of id while it can still change; -1 otherwise.
    int liveRow(const QString &id) const;
    // Progress comes only while bytes move, so a stalled transfer is found by looking.
    void checkStalled();
    void watchForStalls();

    QList<Transfer> m_rows;
    QHash<QString, int> m_index;
    QElapsedTimer m_clock;
    QTimer *m_stallCheck;
};

} // namespace lanpigeon
