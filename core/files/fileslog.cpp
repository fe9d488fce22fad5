#include "files/fileslog.h"

namespace lanpigeon {

Q_LOGGING_CATEGORY(lcFiles, "lanpigeon.files", QtWarningMsg)

} // namespace lanpigeon
