// lanpigeon-cli send-file: offers files and folders to the --to recipients and exits once they
// fetched or released them.
#pragma once

#include "sendcommand.h"

namespace lanpigeon::cli {

class SendFileCommand final : public SendCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendFileCommand)

public:
    using SendCommand::SendCommand;

private:
    std::optional<int> prepare(const Invocation &invocation) override;
    QString sendTo(const QStringList &peerIds) override;
    bool endsWhenAcknowledged() const override { return false; }

    QStringList m_paths;
    QString m_message;
};

} // namespace lanpigeon::cli
