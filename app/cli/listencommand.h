// lanpigeon-cli listen: stays online and prints each message received, with its pictures once
// fetched.
#pragma once

#include "messaging/chatmessage.h"
#include "nodecommand.h"

#include <QHash>

namespace lanpigeon::cli {

class LineReader;

class ListenCommand final : public NodeCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenCommand)

public:
    using NodeCommand::NodeCommand;

private:
    std::optional<int> prepare(const Invocation &invocation) override;
    // Prints a message once none of its pictures is still arriving.
    void printWhenSettled(const ChatMessage &message);
    void print(const ChatMessage &message);
    // One line of --commands: "status online|away|busy [TEXT]", "nick NAME" or "group NAME".
    void runCommand(const QString &line);

    // Messages whose pictures are still arriving, by id.
    QHash<QString, ChatMessage> m_arriving;
    // Messages still to print before exiting; -1 never exits.
    int m_remaining = -1;
    bool m_openSealed = false;
    // Stdin, with --commands.
    LineReader *m_commands = nullptr;
    // Our names as last set, so a new nick keeps the group and the other way round.
    QString m_nick;
    QString m_group;
};

} // namespace lanpigeon::cli
