#include "files/offerregistry.h"

namespace lanpigeon {

namespace {
QString key(const QHostAddress &a)
{
    return QHostAddress(a.toIPv4Address()).toString();
}
} // namespace

OfferRegistry::OfferRegistry() = default;
OfferRegistry::~OfferRegistry() = default;

void OfferRegistry::add(quint64 packetNo, const QList<SharedItem> &items,
                        const QList<QHostAddress> &recipients)
{
    QMutexLocker lock(&m_mutex);
    Offer offer;
    offer.items = items;
    QSet<quint32> ids;
    for (const SharedItem &i : items)
        ids.insert(i.fileId);
    for (const QHostAddress &r : recipients)
        offer.pending.insert(key(r), ids);
    m_offers.insert(packetNo, offer);
}

std::optional<SharedItem> OfferRegistry::authorize(const QHostAddress &from, quint64 packetNo,
                                                   quint32 fileId) const
{
    QMutexLocker lock(&m_mutex);
    const auto offer = m_offers.constFind(packetNo);
    if (offer == m_offers.constEnd())
        return std::nullopt;
    // Re-fetching a finished item is allowed while the offer lasts (a retry after a crash).
    if (!offer->pending.contains(key(from)))
        return std::nullopt;
    for (const SharedItem &i : offer->items) {
        if (i.fileId == fileId)
            return i;
    }
    return std::nullopt;
}

bool OfferRegistry::markFetched(const QHostAddress &from, quint64 packetNo, quint32 fileId)
{
    QMutexLocker lock(&m_mutex);
    const auto offer = m_offers.find(packetNo);
    if (offer == m_offers.end())
        return false;
    const auto pending = offer->pending.find(key(from));
    if (pending == offer->pending.end())
        return false;
    pending->remove(fileId);
    if (!pending->isEmpty())
        return false;
    offer->pending.erase(pending);
    if (!offer->pending.isEmpty())
        return false;
    m_offers.erase(offer);
    return true;
}

bool OfferRegistry::release(const QHostAddress &from, quint64 packetNo)
{
    QMutexLocker lock(&m_mutex);
    const auto offer = m_offers.find(packetNo);
    if (offer == m_offers.end() || offer->pending.remove(key(from)) == 0)
        return false;
    if (!offer->pending.isEmpty())
        return false;
    m_offers.erase(offer);
    return true;
}

void OfferRegistry::cancel(quint64 packetNo)
{
    QMutexLocker lock(&m_mutex);
    m_offers.remove(packetNo);
}

bool OfferRegistry::contains(quint64 packetNo) const
{
    QMutexLocker lock(&m_mutex);
    return m_offers.contains(packetNo);
}

QSet<quint64> OfferRegistry::packetNumbers() const
{
    QMutexLocker lock(&m_mutex);
    QSet<quint64> out;
    for (auto it = m_offers.cbegin(); it != m_offers.cend(); ++it)
        out.insert(it.key());
    return out;
}

int OfferRegistry::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_offers.size());
}

} // namespace lanpigeon
