#include "history/historylog.h"

namespace lanpigeon {

Q_LOGGING_CATEGORY(lcHistory, "lanpigeon.history", QtWarningMsg)

} // namespace lanpigeon
