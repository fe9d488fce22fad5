#include "messaging/hostlistservice.h"

#include "common/threadcheck.h"
#include "ipmsg/ipmsg.h"
#include "ipmsg/textcodec.h"
#include "messaging/discoveryservice.h"
#include "messaging/messaginglog.h"
#include "messaging/udptransport.h"

#include <QTimer>

namespace lanpigeon {

using namespace ipmsg;

namespace {
// A list larger than any LAN, or pages without end, is a host lying to us.
constexpr int MaxHostsPerList = 10000;
constexpr int MaxPagesPerList = 500;
} // namespace

HostListService::HostListService(UdpTransport *transport, DiscoveryService *discovery,
                                 const NodeConfig &config, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_discovery(discovery)
    , m_config(config)
    , m_retry(new QTimer(this))
{
    m_retry->setSingleShot(true);
    m_retry->setInterval(AnswerMs);
    connect(m_retry, &QTimer::timeout, this, &HostListService::askAgain);
    connect(m_transport, &UdpTransport::packetReceived, this, &HostListService::handlePacket);
}

HostListService::~HostListService() = default;

void HostListService::start()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_started = true;
    for (const QHostAddress &host : std::as_const(m_config.listFrom))
        ask(host);
}

void HostListService::setListFrom(const QList<QHostAddress> &hosts)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_config.listFrom = hosts;
    if (!m_started)
        return;
    for (const QHostAddress &host : hosts) {
        const bool asked = std::any_of(m_fetches.cbegin(), m_fetches.cend(), [&](const Fetch &f) {
            return f.host.isEqual(host, QHostAddress::TolerantConversion) &&
                   f.port == m_config.port;
        });
        if (!asked)
            ask(host);
    }
}

void HostListService::ask(const QHostAddress &host)
{
    Fetch fetch;
    fetch.host = host;
    fetch.port = m_config.port;
    m_fetches.append(fetch);
    // Our entry first, so the list host knows us before it serves our list: of two hosts that
    // fetch at once, the one it met first is on the other's list and gets its probe. Sent after
    // the list (as IP Messenger does), two hosts whose fetches overlap never meet.
    m_discovery->probe(host, fetch.port);
    m_transport->send(m_transport->makePacket(Mode::BrIsGetList2, QByteArray(1, '\0')), host,
                      fetch.port);
    m_retry->start();
}

void HostListService::askAgain()
{
    bool waiting = false;
    for (Fetch &fetch : m_fetches) {
        if (fetch.okd)
            continue;
        if (fetch.retried) {
            qCInfo(lcDiscovery, "no host list from %s: it did not answer (is sharing on there?)",
                   qPrintable(fetch.host.toString()));
            continue;
        }
        fetch.retried = true;
        waiting = true;
        // RETRYOPT: a host that is itself fetching a list answers only a retry.
        m_transport->send(
            m_transport->makePacket(Mode::BrIsGetList2 | Opt::Retry, QByteArray(1, '\0')),
            fetch.host, fetch.port);
    }
    if (waiting)
        m_retry->start();
}

HostListService::Fetch *HostListService::fetchFrom(const QHostAddress &from, quint16 port)
{
    for (Fetch &fetch : m_fetches) {
        if (fetch.host.isEqual(from, QHostAddress::TolerantConversion) && fetch.port == port)
            return &fetch;
    }
    return nullptr;
}

void HostListService::handlePacket(const Packet &packet, const QHostAddress &from, quint16 port)
{
    switch (packet.mode()) {
    case Mode::BrIsGetList:
    case Mode::BrIsGetList2:
        answerListRequest(packet, from, port);
        return;
    case Mode::GetList:
        if (m_config.shareHostList)
            sendPage(packet, from, port);
        return;
    case Mode::OkGetList:
        if (Fetch *fetch = fetchFrom(from, port); fetch && !fetch->okd) {
            fetch->okd = true;
            m_transport->send(
                m_transport->makePacket(Mode::GetList | Opt::CapUtf8, encodeGetList(0) + '\0'),
                from, port);
        }
        return;
    case Mode::AnsList:
        takePage(packet, from, port);
        return;
    default:
        return;
    }
}

