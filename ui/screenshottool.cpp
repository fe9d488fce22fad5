#include "screenshottool.h"

#include <QApplication>
#include <QClipboard>
#include <QCursor>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScreen>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace lanpigeon::ui {

ScreenshotOverlay::ScreenshotOverlay(const QPixmap &screen, QWidget *parent)
    : QWidget(parent, Qt::Window | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint)
    , m_screen(screen)
    , m_image(screen.toImage())
{
    setObjectName(QStringLiteral("screenshotOverlay"));
    setWindowTitle(tr("Screenshot — LanPigeon"));
    setAttribute(Qt::WA_DeleteOnClose);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::CrossCursor);
}

ScreenshotOverlay::~ScreenshotOverlay() = default;

QRect ScreenshotOverlay::deviceSelection() const
{
    if (m_selection.isEmpty())
        return {};
    const qreal ratio = m_screen.devicePixelRatio();
    // Each edge rounded on its own, so that a region dragged on device pixel boundaries (as the
    // mouse moves on a scaled screen) comes out exact.
    const int left = int(std::lround(m_selection.left() * ratio));
    const int top = int(std::lround(m_selection.top() * ratio));
    const int right = int(std::lround(m_selection.right() * ratio));
    const int bottom = int(std::lround(m_selection.bottom() * ratio));
    return QRect(left, top, right - left, bottom - top).intersected(m_image.rect());
}

QImage ScreenshotOverlay::selectedImage() const
{
    const QRect device = deviceSelection();
    QImage image = device.isEmpty() ? m_image : m_image.copy(device);
    image.setDevicePixelRatio(1);
    return image;
}

void ScreenshotOverlay::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.drawPixmap(rect(), m_screen);
    // Outside the region dims, as in QQ and every other screenshot tool.
    QPainterPath dim;
    dim.addRect(rect());
    QPainterPath hole;
    hole.addRect(m_selection);
    painter.fillPath(dim.subtracted(hole), QColor(0, 0, 0, 110));
    QString hint;
    if (m_selection.isEmpty()) {
        hint = tr("Drag to select a region. Enter or double-click takes it (the whole screen if "
                  "none), Esc cancels.");
    } else {
        painter.setPen(QPen(QColor(0x1a, 0xad, 0x19), 0));
        painter.drawRect(m_selection);
        const QRect device = deviceSelection();
        hint = tr("%1 × %2").arg(device.width()).arg(device.height());
    }
    const QFontMetrics metrics(font());
    QRectF box = metrics.boundingRect(hint).adjusted(-6, -3, 6, 3);
    const QPointF at = m_selection.isEmpty() ? QPointF(width() / 2.0 - box.width() / 2, 12)
                                             : m_selection.topLeft() - QPointF(0, box.height() + 2);
    box.moveTopLeft(QPointF(std::max(0.0, at.x()), std::max(0.0, at.y())));
    painter.fillRect(box, QColor(0, 0, 0, 180));
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, hint);
}

void ScreenshotOverlay::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        cancel();
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    m_origin = event->position();
    if (m_selection.contains(m_origin)) {
        m_drag = Drag::Moving;
        m_moveStart = m_selection;
    } else {
        m_drag = Drag::Selecting;
        m_selection = QRectF();
    }
    update();
}

void ScreenshotOverlay::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF at = event->position();
    switch (m_drag) {
    case Drag::None:
        return;
    case Drag::Selecting:
        m_selection = QRectF(m_origin, at).normalized();
        break;
    case Drag::Moving: {
        QRectF moved = m_moveStart.translated(at - m_origin);
        // Kept on the screen.
        moved.moveLeft(std::clamp(moved.left(), 0.0, std::max(0.0, width() - moved.width())));
        moved.moveTop(std::clamp(moved.top(), 0.0, std::max(0.0, height() - moved.height())));
        m_selection = moved;
        break;
    }
    }
    update();
}

void ScreenshotOverlay::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_drag != Drag::None) {
        mouseMoveEvent(event);
        m_drag = Drag::None;
    }
}

void ScreenshotOverlay::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        take();
}

void ScreenshotOverlay::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
        cancel();
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        take();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void ScreenshotOverlay::take()
{
    if (m_done)
        return;
    m_done = true;
    const QImage image = selectedImage();
    close();
    emit taken(image);
}

void ScreenshotOverlay::cancel()
{
    if (m_done)
        return;
    m_done = true;
    close();
    emit cancelled();
}

ScreenshotTool::ScreenshotTool(bool hideOwnWindows, QObject *parent)
    : QObject(parent)
    , m_hide(hideOwnWindows)
{
}

ScreenshotTool::~ScreenshotTool()
{
    if (m_overlay)
        m_overlay->close();
    showHidden();
}

void ScreenshotTool::showHidden()
{
    for (const QPointer<QWidget> &window : std::as_const(m_hidden)) {
        if (window)
            window->show();
    }
    m_hidden.clear();
}

void ScreenshotTool::start()
{
    if (m_hide) {
        const auto windows = QApplication::topLevelWidgets();
        for (QWidget *window : windows) {
            if (window->isVisible() && !(window->windowType() == Qt::Popup) &&
                !(window->windowType() == Qt::ToolTip)) {
                m_hidden << window;
                window->hide();
            }
        }
    }
    // A menu or the button just pressed is still on the screen until the next paint.
    QTimer::singleShot(m_hide ? HideDelayMs : 80, this, &ScreenshotTool::freeze);
}

void ScreenshotTool::freeze()
{
    QScreen *screen = QGuiApplication::screenAt(QCursor::pos());
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    QPixmap shot = screen ? screen->grabWindow(0) : QPixmap();
    if (shot.isNull()) {
        finish({});
        return;
    }
    // Whatever ratio the platform set, this is the one that maps the overlay onto the pixels.
    shot.setDevicePixelRatio(qreal(shot.width()) / screen->geometry().width());
    m_overlay = new ScreenshotOverlay(shot);
    m_overlay->setGeometry(screen->geometry());
    connect(m_overlay, &ScreenshotOverlay::taken, this, &ScreenshotTool::finish);
    connect(m_overlay, &ScreenshotOverlay::cancelled, this, [this] { finish({}); });
    m_overlay->showFullScreen();
    m_overlay->raise();
    m_overlay->activateWindow();
    m_overlay->setFocus(Qt::ActiveWindowFocusReason);
    // Without a window manager giving it the focus, Enter and Esc would go elsewhere.
    m_overlay->grabKeyboard();
}

void ScreenshotTool::finish(const QImage &image)
{
    if (m_overlay)
        m_overlay->releaseKeyboard();
    showHidden();
    if (!image.isNull()) {
        QGuiApplication::clipboard()->setImage(image);
        emit taken(image);
    }
    emit finished();
    deleteLater();
}

} // namespace lanpigeon::ui
