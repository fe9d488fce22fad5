#include "networknode.h"

#include "common/threadcheck.h"
#include "crypto/keyring.h"
#include "files/filetransferservice.h"
#include "files/tcplistener.h"
#include "files/transferthreads.h"
#include "history/historystore.h"
#include "messaging/buddytracker.h"
#include "messaging/discoveryservice.h"
#include "messaging/hostlistservice.h"
#include "messaging/interfacewatcher.h"
#include "messaging/keyexchange.h"
#include "messaging/messageservice.h"
#include "messaging/offlinequeue.h"
#include "messaging/persontracker.h"
#include "messaging/roomservice.h"
#include "messaging/udptransport.h"
#include "pictures/pictureservice.h"
#include "profile/profilesettings.h"

#include <QDir>
#include <QTimer>
#include <QUdpSocket>

namespace lanpigeon {

namespace {
// Transfers are I/O bound: two threads keep several going without starving the machine.
constexpr int TransferThreadCount = 2;
// Rows of an old history indexed per step: ~30 ms of the network thread here (bench/history).
constexpr int IndexStepRows = 2000;
} // namespace

NetworkNode::NetworkNode(const NodeConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    // Without a profile (tests) the key lives in memory only.
    , m_keyRing(config.profileDir.isEmpty()
                    ? std::make_shared<crypto::KeyRing>(crypto::RsaKey::generate())
                    : std::make_shared<crypto::KeyRing>())
    , m_history(std::make_unique<HistoryStore>())
    , m_transport(new UdpTransport(this))
    , m_discovery(new DiscoveryService(m_transport, m_config, this))
    , m_keys(new KeyExchange(m_transport, m_discovery, m_keyRing, m_config, this))
    , m_messages(new MessageService(m_transport, m_discovery, m_history.get(), m_config, this))
    , m_rooms(new RoomService(m_messages, m_discovery, m_history.get(), m_config, this))
    , m_transferThreads(new TransferThreads(TransferThreadCount, this))
    , m_files(new FileTransferService(m_transport, m_discovery, m_messages, m_transferThreads,
                                      m_config, this))
    , m_pictures(new pictures::PictureService(m_transport, m_messages, m_files, m_transferThreads,
                                              m_history.get(), m_config, this))
    , m_tracker(new PersonTracker(m_discovery, m_history.get(), this))
    , m_queue(new OfflineQueue(m_discovery, m_history.get(), m_config, this))
    , m_buddies(new BuddyTracker(m_discovery, m_messages, m_history.get(), this))
    , m_interfaces(new InterfaceWatcher(this))
{
    // The transport first: discovery asks it which addresses are broadcasts now.
    connect(m_interfaces, &InterfaceWatcher::changed, m_transport,
            &UdpTransport::refreshInterfaces);
    connect(m_interfaces, &InterfaceWatcher::changed, m_discovery,
            &DiscoveryService::interfacesChanged);
    // In this order: a person's conversation moves to where they are now, then what waits for
    // them leaves from there.
    connect(m_discovery, &DiscoveryService::peerUpdated, m_tracker, &PersonTracker::peerSeen);
    connect(m_discovery, &DiscoveryService::peerUpdated, m_queue, &OfflineQueue::peerSeen);
    connect(m_discovery, &DiscoveryService::peerRemoved, m_tracker, &PersonTracker::peerGone);
    connect(m_tracker, &PersonTracker::storageFailed, m_messages, &MessageService::storageFailed);
    connect(m_tracker, &PersonTracker::chatParked, m_buddies, &BuddyTracker::parked);
    m_messages->setCrypto(m_keys, m_keyRing);
    m_files->setKeyRing(m_keyRing);
    m_files->setKeyExchange(m_keys);
    m_files->setHistory(m_history.get());
    // A queued message goes as a resent one does: with the files or pictures history keeps
    // for it, or with its group chat as it is now.
    m_queue->setResend([this](const QString &messageId, const QString &peerId, const QString &text,
                              bool sealed, const RoomId &room) {
        if (!room.isNull()) {
            if (!m_rooms->resend(messageId, peerId, room, text, sealed))
                m_queue->cancel(messageId, peerId);
            return;
        }
        QString missing;
        switch (m_files->sendQueued(messageId, peerId, text, &missing)) {
        case FileTransferService::QueuedOffer::Offered:
            return;
        case FileTransferService::QueuedOffer::Missing:
            m_queue->fail(messageId, peerId, missing, Failure::FileMissing);
            return;
        case FileTransferService::QueuedOffer::NotAnOffer:
            break;
        }
        m_pictures->resend(messageId, peerId, text, sealed);
    });
    m_queue->setKeyRing(m_keyRing);
    m_tracker->setKeyRing(m_keyRing);
    m_messages->setOfflineQueue(m_queue);
    connect(m_queue, &OfflineQueue::messageStateChanged, m_messages,
            &MessageService::messageStateChanged);
    connect(m_queue, &OfflineQueue::storageFailed, m_messages, &MessageService::storageFailed);
    m_hostLists = new HostListService(m_transport, m_discovery, m_config, this);
    // The old UDP port hears releases of the offers made from it for as long as they last.
    connect(m_files, &FileTransferService::retiredClosed, m_transport, &UdpTransport::closeRetired);
}

NetworkNode::~NetworkNode()
{
    delete m_interfaces;
    delete m_hostLists;
    delete m_transferThreads;
    delete m_buddies;
    delete m_queue;
    delete m_tracker;
    delete m_pictures;
    delete m_files;
    delete m_rooms;
    delete m_messages;
    delete m_keys;
    delete m_discovery;
    delete m_transport;
}

std::optional<NetworkNode::StartFailure> NetworkNode::start()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const ProfileSettings profile(m_config.profileDir);
    StartFailure failure;
    if (!m_history->open(profile.historyPath(), &failure.error)) {
        failure.history = true;
        return failure;
    }
    if (!m_rooms->open(&failure.error) || !m_buddies->open(&failure.error)) {
        failure.history = true;
        return failure;
    }
    if (!m_config.profileDir.isEmpty()) {
        const crypto::KeyRing::OpenResult keys = m_keyRing->open(m_config.profileDir);
        if (!keys.ok) {
            failure.error = tr("cannot open our encryption key in %1: %2")
                                .arg(QDir::toNativeSeparators(m_config.profileDir), keys.error);
            return failure;
        }
    }
    if (!m_transport->open(m_config.bindAddress, m_config.port, &failure.error)) {
        failure.socketError = m_bindError = m_transport->socketError();
        return failure;
    }
    if (!m_files->open(&failure.error)) {
        failure.socketError = m_bindError = m_files->listenError();
        return failure;
    }
    m_bound = true;
    m_transport->setIdentity(m_config.user.toUtf8(), m_config.host.toUtf8());
    m_transport->setFirstPacketNo(profile.lastPacketNo() + 1);
    // Before discovery: the first peers heard get what waits for them.
    m_queue->start();
    m_discovery->start();
    m_interfaces->start();
    m_hostLists->start();
    QTimer::singleShot(0, this, &NetworkNode::indexHistoryBacklog);
    return std::nullopt;
}

void NetworkNode::indexHistoryBacklog()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (m_history->isOpen() && m_history->indexBacklog(IndexStepRows))
        QTimer::singleShot(0, this, &NetworkNode::indexHistoryBacklog);
}

