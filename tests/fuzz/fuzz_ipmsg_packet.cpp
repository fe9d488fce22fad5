// libFuzzer target: the IPMsg packet parser, entry block parser, file lists (with pasted
// pictures' Clipboard entries) and dialect text decoding.
#include "ipmsg/filelistcodec.h"
#include "ipmsg/ipmsgcodec.h"
#include "ipmsg/textcodec.h"

#include <cstdint>
#include <cstdlib>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
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
