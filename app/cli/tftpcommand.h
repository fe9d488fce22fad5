// lanpigeon-cli tftp serve|get|put: the core's TFTP server and client from the command line.
#pragma once

#include "command.h"
#include "common/transferresult.h"

#include <QHash>

namespace lanpigeon::tftp {
class TftpClient;
class TftpServer;
} // namespace lanpigeon::tftp

namespace lanpigeon::cli {

class TftpCommand final : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TftpCommand)

public:
    explicit TftpCommand(QObject *parent = nullptr);
    ~TftpCommand() override;

    std::optional<int> start(const Invocation &invocation) override;

private:
    std::optional<int> serve(const QCommandLineParser &parser, const QStringList &args);
    std::optional<int> transfer(const QCommandLineParser &parser, const QStringList &args,
                                bool put);

    tftp::TftpServer *m_server = nullptr;
    // What transferStarted() said of each running transfer, for its line when it ends.
    struct Served
    {
        QString peer;
        // Download: the peer puts a file here.
        TransferDirection direction = TransferDirection::Upload;
    };
    QHash<TransferId, Served> m_served;
    tftp::TftpClient *m_client = nullptr;
    int m_exitCode = 0;
};

} // namespace lanpigeon::cli
