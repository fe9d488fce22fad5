#include "clioutput.h"

#include "common/enumnames.h"
#include "messaging/chatmessage.h"
#include "messaging/peer.h"
#include "messaging/room.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace lanpigeon::cli {

namespace {

constexpr EnumName<crypto::KeyTrust> KeyTrustNames[] = {
    {crypto::KeyTrust::Unknown, "unknown"},
    {crypto::KeyTrust::Pinned, "pinned"},
    {crypto::KeyTrust::Verified, "verified"},
    {crypto::KeyTrust::Changed, "changed"},
};

} // namespace

void write(std::FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text), stream);
    std::fflush(stream);
}

void out(const QString &line)
{
    write(stdout, line + QLatin1Char('\n'));
}

void say(const QString &line)
{
    write(stderr, QStringLiteral("lanpigeon-cli: ") + line + QLatin1Char('\n'));
}

int usageError(const QString &line)
{
    say(line);
    return 2;
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void outJson(const QJsonObject &object)
{
    out(compactJson(object));
}

QJsonObject peerJson(const Peer &peer)
{
    QJsonArray addresses;
    for (const PeerAddress &a : peer.addresses)
        addresses.append(QJsonObject{{QStringLiteral("address"), a.address.toString()},
                                     {QStringLiteral("port"), a.port}});
    return {{QStringLiteral("id"), peer.id},
            {QStringLiteral("nick"), peer.nick},
            {QStringLiteral("user"), peer.user},
            {QStringLiteral("host"), peer.host},
            {QStringLiteral("address"), peer.address.toString()},
            {QStringLiteral("port"), peer.port},
            {QStringLiteral("addresses"), addresses},
            {QStringLiteral("group"), peer.group},
            {QStringLiteral("status"), ipmsg::statusName(peer.status)},
            {QStringLiteral("awayMessage"), peer.awayMessage},
            {QStringLiteral("client"), ipmsg::clientKindName(peer.kind)},
            {QStringLiteral("version"), QString::fromUtf8(peer.version)},
            {QStringLiteral("fingerprint"), peerFingerprint(peer).toString()},
            {QStringLiteral("encrypts"), peer.canEncrypt},
            {QStringLiteral("trust"), keyTrustName(peer.key.trust)}};
}

crypto::Fingerprint peerFingerprint(const Peer &peer)
{
    return peer.key.current.isNull() ? peer.key.pinned : peer.key.current;
}

QString keyTrustName(crypto::KeyTrust trust)
{
    return nameOf(KeyTrustNames, trust);
}

QString securityMark(const ChatMessage &m)
{
    if (m.warning != SecurityWarning::None)
        return QStringLiteral("[warning: %1]").arg(securityWarningName(m.warning));
    if (m.authenticity == Authenticity::Verified)
        return QStringLiteral("[encrypted, verified]");
    return m.encrypted ? QStringLiteral("[encrypted]") : QStringLiteral("[plain]");
}

QJsonObject messageJson(const ChatMessage &m)
{
    QJsonObject json{{QStringLiteral("id"), m.id},
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
                     {QStringLiteral("time"), m.timestampMs},
                     {QStringLiteral("encrypted"), m.encrypted},
                     {QStringLiteral("verified"), m.authenticity == Authenticity::Verified},
                     {QStringLiteral("warning"), m.warning == SecurityWarning::None
                                                     ? QJsonValue(QJsonValue::Null)
                                                     : QJsonValue(securityWarningName(m.warning))},
                     {QStringLiteral("room"), m.roomId.isNull() ? QJsonValue(QJsonValue::Null)
                                                                : QJsonValue(m.roomId.toString())}};
    // Our file offer, as history keeps it.
    if (!m.offered.isEmpty()) {
        QJsonArray files;
        for (const OfferedPath &item : m.offered)
            files.append(QJsonObject{{QStringLiteral("path"), item.path},
                                     {QStringLiteral("dir"), item.isDir},
                                     {QStringLiteral("size"), qint64(item.size)}});
        json.insert(QStringLiteral("files"), files);
    }
    return json;
}

QJsonObject roomJson(const Room &room)
{
    QJsonArray members;
    for (const RoomMember &m : room.members) {
        members.append(
            QJsonObject{{QStringLiteral("user"), m.user},
                        {QStringLiteral("host"), m.host},
                        {QStringLiteral("address"),
                         m.address.isNull() ? QJsonValue(QJsonValue::Null)
                                            : QJsonValue(Peer::makeId(m.address, m.port))}});
    }
    return {{QStringLiteral("room"), room.id.toString()},
            {QStringLiteral("name"), room.name},
            {QStringLiteral("version"), QString::number(room.version)},
            {QStringLiteral("left"), room.left},
            {QStringLiteral("removedBy"), room.removedBy},
            {QStringLiteral("iptuxGroup"), room.iptuxGroup},
            {QStringLiteral("created"), room.createdMs},
            {QStringLiteral("members"), members}};
}

} // namespace lanpigeon::cli
