#include "clioptions.h"

#include "clioutput.h"
#include "messaging/peer.h"
#include "nodeconfig.h"
#include "profile/profilesettings.h"

#include <QCommandLineParser>

namespace lanpigeon::cli {

void describeOptions(QCommandLineParser &p)
{
    p.setApplicationDescription(QStringLiteral(
        "LanPigeon command line: a LAN messenger speaking the IP Messenger protocol.\n\n"
        "Commands:\n"
        "  peers     announce, wait, list the peers found\n"
        "  send      send TEXT (and --image pictures) to --to recipients; exit 0 once all "
        "acknowledged\n"
        "  listen    stay online and print each message received\n"
        "  watch     stay online and print peers as they join, change and leave\n"
        "  send-file offer files and folders to --to recipients; exit 0 once fetched or released\n"
        "            (or, with --queue, once queued for a peer who is offline)\n"
        "  receive   fetch offered files and folders into --dir\n"
        "  storm     send --count messages round-robin to --to peers, count what arrives, print a "
        "summary\n"
        "  tftp serve DIR | tftp get HOST[:PORT] REMOTE [LOCAL] | tftp put HOST[:PORT] LOCAL "
        "[REMOTE]\n"
        "  history   print stored messages from the profile's history; with --peer, --export FILE "
        "writes that chat (HTML for .html, else text) and --delete removes it\n"
        "  key       print our key's fingerprint (making the key if the profile has none)\n"
        "  room create NAME --member PEER... | room send NAME TEXT | room list\n"
        "  room add NAME --member PEER... | room remove NAME USER@HOST | room leave NAME\n"
        "            group chats: make one with peers (IP, IP:PORT or nick), write to its\n"
        "            members (exit 0 once all acknowledged; with --queue, offline members get\n"
        "            it when they are back), change its members, list the profile's rooms"));
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
        {QStringLiteral("list-from"),
         QStringLiteral("At start, fetch the buddy list of HOST (IP Messenger's host list, "
                        "for subnets no broadcast reaches) and meet everyone on it; "
                        "repeatable."),
         QStringLiteral("HOST")},
        {QStringLiteral("share-list"),
         QStringLiteral("Hand our buddy list to hosts that ask for it (GETLIST).")},
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
                        "(default 3); room create/send: seconds to find the members (default "
                        "3); watch: seconds before exiting (default: until killed)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("expect"),
         QStringLiteral("peers: stop as soon as N peers are known; exit 1 if fewer."),
         QStringLiteral("N")},
        {QStringLiteral("diagnose"),
         QStringLiteral("peers: then print why nobody may have answered, as the window's band "
                        "says it: none, no-interface-up, only-loopback, bind-address-missing, "
                        "port-held-by-other or no-answer; also when the start fails.")},
        {QStringLiteral("to"), QStringLiteral("send: recipient IP, IP:PORT or nick; repeatable."),
         QStringLiteral("WHO")},
        {QStringLiteral("member"),
         QStringLiteral("room create, room add: a member's IP, IP:PORT or nick; repeatable."),
         QStringLiteral("PEER")},
        {QStringLiteral("image"),
         QStringLiteral(
             "send: a PNG, JPEG, GIF, WebP or BMP picture to go after the text; repeatable."),
         QStringLiteral("PATH")},
        {QStringLiteral("sealed"),
         QStringLiteral("send: seal the message (the reader must open it).")},
        {QStringLiteral("until-read"),
         QStringLiteral("send: with --sealed, wait until every reader opened it.")},
        {QStringLiteral("queue"),
         QStringLiteral(
             "send, send-file, room send: keep the message or offer for a peer seen before (a "
             "room's member) who is offline (print \"queued\", exit 0); any node of this "
             "profile sends it when they are back.")},
        {QStringLiteral("count"),
         QStringLiteral(
             "listen: exit after N messages; receive: after N offers; storm: messages to send."),
         QStringLiteral("N")},
        {QStringLiteral("open-sealed"),
         QStringLiteral("listen: open sealed messages at once (sends read receipts).")},
        {QStringLiteral("commands"),
         QStringLiteral("listen: read lines on stdin while running: \"status online|away|busy "
                        "[TEXT]\", \"nick NAME\", \"group NAME\"; peers are told at once.")},
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
        {QStringLiteral("export"),
         QStringLiteral("history --peer ID: write that whole chat to FILE, as HTML with its "
                        "pictures for .html or .htm, as plain text otherwise."),
         QStringLiteral("FILE")},
        {QStringLiteral("delete"),
         QStringLiteral("history --peer ID: delete that chat's messages from history.")},
        {QStringLiteral("require-encryption"),
         QStringLiteral("send, send-file: fail rather than send plain text to a peer that cannot "
                        "encrypt.")},
        {QStringLiteral("no-encryption"),
         QStringLiteral("Announce no encryption and send everything plain (to measure its cost).")},
        {QStringLiteral("interval-ms"),
         QStringLiteral("storm: milliseconds between two sends (default 5)."),
         QStringLiteral("MS")},
    };
    p.addOptions(options);
}

