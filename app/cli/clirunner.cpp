#include "clirunner.h"

#include "clioptions.h"
#include "clioutput.h"
#include "historycommand.h"
#include "keycommand.h"
#include "listencommand.h"
#include "peerscommand.h"
#include "receivecommand.h"
#include "roomcommand.h"
#include "sendcommand.h"
#include "sendfilecommand.h"
#include "stormcommand.h"
#include "tftpcommand.h"
#include "watchcommand.h"

#include <QCommandLineParser>

#include <algorithm>
#include <iterator>

namespace lanpigeon::cli {

namespace {

template <class C> Command *make(QObject *parent)
{
    return new C(parent);
}

struct CommandEntry
{
    QLatin1String name;
    Command *(*make)(QObject *parent);
};

const CommandEntry Commands[] = {
    {QLatin1String("peers"), make<PeersCommand>},
    {QLatin1String("send"), make<SendCommand>},
    {QLatin1String("listen"), make<ListenCommand>},
    {QLatin1String("watch"), make<WatchCommand>},
    {QLatin1String("send-file"), make<SendFileCommand>},
    {QLatin1String("receive"), make<ReceiveCommand>},
    {QLatin1String("storm"), make<StormCommand>},
    {QLatin1String("history"), make<HistoryCommand>},
    {QLatin1String("tftp"), make<TftpCommand>},
    {QLatin1String("key"), make<KeyCommand>},
    {QLatin1String("room"), make<RoomCommand>},
};

} // namespace

CliRunner::CliRunner(QObject *parent)
    : QObject(parent)
{
}

CliRunner::~CliRunner() = default;

std::optional<int> CliRunner::start(const QStringList &arguments)
{
    QCommandLineParser p;
    describeOptions(p);
    p.process(arguments);

    const QStringList positional = p.positionalArguments();
    if (positional.isEmpty())
        return usageError(QStringLiteral("no command given; see --help"));
    Invocation invocation{p, positional.mid(1), {}, p.isSet(QStringLiteral("json"))};
    if (const auto code = readNodeConfig(p, &invocation.config))
        return code;
    const QString &name = positional.first();
    const auto entry = std::find_if(std::begin(Commands), std::end(Commands),
                                    [&](const CommandEntry &e) { return e.name == name; });
    if (entry == std::end(Commands))
        return usageError(QStringLiteral("unknown command '%1'; see --help").arg(name));
    return entry->make(this)->start(invocation);
}

} // namespace lanpigeon::cli
