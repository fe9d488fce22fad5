#include "clirunner.h"

#include "history/historystore.h"
#include "messenger.h"
#include "files/offerprompt.h"
#include "models/peermodel.h"
#include "profile/profilesettings.h"
#include "signalwatcher.h"
#include "stormcommand.h"
#include "tftpcommand.h"
#include "models/transfermodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

namespace lanpigeon::cli {

namespace {

void out(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

void err(const QString &line)
{
    std::fputs(qPrintable(QStringLiteral("lanpigeon-cli: ") + line + QLatin1Char('\n')), stderr);
    std::fflush(stderr);
}

// "IP" or "IP:PORT" become a peer id; anything else is a nick.
std::optional<QString> peerIdFromAddress(const QString &target, quint16 defaultPort)
{
    QString host = target;
    quint16 port = defaultPort;
    const int colon = target.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && target.count(QLatin1Char(':')) == 1) {
        bool ok = false;
        const uint p = target.mid(colon + 1).toUInt(&ok);
        if (!ok || p == 0 || p > 65535)
            return std::nullopt;
        host = target.left(colon);
        port = quint16(p);
    }
    QHostAddress address;
    if (!address.setAddress(host) || address.protocol() != QAbstractSocket::IPv4Protocol)
        return std::nullopt;
    return Peer::makeId(address, port);
}

} // namespace

CliRunner::CliRunner(QObject *parent)
    : QObject(parent)
    , m_deadline(new QTimer(this))
{
    m_deadline->setSingleShot(true);
}

CliRunner::~CliRunner() = default;

std::optional<int> CliRunner::start(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "LanPigeon command line: a LAN messenger speaking the IP Messenger protocol.\n\n"
        "Commands:\n"
        "  peers     announce, wait, list the peers found\n"
        "  send      send TEXT to --to recipients; exit 0 once all acknowledged\n"
        "  listen    stay online and print each message received\n"
        "  watch     stay online and print peers as they join, change and leave\n"
        "  send-file offer files and folders to --to recipients; exit 0 once fetched or released\n"
        "  receive   fetch offered files and folders into --dir\n"
        "  storm     send --count messages round-robin to --to peers, count what arrives, print a "
        "summary\n"
        "  tftp serve DIR | tftp get HOST[:PORT] REMOTE [LOCAL] | tftp put HOST[:PORT] LOCAL "
        "[REMOTE]\n"
        "  history   print stored messages from the profile's history"));
    p.addHelpOption();
    p.addVersionOption();
    p.addPositionalArgument(QStringLiteral("command"),
                            QStringLiteral("peers, send, listen, watch or history"));
    const QList<QCommandLineOption> options = {
        {QStringLiteral("bind"), QStringLiteral("Local IPv4 address to bind (default: any)."),
         QStringLiteral("IP")},
        {QStringLiteral("port"), QStringLiteral("UDP/TCP port (default 2425)."),
         QStringLiteral("N")},
        {QStringLiteral("nick"), QStringLiteral("Nickname to announce."), QStringLiteral("NAME")},
        {QStringLiteral("group"), QStringLiteral("Workgroup to announce."), QStringLiteral("NAME")},
        {QStringLiteral("profile"), QStringLiteral("Settings and history folder."),
         QStringLiteral("DIR")},
        {QStringLiteral("extra-host"),
         QStringLiteral("Also announce to ADDR (unicast or a subnet broadcast); repeatable."),
         QStringLiteral("ADDR")},
        {QStringLiteral("no-broadcast"),
         QStringLiteral("Announce only to --extra-host addresses.")},
        {QStringLiteral("legacy-codec"),
         QStringLiteral("Code page for legacy peers (default GB18030)."), QStringLiteral("NAME")},
        {QStringLiteral("status"), QStringLiteral("online, away or busy."),
         QStringLiteral("STATUS")},
        {QStringLiteral("away-message"), QStringLiteral("Auto-reply text while away or busy."),
         QStringLiteral("TEXT")},
        {QStringLiteral("announce-interval-ms"),
         QStringLiteral("Heartbeat period (default 30000)."), QStringLiteral("MS")},
        {QStringLiteral("peer-timeout-ms"),
         QStringLiteral("Drop peers silent this long (default 100000)."), QStringLiteral("MS")},
        {QStringLiteral("retry-ms"),
         QStringLiteral("Resend an unacknowledged message after MS (default 1000)."),
         QStringLiteral("MS")},
        {QStringLiteral("attempts"), QStringLiteral("Sends before a message fails (default 5)."),
         QStringLiteral("N")},
        {QStringLiteral("json"), QStringLiteral("Print JSON (one object per line).")},
        {QStringLiteral("wait"),
         QStringLiteral("peers: seconds to listen (default 2); send: seconds to find nicks "
                        "(default 3); watch: seconds before exiting (default: until killed)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("expect"),
         QStringLiteral("peers: stop as soon as N peers are known; exit 1 if fewer."),
         QStringLiteral("N")},
        {QStringLiteral("to"), QStringLiteral("send: recipient IP, IP:PORT or nick; repeatable."),
         QStringLiteral("WHO")},
        {QStringLiteral("sealed"),
         QStringLiteral("send: seal the message (the reader must open it).")},
        {QStringLiteral("until-read"),
         QStringLiteral("send: with --sealed, wait until every reader opened it.")},
        {QStringLiteral("count"),
         QStringLiteral(
             "listen: exit after N messages; receive: after N offers; storm: messages to send."),
         QStringLiteral("N")},
        {QStringLiteral("open-sealed"),
         QStringLiteral("listen: open sealed messages at once (sends read receipts).")},
        {QStringLiteral("message"), QStringLiteral("send-file: text to go with the files."),
         QStringLiteral("TEXT")},
        {QStringLiteral("accept-all"), QStringLiteral("receive: take every offer without asking.")},
        {QStringLiteral("dir"),
         QStringLiteral("receive: where files go (default: the Downloads folder)."),
         QStringLiteral("DIR")},
        {QStringLiteral("peer"), QStringLiteral("history: only this peer id (IP:PORT)."),
         QStringLiteral("ID")},
        {QStringLiteral("allow-write"),
         QStringLiteral("tftp serve: accept uploads (new files only).")},
        {QStringLiteral("quota"), QStringLiteral("tftp serve: largest upload in bytes."),
         QStringLiteral("BYTES")},
        {QStringLiteral("blksize"),
         QStringLiteral("tftp get/put: block size (default: path MTU - 32)."), QStringLiteral("N")},
        {QStringLiteral("windowsize"),
         QStringLiteral("tftp get/put: blocks per window (RFC 7440)."), QStringLiteral("N")},
        {QStringLiteral("timeout"), QStringLiteral("tftp get/put: timeout option in seconds."),
         QStringLiteral("S")},
        {QStringLiteral("mode"), QStringLiteral("tftp get/put: octet (default) or netascii."),
         QStringLiteral("MODE")},
        {QStringLiteral("search"), QStringLiteral("history: only messages containing TEXT."),
         QStringLiteral("TEXT")},
        {QStringLiteral("limit"), QStringLiteral("history: at most N messages (default 100)."),
         QStringLiteral("N")},
        {QStringLiteral("interval-ms"),
         QStringLiteral("storm: milliseconds between two sends (default 5)."),
         QStringLiteral("MS")},
    };
    p.addOptions(options);
    p.process(arguments);

    const QStringList positional = p.positionalArguments();
    if (positional.isEmpty()) {
        err(QStringLiteral("no command given; see --help"));
        return 2;
    }
    m_command = positional.first();
    m_json = p.isSet(QStringLiteral("json"));

    m_config = ProfileSettings::defaults();
    const ProfileSettings profile(p.value(QStringLiteral("profile")));
    profile.load(&m_config);
    auto intOption = [&](const QString &name, int fallback, bool *ok) {
        if (!p.isSet(name))
            return fallback;
        bool good = false;
        const int v = p.value(name).toInt(&good);
        if (!good || v < 0) {
            err(QStringLiteral("--%1 needs a non-negative number").arg(name));
            *ok = false;
        }
        return v;
    };
    bool ok = true;
    if (p.isSet(QStringLiteral("bind"))) {
        const QHostAddress bind(p.value(QStringLiteral("bind")));
        if (bind.isNull() || bind.protocol() != QAbstractSocket::IPv4Protocol) {
            err(QStringLiteral("--bind needs an IPv4 address"));
            return 2;
        }
        m_config.bindAddress = bind;
    }
    const int port = intOption(QStringLiteral("port"), m_config.port, &ok);
    if (ok && (port < 1 || port > 65535)) {
        err(QStringLiteral("--port must be 1..65535"));
        return 2;
    }
    m_config.port = quint16(port);
    if (p.isSet(QStringLiteral("nick")))
        m_config.nick = p.value(QStringLiteral("nick"));
    if (p.isSet(QStringLiteral("group")))
        m_config.group = p.value(QStringLiteral("group"));
    const QStringList extras = p.values(QStringLiteral("extra-host"));
    for (const QString &h : extras) {
        const QHostAddress a(h);
        if (a.isNull() || a.protocol() != QAbstractSocket::IPv4Protocol) {
            err(QStringLiteral("--extra-host '%1' is not an IPv4 address").arg(h));
            return 2;
        }
        if (!m_config.extraHosts.contains(a))
            m_config.extraHosts.append(a);
    }
    if (p.isSet(QStringLiteral("no-broadcast")))
        m_config.broadcast = false;
    if (p.isSet(QStringLiteral("legacy-codec")))
        m_config.legacyCodec = p.value(QStringLiteral("legacy-codec")).toLatin1();
    if (p.isSet(QStringLiteral("status"))) {
        const QString s = p.value(QStringLiteral("status"));
        if (s != QLatin1String("online") && s != QLatin1String("away") &&
            s != QLatin1String("busy")) {
            err(QStringLiteral("--status must be online, away or busy"));
            return 2;
        }
        m_config.status = ipmsg::statusFromName(s);
    }
    if (p.isSet(QStringLiteral("away-message")))
        m_config.awayMessage = p.value(QStringLiteral("away-message"));
    m_config.announceIntervalMs =
        intOption(QStringLiteral("announce-interval-ms"), m_config.announceIntervalMs, &ok);
    m_config.peerTimeoutMs =
        intOption(QStringLiteral("peer-timeout-ms"), m_config.peerTimeoutMs, &ok);
    m_config.retryIntervalMs = intOption(QStringLiteral("retry-ms"), m_config.retryIntervalMs, &ok);
    m_config.maxAttempts =
        std::max(1, intOption(QStringLiteral("attempts"), m_config.maxAttempts, &ok));
    m_config.profileDir = profile.profileDir();
    if (!ok)
        return 2;

    if (m_command == QLatin1String("history"))
        return runHistory(p);
    if (m_command == QLatin1String("tftp"))
        return (new TftpCommand(this))->start(p, positional.mid(1));
    static const QStringList commands{QStringLiteral("peers"),     QStringLiteral("send"),
                                      QStringLiteral("listen"),    QStringLiteral("watch"),
                                      QStringLiteral("send-file"), QStringLiteral("receive"),
                                      QStringLiteral("storm")};
    if (!commands.contains(m_command)) {
        err(QStringLiteral("unknown command '%1'; see --help").arg(m_command));
        return 2;
    }

    m_messenger = new Messenger(m_config, this);
    auto *signals_ = new SignalWatcher(this);
    connect(signals_, &SignalWatcher::terminationRequested, this, [this] { finish(m_exitCode); });
    connect(m_messenger, &Messenger::startFailed, this, [this](const QString &error) {
        err(error);
        finish(1);
    });
    connect(m_messenger, &Messenger::warning, this, [](const QString &w) { err(w); });
    connect(m_messenger, &Messenger::stopped, this, [this] { QCoreApplication::exit(m_exitCode); });
    connect(m_deadline, &QTimer::timeout, this, [this] {
        if (m_command == QLatin1String("watch")) {
            finish(0);
        } else if (m_command == QLatin1String("peers")) {
            printPeers();
            finish(m_expectPeers >= 0 && m_messenger->peerModel()->rowCount() < m_expectPeers ? 1
                                                                                              : 0);
        } else {
            QStringList missing;
            for (const QString &t : std::as_const(m_targets))
                missing.append(t);
            err(QStringLiteral("no peer found for: %1").arg(missing.join(QStringLiteral(", "))));
            finish(1);
        }
    });

    if (m_command == QLatin1String("peers"))
        startPeers(p);
    else if (m_command == QLatin1String("send"))
        startSend(p);
    else if (m_command == QLatin1String("watch"))
        startWatch(p);
    else if (m_command == QLatin1String("send-file"))
        startSendFile(p);
    else if (m_command == QLatin1String("receive"))
        startReceive(p);
    else if (m_command == QLatin1String("storm"))
        startStorm(p);
    else
        startListen(p);
    if (m_finishing)
        return m_exitCode;
    m_messenger->start();
    return std::nullopt;
}

