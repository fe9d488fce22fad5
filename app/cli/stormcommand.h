// lanpigeon-cli storm: sends many messages round-robin to the given peers while counting what
// arrives, then prints one JSON summary; the chat-storm system test runs one per host.
#pragma once

#include "nodecommand.h"

#include <QSet>

class QTimer;

namespace lanpigeon::cli {

class StormCommand final : public NodeCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StormCommand)

public:
    struct Options
    {
        QStringList peerIds;
        int count = 100;
        int intervalMs = 5;
        // Exit once everything sent is settled and nothing arrived for this long.
        int quietMs = 3000;
        // Give up waiting for the peers to appear after this long.
        int findMs = 20000;
    };

    explicit StormCommand(QObject *parent = nullptr);
    ~StormCommand() override;

private:
    std::optional<int> prepare(const Invocation &invocation) override;
    void sendNext();
    void check();

    Options m_options;
    QTimer *m_sender;
    QTimer *m_checker;
    bool m_started = false;
    int m_sent = 0;
    int m_delivered = 0;
    int m_failed = 0;
    int m_received = 0;
    int m_duplicates = 0;
    QSet<QString> m_pending;
    QSet<QString> m_texts;
    qint64 m_lastActivityMs = 0;
    qint64 m_startMs = 0;
};

} // namespace lanpigeon::cli
