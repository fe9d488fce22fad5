// A window showing one picture from a chat: fit to the window or 100 %, zoom with the wheel,
// Save as…, Copy, and Open with the system's own viewer.
#pragma once

#include "picturedecoder.h"

#include <QImage>
#include <QWidget>

class QLabel;
class QScrollArea;
class QToolButton;

namespace lanpigeon::ui {

class PictureViewer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PictureViewer)

public:
    static constexpr qreal MinZoom = 0.02;
    static constexpr qreal MaxZoom = 16.0;

    // Decodes path off the GUI thread; the picture shows once decoded (loaded() follows).
    explicit PictureViewer(const QString &path, const imaging::PictureLimits &limits = {},
                           QWidget *parent = nullptr);
    ~PictureViewer() override;

    QString path() const { return m_path; }
    const QImage &image() const { return m_image; }
    // Why the picture cannot be shown; empty while loading and once shown.
    QString error() const { return m_error; }
    // Screen pixels per picture pixel.
    qreal zoom() const { return m_zoom; }
    // Whether the zoom follows the window's size.
    bool fitsWindow() const { return m_fit; }

    void fitToWindow();
    void showActualSize();
    // Multiplies the zoom by 1.25 per step (negative steps zoom out), about the point at
    // anchor (the view's coordinates), or its centre.
    void zoomBy(qreal steps, QPointF anchor = {-1, -1});
    void copyToClipboard() const;
    // Writes the picture's own file, unchanged, to target; false if that failed.
    bool saveTo(const QString &target) const;
    void saveAs();
    void openExternally() const;

signals:
    void loaded();

private:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void display(const imaging::DecodedPicture &decoded);
    void setZoom(qreal zoom, QPointF anchor);
    void updateZoomText();

    QString m_path;
    QImage m_image;
    QString m_error;
    imaging::PictureFormat m_format = imaging::PictureFormat::Unknown;
    qreal m_zoom = 1;
    bool m_fit = true;
    QScrollArea *m_area;
    QWidget *m_canvas;
    QLabel *m_status;
    QToolButton *m_fitButton;
    QToolButton *m_actualButton;
};

} // namespace lanpigeon::ui
