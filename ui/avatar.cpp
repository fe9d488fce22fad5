#include "avatar.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>

namespace lanpigeon::ui {

QPixmap avatarFor(const QString &name, int size, bool online)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    // Same name, same colour, on every machine.
    uint hash = 2166136261u;
    for (const QChar c : name)
        hash = (hash ^ c.unicode()) * 16777619u;
    const uint hue = hash % 360;
    QColor fill = QColor::fromHsl(int(hue), 150, 120);
    if (!online)
        fill = QColor(160, 160, 160);
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawEllipse(QRectF(0, 0, size, size));
    const QString letter =
        name.trimmed().isEmpty() ? QStringLiteral("?") : name.trimmed().left(1).toUpper();
    QFont font = p.font();
    font.setPixelSize(size / 2);
    font.setBold(true);
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, letter);
    return pixmap;
}

QPixmap avatarFromImage(const QString &path, int size)
{
    const QImage image(path);
    if (path.isEmpty() || image.isNull())
        return {};
    const QImage square =
        image.scaled(size, size, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath circle;
    circle.addEllipse(QRectF(0, 0, size, size));
    p.setClipPath(circle);
    p.drawImage(QPoint((size - square.width()) / 2, (size - square.height()) / 2), square);
    return pixmap;
}

} // namespace lanpigeon::ui
