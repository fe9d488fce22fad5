#include "picturedecoder.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QtEndian>

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
    case PictureFormat::Unknown:
        break;
    }
    return {};
}

} // namespace

PictureFormat sniffFormat(const QByteArray &bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return PictureFormat::Png;
    if (bytes.startsWith("\xff\xd8\xff"))
        return PictureFormat::Jpeg;
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a"))
        return PictureFormat::Gif;
    if (bytes.size() >= 12 && bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
        return PictureFormat::WebP;
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
        return failure(PictureError::NotAPicture, QStringLiteral("not PNG, JPEG, GIF or WebP"));
    const QByteArray name = readerFormat(format);
    if (!QImageReader::supportedImageFormats().contains(name))
        return failure(PictureError::Unsupported,
                       QStringLiteral("no %1 reader in this Qt").arg(QString::fromLatin1(name)),
                       format);

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
