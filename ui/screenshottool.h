// The screenshot tool: freezes the screen, lets the user drag out a region and hands it over.
#pragma once

#include <QImage>
#include <QPixmap>
#include <QPointer>
#include <QWidget>

namespace lanpigeon::ui {

// A full-screen overlay showing a frozen picture of the screen: drag a region (drag inside it to
// move it), Enter or double-click takes it, Esc or a right click cancels.
class ScreenshotOverlay final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotOverlay)

public:
    // screen: the screen in device pixels; its device pixel ratio says how many per logical one.
    explicit ScreenshotOverlay(const QPixmap &screen, QWidget *parent = nullptr);
    ~ScreenshotOverlay() override;

    // The region dragged out, in the overlay's logical coordinates; empty if none yet.
    QRectF selection() const { return m_selection; }
    // The same region in the frozen picture's device pixels.
    QRect deviceSelection() const;
    // Those pixels; the whole screen while nothing is selected.
    QImage selectedImage() const;

signals:
    void taken(const QImage &image);
    void cancelled();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    enum class Drag
    {
        None,
        Selecting,
        Moving
    };
    void take();
    void cancel();

    QPixmap m_screen;
    QImage m_image;
    QRectF m_selection;
    Drag m_drag = Drag::None;
    QPointF m_origin;
    QRectF m_moveStart;
    // taken() or cancelled() went out: nothing more happens.
    bool m_done = false;
};

// One screenshot from start to end: hides LanPigeon's own windows if asked, freezes the screen
// under the mouse, shows the overlay, and brings the windows back; deletes itself when done.
class ScreenshotTool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotTool)

public:
    // Long enough for a compositor to take hidden windows off the screen.
    static constexpr int HideDelayMs = 350;

    explicit ScreenshotTool(bool hideOwnWindows, QObject *parent = nullptr);
    ~ScreenshotTool() override;

    void start();
    ScreenshotOverlay *overlay() const { return m_overlay; }

signals:
    // The region taken, in device pixels; it is on the clipboard too, as QQ leaves it.
    void taken(const QImage &image);
    // Taken or cancelled; LanPigeon's windows are back.
    void finished();

private:
    void freeze();
    void finish(const QImage &image);
    // Brings back the windows hidden for the screenshot.
    void showHidden();

    bool m_hide;
    QList<QPointer<QWidget>> m_hidden;
    QPointer<ScreenshotOverlay> m_overlay;
};

} // namespace lanpigeon::ui
