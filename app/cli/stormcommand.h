// lanpigeon-cli storm: sends many messages round-robin to the given peers while counting what
// arrives, then prints one JSON summary; the chat-storm system test runs one per host.
#pragma once

#include "nodecommand.h"

#include <QHash>
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
    // Received in the chat of a peer other than the one its sender's first message came from,
    // or from another sender than that chat's first: two machines taken for one, or one for two.
    int m_misfiled = 0;
    QSet<QString> m_pending;
    QSet<QString> m_texts;
    // Each sender's chat (peer id) and each chat's sender, as the first message had them.
    QHash<QString, QString> m_chatOf;
    QHash<QString, QString> m_senderOf;
    qint64 m_lastActivityMs = 0;
    qint64 m_startMs = 0;
};

} // namespace lanpigeon::cli
