#include "messenger.h"

#include "crypto/keyring.h"
#include "files/filetransferservice.h"
#include "files/offerprompt.h"
#include "history/historyexport.h"
#include "history/historystore.h"
#include "messaging/buddytracker.h"
#include "messaging/discoveryservice.h"
#include "messaging/keyexchange.h"
#include "messaging/messageservice.h"
#include "messaging/offlinequeue.h"
#include "messaging/persontracker.h"
#include "messaging/roomservice.h"
#include "models/peermodel.h"
#include "networknode.h"
#include "pictures/pictureservice.h"
#include "profile/profilesettings.h"
#include "tftp/tftpservice.h"

#include "messaging/udptransport.h"
#include "models/transfermodel.h"

#include <QThread>
#include <QThreadPool>
#include <QUuid>

#include <limits>

namespace lanpigeon {

namespace {

Messenger::StartError errorOf(const NetworkNode::StartFailure &failure)
{
    const QAbstractSocket::SocketError why = failure.socketError;
    return failure.history                             ? Messenger::StartError::History
           : why == QAbstractSocket::AddressInUseError ? Messenger::StartError::PortInUse
           : why == QAbstractSocket::SocketAddressNotAvailableError
               ? Messenger::StartError::AddressUnavailable
               : Messenger::StartError::Other;
}

} // namespace

Messenger::Messenger(const NodeConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_peerModel(new PeerModel(this))
    , m_transferModel(new TransferModel(this))
    , m_thread(new QThread(this))
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
    qRegisterMetaType<lanpigeon::NetworkSnapshot>();
    qRegisterMetaType<lanpigeon::ChatPicture>();
    qRegisterMetaType<lanpigeon::SearchHit>();
    qRegisterMetaType<lanpigeon::Room>();
    qRegisterMetaType<lanpigeon::RoomId>();
    qRegisterMetaType<lanpigeon::RoomSendOutcome>();
    qRegisterMetaType<lanpigeon::Buddy>();
    if (m_config.profileDir.isEmpty())
        m_config.profileDir = ProfileSettings::defaultProfileDir();
    m_pictureStore = std::make_unique<const pictures::PictureStore>(m_config.profileDir,
                                                                    m_config.maxPictureBytes);
    m_node = new NetworkNode(m_config);
    m_exports = std::make_unique<QThreadPool>();
    m_exports->setMaxThreadCount(1);
    m_keyRing = m_node->keyRing();
    m_thread->setObjectName(QStringLiteral("network"));
    m_node->moveToThread(m_thread);

    connect(m_node->discovery(), &DiscoveryService::peerUpdated, this, [this](const Peer &peer) {
        m_peerModel->upsert(peer);
        emit peerUpdated(peer);
    });
    connect(m_node->discovery(), &DiscoveryService::peerRemoved, this,
            [this](const QString &id, const QString &reason) {
                m_peerModel->remove(id);
                emit peerRemoved(id, reason);
            });
    connect(m_node->messages(), &MessageService::messageStored, this, &Messenger::messageStored);
    connect(m_node->messages(), &MessageService::messageReceived, this,
            &Messenger::messageReceived);
    connect(m_node->messages(), &MessageService::messageStateChanged, this,
            &Messenger::messageStateChanged);
    connect(m_node->tracker(), &PersonTracker::conversationMoved, this,
            &Messenger::conversationMoved);
    connect(m_node->rooms(), &RoomService::roomChanged, this, &Messenger::roomChanged);
    connect(m_node->buddies(), &BuddyTracker::buddyChanged, this, &Messenger::buddyChanged);
    connect(m_node->buddies(), &BuddyTracker::storageFailed, this,
            [this](const QString &error) { emit warning(tr("history: %1").arg(error)); });
    connect(m_node->rooms(), &RoomService::storageFailed, this,
            [this](const QString &error) { emit warning(tr("history: %1").arg(error)); });
    connect(m_node->pictures(), &pictures::PictureService::pictureChanged, this,
            &Messenger::pictureChanged);
    connect(m_node->pictures(), &pictures::PictureService::picturesServed, this,
            &Messenger::picturesServed);
    connect(m_node->messages(), &MessageService::storageFailed, this,
            [this](const QString &error) { emit warning(tr("history: %1").arg(error)); });
    connect(m_node->transport(), &UdpTransport::malformedDatagram, this,
            [this](const QHostAddress &from, quint16 port, const QString &reason) {
                emit warning(tr("ignored malformed datagram from %1:%2: %3")
                                 .arg(from.toString())
                                 .arg(port)
                                 .arg(reason));
            });
    connect(m_node->files(), &FileTransferService::offerReceived, this,
            [this](const FileOffer &offer) {
                emit offerReceived(offer);
                if (m_prompt)
                    m_prompt->ask(offer, *this);
            });
    connect(m_node->files(), &FileTransferService::offerFinished, this, &Messenger::offerFinished);
    connect(m_node->files(), &FileTransferService::offerFailed, this, &Messenger::offerFailed);
    connect(m_node->files(), &FileTransferService::offerMade, this, &Messenger::filesOffered);
    connect(m_node->files(), &FileTransferService::transferAdded, this, &Messenger::addTransfer);
    connect(m_node->files(), &FileTransferService::transferStarted, m_transferModel,
            &TransferModel::setStarted);
    connect(m_node->files(), &FileTransferService::transferProgress, m_transferModel,
            &TransferModel::setProgress);
    connect(m_node->files(), &FileTransferService::transferFinished, this,
            &Messenger::transferEnded);
    connect(m_node->files(), &FileTransferService::requestRefused, this,
            [this](const QString &who, const QHostAddress &peer, RequestRefusal reason) {
                QString text;
                switch (reason) {
                case RequestRefusal::Unsigned:
                    text = tr("refused an unsigned download request from %1 (%2)");
                    break;
                case RequestRefusal::BadSignature:
                    text = tr("refused a download request with a bad signature from %1 (%2)");
                    break;
                case RequestRefusal::KeyChanged:
                    text = tr("refused a download request from %1 (%2): its key has changed");
                    break;
                case RequestRefusal::Undecryptable:
                    text = tr("refused a download request from %1 (%2) that does not decrypt");
                    break;
                case RequestRefusal::Replayed:
                    text = tr("refused a replayed download request from %1 (%2)");
                    break;
                case RequestRefusal::NotOffered:
                    text = tr("refused a download request from %1 (%2) for a file not offered "
                              "to it");
                    break;
                case RequestRefusal::NotEncrypted:
                    text = tr("refused a plain-text download request from %1 (%2): encryption "
                              "is required");
                    break;
                }
                emit warning(text.arg(who, peer.toString()));
            });
    // The node dies on its own thread, where its sockets and SQL connection live.
    connect(
        m_thread, &QThread::finished, this,
        [this] {
            delete m_node;
            m_node = nullptr;
        },
        Qt::DirectConnection);
    connect(m_thread, &QThread::finished, this, [this] {
        m_running = false;
        emit stopped();
    });
}

Messenger::~Messenger()
{
    m_exports->waitForDone();
    if (m_tftpThread->isRunning()) {
        m_tftpThread->quit();
        m_tftpThread->wait();
    }
    // Transfers stop first and at once, as before the node owned them, rather than be cancelled
    // one by one while BR_EXIT goes out.
    if (m_thread->isRunning() && m_running)
        QMetaObject::invokeMethod(
            m_node,
            [this] {
                m_node->stopTransfers();
                stopOnNetworkThread();
            },
            Qt::BlockingQueuedConnection);
    // Even when isRunning() says no: after shutdown() it says so while the thread still runs
    // its finished() handler, which deletes m_node; deleting it here too at that moment
    // corrupted the heap now and then when the window quit.
    m_thread->quit();
    m_thread->wait();
    // Still here if the thread never ran; its transfer threads stop before its services go.
    delete m_node;
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
    QMetaObject::invokeMethod(m_node, [this] {
        const std::optional<NetworkNode::StartFailure> failure = m_node->start();
        if (failure) {
            emit startFailed(failure->error, errorOf(*failure));
            return;
        }
        m_running = true;
        emit started();
    });
}

void Messenger::stopOnNetworkThread()
{
    if (!m_running)
        return;
    m_node->stop();
    m_running = false;
}

void Messenger::shutdown()
{
    if (!m_thread->isRunning()) {
        emit stopped();
        return;
    }
    QMetaObject::invokeMethod(m_node, [this] {
        stopOnNetworkThread();
        m_thread->quit();
    });
}

void Messenger::announce()
{
    QMetaObject::invokeMethod(m_node, [this] { m_node->discovery()->announce(); });
}

void Messenger::requestNetworkSnapshot()
{
    if (!m_thread->isRunning())
        return;
    QMetaObject::invokeMethod(m_node, [this] { emit networkSnapshot(m_node->networkSnapshot()); });
}

void Messenger::setStatus(ipmsg::Status status, const QString &awayMessage)
{
    m_config.status = status;
    m_config.awayMessage = awayMessage;
    QMetaObject::invokeMethod(
        m_node, [this, status, awayMessage] { m_node->setStatus(status, awayMessage); });
}

void Messenger::setIdentity(const QString &nick, const QString &group)
{
    m_config.nick = nick;
    m_config.group = group;
    QMetaObject::invokeMethod(
        m_node, [this, nick, group] { m_node->discovery()->setIdentity(nick, group); });
}

void Messenger::setExtraHosts(const QList<QHostAddress> &hosts)
{
    m_config.extraHosts = hosts;
    QMetaObject::invokeMethod(m_node, [this, hosts] { m_node->discovery()->setExtraHosts(hosts); });
}

void Messenger::rebind(const QHostAddress &address, quint16 port)
{
    QMetaObject::invokeMethod(m_node, [this, address, port] {
        const std::optional<NetworkNode::StartFailure> failure = m_node->rebind(address, port);
        if (failure) {
            emit rebindFailed(failure->error, errorOf(*failure));
            return;
        }
        QMetaObject::invokeMethod(this, [this, address, port] {
            m_config.bindAddress = address;
            m_config.port = port;
            emit rebound();
        });
    });
}

void Messenger::setLegacyCodec(const QByteArray &codec)
{
    m_config.legacyCodec = codec;
    QMetaObject::invokeMethod(m_node, [this, codec] { m_node->setLegacyCodec(codec); });
}

void Messenger::setHostListSharing(bool share)
{
    m_config.shareHostList = share;
    QMetaObject::invokeMethod(m_node, [this, share] { m_node->setHostListSharing(share); });
}

void Messenger::setListFrom(const QList<QHostAddress> &hosts)
{
    m_config.listFrom = hosts;
    QMetaObject::invokeMethod(m_node, [this, hosts] { m_node->setListFrom(hosts); });
}

QString Messenger::sendMessage(const QStringList &peerIds, const QString &text, bool sealed,
                               const QList<OutgoingPicture> &pictures)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QMetaObject::invokeMethod(m_node, [this, id, peerIds, text, sealed, pictures] {
        if (pictures.isEmpty())
            m_node->messages()->send(id, peerIds, text, sealed);
        else
            m_node->pictures()->send(id, peerIds, text, sealed, pictures);
    });
    return id;
}

