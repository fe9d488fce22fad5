#include "messaging/chatmessage.h"

#include "common/enumnames.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>

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
    return failure != Failure::TooLong && failure != Failure::NotAnAddress &&
           failure != Failure::FileMissing;
}

QStringList offeredNames(const QList<OfferedPath> &items)
{
    QStringList names;
    for (const OfferedPath &item : items) {
        const QString name = QFileInfo(item.path).fileName();
        names << (item.isDir ? name + QLatin1Char('/') : name);
    }
    return names;
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

QString roomNoticeText(const RoomNotice &notice, bool ours)
{
    const QString names = QLocale().createSeparatedList(notice.names);
    switch (notice.kind) {
    case RoomNotice::Kind::None:
        return {};
    case RoomNotice::Kind::Created:
        return ours ? QCoreApplication::translate("lanpigeon::RoomNotice",
                                                  "You created the group chat")
                    : QCoreApplication::translate("lanpigeon::RoomNotice",
                                                  "%1 created the group chat")
                          .arg(notice.actor);
    case RoomNotice::Kind::Added:
        return ours
                   ? QCoreApplication::translate("lanpigeon::RoomNotice", "You added %1").arg(names)
                   : QCoreApplication::translate("lanpigeon::RoomNotice", "%1 added %2")
                         .arg(notice.actor, names);
    case RoomNotice::Kind::Removed:
        return ours ? QCoreApplication::translate("lanpigeon::RoomNotice", "You removed %1")
                          .arg(names)
                    : QCoreApplication::translate("lanpigeon::RoomNotice", "%1 removed %2")
                          .arg(notice.actor, names);
    case RoomNotice::Kind::RemovedUs:
        return notice.names.isEmpty()
                   ? QCoreApplication::translate("lanpigeon::RoomNotice", "%1 removed you")
                         .arg(notice.actor)
                   : QCoreApplication::translate("lanpigeon::RoomNotice", "%1 removed you and %2")
                         .arg(notice.actor, names);
    case RoomNotice::Kind::Left:
        return ours
                   ? QCoreApplication::translate("lanpigeon::RoomNotice", "You left the group chat")
                   : QCoreApplication::translate("lanpigeon::RoomNotice", "%1 left the group chat")
                         .arg(notice.actor);
    case RoomNotice::Kind::Changed:
        return ours
                   ? QCoreApplication::translate("lanpigeon::RoomNotice", "You changed the members")
                   : QCoreApplication::translate("lanpigeon::RoomNotice", "%1 changed the members")
                         .arg(notice.actor);
    }
    return {};
}

} // namespace lanpigeon
