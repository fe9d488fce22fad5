// What the window tests check of drawn pixels: the contrast of two colours, and of the ink
// written on an area's background, as WCAG 2 measures them, computed here apart from the
// window's own theme code so that a mistake there cannot hide itself.
#pragma once

#include <QColor>
#include <QImage>
#include <QRect>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace lanpigeon::test {

// WCAG 2 contrast ratio: 1 (the same colour) to 21 (black on white).
inline double contrast(const QColor &a, const QColor &b)
{
    auto luminance = [](const QColor &c) {
        auto channel = [](double v) {
            return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
               0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The colour most of the area has (the background), and the contrast of the pixel that stands
// out most from it (the core of the glyphs written on it).
inline std::pair<QColor, double> groundAndInk(const QImage &image, const QRect &area)
{
    std::map<QRgb, int> counts;
    const QRect r = area & image.rect();
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x)
            ++counts[image.pixel(x, y) | 0xff000000u];
    }
    QRgb ground = 0;
    int most = 0;
    for (const auto &[rgb, n] : counts) {
        if (n > most) {
            most = n;
            ground = rgb;
        }
    }
    double ink = 1;
    for (const auto &[rgb, n] : counts)
        ink = std::max(ink, contrast(QColor(rgb), QColor(ground)));
    return {QColor(ground), ink};
}

} // namespace lanpigeon::test