QString Messenger::picturePath(const QString &sha256) const
{
    return m_pictureStore->path(sha256);
}

crypto::Fingerprint Messenger::ourFingerprint() const
{
    return m_keyRing->ourFingerprint();
}

void Messenger::markKeyVerified(const QString &peerId)
{
    QMetaObject::invokeMethod(m_node, [this, peerId] { m_node->keys()->markVerified(peerId); });
}

void Messenger::setRequireEncryption(bool require)
{
    const bool changed = m_config.requireEncryption != require;
    m_config.requireEncryption = require;
    if (changed)
        emit requireEncryptionChanged(require);
    QMetaObject::invokeMethod(m_node, [this, require] {
        m_node->messages()->setRequireEncryption(require);
        m_node->files()->setRequireEncryption(require);
    });
}

void Messenger::resendMessage(const QString &messageId, const QString &peerId, const QString &text,
                              bool sealed)
{
    QMetaObject::invokeMethod(m_node, [this, messageId, peerId, text, sealed] {
        m_node->pictures()->resend(messageId, peerId, text, sealed);
    });
}

void Messenger::cancelQueued(const QString &messageId, const QString &peerId)
{
    QMetaObject::invokeMethod(
        m_node, [this, messageId, peerId] { m_node->queue()->cancel(messageId, peerId); });
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
    QMetaObject::invokeMethod(m_node, [this, peerId, limit, beforeRowId] {
        // One more than asked tells whether older rows remain.
        QList<ChatMessage> page = m_node->history()->conversation(peerId, limit + 1, beforeRowId);
        const bool more = page.size() > limit;
        if (more)
            page.removeFirst();
        emit conversationLoaded(peerId, beforeRowId, page, more);
    });
}

