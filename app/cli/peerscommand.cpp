#include "peerscommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "messenger.h"
#include "models/peermodel.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTimer>

namespace lanpigeon::cli {

PeersCommand::PeersCommand(QObject *parent)
    : NodeCommand(parent)
    , m_deadline(new QTimer(this))
{
    m_deadline->setSingleShot(true);
}

PeersCommand::~PeersCommand() = default;

std::optional<int> PeersCommand::prepare(const Invocation &invocation)
{
    const double wait = seconds(invocation.options, QStringLiteral("wait"), 2.0);
    m_expect = number(invocation.options, QStringLiteral("expect"), -1);
    m_diagnose = invocation.options.isSet(QStringLiteral("diagnose"));
    connect(m_deadline, &QTimer::timeout, this, [this] {
        printPeers();
        printDiagnosisAndFinish(
            m_expect >= 0 && messenger()->peerModel()->rowCount() < m_expect ? 1 : 0);
    });
    connect(messenger(), &Messenger::started, this,
            [this, wait] { m_deadline->start(int(wait * 1000)); });
    connect(messenger(), &Messenger::peerUpdated, this, [this] {
        if (m_expect >= 0 && messenger()->peerModel()->rowCount() >= m_expect && !finishing()) {
            m_deadline->stop();
            printPeers();
            printDiagnosisAndFinish(0);
        }
    });
    return std::nullopt;
}

void PeersCommand::printDiagnosisAndFinish(int code)
{
    if (!m_diagnose) {
        finish(code);
        return;
    }
    connect(messenger(), &Messenger::networkSnapshot, this,
            [this, code](const NetworkSnapshot &snapshot) {
                printDiagnosis(snapshot.diagnosis);
                finish(code);
            });
    messenger()->requestNetworkSnapshot();
}

void PeersCommand::startFailed(const QString &error, Messenger::StartError reason)
{
    Q_UNUSED(error)
    if (!m_diagnose)
        return;
    // The node is on its way down: the diagnosis is made here, from the reason it gave.
    SocketFacts socket;
    socket.bindAddress = config().bindAddress;
    socket.port = config().port;
    socket.bindError = reason == Messenger::StartError::PortInUse
                           ? QAbstractSocket::AddressInUseError
                       : reason == Messenger::StartError::AddressUnavailable
                           ? QAbstractSocket::SocketAddressNotAvailableError
                           : QAbstractSocket::UnknownSocketError;
    printDiagnosis(diagnose(currentInterfaces(), socket, 0));
}

void PeersCommand::printDiagnosis(Diagnosis diagnosis)
{
    if (json())
        outJson({{QStringLiteral("diagnosis"), diagnosisName(diagnosis)}});
    else
        out(QStringLiteral("diagnosis: %1").arg(diagnosisName(diagnosis)));
}

void PeersCommand::printPeers()
{
    const QList<Peer> peers = messenger()->peerModel()->peers();
    for (const Peer &peer : peers) {
        if (json())
            outJson(peerJson(peer));
        else
            out(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7")
                    .arg(peer.displayName(), peer.group, peer.id, ipmsg::clientKindName(peer.kind),
                         ipmsg::statusName(peer.status),
                         peer.canEncrypt
                             ? QStringLiteral("encrypts ") + peerFingerprint(peer).shortString()
                             : QStringLiteral("plain"),
                         peer.addressIds().join(QLatin1Char(','))));
    }
}

} // namespace lanpigeon::cli
