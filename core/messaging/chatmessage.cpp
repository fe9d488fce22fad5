#include "messaging/chatmessage.h"

#include "common/enumnames.h"

namespace lanpigeon {

namespace {

constexpr EnumName<DeliveryState> DeliveryStateNames[] = {
    {DeliveryState::Received, "received"},   {DeliveryState::Sending, "sending"},
    {DeliveryState::Delivered, "delivered"}, {DeliveryState::Failed, "failed"},
    {DeliveryState::Read, "read"},           {DeliveryState::Queued, "queued"},
    {DeliveryState::Expired, "expired"},
};

constexpr EnumName<SecurityWarning> SecurityWarningNames[] = {
    {SecurityWarning::None, ""},
    {SecurityWarning::KeyChanged, "key-changed"},
    {SecurityWarning::BadSignature, "bad-signature"},
    {SecurityWarning::NotSigned, "not-signed"},
    {SecurityWarning::Downgrade, "downgrade"},
    {SecurityWarning::Undecryptable, "undecryptable"},
};

} // namespace

QString securityWarningName(SecurityWarning warning)
{
    return nameOf(SecurityWarningNames, warning);
}

QString deliveryStateName(DeliveryState state)
{
    return nameOf(DeliveryStateNames, state);
}

bool isRetriable(Failure failure)
{
    return failure != Failure::TooLong && failure != Failure::NotAnAddress;
}

} // namespace lanpigeon
