// Thumbnails: decoded off the GUI thread, sharp at the device pixel ratio, kept by hash and
// size, failures reported; the GUI thread never waits.
#include "thumbnailcache.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace lanpigeon::imaging;

class TestThumbnailCache final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void decodedOffTheGuiThread();
    void sharpOnHighDpi();
    void failuresReported();
    void pixelsDroppedSizesKept();
    void longPicturesCutNotSqueezed();

private:
    QString picture(const QString &name, const QImage &image, const char *format = "PNG");
    ThumbnailCache::Resolver resolver();

    QTemporaryDir m_dir;
    QMutex m_mutex;
    QList<QThread *> m_threads;
};

void TestThumbnailCache::init()
{
    QMutexLocker lock(&m_mutex);
    m_threads.clear();
}

QString TestThumbnailCache::picture(const QString &name, const QImage &image, const char *format)
{
    const QString path = m_dir.filePath(name);
    if (!image.save(path, format))
        qFatal("cannot save %s", qPrintable(path));
    return path;
}

ThumbnailCache::Resolver TestThumbnailCache::resolver()
{
    return [this](const QString &sha256) {
        {
            QMutexLocker lock(&m_mutex);
            m_threads.append(QThread::currentThread());
        }
        const QString path = m_dir.filePath(sha256);
        return QFile::exists(path) ? path : QString();
    };
}

void TestThumbnailCache::decodedOffTheGuiThread()
{
    QImage big(1920, 1080, QImage::Format_RGB32);
    big.fill(QColor(200, 0, 200));
    picture(QStringLiteral("big"), big);
    ThumbnailCache cache(resolver());
    QSignalSpy ready(&cache, &ThumbnailCache::ready);
    QElapsedTimer clock;
    clock.start();
    ThumbnailCache::Thumbnail t = cache.thumbnail(QStringLiteral("big"), 320, 1.0);
    // Returned at once, long before a 1920 x 1080 PNG could be decoded.
    QVERIFY(clock.elapsed() < 5);
    QCOMPARE(t.state, ThumbnailCache::State::Pending);
    QCOMPARE(cache.pending(), 1);
    // Asked again while decoding: still one decode.
    cache.thumbnail(QStringLiteral("big"), 320, 1.0);
    QCOMPARE(cache.pending(), 1);
    QVERIFY(ready.wait(5000));
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.at(0).at(0).toString(), QStringLiteral("big"));
    t = cache.thumbnail(QStringLiteral("big"), 320, 1.0);
    QCOMPARE(t.state, ThumbnailCache::State::Ready);
    QCOMPARE(t.size, QSize(1920, 1080));
    QCOMPARE(t.image.size(), QSize(320, 180));
    QCOMPARE(t.image.pixelColor(100, 100), QColor(200, 0, 200));
    QCOMPARE(cache.pending(), 0);
    QMutexLocker lock(&m_mutex);
    QCOMPARE(m_threads.size(), 1);
    QVERIFY(m_threads.at(0) != QThread::currentThread());
}

void TestThumbnailCache::sharpOnHighDpi()
{
    QImage big(1000, 1000, QImage::Format_RGB32);
    big.fill(Qt::darkCyan);
    picture(QStringLiteral("square"), big, "JPEG");
    ThumbnailCache cache(resolver());
    QSignalSpy ready(&cache, &ThumbnailCache::ready);
    cache.thumbnail(QStringLiteral("square"), 320, 2.0);
    QVERIFY(ready.wait(5000));
    const ThumbnailCache::Thumbnail t = cache.thumbnail(QStringLiteral("square"), 320, 2.0);
    QCOMPARE(t.state, ThumbnailCache::State::Ready);
    // Twice the pixels, painted at 320 logical pixels.
    QCOMPARE(t.image.size(), QSize(640, 640));
    QCOMPARE(t.image.devicePixelRatio(), 2.0);
    QCOMPARE(t.image.deviceIndependentSize(), QSizeF(320, 320));
    // Another size is another thumbnail.
    QCOMPARE(cache.thumbnail(QStringLiteral("square"), 320, 1.0).state,
             ThumbnailCache::State::Pending);
    QVERIFY(ready.wait(5000));
    QCOMPARE(cache.thumbnail(QStringLiteral("square"), 320, 1.0).image.size(), QSize(320, 320));
}

