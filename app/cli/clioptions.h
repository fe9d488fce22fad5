// The command line all commands share: every option, and the node settings read from them.
#pragma once

#include <QString>

#include <optional>

class QCommandLineParser;

namespace lanpigeon {
struct NodeConfig;
}

namespace lanpigeon::cli {

// The help text and every option of every command.
void describeOptions(QCommandLineParser &parser);
// The profile's settings with the common options over them; an exit code if one is bad.
std::optional<int> readNodeConfig(const QCommandLineParser &parser, NodeConfig *config);

// A command's own numbers are taken as given, fallback when the option is absent.
int number(const QCommandLineParser &parser, const QString &name, int fallback);
double seconds(const QCommandLineParser &parser, const QString &name, double fallback);

// "IP" or "IP:PORT" become a peer id; anything else is a nick.
std::optional<QString> peerIdFromAddress(const QString &target, quint16 defaultPort);

} // namespace lanpigeon::cli
