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
        // carries, so it paints sharp at its logical size. Null while pending, and when a
        // decoded one was dropped from memory (then decoded again).
        QImage image;
        // The thumbnail's size in pixels, known once decoded, even if dropped since.
        QSize pixels;
        // The picture's own size, in pixels.
        QSize size;
        PictureError error = PictureError::None;
    };

    explicit ThumbnailCache(Resolver resolver, const PictureLimits &limits = {},
                            QObject *parent = nullptr);
    ~ThumbnailCache() override;

    // What is known now, with the pixels if they are in memory; a picture whose pixels are not
    // is queued and reported by ready() once decoded. For painting. Never blocks.
    Thumbnail thumbnail(const QString &sha256, int maxSide, qreal devicePixelRatio);
    // The same without the pixels, decoding only what was never decoded: for laying rows out,
    // which asks for every row, shown or not.
    Thumbnail known(const QString &sha256, int maxSide, qreal devicePixelRatio);
    // How many KiB of pixels stay in memory; the least recently painted go first.
    void setCapacityKiB(int kib) { m_images.setMaxCost(kib); }
    // Waits for every queued decode; for tests and shutdown.
    void waitForDone() { m_pool.waitForDone(); }
    // Decodes under way or queued.
    int pending() const { return int(m_pending.size()); }

signals:
    void ready(const QString &sha256);

private:
    // A picture far longer than wide (or wider than long), decoded again to a legible width and
    // cut to the square; others as they are.
    static DecodedPicture cropped(const DecodedPicture &fitted, const QString &path,
                                  const PictureLimits &limits, int pixels);
    void finished(const QString &key, const QString &sha256, const DecodedPicture &decoded,
                  qreal devicePixelRatio);
    void queue(const QString &key, const QString &sha256, int pixels, qreal devicePixelRatio);

    Resolver m_resolver;
    PictureLimits m_limits;
    QThreadPool m_pool;
    // Every outcome, without pixels: a few dozen bytes each, kept so that rows keep their
    // size when the pixels are dropped.
    QHash<QString, Thumbnail> m_known;
    // The pixels, cost in KiB: a few screens of thumbnails, whatever their number.
    QCache<QString, QImage> m_images;
    QSet<QString> m_pending;
};

} // namespace lanpigeon::imaging
