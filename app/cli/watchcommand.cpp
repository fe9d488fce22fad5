#include "watchcommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "common/clock.h"
#include "messenger.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTimer>

namespace lanpigeon::cli {

std::optional<int> WatchCommand::prepare(const Invocation &invocation)
{
    const double wait = seconds(invocation.options, QStringLiteral("wait"), -1);
    connect(messenger(), &Messenger::started, this, [this, wait] {
        if (wait >= 0)
            QTimer::singleShot(int(wait * 1000), this, [this] { finish(0); });
    });
    connect(messenger(), &Messenger::peerUpdated, this, [this](const Peer &peer) {
        const bool known = m_watched.contains(peer.id);
        m_watched.insert(peer.id);
        const QString event = known ? QStringLiteral("update") : QStringLiteral("join");
        if (json()) {
            QString line = compactJson(peerJson(peer));
            // The event and its time lead the line, before the peer's own fields.
            line.insert(
                1, QStringLiteral("\"event\":\"%1\",\"ms\":%2,").arg(event).arg(clock::wallMs()));
            out(line);
        } else {
            out(QStringLiteral("%1\t%2\t%3\t%4")
                    .arg(event, peer.id, peer.displayName(), ipmsg::statusName(peer.status)));
        }
    });
    connect(messenger(), &Messenger::peerRemoved, this,
            [this](const QString &id, const QString &reason) {
                m_watched.remove(id);
                if (json())
                    outJson({{QStringLiteral("event"), QStringLiteral("leave")},
                             {QStringLiteral("id"), id},
                             {QStringLiteral("reason"), reason},
                             {QStringLiteral("ms"), clock::wallMs()}});
                else
                    out(QStringLiteral("leave\t%1\t%2").arg(id, reason));
            });
    return std::nullopt;
}

} // namespace lanpigeon::cli
