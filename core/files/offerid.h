// Offers by type: an offer a peer sent us, by peer and packet; how an offer of ours ended.
#pragma once

#include "common/enumnames.h"

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

namespace lanpigeon {

// An incoming offer: the peer and the packet that carried it.
struct OfferId
{
    QString peerId;
    quint64 packetNo = 0;

    // Uploads and TFTP transfers belong to no incoming offer.
    bool isValid() const { return !peerId.isEmpty(); }

    friend bool operator==(const OfferId &a, const OfferId &b)
    {
        return a.packetNo == b.packetNo && a.peerId == b.peerId;
    }
    friend bool operator!=(const OfferId &a, const OfferId &b) { return !(a == b); }
    friend size_t qHash(const OfferId &id, size_t seed = 0)
    {
        return qHashMulti(seed, id.peerId, id.packetNo);
    }
};

// How an offer of ours ended.
enum class OfferOutcome
{
    // Every recipient fetched everything.
    Fetched,
    // A recipient released it (declined, or stopped) before fetching everything.
    Released,
    // We withdrew it.
    Cancelled,
};

inline constexpr EnumName<OfferOutcome> OfferOutcomeNames[] = {
    {OfferOutcome::Cancelled, "cancelled"},
    {OfferOutcome::Fetched, "fetched"},
    {OfferOutcome::Released, "released"},
};

// The word lanpigeon-cli prints ("offer fetched"); never translated, never parsed back.
inline QLatin1String offerOutcomeName(OfferOutcome outcome)
{
    return nameOf(OfferOutcomeNames, outcome);
}

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::OfferId)
Q_DECLARE_METATYPE(lanpigeon::OfferOutcome)
