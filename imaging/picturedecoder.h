// Decodes a picture a peer sent (PNG, JPEG, GIF, WebP or BMP) within limits, so hostile bytes cost
// neither unbounded memory nor a crash; a pure function, safe on any thread.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

namespace lanpigeon::imaging {

// What a picture may cost before it is decoded; the defaults follow issue #13.
struct PictureLimits
{
    // The file's own size.
    qint64 maxBytes = 10 * 1024 * 1024;
    // Either side, in pixels, as the file's header declares it.
    int maxSide = 16384;
    // The decoded image, in MiB (QImageReader::setAllocationLimit); 256 MiB is 8192 x 8192 at
    // four bytes a pixel, so a header declaring 16000 x 16000 is refused before decoding.
    int maxDecodedMiB = 256;
};

enum class PictureFormat
{
    Unknown,
    Png,
    Jpeg,
    Gif,
    WebP,
    // iptux sends every chat picture as one (gdk-pixbuf's, 24-bit).
    Bmp,
};

enum class PictureError
{
    None,
    // The file is larger than maxBytes.
    TooManyBytes,
    // Its header declares more pixels than the limits allow (a decompression bomb).
    TooLarge,
    // Not one of the five formats, by its signature.
    NotAPicture,
    // The format is right but this Qt has no reader for it (WebP without its plugin).
    Unsupported,
    // Truncated or corrupt: the header or the pixels could not be read.
    Corrupt,
};

struct DecodedPicture
{
    QImage image;
    PictureFormat format = PictureFormat::Unknown;
    // The size the header declares, before any scaling; empty if it could not be read.
    QSize size;
    PictureError error = PictureError::None;
    // What went wrong, in English, for logs and tests; the window words it for users.
    QString detail;
    bool ok() const { return error == PictureError::None; }
};

// The format by its first bytes only.
PictureFormat sniffFormat(const QByteArray &bytes);

// Decodes bytes; with fitInto valid, scales the image down to fit it (keeping its aspect), and
// JPEG then decodes at the smaller size directly. Only the first frame of an animation.
DecodedPicture decodePicture(const QByteArray &bytes, const PictureLimits &limits = {},
                             const QSize &fitInto = {});

// Reads the file at path, refusing it unread if it exceeds maxBytes, then decodes it.
DecodedPicture decodePictureFile(const QString &path, const PictureLimits &limits = {},
                                 const QSize &fitInto = {});

} // namespace lanpigeon::imaging
