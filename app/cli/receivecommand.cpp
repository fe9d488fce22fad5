#include "receivecommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "messenger.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonObject>

#include <cstdio>

namespace lanpigeon::cli {

ReceiveCommand::ReceiveCommand(QObject *parent)
    : NodeCommand(parent)
{
}

ReceiveCommand::~ReceiveCommand() = default;

std::optional<int> ReceiveCommand::prepare(const Invocation &invocation)
{
    const QCommandLineParser &p = invocation.options;
    m_remaining = number(p, QStringLiteral("count"), -1);
    m_acceptAll = p.isSet(QStringLiteral("accept-all"));
    m_dir = QFileInfo(p.isSet(QStringLiteral("dir")) ? p.value(QStringLiteral("dir"))
                                                     : config().downloadDir)
                .absoluteFilePath();
    messenger()->setOfferPrompt(this);
    connect(messenger(), &Messenger::started, this, [this] {
        if (!json())
            say(QStringLiteral("receiving into %1").arg(m_dir));
    });
    connect(messenger(), &Messenger::transferFinished, this,
            [this](const QString &id, bool ok, const QString &error, const QString &path) {
                if (json())
                    outJson({{QStringLiteral("transfer"), id},
                             {QStringLiteral("ok"), ok},
                             {QStringLiteral("error"), error},
                             {QStringLiteral("path"), path}});
                else if (ok)
                    out(QStringLiteral("received %1").arg(path));
                else
                    say(QStringLiteral("failed %1: %2").arg(path, error));
                if (!ok)
                    setExitCode(1);
                if (++m_finishedTransfers == m_expectedTransfers)
                    offerDone(true);
            });
    reportTransfers();
    return std::nullopt;
}

void ReceiveCommand::ask(const FileOffer &offer, Messenger &)
{
    describe(offer);
    bool accept = m_acceptAll;
    if (!accept) {
        write(stderr, QStringLiteral("accept? [y/N] "));
        char line[16] = {};
        accept = std::fgets(line, sizeof line, stdin) && (line[0] == 'y' || line[0] == 'Y');
    }
    if (!accept) {
        messenger()->rejectOffer(offer.id);
        offerDone(false);
        return;
    }
    take(offer);
}

void ReceiveCommand::describe(const FileOffer &offer)
{
    QStringList names;
    for (const OfferItem &i : offer.items)
        names.append(i.isDir ? i.name + QLatin1Char('/') : i.name);
    say(QStringLiteral("%1 offers %2 (%3 bytes)%4")
            .arg(offer.peerNick, names.join(QStringLiteral(", ")))
            .arg(offer.totalSize())
            .arg(offer.message.isEmpty() ? QString() : QStringLiteral(": ") + offer.message));
}

void ReceiveCommand::take(const FileOffer &offer)
{
    m_expectedTransfers += int(offer.items.size());
    ++m_acceptedOffers;
    messenger()->acceptOffer(offer.id, m_dir);
}

void ReceiveCommand::offerDone(bool accepted)
{
    if (!accepted)
        ++m_rejectedOffers;
    // Accepted offers are complete once every transfer started so far has finished.
    const bool idle = m_finishedTransfers == m_expectedTransfers;
    if (m_remaining > 0 && idle && m_acceptedOffers + m_rejectedOffers >= m_remaining)
        finish(exitCode());
}

} // namespace lanpigeon::cli
