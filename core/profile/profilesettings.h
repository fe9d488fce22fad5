// Reads and writes a profile folder's settings file (nick, group, hosts, timings...).
#pragma once

#include "messaging/chatkey.h"
#include "nodeconfig.h"

#include <QList>
#include <QPair>
#include <QString>

namespace lanpigeon {

class ProfileSettings final
{
    Q_DISABLE_COPY_MOVE(ProfileSettings)

public:
    explicit ProfileSettings(const QString &profileDir);
    ~ProfileSettings();

    // The platform's standard location for a user's profile.
    static QString defaultProfileDir();
    // Defaults for this machine and user, before any settings file is read.
    static NodeConfig defaults();

    QString profileDir() const { return m_dir; }
    QString settingsPath() const;
    QString historyPath() const;

    // Fills fields that the settings file sets; others stay as they are.
    void load(NodeConfig *config) const;
    // config.bindAddress must be the profile's own (bindAddress()), not a run's override.
    void save(const NodeConfig &config) const;
    // The bind address the settings file names; AnyIPv4 when it names none.
    QHostAddress bindAddress() const;
    // Only the address and port, as chosen when the old ones would not work.
    void saveAddress(const QHostAddress &bind, quint16 port) const;
    // The status the user chose, so the next start comes back with it.
    void saveStatus(ipmsg::Status status, const QString &awayMessage) const;

    // Unread messages per conversation (a peer's or a group chat's), oldest chat first, so
    // unread stays unread over a restart.
    QList<QPair<ChatKey, int>> unreadCounts() const;
    void saveUnreadCounts(const QList<QPair<ChatKey, int>> &counts) const;

    quint64 lastPacketNo() const;
    void setLastPacketNo(quint64 packetNo) const;

private:
    QString m_dir;
};

} // namespace lanpigeon
