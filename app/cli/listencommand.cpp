#include "listencommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "messenger.h"

#include <QCommandLineParser>
#include <QTimer>

namespace lanpigeon::cli {

std::optional<int> ListenCommand::prepare(const Invocation &invocation)
{
    m_remaining = number(invocation.options, QStringLiteral("count"), -1);
    m_openSealed = invocation.options.isSet(QStringLiteral("open-sealed"));
    connect(messenger(), &Messenger::started, this, [this] {
        if (!json())
            say(QStringLiteral("listening on %1:%2 as %3")
                    .arg(config().bindAddress.toString())
                    .arg(config().port)
                    .arg(config().nick));
    });
    connect(messenger(), &Messenger::messageReceived, this, [this](const ChatMessage &m) {
        if (json())
            outJson(messageJson(m));
        else
            out(QStringLiteral("%1 (%2): %3").arg(m.peerNick, m.peerId, m.text));
        if (m.sealed && m_openSealed)
            messenger()->markRead(m.id);
        if (m_remaining > 0 && --m_remaining == 0) {
            // Give the read receipt a moment to leave before BR_EXIT.
            QTimer::singleShot(m.sealed && m_openSealed ? 200 : 0, this, [this] { finish(0); });
        }
    });
    return std::nullopt;
}

} // namespace lanpigeon::cli
