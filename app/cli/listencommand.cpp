#include "listencommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "linereader.h"
#include "messenger.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

#include <unistd.h>

namespace lanpigeon::cli {

std::optional<int> ListenCommand::prepare(const Invocation &invocation)
{
    m_remaining = number(invocation.options, QStringLiteral("count"), -1);
    m_openSealed = invocation.options.isSet(QStringLiteral("open-sealed"));
    m_nick = config().nick;
    m_group = config().group;
    if (invocation.options.isSet(QStringLiteral("commands"))) {
        m_commands = new LineReader(STDIN_FILENO, this);
        connect(m_commands, &LineReader::lineRead, this, [this](const QByteArray &line) {
            runCommand(QString::fromUtf8(line).trimmed());
            m_commands->requestLine();
        });
        // Listening goes on: the input only says nothing more will change.
        connect(messenger(), &Messenger::started, m_commands, &LineReader::requestLine);
    }
    connect(messenger(), &Messenger::started, this, [this] {
        if (!json())
            say(QStringLiteral("listening on %1:%2 as %3")
                    .arg(config().bindAddress.toString())
                    .arg(config().port)
                    .arg(config().nick));
    });
    connect(messenger(), &Messenger::messageReceived, this, &ListenCommand::printWhenSettled);
    connect(messenger(), &Messenger::pictureChanged, this,
            [this](const QString &id, const QString &, int index, const ChatPicture &picture) {
                const auto it = m_arriving.find(id);
                if (it == m_arriving.end() || index < 0 || index >= it->pictures.size())
                    return;
                it->pictures[index] = picture;
                const ChatMessage m = *it;
                m_arriving.erase(it);
                printWhenSettled(m);
            });
    return std::nullopt;
}

void ListenCommand::runCommand(const QString &line)
{
    if (line.isEmpty())
        return;
    const QString word = line.section(QLatin1Char(' '), 0, 0);
    const QString rest = line.section(QLatin1Char(' '), 1).trimmed();
    if (word == QLatin1String("status")) {
        const QString name = rest.section(QLatin1Char(' '), 0, 0);
        const ipmsg::Status status = ipmsg::statusFromName(name);
        // statusFromName() reads anything unknown as online; a typo should not.
        if (ipmsg::statusName(status) != name) {
            say(QStringLiteral("status must be online, away or busy, not \"%1\"").arg(name));
            return;
        }
        messenger()->setStatus(status, rest.section(QLatin1Char(' '), 1).trimmed());
        say(QStringLiteral("status: %1").arg(name));
    } else if ((word == QLatin1String("nick") || word == QLatin1String("group")) &&
               !rest.isEmpty()) {
        (word == QLatin1String("nick") ? m_nick : m_group) = rest;
        messenger()->setIdentity(m_nick, m_group);
        say(QStringLiteral("%1: %2").arg(word, rest));
    } else {
        say(QStringLiteral("unknown command \"%1\": status online|away|busy [TEXT], nick NAME, "
                           "group NAME")
                .arg(line));
    }
}

void ListenCommand::printWhenSettled(const ChatMessage &m)
{
    for (const ChatPicture &p : m.pictures) {
        if (p.state == PictureState::Arriving) {
            m_arriving.insert(m.id, m);
            return;
        }
    }
    print(m);
}

void ListenCommand::print(const ChatMessage &m)
{
    QJsonArray images;
    QStringList lines;
    for (const ChatPicture &p : m.pictures) {
        const QString path = messenger()->picturePath(p.sha256);
        if (p.state == PictureState::Ready) {
            images.append(QJsonObject{{QStringLiteral("path"), path},
                                      {QStringLiteral("sha256"), p.sha256},
                                      {QStringLiteral("position"), p.position}});
            lines.append(QStringLiteral("  picture at %1: %2").arg(p.position).arg(path));
        } else {
            images.append(QJsonObject{{QStringLiteral("error"), p.error},
                                      {QStringLiteral("position"), p.position}});
            lines.append(QStringLiteral("  picture at %1 failed: %2").arg(p.position).arg(p.error));
        }
    }
    if (json()) {
        QJsonObject object = messageJson(m);
        if (!images.isEmpty())
            object.insert(QStringLiteral("images"), images);
        outJson(object);
    } else {
        out(QStringLiteral("%1 (%2) %3: %4").arg(m.peerNick, m.peerId, securityMark(m), m.text));
        for (const QString &line : std::as_const(lines))
            out(line);
    }
    if (m.sealed && m_openSealed)
        messenger()->markRead(m.id);
    if (m_remaining > 0 && --m_remaining == 0) {
        // Give the read receipt a moment to leave before BR_EXIT.
        QTimer::singleShot(m.sealed && m_openSealed ? 200 : 0, this, [this] { finish(0); });
    }
}

} // namespace lanpigeon::cli