void NetworkNode::stop()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_files->close();
    m_buddies->stop();
    m_interfaces->stop();
    m_discovery->stop();
    m_tracker->save();
    ProfileSettings(m_config.profileDir).setLastPacketNo(m_transport->lastPacketNo());
}

std::optional<NetworkNode::StartFailure> NetworkNode::rebind(const QHostAddress &address,
                                                             quint16 port)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    if (address == m_config.bindAddress && port == m_config.port)
        return std::nullopt;
    StartFailure failure;
    if (!m_transport->isOpen()) {
        failure.error = tr("not connected: start LanPigeon first");
        return failure;
    }
    auto bindBoth = [&](std::unique_ptr<QUdpSocket> *socket,
                        std::unique_ptr<TcpListener> *listener) {
        *socket = UdpTransport::bind(address, port, &failure.error, &failure.socketError);
        if (*socket)
            *listener =
                FileTransferService::bind(address, port, &failure.error, &failure.socketError);
        return *socket && *listener;
    };
    std::unique_ptr<QUdpSocket> socket;
    std::unique_ptr<TcpListener> listener;
    if (!bindBoth(&socket, &listener)) {
        // The same port on another address is held by our own sockets (one of the two
        // addresses is "all networks"): they let go first, and take it back if the new
        // address cannot be had.
        if (port != m_config.port || failure.socketError != QAbstractSocket::AddressInUseError)
            return failure;
        socket.reset();
        listener.reset();
        m_discovery->leave();
        m_transport->closeSocket();
        m_files->closeListener();
        if (!bindBoth(&socket, &listener)) {
            QString lost;
            if (auto back = UdpTransport::bind(m_config.bindAddress, m_config.port, &lost, nullptr))
                m_transport->switchTo(std::move(back));
            if (auto back =
                    FileTransferService::bind(m_config.bindAddress, m_config.port, &lost, nullptr))
                m_files->switchTo(std::move(back), m_config.bindAddress, m_config.port);
            if (!lost.isEmpty())
                qWarning("cannot take back %s:%u: %s", qPrintable(m_config.bindAddress.toString()),
                         m_config.port, qPrintable(lost));
            m_discovery->arrive(m_config.port);
            return failure;
        }
    } else {
        m_discovery->leave();
    }
    m_transport->switchTo(std::move(socket));
    m_files->switchTo(std::move(listener), address, port);
    if (!m_files->hasRetired())
        m_transport->closeRetired();
    m_config.bindAddress = address;
    m_config.port = port;
    m_messages->setPort(port);
    m_rooms->setEndpoint(address, port);
    m_pictures->setBindAddress(address);
    m_hostLists->setPort(port);
    m_discovery->arrive(port);
    return std::nullopt;
}

