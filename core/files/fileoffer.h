// A file offer someone sent us: who, which packet, and the files and folders it lists.
#pragma once

#include "files/offerid.h"
#include "ipmsg/ipmsgcodec.h"

#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>

namespace lanpigeon {

struct OfferItem
{
    quint32 fileId = 0;
    QString name;
    quint64 size = 0;
    qint64 mtime = 0;
    bool isDir = false;
};

struct FileOffer
{
    QString peerId;
    QString peerNick;
    QHostAddress address;
    quint16 port = 0;
    quint64 packetNo = 0;
    QString message;
    QList<OfferItem> items;
    ipmsg::ClientKind kind = ipmsg::ClientKind::Unknown;
    // Code page of names inside folder streams.
    QByteArray codec;

    // Unique and stable for the offer's life.
    OfferId id() const { return {peerId, packetNo}; }

    quint64 totalSize() const
    {
        quint64 total = 0;
        for (const OfferItem &i : items)
            total += i.size;
        return total;
    }
};

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::FileOffer)
