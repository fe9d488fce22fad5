#include "uilog.h"

namespace lanpigeon::ui {

Q_LOGGING_CATEGORY(lcUi, "lanpigeon.ui", QtWarningMsg)

} // namespace lanpigeon::ui
