// The crypto subsystem's logging category: keys learnt, pins changed, bodies refused.
#pragma once

#include <QLoggingCategory>

namespace lanpigeon::crypto {

// Fingerprints, peers and reasons only; never a key's private half or a message's text.
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)

} // namespace lanpigeon::crypto
