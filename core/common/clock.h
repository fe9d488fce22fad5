// The core's one clock: monotonic for every timeout, the wall clock only for what people read.
#pragma once

#include <QtGlobal>

namespace lanpigeon::clock {

// Milliseconds on the monotonic clock, which neither NTP nor the user can move: every
// timeout, retry, duplicate window and expiry is measured on it. Only differences mean
// anything.
qint64 monotonicMs();

// Milliseconds since the epoch, for timestamps shown to people and kept in history. It may
// jump by days either way, so no interval is ever measured on it.
qint64 wallMs();

} // namespace lanpigeon::clock
