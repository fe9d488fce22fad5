#include "sendfilecommand.h"

#include "clioutput.h"
#include "messenger.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace lanpigeon::cli {

std::optional<int> SendFileCommand::prepare(const Invocation &invocation)
{
    m_paths = invocation.args;
    m_message = invocation.options.value(QStringLiteral("message"));
    if (invocation.options.values(QStringLiteral("to")).isEmpty() || m_paths.isEmpty())
        return usageError(QStringLiteral("send-file needs --to and at least one PATH"));
    for (QString &path : m_paths) {
        const QFileInfo info(path);
        if (!info.exists())
            return usageError(QStringLiteral("%1: no such file or folder").arg(path));
        path = info.absoluteFilePath();
    }
    // Recipient resolution and acknowledgement are those of send.
    startSending(invocation);
    connect(messenger(), &Messenger::offerFinished, this,
            [this](const QString &id, OfferOutcome outcome) {
                if (id != messageId())
                    return;
                out(QStringLiteral("offer %1").arg(offerOutcomeName(outcome)));
                finish(outcome == OfferOutcome::Cancelled ? 1 : 0);
            });
    connect(messenger(), &Messenger::offerFailed, this,
            [this](const QString &id, const QString &error) {
                if (id != messageId())
                    return;
                say(error);
                finish(1);
            });
    connect(messenger(), &Messenger::transferFinished, this, [](const TransferResult &result) {
        if (!result.ok())
            say(QStringLiteral("upload failed: %1").arg(result.error));
    });
    reportTransfers();
    return std::nullopt;
}

QString SendFileCommand::sendTo(const QStringList &peerIds)
{
    return messenger()->offerFiles(peerIds, m_paths, m_message);
}

} // namespace lanpigeon::cli
