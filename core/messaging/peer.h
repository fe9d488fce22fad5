// What we know of one IPMsg host on the LAN, keyed by a stable "address:port" id.
#pragma once

#include "crypto/keyring.h"
#include "ipmsg/ipmsgcodec.h"
#include "messaging/buddy.h"

#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace lanpigeon {

// One address a person's packets come from (a network card, a second lease).
struct PeerAddress
{
    QHostAddress address;
    quint16 port = ipmsg::DefaultPort;
    // On clock::monotonicMs(): the last packet from this address.
    qint64 lastSeenMs = 0;

    QString id() const;
    bool operator==(const PeerAddress &o) const
    {
        return address == o.address && port == o.port && lastSeenMs == o.lastSeenMs;
    }
};

struct Peer
{
    // Stable while the person is online: the address:port they were first seen at, or, once
    // that address left, the one they were at then. Their chat is keyed by it.
    QString id;
    // Where messages, offers and probes go: the address that answered most recently.
    QHostAddress address;
    quint16 port = ipmsg::DefaultPort;
    // Every address the same person (user@host, and the same key once they show one) is online
    // at, in the order first heard; address and port above are one of them.
    QList<PeerAddress> addresses;
    QString nick;
    QString user;
    QString host;
    QString group;
    ipmsg::Status status = ipmsg::Status::Online;
    QString awayMessage;
    ipmsg::ClientKind kind = ipmsg::ClientKind::Unknown;
    QByteArray version;
    // Announced CAPUTF8OPT or is a dialect known to read UTF-8.
    bool takesUtf8 = false;
    // Announced CLIPBOARDOPT: pictures go to it as Clipboard attachments.
    bool takesClipboard = false;
    // Announced ENCRYPTOPT and answers GETPUBKEY: messages to it are sealed once its key is here.
    bool canEncrypt = false;
    // Its GETPUBKEY/ANSPUBKEY capa (crypto::Capa bits); 0 until it answered.
    quint32 cryptoCapa = 0;
    // Announced CAPFILEENCOPT: its downloads and ours from it can be encrypted.
    bool canEncryptFiles = false;
    // Announced ENCEXTMSGOPT: file and recipient lists go inside the ciphertext to it.
    bool encryptsLists = false;
    // KeyRing::peerKeyId() of the user and host its packets' headers name.
    QString keyId;
    // Its key as the key ring knows it, under user@host; trust Unknown until it answered.
    crypto::PeerKeyState key;
    // Sent an entry (BR_ENTRY, ANSENTRY or BR_ABSENCE), which says what it can do, encryption
    // among it. One heard from by a message alone may be any machine of its user@host.
    bool announced = false;
    // Announced BR_ENTRY with DIALUPOPT: our broadcasts may not reach it, so it gets our
    // BR_ENTRY, BR_ABSENCE and BR_EXIT by unicast too (IP Messenger's DialUpList).
    bool dialUp = false;
    // Legacy code page an iptux peer announced.
    QByteArray announcedCodec;
    // On clock::monotonicMs(), so a clock change cannot make everyone look silent at once.
    qint64 lastSeenMs = 0;

    static QString makeId(const QHostAddress &address, quint16 port)
    {
        return address.toString() + QLatin1Char(':') + QString::number(port);
    }
    // The address a peer id names, as the user reads it; empty for a person's parked chat.
    static QString addressOfId(const QString &id)
    {
        return PersonRef::isParkedChatId(id) ? QString() : id.section(QLatin1Char(':'), 0, 0);
    }
    QString displayName() const { return nick.isEmpty() ? user : nick; }
    // Addresses as "address:port", in the order first heard.
    QStringList addressIds() const
    {
        QStringList out;
        for (const PeerAddress &a : addresses)
            out.append(a.id());
        return out;
    }
    // The key it shows as the person's own (pinned or verified), as hex; empty while it shows
    // none, or one judged changed.
    QString personKey() const
    {
        return key.trust == crypto::KeyTrust::Pinned || key.trust == crypto::KeyTrust::Verified
                   ? key.current.toHex()
                   : QString();
    }
    // A peer that encrypts is judged by its key: until it has shown one (or while the one it
    // shows is judged changed) it is no one's yet, neither a buddy nor where a chat moves.
    bool personPending() const { return canEncrypt && personKey().isEmpty(); }
};

inline QString PeerAddress::id() const
{
    return Peer::makeId(address, port);
}

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::Peer)
Q_DECLARE_METATYPE(lanpigeon::PeerAddress)
