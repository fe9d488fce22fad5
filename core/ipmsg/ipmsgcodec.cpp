#include "ipmsg/ipmsgcodec.h"

#include "common/enumnames.h"

#include <QCoreApplication>
#include <QHash>

#include <limits>

namespace lanpigeon::ipmsg {

namespace {

// Anything bigger cannot have come in one UDP datagram.
constexpr int MaxParseSize = 65536;

constexpr EnumName<Status> StatusNames[] = {
    {Status::Online, "online"},
    {Status::Away, "away"},
    {Status::Busy, "busy"},
};

bool parseDecimal(const QByteArray &text, quint64 max, quint64 *out)
{
    if (text.isEmpty() || text.size() > 20)
        return false;
    quint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        const quint64 digit = quint64(c - '0');
        if (value > (max - digit) / 10)
            return false;
        value = value * 10 + digit;
    }
    *out = value;
    return true;
}

bool leadingIntegerIsOne(const QByteArray &version)
{
    int digits = 0;
    while (digits < version.size() && version.at(digits) >= '0' && version.at(digits) <= '9')
        ++digits;
    quint64 value = 0;
    return parseDecimal(version.left(digits), 0xffffffffu, &value) && value == 1;
}

QByteArray headerSafe(QByteArray field)
{
    field.replace(':', '_');
    field.replace('\0', "");
    return field;
}

QString extValue(const QString &line, const QString &key)
{
    return line.startsWith(key) ? line.mid(key.size()) : QString();
}

} // namespace

QByteArray Packet::field(int index) const
{
    int start = 0;
    for (int i = 0; i < index; ++i) {
        const int nul = extra.indexOf('\0', start);
        if (nul < 0)
            return {};
        start = nul + 1;
    }
    if (start > extra.size())
        return {};
    const int end = extra.indexOf('\0', start);
    return extra.mid(start, end < 0 ? -1 : end - start);
}

QString describe(ParseError error)
{
    switch (error) {
    case ParseError::None:
        return QCoreApplication::translate("ipmsg", "no error");
    case ParseError::Empty:
        return QCoreApplication::translate("ipmsg", "empty datagram");
    case ParseError::TooLarge:
        return QCoreApplication::translate("ipmsg", "datagram larger than 64 KiB");
    case ParseError::MissingHeader:
        return QCoreApplication::translate("ipmsg", "header has fewer than five ':' fields");
    case ParseError::BadVersion:
        return QCoreApplication::translate("ipmsg", "version is not IPMsg protocol 1");
    case ParseError::BadPacketNumber:
        return QCoreApplication::translate("ipmsg", "packet number is not a decimal number");
    case ParseError::BadCommand:
        return QCoreApplication::translate("ipmsg", "command is not a 32-bit decimal number");
    }
    return {};
}

ParsedPacket parsePacket(const QByteArray &datagram)
{
    ParsedPacket result;
    if (datagram.isEmpty()) {
        result.error = ParseError::Empty;
        return result;
    }
    if (datagram.size() > MaxParseSize) {
        result.error = ParseError::TooLarge;
        return result;
    }
    // The five header fields never contain NUL, so search only up to the first one.
    const int headerEnd = datagram.indexOf('\0');
    int colons[5];
    int from = 0;
    for (int &colon : colons) {
        colon = datagram.indexOf(':', from);
        if (colon < 0 || (headerEnd >= 0 && colon > headerEnd)) {
            result.error = ParseError::MissingHeader;
            return result;
        }
        from = colon + 1;
    }
    Packet &p = result.packet;
    p.version = datagram.left(colons[0]);
    if (!leadingIntegerIsOne(p.version)) {
        result.error = ParseError::BadVersion;
        return result;
    }
    if (!parseDecimal(datagram.mid(colons[0] + 1, colons[1] - colons[0] - 1),
                      std::numeric_limits<quint64>::max(), &p.packetNo)) {
        result.error = ParseError::BadPacketNumber;
        return result;
    }
    p.user = datagram.mid(colons[1] + 1, colons[2] - colons[1] - 1);
    p.host = datagram.mid(colons[2] + 1, colons[3] - colons[2] - 1);
    quint64 command = 0;
    if (!parseDecimal(datagram.mid(colons[3] + 1, colons[4] - colons[3] - 1), 0xffffffffu,
                      &command)) {
        result.error = ParseError::BadCommand;
        return result;
    }
    p.command = quint32(command);
    p.extra = datagram.mid(colons[4] + 1);
    return result;
}

