// libFuzzer target: pictures from peers through the decoder with its limits, whole and scaled
// to a thumbnail, as the window decodes them.
#include "picturedecoder.h"

#include <cstdint>
#include <cstdlib>

using namespace lanpigeon::imaging;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // Small limits, so the fuzzer explores headers rather than spending its time on pixels.
    PictureLimits limits;
    limits.maxSide = 2048;
    limits.maxDecodedMiB = 16;
    const DecodedPicture whole = decodePicture(bytes, limits);
    if (whole.ok() != !whole.image.isNull())
        std::abort();
    if (whole.ok() &&
        (whole.image.width() > limits.maxSide || whole.image.height() > limits.maxSide ||
         whole.image.sizeInBytes() > qint64(limits.maxDecodedMiB) * 1024 * 1024))
        std::abort();
    const DecodedPicture thumb = decodePicture(bytes, limits, QSize(64, 64));
    if (thumb.ok() && (thumb.image.width() > 64 || thumb.image.height() > 64))
        std::abort();
    if (thumb.format != whole.format)
        std::abort();
    return 0;
}
