#include "clirunner.h"
#include "common/process.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    lanpigeon::setUpProcess();
    lanpigeon::cli::CliRunner runner;
    if (const auto code = runner.start(QCoreApplication::arguments()))
        return *code;
    return QCoreApplication::exec();
}