QByteArray encodePacket(const Packet &packet)
{
    QByteArray out;
    out.reserve(64 + packet.extra.size());
    out += headerSafe(packet.version);
    out += ':';
    out += QByteArray::number(packet.packetNo);
    out += ':';
    out += headerSafe(packet.user);
    out += ':';
    out += headerSafe(packet.host);
    out += ':';
    out += QByteArray::number(packet.command);
    out += ':';
    out += packet.extra;
    return out;
}

std::optional<quint64> referencedPacketNo(const Packet &packet)
{
    bool ok = false;
    const quint64 n = packet.field(0).trimmed().toULongLong(&ok);
    return ok ? std::optional<quint64>(n) : std::nullopt;
}

ClientKind clientKindFromVersion(const QByteArray &version)
{
    if (version.startsWith("1_lbt"))
        return ClientKind::FeiQ;
    if (version.contains("LanPigeon"))
        return ClientKind::LanPigeon;
    if (version.contains("iptux"))
        return ClientKind::Iptux;
    if (version == "1" || version.startsWith("1_"))
        return ClientKind::IpMsg;
    return ClientKind::Unknown;
}

QString clientKindName(ClientKind kind)
{
    switch (kind) {
    case ClientKind::LanPigeon:
        return QCoreApplication::translate("ipmsg", "LanPigeon");
    case ClientKind::Iptux:
        return QCoreApplication::translate("ipmsg", "iptux");
    case ClientKind::FeiQ:
        return QCoreApplication::translate("ipmsg", "FeiQ");
    case ClientKind::IpMsg:
        return QCoreApplication::translate("ipmsg", "IPMsg");
    case ClientKind::Unknown:
        break;
    }
    return QCoreApplication::translate("ipmsg", "unknown");
}

int maxDatagramFor(ClientKind kind)
{
    switch (kind) {
    case ClientKind::LanPigeon:
        return MaxDatagram;
    case ClientKind::IpMsg:
        // Windows IP Messenger reads up to MAX_UDPBUF (32 KiB).
        return 32768;
    case ClientKind::Iptux:
    case ClientKind::FeiQ:
    case ClientKind::Unknown:
        break;
    }
    return 8192;
}