int CliRunner::runHistory(const QCommandLineParser &p)
{
    HistoryStore store;
    QString error;
    if (!store.open(ProfileSettings(m_config.profileDir).historyPath(), &error)) {
        err(error);
        return 1;
    }
    const int limit =
        p.isSet(QStringLiteral("limit")) ? p.value(QStringLiteral("limit")).toInt() : 100;
    const QString peer = p.value(QStringLiteral("peer"));
    QList<ChatMessage> messages;
    if (p.isSet(QStringLiteral("search")))
        messages = store.search(p.value(QStringLiteral("search")), peer, limit);
    else if (!peer.isEmpty())
        messages = store.conversation(peer, limit);
    else
        messages = store.recent(limit);
    for (const ChatMessage &m : std::as_const(messages)) {
        if (m_json)
            out(messageJson(m));
        else
            out(QStringLiteral("%1 %2 %3 [%4] %5")
                    .arg(QDateTime::fromMSecsSinceEpoch(m.timestampMs).toString(Qt::ISODate),
                         m.direction == Direction::Incoming ? QStringLiteral("<-")
                                                            : QStringLiteral("->"),
                         m.peerNick + QLatin1Char('(') + m.peerId + QLatin1Char(')'),
                         deliveryStateName(m.state), m.text));
    }
    return 0;
}

