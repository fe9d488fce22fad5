// lanpigeon-cli send: sends TEXT to the --to recipients, found by address or nick, and exits
// once every one acknowledged (or, with --until-read, opened it, or with --queue, it is queued
// for them).
#pragma once

#include "messaging/chatmessage.h"
#include "nodecommand.h"

#include <QHash>

class QTimer;

namespace lanpigeon::cli {

class SendCommand : public NodeCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendCommand)

public:
    explicit SendCommand(QObject *parent = nullptr);
    ~SendCommand() override;

protected:
    // Finds the --to recipients once the node runs, then sends and follows the receipts.
    void startSending(const Invocation &invocation);
    // Sends to the recipients found; returns the message id the receipts name.
    virtual QString sendTo(const QStringList &peerIds);
    // A message is over once acknowledged; a file offer only once fetched or released.
    virtual bool endsWhenAcknowledged() const { return true; }
    QString messageId() const { return m_messageId; }

private:
    std::optional<int> prepare(const Invocation &invocation) override;
    void trySendResolved();
    // With --queue, once --wait is over: the peer id history last knew nick at.
    std::optional<QString> pastPeerNamed(const QString &nick) const;
    void stateChanged(const QString &id, const QString &peerId, DeliveryState state,
                      const QString &error);
    // Ends once every recipient answered and no one will fetch our pictures any more.
    void finishWhenDone();

    QStringList m_targets;
    QString m_text;
    // After the text, in order.
    QList<OutgoingPicture> m_pictures;
    bool m_picturesServed = false;
    bool m_sealed = false;
    // Delivered is not the end: wait for the READMSG.
    bool m_untilRead = false;
    // Peers not found by --wait may be ones seen before: queue for them.
    bool m_queue = false;
    bool m_sent = false;
    // --wait is over: addresses that never announced themselves get the message anyway (plain,
    // since nothing says they can decrypt it).
    bool m_waitedForAddresses = false;
    QString m_messageId;
    QHash<QString, DeliveryState> m_recipientStates;
    QTimer *m_deadline;
};

} // namespace lanpigeon::cli
