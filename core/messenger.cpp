#include "messenger.h"

#include "messaging/discoveryservice.h"
#include "files/filetransferservice.h"
#include "history/historystore.h"
#include "messaging/messageservice.h"
#include "files/offerprompt.h"
#include "models/peermodel.h"
#include "profile/profilesettings.h"
#include "tftp/tftpservice.h"

#include "models/transfermodel.h"
#include "files/transferthreads.h"
#include "messaging/udptransport.h"

#include <QThread>
#include <QUuid>

namespace lanpigeon {

Messenger::Messenger(const NodeConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_peerModel(new PeerModel(this))
    , m_transferModel(new TransferModel(this))
    , m_transferThreads(new TransferThreads(2, this))
    , m_thread(new QThread(this))
    , m_transport(new UdpTransport)
    , m_discovery(new DiscoveryService(m_transport, m_config, m_transport))
    , m_history(new HistoryStore)
    , m_tftpThread(new QThread(this))
{
    qRegisterMetaType<lanpigeon::Peer>();
    qRegisterMetaType<lanpigeon::ChatMessage>();
    qRegisterMetaType<lanpigeon::DeliveryState>();
    qRegisterMetaType<lanpigeon::Failure>();
    qRegisterMetaType<lanpigeon::FileOffer>();
    qRegisterMetaType<lanpigeon::OfferId>();
    qRegisterMetaType<lanpigeon::OfferOutcome>();
    qRegisterMetaType<lanpigeon::TransferDirection>();
    qRegisterMetaType<lanpigeon::TransferId>();
    qRegisterMetaType<lanpigeon::TransferResult>();
    if (m_config.profileDir.isEmpty())
        m_config.profileDir = ProfileSettings::defaultProfileDir();
    m_messages = new MessageService(m_transport, m_discovery, m_history, m_config, m_transport);
    m_files = new FileTransferService(m_transport, m_discovery, m_messages, m_transferThreads,
                                      m_config, m_transport);
    m_thread->setObjectName(QStringLiteral("network"));
    m_transport->moveToThread(m_thread);

    connect(m_discovery, &DiscoveryService::peerUpdated, this, [this](const Peer &peer) {
        m_peerModel->upsert(peer);
        emit peerUpdated(peer);
    });
    connect(m_discovery, &DiscoveryService::peerRemoved, this,
            [this](const QString &id, const QString &reason) {
                m_peerModel->remove(id);
                emit peerRemoved(id, reason);
            });
    connect(m_messages, &MessageService::messageStored, this, &Messenger::messageStored);
    connect(m_messages, &MessageService::messageReceived, this, &Messenger::messageReceived);
    connect(m_messages, &MessageService::messageStateChanged, this,
            &Messenger::messageStateChanged);
    connect(m_messages, &MessageService::storageFailed, this,
            [this](const QString &error) { emit warning(tr("history: %1").arg(error)); });
    connect(m_transport, &UdpTransport::malformedDatagram, this,
            [this](const QHostAddress &from, quint16 port, const QString &reason) {
                emit warning(tr("ignored malformed datagram from %1:%2: %3")
                                 .arg(from.toString())
                                 .arg(port)
                                 .arg(reason));
            });
    connect(m_files, &FileTransferService::offerReceived, this, [this](const FileOffer &offer) {
        emit offerReceived(offer);
        if (m_prompt)
            m_prompt->ask(offer, *this);
    });
    connect(m_files, &FileTransferService::offerFinished, this, &Messenger::offerFinished);
    connect(m_files, &FileTransferService::offerFailed, this, &Messenger::offerFailed);
    connect(m_files, &FileTransferService::transferAdded, this, &Messenger::addTransfer);
    connect(m_files, &FileTransferService::transferStarted, m_transferModel,
            &TransferModel::setStarted);
    connect(m_files, &FileTransferService::transferProgress, m_transferModel,
            &TransferModel::setProgress);
    connect(m_files, &FileTransferService::transferFinished, this, &Messenger::transferEnded);
    // Worker objects die on their own thread, where their sockets and SQL connection live.
    connect(
        m_thread, &QThread::finished, this,
        [this] {
            m_history->close();
            delete m_transport;
            m_transport = nullptr;
        },
        Qt::DirectConnection);
    connect(m_thread, &QThread::finished, this, [this] {
        m_running = false;
        emit stopped();
    });
}

Messenger::~Messenger()
{
    if (m_tftpThread->isRunning()) {
        m_tftpThread->quit();
        m_tftpThread->wait();
    }
    // Transfers first: they use the offer registry that lives with the network objects.
    delete m_transferThreads;
    m_transferThreads = nullptr;
    if (m_thread->isRunning() && m_running)
        QMetaObject::invokeMethod(
            m_transport, [this] { stopOnNetworkThread(); }, Qt::BlockingQueuedConnection);
    // Even when isRunning() says no: after shutdown() it says so while the thread still runs
    // its finished() handler, which deletes m_transport; deleting it here too at that moment
    // corrupted the heap now and then when the window quit.
    m_thread->quit();
    m_thread->wait();
    delete m_transport;
    delete m_history;
}

bool Messenger::addTransfer(const TransferId &id, TransferDirection direction, const QString &peer,
                            const QString &name, quint64 size, const OfferId &offerId)
{
    TransferModel::Transfer t;
    t.id = id;
    t.offerId = offerId;
    t.direction = direction;
    t.peer = peer;
    t.name = name;
    t.size = size;
    t.retryable = (direction == TransferDirection::Download && offerId.isValid()) ||
                  m_tftpRequests.contains(id);
    return m_transferModel->add(t);
}

void Messenger::transferEnded(const TransferResult &result)
{
    m_transferModel->setFinished(result);
    emit transferFinished(result);
}

TftpService *Messenger::tftp()
{
    if (m_tftp)
        return m_tftp;
    m_tftp = new TftpService;
    m_tftp->moveToThread(m_tftpThread);
    m_tftpThread->setObjectName(QStringLiteral("tftp"));
    // Dies on its thread, with its sockets.
    connect(m_tftpThread, &QThread::finished, m_tftp, &QObject::deleteLater);
    connect(m_tftp, &TftpService::serverStateChanged, this, &Messenger::tftpServerChanged);
    connect(m_tftp, &TftpService::transferAdded, this,
            [this](const TransferId &id, TransferDirection direction, const QString &peer,
                   const QString &name, const QString &path, quint64 size) {
                if (addTransfer(id, direction, peer, name, size, OfferId()))
                    m_transferModel->setStarted(id, path, size, 0);
            });
    connect(m_tftp, &TftpService::transferProgress, m_transferModel, &TransferModel::setProgress);
    connect(m_tftp, &TftpService::transferFinished, this, &Messenger::transferEnded);
    m_tftpThread->start();
    return m_tftp;
}

void Messenger::startTftpServer(const tftp::TftpServer::Config &config)
{
    TftpService *service = tftp();
    QMetaObject::invokeMethod(service, [service, config] { service->startServer(config); });
}

void Messenger::stopTftpServer()
{
    if (!m_tftp)
        return;
    QMetaObject::invokeMethod(m_tftp, [service = m_tftp] { service->stopServer(); });
}

void Messenger::setTftpAllowWrite(bool allow)
{
    if (!m_tftp)
        return;
    QMetaObject::invokeMethod(m_tftp,
                              [service = m_tftp, allow] { service->setServerAllowWrite(allow); });
}

TransferId Messenger::startTftpTransfer(const tftp::TftpClient::Request &request)
{
    const TransferId id(TransferId::Kind::TftpClient, m_nextTftpTransfer++);
    m_tftpRequests.insert(id, request);
    TftpService *service = tftp();
    QMetaObject::invokeMethod(service,
                              [service, id, request] { service->startClient(id, request); });
    return id;
}

QString Messenger::historyPath() const
{
    return ProfileSettings(m_config.profileDir).historyPath();
}

void Messenger::start()
{
    if (m_thread->isRunning())
        return;
    m_thread->start();
    QMetaObject::invokeMethod(m_transport, [this, config = m_config] {
        const ProfileSettings profile(config.profileDir);
        QString error;
        if (!m_history->open(profile.historyPath(), &error)) {
            emit startFailed(error, StartError::History);
            return;
        }
        const bool udp = m_transport->open(config.bindAddress, config.port, &error);
        if (!udp || !m_files->open(&error)) {
            const QAbstractSocket::SocketError why =
                udp ? m_files->listenError() : m_transport->socketError();
            emit startFailed(error, why == QAbstractSocket::AddressInUseError
                                        ? StartError::PortInUse
                                    : why == QAbstractSocket::SocketAddressNotAvailableError
                                        ? StartError::AddressUnavailable
                                        : StartError::Other);
            return;
        }
        m_transport->setIdentity(config.user.toUtf8(), config.host.toUtf8());
        m_transport->setFirstPacketNo(profile.lastPacketNo() + 1);
        m_running = true;
        m_discovery->start();
        emit started();
    });
}

void Messenger::stopOnNetworkThread()
{
    if (!m_running)
        return;
    m_files->close();
    m_discovery->stop();
    // profileDir never changes after construction.
    ProfileSettings(m_config.profileDir).setLastPacketNo(m_transport->lastPacketNo());
    m_running = false;
}

void Messenger::shutdown()
{
    if (!m_thread->isRunning()) {
        emit stopped();
        return;
    }
    QMetaObject::invokeMethod(m_transport, [this] {
        stopOnNetworkThread();
        m_thread->quit();
    });
}

void Messenger::announce()
{
    QMetaObject::invokeMethod(m_transport, [this] { m_discovery->announce(); });
}

void Messenger::setStatus(ipmsg::Status status, const QString &awayMessage)
{
    m_config.status = status;
    m_config.awayMessage = awayMessage;
    QMetaObject::invokeMethod(m_transport, [this, status, awayMessage] {
        m_discovery->setStatus(status, awayMessage);
        m_messages->setStatus(status, awayMessage);
    });
}

void Messenger::setIdentity(const QString &nick, const QString &group)
{
    m_config.nick = nick;
    m_config.group = group;
    QMetaObject::invokeMethod(m_transport,
                              [this, nick, group] { m_discovery->setIdentity(nick, group); });
}

void Messenger::setExtraHosts(const QList<QHostAddress> &hosts)
{
    m_config.extraHosts = hosts;
    QMetaObject::invokeMethod(m_transport, [this, hosts] { m_discovery->setExtraHosts(hosts); });
}

QString Messenger::sendMessage(const QStringList &peerIds, const QString &text, bool sealed)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QMetaObject::invokeMethod(m_transport, [this, id, peerIds, text, sealed] {
        m_messages->send(id, peerIds, text, sealed);
    });
    return id;
}

void Messenger::resendMessage(const QString &messageId, const QString &peerId, const QString &text,
                              bool sealed)
{
    QMetaObject::invokeMethod(m_transport, [this, messageId, peerId, text, sealed] {
        m_messages->send(messageId, {peerId}, text, sealed);
    });
}

Messenger::TextFit Messenger::fit(const QString &peerId, const QString &text) const
{
    Peer peer;
    if (const Peer *known = m_peerModel->find(peerId)) {
        peer = *known;
    } else {
        // As the message service judges a stranger: a modern client reading UTF-8.
        peer.takesUtf8 = true;
    }
    const MessageService::Fit f = MessageService::fit(peer, text, m_config);
    return {f.bytes, f.limit};
}

void Messenger::loadConversation(const QString &peerId, int limit, qint64 beforeRowId)
{
    QMetaObject::invokeMethod(m_transport, [this, peerId, limit, beforeRowId] {
        // One more than asked tells whether older rows remain.
        QList<ChatMessage> page = m_history->conversation(peerId, limit + 1, beforeRowId);
        const bool more = page.size() > limit;
        if (more)
            page.removeFirst();
        emit conversationLoaded(peerId, beforeRowId, page, more);
    });
}

void Messenger::searchHistory(const QString &peerId, const QString &text, int limit)
{
    QMetaObject::invokeMethod(m_transport, [this, peerId, text, limit] {
        emit historyFound(peerId, text, m_history->search(text, peerId, limit));
    });
}

void Messenger::loadRecentChats(int limit)
{
    QMetaObject::invokeMethod(
        m_transport, [this, limit] { emit recentChatsLoaded(m_history->latestPerPeer(limit)); });
}

void Messenger::markRead(const QString &messageId)
{
    QMetaObject::invokeMethod(m_transport, [this, messageId] { m_messages->markRead(messageId); });
}

} // namespace lanpigeon

