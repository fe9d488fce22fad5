#include "historycommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "history/historystore.h"
#include "profile/profilesettings.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonObject>

namespace lanpigeon::cli {

std::optional<int> HistoryCommand::start(const Invocation &invocation)
{
    const QCommandLineParser &p = invocation.options;
    HistoryStore store;
    QString error;
    if (!store.open(ProfileSettings(invocation.config.profileDir).historyPath(), &error)) {
        say(error);
        return 1;
    }
    const int limit = number(p, QStringLiteral("limit"), 100);
    const QString peer = p.value(QStringLiteral("peer"));
    QList<ChatMessage> messages;
    if (p.isSet(QStringLiteral("search")))
        messages = store.search(p.value(QStringLiteral("search")), peer, limit);
    else if (!peer.isEmpty())
        messages = store.conversation(peer, limit);
    else
        messages = store.recent(limit);
    for (const ChatMessage &m : std::as_const(messages)) {
        if (invocation.json)
            outJson(messageJson(m));
        else
            out(QStringLiteral("%1 %2 %3 %4 [%5] %6")
                    .arg(QDateTime::fromMSecsSinceEpoch(m.timestampMs).toString(Qt::ISODate),
                         m.direction == Direction::Incoming ? QStringLiteral("<-")
                                                            : QStringLiteral("->"),
                         m.peerNick + QLatin1Char('(') + m.peerId + QLatin1Char(')'),
                         securityMark(m), deliveryStateName(m.state), m.text));
    }
    return 0;
}

} // namespace lanpigeon::cli
