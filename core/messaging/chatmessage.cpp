#include "messaging/chatmessage.h"

namespace lanpigeon {

QString deliveryStateName(DeliveryState state)
{
    switch (state) {
    case DeliveryState::Sending:
        return QStringLiteral("sending");
    case DeliveryState::Delivered:
        return QStringLiteral("delivered");
    case DeliveryState::Failed:
        return QStringLiteral("failed");
    case DeliveryState::Read:
        return QStringLiteral("read");
    case DeliveryState::Received:
        break;
    }
    return QStringLiteral("received");
}

bool isRetriable(Failure failure)
{
    return failure != Failure::TooLong && failure != Failure::NotAnAddress;
}

} // namespace lanpigeon