void CliRunner::startPeers(const QCommandLineParser &p)
{
    const double wait =
        p.isSet(QStringLiteral("wait")) ? p.value(QStringLiteral("wait")).toDouble() : 2.0;
    if (p.isSet(QStringLiteral("expect")))
        m_expectPeers = p.value(QStringLiteral("expect")).toInt();
    connect(m_messenger, &Messenger::started, this,
            [this, wait] { m_deadline->start(int(wait * 1000)); });
    connect(m_messenger, &Messenger::peerUpdated, this, [this] {
        if (m_expectPeers >= 0 && m_messenger->peerModel()->rowCount() >= m_expectPeers &&
            !m_finishing) {
            m_deadline->stop();
            printPeers();
            finish(0);
        }
    });
}

void CliRunner::printPeers()
{
    const QList<Peer> peers = m_messenger->peerModel()->peers();
    for (const Peer &peer : peers) {
        if (m_json)
            out(peerJson(peer));
        else
            out(QStringLiteral("%1\t%2\t%3\t%4\t%5")
                    .arg(peer.displayName(), peer.group, peer.id, ipmsg::clientKindName(peer.kind),
                         ipmsg::statusName(peer.status)));
    }
}

void CliRunner::startSend(const QCommandLineParser &p, bool plainMessage)
{
    if (plainMessage)
        m_text = p.positionalArguments().mid(1).join(QLatin1Char(' '));
    m_targets = p.values(QStringLiteral("to"));
    m_sealed = p.isSet(QStringLiteral("sealed"));
    m_untilRead = m_sealed && p.isSet(QStringLiteral("until-read"));
    if (m_targets.isEmpty() || (plainMessage && m_text.isEmpty())) {
        err(QStringLiteral("send needs --to and a TEXT"));
        m_finishing = true;
        m_exitCode = 2;
        return;
    }
    const double wait =
        p.isSet(QStringLiteral("wait")) ? p.value(QStringLiteral("wait")).toDouble() : 3.0;
    connect(m_messenger, &Messenger::started, this, [this, wait] {
        m_deadline->start(int(wait * 1000));
        trySendResolved();
    });
    connect(m_messenger, &Messenger::peerUpdated, this, [this] { trySendResolved(); });
    connect(m_messenger, &Messenger::messageStateChanged, this,
            [this](const QString &id, const QString &peerId, DeliveryState state,
                   const QString &error) {
                if (id != m_messageId || !m_recipientStates.contains(peerId))
                    return;
                m_recipientStates[peerId] = state;
                if (state == DeliveryState::Failed) {
                    err(QStringLiteral("%1: %2").arg(peerId, error));
                    m_exitCode = 1;
                } else if (m_json) {
                    QJsonObject o{{QStringLiteral("id"), id},
                                  {QStringLiteral("peer"), peerId},
                                  {QStringLiteral("state"), deliveryStateName(state)}};
                    out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
                } else {
                    out(QStringLiteral("%1: %2").arg(peerId, deliveryStateName(state)));
                }
                for (DeliveryState s : std::as_const(m_recipientStates)) {
                    if (s == DeliveryState::Sending ||
                        (m_untilRead && s == DeliveryState::Delivered))
                        return;
                }
                // A file offer lasts until fetched or released, not just until acknowledged.
                if (m_command == QLatin1String("send") || m_exitCode != 0)
                    finish(m_exitCode);
            });
}

