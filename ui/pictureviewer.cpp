#include "pictureviewer.h"

#include "bubbledelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QStandardPaths>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QtConcurrent>

#include <cmath>

namespace lanpigeon::ui {

namespace {

// Paints the picture at the viewer's zoom; its size is the zoomed picture's.
class Canvas final : public QWidget
{
public:
    explicit Canvas(const PictureViewer *viewer)
        : m_viewer(viewer)
    {
    }

protected:
    void paintEvent(QPaintEvent *event) override
    {
        const QImage &image = m_viewer->image();
        if (image.isNull())
            return;
        QPainter p(this);
        p.setRenderHint(QPainter::SmoothPixmapTransform, m_viewer->zoom() < 1);
        p.setClipRect(event->rect());
        p.drawImage(QRectF(QPointF(0, 0), QSizeF(image.size()) * m_viewer->zoom()), image);
    }

private:
    const PictureViewer *m_viewer;
};

} // namespace

PictureViewer::PictureViewer(const QString &path, const imaging::PictureLimits &limits,
                             QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_path(path)
    , m_area(new QScrollArea)
    , m_canvas(new Canvas(this))
    , m_status(new QLabel)
    , m_fitButton(new QToolButton)
    , m_actualButton(new QToolButton)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Picture"));
    // A window of its own with no Close button of its own: Escape closes it, as image viewers do.
    auto *close = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(close, &QShortcut::activated, this, &QWidget::close);
    m_fitButton->setText(tr("Fit"));
    m_fitButton->setToolTip(tr("Fit the picture to the window"));
    m_fitButton->setCheckable(true);
    m_fitButton->setChecked(true);
    m_actualButton->setText(tr("100 %"));
    m_actualButton->setToolTip(tr("Show the picture at its own size"));
    auto *save = new QToolButton;
    save->setText(tr("Save as…"));
    auto *copy = new QToolButton;
    copy->setText(tr("Copy"));
    copy->setToolTip(tr("Copy the picture to the clipboard"));
    auto *open = new QToolButton;
    open->setText(tr("Open with…"));
    open->setToolTip(tr("Open the picture in the system's picture viewer"));
    auto *tools = new QHBoxLayout;
    for (QToolButton *b : {m_fitButton, m_actualButton, save, copy, open})
        tools->addWidget(b);
    tools->addStretch();
    tools->addWidget(m_status);
    m_area->setWidget(m_canvas);
    m_area->setAlignment(Qt::AlignCenter);
    m_area->setWidgetResizable(false);
    m_area->viewport()->installEventFilter(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(tools);
    layout->addWidget(m_area, 1);
    m_status->setText(tr("Loading…"));

    connect(m_fitButton, &QToolButton::clicked, this, &PictureViewer::fitToWindow);
    connect(m_actualButton, &QToolButton::clicked, this, &PictureViewer::showActualSize);
    connect(save, &QToolButton::clicked, this, &PictureViewer::saveAs);
    connect(copy, &QToolButton::clicked, this, &PictureViewer::copyToClipboard);
    connect(open, &QToolButton::clicked, this, &PictureViewer::openExternally);

    // Decoded on the global pool: the whole picture may take a while and much memory.
    auto *watcher = new QFutureWatcher<imaging::DecodedPicture>(this);
    connect(watcher, &QFutureWatcher<imaging::DecodedPicture>::finished, this, [this, watcher] {
        display(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(
        QtConcurrent::run([path, limits] { return imaging::decodePictureFile(path, limits); }));
    resize(800, 600);
}

PictureViewer::~PictureViewer() = default;

void PictureViewer::display(const imaging::DecodedPicture &decoded)
{
    m_format = decoded.format;
    if (!decoded.ok()) {
        m_error = decoded.detail;
        m_status->setText(tr("Picture could not be shown: %1")
                              .arg(BubbleDelegate::pictureErrorText(decoded.error)));
    } else {
        m_image = decoded.image;
        m_status->clear();
        setWindowTitle(tr("Picture — %1 × %2").arg(m_image.width()).arg(m_image.height()));
    }
    if (m_fit)
        fitToWindow();
    else
        setZoom(m_zoom, {-1, -1});
    emit loaded();
}

void PictureViewer::fitToWindow()
{
    m_fit = true;
    m_fitButton->setChecked(true);
    if (m_image.isNull())
        return;
    const QSize room = m_area->maximumViewportSize();
    const qreal zoom = std::min(
        {1.0, qreal(room.width()) / m_image.width(), qreal(room.height()) / m_image.height()});
    setZoom(zoom, {-1, -1});
}

void PictureViewer::showActualSize()
{
    m_fit = false;
    m_fitButton->setChecked(false);
    setZoom(1, {-1, -1});
}

void PictureViewer::zoomBy(qreal steps, QPointF anchor)
{
    m_fit = false;
    m_fitButton->setChecked(false);
    setZoom(m_zoom * std::pow(1.25, steps), anchor);
}

void PictureViewer::setZoom(qreal zoom, QPointF anchor)
{
    const qreal old = m_zoom;
    m_zoom = std::clamp(zoom, MinZoom, MaxZoom);
    if (m_image.isNull())
        return;
    QWidget *viewport = m_area->viewport();
    if (anchor.x() < 0)
        anchor = QPointF(viewport->width() / 2.0, viewport->height() / 2.0);
    // The picture point under the anchor stays under it.
    const QPointF picturePoint = (anchor - QPointF(m_canvas->pos())) / old;
    m_canvas->resize((QSizeF(m_image.size()) * m_zoom).toSize().expandedTo(QSize(1, 1)));
    m_canvas->update();
    const QPointF there = picturePoint * m_zoom;
    m_area->horizontalScrollBar()->setValue(int(there.x() - anchor.x()));
    m_area->verticalScrollBar()->setValue(int(there.y() - anchor.y()));
    updateZoomText();
}

void PictureViewer::updateZoomText()
{
    m_actualButton->setToolTip(
        tr("Show the picture at its own size (now %1 %)").arg(qRound(m_zoom * 100)));
}

void PictureViewer::copyToClipboard() const
{
    if (!m_image.isNull())
        QApplication::clipboard()->setImage(m_image);
}

bool PictureViewer::saveTo(const QString &target) const
{
    QFile::remove(target);
    return QFile::copy(m_path, target);
}

void PictureViewer::saveAs()
{
    // Pictures are stored under their hash, without an extension.
    QString name = QFileInfo(m_path).completeBaseName().left(12);
    switch (m_format) {
    case imaging::PictureFormat::Png:
        name += QLatin1String(".png");
        break;
    case imaging::PictureFormat::Jpeg:
        name += QLatin1String(".jpg");
        break;
    case imaging::PictureFormat::Gif:
        name += QLatin1String(".gif");
        break;
    case imaging::PictureFormat::WebP:
        name += QLatin1String(".webp");
        break;
    case imaging::PictureFormat::Bmp:
        name += QLatin1String(".bmp");
        break;
    case imaging::PictureFormat::Unknown:
        break;
    }
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation) +
                              QLatin1Char('/') + name;
    const QString target = QFileDialog::getSaveFileName(this, tr("Save picture"), suggested);
    if (target.isEmpty())
        return;
    if (!saveTo(target))
        QMessageBox::warning(this, tr("Save picture"),
                             tr("The picture could not be saved as %1.").arg(target));
}

void PictureViewer::openExternally() const
{
    QDesktopServices::openUrl(QUrl::fromLocalFile(m_path));
}

bool PictureViewer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_area->viewport() && event->type() == QEvent::Wheel) {
        const auto *wheel = static_cast<QWheelEvent *>(event);
        const qreal steps = wheel->angleDelta().y() / 120.0;
        if (steps != 0) {
            zoomBy(steps, wheel->position());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PictureViewer::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_fit)
        fitToWindow();
}

} // namespace lanpigeon::ui
