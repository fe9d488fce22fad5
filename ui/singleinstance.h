// Keeps one LanPigeon per profile: the first one holds the profile's lock and listens, and a
// later one started with the same profile asks it to come forward (and to send the files it
// was given) instead of running twice.
#pragma once

#include "instancemessage.h"

#include <QLockFile>
#include <QObject>

class QLocalServer;

namespace lanpigeon::ui {

class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    enum class Role
    {
        // We hold the profile: run.
        First,
        // Another LanPigeon holds it and was asked to come forward: exit.
        Forwarded,
        // Another LanPigeon holds it but did not answer: exit too, never run twice.
        Unreachable
    };
    Q_ENUM(Role)

    explicit SingleInstance(const QString &profileDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    // Takes the profile, or hands request over to the LanPigeon that has it. Blocks for at
    // most a few seconds, and only when another instance exists; call before any window.
    Role claim(const InstanceMessage &request = {});
    // The local socket a later instance knocks on.
    QString serverName() const { return m_serverName; }

signals:
    // A later instance was started with our profile: the user wants to see us.
    void activationRequested();
    // ... and send these files and folders (absolute paths, not checked to exist).
    void sendRequested(const QStringList &paths);

private:
    void serve();

    QLockFile m_lock;
    QString m_serverName;
    QLocalServer *m_server = nullptr;
};

} // namespace lanpigeon::ui
