// Pure parse/encode functions for IPMsg datagrams and their entry extension block.
#pragma once

#include "ipmsg/ipmsg.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace lanpigeon::ipmsg {

// One datagram, fields kept as raw bytes: text decoding depends on the peer's dialect.
struct Packet
{
    QByteArray version;
    quint64 packetNo = 0;
    QByteArray user;
    QByteArray host;
    quint32 command = 0;
    // Everything after the fifth ':', NULs included.
    QByteArray extra;

    quint32 mode() const { return modeOf(command); }
    bool has(quint32 option) const { return (command & option) == option; }
    // The index-th NUL-terminated field of extra; empty when absent.
    QByteArray field(int index) const;
};

enum class ParseError
{
    None,
    Empty,
    TooLarge,
    MissingHeader,
    BadVersion,
    BadPacketNumber,
    BadCommand,
};

QString describe(ParseError error);

struct ParsedPacket
{
    Packet packet;
    ParseError error = ParseError::None;
    bool ok() const { return error == ParseError::None; }
};

ParsedPacket parsePacket(const QByteArray &datagram);

// User and host lose ':' and NUL, which the header cannot carry.
QByteArray encodePacket(const Packet &packet);

enum class ClientKind
{
    Unknown,
    LanPigeon,
    Iptux,
    FeiQ,
    IpMsg
};

// RECVMSG, READMSG, ANSREADMSG and RELEASEFILES carry the packet number they refer to, decimal.
std::optional<quint64> referencedPacketNo(const Packet &packet);

ClientKind clientKindFromVersion(const QByteArray &version);
// The kind as people read it, in the application's language: the window's peer list, chat
// header and peer info show it. lanpigeon-cli loads no translation, so its output (text and
// JSON) keeps the English names LanPigeon, iptux, FeiQ, IPMsg and unknown.
QString clientKindName(ClientKind kind);

// Largest datagram a client of that kind reads whole (iptux: 8192-byte buffer).
int maxDatagramFor(ClientKind kind);

// Presence status carried in LanPigeon's entry block (IPMsg only knows ABSENCEOPT).
enum class Status
{
    Online,
    Away,
    Busy
};

QString statusName(Status status);
// IP Messenger's name of a command's mode, as its ipmsg.h spells it without IPMSG_ (BR_ENTRY,
// SENDMSG…); a hex number for a mode it does not name.
QString modeName(quint32 command);
Status statusFromName(const QString &name);

// The extra of BR_ENTRY / ANSENTRY / BR_ABSENCE.
struct EntryExtra
{
    // Legacy fields in the sender's code page.
    QByteArray nick;
    QByteArray group;
    // iptux appends icon name and its encoding.
    QByteArray iptuxEncoding;
    // Modern IPMsg / LanPigeon block, always UTF-8.
    bool hasExtension = false;
    QString user;
    QString host;
    QString extNick;
    QString extGroup;
    QString status;
    QString awayMessage;
};

EntryExtra parseEntryExtra(const QByteArray &extra);

// Builds `nick\0group\0\nUN:..\nHN:..\nNN:..\nGN:..[\nST:..\nAM:..]\0`.
QByteArray buildEntryExtra(const QByteArray &legacyNick, const QByteArray &legacyGroup,
                           const EntryExtra &extension);

} // namespace lanpigeon::ipmsg