std::optional<int> readNodeConfig(const QCommandLineParser &p, NodeConfig *config)
{
    NodeConfig &c = *config;
    c = ProfileSettings::defaults();
    const ProfileSettings profile(p.value(QStringLiteral("profile")));
    profile.load(&c);
    c.queueOffline = p.isSet(QStringLiteral("queue"));
    auto intOption = [&](const QString &name, int fallback, bool *ok) {
        if (!p.isSet(name))
            return fallback;
        bool good = false;
        const int v = p.value(name).toInt(&good);
        if (!good || v < 0) {
            say(QStringLiteral("--%1 needs a non-negative number").arg(name));
            *ok = false;
        }
        return v;
    };
    bool ok = true;
    if (p.isSet(QStringLiteral("bind"))) {
        const QHostAddress bind(p.value(QStringLiteral("bind")));
        if (bind.isNull() || bind.protocol() != QAbstractSocket::IPv4Protocol) {
            return usageError(QStringLiteral("--bind needs an IPv4 address"));
        }
        c.bindAddress = bind;
    }
    const int port = intOption(QStringLiteral("port"), c.port, &ok);
    if (ok && (port < 1 || port > 65535)) {
        return usageError(QStringLiteral("--port must be 1..65535"));
    }
    c.port = quint16(port);
    if (p.isSet(QStringLiteral("nick")))
        c.nick = p.value(QStringLiteral("nick"));
    if (p.isSet(QStringLiteral("group")))
        c.group = p.value(QStringLiteral("group"));
    for (const auto &[option, into] :
         {std::pair{QStringLiteral("extra-host"), &c.extraHosts},
          std::pair{QStringLiteral("list-from"), &c.listFrom}}) {
        const QStringList hosts = p.values(option);
        for (const QString &h : hosts) {
            const QHostAddress a(h);
            if (a.isNull() || a.protocol() != QAbstractSocket::IPv4Protocol)
                return usageError(
                    QStringLiteral("--%1 '%2' is not an IPv4 address").arg(option, h));
            if (!into->contains(a))
                into->append(a);
        }
    }
    if (p.isSet(QStringLiteral("share-list")))
        c.shareHostList = true;
    if (p.isSet(QStringLiteral("no-broadcast")))
        c.broadcast = false;
    if (p.isSet(QStringLiteral("legacy-codec")))
        c.legacyCodec = p.value(QStringLiteral("legacy-codec")).toLatin1();
    if (p.isSet(QStringLiteral("status"))) {
        const QString s = p.value(QStringLiteral("status"));
        if (s != QLatin1String("online") && s != QLatin1String("away") &&
            s != QLatin1String("busy")) {
            return usageError(QStringLiteral("--status must be online, away or busy"));
        }
        c.status = ipmsg::statusFromName(s);
    }
    if (p.isSet(QStringLiteral("away-message")))
        c.awayMessage = p.value(QStringLiteral("away-message"));
    c.announceIntervalMs =
        intOption(QStringLiteral("announce-interval-ms"), c.announceIntervalMs, &ok);
    c.peerTimeoutMs = intOption(QStringLiteral("peer-timeout-ms"), c.peerTimeoutMs, &ok);
    c.retryIntervalMs = intOption(QStringLiteral("retry-ms"), c.retryIntervalMs, &ok);
    c.maxAttempts = std::max(1, intOption(QStringLiteral("attempts"), c.maxAttempts, &ok));
    if (p.isSet(QStringLiteral("require-encryption")))
        c.requireEncryption = true;
    if (p.isSet(QStringLiteral("no-encryption")))
        c.encryption = false;
    c.profileDir = profile.profileDir();
    if (!ok)
        return 2;
    return std::nullopt;
}

int number(const QCommandLineParser &p, const QString &name, int fallback)
{
    return p.isSet(name) ? p.value(name).toInt() : fallback;
}

double seconds(const QCommandLineParser &p, const QString &name, double fallback)
{
    return p.isSet(name) ? p.value(name).toDouble() : fallback;
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

} // namespace lanpigeon::cli
