#include "messaging/messaginglog.h"

namespace lanpigeon {

Q_LOGGING_CATEGORY(lcTransport, "lanpigeon.transport", QtWarningMsg)
Q_LOGGING_CATEGORY(lcDiscovery, "lanpigeon.discovery", QtWarningMsg)
Q_LOGGING_CATEGORY(lcMessages, "lanpigeon.messages", QtWarningMsg)

} // namespace lanpigeon
