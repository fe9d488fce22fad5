// Colours taken from the palette, so the window reads as well under a dark theme as a light one.
#pragma once

#include <QColor>
#include <QPalette>

class QWidget;

namespace lanpigeon::ui::theme {

// What body text needs against its background (WCAG 2, level AA).
constexpr double ReadableContrast = 4.5;

// WCAG 2 contrast ratio of two opaque colours: 1 (the same) to 21 (black on white).
double contrast(const QColor &a, const QColor &b);

bool isDark(const QPalette &palette);

// a moved towards b by amount, 0 to 1.
QColor mix(const QColor &a, const QColor &b, qreal amount);

// wanted, made only as much lighter or darker as it takes to reach ratio against background.
QColor readableOn(const QColor &wanted, const QColor &background, double ratio = ReadableContrast);

// What a colour says, whatever the theme.
enum class Tone
{
    Error,   // failed, refused, waiting for you (red)
    Warning, // away, offers to answer (amber)
    Success, // done (green)
    Sealed   // sealed messages (blue)
};

QColor toneColor(Tone tone);
// The tone as text on background.
QColor toneText(Tone tone, const QColor &background);
// The palette's own text colour that reads best on background, for fills of our own.
QColor textOn(const QPalette &palette, const QColor &background);
// Secondary text (times, details) on background: fainter than text, still readable.
QColor dimText(const QPalette &palette, const QColor &background);

// Base tinted with the tone, as a quiet fill behind the palette's text.
QColor toneFill(const QPalette &palette, Tone tone, qreal amount);
// Behind the bubbles: a shade off Base, so that bubbles stand out from it.
QColor chatBackground(const QPalette &palette);

// A dark palette for Qt's Fusion style: what LANPIGEON_PALETTE=dark sets, for desktops whose
// dark theme does not reach Qt programs, and for the screenshot of the window in the dark.
QPalette darkPalette();

// A label's text in the error colour, or back to the palette's own.
void showAsError(QWidget *widget, bool error);

} // namespace lanpigeon::ui::theme
