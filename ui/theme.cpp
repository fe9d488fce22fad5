#include "theme.h"

#include <QPalette>
#include <QWidget>

#include <cmath>

namespace lanpigeon::ui::theme {

namespace {

double luminance(const QColor &c)
{
    auto channel = [](qreal v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

} // namespace

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

bool isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Window)) < 0.2;
}

QColor mix(const QColor &a, const QColor &b, qreal amount)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
                            a.greenF() + (b.greenF() - a.greenF()) * amount,
                            a.blueF() + (b.blueF() - a.blueF()) * amount);
}

QColor readableOn(const QColor &wanted, const QColor &background, double ratio)
{
    if (contrast(wanted, background) >= ratio)
        return wanted;
    // Towards white on a dark background, towards black on a light one; the hue stays.
    const QColor target = luminance(background) < 0.18 ? QColor(Qt::white) : QColor(Qt::black);
    for (int step = 1; step <= 20; ++step) {
        const QColor c = mix(wanted, target, step / 20.0);
        if (contrast(c, background) >= ratio)
            return c;
    }
    return target;
}

QColor toneColor(Tone tone)
{
    switch (tone) {
    case Tone::Error:
        return QColor(0xb0, 0x20, 0x20);
    case Tone::Warning:
        return QColor(0xb0, 0x78, 0x00);
    case Tone::Success:
        return QColor(0x2e, 0x8b, 0x3a);
    case Tone::Sealed:
        return QColor(0x5a, 0x7d, 0xb8);
    }
    return {};
}

QColor toneText(Tone tone, const QColor &background)
{
    return readableOn(toneColor(tone), background);
}

QColor textOn(const QPalette &palette, const QColor &background)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor windowText = palette.color(QPalette::WindowText);
    return readableOn(contrast(text, background) >= contrast(windowText, background) ? text
                                                                                     : windowText,
                      background);
}

QColor dimText(const QPalette &palette, const QColor &background)
{
    return readableOn(mix(textOn(palette, background), background, 0.4), background);
}

QColor toneFill(const QPalette &palette, Tone tone, qreal amount)
{
    // Amber and red are light hues: a dark theme needs more of them to show at all.
    const QColor accent = tone == Tone::Warning ? QColor(0xff, 0xc1, 0x07)
                          : tone == Tone::Error ? QColor(0xff, 0x00, 0x00)
                                                : toneColor(tone);
    return mix(palette.color(QPalette::Base), accent, isDark(palette) ? amount * 1.5 : amount);
}

QColor chatBackground(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    // Light: a grey under white bubbles. Dark: Base itself, under bubbles a shade lighter.
    return isDark(palette) ? base : mix(base, palette.color(QPalette::Text), 0.05);
}

QPalette darkPalette()
{
    const QColor window(0x35, 0x35, 0x35);
    const QColor text(0xee, 0xee, 0xee);
    QPalette p(window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x20, 0x20, 0x20));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xf5));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    return p;
}

void showAsError(QWidget *widget, bool error)
{
    if (!error) {
        widget->setPalette(QPalette());
        return;
    }
    QPalette p = widget->palette();
    p.setColor(QPalette::WindowText, toneText(Tone::Error, p.color(QPalette::Window)));
    widget->setPalette(p);
}

} // namespace lanpigeon::ui::theme
