// libFuzzer target: the IPMsg packet parser, entry block parser, file lists (with pasted
// pictures' Clipboard entries), dialect text decoding and the start of a TCP stream read as
// iptux's picture push.
#include "ipmsg/filelistcodec.h"
#include "ipmsg/ipmsgcodec.h"
#include "ipmsg/iptuxpicture.h"
#include "ipmsg/textcodec.h"

#include <cstdint>
#include <cstdlib>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // A push header ends at a NUL inside the data, and what we take we write back the same.
    const PictureHeader push = parseIptuxPictureHeader(bytes);
    if (push.status == PictureHeaderStatus::Complete) {
        const PictureHeader again = parseIptuxPictureHeader(buildIptuxPictureHeader(push.packet));
        if (push.payloadOffset < 1 || push.payloadOffset > bytes.size() ||
            bytes.at(push.payloadOffset - 1) != '\0' ||
            again.status != PictureHeaderStatus::Complete ||
            again.packet.version != push.packet.version ||
            again.packet.packetNo != push.packet.packetNo ||
            again.packet.user != push.packet.user || again.packet.host != push.packet.host)
            std::abort();
    }
    const ParsedPacket parsed = parsePacket(bytes);
    if (!parsed.ok())
        return 0;
    const Packet &p = parsed.packet;
    // Whatever we accept we can write back and read again unchanged.
    const ParsedPacket again = parsePacket(encodePacket(p));
    if (!again.ok() || again.packet.version != p.version || again.packet.packetNo != p.packetNo ||
        again.packet.user != p.user || again.packet.host != p.host ||
        again.packet.command != p.command || again.packet.extra != p.extra)
        std::abort();
    const EntryExtra e = parseEntryExtra(p.extra);
    for (int i = 0; i < 4; ++i)
        p.field(i);
    const ClientKind kind = clientKindFromVersion(p.version);
    text::decodeFromPeer(p.field(0), p.has(Opt::Utf8), kind, "GB18030");
    text::decodeFromPeer(e.nick, false, ClientKind::IpMsg, "CP932");
    text::decodeFromPeer(e.group, false, ClientKind::FeiQ, "GB18030");
    if (const auto files = parseFileList(p.field(1))) {
        for (const OfferedFile &f : *files) {
            // A position is never negative, whatever the list says.
            if (const auto pos = clipboardPosition(f); pos && *pos < 0)
                std::abort();
        }
    }
    return 0;
}
