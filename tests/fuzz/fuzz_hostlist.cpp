// libFuzzer target: ANSLIST and GETLIST bodies. Whatever a host list decodes to encodes back
// to a list that decodes the same.
#include "ipmsg/hostlistcodec.h"

#include <climits>
#include <cstdint>
#include <cstdlib>

using namespace lanpigeon::ipmsg;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto page = decodeHostList(raw)) {
        int next = -1;
        const QByteArray again = encodeHostList(page->hosts, 0, INT_MAX, &next);
        const auto back = decodeHostList(again);
        if (!back || back->hosts != page->hosts || next != 0)
            std::abort();
    }
    if (const auto start = decodeGetList(raw); start && *start < 0)
        std::abort();
    return 0;
}