void HostListService::answerListRequest(const Packet &packet, const QHostAddress &from,
                                        quint16 port)
{
    if (!m_config.shareHostList)
        return;
    // As IP Messenger: while fetching a list of our own, only a retry is answered, so two hosts
    // starting together do not both serve half-built lists.
    const bool fetching = std::any_of(m_fetches.cbegin(), m_fetches.cend(),
                                      [](const Fetch &f) { return !f.okd && !f.retried; });
    if (fetching && !packet.has(Opt::Retry))
        return;
    m_transport->send(m_transport->makePacket(Mode::OkGetList, QByteArray(1, '\0')), from, port);
}

QList<HostListEntry> HostListService::ourList(bool utf8) const
{
    auto bytes = [&](const QString &text) {
        return utf8 ? text.toUtf8() : text::encode(text, m_config.legacyCodec);
    };
    QList<HostListEntry> list;
    const QList<Peer> peers = m_discovery->peers();
    list.reserve(peers.size());
    for (const Peer &p : peers) {
        if (p.address.protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        HostListEntry e;
        e.user = bytes(p.user);
        e.host = bytes(p.host);
        // Never 0, nor BR_EXIT in the low byte: IP Messenger reads either as "gone".
        e.status = Mode::BrEntry | (p.status != Status::Online ? Opt::Absence : 0) |
                   (p.takesUtf8 ? Opt::CapUtf8 : 0) | (p.canEncrypt ? Opt::Encrypt : 0);
        e.address = p.address.toString().toLatin1();
        e.port = p.port;
        e.nick = bytes(p.nick);
        e.group = bytes(p.group);
        list.append(e);
    }
    return list;
}

void HostListService::sendPage(const Packet &packet, const QHostAddress &from, quint16 port)
{
    const std::optional<int> start = decodeGetList(packet.extra);
    if (!start)
        return;
    const bool utf8 = packet.has(Opt::CapUtf8) || packet.has(Opt::Utf8);
    QList<HostListEntry> list = ourList(utf8);
    // The asker knows itself.
    list.removeIf([&](const HostListEntry &e) {
        return QHostAddress(QString::fromLatin1(e.address)).isEqual(from) && e.port == port;
    });
    int next = 0;
    const QByteArray body = encodeHostList(list, *start, m_config.hostListPageBytes, &next);
    qCDebug(lcDiscovery, "host list for %s from %d: next %d", qPrintable(from.toString()), *start,
            next);
    m_transport->send(m_transport->makePacket(Mode::AnsList | (utf8 ? Opt::Utf8 : 0), body + '\0'),
                      from, port);
}

void HostListService::takePage(const Packet &packet, const QHostAddress &from, quint16 port)
{
    // Only the list we asked for, while we page through it.
    Fetch *fetch = fetchFrom(from, port);
    if (!fetch || !fetch->okd || fetch->expectedStart < 0)
        return;
    const std::optional<HostListPage> page = decodeHostList(packet.extra);
    if (!page) {
        qCInfo(lcDiscovery, "host list from %s is malformed: ignored", qPrintable(from.toString()));
        return;
    }
    for (const HostListEntry &e : page->hosts) {
        if (fetch->hosts >= MaxHostsPerList)
            break;
        const QHostAddress address(QString::fromLatin1(e.address));
        // Status 0, or BR_EXIT in its low byte, is IP Messenger's "gone".
        if (address.protocol() != QAbstractSocket::IPv4Protocol || e.port == 0 || e.status == 0 ||
            (e.status & 0xff) == Mode::BrExit)
            continue;
        ++fetch->hosts;
        const QString id = Peer::makeId(address, e.port);
        if (m_probed.contains(id) || m_discovery->peer(id))
            continue;
        m_probed.insert(id);
        m_discovery->probe(address, e.port);
    }
    const bool more = page->nextStart > fetch->expectedStart &&
                      page->nextStart / std::max(1, int(page->hosts.size())) < MaxPagesPerList &&
                      fetch->hosts < MaxHostsPerList;
    if (page->nextStart != 0 && more) {
        fetch->expectedStart = page->nextStart;
        m_transport->send(m_transport->makePacket(Mode::GetList | Opt::CapUtf8,
                                                  encodeGetList(page->nextStart) + '\0'),
                          from, port);
        return;
    }
    fetch->expectedStart = -1;
    qCInfo(lcDiscovery, "host list from %s: %d hosts", qPrintable(from.toString()), fetch->hosts);
    emit listFetched(from, fetch->hosts);
    // As IP Messenger ends its list-get: a normal entry, now that the list's hosts were met.
    // The host that gave the list, which does not name itself, had ours before it.
    m_discovery->announce();
}

} // namespace lanpigeon
