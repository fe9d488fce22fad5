#include "ipmsg/iptuxpicture.h"

namespace lanpigeon::ipmsg {

QByteArray buildIptuxPictureHeader(const Packet &header)
{
    Packet packet = header;
    packet.command = Iptux::PictureCommand;
    packet.extra.clear();
    // encodePacket ends with the fifth ':'; the NUL follows in the same buffer.
    return encodePacket(packet) + '\0';
}

PictureHeader parseIptuxPictureHeader(const QByteArray &streamStart)
{
    PictureHeader result;
    const int nul = int(streamStart.indexOf('\0'));
    const int scanned = nul < 0 ? int(streamStart.size()) : nul;
    int colons = 0;
    for (int i = 0; i < scanned && colons < 5; ++i) {
        if (streamStart.at(i) == ':')
            ++colons;
    }
    if (nul < 0) {
        if (streamStart.size() > MaxPictureHeader) {
            result.status = PictureHeaderStatus::Malformed;
            result.error = ParseError::TooLarge;
        }
        return result;
    }
    if (colons < 5 || nul > MaxPictureHeader) {
        result.status = PictureHeaderStatus::Malformed;
        result.error = colons < 5 ? ParseError::MissingHeader : ParseError::TooLarge;
        return result;
    }
    const ParsedPacket parsed = parsePacket(streamStart.left(nul));
    if (!parsed.ok()) {
        result.status = PictureHeaderStatus::Malformed;
        result.error = parsed.error;
        return result;
    }
    result.packet = parsed.packet;
    result.status = parsed.packet.command == Iptux::PictureCommand
                        ? PictureHeaderStatus::Complete
                        : PictureHeaderStatus::OtherCommand;
    result.payloadOffset = nul + 1;
    return result;
}

} // namespace lanpigeon::ipmsg
