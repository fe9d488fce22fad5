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
    void startFailed(const QString &error, Messenger::StartError reason) override;
    void printPeers();
    // Prints the diagnosis (--diagnose) and exits with code.
    void printDiagnosisAndFinish(int code);
    void printDiagnosis(Diagnosis diagnosis);

    // Stop as soon as this many are known; -1 waits the whole time.
    int m_expect = -1;
    bool m_diagnose = false;
    QTimer *m_deadline;
};

} // namespace lanpigeon::cli
