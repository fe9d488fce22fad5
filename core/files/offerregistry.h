// Our outgoing offers: which files each recipient may fetch, until fetched, released or cancelled.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>

#include <optional>

namespace lanpigeon {

struct SharedItem
{
    quint32 fileId = 0;
    QString path;
    bool isDir = false;
    // Size when offered; a regular file that differs at fetch time has changed under us.
    quint64 size = 0;
    qint64 mtime = 0;
};

// Shared by the network thread (offers, releases) and transfer threads (fetches).
class OfferRegistry final
{
    Q_DISABLE_COPY_MOVE(OfferRegistry)

public:
    OfferRegistry();
    ~OfferRegistry();

    void add(quint64 packetNo, const QList<SharedItem> &items,
             const QList<QHostAddress> &recipients);
    // The item if this address may fetch it now.
    std::optional<SharedItem> authorize(const QHostAddress &from, quint64 packetNo,
                                        quint32 fileId) const;
    // Returns true when this finished the whole offer for every recipient.
    bool markFetched(const QHostAddress &from, quint64 packetNo, quint32 fileId);
    // Returns true when this ended the offer (no recipient left).
    bool release(const QHostAddress &from, quint64 packetNo);
    void cancel(quint64 packetNo);
    bool contains(quint64 packetNo) const;
    // The offers still open, by packet number.
    QSet<quint64> packetNumbers() const;
    int size() const;

private:
    struct Offer
    {
        QList<SharedItem> items;
        // Recipient address -> file ids still to fetch.
        QHash<QString, QSet<quint32>> pending;
    };

    mutable QMutex m_mutex;
    QHash<quint64, Offer> m_offers;
};

} // namespace lanpigeon
