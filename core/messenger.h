// The core's front door: runs discovery, messaging and history on a network thread.
#pragma once

#include "chatmessage.h"
#include "nodeconfig.h"
#include "peer.h"

#include <QObject>

#include <atomic>

class QThread;

namespace lanpigeon {

class DiscoveryService;
class HistoryStore;
class MessageService;
class PeerModel;
class UdpTransport;

class Messenger final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Messenger)

public:
    explicit Messenger(const NodeConfig &config, QObject *parent = nullptr);
    // Says BR_EXIT if still running, then stops the network thread.
    ~Messenger() override;

    const NodeConfig &config() const { return m_config; }
    PeerModel *peerModel() const { return m_peerModel; }
    QString historyPath() const;
    bool isRunning() const { return m_running; }

    // Asynchronous: started() or startFailed() follows.
    void start();
    // Asynchronous: BR_EXIT to everyone, then stopped().
    void shutdown();
    void announce();
    void setStatus(ipmsg::Status status, const QString &awayMessage);
    // Returns the new message's id; states follow through messageStateChanged().
    QString sendMessage(const QStringList &peerIds, const QString &text, bool sealed = false);
    void markRead(const QString &messageId);

signals:
    void started();
    void startFailed(const QString &error);
    void stopped();
    void peerUpdated(const lanpigeon::Peer &peer);
    void peerRemoved(const QString &id, const QString &reason);
    void messageStored(const lanpigeon::ChatMessage &message);
    void messageReceived(const lanpigeon::ChatMessage &message);
    void messageStateChanged(const QString &messageId, const QString &peerId,
                             lanpigeon::DeliveryState state, const QString &error);
    void warning(const QString &text);

private:
    void stopOnNetworkThread();

    NodeConfig m_config;
    PeerModel *m_peerModel;
    QThread *m_thread;
    UdpTransport *m_transport;
    DiscoveryService *m_discovery;
    MessageService *m_messages;
    HistoryStore *m_history;
    // Written on the network thread, read anywhere.
    std::atomic<bool> m_running = false;
};

} // namespace lanpigeon
