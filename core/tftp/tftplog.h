// TFTP's logging category: requests refused or ignored, strangers, transfers failed.
#pragma once

#include <QLoggingCategory>

namespace lanpigeon {

// Off below warnings by default: QT_LOGGING_RULES="lanpigeon.tftp=true" turns it on.
Q_DECLARE_LOGGING_CATEGORY(lcTftp)

} // namespace lanpigeon
