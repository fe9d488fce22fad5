// The UDP side's logging categories: refused, dropped and failed datagrams, peers, messages.
#pragma once

#include <QLoggingCategory>

namespace lanpigeon {

// Off below warnings by default: QT_LOGGING_RULES="lanpigeon.transport=true" turns one on.
// Addresses and reasons only, never what a message says.
Q_DECLARE_LOGGING_CATEGORY(lcTransport)
Q_DECLARE_LOGGING_CATEGORY(lcDiscovery)
Q_DECLARE_LOGGING_CATEGORY(lcMessages)

} // namespace lanpigeon
