// lanpigeon-cli history: prints stored messages from the profile's history.
#pragma once

#include "command.h"

namespace lanpigeon::cli {

class HistoryCommand final : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryCommand)

public:
    using Command::Command;

    std::optional<int> start(const Invocation &invocation) override;
};

} // namespace lanpigeon::cli
