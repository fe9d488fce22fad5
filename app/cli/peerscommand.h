// lanpigeon-cli peers: announces, waits, lists the peers found.
#pragma once

#include "nodecommand.h"

class QTimer;

namespace lanpigeon::cli {

class PeersCommand final : public NodeCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PeersCommand)

public:
    explicit PeersCommand(QObject *parent = nullptr);
    ~PeersCommand() override;

private:
    std::optional<int> prepare(const Invocation &invocation) override;
    void printPeers();

    // Stop as soon as this many are known; -1 waits the whole time.
    int m_expect = -1;
    QTimer *m_deadline;
};

} // namespace lanpigeon::cli
