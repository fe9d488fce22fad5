// Everything that runs on the network thread, made and wired in one place: the UDP transport,
// discovery, messages, files (with their transfer threads) and history.
#pragma once

#include "messaging/networkdiagnosis.h"
#include "nodeconfig.h"

#include <QAbstractSocket>
#include <QObject>

#include <memory>
#include <optional>

namespace lanpigeon {

class BuddyTracker;
class DiscoveryService;
class FileTransferService;
class HostListService;
class HistoryStore;
class InterfaceWatcher;
class KeyExchange;
class MessageService;
class OfflineQueue;
class PersonTracker;
class RoomService;
class TransferThreads;
class UdpTransport;
namespace pictures {
class PictureService;
}
namespace crypto {
class KeyRing;
}

// Messenger moves it to its `network` thread and calls it only through queued calls on it;
// tests use it on their own thread. Either way, every method and every service runs on the
// thread the node lives on (the services assert it).
class NetworkNode final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkNode)

public:
    // Makes the services and their transfer threads; opens nothing yet.
    explicit NetworkNode(const NodeConfig &config, QObject *parent = nullptr);
    // Stops the transfer threads first (uploads read the file service's offer registry), then
    // deletes each service before those it uses. Runs on the node's thread.
    ~NetworkNode() override;

    // Why start() failed.
    struct StartFailure
    {
        QString error;
        // History could not be opened; no socket was tried.
        bool history = false;
        // Why the UDP socket or the TCP listener refused, when one did.
        QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError;
    };
    // Opens history, our key (made on the first start of a profile), the UDP socket and the TCP
    // listener (same address and port), numbers packets on from the profile's last one, and
    // announces us.
    std::optional<StartFailure> start();
    // Ends transfers, says BR_EXIT and keeps the last packet number in the profile. The
    // sockets stay open until the node is deleted.
    void stop();
    // Stops every upload and download at once, without cancelling each: for a process going away.
    void stopTransfers();
    // Interfaces, our socket, the last packets per interface and what they add up to; also
    // after a start that failed.
    NetworkSnapshot networkSnapshot();
    // Discovery announces it; the message service answers with it while away.
    void setStatus(ipmsg::Status status, const QString &awayMessage);
    // Moves UDP and TCP to address:port while running. Both new sockets are bound first: if
    // either cannot be (port in use, address not ours), the failure says why and nothing
    // changes. Then BR_EXIT goes from the old port and BR_ENTRY from the new; peers, chats,
    // the offline queue and running transfers stay; offers made before stay fetchable on the
    // old TCP port until they end (and the old UDP port hears their releases until then).
    std::optional<StartFailure> rebind(const QHostAddress &address, quint16 port);
    // Legacy peers get this code page from the next packet on.
    void setLegacyCodec(const QByteArray &codec);
    // Answer GETLIST from now on, or not; fetch the lists of hosts not asked yet.
    void setHostListSharing(bool share);
    void setListFrom(const QList<QHostAddress> &hosts);
    quint16 port() const { return m_config.port; }
    const QHostAddress &bindAddress() const { return m_config.bindAddress; }

    UdpTransport *transport() const { return m_transport; }
    DiscoveryService *discovery() const { return m_discovery; }
    MessageService *messages() const { return m_messages; }
    RoomService *rooms() const { return m_rooms; }
    KeyExchange *keys() const { return m_keys; }
    FileTransferService *files() const { return m_files; }
    HistoryStore *history() const { return m_history.get(); }
    TransferThreads *transferThreads() const { return m_transferThreads; }
    pictures::PictureService *pictures() const { return m_pictures; }
    OfflineQueue *queue() const { return m_queue; }
    HostListService *hostLists() const { return m_hostLists; }
    BuddyTracker *buddies() const { return m_buddies; }
    InterfaceWatcher *interfaces() const { return m_interfaces; }
    PersonTracker *tracker() const { return m_tracker; }
    // Our key and the peers' pinned keys; thread-safe (the transfer threads read it too).
    // Holds its key once start() opened it from the profile.
    const std::shared_ptr<crypto::KeyRing> &keyRing() const { return m_keyRing; }

private:
    // One step of indexing a history older than its full-text index, then the next from the
    // event loop, so packets are handled between steps.
    void indexHistoryBacklog();

    NodeConfig m_config;
    // Why the UDP socket or the TCP listener could not bind, for the diagnosis.
    QAbstractSocket::SocketError m_bindError = QAbstractSocket::UnknownSocketError;
    bool m_bound = false;
    std::shared_ptr<crypto::KeyRing> m_keyRing;
    // Not a QObject: a Qt SQL connection belongs to the thread that opened it, start()'s.
    std::unique_ptr<HistoryStore> m_history;
    // Children, so moving the node to a thread takes them along.
    UdpTransport *m_transport;
    DiscoveryService *m_discovery;
    KeyExchange *m_keys;
    MessageService *m_messages;
    RoomService *m_rooms;
    TransferThreads *m_transferThreads;
    FileTransferService *m_files;
    pictures::PictureService *m_pictures;
    PersonTracker *m_tracker;
    OfflineQueue *m_queue;
    HostListService *m_hostLists = nullptr;
    BuddyTracker *m_buddies;
    // Tells the transport and discovery of addresses that come and go while we run.
    InterfaceWatcher *m_interfaces;
};

} // namespace lanpigeon