void CliRunner::trySendResolved()
{
    if (m_sent || m_finishing || !m_messenger->isRunning())
        return;
    QStringList ids;
    for (const QString &target : std::as_const(m_targets)) {
        if (const auto id = peerIdFromAddress(target, m_config.port)) {
            ids.append(*id);
            continue;
        }
        const QList<Peer> found = m_messenger->peerModel()->findByName(target);
        if (found.isEmpty())
            return;
        for (const Peer &peer : found)
            ids.append(peer.id);
    }
    ids.removeDuplicates();
    m_sent = true;
    m_deadline->stop();
    for (const QString &id : std::as_const(ids))
        m_recipientStates.insert(id, DeliveryState::Sending);
    if (m_command == QLatin1String("send-file"))
        m_messageId = m_messenger->offerFiles(ids, m_paths, m_text);
    else
        m_messageId = m_messenger->sendMessage(ids, m_text, m_sealed);
}

void CliRunner::startStorm(const QCommandLineParser &p)
{
    StormCommand::Options o;
    for (const QString &target : p.values(QStringLiteral("to"))) {
        const auto id = peerIdFromAddress(target, m_config.port);
        if (!id) {
            err(QStringLiteral("storm: --to takes IP or IP:PORT, not '%1'").arg(target));
            m_finishing = true;
            m_exitCode = 2;
            return;
        }
        o.peerIds.append(*id);
    }
    if (o.peerIds.isEmpty()) {
        err(QStringLiteral("storm needs --to"));
        m_finishing = true;
        m_exitCode = 2;
        return;
    }
    if (p.isSet(QStringLiteral("count")))
        o.count = p.value(QStringLiteral("count")).toInt();
    if (p.isSet(QStringLiteral("interval-ms")))
        o.intervalMs = p.value(QStringLiteral("interval-ms")).toInt();
    auto *storm = new StormCommand(m_messenger, o, this);
    connect(storm, &StormCommand::done, this, &CliRunner::finish);
}

