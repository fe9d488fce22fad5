// What the window tests share: a node on 127.0.0.x that knows one peer by address, with quick
// retries, its profile and downloads under dir.
#pragma once

#include "nodeconfig.h"

#include <QHostAddress>

namespace lanpigeon::test {

inline NodeConfig windowTestNode(const QString &ip, quint16 port, const QString &nick,
                                 const QString &group, const QString &peerIp, const QString &dir)
{
    NodeConfig c;
    c.bindAddress = QHostAddress(ip);
    c.port = port;
    c.nick = nick;
    c.user = QStringLiteral("user");
    c.host = QStringLiteral("box");
    c.group = group;
    c.broadcast = false;
    c.extraHosts = {QHostAddress(peerIp)};
    c.profileDir = dir + QStringLiteral("/profile");
    c.downloadDir = dir + QStringLiteral("/downloads");
    c.retryIntervalMs = 100;
    c.maxAttempts = 3;
    return c;
}

} // namespace lanpigeon::test
