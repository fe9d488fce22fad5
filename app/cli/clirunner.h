// lanpigeon-cli: the core driven from the command line, for scripts, tests and benchmarks.
#pragma once

#include <QObject>
#include <QStringList>

#include <optional>

namespace lanpigeon::cli {

class CliRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliRunner)

public:
    explicit CliRunner(QObject *parent = nullptr);
    ~CliRunner() override;

    // Parses arguments and starts the command; returns an exit code if it finished at once.
    std::optional<int> start(const QStringList &arguments);
};

} // namespace lanpigeon::cli
