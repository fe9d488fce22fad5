// The history's logging category: SQLite errors.
#pragma once

#include <QLoggingCategory>

namespace lanpigeon {

// Off below warnings by default: QT_LOGGING_RULES="lanpigeon.history=true" turns it on.
Q_DECLARE_LOGGING_CATEGORY(lcHistory)

} // namespace lanpigeon
