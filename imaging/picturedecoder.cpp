#include "picturedecoder.h"

#include "pictures/picturestore.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QtEndian>

#include <climits>
#include <optional>

namespace lanpigeon::imaging {

namespace {

DecodedPicture failure(PictureError error, const QString &detail,
                       PictureFormat format = PictureFormat::Unknown, const QSize &size = {})
{
    DecodedPicture d;
    d.error = error;
    d.detail = detail;
    d.format = format;
    d.size = size;
    return d;
}

QByteArray readerFormat(PictureFormat format)
{
    switch (format) {
    case PictureFormat::Png:
        return QByteArrayLiteral("png");
    case PictureFormat::Jpeg:
        return QByteArrayLiteral("jpeg");
    case PictureFormat::Gif:
        return QByteArrayLiteral("gif");
    case PictureFormat::WebP:
        return QByteArrayLiteral("webp");
    case PictureFormat::Bmp:
        return QByteArrayLiteral("bmp");
    case PictureFormat::Unknown:
        break;
    }
    return {};
}

// What a BMP's headers declare. Qt's reader decodes a BMP cut short without a word, the missing
// rows left blank, and refuses some huge headers as unreadable: both are decided here instead.
struct BmpHeader
{
    QSize size;
    // The bytes an uncompressed BMP needs to hold all its rows; 0 when compressed.
    qint64 needed = 0;
};

std::optional<BmpHeader> bmpHeader(const QByteArray &bytes)
{
    const auto *b = bytes.constData();
    const quint32 offset = qFromLittleEndian<quint32>(b + 10);
    const quint32 infoSize = qFromLittleEndian<quint32>(b + 14);
    qint64 width = 0;
    qint64 height = 0;
    quint16 bits = 0;
    quint32 compression = 0;
    if (infoSize == 12) {
        width = qFromLittleEndian<quint16>(b + 18);
        height = qFromLittleEndian<quint16>(b + 20);
        bits = qFromLittleEndian<quint16>(b + 24);
    } else if (infoSize >= 40 && bytes.size() >= 34) {
        width = qFromLittleEndian<qint32>(b + 18);
        // Negative: the rows go top down.
        height = qAbs(qint64(qFromLittleEndian<qint32>(b + 22)));
        bits = qFromLittleEndian<quint16>(b + 28);
        compression = qFromLittleEndian<quint32>(b + 30);
    } else {
        return std::nullopt;
    }
    if (width <= 0 || height <= 0 || width > INT_MAX || height > INT_MAX)
        return std::nullopt;
    BmpHeader header;
    header.size = QSize(int(width), int(height));
    // BI_RGB and BI_BITFIELDS: every row is there, padded to four bytes.
    if (compression == 0 || compression == 3)
        header.needed = qint64(offset) + (width * bits + 31) / 32 * 4 * height;
    return header;
}

} // namespace

PictureFormat sniffFormat(const QByteArray &bytes)
{
    // The core's signatures, so the window decodes exactly what the store keeps.
    const std::optional<pictures::Format> format = pictures::sniffFormat(bytes);
    if (!format)
        return PictureFormat::Unknown;
    switch (*format) {
    case pictures::Format::Png:
        return PictureFormat::Png;
    case pictures::Format::Jpeg:
        return PictureFormat::Jpeg;
    case pictures::Format::Gif:
        return PictureFormat::Gif;
    case pictures::Format::WebP:
        return PictureFormat::WebP;
    case pictures::Format::Bmp:
        return PictureFormat::Bmp;
    }
    return PictureFormat::Unknown;
}

DecodedPicture decodePicture(const QByteArray &bytes, const PictureLimits &limits,
                             const QSize &fitInto)
{
    if (bytes.size() > limits.maxBytes)
        return failure(
            PictureError::TooManyBytes,
            QStringLiteral("%1 bytes, more than %2").arg(bytes.size()).arg(limits.maxBytes));
    const PictureFormat format = sniffFormat(bytes);
    if (format == PictureFormat::Unknown)
        return failure(PictureError::NotAPicture,
                       QStringLiteral("not PNG, JPEG, GIF, WebP or BMP"));
    const QByteArray name = readerFormat(format);
    if (!QImageReader::supportedImageFormats().contains(name))
        return failure(PictureError::Unsupported,
                       QStringLiteral("no %1 reader in this Qt").arg(QString::fromLatin1(name)),
                       format);

    std::optional<BmpHeader> bmp;
    if (format == PictureFormat::Bmp) {
        bmp = bmpHeader(bytes);
        if (!bmp)
            return failure(PictureError::Corrupt, QStringLiteral("unreadable BMP header"), format);
    }

    QByteArray data = bytes;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    // Only the reader the signature names: no other plugin guesses at hostile bytes.
    QImageReader reader(&buffer, name);
    reader.setDecideFormatFromContent(false);
    reader.setAutoTransform(true);
    reader.setAllocationLimit(limits.maxDecodedMiB);
    // The header alone, before a single pixel is decoded.
    QSize size = reader.size();
    // Qt reports a GIF's first frame but makes the image as large as its logical screen.
    if (format == PictureFormat::Gif && bytes.size() >= 10)
        size = size.expandedTo(QSize(qFromLittleEndian<quint16>(bytes.constData() + 6),
                                     qFromLittleEndian<quint16>(bytes.constData() + 8)));
    if (bmp)
        size = bmp->size;
    if (!size.isValid() || size.isEmpty())
        return failure(PictureError::Corrupt,
                       QStringLiteral("unreadable header: %1").arg(reader.errorString()), format);
    if (size.width() > limits.maxSide || size.height() > limits.maxSide)
        return failure(PictureError::TooLarge,
                       QStringLiteral("%1 x %2 pixels, more than %3 a side")
                           .arg(size.width())
                           .arg(size.height())
                           .arg(limits.maxSide),
                       format, size);
    if (qint64(size.width()) * size.height() * 4 > qint64(limits.maxDecodedMiB) * 1024 * 1024)
        return failure(PictureError::TooLarge,
                       QStringLiteral("%1 x %2 pixels, more than %3 MiB decoded")
                           .arg(size.width())
                           .arg(size.height())
                           .arg(limits.maxDecodedMiB),
                       format, size);
    if (bmp && bytes.size() < bmp->needed)
        return failure(
            PictureError::Corrupt,
            QStringLiteral("truncated: %1 bytes of %2").arg(bytes.size()).arg(bmp->needed), format,
            size);
    if (fitInto.isValid() && (size.width() > fitInto.width() || size.height() > fitInto.height()))
        reader.setScaledSize(size.scaled(fitInto, Qt::KeepAspectRatio).expandedTo(QSize(1, 1)));
    DecodedPicture d;
    d.format = format;
    d.size = size;
    if (!reader.read(&d.image) || d.image.isNull())
        return failure(PictureError::Corrupt,
                       QStringLiteral("cannot decode: %1").arg(reader.errorString()), format, size);
    // Whatever a reader made of its header, nothing larger than the limits leaves here.
    const QSize made = d.image.size();
    if (made.width() > limits.maxSide || made.height() > limits.maxSide)
        return failure(
            PictureError::TooLarge,
            QStringLiteral("decoded to %1 x %2 pixels").arg(made.width()).arg(made.height()),
            format, size);
    return d;
}

DecodedPicture decodePictureFile(const QString &path, const PictureLimits &limits,
                                 const QSize &fitInto)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(PictureError::Corrupt,
                       QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    // Refused unread: a file that grew past the limit costs no memory.
    if (file.size() > limits.maxBytes)
        return failure(
            PictureError::TooManyBytes,
            QStringLiteral("%1 bytes, more than %2").arg(file.size()).arg(limits.maxBytes));
    return decodePicture(file.read(limits.maxBytes + 1), limits, fitInto);
}

} // namespace lanpigeon::imaging