std::optional<Messenger::Page> Messenger::readConversation(const QString &peerId, int limit)
{
    if (!m_reader) {
        auto reader = std::make_unique<HistoryStore>();
        if (!reader->openForReading(historyPath(), nullptr))
            return std::nullopt;
        m_reader = std::move(reader);
    }
    // One more than asked tells whether older rows remain.
    Page page{m_reader->conversation(peerId, limit + 1), false};
    page.more = page.messages.size() > limit;
    if (page.more)
        page.messages.removeFirst();
    return page;
}

void Messenger::loadConversationAround(const QString &peerId, qint64 rowId, int context,
                                       qint64 beforeRowId)
{
    QMetaObject::invokeMethod(m_node, [this, peerId, rowId, context, beforeRowId] {
        const QList<ChatMessage> page =
            m_node->history()->conversationFrom(peerId, rowId, context, beforeRowId, MaxJumpRows);
        // Older rows may remain; a page asked for past the first says none.
        emit conversationLoaded(peerId, beforeRowId, page, true);
    });
}

void Messenger::searchHistory(const QString &peerId, const QString &text, int limit)
{
    QMetaObject::invokeMethod(m_node, [this, peerId, text, limit] {
        emit historyFound(peerId, text,
                          searchHits(m_node->history()->search(text, peerId, limit), text));
    });
}

