#include "clirunner.h"

#include <QCoreApplication>

#include <csignal>

int main(int argc, char *argv[])
{
    // Uploads use sendfile(), which has no MSG_NOSIGNAL: a receiver that hangs up mid-file
    // must fail that upload with EPIPE, not kill the program.
    std::signal(SIGPIPE, SIG_IGN);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("LanPigeon"));
    QCoreApplication::setOrganizationName(QStringLiteral("LanPigeon"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANPIGEON_VERSION));
    lanpigeon::cli::CliRunner runner;
    if (const auto code = runner.start(QCoreApplication::arguments()))
        return *code;
    return QCoreApplication::exec();
}
