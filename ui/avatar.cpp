#include "avatar.h"

#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QTextBoundaryFinder>

namespace lanpigeon::ui {

namespace {

enum class Shape
{
    Circle,
    RoundedSquare,
};

QPixmap initialAvatar(const QString &name, int size, bool online, Shape shape)
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
    if (shape == Shape::Circle)
        p.drawEllipse(QRectF(0, 0, size, size));
    else
        p.drawRoundedRect(QRectF(0, 0, size, size), size / 5.0, size / 5.0);
    QFont font = p.font();
    font.setPixelSize(size / 2);
    font.setBold(true);
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, avatarInitial(name));
    return pixmap;
}

} // namespace

QString avatarInitial(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("?");
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, trimmed);
    const qsizetype end = graphemes.toNextBoundary();
    return trimmed.left(end > 0 ? end : trimmed.size()).toUpper();
}

QPixmap avatarFor(const QString &name, int size, bool online)
{
    return initialAvatar(name, size, online, Shape::Circle);
}

QPixmap roomAvatarFor(const QString &name, int size, bool online)
{
    return initialAvatar(name, size, online, Shape::RoundedSquare);
}

QPixmap avatarFromImage(const QString &path, int size)
{
    if (path.isEmpty())
        return {};
    const QImage image(path);
    if (image.isNull())
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

int paintUnreadBadge(QPainter *painter, const QRect &area, int count)
{
    if (count <= 0)
        return 0;
    const QString text = count > 99 ? QStringLiteral("99+") : QString::number(count);
    QFont font = painter->font();
    font.setBold(true);
    font.setPixelSize(11);
    const QFontMetrics metrics(font);
    const int h = 18;
    const int w = std::max(h, metrics.horizontalAdvance(text) + 10);
    const QRect badge(area.right() - w, area.center().y() - h / 2, w, h);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0xf7, 0x4c, 0x31));
    painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
    return w;
}

QPixmap withStatus(const QPixmap &avatar, ipmsg::Status status)
{
    if (status == ipmsg::Status::Online || avatar.isNull())
        return avatar;
    QPixmap out = avatar;
    QPainter p(&out);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal size = out.width() / out.devicePixelRatio();
    const qreal d = std::max<qreal>(8, size * 0.42);
    const QRectF badge(size - d, size - d, d, d);
    p.setPen(QPen(Qt::white, std::max<qreal>(1.5, d / 8)));
    if (status == ipmsg::Status::Away) {
        p.setBrush(QColor(0xf5, 0xa6, 0x23));
        p.drawEllipse(badge);
        // A crescent: the badge with a disc cut out of its upper right.
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::white);
        QPainterPath moon;
        moon.addEllipse(badge.adjusted(d * 0.22, d * 0.22, -d * 0.22, -d * 0.22));
        QPainterPath bite;
        bite.addEllipse(badge.adjusted(d * 0.42, d * 0.08, -d * 0.02, -d * 0.36));
        p.drawPath(moon.subtracted(bite));
    } else {
        p.setBrush(QColor(0xd9, 0x30, 0x25));
        p.drawEllipse(badge);
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::white);
        p.drawRect(
            QRectF(badge.left() + d * 0.24, badge.center().y() - d * 0.09, d * 0.52, d * 0.18));
    }
    return out;
}

} // namespace lanpigeon::ui