void Messenger::exportConversation(const QString &peerId, const QString &path)
{
    const Peer *peer = m_peerModel->find(peerId);
    const QString peerName = peer ? peer->displayName() : QString();
    const QString myName = m_config.nick;
    QMetaObject::invokeMethod(m_node, [this, peerId, path, peerName, myName] {
        QList<ChatMessage> messages =
            m_node->history()->conversation(peerId, std::numeric_limits<int>::max());
        // Its own copy: a store holds nothing but its folder.
        const pictures::PictureStore store = *m_pictureStore;
        m_exports->start([this, peerId, path, peerName, myName, store, messages] {
            ExportSource source{peerName, peerId, myName,
                                [&store](const QString &sha256) { return store.path(sha256); }};
            // Offline: the name they gave last, else the one we wrote to (never their address).
            for (const Direction side : {Direction::Incoming, Direction::Outgoing}) {
                for (auto it = messages.crbegin();
                     source.peerName.isEmpty() && it != messages.crend(); ++it) {
                    if (it->direction == side && it->peerNick != peerId)
                        source.peerName = it->peerNick;
                }
            }
            if (source.peerName.isEmpty())
                source.peerName = peerId;
            QString error;
            writeExportFile(path,
                            lanpigeon::exportConversation(messages, exportFormatFor(path), source),
                            &error);
            emit conversationExported(peerId, path, error);
        });
    });
}

void Messenger::exportRoom(const RoomId &roomId, const QString &path)
{
    const QString myName = m_config.nick.isEmpty() ? m_config.user : m_config.nick;
    QMetaObject::invokeMethod(m_node, [this, roomId, path, myName] {
        const std::optional<Room> room = m_node->rooms()->room(roomId);
        QList<ChatMessage> messages =
            m_node->history()->roomConversation(roomId, std::numeric_limits<int>::max());
        const pictures::PictureStore store = *m_pictureStore;
        const QString name = room ? room->name : roomId.toString();
        m_exports->start([this, roomId, path, name, myName, store, messages] {
            ExportSource source{name, roomId.toString(), myName,
                                [&store](const QString &sha256) { return store.path(sha256); }};
            source.room = true;
            QString error;
            writeExportFile(path,
                            lanpigeon::exportConversation(messages, exportFormatFor(path), source),
                            &error);
            emit roomExported(roomId, path, error);
        });
    });
}

void Messenger::deleteRoomHistory(const RoomId &roomId)
{
    QMetaObject::invokeMethod(m_node, [this, roomId] {
        emit roomHistoryDeleted(roomId, m_node->history()->deleteRoomConversation(roomId));
    });
}

void Messenger::deleteConversation(const QString &peerId)
{
    QMetaObject::invokeMethod(m_node, [this, peerId] {
        emit conversationDeleted(peerId, m_node->history()->deleteConversation(peerId));
    });
}

void Messenger::loadRecentChats(int limit)
{
    QMetaObject::invokeMethod(m_node, [this, limit] {
        QList<ChatMessage> latest = m_node->history()->latestPerPeer(limit);
        // What we wrote to someone offline names them by their address: the buddies table
        // has the name they went by, found by person first (an address may change hands).
        QHash<QString, QString> byPerson;
        QHash<QString, QString> byPeerId;
        for (const Buddy &b : m_node->buddies()->all()) {
            byPerson.insert(b.person, b.displayName());
            byPeerId.insert(b.peerId, b.displayName());
        }
        for (ChatMessage &m : latest) {
            const QString name = byPerson.value(m.person, byPeerId.value(m.peerId));
            if (!name.isEmpty())
                m.peerNick = name;
        }
        // Group chats too: they are conversations of their own in the list.
        emit recentChatsLoaded(latest + m_node->history()->latestPerRoom(limit));
    });
}