void CliRunner::startListen(const QCommandLineParser &p)
{
    if (p.isSet(QStringLiteral("count")))
        m_remaining = p.value(QStringLiteral("count")).toInt();
    m_openSealed = p.isSet(QStringLiteral("open-sealed"));
    connect(m_messenger, &Messenger::started, this, [this] {
        if (!m_json)
            err(QStringLiteral("listening on %1:%2 as %3")
                    .arg(m_config.bindAddress.toString())
                    .arg(m_config.port)
                    .arg(m_config.nick));
    });
    connect(m_messenger, &Messenger::messageReceived, this, [this](const ChatMessage &m) {
        if (m_json)
            out(messageJson(m));
        else
            out(QStringLiteral("%1 (%2): %3").arg(m.peerNick, m.peerId, m.text));
        if (m.sealed && m_openSealed)
            m_messenger->markRead(m.id);
        if (m_remaining > 0 && --m_remaining == 0) {
            // Give the read receipt a moment to leave before BR_EXIT.
            QTimer::singleShot(m.sealed && m_openSealed ? 200 : 0, this, [this] { finish(0); });
        }
    });
}

void CliRunner::startWatch(const QCommandLineParser &p)
{
    const double wait =
        p.isSet(QStringLiteral("wait")) ? p.value(QStringLiteral("wait")).toDouble() : -1;
    connect(m_messenger, &Messenger::started, this, [this, wait] {
        if (wait >= 0)
            m_deadline->start(int(wait * 1000));
    });
    connect(m_messenger, &Messenger::peerUpdated, this, [this](const Peer &peer) {
        const bool known = m_watched.contains(peer.id);
        m_watched.insert(peer.id);
        const QString event = known ? QStringLiteral("update") : QStringLiteral("join");
        if (m_json) {
            QString line = peerJson(peer);
            line.insert(1, QStringLiteral("\"event\":\"%1\",\"ms\":%2,")
                               .arg(event)
                               .arg(QDateTime::currentMSecsSinceEpoch()));
            out(line);
        } else {
            out(QStringLiteral("%1\t%2\t%3\t%4")
                    .arg(event, peer.id, peer.displayName(), ipmsg::statusName(peer.status)));
        }
    });
    connect(m_messenger, &Messenger::peerRemoved, this,
            [this](const QString &id, const QString &reason) {
                m_watched.remove(id);
                if (m_json) {
                    const QJsonObject o{
                        {QStringLiteral("event"), QStringLiteral("leave")},
                        {QStringLiteral("id"), id},
                        {QStringLiteral("reason"), reason},
                        {QStringLiteral("ms"), QDateTime::currentMSecsSinceEpoch()}};
                    out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
                } else {
                    out(QStringLiteral("leave\t%1\t%2").arg(id, reason));
                }
            });
}

