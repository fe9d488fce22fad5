// lanpigeon-cli watch: stays online and prints peers as they join, change and leave.
#pragma once

#include "nodecommand.h"

#include <QSet>

namespace lanpigeon::cli {

class WatchCommand final : public NodeCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchCommand)

public:
    using NodeCommand::NodeCommand;

private:
    std::optional<int> prepare(const Invocation &invocation) override;

    QSet<QString> m_watched;
};

} // namespace lanpigeon::cli
