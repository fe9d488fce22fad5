#include "sendcommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "messenger.h"
#include "models/peermodel.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTimer>

namespace lanpigeon::cli {

SendCommand::SendCommand(QObject *parent)
    : NodeCommand(parent)
    , m_deadline(new QTimer(this))
{
    m_deadline->setSingleShot(true);
}

SendCommand::~SendCommand() = default;

std::optional<int> SendCommand::prepare(const Invocation &invocation)
{
    m_text = invocation.args.join(QLatin1Char(' '));
    if (invocation.options.values(QStringLiteral("to")).isEmpty() || m_text.isEmpty())
        return usageError(QStringLiteral("send needs --to and a TEXT"));
    startSending(invocation);
    return std::nullopt;
}

void SendCommand::startSending(const Invocation &invocation)
{
    const QCommandLineParser &p = invocation.options;
    m_targets = p.values(QStringLiteral("to"));
    m_sealed = p.isSet(QStringLiteral("sealed"));
    m_untilRead = m_sealed && p.isSet(QStringLiteral("until-read"));
    const double wait = seconds(p, QStringLiteral("wait"), 3.0);
    connect(m_deadline, &QTimer::timeout, this, [this] {
        say(QStringLiteral("no peer found for: %1").arg(m_targets.join(QStringLiteral(", "))));
        finish(1);
    });
    connect(messenger(), &Messenger::started, this, [this, wait] {
        m_deadline->start(int(wait * 1000));
        trySendResolved();
    });
    connect(messenger(), &Messenger::peerUpdated, this, [this] { trySendResolved(); });
    connect(messenger(), &Messenger::messageStateChanged, this, &SendCommand::stateChanged);
}

QString SendCommand::sendTo(const QStringList &peerIds)
{
    return messenger()->sendMessage(peerIds, m_text, m_sealed);
}

void SendCommand::trySendResolved()
{
    if (m_sent || finishing() || !messenger()->isRunning())
        return;
    QStringList ids;
    for (const QString &target : std::as_const(m_targets)) {
        if (const auto id = peerIdFromAddress(target, config().port)) {
            ids.append(*id);
            continue;
        }
        const QList<Peer> found = messenger()->peerModel()->findByName(target);
        if (found.isEmpty())
            return;
        for (const Peer &peer : found)
            ids.append(peer.id);
    }
    ids.removeDuplicates();
    m_sent = true;
    m_deadline->stop();
    for (const QString &id : std::as_const(ids))
        m_recipientStates.insert(id, DeliveryState::Sending);
    m_messageId = sendTo(ids);
}

void SendCommand::stateChanged(const QString &id, const QString &peerId, DeliveryState state,
                               const QString &error)
{
    if (id != m_messageId || !m_recipientStates.contains(peerId))
        return;
    m_recipientStates[peerId] = state;
    if (state == DeliveryState::Failed) {
        say(QStringLiteral("%1: %2").arg(peerId, error));
        setExitCode(1);
    } else if (json()) {
        outJson({{QStringLiteral("id"), id},
                 {QStringLiteral("peer"), peerId},
                 {QStringLiteral("state"), deliveryStateName(state)}});
    } else {
        out(QStringLiteral("%1: %2").arg(peerId, deliveryStateName(state)));
    }
    for (DeliveryState s : std::as_const(m_recipientStates)) {
        if (s == DeliveryState::Sending || (m_untilRead && s == DeliveryState::Delivered))
            return;
    }
    if (endsWhenAcknowledged() || exitCode() != 0)
        finish(exitCode());
}

} // namespace lanpigeon::cli