void TestThumbnailCache::failuresReported()
{
    QFile junk(m_dir.filePath(QStringLiteral("junk")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("this is not a picture");
    junk.close();
    ThumbnailCache cache(resolver());
    QSignalSpy ready(&cache, &ThumbnailCache::ready);
    cache.thumbnail(QStringLiteral("junk"), 320, 1.0);
    cache.thumbnail(QStringLiteral("nowhere"), 320, 1.0);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, 5000);
    const ThumbnailCache::Thumbnail junkThumb = cache.thumbnail(QStringLiteral("junk"), 320, 1.0);
    QCOMPARE(junkThumb.state, ThumbnailCache::State::Failed);
    QCOMPARE(junkThumb.error, PictureError::NotAPicture);
    QCOMPARE(cache.thumbnail(QStringLiteral("nowhere"), 320, 1.0).state,
             ThumbnailCache::State::Failed);
    // A failure is remembered, not decoded again on every paint.
    QCOMPARE(cache.pending(), 0);
}

void TestThumbnailCache::pixelsDroppedSizesKept()
{
    QImage wide(640, 360, QImage::Format_RGB32);
    wide.fill(Qt::darkBlue);
    const QStringList names{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                            QStringLiteral("d"), QStringLiteral("e")};
    for (const QString &name : names)
        picture(name, wide);
    ThumbnailCache cache(resolver());
    // Room for the pixels of one 320 x 180 thumbnail (225 KiB).
    cache.setCapacityKiB(300);
    QSignalSpy ready(&cache, &ThumbnailCache::ready);
    for (const QString &name : names)
        QCOMPARE(cache.known(name, 320, 1.0).state, ThumbnailCache::State::Pending);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 5, 10000);
    // Their sizes stay known without decoding them again.
    for (const QString &name : names) {
        const ThumbnailCache::Thumbnail t = cache.known(name, 320, 1.0);
        QCOMPARE(t.state, ThumbnailCache::State::Ready);
        QCOMPARE(t.pixels, QSize(320, 180));
        QCOMPARE(t.size, QSize(640, 360));
    }
    QCOMPARE(cache.pending(), 0);
    // The pixels of all but the last decoded were dropped: painting one decodes it again.
    ThumbnailCache::Thumbnail first = cache.thumbnail(QStringLiteral("a"), 320, 1.0);
    QCOMPARE(first.state, ThumbnailCache::State::Ready);
    QVERIFY(first.image.isNull());
    QCOMPARE(first.pixels, QSize(320, 180));
    QCOMPARE(cache.pending(), 1);
    QVERIFY(ready.wait(5000));
    QCOMPARE(cache.thumbnail(QStringLiteral("a"), 320, 1.0).image.size(), QSize(320, 180));
}

QTEST_MAIN(TestThumbnailCache)
#include "tst_thumbnailcache.moc"

void TestThumbnailCache::longPicturesCutNotSqueezed()
{
    // A long screenshot: red at its top, blue below; and the same lying on its side.
    QImage tall(200, 5000, QImage::Format_RGB32);
    tall.fill(Qt::blue);
    for (int y = 0; y < 800; ++y)
        for (int x = 0; x < 200; ++x)
            tall.setPixel(x, y, qRgb(255, 0, 0));
    picture(QStringLiteral("tall"), tall);
    picture(QStringLiteral("wide"), tall.transformed(QTransform().rotate(-90)));
    ThumbnailCache cache(resolver());
    QSignalSpy ready(&cache, &ThumbnailCache::ready);
    cache.thumbnail(QStringLiteral("tall"), 320, 1.0);
    cache.thumbnail(QStringLiteral("wide"), 320, 1.0);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, 5000);
    // Fitted whole it would be 12 x 320: half the square across, cut to the square's length.
    const ThumbnailCache::Thumbnail t = cache.thumbnail(QStringLiteral("tall"), 320, 1.0);
    QCOMPARE(t.size, QSize(200, 5000));
    QCOMPARE(t.image.size(), QSize(160, 320));
    QCOMPARE(t.pixels, QSize(160, 320));
    // Its top: the first 640 of 4000 scaled rows are red.
    QCOMPARE(t.image.pixelColor(80, 10), QColor(Qt::red));
    QCOMPARE(t.image.pixelColor(80, 300), QColor(Qt::red));
    const ThumbnailCache::Thumbnail w = cache.thumbnail(QStringLiteral("wide"), 320, 1.0);
    QCOMPARE(w.image.size(), QSize(320, 160));
    // Rotated a quarter left, the red top is now at its left.
    QCOMPARE(w.image.pixelColor(10, 80), QColor(Qt::red));
}