QString modeName(quint32 command)
{
    static const QHash<quint32, QString> names{
        {Mode::NoOperation, QStringLiteral("NOOPERATION")},
        {Mode::BrEntry, QStringLiteral("BR_ENTRY")},
        {Mode::BrExit, QStringLiteral("BR_EXIT")},
        {Mode::AnsEntry, QStringLiteral("ANSENTRY")},
        {Mode::BrAbsence, QStringLiteral("BR_ABSENCE")},
        {Mode::BrIsGetList, QStringLiteral("BR_ISGETLIST")},
        {Mode::OkGetList, QStringLiteral("OKGETLIST")},
        {Mode::GetList, QStringLiteral("GETLIST")},
        {Mode::AnsList, QStringLiteral("ANSLIST")},
        {Mode::BrIsGetList2, QStringLiteral("BR_ISGETLIST2")},
        {Mode::SendMsg, QStringLiteral("SENDMSG")},
        {Mode::RecvMsg, QStringLiteral("RECVMSG")},
        {Mode::ReadMsg, QStringLiteral("READMSG")},
        {Mode::DelMsg, QStringLiteral("DELMSG")},
        {Mode::AnsReadMsg, QStringLiteral("ANSREADMSG")},
        {Mode::GetInfo, QStringLiteral("GETINFO")},
        {Mode::SendInfo, QStringLiteral("SENDINFO")},
        {Mode::GetAbsenceInfo, QStringLiteral("GETABSENCEINFO")},
        {Mode::SendAbsenceInfo, QStringLiteral("SENDABSENCEINFO")},
        {Mode::GetFileData, QStringLiteral("GETFILEDATA")},
        {Mode::ReleaseFiles, QStringLiteral("RELEASEFILES")},
        {Mode::GetDirFiles, QStringLiteral("GETDIRFILES")},
        {Mode::GetPubKey, QStringLiteral("GETPUBKEY")},
        {Mode::AnsPubKey, QStringLiteral("ANSPUBKEY")},
        {Mode::IptuxSendMsg, QStringLiteral("IPTUX_SENDMSG")},
    };
    const quint32 mode = command & 0xff;
    return names.value(mode, QStringLiteral("0x%1").arg(mode, 2, 16, QLatin1Char('0')));
}

QString statusName(Status status)
{
    return nameOf(StatusNames, status);
}

Status statusFromName(const QString &name)
{
    return valueOf(StatusNames, QStringView(name)).value_or(Status::Online);
}

EntryExtra parseEntryExtra(const QByteArray &extra)
{
    EntryExtra e;
    const QList<QByteArray> fields = extra.split('\0');
    e.nick = fields.value(0);
    e.group = fields.value(1);
    for (int i = 2; i < fields.size(); ++i) {
        const QByteArray &f = fields.at(i);
        if (f.startsWith('\n')) {
            e.hasExtension = true;
            const QStringList lines = QString::fromUtf8(f).split(QLatin1Char('\n'));
            for (const QString &line : lines) {
                if (line.startsWith(QLatin1String("UN:")))
                    e.user = extValue(line, QStringLiteral("UN:"));
                else if (line.startsWith(QLatin1String("HN:")))
                    e.host = extValue(line, QStringLiteral("HN:"));
                else if (line.startsWith(QLatin1String("NN:")))
                    e.extNick = extValue(line, QStringLiteral("NN:"));
                else if (line.startsWith(QLatin1String("GN:")))
                    e.extGroup = extValue(line, QStringLiteral("GN:"));
                else if (line.startsWith(QLatin1String("ST:")))
                    e.status = extValue(line, QStringLiteral("ST:"));
                else if (line.startsWith(QLatin1String("AM:")))
                    e.awayMessage = extValue(line, QStringLiteral("AM:"));
            }
        } else if (i == 3 && !f.isEmpty()) {
            // iptux: nick, group, icon, encoding.
            e.iptuxEncoding = f;
        }
    }
    return e;
}

QByteArray buildEntryExtra(const QByteArray &legacyNick, const QByteArray &legacyGroup,
                           const EntryExtra &extension)
{
    auto clean = [](QString s) {
        s.remove(QLatin1Char('\n'));
        s.remove(QChar(0));
        return s;
    };
    QByteArray out = QByteArray(legacyNick).replace('\0', "");
    out += '\0';
    out += QByteArray(legacyGroup).replace('\0', "");
    out += '\0';
    QString block = QStringLiteral("\nUN:%1\nHN:%2\nNN:%3\nGN:%4")
                        .arg(clean(extension.user), clean(extension.host), clean(extension.extNick),
                             clean(extension.extGroup));
    if (!extension.status.isEmpty() && extension.status != QLatin1String("online")) {
        block += QStringLiteral("\nST:") + clean(extension.status);
        block += QStringLiteral("\nAM:") + clean(extension.awayMessage);
    }
    out += block.toUtf8();
    out += '\0';
    return out;
}

} // namespace lanpigeon::ipmsg
