// Pictures in a conversation, offscreen: drawn inside their bubble at their place in the text
// (checked by the pixels of the view), a placeholder while one arrives, a mark saying why one
// cannot be shown, rows growing when a picture is decoded, a click opening the viewer, and
// the viewer's fit, 100 %, wheel zoom, copy and save.
#include "bubbledelegate.h"
#include "chatpage.h"
#include "chatwindow.h"
#include "mainwindow.h"
#include "messenger.h"
#include "models/conversationmodel.h"
#include "models/peermodel.h"
#include "pictureviewer.h"
#include "thumbnailcache.h"
#include "uisettings.h"
#include "windowtestnode.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QLabel>
#include <QListView>
#include <QProcess>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

using namespace lanpigeon;

namespace {

const QColor Magenta(255, 0, 255);
const QColor Teal(0, 170, 170);
// Apart from the other window tests' nodes.
constexpr quint16 Port = 34381;
const QString MyIp = QStringLiteral("127.0.0.81");
const QString TheirIp = QStringLiteral("127.0.0.82");

bool near(QRgb pixel, const QColor &colour)
{
    return std::abs(qRed(pixel) - colour.red()) < 12 &&
           std::abs(qGreen(pixel) - colour.green()) < 12 &&
           std::abs(qBlue(pixel) - colour.blue()) < 12;
}

// The pixels of that colour in image, and where they are.
struct Found
{
    int count = 0;
    QRect box;
};

Found find(const QImage &image, const QColor &colour)
{
    Found f;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            if (near(line[x], colour)) {
                ++f.count;
                f.box |= QRect(x, y, 1, 1);
            }
        }
    }
    return f;
}

ChatMessage message(const QString &id, const QString &text, const QList<ChatPicture> &pictures)
{
    ChatMessage m;
    m.id = id;
    m.peerId = QStringLiteral("127.0.0.2:2425");
    m.peerNick = QStringLiteral("小王");
    m.text = text;
    m.pictures = pictures;
    m.timestampMs = QDateTime::currentMSecsSinceEpoch();
    return m;
}

} // namespace

class TestChatPictures final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void positionsClamped();
    void drawnInsideTheBubble();
    void placeholderThenPicture();
    void wordsKeepTheirLineHeight();
    void failureMarks();
    void floodLaidOutWithoutDecodingAgain();
    void clickOpensTheViewer();
    void sharpOnHighDpi();
    void viewerFitZoomCopySave();
    void fromAPeerInTheWindow();

private:
    // A picture stored under its name as the profile stores it under its hash.
    void store(const QString &name, const QImage &image, const char *format = "PNG");
    QImage grab();

    QTemporaryDir m_dir;
    QListView *m_view = nullptr;
    ConversationModel *m_model = nullptr;
    ui::BubbleDelegate *m_delegate = nullptr;
    imaging::ThumbnailCache *m_cache = nullptr;
};

