#include "crypto/keyring.h"

namespace lanpigeon::crypto {
// PLACEHOLDER until helper "crypto" implements the ring.
KeyRing::KeyRing(const RsaKey &ours) : m_ours(ours) {}
} // namespace lanpigeon::crypto
