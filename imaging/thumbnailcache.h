// Thumbnails of stored pictures, decoded on a thread pool of their own and kept by content
// hash and size, so the GUI thread never decodes and a picture seen twice is decoded once.
#pragma once

#include "picturedecoder.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QThreadPool>

#include <functional>

namespace lanpigeon::imaging {

// Lives on the GUI thread; only the decoding runs elsewhere.
class ThumbnailCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThumbnailCache)

public:
    // sha256 -> the stored file, or empty; called on the pool's threads, so it must be
    // thread-safe (Messenger::picturePath is).
    using Resolver = std::function<QString(const QString &sha256)>;

    enum class State
    {
        // Being decoded; ready() follows.
        Pending,
        Ready,
        Failed,
    };
    struct Thumbnail
    {
        State state = State::Pending;
        // At most maxSide logical pixels a side times the device pixel ratio, which it
        // carries, so it paints sharp at its logical size.
        QImage image;
        // The picture's own size, in pixels.
        QSize size;
        PictureError error = PictureError::None;
    };

    explicit ThumbnailCache(Resolver resolver, const PictureLimits &limits = {},
                            QObject *parent = nullptr);
    ~ThumbnailCache() override;

    // What is known now; a picture not yet decoded at this size is queued and reported by
    // ready() once it is. Never blocks.
    Thumbnail thumbnail(const QString &sha256, int maxSide, qreal devicePixelRatio);
    // Waits for every queued decode; for tests and shutdown.
    void waitForDone() { m_pool.waitForDone(); }
    // Decodes under way or queued.
    int pending() const { return int(m_pending.size()); }

signals:
    void ready(const QString &sha256);

private:
    void finished(const QString &key, const QString &sha256, const DecodedPicture &decoded,
                  qreal devicePixelRatio);

    Resolver m_resolver;
    PictureLimits m_limits;
    QThreadPool m_pool;
    // Cost in KiB of pixels: a few screens of thumbnails, whatever their number.
    QCache<QString, Thumbnail> m_done;
    QSet<QString> m_pending;
};

} // namespace lanpigeon::imaging
