#include "messaging/chatmessage.h"

#include "common/enumnames.h"

namespace lanpigeon {

namespace {

constexpr EnumName<DeliveryState> DeliveryStateNames[] = {
    {DeliveryState::Received, "received"},   {DeliveryState::Sending, "sending"},
    {DeliveryState::Delivered, "delivered"}, {DeliveryState::Failed, "failed"},
    {DeliveryState::Read, "read"},
};

} // namespace

QString deliveryStateName(DeliveryState state)
{
    return nameOf(DeliveryStateNames, state);
}

bool isRetriable(Failure failure)
{
    return failure != Failure::TooLong && failure != Failure::NotAnAddress;
}

} // namespace lanpigeon
