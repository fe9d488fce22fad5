// One lanpigeon-cli command: given the parsed command line, it runs until it exits the program.
#pragma once

#include "nodeconfig.h"

#include <QObject>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace lanpigeon::cli {

// What a command is started with.
struct Invocation
{
    const QCommandLineParser &options;
    // The positional arguments after the command's name.
    QStringList args;
    NodeConfig config;
    bool json = false;
};

class Command : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Command)

public:
    using QObject::QObject;

    // An exit code when the command is over at once (bad arguments, nothing to wait for);
    // otherwise it calls QCoreApplication::exit() when it is done.
    virtual std::optional<int> start(const Invocation &invocation) = 0;
};

} // namespace lanpigeon::cli
