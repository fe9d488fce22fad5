#include "ipmsg/roomcodec.h"

#include <QRandomGenerator>
#include <QStringDecoder>

namespace lanpigeon::ipmsg {

namespace {

constexpr char Tag[] = "LR:";
constexpr char FormatVersion[] = "1";
constexpr int IdHexDigits = 32;
// Format version, id, version, kind, name.
constexpr int FixedFields = 5;
// The longest textual address (IPv6 with a scope) we write or read.
constexpr int MaxAddressChars = 64;

QByteArray utf8Capped(const QString &text, int maxBytes)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.size() <= maxBytes)
        return bytes;
    // Cut on a character boundary: the receiver refuses invalid UTF-8.
    qsizetype cut = maxBytes;
    while (cut > 0 && (quint8(bytes.at(cut)) & 0xc0) == 0x80)
        --cut;
    return bytes.left(cut);
}

std::optional<QString> decodeText(const QByteArray &b64, int maxBytes)
{
    if (b64.isEmpty() || b64.size() > (maxBytes + 2) / 3 * 4)
        return std::nullopt;
    const auto decoded =
        QByteArray::fromBase64Encoding(b64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty() || decoded.decoded.size() > maxBytes)
        return std::nullopt;
    // Strict: a name must round-trip, not gain U+FFFD.
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(decoded.decoded);
    if (utf8.hasError())
        return std::nullopt;
    return text;
}

std::optional<quint64> decodeNumber(const QByteArray &digits, quint64 max)
{
    if (digits.isEmpty() || digits.size() > 20)
        return std::nullopt;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    bool ok = false;
    const quint64 n = digits.toULongLong(&ok);
    if (!ok || n > max)
        return std::nullopt;
    return n;
}

std::optional<RoomMember> parseMember(const QByteArray &field)
{
    const QList<QByteArray> parts = field.split(',');
    if (parts.size() != 4)
        return std::nullopt;
    RoomMember m;
    const auto user = decodeText(parts[0], RoomLimits::MaxUserBytes);
    const auto host = decodeText(parts[1], RoomLimits::MaxHostBytes);
    // The IPMsg header cannot carry them, so no real person has them.
    if (!user || !host || user->contains(QLatin1Char(':')) || host->contains(QLatin1Char(':')) ||
        user->contains(QChar(0)) || host->contains(QChar(0)))
        return std::nullopt;
    m.user = *user;
    m.host = *host;
    if (parts[2].isEmpty() != parts[3].isEmpty())
        return std::nullopt;
    if (!parts[2].isEmpty()) {
        if (parts[2].size() > MaxAddressChars ||
            !m.address.setAddress(QString::fromLatin1(parts[2])))
            return std::nullopt;
        const auto port = decodeNumber(parts[3], 65535);
        if (!port || *port == 0)
            return std::nullopt;
        m.port = quint16(*port);
    }
    return m;
}

// The index-th NUL-terminated section of bytes (the last may lack its NUL).
QByteArray sectionAt(const QByteArray &bytes, int index)
{
    qsizetype pos = 0;
    for (int i = 0; i < index; ++i) {
        const qsizetype nul = bytes.indexOf('\0', pos);
        if (nul < 0)
            return {};
        pos = nul + 1;
    }
    const qsizetype end = bytes.indexOf('\0', pos);
    return bytes.mid(pos, end < 0 ? -1 : end - pos);
}

} // namespace

RoomId RoomId::generate()
{
    quint32 words[4];
    do {
        QRandomGenerator::system()->fillRange(words);
    } while ((words[0] | words[1] | words[2] | words[3]) == 0);
    return RoomId(QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
}

std::optional<RoomId> RoomId::fromHex(const QByteArray &hex)
{
    if (hex.size() != IdHexDigits)
        return std::nullopt;
    bool anySet = false;
    for (const char c : hex) {
        const bool digit =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!digit)
            return std::nullopt;
        anySet = anySet || c != '0';
    }
    if (!anySet)
        return std::nullopt;
    return RoomId(hex.toLower());
}

