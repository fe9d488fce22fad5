// Everything one LanPigeon node needs to run: identity, addresses and protocol timings.
#pragma once

#include "ipmsg/ipmsgcodec.h"

#include <QHostAddress>
#include <QList>
#include <QString>

namespace lanpigeon {

struct NodeConfig
{
    QHostAddress bindAddress = QHostAddress::AnyIPv4;
    quint16 port = ipmsg::DefaultPort;
    QString nick;
    QString group;
    QString user;
    QString host;
    // Unicast hosts or directed broadcast addresses of other subnets.
    QList<QHostAddress> extraHosts;
    // Hosts whose buddy lists we fetch at start (IP Messenger's "ListGet").
    QList<QHostAddress> listFrom;
    // Hand our buddy list to hosts that ask (GETLIST): off unless the user says so.
    bool shareHostList = false;
    // Bytes of one ANSLIST; less only in tests, to make lists page.
    int hostListPageBytes = 32 * 1024 - 80;
    // Broadcast BR_ENTRY on the interfaces we are bound to.
    bool broadcast = true;
    // Code page for legacy peers whose dialect does not say.
    QByteArray legacyCodec = "GB18030";
    ipmsg::Status status = ipmsg::Status::Online;
    QString awayMessage;
    // Heartbeat and probe period; peers quiet for peerTimeoutMs are dropped.
    int announceIntervalMs = 30000;
    int peerTimeoutMs = 100000;
    int retryIntervalMs = 1000;
    int maxAttempts = 5;
    // A transfer with no data for this long has lost its peer.
    int transferIdleTimeoutMs = 60000;
    // Where received files go unless the user picks another folder.
    QString downloadDir;
    // The largest picture in a message we send or fetch.
    qint64 maxPictureBytes = 10 * 1024 * 1024;
    // How long recipients may fetch the pictures of a message of ours, as IP Messenger keeps
    // its clipboard shares.
    int pictureShareMs = 20 * 60 * 1000;
    // Announce ENCRYPTOPT and seal messages and files to peers that can; off only to measure
    // what encryption costs (lanpigeon-cli --no-encryption).
    bool encryption = true;
    // Refuse to send plain text (messages, offers) to peers that cannot encrypt.
    bool requireEncryption = false;
    // A message to a known person who is offline (or never answers) is queued rather than
    // failed, and goes when they announce again. Queued messages are delivered either way.
    bool queueOffline = false;
    // How long a message may wait in the queue before it expires (ProfileSettings keeps days).
    qint64 queueExpiryMs = 7LL * 24 * 60 * 60 * 1000;
    // Folder holding settings and history.
    QString profileDir;
};

} // namespace lanpigeon
