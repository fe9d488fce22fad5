#include "stormcommand.h"

#include "common/clock.h"
#include "messenger.h"
#include "models/peermodel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

namespace lanpigeon::cli {

StormCommand::StormCommand(Messenger *messenger, const Options &options, QObject *parent)
    : QObject(parent)
    , m_messenger(messenger)
    , m_options(options)
    , m_sender(new QTimer(this))
    , m_checker(new QTimer(this))
{
    m_sender->setInterval(options.intervalMs);
    connect(m_sender, &QTimer::timeout, this, &StormCommand::sendNext);
    m_checker->setInterval(100);
    connect(m_checker, &QTimer::timeout, this, &StormCommand::check);
    connect(messenger, &Messenger::started, this, [this] {
        m_startMs = clock::monotonicMs();
        m_lastActivityMs = m_startMs;
        m_checker->start();
    });
    connect(messenger, &Messenger::messageStateChanged, this,
            [this](const QString &id, const QString &, DeliveryState state, const QString &) {
                if (!m_pending.contains(id) ||
                    (state != DeliveryState::Delivered && state != DeliveryState::Failed))
                    return;
                m_pending.remove(id);
                ++(state == DeliveryState::Delivered ? m_delivered : m_failed);
                m_lastActivityMs = clock::monotonicMs();
            });
    connect(messenger, &Messenger::messageReceived, this, [this](const ChatMessage &m) {
        ++m_received;
        // Every text is unique ("from HOST #N"): seeing one twice means it was shown twice.
        if (m_texts.contains(m.text))
            ++m_duplicates;
        m_texts.insert(m.text);
        m_lastActivityMs = clock::monotonicMs();
    });
}

StormCommand::~StormCommand() = default;

void StormCommand::sendNext()
{
    if (m_sent >= m_options.count) {
        m_sender->stop();
        return;
    }
    const QString to = m_options.peerIds.at(m_sent % m_options.peerIds.size());
    const QString text = QStringLiteral("from %1 #%2").arg(m_messenger->config().nick).arg(m_sent);
    m_pending.insert(m_messenger->sendMessage({to}, text));
    ++m_sent;
    m_lastActivityMs = clock::monotonicMs();
}

void StormCommand::check()
{
    const qint64 now = clock::monotonicMs();
    if (!m_started) {
        int known = 0;
        for (const QString &id : std::as_const(m_options.peerIds))
            known += m_messenger->peerModel()->find(id) ? 1 : 0;
        if (known == m_options.peerIds.size()) {
            m_started = true;
            m_sender->start();
        } else if (now - m_startMs > m_options.findMs) {
            std::fprintf(stderr, "storm: found %d of %lld peers\n", known,
                         static_cast<long long>(m_options.peerIds.size()));
            emit done(1);
        }
        return;
    }
    if (m_sent < m_options.count || !m_pending.isEmpty() ||
        now - m_lastActivityMs < m_options.quietMs)
        return;
    m_checker->stop();
    const QJsonObject o{{QStringLiteral("nick"), m_messenger->config().nick},
                        {QStringLiteral("sent"), m_sent},
                        {QStringLiteral("delivered"), m_delivered},
                        {QStringLiteral("failed"), m_failed},
                        {QStringLiteral("received"), m_received},
                        {QStringLiteral("duplicates"), m_duplicates},
                        {QStringLiteral("ms"), now - m_startMs}};
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    emit done(0);
}

} // namespace lanpigeon::cli
