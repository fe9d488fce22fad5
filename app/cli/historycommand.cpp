#include "historycommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "history/historyexport.h"
#include "history/historystore.h"
#include "pictures/picturestore.h"
#include "profile/profilesettings.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonObject>

#include <limits>

namespace lanpigeon::cli {

namespace {

int exportTo(const HistoryStore &store, const Invocation &invocation, const QString &peer,
             const QString &path)
{
    const QList<ChatMessage> messages = store.conversation(peer, std::numeric_limits<int>::max());
    const pictures::PictureStore pictures(invocation.config.profileDir,
                                          invocation.config.maxPictureBytes);
    ExportSource source{peer, peer, invocation.config.nick,
                        [&pictures](const QString &sha256) { return pictures.path(sha256); }};
    for (auto it = messages.crbegin(); it != messages.crend(); ++it) {
        if (it->direction == Direction::Incoming && !it->peerNick.isEmpty()) {
            source.peerName = it->peerNick;
            break;
        }
    }
    QString error;
    if (!writeExportFile(path, exportConversation(messages, exportFormatFor(path), source),
                         &error)) {
        say(QStringLiteral("cannot write %1: %2").arg(path, error));
        return 1;
    }
    out(QStringLiteral("exported %1 messages to %2").arg(messages.size()).arg(path));
    return 0;
}

} // namespace

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
    if (p.isSet(QStringLiteral("export")) || p.isSet(QStringLiteral("delete"))) {
        if (peer.isEmpty())
            return usageError(QStringLiteral("--export and --delete need --peer"));
        if (p.isSet(QStringLiteral("delete"))) {
            const int removed = store.deleteConversation(peer);
            if (removed < 0) {
                say(store.lastError());
                return 1;
            }
            out(QStringLiteral("deleted %1 messages").arg(removed));
            return 0;
        }
        return exportTo(store, invocation, peer, p.value(QStringLiteral("export")));
    }
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
