#include "tftpcommand.h"

#include "clioptions.h"
#include "clioutput.h"
#include "common/clock.h"
#include "tftp/tftpclient.h"
#include "tftp/tftpserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

namespace lanpigeon::cli {

TftpCommand::TftpCommand(QObject *parent)
    : Command(parent)
{
}

TftpCommand::~TftpCommand() = default;

std::optional<int> TftpCommand::start(const Invocation &invocation)
{
    const QCommandLineParser &p = invocation.options;
    const QStringList &args = invocation.args;
    const QString sub = args.value(0);
    if (sub == QLatin1String("serve"))
        return serve(p, args.mid(1));
    const bool put = sub == QLatin1String("put");
    if (put || sub == QLatin1String("get"))
        return transfer(p, args.mid(1), put);
    return usageError(QStringLiteral("tftp needs serve, get or put"));
}

std::optional<int> TftpCommand::serve(const QCommandLineParser &p, const QStringList &args)
{
    if (args.size() != 1)
        return usageError(
            QStringLiteral("usage: tftp serve DIR [--port N] [--allow-write] [--quota BYTES]"));
    tftp::TftpServer::Config c;
    c.root = args.first();
    c.port = quint16(number(p, QStringLiteral("port"), 69));
    c.allowWrite = p.isSet(QStringLiteral("allow-write"));
    c.quota = p.value(QStringLiteral("quota")).toULongLong();
    if (p.isSet(QStringLiteral("bind")))
        c.address = QHostAddress(p.value(QStringLiteral("bind")));
    m_server = new tftp::TftpServer(c, this);
    QString error;
    if (!m_server->start(&error)) {
        say(error);
        return 1;
    }
    connect(m_server, &tftp::TftpServer::transferStarted, this,
            [this](const TransferId &id, const QString &peer, const QString &,
                   TransferDirection direction, quint64) {
                m_served.insert(id, {peer, direction});
            });
    connect(
        m_server, &tftp::TftpServer::transferFinished, this, [this](const TransferResult &result) {
            const Served served = m_served.take(result.id);
            say(QStringLiteral("%1 %2 %3 %4: %5 bytes%6")
                    .arg(served.peer,
                         served.direction == TransferDirection::Download ? QStringLiteral("put")
                                                                         : QStringLiteral("got"),
                         result.path, result.ok() ? QStringLiteral("ok") : QStringLiteral("failed"))
                    .arg(result.bytes)
                    .arg(result.ok() ? QString()
                                     : QStringLiteral(" (") + result.error + QLatin1Char(')')));
        });
    say(QStringLiteral("serving %1 on %2:%3%4")
            .arg(QFileInfo(c.root).absoluteFilePath(), c.address.toString())
            .arg(m_server->port())
            .arg(c.allowWrite ? QStringLiteral(" (uploads allowed)")
                              : QStringLiteral(" (read-only)")));
    return std::nullopt;
}

std::optional<int> TftpCommand::transfer(const QCommandLineParser &p, const QStringList &args,
                                         bool put)
{
    if (args.size() < 2 || args.size() > 3)
        return usageError(put ? QStringLiteral("usage: tftp put HOST[:PORT] LOCAL [REMOTE] "
                                               "[--blksize N] [--windowsize N] [--mode netascii]")
                              : QStringLiteral("usage: tftp get HOST[:PORT] REMOTE [LOCAL] "
                                               "[--blksize N] [--windowsize N] [--mode netascii]"));
    tftp::TftpClient::Request r;
    r.put = put;
    QString host = args.at(0);
    const int colon = int(host.lastIndexOf(QLatin1Char(':')));
    if (colon > 0) {
        r.port = quint16(host.mid(colon + 1).toUInt());
        host = host.left(colon);
    }
    r.server = QHostAddress(host);
    if (r.server.isNull() || r.port == 0)
        return usageError(
            QStringLiteral("'%1' is not an IPv4 address with an optional port").arg(args.at(0)));
    if (put) {
        r.local = args.at(1);
        r.remote = (args.size() == 3 ? args.at(2) : QFileInfo(r.local).fileName()).toUtf8();
    } else {
        r.remote = args.at(1).toUtf8();
        r.local = args.size() == 3 ? args.at(2) : QFileInfo(args.at(1)).fileName();
    }
    r.blockSize = number(p, QStringLiteral("blksize"), 0);
    r.windowSize = number(p, QStringLiteral("windowsize"), 1);
    r.timeout = number(p, QStringLiteral("timeout"), 0);
    if (p.value(QStringLiteral("mode")) == QLatin1String("netascii"))
        r.mode = tftp::Mode::Netascii;
    if (p.isSet(QStringLiteral("bind")))
        r.bind = QHostAddress(p.value(QStringLiteral("bind")));
    m_client = new tftp::TftpClient(this);
    const qint64 started = clock::monotonicMs();
    qint64 lastReport = 0;
    connect(m_client, &tftp::TftpClient::progressed, this,
            [lastReport](quint64 done, quint64 total) mutable {
                const qint64 now = clock::monotonicMs();
                if (now - lastReport < 1000)
                    return;
                lastReport = now;
                say(total ? QStringLiteral("%1 of %2 bytes (%3%)")
                                .arg(done)
                                .arg(total)
                                .arg(done * 100 / total)
                          : QStringLiteral("%1 bytes").arg(done));
            });
    connect(m_client, &tftp::TftpClient::finished, this,
            [this, started](bool ok, const QString &error, quint64 bytes) {
                const double seconds = std::max<qint64>(1, clock::monotonicMs() - started) / 1000.0;
                if (ok)
                    say(QStringLiteral("%1 bytes in %2 s (%3 MB/s)")
                            .arg(bytes)
                            .arg(seconds, 0, 'f', 2)
                            .arg(bytes / seconds / 1e6, 0, 'f', 1));
                else
                    say(error);
                m_exitCode = ok ? 0 : 1;
            });
    // Exit once dallying is over, so a lost final ACK can still be repeated.
    connect(m_client, &tftp::TftpClient::closed, this,
            [this] { QCoreApplication::exit(m_exitCode); });
    QString error;
    if (!m_client->start(r, &error)) {
        say(error);
        return 1;
    }
    return std::nullopt;
}

} // namespace lanpigeon::cli
