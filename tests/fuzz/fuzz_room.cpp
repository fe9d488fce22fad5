// libFuzzer target: the room section, alone, in a datagram's third section and in a sealed
// plaintext's fourth; what it takes it writes back the same.
#include "ipmsg/roomcodec.h"

#include <cstdint>
#include <cstdlib>

using namespace lanpigeon::ipmsg;

namespace {

void checkRoom(const std::optional<RoomSection> &room)
{
    if (!room)
        return;
    if (room->id.isNull() || room->name.isEmpty() || room->members.isEmpty() ||
        room->members.size() > RoomLimits::MaxMembers)
        std::abort();
    const auto again = parseRoomSection(encodeRoomSection(*room));
    if (!again || again->id != room->id || again->name != room->name ||
        again->version != room->version || again->kind != room->kind ||
        again->members != room->members)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    checkRoom(parseRoomSection(raw));
    checkRoom(roomOfPlainExtra(raw));
    checkRoom(roomOfExtPlaintext(raw));
    (void)RoomId::fromHex(raw);
    return 0;
}
