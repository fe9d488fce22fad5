#include "messaging/chatmessage.h"

#include "common/enumnames.h"

#include <algorithm>

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

QList<int> pictureOffsets(const QString &text, const QList<ChatPicture> &pictures)
{
    QList<int> offsets;
    int previous = 0;
    for (int i = 0; i < pictures.size(); ++i) {
        // Each earlier picture counted as one unit of the position.
        int at = std::clamp(pictures.at(i).position - i, previous, int(text.size()));
        if (at > previous && at < text.size() && text.at(at - 1).isHighSurrogate() &&
            text.at(at).isLowSurrogate())
            --at;
        offsets.append(at);
        previous = at;
    }
    return offsets;
}

} // namespace lanpigeon
