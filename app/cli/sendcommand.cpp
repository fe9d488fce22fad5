#include "sendcommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "history/historystore.h"
#include "messenger.h"
#include "models/peermodel.h"
#include "pictures/picturestore.h"
#include "profile/profilesettings.h"

#include <QCommandLineParser>
#include <QFile>
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
    const QStringList images = invocation.options.values(QStringLiteral("image"));
    if (invocation.options.values(QStringLiteral("to")).isEmpty() ||
        (m_text.isEmpty() && images.isEmpty()))
        return usageError(QStringLiteral("send needs --to and a TEXT or an --image"));
    for (const QString &path : images) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return usageError(QStringLiteral("--image %1: %2").arg(path, file.errorString()));
        // Each earlier picture counts one in the text, so these follow it in order.
        const OutgoingPicture picture{int(m_text.size() + m_pictures.size()),
                                      file.read(config().maxPictureBytes + 1)};
        if (picture.bytes.size() > config().maxPictureBytes)
            return usageError(QStringLiteral("--image %1: larger than %2 bytes")
                                  .arg(path)
                                  .arg(config().maxPictureBytes));
        if (!pictures::sniffFormat(picture.bytes))
            return usageError(
                QStringLiteral("--image %1: not a PNG, JPEG, GIF, WebP or BMP picture").arg(path));
        m_pictures.append(picture);
    }
    startSending(invocation);
    return std::nullopt;
}

void SendCommand::startSending(const Invocation &invocation)
{
    const QCommandLineParser &p = invocation.options;
    m_targets = p.values(QStringLiteral("to"));
    m_sealed = p.isSet(QStringLiteral("sealed"));
    m_untilRead = m_sealed && p.isSet(QStringLiteral("until-read"));
    m_queue = p.isSet(QStringLiteral("queue"));
    const double wait = seconds(p, QStringLiteral("wait"), 3.0);
    connect(m_deadline, &QTimer::timeout, this, [this] {
        m_waitedForAddresses = true;
        trySendResolved();
        if (m_sent)
            return;
        say(QStringLiteral("no peer found for: %1").arg(m_targets.join(QStringLiteral(", "))));
        finish(1);
    });
    connect(messenger(), &Messenger::started, this, [this, wait] {
        m_deadline->start(int(wait * 1000));
        announceTo(addressesAmong(m_targets));
        trySendResolved();
    });
    connect(messenger(), &Messenger::peerUpdated, this, [this] { trySendResolved(); });
    connect(messenger(), &Messenger::messageStateChanged, this, &SendCommand::stateChanged);
    connect(messenger(), &Messenger::picturesServed, this, [this](const QString &id) {
        if (id != m_messageId)
            return;
        m_picturesServed = true;
        finishWhenDone();
    });
}

QString SendCommand::sendTo(const QStringList &peerIds)
{
    return messenger()->sendMessage(peerIds, m_text, m_sealed, m_pictures);
}

void SendCommand::trySendResolved()
{
    if (m_sent || finishing() || !messenger()->isRunning())
        return;
    QStringList ids;
    for (const QString &target : std::as_const(m_targets)) {
        const QStringList found = peersNamed(target);
        if (!found.isEmpty()) {
            ids += found;
            continue;
        }
        if (const auto id = peerIdFromAddress(target, config().port)) {
            // Whether a peer takes pictures inline, or can decrypt, is known only once it has
            // announced itself.
            if (!m_pictures.isEmpty() && !(m_queue && m_waitedForAddresses))
                return;
            if (config().encryption && !m_waitedForAddresses)
                return;
            ids.append(*id);
            continue;
        }
        const std::optional<QString> past =
            m_queue && m_waitedForAddresses ? pastPeerNamed(target) : std::nullopt;
        if (!past)
            return;
        ids.append(*past);
    }
    ids.removeDuplicates();
    m_sent = true;
    m_deadline->stop();
    for (const QString &id : std::as_const(ids))
        m_recipientStates.insert(id, DeliveryState::Sending);
    m_messageId = sendTo(ids);
}

std::optional<QString> SendCommand::pastPeerNamed(const QString &nick) const
{
    // A connection of this thread's own: the node's belongs to the network thread.
    HistoryStore history;
    if (!history.open(ProfileSettings(config().profileDir).historyPath(), nullptr))
        return std::nullopt;
    return history.peerIdNamed(nick);
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
    finishWhenDone();
}

void SendCommand::finishWhenDone()
{
    if (m_recipientStates.isEmpty())
        return;
    bool allQueued = true;
    for (DeliveryState s : std::as_const(m_recipientStates)) {
        if (s == DeliveryState::Sending || (m_untilRead && s == DeliveryState::Delivered))
            return;
        allQueued = allQueued && s == DeliveryState::Queued;
    }
    // Going now would refuse the recipients' fetches of the pictures; those of a queued message
    // are served by the node that delivers it.
    if (allQueued || exitCode() != 0 ||
        (endsWhenAcknowledged() && (m_pictures.isEmpty() || m_picturesServed)))
        finish(exitCode());
}

} // namespace lanpigeon::cli
