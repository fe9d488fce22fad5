#include "stormcommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "common/clock.h"
#include "messenger.h"
#include "models/peermodel.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTimer>

namespace lanpigeon::cli {

namespace {

const QLatin1String From("from ");
const QLatin1String Number(" #");

QString textOf(const QString &nick, int n)
{
    return From + nick + Number + QString::number(n);
}

// The nick textOf() put in a storm's message: the host that sent it.
QString senderOf(const QString &text)
{
    return text.mid(From.size(), text.lastIndexOf(Number) - From.size());
}

} // namespace

StormCommand::StormCommand(QObject *parent)
    : NodeCommand(parent)
    , m_sender(new QTimer(this))
    , m_checker(new QTimer(this))
{
    connect(m_sender, &QTimer::timeout, this, &StormCommand::sendNext);
    m_checker->setInterval(100);
    connect(m_checker, &QTimer::timeout, this, &StormCommand::check);
}

StormCommand::~StormCommand() = default;

std::optional<int> StormCommand::prepare(const Invocation &invocation)
{
    const QCommandLineParser &p = invocation.options;
    for (const QString &target : p.values(QStringLiteral("to"))) {
        const auto id = peerIdFromAddress(target, config().port);
        if (!id)
            return usageError(
                QStringLiteral("storm: --to takes IP or IP:PORT, not '%1'").arg(target));
        m_options.peerIds.append(*id);
    }
    if (m_options.peerIds.isEmpty())
        return usageError(QStringLiteral("storm needs --to"));
    m_options.count = number(p, QStringLiteral("count"), m_options.count);
    m_options.intervalMs = number(p, QStringLiteral("interval-ms"), m_options.intervalMs);
    m_sender->setInterval(m_options.intervalMs);
    connect(messenger(), &Messenger::started, this, [this] {
        m_startMs = clock::monotonicMs();
        m_lastActivityMs = m_startMs;
        m_checker->start();
    });
    connect(messenger(), &Messenger::messageStateChanged, this,
            [this](const QString &id, const QString &, DeliveryState state, const QString &) {
                if (!m_pending.contains(id) ||
                    (state != DeliveryState::Delivered && state != DeliveryState::Failed))
                    return;
                m_pending.remove(id);
                ++(state == DeliveryState::Delivered ? m_delivered : m_failed);
                m_lastActivityMs = clock::monotonicMs();
            });
    connect(messenger(), &Messenger::messageReceived, this, [this](const ChatMessage &m) {
        ++m_received;
        // Every text is unique ("from HOST #N"): seeing one twice means it was shown twice.
        if (m_texts.contains(m.text))
            ++m_duplicates;
        m_texts.insert(m.text);
        const QString sender = senderOf(m.text);
        if (!m_chatOf.contains(sender))
            m_chatOf.insert(sender, m.peerId);
        if (!m_senderOf.contains(m.peerId))
            m_senderOf.insert(m.peerId, sender);
        if (m_chatOf.value(sender) != m.peerId || m_senderOf.value(m.peerId) != sender)
            ++m_misfiled;
        m_lastActivityMs = clock::monotonicMs();
    });
    return std::nullopt;
}

void StormCommand::sendNext()
{
    if (m_sent >= m_options.count) {
        m_sender->stop();
        return;
    }
    const QString to = m_options.peerIds.at(m_sent % m_options.peerIds.size());
    const QString text = textOf(messenger()->config().nick, m_sent);
    m_pending.insert(messenger()->sendMessage({to}, text));
    ++m_sent;
    m_lastActivityMs = clock::monotonicMs();
}

void StormCommand::check()
{
    const qint64 now = clock::monotonicMs();
    if (!m_started) {
        int known = 0;
        for (const QString &id : std::as_const(m_options.peerIds))
            known += messenger()->peerModel()->find(id) ? 1 : 0;
        if (known == m_options.peerIds.size()) {
            m_started = true;
            m_sender->start();
        } else if (now - m_startMs > m_options.findMs) {
            write(stderr, QStringLiteral("storm: found %1 of %2 peers\n")
                              .arg(known)
                              .arg(m_options.peerIds.size()));
            finish(1);
        }
        return;
    }
    if (m_sent < m_options.count || !m_pending.isEmpty() ||
        now - m_lastActivityMs < m_options.quietMs)
        return;
    m_checker->stop();
    const QJsonObject o{{QStringLiteral("nick"), messenger()->config().nick},
                        {QStringLiteral("sent"), m_sent},
                        {QStringLiteral("delivered"), m_delivered},
                        {QStringLiteral("failed"), m_failed},
                        {QStringLiteral("received"), m_received},
                        {QStringLiteral("duplicates"), m_duplicates},
                        {QStringLiteral("misfiled"), m_misfiled},
                        {QStringLiteral("ms"), now - m_startMs}};
    outJson(o);
    finish(0);
}

} // namespace lanpigeon::cli
