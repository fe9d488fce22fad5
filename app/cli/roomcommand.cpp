#include "roomcommand.h"

#include "clioutput.h"
#include "history/historystore.h"
#include "history/roomstore.h"
#include "profile/profilesettings.h"
#include "roomchatcommand.h"

namespace lanpigeon::cli {

std::optional<int> RoomCommand::start(const Invocation &invocation)
{
    const QString action = invocation.args.value(0);
    if (action == QLatin1String("list"))
        return list(invocation);
    static const QStringList changes{QStringLiteral("create"), QStringLiteral("send"),
                                     QStringLiteral("add"), QStringLiteral("remove"),
                                     QStringLiteral("leave")};
    if (changes.contains(action))
        return (new RoomChatCommand(this))->start(invocation);
    return usageError(QStringLiteral("room needs create NAME --member PEER..., send NAME TEXT, "
                                     "add NAME --member PEER..., remove NAME USER@HOST, leave "
                                     "NAME or list"));
}

int RoomCommand::list(const Invocation &invocation)
{
    // Like history: no node, the profile's database only.
    HistoryStore history;
    QString error;
    if (!history.open(ProfileSettings(invocation.config.profileDir).historyPath(), &error)) {
        say(error);
        return 1;
    }
    RoomStore rooms(&history);
    if (!rooms.open()) {
        say(rooms.lastError());
        return 1;
    }
    for (const Room &room : rooms.all()) {
        if (invocation.json) {
            outJson(roomJson(room));
            continue;
        }
        QStringList members;
        for (const RoomMember &m : room.members)
            members.append(m.user + QLatin1Char('@') + m.host);
        out(QStringLiteral("%1 %2%3: %4")
                .arg(room.id.toString(), room.name,
                     !room.left ? QString()
                     : room.removedBy.isEmpty()
                         ? QStringLiteral(" (left)")
                         : QStringLiteral(" (removed by %1)").arg(room.removedBy),
                     members.join(QStringLiteral(", "))));
    }
    return 0;
}

} // namespace lanpigeon::cli
