#include "pictures/picturestore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace lanpigeon::pictures {

namespace {

constexpr Format AllFormats[] = {Format::Png, Format::Jpeg, Format::Gif, Format::WebP, Format::Bmp};

bool isSha256(const QString &text)
{
    if (text.size() != 64)
        return false;
    for (const QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

} // namespace

std::optional<Format> sniffFormat(const QByteArray &bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return Format::Png;
    if (bytes.startsWith("\xff\xd8\xff"))
        return Format::Jpeg;
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a"))
        return Format::Gif;
    if (bytes.size() >= 12 && bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
        return Format::WebP;
    // "BM", then a file header and at least the smallest info header.
    if (bytes.size() >= 26 && bytes.startsWith("BM"))
        return Format::Bmp;
    return std::nullopt;
}

QByteArray extensionOf(Format format)
{
    switch (format) {
    case Format::Png:
        return "png";
    case Format::Jpeg:
        return "jpg";
    case Format::Gif:
        return "gif";
    case Format::WebP:
        return "webp";
    case Format::Bmp:
        return "bmp";
    }
    return "png";
}

PictureStore::PictureStore(const QString &profileDir, qint64 maxBytes)
    : m_root(QDir(profileDir).filePath(QStringLiteral("pictures")))
    , m_maxBytes(maxBytes)
{
}

QString PictureStore::tempDir() const
{
    return QDir(m_root).filePath(QStringLiteral("incoming"));
}

std::optional<PictureStore::Stored> PictureStore::put(const QByteArray &bytes, QString *error) const
{
    auto refuse = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (bytes.size() > m_maxBytes)
        return refuse(
            tr("picture too large: %1 bytes, at most %2").arg(bytes.size()).arg(m_maxBytes));
    const std::optional<Format> format = sniffFormat(bytes);
    if (!format)
        return refuse(tr("not a PNG, JPEG, GIF, WebP or BMP picture"));
    Stored s;
    s.format = *format;
    s.sha256 =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    const QString dir = QDir(m_root).filePath(s.sha256.left(2));
    s.path =
        QDir(dir).filePath(s.sha256 + QLatin1Char('.') + QString::fromLatin1(extensionOf(*format)));
    if (QFileInfo(s.path).size() == bytes.size())
        return s;
    if (!QDir().mkpath(dir))
        return refuse(tr("cannot make the folder %1").arg(dir));
    QSaveFile file(s.path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return refuse(tr("cannot store the picture in %1: %2").arg(s.path, file.errorString()));
    return s;
}

QString PictureStore::path(const QString &sha256) const
{
    if (!isSha256(sha256))
        return {};
    const QDir dir(QDir(m_root).filePath(sha256.left(2)));
    for (const Format f : AllFormats) {
        const QString p =
            dir.filePath(sha256 + QLatin1Char('.') + QString::fromLatin1(extensionOf(f)));
        if (QFileInfo::exists(p))
            return p;
    }
    return {};
}

} // namespace lanpigeon::pictures
