#include "thumbnailcache.h"

#include <QMetaObject>
#include <QThread>

#include <cmath>

namespace lanpigeon::imaging {

namespace {
// 64 MiB of thumbnails: 200 of 320 x 240 at a device pixel ratio of 2.
constexpr int CacheKiB = 64 * 1024;
} // namespace

ThumbnailCache::ThumbnailCache(Resolver resolver, const PictureLimits &limits, QObject *parent)
    : QObject(parent)
    , m_resolver(std::move(resolver))
    , m_limits(limits)
    , m_images(CacheKiB)
{
    // Two decodes at a time: each may hold a whole picture, and the network needs a core too.
    m_pool.setMaxThreadCount(2);
    m_pool.setObjectName(QStringLiteral("thumbnails"));
}

ThumbnailCache::~ThumbnailCache()
{
    m_pool.clear();
    m_pool.waitForDone();
}

namespace {
int pixelsFor(int maxSide, qreal devicePixelRatio)
{
    return std::max(1, int(std::ceil(maxSide * devicePixelRatio)));
}
} // namespace

ThumbnailCache::Thumbnail ThumbnailCache::known(const QString &sha256, int maxSide,
                                                qreal devicePixelRatio)
{
    const int pixels = pixelsFor(maxSide, devicePixelRatio);
    const QString key = sha256 + QLatin1Char('/') + QString::number(pixels);
    if (const auto it = m_known.constFind(key); it != m_known.constEnd())
        return *it;
    queue(key, sha256, pixels, devicePixelRatio);
    return {};
}

ThumbnailCache::Thumbnail ThumbnailCache::thumbnail(const QString &sha256, int maxSide,
                                                    qreal devicePixelRatio)
{
    const int pixels = pixelsFor(maxSide, devicePixelRatio);
    const QString key = sha256 + QLatin1Char('/') + QString::number(pixels);
    Thumbnail t = m_known.value(key);
    if (t.state == State::Failed)
        return t;
    if (const QImage *image = m_images.object(key))
        t.image = *image;
    else
        queue(key, sha256, pixels, devicePixelRatio);
    return t;
}

void ThumbnailCache::queue(const QString &key, const QString &sha256, int pixels,
                           qreal devicePixelRatio)
{
    if (m_pending.contains(key))
        return;
    m_pending.insert(key);
    const Resolver resolver = m_resolver;
    const PictureLimits limits = m_limits;
    m_pool.start([this, resolver, limits, key, sha256, pixels, devicePixelRatio] {
        const QString path = resolver(sha256);
        DecodedPicture decoded;
        if (path.isEmpty()) {
            decoded.error = PictureError::Corrupt;
            decoded.detail = QStringLiteral("no stored file");
        } else {
            decoded = decodePictureFile(path, limits, QSize(pixels, pixels));
            decoded = cropped(decoded, path, limits, pixels);
        }
        // Posted to the GUI thread; the destructor waits for the pool, so this still exists.
        QMetaObject::invokeMethod(
            this, [=] { finished(key, sha256, decoded, devicePixelRatio); }, Qt::QueuedConnection);
    });
}

DecodedPicture ThumbnailCache::cropped(const DecodedPicture &fitted, const QString &path,
                                       const PictureLimits &limits, int pixels)
{
    // A long screenshot fitted whole into the square would be a sliver a few pixels wide: it
    // is shown half the square across (or its own width, if less) and cut to the square's
    // length from its top or left, as QQ does; the viewer has it whole.
    const QSize size = fitted.size;
    const int across = std::min(size.width(), size.height());
    const int along = std::max(size.width(), size.height());
    const int wanted = std::min(across, pixels / 2);
    if (!fitted.ok() || along <= 2 * across || qint64(across) * pixels / along >= wanted)
        return fitted;
    const bool tall = size.height() > size.width();
    DecodedPicture d = decodePictureFile(
        path, limits, tall ? QSize(wanted, limits.maxSide) : QSize(limits.maxSide, wanted));
    if (!d.ok())
        return fitted;
    d.image =
        d.image.copy(0, 0, std::min(d.image.width(), pixels), std::min(d.image.height(), pixels));
    return d;
}

void ThumbnailCache::finished(const QString &key, const QString &sha256,
                              const DecodedPicture &decoded, qreal devicePixelRatio)
{
    m_pending.remove(key);
    Thumbnail t;
    t.size = decoded.size;
    t.error = decoded.error;
    t.state = decoded.ok() ? State::Ready : State::Failed;
    t.pixels = decoded.image.size();
    // Bounded for a flood of pictures from a hostile peer: a few dozen bytes an entry.
    if (m_known.size() > 100000)
        m_known.clear();
    m_known.insert(key, t);
    if (decoded.ok()) {
        auto *image = new QImage(decoded.image);
        image->setDevicePixelRatio(devicePixelRatio);
        m_images.insert(key, image, std::max<qsizetype>(1, image->sizeInBytes() / 1024));
    }
    emit ready(sha256);
}

} // namespace lanpigeon::imaging
