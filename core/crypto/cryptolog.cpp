#include "crypto/cryptolog.h"

namespace lanpigeon::crypto {

Q_LOGGING_CATEGORY(lcCrypto, "lanpigeon.crypto", QtWarningMsg)

} // namespace lanpigeon::crypto
