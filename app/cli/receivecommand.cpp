#include "receivecommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "linereader.h"
#include "messenger.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonObject>

#include <unistd.h>

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
    if (!m_acceptAll) {
        m_answers = new LineReader(STDIN_FILENO, this);
        connect(m_answers, &LineReader::lineRead, this, [this](const QByteArray &line) {
            answer(line.startsWith('y') || line.startsWith('Y'));
        });
        connect(m_answers, &LineReader::inputEnded, this, [this] { answer(false); });
    }
    messenger()->setOfferPrompt(this);
    connect(messenger(), &Messenger::started, this, [this] {
        if (!json())
            say(QStringLiteral("receiving into %1").arg(m_dir));
    });
    connect(messenger(), &Messenger::transferFinished, this, [this](const TransferResult &result) {
        if (json())
            outJson({{QStringLiteral("transfer"), result.id.toString()},
                     {QStringLiteral("ok"), result.ok()},
                     {QStringLiteral("error"), result.error},
                     {QStringLiteral("path"), result.path}});
        else if (result.ok())
            out(QStringLiteral("received %1").arg(result.path));
        else
            say(QStringLiteral("failed %1: %2").arg(result.path, result.error));
        if (!result.ok())
            setExitCode(1);
        if (++m_finishedTransfers == m_expectedTransfers)
            offerDone(true);
    });
    reportTransfers();
    return std::nullopt;
}

void ReceiveCommand::ask(const FileOffer &offer, Messenger &)
{
    if (m_acceptAll) {
        describe(offer);
        take(offer);
        return;
    }
    // One question at a time, as a terminal can show it; the rest wait their turn.
    m_waiting.append(offer);
    if (m_waiting.size() == 1)
        askNext();
}

void ReceiveCommand::askNext()
{
    describe(m_waiting.first());
    write(stderr, QStringLiteral("accept? [y/N] "));
    m_answers->requestLine();
}

void ReceiveCommand::answer(bool accept)
{
    const FileOffer offer = m_waiting.takeFirst();
    if (accept) {
        take(offer);
    } else {
        messenger()->rejectOffer(offer.id());
        offerDone(false);
    }
    if (!m_waiting.isEmpty() && !finishing())
        askNext();
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
    messenger()->acceptOffer(offer.id(), m_dir);
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
