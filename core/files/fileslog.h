// The file transfers' logging category: fetches denied, transfers failed.
#pragma once

#include <QLoggingCategory>

namespace lanpigeon {

// Off below warnings by default: QT_LOGGING_RULES="lanpigeon.files=true" turns it on.
Q_DECLARE_LOGGING_CATEGORY(lcFiles)

} // namespace lanpigeon
