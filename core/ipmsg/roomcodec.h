// LanPigeon's room extension on the wire: a room's id, name, version and members, carried with
// each room message to LanPigeon peers where other clients ignore it (pure functions).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <optional>

namespace lanpigeon::ipmsg {

// 128 random bits naming one room on every member's machine; prints as 32 lower-case hex digits.
class RoomId
{
public:
    RoomId() = default;
    static RoomId generate();
    // nullopt unless 32 hex digits (either case) that are not all zero.
    static std::optional<RoomId> fromHex(const QByteArray &hex);
    static std::optional<RoomId> fromString(const QString &hex) { return fromHex(hex.toLatin1()); }

    bool isNull() const { return m_hex.isEmpty(); }
    const QByteArray &hex() const { return m_hex; }
    QString toString() const { return QString::fromLatin1(m_hex); }

    friend bool operator==(const RoomId &a, const RoomId &b) { return a.m_hex == b.m_hex; }
    friend bool operator!=(const RoomId &a, const RoomId &b) { return a.m_hex != b.m_hex; }
    friend size_t qHash(const RoomId &id, size_t seed = 0) { return qHash(id.m_hex, seed); }

private:
    explicit RoomId(QByteArray hex)
        : m_hex(std::move(hex))
    {
    }
    QByteArray m_hex;
};

// A person in a room: who (the IPMsg header's user and host, how LanPigeon knows a person across
// addresses) and where they were last seen, so members who never met can still reach each other.
struct RoomMember
{
    QString user;
    QString host;
    // Null when never seen; then port is 0.
    QHostAddress address;
    quint16 port = 0;

    friend bool operator==(const RoomMember &a, const RoomMember &b)
    {
        return a.user == b.user && a.host == b.host && a.address == b.address && a.port == b.port;
    }
    bool samePerson(const RoomMember &other) const
    {
        return user == other.user && host == other.host;
    }
};

// What a room packet is: a message people wrote, or a change of the member list (add, remove,
// leave) whose body is only a notice.
enum class RoomPacketKind
{
    Message,
    Membership,
};

struct RoomSection
{
    RoomId id;
    QString name;
    // Bumped by each change of the member list; the newest list wins (see Room in messaging/).
    quint64 version = 0;
    RoomPacketKind kind = RoomPacketKind::Message;
    QList<RoomMember> members;
};

namespace RoomLimits {
constexpr int MaxMembers = 200;
// UTF-8 bytes before base64.
constexpr int MaxNameBytes = 256;
constexpr int MaxUserBytes = 128;
constexpr int MaxHostBytes = 128;
// A whole section; well above 200 members of the largest fields, far below a datagram.
constexpr int MaxSectionBytes = 48 * 1024;
} // namespace RoomLimits

// "\nLR:1;<id>;<version>;<m|t>;<b64 name>;<b64 user>,<b64 host>,<address>,<port>;…": one tagged
// line as Windows puts "\nUN:..\nHN:.." in entry packets (ipmsg-extensions.md §0). Text is
// base64 of UTF-8, so ':', '\a', NUL, newlines and any script survive. Members past MaxMembers
// and fields past their limits are not written (the caller trims; encode never fails).
QByteArray encodeRoomSection(const RoomSection &room);
// Finds the LR line in a third section; nullopt for anything malformed, over a limit or of
// another format version.
std::optional<RoomSection> parseRoomSection(const QByteArray &section);

// A plain SENDMSG's extra with the room in its third section: "body\0files\0<section>\0".
QByteArray plainExtraWithRoom(const QByteArray &body, const QByteArray &fileList,
                              const RoomSection &room);
// The room of a plain SENDMSG's extra (its third NUL-separated section).
std::optional<RoomSection> roomOfPlainExtra(const QByteArray &extra);

// A sealed plaintext (crypto::encodeExtPlaintext's "body\0files\0[TO:…\0]") with the room as a
// section after the TO slot, which Windows reads up to and stops (§1.6).
QByteArray extPlaintextWithRoom(const QByteArray &extPlaintext, const RoomSection &room);
std::optional<RoomSection> roomOfExtPlaintext(const QByteArray &plaintext);

} // namespace lanpigeon::ipmsg
