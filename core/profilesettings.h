// Reads and writes a profile folder's settings file (nick, group, hosts, timings...).
#pragma once

#include "nodeconfig.h"

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
    void save(const NodeConfig &config) const;

    quint64 lastPacketNo() const;
    void setLastPacketNo(quint64 packetNo) const;

private:
    QString m_dir;
};

} // namespace lanpigeon