void CliRunner::startSendFile(const QCommandLineParser &p)
{
    m_paths = p.positionalArguments().mid(1);
    m_text = p.value(QStringLiteral("message"));
    if (p.values(QStringLiteral("to")).isEmpty() || m_paths.isEmpty()) {
        err(QStringLiteral("send-file needs --to and at least one PATH"));
        m_finishing = true;
        m_exitCode = 2;
        return;
    }
    for (QString &path : m_paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            err(QStringLiteral("%1: no such file or folder").arg(path));
            m_finishing = true;
            m_exitCode = 2;
            return;
        }
        path = info.absoluteFilePath();
    }
    // Recipient resolution and acknowledgement are those of send.
    startSend(p, false);
    connect(m_messenger, &Messenger::offerFinished, this,
            [this](const QString &id, const QString &how) {
                if (id != m_messageId)
                    return;
                out(QStringLiteral("offer %1").arg(how));
                finish(how == QLatin1String("cancelled") ? 1 : 0);
            });
    connect(m_messenger, &Messenger::offerFailed, this,
            [this](const QString &id, const QString &error) {
                if (id != m_messageId)
                    return;
                err(error);
                finish(1);
            });
    connect(m_messenger, &Messenger::transferFinished, this,
            [](const QString &, bool ok, const QString &error, const QString &) {
                if (!ok)
                    err(QStringLiteral("upload failed: %1").arg(error));
            });
    startProgressReports();
}

// Takes offers by rule (--accept-all) or by asking on the terminal.
class CliRunner::Prompt final : public OfferPrompt
{
public:
    explicit Prompt(CliRunner *runner)
        : m_runner(runner)
    {
    }

    void ask(const FileOffer &offer, Messenger &messenger) override
    {
        QStringList names;
        for (const OfferItem &i : offer.items)
            names.append(i.isDir ? i.name + QLatin1Char('/') : i.name);
        err(QStringLiteral("%1 offers %2 (%3 bytes)%4")
                .arg(offer.peerNick, names.join(QStringLiteral(", ")))
                .arg(offer.totalSize())
                .arg(offer.message.isEmpty() ? QString() : QStringLiteral(": ") + offer.message));
        bool accept = m_runner->m_acceptAll;
        if (!accept) {
            std::fputs("accept? [y/N] ", stderr);
            std::fflush(stderr);
            char line[16] = {};
            accept = std::fgets(line, sizeof line, stdin) && (line[0] == 'y' || line[0] == 'Y');
        }
        if (!accept) {
            messenger.rejectOffer(offer.id);
            m_runner->offerDone(false);
            return;
        }
        m_runner->m_expectedTransfers += int(offer.items.size());
        ++m_runner->m_acceptedOffers;
        messenger.acceptOffer(offer.id, m_runner->m_dir);
    }

private:
    CliRunner *m_runner;
};

