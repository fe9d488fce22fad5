// lanpigeon-cli: the core driven from the command line, for scripts, tests and benchmarks.
#pragma once

#include "messaging/chatmessage.h"
#include "nodeconfig.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>

class QCommandLineParser;
class QTimer;

namespace lanpigeon {
class Messenger;
struct Peer;
} // namespace lanpigeon

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

private:
    int runHistory(const QCommandLineParser &parser);
    void startPeers(const QCommandLineParser &parser);
    void startSend(const QCommandLineParser &parser, bool plainMessage = true);
    void startSendFile(const QCommandLineParser &parser);
    void startReceive(const QCommandLineParser &parser);
    void startProgressReports();
    void offerDone(bool accepted);
    void startListen(const QCommandLineParser &parser);
    void startStorm(const QCommandLineParser &parser);
    void startWatch(const QCommandLineParser &parser);
    void trySendResolved();
    void printPeers();
    void finish(int code);

    static QString peerJson(const Peer &peer);
    static QString messageJson(const ChatMessage &message);

    NodeConfig m_config;
    Messenger *m_messenger = nullptr;
    QString m_command;
    bool m_json = false;
    int m_exitCode = 0;
    bool m_finishing = false;

    // peers
    int m_expectPeers = -1;
    // send
    QStringList m_targets;
    QString m_text;
    bool m_sealed = false;
    // Delivered is not the end: wait for the READMSG.
    bool m_untilRead = false;
    bool m_sent = false;
    QString m_messageId;
    QHash<QString, DeliveryState> m_recipientStates;
    // listen
    int m_remaining = -1;
    bool m_openSealed = false;
    // watch
    QSet<QString> m_watched;
    // send-file
    QStringList m_paths;
    // receive
    class Prompt;
    std::unique_ptr<Prompt> m_prompt;
    bool m_acceptAll = false;
    QString m_dir;
    int m_acceptedOffers = 0;
    int m_rejectedOffers = 0;
    int m_expectedTransfers = 0;
    int m_finishedTransfers = 0;

    QTimer *m_deadline;
};

} // namespace lanpigeon::cli
