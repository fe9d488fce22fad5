// Brings a window to the front with the keyboard when the user asked for it from elsewhere
// (starting LanPigeon again), where a plain activateWindow() is refused as focus stealing.
#pragma once

class QWidget;

namespace lanpigeon::ui {

void bringToFront(QWidget *window);

} // namespace lanpigeon::ui
