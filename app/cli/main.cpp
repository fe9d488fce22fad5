#include "clirunner.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("LanPigeon"));
    QCoreApplication::setOrganizationName(QStringLiteral("LanPigeon"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANPIGEON_VERSION));
    lanpigeon::cli::CliRunner runner;
    if (const auto code = runner.start(QCoreApplication::arguments()))
        return *code;
    return QCoreApplication::exec();
}
