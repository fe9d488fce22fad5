#include "tftp/tftplog.h"

namespace lanpigeon {

Q_LOGGING_CATEGORY(lcTftp, "lanpigeon.tftp", QtWarningMsg)

} // namespace lanpigeon
