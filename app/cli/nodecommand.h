// A command that runs a node: it starts the Messenger, and exits once the Messenger has said
// BR_EXIT and stopped, after finish() or SIGINT, SIGTERM, SIGHUP.
#pragma once

#include "command.h"
#include "messenger.h"

#include <QHostAddress>
#include <QList>

namespace lanpigeon::cli {

class NodeCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeCommand)

public:
    using Command::Command;

    std::optional<int> start(const Invocation &invocation) final;

protected:
    // Reads the command's own options and connects to the messenger before it starts; an exit
    // code if the options are bad.
    virtual std::optional<int> prepare(const Invocation &invocation) = 0;
    // Called when the node could not start, after its reason is printed and before the exit.
    virtual void startFailed(const QString &error, Messenger::StartError reason)
    {
        Q_UNUSED(error)
        Q_UNUSED(reason)
    }

    Messenger *messenger() const { return m_messenger; }
    const NodeConfig &config() const { return m_config; }
    bool json() const { return m_json; }
    // The code the program exits with unless finish() names another.
    int exitCode() const { return m_exitCode; }
    void setExitCode(int code) { m_exitCode = code; }
    bool finishing() const { return m_finishing; }
    // Stops the node and exits with code; later calls change nothing.
    void finish(int code);
    // Prints each running transfer's progress on stderr once a second.
    void reportTransfers();
    // Also announces to these addresses (once the node runs): they announce back at once, so
    // whether they can decrypt is known before anything goes to them.
    void announceTo(const QList<QHostAddress> &addresses);
    // The addresses named among targets (IP or IP:PORT; nicks name none).
    QList<QHostAddress> addressesAmong(const QStringList &targets) const;
    // The ids of the peers online that target names: the one at an IP or IP:PORT, or each that
    // goes by a nick. Empty while none has announced itself.
    QStringList peersNamed(const QString &target) const;

private:
    Messenger *m_messenger = nullptr;
    NodeConfig m_config;
    bool m_json = false;
    int m_exitCode = 0;
    bool m_finishing = false;
};

} // namespace lanpigeon::cli