void TestChatPictures::initTestCase()
{
    QImage magenta(640, 320, QImage::Format_RGB32);
    magenta.fill(Magenta);
    store(QStringLiteral("magenta"), magenta);
    QFile junk(m_dir.filePath(QStringLiteral("junk")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("<html>not a picture</html>");
}

void TestChatPictures::store(const QString &name, const QImage &image, const char *format)
{
    QVERIFY(image.save(m_dir.filePath(name), format));
}

void TestChatPictures::init()
{
    m_view = new QListView;
    m_model = new ConversationModel(QStringLiteral("127.0.0.2:2425"), m_view);
    m_cache = new imaging::ThumbnailCache(
        [dir = m_dir.path()](const QString &sha256) {
            const QString path = dir + QLatin1Char('/') + sha256;
            return QFile::exists(path) ? path : QString();
        },
        {}, m_view);
    m_delegate = new ui::BubbleDelegate(QStringLiteral("Me"), m_view);
    m_delegate->setThumbnails(m_cache);
    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->resize(640, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestChatPictures::cleanup()
{
    delete m_view;
    m_view = nullptr;
}

QImage TestChatPictures::grab()
{
    QApplication::processEvents();
    return m_view->viewport()->grab().toImage();
}

void TestChatPictures::positionsClamped()
{
    using P = QList<ChatPicture>;
    const auto at = [](int position) { return ChatPicture{position, {}, PictureState::Ready, {}}; };
    // Each earlier picture counts one: "ab[0]cd[1]" is positions 2 and 5.
    QCOMPARE(ui::BubbleDelegate::pictureOffsets(QStringLiteral("abcd"), P{at(2), at(5)}),
             (QList<int>{2, 4}));
    // Past the end, negative, out of order: clamped, in order.
    QCOMPARE(ui::BubbleDelegate::pictureOffsets(QStringLiteral("ab"), P{at(99), at(-5)}),
             (QList<int>{2, 2}));
    QCOMPARE(ui::BubbleDelegate::pictureOffsets(QStringLiteral("abc"), P{at(-1), at(1)}),
             (QList<int>{0, 0}));
    // Never between the halves of a surrogate pair.
    QCOMPARE(ui::BubbleDelegate::pictureOffsets(QStringLiteral("a😀b"), P{at(2)}), (QList<int>{1}));
    QCOMPARE(ui::BubbleDelegate::pictureOffsets({}, P{at(3)}), (QList<int>{0}));
}

void TestChatPictures::drawnInsideTheBubble()
{
    m_model->addOrUpdate(
        message(QStringLiteral("m1"), QStringLiteral("before after"),
                {ChatPicture{7, QStringLiteral("magenta"), PictureState::Ready, {}}}));
    // Decoded off the GUI thread, then the row is laid out again and painted.
    QTRY_VERIFY_WITH_TIMEOUT(find(grab(), Magenta).count > 0, 5000);
    QTRY_COMPARE(m_cache->pending(), 0);
    const QImage shot = grab();
    const Found f = find(shot, Magenta);
    // 640 x 320 shown at most 320 logical pixels wide, and narrower only to fit the bubble.
    QVERIFY2(f.box.width() >= 300 && f.box.width() <= 321,
             qPrintable(QString::number(f.box.width())));
    QCOMPARE(f.box.height(), (f.box.width() + 1) / 2);
    QVERIFY(f.count >= f.box.width() * f.box.height() * 95 / 100);
    // Inside the row's rectangle, and the row is tall enough for it.
    const QRect row = m_view->visualRect(m_model->index(0));
    QVERIFY2(row.contains(f.box),
             qPrintable(QStringLiteral("%1 %2").arg(row.height()).arg(f.box.height())));
    // In the bubble: the bubble's fill right around the picture, not the view's backdrop.
    const QColor backdrop = m_view->viewport()->palette().color(QPalette::Base);
    const QColor left = shot.pixelColor(f.box.left() - 3, f.box.center().y());
    const QColor bubble = shot.pixelColor(f.box.left() - 3, f.box.top() - 2);
    QCOMPARE(left, bubble);
    QVERIFY(m_delegate->pictureNote(m_model->index(0), 0).isEmpty());
    Q_UNUSED(backdrop);
}

void TestChatPictures::placeholderThenPicture()
{
    m_model->addOrUpdate(message(QStringLiteral("m2"), QStringLiteral("look"),
                                 {ChatPicture{4, {}, PictureState::Arriving, {}}}));
    QCOMPARE(m_delegate->pictureNote(m_model->index(0), 0), QStringLiteral("picture arriving…"));
    QApplication::processEvents();
    const int arrivingHeight = m_view->visualRect(m_model->index(0)).height();
    // Room for the placeholder already: 120 pixels and the bubble around them.
    QVERIFY2(arrivingHeight > 120, qPrintable(QString::number(arrivingHeight)));
    QCOMPARE(find(grab(), Magenta).count, 0);

    m_model->setPicture(QStringLiteral("m2"), 0,
                        ChatPicture{4, QStringLiteral("magenta"), PictureState::Ready, {}});
    QTRY_VERIFY_WITH_TIMEOUT(find(grab(), Magenta).count > 10000, 5000);
    // The row grew to the picture's height (160 and more, against the placeholder's 120).
    QTRY_VERIFY(m_view->visualRect(m_model->index(0)).height() >= arrivingHeight + 30);
    QVERIFY(m_view->visualRect(m_model->index(0)).contains(find(grab(), Magenta).box));
}

void TestChatPictures::wordsKeepTheirLineHeight()
{
    const QString words = QStringLiteral("And this is how your chat looks 👍");
    const auto magenta = [](int position) {
        return ChatPicture{position, QStringLiteral("magenta"), PictureState::Ready, {}};
    };
    m_model->addOrUpdate(message(QStringLiteral("alone"), QString(), {magenta(0)}));
    m_model->addOrUpdate(message(QStringLiteral("after"), words, {magenta(int(words.size()))}));
    m_model->addOrUpdate(
        message(QStringLiteral("between"), words + words, {magenta(int(words.size()))}));
    QTRY_COMPARE(m_cache->pending(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(find(grab(), Magenta).count > 10000, 5000);
    const auto height = [this](int row) {
        return m_view->visualRect(m_model->index(row)).height();
    };
    const int line = QFontMetrics(m_view->font()).lineSpacing();
    // A line of words above the picture adds a line, not a line as tall as the picture (160).
    QVERIFY2(height(1) - height(0) <= line * 3 / 2 + 2,
             qPrintable(QStringLiteral("%1 %2 %3").arg(height(0)).arg(height(1)).arg(line)));
    QVERIFY2(height(2) - height(0) <= line * 3 + 4,
             qPrintable(QStringLiteral("%1 %2 %3").arg(height(0)).arg(height(2)).arg(line)));
}

void TestChatPictures::failureMarks()
{
    m_model->addOrUpdate(
        message(QStringLiteral("m3"), QStringLiteral("three"),
                {ChatPicture{0, {}, PictureState::Failed, QStringLiteral("too large")},
                 ChatPicture{1, QStringLiteral("junk"), PictureState::Ready, {}},
                 ChatPicture{2, QStringLiteral("gone"), PictureState::Ready, {}}}));
    QCOMPARE(m_delegate->pictureNote(m_model->index(0), 0),
             QStringLiteral("Picture did not arrive: too large"));
    QTRY_COMPARE_WITH_TIMEOUT(m_delegate->pictureNote(m_model->index(0), 1),
                              QStringLiteral("Picture could not be shown: not a picture"), 5000);
    QTRY_COMPARE(m_delegate->pictureNote(m_model->index(0), 2),
                 QStringLiteral("Picture could not be shown: damaged or incomplete"));
    // The marks are text in the error colour inside the bubble.
    const QImage shot = grab();
    const QRect row = m_view->visualRect(m_model->index(0));
    int reddish = 0;
    for (int y = row.top(); y <= row.bottom(); ++y)
        for (int x = row.left(); x <= row.right(); ++x) {
            const QColor c = shot.pixelColor(x, y);
            reddish += c.red() > 120 && c.green() < 90 && c.blue() < 90;
        }
    QVERIFY2(reddish > 100, qPrintable(QString::number(reddish)));
}

void TestChatPictures::floodLaidOutWithoutDecodingAgain()
{
    // Pixels for about ten thumbnails, and sixty pictures: the rows out of sight lose theirs.
    m_cache->setCapacityKiB(2000);
    QSignalSpy ready(m_cache, &imaging::ThumbnailCache::ready);
    for (int i = 0; i < 60; ++i) {
        QImage picture(400, 200, QImage::Format_RGB32);
        picture.fill(QColor(i, 255 - i, 128));
        store(QStringLiteral("flood%1").arg(i), picture);
        m_model->addOrUpdate(
            message(QStringLiteral("f%1").arg(i), QStringLiteral("flood %1").arg(i),
                    {ChatPicture{0, QStringLiteral("flood%1").arg(i), PictureState::Ready, {}}}));
    }
    m_view->scrollToBottom();
    QTRY_VERIFY_WITH_TIMEOUT(ready.size() >= 60 && m_cache->pending() == 0, 20000);
    // Every row has its picture's height, and laying them out again decodes nothing.
    for (int row = 0; row < 60; ++row)
        QVERIFY(m_view->visualRect(m_model->index(row)).height() >= 160);
    const qsizetype decoded = ready.size();
    m_view->doItemsLayout();
    QTest::qWait(300);
    QCOMPARE(m_cache->pending(), 0);
    QCOMPARE(ready.size(), decoded);
    // The rows in sight get their pixels back.
    m_view->scrollToBottom();
    QTRY_VERIFY_WITH_TIMEOUT(find(grab(), QColor(59, 196, 128)).count > 10000, 5000);
}

void TestChatPictures::clickOpensTheViewer()
{
    m_model->addOrUpdate(
        message(QStringLiteral("m4"), QStringLiteral("click"),
                {ChatPicture{5, QStringLiteral("magenta"), PictureState::Ready, {}}}));
    QSignalSpy activated(m_delegate, &ui::BubbleDelegate::pictureActivated);
    ui::PictureViewer *viewer = nullptr;
    connect(m_delegate, &ui::BubbleDelegate::pictureActivated, m_view, [&](const QString &sha256) {
        viewer = new ui::PictureViewer(m_dir.filePath(sha256), {}, m_view);
        viewer->show();
    });
    QTRY_VERIFY_WITH_TIMEOUT(find(grab(), Magenta).count > 10000, 5000);
    const Found f = find(grab(), Magenta);
    // A click on the text is not a click on the picture.
    const QRect row = m_view->visualRect(m_model->index(0));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      QPoint(f.box.left() - 20, row.top() + 2));
    QCOMPARE(activated.size(), 0);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, f.box.center());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("magenta"));
    QVERIFY(viewer);
    QSignalSpy loaded(viewer, &ui::PictureViewer::loaded);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(viewer->image().size(), QSize(640, 320));
    QVERIFY(viewer->isVisible());
}

void TestChatPictures::sharpOnHighDpi()
{
    const qreal ratio = m_view->devicePixelRatioF();
    if (ratio < 2) {
        if (qEnvironmentVariableIsSet("QT_SCALE_FACTOR"))
            QFAIL("QT_SCALE_FACTOR is set, yet the device pixel ratio is below 2");
        // The scale is fixed when the application starts: this case runs again in a child at 2.
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_SCALE_FACTOR"), QStringLiteral("2"));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("sharpOnHighDpi")});
        QVERIFY(child.waitForFinished(60000));
        const QByteArray output = child.readAll();
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
                 output.constData());
        QVERIFY2(output.contains("PASS   : TestChatPictures::sharpOnHighDpi()"),
                 output.constData());
        return;
    }
    // One-pixel stripes, 640 wide: shown 320 logical pixels wide, each stripe one screen pixel.
    QImage stripes(640, 320, QImage::Format_RGB32);
    for (int x = 0; x < stripes.width(); ++x)
        for (int y = 0; y < stripes.height(); ++y)
            stripes.setPixelColor(x, y, x % 2 ? QColor(Qt::black) : QColor(Magenta));
    store(QStringLiteral("stripes"), stripes);
    m_model->addOrUpdate(
        message(QStringLiteral("m5"), QStringLiteral("sharp"),
                {ChatPicture{5, QStringLiteral("stripes"), PictureState::Ready, {}}}));
    QTRY_VERIFY_WITH_TIMEOUT(find(grab(), Magenta).count > 0, 5000);
    QTRY_COMPARE(m_cache->pending(), 0);
    const QImage shot = grab();
    QCOMPARE(shot.devicePixelRatio(), ratio);
    const Found f = find(shot, Magenta);
    // Every other screen pixel is pure magenta: drawn pixel for pixel, not blurred to grey.
    QVERIFY2(f.box.width() >= 630, qPrintable(QString::number(f.box.width())));
    QVERIFY2(
        f.count >= f.box.width() * f.box.height() * 45 / 100,
        qPrintable(QStringLiteral("%1 of %2").arg(f.count).arg(f.box.width() * f.box.height())));
}

void TestChatPictures::viewerFitZoomCopySave()
{
    QImage picture(1600, 1200, QImage::Format_RGB32);
    picture.fill(Qt::darkGreen);
    picture.setPixelColor(0, 0, Qt::red);
    store(QStringLiteral("big"), picture);
    ui::PictureViewer viewer(m_dir.filePath(QStringLiteral("big")));
    viewer.setAttribute(Qt::WA_DeleteOnClose, false);
    viewer.resize(800, 600);
    viewer.show();
    QSignalSpy loaded(&viewer, &ui::PictureViewer::loaded);
    QVERIFY(loaded.wait(5000));
    QVERIFY(viewer.error().isEmpty());
    // Fit: the whole picture in the window.
    QVERIFY(viewer.fitsWindow());
    QVERIFY2(viewer.zoom() < 0.5 && viewer.zoom() > 0.3,
             qPrintable(QString::number(viewer.zoom())));
    auto *area = viewer.findChild<QScrollArea *>();
    QVERIFY(area);
    QVERIFY(area->widget()->width() <= area->viewport()->width());
    QVERIFY(area->widget()->height() <= area->viewport()->height());
    // 100 %: one picture pixel per screen pixel.
    viewer.showActualSize();
    QCOMPARE(viewer.zoom(), 1.0);
    QVERIFY(!viewer.fitsWindow());
    QCOMPARE(area->widget()->size(), QSize(1600, 1200));
    // The wheel zooms in a step and out again.
    const QPointF at(100, 100);
    QWheelEvent up(at, area->viewport()->mapToGlobal(at), {}, QPoint(0, 120), Qt::NoButton,
                   Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(area->viewport(), &up);
    QCOMPARE(viewer.zoom(), 1.25);
    QCOMPARE(area->widget()->size(), QSize(2000, 1500));
    QWheelEvent down(at, area->viewport()->mapToGlobal(at), {}, QPoint(0, -240), Qt::NoButton,
                     Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(area->viewport(), &down);
    QCOMPARE(viewer.zoom(), 0.8);
    // Back to fit when the window changes.
    viewer.fitToWindow();
    QVERIFY(viewer.zoom() < 0.5);
    // Copy puts the picture itself on the clipboard.
    QApplication::clipboard()->clear();
    viewer.copyToClipboard();
    const QImage copied = QApplication::clipboard()->image();
    QCOMPARE(copied.size(), QSize(1600, 1200));
    QCOMPARE(copied.pixelColor(0, 0), QColor(Qt::red));
    QCOMPARE(copied.pixelColor(10, 10), QColor(Qt::darkGreen));
    // A file that is no picture says so, and offers nothing to copy.
    ui::PictureViewer junk(m_dir.filePath(QStringLiteral("junk")));
    junk.setAttribute(Qt::WA_DeleteOnClose, false);
    QSignalSpy junkLoaded(&junk, &ui::PictureViewer::loaded);
    QVERIFY(junkLoaded.wait(5000));
    QVERIFY(junk.image().isNull());
    QVERIFY(!junk.error().isEmpty());
    QVERIFY(junk.findChild<QLabel *>()->text().contains(
        QStringLiteral("Picture could not be shown: not a picture")));
    // Save as writes the picture's own bytes.
    const QString target = m_dir.filePath(QStringLiteral("saved.png"));
    QVERIFY(viewer.saveTo(target));
    QFile a(target), b(m_dir.filePath(QStringLiteral("big")));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(a.readAll(), b.readAll());
    // Escape closes it: it has no Close button of its own.
    viewer.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&viewer));
    QTest::keyClick(&viewer, Qt::Key_Escape);
    QTRY_VERIFY(!viewer.isVisible());
}

void TestChatPictures::fromAPeerInTheWindow()
{
    QTemporaryDir dir;
    const QString myId = MyIp + QStringLiteral(":%1").arg(Port);
    const QString theirId = TheirIp + QStringLiteral(":%1").arg(Port);
    QImage teal(400, 200, QImage::Format_RGB32);
    teal.fill(Teal);
    QByteArray png;
    {
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(teal.save(&buffer, "PNG"));
    }
    const NodeConfig mine = test::windowTestNode(MyIp, Port, QStringLiteral("Me"), {}, TheirIp,
                                                 dir.filePath(QStringLiteral("me")));
    Messenger peer(test::windowTestNode(TheirIp, Port, QStringLiteral("小王"), {}, MyIp,
                                        dir.filePath(QStringLiteral("peer"))));
    {
        Messenger me(mine);
        ui::MainWindow window(&me, ui::UiSettings());
        window.show();
        me.start();
        peer.start();
        QTRY_VERIFY_WITH_TIMEOUT(me.peerModel()->find(theirId) && peer.peerModel()->find(myId),
                                 10000);
        window.openChat(theirId);
        ui::ChatPage *page = window.chatWindow()->page(theirId);
        QVERIFY(page);
        peer.sendMessage({myId}, QStringLiteral("see this"), false, {OutgoingPicture{4, png}});
        // The message first, its picture fetched after it, then decoded and drawn in its bubble.
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            find(page->view()->viewport()->grab().toImage(), Teal).count >= 300 * 150, 10000);
        const Found f = find(page->view()->viewport()->grab().toImage(), Teal);
        QVERIFY(page->view()->visualRect(page->model()->index(0)).contains(f.box));
        // A click opens it in the viewer, whole.
        QTest::mouseClick(page->view()->viewport(), Qt::LeftButton, {}, f.box.center());
        auto *viewer = page->findChild<ui::PictureViewer *>();
        QVERIFY(viewer);
        QTRY_COMPARE(viewer->image().size(), QSize(400, 200));
        QCOMPARE(viewer->image().pixelColor(200, 100), Teal);
        // A picture without a word gets its bubble too.
        peer.sendMessage({myId}, {}, false, {OutgoingPicture{0, png}});
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            page->view()
                ->visualRect(page->model()->index(1))
                .contains(find(page->view()->viewport()->grab().toImage(), Teal).box.bottomRight()),
            10000);
        QSignalSpy stopped(&me, &Messenger::stopped);
        me.shutdown();
        QVERIFY(stopped.wait(5000));
    }
    // After a restart the picture comes back with its message, from history.
    Messenger again(mine);
    ui::MainWindow window(&again, ui::UiSettings());
    window.show();
    again.start();
    window.openChat(theirId);
    ui::ChatPage *page = window.chatWindow()->page(theirId);
    QVERIFY(page);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        find(page->view()->viewport()->grab().toImage(), Teal).count >= 300 * 150, 10000);
}

QTEST_MAIN(TestChatPictures)
#include "tst_chatpictures.moc"
