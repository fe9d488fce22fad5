// The picture decoder against hostile bytes: decompression bombs refused from their header
// with memory staying flat, truncated and foreign bytes refused, the five formats decoded.
#include "picturedecoder.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <sys/resource.h>
#include <zlib.h>

using namespace lanpigeon::imaging;

namespace {

QByteArray chunk(const char *type, const QByteArray &data)
{
    QByteArray c;
    c.resize(4);
    qToBigEndian(quint32(data.size()), c.data());
    const QByteArray body = QByteArray(type, 4) + data;
    c += body;
    QByteArray crc(4, 0);
    qToBigEndian(
        quint32(crc32(0, reinterpret_cast<const Bytef *>(body.constData()), uInt(body.size()))),
        crc.data());
    return c + crc;
}

// A PNG declaring width x height grey pixels, all zero; rows streams that many rows of its
// pixel data through zlib (at most height), so a bomb costs the test little memory.
QByteArray greyPng(quint32 width, quint32 height, quint32 rows)
{
    QByteArray ihdr(13, 0);
    qToBigEndian(width, ihdr.data());
    qToBigEndian(height, ihdr.data() + 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 0; // greyscale
    z_stream z{};
    deflateInit(&z, 9);
    const QByteArray row(int(width) + 1, 0); // filter byte 0, then zeros
    QByteArray out;
    QByteArray buffer(64 * 1024, 0);
    for (quint32 r = 0; r <= rows; ++r) {
        const bool last = r == rows;
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(row.constData()));
        z.avail_in = last ? 0 : uInt(row.size());
        do {
            z.next_out = reinterpret_cast<Bytef *>(buffer.data());
            z.avail_out = uInt(buffer.size());
            deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
            out.append(buffer.constData(), buffer.size() - qsizetype(z.avail_out));
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", out) +
           chunk("IEND", {});
}

QByteArray encoded(const QImage &image, const char *format, int quality = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, format, quality))
        qFatal("cannot write %s", format);
    return bytes;
}

QImage noise(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    quint32 x = 12345;
    for (int y = 0; y < height; ++y) {
        auto *line = reinterpret_cast<quint32 *>(image.scanLine(y));
        for (int i = 0; i < width; ++i) {
            x = x * 1664525u + 1013904223u;
            line[i] = 0xff000000u | (x >> 8);
        }
    }
    return image;
}

// 5 x 5 red with one blue pixel in the middle, as ImageMagick writes it (Qt writes no GIF).
const unsigned char TinyGif[] = {
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x05, 0x00, 0x05, 0x00, 0xf0, 0x00, 0x00, 0xff, 0x00, 0x00,
    0x00, 0x00, 0xff, 0x21, 0xf9, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
    0x05, 0x00, 0x05, 0x00, 0x00, 0x02, 0x05, 0x84, 0x8f, 0x16, 0xc9, 0x50, 0x00, 0x3b};

// An uncompressed 24-bit BMP as iptux sends it (gdk-pixbuf's): a file and info header declaring
// width x height, then rows of pixel data (all zero), at most height of them.
QByteArray bmp24(qint32 width, qint32 height, qint32 rows)
{
    const qint32 stride = (width * 3 + 3) / 4 * 4;
    QByteArray header(54, 0);
    char *h = header.data();
    h[0] = 'B';
    h[1] = 'M';
    qToLittleEndian(quint32(54 + qint64(stride) * height), h + 2);
    qToLittleEndian(quint32(54), h + 10);
    qToLittleEndian(quint32(40), h + 14);
    qToLittleEndian(width, h + 18);
    qToLittleEndian(height, h + 22);
    qToLittleEndian(quint16(1), h + 26);
    qToLittleEndian(quint16(24), h + 28);
    return header + QByteArray(qsizetype(stride) * rows, 0);
}

qint64 peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

class TestPictureDecoder final : public QObject
{
    Q_OBJECT

private slots:
    // First, while the process is small: its peak memory is what the bombs would raise.
    void bombsRefusedFromTheirHeader();
    void truncatedPng();
    void notAPicture();
    void tooManyBytes();
    void gifJpegWebpAndPng();
    void bmpAsIptuxSendsIt();
    void truncatedBmp();
    void scaledToFit();
    void limitsAreConfigurable();
};

void TestPictureDecoder::bombsRefusedFromTheirHeader()
{
    // 30000 x 30000 declared by a 100-byte file; 16000 x 16000 of real zeros (256 MB of pixel
    // data in a few hundred KB).
    const QByteArray declared = greyPng(30000, 30000, 1);
    const QByteArray zeros = greyPng(16000, 16000, 16000);
    QVERIFY(declared.size() < 200);
    QVERIFY2(zeros.size() < 1024 * 1024, QByteArray::number(zeros.size()));
    const qint64 before = peakRssKiB();

    const DecodedPicture a = decodePicture(declared);
    QCOMPARE(a.error, PictureError::TooLarge);
    QCOMPARE(a.format, PictureFormat::Png);
    QCOMPARE(a.size, QSize(30000, 30000));
    QVERIFY(a.image.isNull());
    QVERIFY2(a.detail.contains(QLatin1String("16384 a side")), qPrintable(a.detail));

    const DecodedPicture b = decodePicture(zeros);
    QCOMPARE(b.error, PictureError::TooLarge);
    QCOMPARE(b.size, QSize(16000, 16000));
    QVERIFY2(b.detail.contains(QLatin1String("MiB decoded")), qPrintable(b.detail));
    // Also through the thumbnail path the window takes.
    QCOMPARE(decodePicture(zeros, {}, QSize(320, 320)).error, PictureError::TooLarge);

    // A GIF's frame says 5 x 5 but its screen 16000 x 16000: Qt makes the image the screen's.
    QByteArray gif(reinterpret_cast<const char *>(TinyGif), sizeof TinyGif);
    gif[6] = char(0x80);
    gif[7] = char(0x3e);
    gif[8] = char(0x80);
    gif[9] = char(0x3e);
    const DecodedPicture c = decodePicture(gif);
    QCOMPARE(c.error, PictureError::TooLarge);
    QCOMPARE(c.size, QSize(16000, 16000));

    // A 54-byte BMP declaring 30000 x 30000, and one declaring 16000 x 16000 (768 MB as it
    // would be decoded) with no pixels at all.
    const DecodedPicture d = decodePicture(bmp24(30000, 30000, 0));
    QCOMPARE(d.error, PictureError::TooLarge);
    QCOMPARE(d.format, PictureFormat::Bmp);
    QCOMPARE(d.size, QSize(30000, 30000));
    QVERIFY(d.image.isNull());
    QVERIFY2(d.detail.contains(QLatin1String("16384 a side")), qPrintable(d.detail));
    const DecodedPicture e = decodePicture(bmp24(16000, 16000, 0), {}, QSize(320, 320));
    QCOMPARE(e.error, PictureError::TooLarge);
    QVERIFY2(e.detail.contains(QLatin1String("MiB decoded")), qPrintable(e.detail));

    // Decoding any of them would have taken 256 MB at least.
    const qint64 grown = peakRssKiB() - before;
    qInfo("peak RSS grew by %lld KiB decoding both bombs", grown);
    QVERIFY2(grown < 32 * 1024, QByteArray::number(grown));
}

void TestPictureDecoder::truncatedPng()
{
    const QByteArray whole = encoded(noise(200, 200), "PNG");
    QVERIFY(decodePicture(whole).ok());
    for (const qsizetype keep :
         {qsizetype(8), qsizetype(20), qsizetype(40), whole.size() / 2, whole.size() - 20}) {
        const DecodedPicture d = decodePicture(whole.left(keep));
        QVERIFY2(d.error == PictureError::Corrupt, qPrintable(QString::number(keep)));
        QVERIFY(d.image.isNull());
        QCOMPARE(d.format, PictureFormat::Png);
    }
}

void TestPictureDecoder::notAPicture()
{
    const QByteArray ppm = encoded(noise(4, 4), "PPM");
    const QByteArray svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"99999\" "
                           "height=\"99999\"><rect width=\"10\" height=\"10\"/></svg>";
    for (const QByteArray &bytes :
         {QByteArray("hello, this is text"), QByteArray(), ppm, svg, QByteArray("BM, then text"),
          QByteArray("RIFF\0\0\0\0WAVE", 12), QByteArray("GIF8"), QByteArray("\x89PNG")}) {
        const DecodedPicture d = decodePicture(bytes);
        QCOMPARE(d.error, PictureError::NotAPicture);
        QVERIFY(d.image.isNull());
    }
}

void TestPictureDecoder::tooManyBytes()
{
    QByteArray big = encoded(noise(20, 20), "PNG");
    big.append(QByteArray(10 * 1024 * 1024, 0));
    QCOMPARE(decodePicture(big).error, PictureError::TooManyBytes);
    // A file that large is refused before it is read.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(2LL * 1024 * 1024 * 1024));
    file.close();
    const qint64 before = peakRssKiB();
    QCOMPARE(decodePictureFile(path).error, PictureError::TooManyBytes);
    QVERIFY(peakRssKiB() - before < 8 * 1024);
    QCOMPARE(decodePictureFile(dir.filePath(QStringLiteral("missing"))).error,
             PictureError::Corrupt);
}

void TestPictureDecoder::gifJpegWebpAndPng()
{
    const DecodedPicture gif =
        decodePicture(QByteArray(reinterpret_cast<const char *>(TinyGif), sizeof TinyGif));
    QVERIFY2(gif.ok(), qPrintable(gif.detail));
    QCOMPARE(gif.format, PictureFormat::Gif);
    QCOMPARE(gif.image.size(), QSize(5, 5));
    QCOMPARE(gif.image.pixelColor(0, 0), QColor(Qt::red));
    QCOMPARE(gif.image.pixelColor(2, 2), QColor(Qt::blue));

    QImage picture(64, 48, QImage::Format_RGB32);
    picture.fill(QColor(0, 160, 0));
    const DecodedPicture jpeg = decodePicture(encoded(picture, "JPEG", 90));
    QVERIFY2(jpeg.ok(), qPrintable(jpeg.detail));
    QCOMPARE(jpeg.format, PictureFormat::Jpeg);
    QCOMPARE(jpeg.image.size(), QSize(64, 48));
    const QColor c = jpeg.image.pixelColor(30, 20);
    QVERIFY(c.green() > 140 && c.red() < 20 && c.blue() < 20);

    const DecodedPicture webp = decodePicture(encoded(picture, "WEBP", 100));
    QVERIFY2(webp.ok(), qPrintable(webp.detail));
    QCOMPARE(webp.format, PictureFormat::WebP);
    QCOMPARE(webp.image.size(), QSize(64, 48));

    const DecodedPicture png = decodePicture(encoded(picture, "PNG"));
    QVERIFY2(png.ok(), qPrintable(png.detail));
    QCOMPARE(png.image.pixelColor(10, 10), QColor(0, 160, 0));
}

void TestPictureDecoder::bmpAsIptuxSendsIt()
{
    const QImage picture = noise(37, 21); // rows padded to four bytes
    const QByteArray bytes = encoded(picture.convertToFormat(QImage::Format_RGB888), "BMP");
    QCOMPARE(quint16(qFromLittleEndian<quint16>(bytes.constData() + 28)), quint16(24));
    const DecodedPicture d = decodePicture(bytes);
    QVERIFY2(d.ok(), qPrintable(d.detail));
    QCOMPARE(d.format, PictureFormat::Bmp);
    QCOMPARE(d.size, QSize(37, 21));
    QCOMPARE(d.image.convertToFormat(QImage::Format_RGB32), picture);

    const DecodedPicture thumb = decodePicture(encoded(noise(640, 320), "BMP"), {}, QSize(64, 64));
    QVERIFY2(thumb.ok(), qPrintable(thumb.detail));
    QCOMPARE(thumb.image.size(), QSize(64, 32));
}

void TestPictureDecoder::truncatedBmp()
{
    const QByteArray whole = encoded(noise(200, 100), "BMP");
    QVERIFY(decodePicture(whole).ok());
    for (const qsizetype keep :
         {qsizetype(26), qsizetype(40), qsizetype(54), whole.size() / 2, whole.size() - 1}) {
        const DecodedPicture d = decodePicture(whole.left(keep));
        QVERIFY2(d.error == PictureError::Corrupt, qPrintable(QString::number(keep)));
        QVERIFY(d.image.isNull());
        QCOMPARE(d.format, PictureFormat::Bmp);
    }
    // Shorter than any BMP's headers: not taken for one.
    QCOMPARE(decodePicture(whole.left(20)).error, PictureError::NotAPicture);
}

void TestPictureDecoder::scaledToFit()
{
    const QByteArray jpeg = encoded(noise(2000, 1000), "JPEG", 80);
    const DecodedPicture d = decodePicture(jpeg, {}, QSize(320, 320));
    QVERIFY(d.ok());
    QCOMPARE(d.size, QSize(2000, 1000));
    QCOMPARE(d.image.size(), QSize(320, 160));
    // Never scaled up.
    QCOMPARE(decodePicture(encoded(noise(30, 20), "PNG"), {}, QSize(320, 320)).image.size(),
             QSize(30, 20));
}

void TestPictureDecoder::limitsAreConfigurable()
{
    const QByteArray png = encoded(noise(300, 200), "PNG");
    PictureLimits limits;
    limits.maxSide = 256;
    QCOMPARE(decodePicture(png, limits).error, PictureError::TooLarge);
    limits = {};
    limits.maxBytes = png.size() - 1;
    QCOMPARE(decodePicture(png, limits).error, PictureError::TooManyBytes);
    limits = {};
    QVERIFY(decodePicture(png, limits).ok());
}

QTEST_GUILESS_MAIN(TestPictureDecoder)
#include "tst_picturedecoder.moc"
