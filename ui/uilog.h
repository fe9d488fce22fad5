// The window's logging category: where its resources (translations) were found.
#pragma once

#include <QLoggingCategory>

namespace lanpigeon::ui {

// Off below warnings by default: QT_LOGGING_RULES="lanpigeon.ui=true" turns it on.
Q_DECLARE_LOGGING_CATEGORY(lcUi)

} // namespace lanpigeon::ui
