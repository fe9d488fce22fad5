// lanpigeon-cli receive: fetches offered files and folders into --dir, taking every offer
// (--accept-all) or asking on the terminal about each in turn.
#pragma once

#include "files/offerprompt.h"
#include "nodecommand.h"

#include <QList>

namespace lanpigeon::cli {

class LineReader;

class ReceiveCommand final : public NodeCommand, public OfferPrompt
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReceiveCommand)

public:
    explicit ReceiveCommand(QObject *parent = nullptr);
    ~ReceiveCommand() override;

    void ask(const FileOffer &offer, Messenger &messenger) override;

private:
    std::optional<int> prepare(const Invocation &invocation) override;
    // Puts the first waiting offer's question on the terminal.
    void askNext();
    void answer(bool accept);
    static void describe(const FileOffer &offer);
    void take(const FileOffer &offer);
    void offerDone(bool accepted);

    // Offers still to finish before exiting; -1 never exits.
    int m_remaining = -1;
    bool m_acceptAll = false;
    QString m_dir;
    // Offers asked about, the first one on the terminal.
    QList<FileOffer> m_waiting;
    LineReader *m_answers = nullptr;
    int m_acceptedOffers = 0;
    int m_rejectedOffers = 0;
    int m_expectedTransfers = 0;
    int m_finishedTransfers = 0;
};

} // namespace lanpigeon::cli