void NetworkNode::setLegacyCodec(const QByteArray &codec)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_config.legacyCodec = codec;
    m_discovery->setLegacyCodec(codec);
    m_messages->setLegacyCodec(codec);
    m_files->setLegacyCodec(codec);
    m_hostLists->setLegacyCodec(codec);
}

void NetworkNode::setHostListSharing(bool share)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_config.shareHostList = share;
    m_hostLists->setSharing(share);
}

void NetworkNode::setListFrom(const QList<QHostAddress> &hosts)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_config.listFrom = hosts;
    m_hostLists->setListFrom(hosts);
}

void NetworkNode::stopTransfers()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_transferThreads->stop();
}

NetworkSnapshot NetworkNode::networkSnapshot()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    NetworkSnapshot snapshot;
    snapshot.interfaces = currentInterfaces();
    if (m_bound)
        m_transport->refreshInterfaces();
    snapshot.traffic = m_transport->traffic();
    snapshot.socket.bindAddress = m_config.bindAddress;
    snapshot.socket.port = m_config.port;
    snapshot.socket.bound = m_bound;
    snapshot.socket.bindError = m_bindError;
    snapshot.peersKnown = int(m_discovery->peers().size());
    snapshot.diagnosis = diagnose(snapshot.interfaces, snapshot.socket, snapshot.peersKnown);
    return snapshot;
}

void NetworkNode::setStatus(ipmsg::Status status, const QString &awayMessage)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_discovery->setStatus(status, awayMessage);
    m_messages->setStatus(status, awayMessage);
}

} // namespace lanpigeon
