#include "models/transfermodel.h"

#include "common/threadcheck.h"

#include <QTimer>

namespace lanpigeon {

TransferModel::TransferModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_stallCheck(new QTimer(this))
{
    m_clock.start();
    m_stallCheck->setInterval(1000);
    connect(m_stallCheck, &QTimer::timeout, this, &TransferModel::checkStalled);
}

TransferModel::~TransferModel() = default;

int TransferModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString TransferModel::stateText(State state)
{
    switch (state) {
    case State::Waiting:
        return tr("waiting");
    case State::Active:
        return tr("active");
    case State::Done:
        return tr("done");
    case State::Failed:
        return tr("failed");
    case State::Cancelled:
        break;
    }
    return tr("cancelled");
}

qint64 TransferModel::eta(const Transfer &t)
{
    if (t.state != State::Active || t.stalled || t.speed < 1 || t.size < t.done)
        return -1;
    return qint64(double(t.size - t.done) / t.speed + 0.5);
}

QVariant TransferModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Transfer &t = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return t.name;
    case IdRole:
        return QVariant::fromValue(t.id);
    case DirectionRole:
        return QVariant::fromValue(t.direction);
    case PeerRole:
        return t.peer;
    case PathRole:
        return t.path;
    case SizeRole:
        return t.size;
    case DoneRole:
        return t.done;
    case SpeedRole:
        return t.speed;
    case EtaRole:
        return eta(t);
    case StateRole:
        return QVariant::fromValue(t.state);
    case ErrorRole:
        return t.error;
    case OfferIdRole:
        return QVariant::fromValue(t.offerId);
    case StalledRole:
        return t.stalled && t.state == State::Active;
    case RetryRole:
        return QVariant::fromValue(retry(t));
    default:
        return {};
    }
}

QHash<int, QByteArray> TransferModel::roleNames() const
{
    return {{IdRole, "id"},           {DirectionRole, "direction"}, {PeerRole, "peer"},
            {NameRole, "name"},       {PathRole, "path"},           {SizeRole, "size"},
            {DoneRole, "done"},       {SpeedRole, "speed"},         {EtaRole, "eta"},
            {StateRole, "state"},     {ErrorRole, "error"},         {OfferIdRole, "offerId"},
            {StalledRole, "stalled"}, {RetryRole, "retry"}};
}

bool TransferModel::add(const Transfer &transfer)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (m_index.contains(transfer.id)) {
        qWarning("transfer %s is already listed", qPrintable(transfer.id.toString()));
        return false;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(transfer);
    m_index.insert(transfer.id, row);
    endInsertRows();
    return true;
}

bool TransferModel::isFinal(State state)
{
    return state == State::Done || state == State::Failed || state == State::Cancelled;
}

int TransferModel::liveRow(const TransferId &id) const
{
    const int row = m_index.value(id, -1);
    return row < 0 || isFinal(m_rows.at(row).state) ? -1 : row;
}

void TransferModel::changed(int row)
{
    const QModelIndex i = index(row);
    emit dataChanged(i, i);
}

void TransferModel::setStarted(const TransferId &id, const QString &path, quint64 size,
                               quint64 done)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = liveRow(id);
    if (row < 0)
        return;
    Transfer &t = m_rows[row];
    t.path = path;
    t.size = size;
    t.done = done;
    t.state = State::Active;
    t.lastSampleMs = m_clock.elapsed();
    t.lastSampleBytes = done;
    t.lastProgressMs = t.lastSampleMs;
    t.stalled = false;
    watchForStalls();
    changed(row);
}

void TransferModel::setProgress(const TransferId &id, quint64 done, quint64 size)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = liveRow(id);
    if (row < 0)
        return;
    Transfer &t = m_rows[row];
    const qint64 now = m_clock.elapsed();
    if (t.state == State::Waiting || (t.stalled && done != t.done)) {
        // Measured afresh from here: the silence before says nothing about the speed now.
        t.state = State::Active;
        t.lastSampleMs = now;
        t.lastSampleBytes = t.done;
        t.lastProgressMs = now;
        t.stalled = false;
        watchForStalls();
    } else if (done != t.done) {
        t.lastProgressMs = now;
    }
    const qint64 dt = now - t.lastSampleMs;
    if (dt >= 200 && done >= t.lastSampleBytes) {
        const double instant = double(done - t.lastSampleBytes) * 1000.0 / double(dt);
        // Smooth so the ETA does not jump with every sample.
        t.speed = t.speed <= 0 ? instant : 0.7 * t.speed + 0.3 * instant;
        t.lastSampleMs = now;
        t.lastSampleBytes = done;
    }
    t.done = done;
    t.size = size;
    changed(row);
}

void TransferModel::setFinished(const TransferResult &result)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = liveRow(result.id);
    if (row < 0)
        return;
    Transfer &t = m_rows[row];
    t.state = result.state;
    t.error = result.error;
    if (!result.path.isEmpty())
        t.path = result.path;
    if (result.state == State::Done)
        t.done = std::max(t.done, t.size);
    changed(row);
}

TransferModel::Retry TransferModel::retry(const Transfer &t)
{
    if (t.state != State::Failed && t.state != State::Cancelled)
        return Retry::Unavailable;
    if (t.retried)
        return Retry::Retried;
    if (t.retryRefused)
        return Retry::Refused;
    return t.retryable ? Retry::Available : Retry::Unavailable;
}

void TransferModel::setRetried(const TransferId &id)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = m_index.value(id, -1);
    if (row < 0 || retry(m_rows.at(row)) != Retry::Available)
        return;
    m_rows[row].retried = true;
    changed(row);
}

void TransferModel::setRetryRefused(const TransferId &id)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const int row = m_index.value(id, -1);
    if (row < 0 || !isFinal(m_rows.at(row).state) || m_rows.at(row).state == State::Done)
        return;
    Transfer &t = m_rows[row];
    t.retried = false;
    t.retryRefused = true;
    changed(row);
}

void TransferModel::watchForStalls()
{
    if (!m_stallCheck->isActive())
        m_stallCheck->start();
}

void TransferModel::checkStalled()
{
    const qint64 now = m_clock.elapsed();
    bool active = false;
    for (int row = 0; row < m_rows.size(); ++row) {
        Transfer &t = m_rows[row];
        if (t.state != State::Active)
            continue;
        active = true;
        if (!t.stalled && now - t.lastProgressMs >= StallMs) {
            t.stalled = true;
            t.speed = 0;
            changed(row);
        }
    }
    if (!active)
        m_stallCheck->stop();
}

const TransferModel::Transfer *TransferModel::find(const TransferId &id) const
{
    const int row = m_index.value(id, -1);
    return row < 0 ? nullptr : &m_rows.at(row);
}

} // namespace lanpigeon
