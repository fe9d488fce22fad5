#include "nodecommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "messenger.h"
#include "models/peermodel.h"
#include "models/transfermodel.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QTimer>

namespace lanpigeon::cli {

std::optional<int> NodeCommand::start(const Invocation &invocation)
{
    m_config = invocation.config;
    m_json = invocation.json;
    m_messenger = new Messenger(m_config, this);
    auto *signals_ = new SignalWatcher(this);
    connect(signals_, &SignalWatcher::terminationRequested, this, [this] { finish(m_exitCode); });
    connect(m_messenger, &Messenger::startFailed, this,
            [this](const QString &error, Messenger::StartError reason) {
                say(error);
                startFailed(error, reason);
                finish(1);
            });
    connect(m_messenger, &Messenger::warning, this, [](const QString &w) { say(w); });
    connect(m_messenger, &Messenger::stopped, this, [this] { QCoreApplication::exit(m_exitCode); });
    if (const auto code = prepare(invocation))
        return code;
    m_messenger->start();
    return std::nullopt;
}

void NodeCommand::finish(int code)
{
    if (m_finishing)
        return;
    m_finishing = true;
    m_exitCode = code;
    m_messenger->shutdown();
}

void NodeCommand::announceTo(const QList<QHostAddress> &addresses)
{
    QList<QHostAddress> hosts = m_config.extraHosts;
    for (const QHostAddress &address : addresses) {
        if (!address.isNull() && !hosts.contains(address))
            hosts.append(address);
    }
    if (hosts != m_config.extraHosts)
        m_messenger->setExtraHosts(hosts);
}

QList<QHostAddress> NodeCommand::addressesAmong(const QStringList &targets) const
{
    QList<QHostAddress> addresses;
    for (const QString &target : targets) {
        if (const auto id = peerIdFromAddress(target, m_config.port))
            addresses.append(QHostAddress(id->left(id->lastIndexOf(QLatin1Char(':')))));
    }
    return addresses;
}

QStringList NodeCommand::peersNamed(const QString &target) const
{
    if (const auto id = peerIdFromAddress(target, m_config.port))
        return m_messenger->peerModel()->find(*id) ? QStringList{*id} : QStringList();
    QStringList ids;
    for (const Peer &peer : m_messenger->peerModel()->findByName(target))
        ids.append(peer.id);
    return ids;
}

void NodeCommand::reportTransfers()
{
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, [this] {
        const auto transfers = m_messenger->transferModel()->transfers();
        for (const TransferModel::Transfer &t : transfers) {
            if (t.state != TransferModel::State::Active)
                continue;
            const qint64 eta = TransferModel::eta(t);
            say(QStringLiteral("%1 %2: %3% %4 MB/s%5")
                    .arg(t.direction == TransferModel::Direction::Upload ? QStringLiteral("->")
                                                                         : QStringLiteral("<-"),
                         t.name)
                    .arg(t.size ? t.done * 100 / t.size : 100)
                    .arg(t.speed / 1e6, 0, 'f', 1)
                    .arg(eta >= 0 ? QStringLiteral(" ETA %1 s").arg(eta) : QString()));
        }
    });
    timer->start(1000);
}

} // namespace lanpigeon::cli