QByteArray encodeRoomSection(const RoomSection &room)
{
    QByteArray out = QByteArray("\n") + Tag + FormatVersion + ';' + room.id.hex() + ';' +
                     QByteArray::number(room.version) + ';' +
                     (room.kind == RoomPacketKind::Membership ? 'm' : 't') + ';' +
                     utf8Capped(room.name, RoomLimits::MaxNameBytes).toBase64();
    int written = 0;
    for (const RoomMember &m : room.members) {
        if (written == RoomLimits::MaxMembers)
            break;
        const QByteArray user = utf8Capped(m.user, RoomLimits::MaxUserBytes);
        const QByteArray host = utf8Capped(m.host, RoomLimits::MaxHostBytes);
        if (user.isEmpty() || host.isEmpty())
            continue;
        out += ';' + user.toBase64() + ',' + host.toBase64() + ',';
        if (!m.address.isNull() && m.port != 0)
            out += m.address.toString().toLatin1() + ',' + QByteArray::number(m.port);
        else
            out += ',';
        ++written;
    }
    return out;
}

std::optional<RoomSection> parseRoomSection(const QByteArray &section)
{
    if (section.size() > RoomLimits::MaxSectionBytes)
        return std::nullopt;
    QByteArray line;
    bool found = false;
    for (const QByteArray &l : section.split('\n')) {
        if (l.startsWith(Tag)) {
            line = l.mid(int(sizeof Tag) - 1);
            found = true;
            break;
        }
    }
    if (!found)
        return std::nullopt;
    const QList<QByteArray> fields = line.split(';');
    if (fields.size() < FixedFields + 1 || fields.size() > FixedFields + RoomLimits::MaxMembers ||
        fields[0] != FormatVersion)
        return std::nullopt;
    RoomSection room;
    const auto id = RoomId::fromHex(fields[1]);
    const auto version = decodeNumber(fields[2], std::numeric_limits<quint64>::max());
    const auto name = decodeText(fields[4], RoomLimits::MaxNameBytes);
    if (!id || !version || !name)
        return std::nullopt;
    room.id = *id;
    room.version = *version;
    room.name = *name;
    if (fields[3] == "t")
        room.kind = RoomPacketKind::Message;
    else if (fields[3] == "m")
        room.kind = RoomPacketKind::Membership;
    else
        return std::nullopt;
    for (int i = FixedFields; i < fields.size(); ++i) {
        const auto member = parseMember(fields[i]);
        if (!member)
            return std::nullopt;
        // A person listed twice keeps the first address given.
        const bool listed = std::any_of(room.members.cbegin(), room.members.cend(),
                                        [&](const RoomMember &m) { return m.samePerson(*member); });
        if (!listed)
            room.members.append(*member);
    }
    return room;
}

QByteArray plainExtraWithRoom(const QByteArray &body, const QByteArray &fileList,
                              const RoomSection &room)
{
    return body + '\0' + fileList + '\0' + encodeRoomSection(room) + '\0';
}

std::optional<RoomSection> roomOfPlainExtra(const QByteArray &extra)
{
    return parseRoomSection(sectionAt(extra, 2));
}

QByteArray extPlaintextWithRoom(const QByteArray &extPlaintext, const RoomSection &room)
{
    QByteArray out = extPlaintext;
    if (!out.endsWith('\0'))
        out += '\0';
    // Body, file list and TO slot each end in their NUL before the room comes.
    for (qsizetype n = out.count('\0'); n < 3; ++n)
        out += '\0';
    return out + encodeRoomSection(room) + '\0';
}

std::optional<RoomSection> roomOfExtPlaintext(const QByteArray &plaintext)
{
    return parseRoomSection(sectionAt(plaintext, 3));
}

} // namespace lanpigeon::ipmsg