void CliRunner::startReceive(const QCommandLineParser &p)
{
    if (p.isSet(QStringLiteral("count")))
        m_remaining = p.value(QStringLiteral("count")).toInt();
    m_acceptAll = p.isSet(QStringLiteral("accept-all"));
    m_dir = QFileInfo(p.isSet(QStringLiteral("dir")) ? p.value(QStringLiteral("dir"))
                                                     : m_config.downloadDir)
                .absoluteFilePath();
    m_prompt = std::make_unique<Prompt>(this);
    m_messenger->setOfferPrompt(m_prompt.get());
    connect(m_messenger, &Messenger::started, this, [this] {
        if (!m_json)
            err(QStringLiteral("receiving into %1").arg(m_dir));
    });
    connect(m_messenger, &Messenger::transferFinished, this,
            [this](const QString &id, bool ok, const QString &error, const QString &path) {
                if (m_json) {
                    const QJsonObject o{{QStringLiteral("transfer"), id},
                                        {QStringLiteral("ok"), ok},
                                        {QStringLiteral("error"), error},
                                        {QStringLiteral("path"), path}};
                    out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
                } else if (ok) {
                    out(QStringLiteral("received %1").arg(path));
                } else {
                    err(QStringLiteral("failed %1: %2").arg(path, error));
                }
                if (!ok)
                    m_exitCode = 1;
                if (++m_finishedTransfers == m_expectedTransfers)
                    offerDone(true);
            });
    startProgressReports();
}

void CliRunner::offerDone(bool accepted)
{
    if (!accepted)
        ++m_rejectedOffers;
    // Accepted offers are complete once every transfer started so far has finished.
    const bool idle = m_finishedTransfers == m_expectedTransfers;
    if (m_remaining > 0 && idle && m_acceptedOffers + m_rejectedOffers >= m_remaining)
        finish(m_exitCode);
}

void CliRunner::startProgressReports()
{
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, [this] {
        const auto transfers = m_messenger->transferModel()->transfers();
        for (const TransferModel::Transfer &t : transfers) {
            if (t.state != TransferModel::State::Active)
                continue;
            const qint64 eta = TransferModel::eta(t);
            err(QStringLiteral("%1 %2: %3% %4 MB/s%5")
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

void CliRunner::finish(int code)
{
    if (m_finishing && m_messenger)
        return;
    m_finishing = true;
    m_exitCode = code;
    if (m_messenger)
        m_messenger->shutdown();
}

QString CliRunner::peerJson(const Peer &peer)
{
    const QJsonObject o{{QStringLiteral("id"), peer.id},
                        {QStringLiteral("nick"), peer.nick},
                        {QStringLiteral("user"), peer.user},
                        {QStringLiteral("host"), peer.host},
                        {QStringLiteral("address"), peer.address.toString()},
                        {QStringLiteral("port"), peer.port},
                        {QStringLiteral("group"), peer.group},
                        {QStringLiteral("status"), ipmsg::statusName(peer.status)},
                        {QStringLiteral("awayMessage"), peer.awayMessage},
                        {QStringLiteral("client"), ipmsg::clientKindName(peer.kind)},
                        {QStringLiteral("version"), QString::fromUtf8(peer.version)}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString CliRunner::messageJson(const ChatMessage &m)
{
    const QJsonObject o{{QStringLiteral("id"), m.id},
                        {QStringLiteral("peer"), m.peerId},
                        {QStringLiteral("nick"), m.peerNick},
                        {QStringLiteral("direction"), m.direction == Direction::Incoming
                                                          ? QStringLiteral("in")
                                                          : QStringLiteral("out")},
                        {QStringLiteral("text"), m.text},
                        {QStringLiteral("sealed"), m.sealed},
                        {QStringLiteral("autoReply"), m.autoReply},
                        {QStringLiteral("state"), deliveryStateName(m.state)},
                        {QStringLiteral("packetNo"), QString::number(m.packetNo)},
                        {QStringLiteral("time"), m.timestampMs}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace lanpigeon::cli
