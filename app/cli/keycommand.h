// lanpigeon-cli key: prints our key's fingerprint, making the key if the profile has none.
#pragma once

#include "command.h"

namespace lanpigeon::cli {

class KeyCommand final : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyCommand)

public:
    using Command::Command;

    std::optional<int> start(const Invocation &invocation) override;
};

} // namespace lanpigeon::cli
