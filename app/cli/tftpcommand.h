// lanpigeon-cli tftp serve|get|put: the core's TFTP server and client from the command line.
#pragma once

#include <QObject>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace lanpigeon::tftp {
class TftpClient;
class TftpServer;
} // namespace lanpigeon::tftp

namespace lanpigeon::cli {

class TftpCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TftpCommand)

public:
    explicit TftpCommand(QObject *parent = nullptr);
    ~TftpCommand() override;

    // Starts the command; an exit code when it is over at once (bad arguments, bind failure).
    std::optional<int> start(const QCommandLineParser &parser, const QStringList &args);

private:
    std::optional<int> serve(const QCommandLineParser &parser, const QStringList &args);
    std::optional<int> transfer(const QCommandLineParser &parser, const QStringList &args,
                                bool put);

    tftp::TftpServer *m_server = nullptr;
    tftp::TftpClient *m_client = nullptr;
};

} // namespace lanpigeon::cli
