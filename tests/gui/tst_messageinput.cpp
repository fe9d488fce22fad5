// The chat input with pictures on the offscreen platform: pasted and dropped pictures shown as
// thumbnails, what is sent (text, positions, bytes), refusals, and the screenshot overlay's
// region in device pixels.
#include "messageinput.h"
#include "screenshottool.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QImageReader>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace lanpigeon;
using namespace lanpigeon::ui;

namespace {
QImage solid(QSize size, QColor color)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(color);
    return image;
}

// Every pixel different from its neighbours, so that an offset by one shows.
QImage pattern(QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    for (int y = 0; y < size.height(); ++y) {
        for (int x = 0; x < size.width(); ++x)
            image.setPixel(x, y, qRgb(x % 251, y % 241, (x * 7 + y * 13) % 256));
    }
    return image;
}

QImage decode(const QByteArray &bytes)
{
    QImage image = QImage::fromData(bytes);
    return image.convertToFormat(QImage::Format_RGB32);
}

QByteArray encode(const QImage &image, const char *format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

// Qt writes no GIF: the classic 1x1 red one.
const QByteArray OnePixelGif = QByteArray::fromHex("474946383961010001008000"
                                                   "00ff0000000000"
                                                   "21f9040000000000"
                                                   "2c000000000100010000"
                                                   "02024401003b");

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (const char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QString writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void paste(MessageInput *input, const QImage &image)
{
    auto *mime = new QMimeData;
    mime->setImageData(image);
    QGuiApplication::clipboard()->setMimeData(mime);
    QTest::keyClick(input, Qt::Key_V, Qt::ControlModifier);
}

bool waitReady(MessageInput *input)
{
    return QTest::qWaitFor([input] { return !input->picturesPending(); }, 5000);
}

void drop(QWidget *target, const QStringList &paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    const QPointF at(10, 10);
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QDragMoveEvent move(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    QDropEvent dropped(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropped);
}

void mouse(QWidget *widget, QEvent::Type type, QPointF at, Qt::MouseButton button)
{
    const Qt::MouseButtons held = type == QEvent::MouseButtonRelease ? Qt::NoButton : button;
    QMouseEvent event(type, at, widget->mapToGlobal(at), button, held, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}
} // namespace

class TestMessageInput : public QObject
{
    Q_OBJECT

private slots:
    void pastedImageShowsAsThumbnailAndGoesAsPng();
    void picturesKeepTheirPlacesInTheText();
    void backspaceRemovesAPicture();
    void droppedPictureFilesGoAsTheirOwnBytes();
    void droppedOtherFilesAreStillOffered();
    void pictureButtonRefusesWhatItCannotSend();
    void bmpGoesInAsTheDecoderTakesIt();
    void damagedPictureIsTakenOutAgain();
    void officeCopyPastesText();
    void pasteKeepsTheWindowResponsive();
    void overlayTakesTheDraggedRegionInDevicePixels_data();
    void overlayTakesTheDraggedRegionInDevicePixels();
    void overlayEscCancelsAndDoubleClickTakes();
};

void TestMessageInput::pastedImageShowsAsThumbnailAndGoesAsPng()
{
    MessageInput input;
    input.resize(400, 200);
    input.show();
    const QImage image = pattern(QSize(800, 600));
    paste(&input, image);
    QCOMPARE(input.pictureCount(), 1);
    QVERIFY(waitReady(&input));
    const QList<QImage> thumbnails = input.thumbnails();
    QCOMPARE(thumbnails.size(), 1);
    QVERIFY(!thumbnails[0].isNull());
    const qreal ratio = input.devicePixelRatioF();
    // Scaled to fit the thumbnail box in device pixels, keeping its shape (4:3).
    const QSize thumbnail = thumbnails[0].size();
    QCOMPARE(thumbnail.height(), qRound(MessageInput::ThumbnailHeight * ratio));
    QVERIFY2(qAbs(thumbnail.width() * 3 - thumbnail.height() * 4) <= 4,
             qPrintable(QStringLiteral("%1x%2").arg(thumbnail.width()).arg(thumbnail.height())));
    const MessageInput::Content content = input.content();
    QVERIFY(content.text.isEmpty());
    QCOMPARE(content.pictures.size(), 1);
    QCOMPARE(content.pictures[0].position, 0);
    QVERIFY(content.pictures[0].bytes.startsWith("\x89PNG\r\n\x1a\n"));
    QCOMPARE(decode(content.pictures[0].bytes), image);
    // The box paints the thumbnail, not the grey box that stood for it.
    QTRY_VERIFY(input.viewport()->grab().toImage().pixelColor(10, 10) != QColor(0xd0, 0xd0, 0xd0));
}

void TestMessageInput::picturesKeepTheirPlacesInTheText()
{
    MessageInput input;
    input.show();
    const QImage red = solid(QSize(30, 20), Qt::red);
    const QImage green = solid(QSize(40, 20), Qt::green);
    const QImage blue = solid(QSize(50, 20), Qt::blue);
    QTest::keyClicks(&input, QStringLiteral("  Hi "));
    paste(&input, red);
    QTest::keyClicks(&input, QStringLiteral("and"));
    paste(&input, green);
    paste(&input, blue);
    QTest::keyClicks(&input, QStringLiteral(" end  "));
    QVERIFY(waitReady(&input));
    const MessageInput::Content content = input.content();
    QCOMPARE(content.text, QStringLiteral("Hi and end"));
    QCOMPARE(input.text(), QStringLiteral("Hi and end"));
    QCOMPARE(content.pictures.size(), 3);
    // "Hi " then red: 3; "Hi and" plus red before it: 7; then blue right after green: 8.
    QCOMPARE(content.pictures[0].position, 3);
    QCOMPARE(content.pictures[1].position, 7);
    QCOMPARE(content.pictures[2].position, 8);
    QCOMPARE(decode(content.pictures[0].bytes), red);
    QCOMPARE(decode(content.pictures[1].bytes), green);
    QCOMPARE(decode(content.pictures[2].bytes), blue);
    QCOMPARE(input.thumbnails().size(), 3);

    // A second line: the line break counts as one unit, as in the text sent.
    QTest::keyClick(&input, Qt::Key_Return, Qt::ControlModifier);
    paste(&input, red);
    QVERIFY(waitReady(&input));
    const MessageInput::Content two = input.content();
    QCOMPARE(two.text, QStringLiteral("Hi and end  \n"));
    QCOMPARE(two.pictures.size(), 4);
    QCOMPARE(two.pictures[3].position, 3 + 3 + 4 + 2 + 1 + 3);
}

void TestMessageInput::backspaceRemovesAPicture()
{
    MessageInput input;
    input.show();
    paste(&input, solid(QSize(30, 20), Qt::red));
    QTest::keyClicks(&input, QStringLiteral("x"));
    paste(&input, solid(QSize(30, 20), Qt::green));
    QVERIFY(waitReady(&input));
    QCOMPARE(input.pictureCount(), 2);
    QTest::keyClick(&input, Qt::Key_Backspace);
    QCOMPARE(input.pictureCount(), 1);
    MessageInput::Content content = input.content();
    QCOMPARE(content.text, QStringLiteral("x"));
    QCOMPARE(decode(content.pictures[0].bytes), solid(QSize(30, 20), Qt::red));
    // Delete before the first one takes it too, and Ctrl+Z brings it back with its bytes.
    QTest::keyClick(&input, Qt::Key_Home);
    QTest::keyClick(&input, Qt::Key_Delete);
    QCOMPARE(input.pictureCount(), 0);
    QCOMPARE(input.content().text, QStringLiteral("x"));
    QTest::keyClick(&input, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(input.pictureCount(), 1);
    QCOMPARE(decode(input.content().pictures[0].bytes), solid(QSize(30, 20), Qt::red));

    // Cut and pasted elsewhere in the box, a picture moves with its bytes.
    QTest::keyClick(&input, Qt::Key_Home);
    QTest::keyClick(&input, Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(&input, Qt::Key_X, Qt::ControlModifier);
    QCOMPARE(input.pictureCount(), 0);
    QTest::keyClick(&input, Qt::Key_End);
    QTest::keyClick(&input, Qt::Key_V, Qt::ControlModifier);
    QTest::keyClick(&input, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(input.pictureCount(), 2);
    content = input.content();
    QCOMPARE(content.text, QStringLiteral("x"));
    QCOMPARE(content.pictures[0].position, 1);
    QCOMPARE(content.pictures[1].position, 2);
    QCOMPARE(decode(content.pictures[1].bytes), solid(QSize(30, 20), Qt::red));
    // Pasted into another chat's box, where those pictures are not: the words only.
    MessageInput other;
    other.show();
    QTest::keyClick(&other, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(other.pictureCount(), 0);
    QCOMPARE(other.toPlainText(), QString());

    input.clear();
    QCOMPARE(input.pictureCount(), 0);
    QVERIFY(input.content().isEmpty());
}

void TestMessageInput::droppedPictureFilesGoAsTheirOwnBytes()
{
    QTemporaryDir dir;
    const QImage image = pattern(QSize(300, 200));
    const QByteArray jpeg = encode(image, "JPEG");
    const QByteArray gif = OnePixelGif;
    const QByteArray webp = encode(image, "webp");
    QVERIFY(!jpeg.isEmpty() && !gif.isEmpty() && !webp.isEmpty());
    // Names say nothing: the bytes do.
    const QString a = writeFile(dir.filePath(QStringLiteral("photo")), jpeg);
    const QString b = writeFile(dir.filePath(QStringLiteral("anim.gif")), gif);
    const QString c = writeFile(dir.filePath(QStringLiteral("pic.webp")), webp);
    MessageInput input;
    input.show();
    QSignalSpy offered(&input, &MessageInput::filesDropped);
    drop(input.viewport(), {a, b, c});
    QCOMPARE(input.pictureCount(), 3);
    QVERIFY(waitReady(&input));
    QCOMPARE(offered.size(), 0);
    const MessageInput::Content content = input.content();
    QCOMPARE(content.pictures.size(), 3);
    QCOMPARE(content.pictures[0].bytes, jpeg);
    QCOMPARE(content.pictures[1].bytes, gif);
    QCOMPARE(content.pictures[2].bytes, webp);
    QCOMPARE(content.pictures[0].position, 0);
    QCOMPARE(content.pictures[2].position, 2);
    for (const QImage &thumbnail : input.thumbnails())
        QVERIFY(!thumbnail.isNull());
}

void TestMessageInput::droppedOtherFilesAreStillOffered()
{
    QTemporaryDir dir;
    const QString notes = writeFile(dir.filePath(QStringLiteral("notes.txt")), "hello");
    // Named like a picture but not one: a file to offer, not a picture.
    const QString fake = writeFile(dir.filePath(QStringLiteral("fake.png")), "not a png");
    const QString png =
        writeFile(dir.filePath(QStringLiteral("real.png")), encode(pattern({50, 40}), "PNG"));
    MessageInput input;
    input.show();
    QSignalSpy offered(&input, &MessageInput::filesDropped);
    drop(input.viewport(), {notes, png, fake, dir.path()});
    QCOMPARE(offered.size(), 1);
    QCOMPARE(offered[0][0].toStringList(), (QStringList{notes, fake, dir.path()}));
    QCOMPARE(input.pictureCount(), 1);
}

void TestMessageInput::pictureButtonRefusesWhatItCannotSend()
{
    QTemporaryDir dir;
    const QString text = writeFile(dir.filePath(QStringLiteral("a.png")), "plain text");
    QByteArray big = encode(pattern({20, 20}), "PNG");
    big.append(QByteArray(10 * 1024 * 1024, '\0'));
    const QString huge = writeFile(dir.filePath(QStringLiteral("huge.png")), big);
    MessageInput input;
    QSignalSpy refused(&input, &MessageInput::pictureRefused);
    QVERIFY(!input.insertPictureFile(text));
    QVERIFY(!input.insertPictureFile(huge));
    QVERIFY(!input.insertPictureFile(dir.filePath(QStringLiteral("missing.png"))));
    QCOMPARE(refused.size(), 3);
    QVERIFY(refused[0][0].toString().contains(QStringLiteral("a.png")));
    QVERIFY2(refused[1][0].toString().contains(QStringLiteral("10 MiB")),
             qPrintable(refused[1][0].toString()));
    QCOMPARE(input.pictureCount(), 0);
    // The limit the profile sets.
    const QString small =
        writeFile(dir.filePath(QStringLiteral("small.png")), encode(pattern({50, 50}), "PNG"));
    input.setMaxPictureBytes(100);
    QVERIFY(!input.insertPictureFile(small));
    input.setMaxPictureBytes(1024 * 1024);
    QVERIFY(input.insertPictureFile(small));
}

void TestMessageInput::bmpGoesInAsTheDecoderTakesIt()
{
    QTemporaryDir dir;
    const QByteArray bmp = encode(pattern({300, 200}), "BMP");
    const QString whole = writeFile(dir.filePath(QStringLiteral("shot.bmp")), bmp);
    // Qt's own reader would show this one with its missing rows blank; the decoder refuses it.
    const QString cut =
        writeFile(dir.filePath(QStringLiteral("cut.bmp")), bmp.left(bmp.size() / 2));
    MessageInput input;
    input.show();
    QSignalSpy refused(&input, &MessageInput::pictureRefused);
    QVERIFY(MessageInput::isPictureFile(whole));
    QVERIFY(input.insertPictureFile(whole));
    QVERIFY(input.insertPictureFile(cut));
    QVERIFY(waitReady(&input));
    QCOMPARE(refused.size(), 1);
    QVERIFY2(refused[0][0].toString().contains(QStringLiteral("cut.bmp")),
             qPrintable(refused[0][0].toString()));
    QCOMPARE(input.pictureCount(), 1);
    const MessageInput::Content content = input.content();
    QCOMPARE(content.pictures.size(), 1);
    QCOMPARE(content.pictures[0].bytes, bmp);
    const QList<QImage> thumbnails = input.thumbnails();
    QCOMPARE(thumbnails.size(), 1);
    QVERIFY(!thumbnails[0].isNull());
    QVERIFY(thumbnails[0].width() <=
            MessageInput::ThumbnailWidth * thumbnails[0].devicePixelRatio());
}

void TestMessageInput::damagedPictureIsTakenOutAgain()
{
    QTemporaryDir dir;
    const QByteArray png = encode(pattern({400, 300}), "PNG");
    const QString truncated =
        writeFile(dir.filePath(QStringLiteral("cut.png")), png.left(png.size() / 3));
    // A picture that claims 20000 px a side: refused before anything is decoded.
    QByteArray wide = encode(solid({1, 1}, Qt::black), "PNG");
    wide.replace(16, 8, QByteArray::fromHex("00004e2000004e20"));
    const quint32 crc = crc32(wide.mid(12, 17));
    const char be[4] = {char(crc >> 24), char(crc >> 16), char(crc >> 8), char(crc)};
    wide.replace(29, 4, QByteArray(be, 4));
    const QString bomb = writeFile(dir.filePath(QStringLiteral("bomb.png")), wide);
    MessageInput input;
    input.show();
    QTest::keyClicks(&input, QStringLiteral("ab"));
    QSignalSpy refused(&input, &MessageInput::pictureRefused);
    QVERIFY(input.insertPictureFile(truncated));
    input.insertPictureFile(bomb);
    QTRY_COMPARE(refused.size(), 2);
    QCOMPARE(input.pictureCount(), 0);
    QCOMPARE(input.toPlainText(), QStringLiteral("ab"));
    const QString why = refused[0][0].toString() + refused[1][0].toString();
    QVERIFY2(why.contains(QStringLiteral("cut.png")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("16384")), qPrintable(why));
}

void TestMessageInput::officeCopyPastesText()
{
    MessageInput input;
    input.show();
    auto *mime = new QMimeData;
    mime->setImageData(solid({30, 20}, Qt::red));
    mime->setText(QStringLiteral("A1\tB1"));
    QGuiApplication::clipboard()->setMimeData(mime);
    QTest::keyClick(&input, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(input.pictureCount(), 0);
    QCOMPARE(input.text(), QStringLiteral("A1\tB1"));

    // Where pictures cannot go (the group message), a picture on the clipboard is not pasted.
    MessageInput textOnly;
    textOnly.setPicturesAllowed(false);
    textOnly.show();
    paste(&textOnly, solid({30, 20}, Qt::red));
    QCOMPARE(textOnly.pictureCount(), 0);
}

void TestMessageInput::pasteKeepsTheWindowResponsive()
{
    MessageInput input;
    input.show();
    // A noisy 1920x1080 screenshot: slow to encode as PNG.
    QImage screen(1920, 1080, QImage::Format_RGB32);
    quint32 seed = 1;
    for (int y = 0; y < screen.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(screen.scanLine(y));
        for (int x = 0; x < screen.width(); ++x) {
            seed = seed * 1664525u + 1013904223u;
            line[x] = 0xff000000u | (seed >> 8);
        }
    }
    auto *mime = new QMimeData;
    mime->setImageData(screen);
    QGuiApplication::clipboard()->setMimeData(mime);
    QElapsedTimer clock;
    clock.start();
    QTest::keyClick(&input, Qt::Key_V, Qt::ControlModifier);
    const qint64 pasteMs = clock.elapsed();
    QVERIFY(input.picturesPending());
    QVERIFY(waitReady(&input));
    const qint64 readyMs = clock.elapsed();
    qInfo("1920x1080 paste: %lld ms on the GUI thread, PNG ready after %lld ms", pasteMs, readyMs);
    // The encoding, tens of ms at least, ran elsewhere.
    QVERIFY2(pasteMs < readyMs, qPrintable(QStringLiteral("%1 %2").arg(pasteMs).arg(readyMs)));
    QCOMPARE(decode(input.content().pictures.value(0).bytes), screen);
}

void TestMessageInput::overlayTakesTheDraggedRegionInDevicePixels_data()
{
    QTest::addColumn<qreal>("ratio");
    QTest::newRow("1x") << 1.0;
    QTest::newRow("2x") << 2.0;
    QTest::newRow("1.5x") << 1.5;
}

void TestMessageInput::overlayTakesTheDraggedRegionInDevicePixels()
{
    QFETCH(qreal, ratio);
    const QImage screen = pattern(QSize(600, 450));
    QPixmap frozen = QPixmap::fromImage(screen);
    frozen.setDevicePixelRatio(ratio);
    auto *overlay = new ScreenshotOverlay(frozen);
    overlay->resize((QSizeF(screen.size()) / ratio).toSize());
    overlay->show();
    QSignalSpy taken(overlay, &ScreenshotOverlay::taken);
    // Dragged from bottom right to top left: the region is the same.
    mouse(overlay, QEvent::MouseButtonPress, QPointF(110, 90), Qt::LeftButton);
    mouse(overlay, QEvent::MouseMove, QPointF(60, 70), Qt::LeftButton);
    mouse(overlay, QEvent::MouseMove, QPointF(20, 30), Qt::LeftButton);
    mouse(overlay, QEvent::MouseButtonRelease, QPointF(20, 30), Qt::LeftButton);
    const QRect device(qRound(20 * ratio), qRound(30 * ratio), qRound(90 * ratio),
                       qRound(60 * ratio));
    QCOMPARE(overlay->deviceSelection(), device);
    QPointer<ScreenshotOverlay> alive(overlay);
    QTest::keyClick(overlay, Qt::Key_Return);
    QCOMPARE(taken.size(), 1);
    const QImage image = taken[0][0].value<QImage>();
    QCOMPARE(image.size(), device.size());
    QCOMPARE(image.convertToFormat(QImage::Format_RGB32), screen.copy(device));
    QTRY_VERIFY(!alive);
}

void TestMessageInput::overlayEscCancelsAndDoubleClickTakes()
{
    const QImage screen = pattern(QSize(300, 200));
    auto *overlay = new ScreenshotOverlay(QPixmap::fromImage(screen));
    overlay->resize(screen.size());
    overlay->show();
    QSignalSpy taken(overlay, &ScreenshotOverlay::taken);
    QSignalSpy cancelled(overlay, &ScreenshotOverlay::cancelled);
    QTest::keyClick(overlay, Qt::Key_Escape);
    QCOMPARE(cancelled.size(), 1);
    QTest::keyClick(overlay, Qt::Key_Return);
    QCOMPARE(taken.size(), 0);

    overlay = new ScreenshotOverlay(QPixmap::fromImage(screen));
    overlay->resize(screen.size());
    overlay->show();
    QSignalSpy taken2(overlay, &ScreenshotOverlay::taken);
    mouse(overlay, QEvent::MouseButtonPress, QPointF(10, 10), Qt::LeftButton);
    mouse(overlay, QEvent::MouseMove, QPointF(50, 40), Qt::LeftButton);
    mouse(overlay, QEvent::MouseButtonRelease, QPointF(50, 40), Qt::LeftButton);
    // Dragging inside the region moves it.
    mouse(overlay, QEvent::MouseButtonPress, QPointF(20, 20), Qt::LeftButton);
    mouse(overlay, QEvent::MouseMove, QPointF(120, 70), Qt::LeftButton);
    mouse(overlay, QEvent::MouseButtonRelease, QPointF(120, 70), Qt::LeftButton);
    QCOMPARE(overlay->deviceSelection(), QRect(110, 60, 40, 30));
    // The double-click's first press is inside: it does not start a new region.
    mouse(overlay, QEvent::MouseButtonPress, QPointF(130, 70), Qt::LeftButton);
    mouse(overlay, QEvent::MouseButtonRelease, QPointF(130, 70), Qt::LeftButton);
    mouse(overlay, QEvent::MouseButtonDblClick, QPointF(130, 70), Qt::LeftButton);
    QCOMPARE(taken2.size(), 1);
    QCOMPARE(taken2[0][0].value<QImage>().convertToFormat(QImage::Format_RGB32),
             screen.copy(110, 60, 40, 30));
}

QTEST_MAIN(TestMessageInput)
#include "tst_messageinput.moc"
