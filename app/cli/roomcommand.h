// lanpigeon-cli room: group chats. "room list" reads the profile's rooms; the others run a node
// (RoomChatCommand).
#pragma once

#include "command.h"

namespace lanpigeon::cli {

class RoomCommand final : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomCommand)

public:
    using Command::Command;

    std::optional<int> start(const Invocation &invocation) override;

private:
    int list(const Invocation &invocation);
};

} // namespace lanpigeon::cli