namespace lanpigeon {

QString Messenger::offerFiles(const QStringList &peerIds, const QStringList &paths,
                              const QString &message)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QMetaObject::invokeMethod(m_transport, [this, id, peerIds, paths, message] {
        m_files->offer(id, peerIds, paths, message);
    });
    return id;
}

void Messenger::cancelOffer(const QString &offerId)
{
    QMetaObject::invokeMethod(m_transport, [this, offerId] { m_files->cancelOffer(offerId); });
}

void Messenger::acceptOffer(const OfferId &offerId, const QString &targetDir)
{
    QMetaObject::invokeMethod(m_transport,
                              [this, offerId, targetDir] { m_files->accept(offerId, targetDir); });
}

void Messenger::rejectOffer(const OfferId &offerId)
{
    QMetaObject::invokeMethod(m_transport, [this, offerId] { m_files->reject(offerId); });
}

void Messenger::retryTransfer(const TransferId &transferId)
{
    const auto request = m_tftpRequests.constFind(transferId);
    if (request != m_tftpRequests.constEnd()) {
        // A new transfer of its own: TFTP has no offset to resume from.
        const TransferModel::Transfer *t = m_transferModel->find(transferId);
        const bool again =
            t && TransferModel::isFinal(t->state) && t->state != TransferModel::State::Done;
        if (again)
            startTftpTransfer(*request);
        emit transferRetried(transferId, again);
        return;
    }
    QMetaObject::invokeMethod(m_transport, [this, transferId] {
        emit transferRetried(transferId, m_files->retry(transferId));
    });
}

void Messenger::cancelTransfer(const TransferId &transferId)
{
    switch (transferId.kind()) {
    case TransferId::Kind::TftpClient:
    case TransferId::Kind::TftpServer:
        if (m_tftp)
            QMetaObject::invokeMethod(
                m_tftp, [service = m_tftp, transferId] { service->cancel(transferId); });
        return;
    case TransferId::Kind::Upload:
    case TransferId::Kind::Download:
        QMetaObject::invokeMethod(m_transport,
                                  [this, transferId] { m_files->cancelTransfer(transferId); });
        return;
    }
}

} // namespace lanpigeon
