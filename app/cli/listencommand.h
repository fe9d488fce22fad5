// lanpigeon-cli listen: stays online and prints each message received.
#pragma once

#include "nodecommand.h"

namespace lanpigeon::cli {

class ListenCommand final : public NodeCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenCommand)

public:
    using NodeCommand::NodeCommand;

private:
    std::optional<int> prepare(const Invocation &invocation) override;

    // Messages still to print before exiting; -1 never exits.
    int m_remaining = -1;
    bool m_openSealed = false;
};

} // namespace lanpigeon::cli