void Messenger::loadBuddies()
{
    QMetaObject::invokeMethod(m_node, [this] { emit buddiesLoaded(m_node->buddies()->all()); });
}

RoomId Messenger::createRoom(const QString &name, const QStringList &memberPeerIds)
{
    const RoomId id = RoomId::generate();
    QMetaObject::invokeMethod(m_node, [this, id, name, memberPeerIds] {
        emit roomRequestDone(id, m_node->rooms()->create(id, name, memberPeerIds).has_value());
    });
    return id;
}

QString Messenger::sendToRoom(const RoomId &roomId, const QString &text)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QMetaObject::invokeMethod(m_node, [this, id, roomId, text] {
        emit roomSendDone(id, roomId, m_node->rooms()->send(id, roomId, text));
    });
    return id;
}

void Messenger::addRoomMembers(const RoomId &roomId, const QStringList &peerIds)
{
    QMetaObject::invokeMethod(m_node, [this, roomId, peerIds] {
        emit roomRequestDone(roomId, m_node->rooms()->addMembers(roomId, peerIds));
    });
}

void Messenger::removeRoomMember(const RoomId &roomId, const QString &user, const QString &host)
{
    QMetaObject::invokeMethod(m_node, [this, roomId, user, host] {
        emit roomRequestDone(roomId, m_node->rooms()->removeMember(roomId, user, host));
    });
}

void Messenger::leaveRoom(const RoomId &roomId)
{
    QMetaObject::invokeMethod(
        m_node, [this, roomId] { emit roomRequestDone(roomId, m_node->rooms()->leave(roomId)); });
}

void Messenger::loadRooms()
{
    QMetaObject::invokeMethod(m_node, [this] { emit roomsLoaded(m_node->rooms()->rooms()); });
}

void Messenger::loadRoomConversation(const RoomId &roomId, int limit, qint64 beforeRowId)
{
    QMetaObject::invokeMethod(m_node, [this, roomId, limit, beforeRowId] {
        QList<ChatMessage> page =
            m_node->history()->roomConversation(roomId, limit + 1, beforeRowId);
        const bool more = page.size() > limit;
        if (more)
            page.removeFirst();
        // Each member's state, for the bubble's count ("Delivered to 2 of 3").
        m_node->history()->roomDeliveries(&page);
        emit roomConversationLoaded(roomId, beforeRowId, page, more);
    });
}

void Messenger::searchRoom(const RoomId &roomId, const QString &text, int limit)
{
    QMetaObject::invokeMethod(m_node, [this, roomId, text, limit] {
        emit roomHistoryFound(roomId, text,
                              searchHits(m_node->history()->searchRoom(roomId, text, limit), text));
    });
}

void Messenger::markRead(const QString &messageId)
{
    QMetaObject::invokeMethod(m_node,
                              [this, messageId] { m_node->messages()->markRead(messageId); });
}

} // namespace lanpigeon

namespace lanpigeon {

QString Messenger::offerFiles(const QStringList &peerIds, const QStringList &paths,
                              const QString &message)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QMetaObject::invokeMethod(m_node, [this, id, peerIds, paths, message] {
        m_node->files()->offer(id, peerIds, paths, message);
    });
    return id;
}

void Messenger::cancelOffer(const QString &offerId)
{
    QMetaObject::invokeMethod(m_node, [this, offerId] { m_node->files()->cancelOffer(offerId); });
}

void Messenger::acceptOffer(const OfferId &offerId, const QString &targetDir)
{
    QMetaObject::invokeMethod(
        m_node, [this, offerId, targetDir] { m_node->files()->accept(offerId, targetDir); });
}

void Messenger::rejectOffer(const OfferId &offerId)
{
    QMetaObject::invokeMethod(m_node, [this, offerId] { m_node->files()->reject(offerId); });
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
    QMetaObject::invokeMethod(m_node, [this, transferId] {
        emit transferRetried(transferId, m_node->files()->retry(transferId));
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
        QMetaObject::invokeMethod(
            m_node, [this, transferId] { m_node->files()->cancelTransfer(transferId); });
        return;
    }
}

} // namespace lanpigeon
