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
    , m_done(CacheKiB)
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

ThumbnailCache::Thumbnail ThumbnailCache::thumbnail(const QString &sha256, int maxSide,
                                                    qreal devicePixelRatio)
{
    const int pixels = std::max(1, int(std::ceil(maxSide * devicePixelRatio)));
    const QString key = sha256 + QLatin1Char('/') + QString::number(pixels);
    if (const Thumbnail *done = m_done.object(key))
        return *done;
    if (!m_pending.contains(key)) {
        m_pending.insert(key);
        const Resolver resolver = m_resolver;
        const PictureLimits limits = m_limits;
        m_pool.start([this, resolver, limits, key, sha256, pixels, devicePixelRatio] {
            const QString path = resolver(sha256);
            const DecodedPicture decoded =
                path.isEmpty() ? DecodedPicture{{},
                                                PictureFormat::Unknown,
                                                {},
                                                PictureError::Corrupt,
                                                QStringLiteral("no stored file")}
                               : decodePictureFile(path, limits, QSize(pixels, pixels));
            // Posted to the GUI thread; the destructor waits for the pool, so this still exists.
            QMetaObject::invokeMethod(
                this, [=] { finished(key, sha256, decoded, devicePixelRatio); },
                Qt::QueuedConnection);
        });
    }
    return {};
}

void ThumbnailCache::finished(const QString &key, const QString &sha256,
                              const DecodedPicture &decoded, qreal devicePixelRatio)
{
    m_pending.remove(key);
    auto *t = new Thumbnail;
    t->size = decoded.size;
    t->error = decoded.error;
    t->state = decoded.ok() ? State::Ready : State::Failed;
    t->image = decoded.image;
    t->image.setDevicePixelRatio(devicePixelRatio);
    m_done.insert(key, t, std::max<qsizetype>(1, t->image.sizeInBytes() / 1024));
    emit ready(sha256);
}

} // namespace lanpigeon::imaging
