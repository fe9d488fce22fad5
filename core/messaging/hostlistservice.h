// IP Messenger's host-list exchange on the network thread: hands our buddy list to hosts that
// ask (when shared), and fetches one from configured hosts at start, so subnets no broadcast
// crosses see each other (ipmsg-extensions.md §3).
#pragma once

#include "ipmsg/hostlistcodec.h"
#include "ipmsg/ipmsgcodec.h"
#include "nodeconfig.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>

class QTimer;

namespace lanpigeon {

class DiscoveryService;
class UdpTransport;

// On the network thread (see NetworkNode): every method runs there, which it asserts.
// Hosts a list names are not taken on its word: each gets a BR_ENTRY and joins the buddy list
// only by answering it, so a lying list adds nobody who is not there.
class HostListService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostListService)

public:
    HostListService(UdpTransport *transport, DiscoveryService *discovery, const NodeConfig &config,
                    QObject *parent = nullptr);
    ~HostListService() override;

    // Asks each of NodeConfig::listFrom for its list (BR_ISGETLIST2, once more with RETRYOPT
    // if it stays silent), then pages through it with GETLIST.
    void start();
    void setSharing(bool share) { m_config.shareHostList = share; }
    // Asks the hosts not asked yet, once started; from now on hosts are asked at port.
    void setListFrom(const QList<QHostAddress> &hosts);
    void setPort(quint16 port) { m_config.port = port; }
    // For names in lists to legacy peers, from the next page on.
    void setLegacyCodec(const QByteArray &codec) { m_config.legacyCodec = codec; }
    // Hosts learnt from lists so far, each probed once.
    int hostsLearnt() const { return int(m_probed.size()); }

    // How long a list host has to answer BR_ISGETLIST2 before the retry, and then to give up.
    static constexpr int AnswerMs = 2000;

signals:
    // A list host sent its last page: how many hosts it named in all.
    void listFetched(const QHostAddress &from, int hosts);

private:
    struct Fetch
    {
        QHostAddress host;
        quint16 port = 0;
        bool okd = false;
        bool retried = false;
        // Where the next GETLIST starts; guards against a host sending pages out of turn.
        int expectedStart = 0;
        int hosts = 0;
    };

    void handlePacket(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void answerListRequest(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void sendPage(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void takePage(const ipmsg::Packet &packet, const QHostAddress &from, quint16 port);
    void askAgain();
    Fetch *fetchFrom(const QHostAddress &from, quint16 port);
    QList<ipmsg::HostListEntry> ourList(bool utf8) const;
    void ask(const QHostAddress &host);

    UdpTransport *m_transport;
    DiscoveryService *m_discovery;
    NodeConfig m_config;
    QList<Fetch> m_fetches;
    QSet<QString> m_probed;
    QTimer *m_retry;
    bool m_started = false;
};

} // namespace lanpigeon
