// lanpigeon-cli as scripts use it: real processes on loopback, exit codes and output.
#include "history/historystore.h"
#include "ipmsg/filelistcodec.h"
#include "ipmsg/ipmsg.h"
#include "ipmsg/ipmsgcodec.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkDatagram>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <sys/socket.h>

#include <utility>

namespace {
constexpr quint16 Port = 34253;

QStringList common(const QString &bind, const QString &profile, const QString &extra = {})
{
    QStringList args{QStringLiteral("--bind"),
                     bind,
                     QStringLiteral("--port"),
                     QString::number(Port),
                     QStringLiteral("--no-broadcast"),
                     QStringLiteral("--profile"),
                     profile};
    if (!extra.isEmpty())
        args << QStringLiteral("--extra-host") << extra;
    return args;
}

struct Result
{
    int code = -1;
    QString out;
    QString err;
};

Result run(const QStringList &args, int timeoutMs = 20000)
{
    QProcess p;
    p.start(QStringLiteral(LANPIGEON_CLI), args);
    Result r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}
} // namespace

class TestLanPigeonCli final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void peersListsTheListener();
    void sendByNickAndByAddress();
    void sealedMessageIsOpenedAndRead();
    void untilReadWaitsForTheReader();
    void sendFailsWhenNobodyAnswers();
    void sendsPicturesAndListenPrintsThem();
    void sendFailsForUnknownNick();
    void rejectsBadArguments_data();
    void rejectsBadArguments();
    void portInUseIsAClearError();
    void sendFileAndReceive();
    void promptLetsTheEventLoopRun();
    void promptHeedsTermination();
    void senderOutlivesAReceiverThatHangsUp();
    void keyPrintsTheFingerprint();
    void messagesAreEncryptedAndVerified();
    void plainTextIsMarkedAndCanBeRefused();
    void historyExportsAndDeletesAChat();
    void roomCreateSendAndList();

private:
    void startListener(const QStringList &extra = {});
    QTemporaryDir *m_dirA = nullptr;
    QTemporaryDir *m_dirB = nullptr;
    QProcess *m_listener = nullptr;
};

void TestLanPigeonCli::init()
{
    m_dirA = new QTemporaryDir;
    m_dirB = new QTemporaryDir;
}

void TestLanPigeonCli::cleanup()
{
    if (m_listener) {
        m_listener->terminate();
        m_listener->waitForFinished(5000);
        delete m_listener;
        m_listener = nullptr;
    }
    delete m_dirA;
    delete m_dirB;
}

void TestLanPigeonCli::startListener(const QStringList &extra)
{
    m_listener = new QProcess;
    m_listener->start(QStringLiteral(LANPIGEON_CLI),
                      QStringList{QStringLiteral("listen"), QStringLiteral("--json"),
                                  QStringLiteral("--nick"), QStringLiteral("小波")} +
                          common(QStringLiteral("127.0.0.2"), m_dirB->path()) + extra);
    QVERIFY(m_listener->waitForStarted());
    // Ready once it answers a peers query.
    QTRY_VERIFY_WITH_TIMEOUT(
        run(QStringList{QStringLiteral("peers"), QStringLiteral("--expect"), QStringLiteral("1"),
                        QStringLiteral("--wait"), QStringLiteral("1")} +
            common(QStringLiteral("127.0.0.1"), m_dirA->path(), QStringLiteral("127.0.0.2")))
                .code == 0,
        10000);
}

void TestLanPigeonCli::peersListsTheListener()
{
    startListener();
    const Result r =
        run(QStringList{QStringLiteral("peers"), QStringLiteral("--json"), QStringLiteral("--wait"),
                        QStringLiteral("1")} +
            common(QStringLiteral("127.0.0.1"), m_dirA->path(), QStringLiteral("127.0.0.2")));
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    const QJsonObject peer = QJsonDocument::fromJson(lines.first().toUtf8()).object();
    QCOMPARE(peer.value(QStringLiteral("nick")).toString(), QStringLiteral("小波"));
    QCOMPARE(peer.value(QStringLiteral("address")).toString(), QStringLiteral("127.0.0.2"));
    QCOMPARE(peer.value(QStringLiteral("client")).toString(), QStringLiteral("LanPigeon"));
    QCOMPARE(peer.value(QStringLiteral("status")).toString(), QStringLiteral("online"));
}

void TestLanPigeonCli::sendByNickAndByAddress()
{
    startListener();
    const Result byNick =
        run(QStringList{QStringLiteral("send"), QStringLiteral("--to"), QStringLiteral("小波"),
                        QStringLiteral("hello by nick")} +
            common(QStringLiteral("127.0.0.1"), m_dirA->path(), QStringLiteral("127.0.0.2")));
    QCOMPARE(byNick.code, 0);
    QVERIFY2(byNick.out.contains(QStringLiteral("delivered")), qPrintable(byNick.out + byNick.err));
    const Result byIp = run(QStringList{QStringLiteral("send"), QStringLiteral("--to"),
                                        QStringLiteral("127.0.0.2:%1").arg(Port),
                                        QStringLiteral("你好 by address")} +
                            common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    QCOMPARE(byIp.code, 0);
    QTRY_VERIFY(m_listener->bytesAvailable() > 0);
    QString printed;
    QTRY_VERIFY((printed += QString::fromUtf8(m_listener->readAllStandardOutput()),
                 printed.contains(QStringLiteral("你好 by address"))));
    QVERIFY(printed.contains(QStringLiteral("hello by nick")));

    const Result history =
        run(QStringList{QStringLiteral("history"), QStringLiteral("--search"),
                        QStringLiteral("你好"), QStringLiteral("--profile"), m_dirA->path()});
    QCOMPARE(history.code, 0);
    QVERIFY(history.out.contains(QStringLiteral("[delivered] 你好 by address")));
    QVERIFY(!history.out.contains(QStringLiteral("hello by nick")));
}

void TestLanPigeonCli::sealedMessageIsOpenedAndRead()
{
    startListener({QStringLiteral("--open-sealed")});
    const Result r =
        run(QStringList{QStringLiteral("send"), QStringLiteral("--sealed"), QStringLiteral("--to"),
                        QStringLiteral("127.0.0.2:%1").arg(Port), QStringLiteral("sealed note")} +
            common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    QCOMPARE(r.code, 0);
    QString printed;
    QTRY_VERIFY((printed += QString::fromUtf8(m_listener->readAllStandardOutput()),
                 printed.contains(QStringLiteral("\"sealed\":true"))));
    // With --until-read the sender stays for the receipt.
    const Result waited = run(QStringList{QStringLiteral("send"), QStringLiteral("--sealed"),
                                          QStringLiteral("--until-read"), QStringLiteral("--to"),
                                          QStringLiteral("127.0.0.2:%1").arg(Port),
                                          QStringLiteral("another sealed note")} +
                              common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    QCOMPARE(waited.code, 0);
    QVERIFY2(waited.out.contains(QStringLiteral("127.0.0.2:%1: read").arg(Port)),
             qPrintable(waited.out));
}

void TestLanPigeonCli::untilReadWaitsForTheReader()
{
    // A reader who does not open it: delivered is not enough, the sender is still waiting.
    startListener();
    const Result r =
        run(QStringList{QStringLiteral("send"), QStringLiteral("--sealed"),
                        QStringLiteral("--until-read"), QStringLiteral("--to"),
                        QStringLiteral("127.0.0.2:%1").arg(Port), QStringLiteral("open me")} +
                common(QStringLiteral("127.0.0.1"), m_dirA->path()),
            1500);
    QCOMPARE(r.err, QStringLiteral("timed out"));
}

void TestLanPigeonCli::sendsPicturesAndListenPrintsThem()
{
    startListener();
    const QByteArray png = QByteArray("\x89PNG\r\n\x1a\n") + QByteArray(40000, 'p');
    const QByteArray gif = QByteArray("GIF89a") + QByteArray(3000, 'g');
    const QString pngPath = m_dirA->filePath(QStringLiteral("shot.png"));
    const QString gifPath = m_dirA->filePath(QStringLiteral("anim.gif"));
    const QString notPicture = m_dirA->filePath(QStringLiteral("notes.txt"));
    for (const auto &[path, bytes] : {std::pair{pngPath, png}, std::pair{gifPath, gif},
                                      std::pair{notPicture, QByteArray("plain words")}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    const QStringList to{QStringLiteral("--to"), QStringLiteral("127.0.0.2:%1").arg(Port)};
    const Result refused = run(QStringList{QStringLiteral("send")} + to +
                               QStringList{QStringLiteral("--image"), notPicture} +
                               common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("not a PNG")), qPrintable(refused.err));

    const Result sent =
        run(QStringList{QStringLiteral("send")} + to +
            QStringList{QStringLiteral("--image"), pngPath, QStringLiteral("--image"), gifPath,
                        QStringLiteral("看 this")} +
            common(QStringLiteral("127.0.0.1"), m_dirA->path(), QStringLiteral("127.0.0.2")));
    QCOMPARE(sent.code, 0);
    QString printed;
    QTRY_VERIFY_WITH_TIMEOUT((printed += QString::fromUtf8(m_listener->readAllStandardOutput()),
                              printed.contains(QStringLiteral("看 this"))),
                             10000);
    const QJsonObject message = QJsonDocument::fromJson(printed.trimmed().toUtf8()).object();
    QCOMPARE(message.value(QStringLiteral("text")).toString(), QStringLiteral("看 this"));
    const QJsonArray images = message.value(QStringLiteral("images")).toArray();
    QCOMPARE(images.size(), 2);
    const QByteArray sentBytes[] = {png, gif};
    for (int i = 0; i < 2; ++i) {
        const QJsonObject image = images.at(i).toObject();
        // After the text, each earlier picture counting one.
        QCOMPARE(image.value(QStringLiteral("position")).toInt(), 6 + i);
        QCOMPARE(image.value(QStringLiteral("sha256")).toString(),
                 QString::fromLatin1(
                     QCryptographicHash::hash(sentBytes[i], QCryptographicHash::Sha256).toHex()));
        const QString path = image.value(QStringLiteral("path")).toString();
        QVERIFY2(path.startsWith(m_dirB->path()), qPrintable(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), sentBytes[i]);
    }
}

void TestLanPigeonCli::sendFailsWhenNobodyAnswers()
{
    const Result r =
        run(QStringList{QStringLiteral("send"), QStringLiteral("--to"),
                        QStringLiteral("127.0.0.9:%1").arg(Port), QStringLiteral("--retry-ms"),
                        QStringLiteral("100"), QStringLiteral("--attempts"), QStringLiteral("3"),
                        QStringLiteral("anyone?")} +
            common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("no answer from 127.0.0.9 after 3 attempts")),
             qPrintable(r.err));
}

void TestLanPigeonCli::sendFailsForUnknownNick()
{
    const Result r =
        run(QStringList{QStringLiteral("send"), QStringLiteral("--to"), QStringLiteral("nobody"),
                        QStringLiteral("--wait"), QStringLiteral("0.5"), QStringLiteral("hi")} +
            common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("no peer found for: nobody")));
}

void TestLanPigeonCli::rejectsBadArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList{} << QStringLiteral("no command");
    QTest::newRow("unknown command")
        << QStringList{QStringLiteral("fly")} << QStringLiteral("unknown command");
    QTest::newRow("bad bind") << QStringList{QStringLiteral("peers"), QStringLiteral("--bind"),
                                             QStringLiteral("nope")}
                              << QStringLiteral("--bind");
    QTest::newRow("bad port") << QStringList{QStringLiteral("peers"), QStringLiteral("--port"),
                                             QStringLiteral("70000")}
                              << QStringLiteral("--port");
    QTest::newRow("send without text")
        << QStringList{QStringLiteral("send"), QStringLiteral("--to"), QStringLiteral("x")}
        << QStringLiteral("send needs");
    QTest::newRow("bad status") << QStringList{QStringLiteral("listen"), QStringLiteral("--status"),
                                               QStringLiteral("asleep")}
                                << QStringLiteral("--status");
    QTest::newRow("room without action")
        << QStringList{QStringLiteral("room")} << QStringLiteral("room needs");
    QTest::newRow("room create without member")
        << QStringList{QStringLiteral("room"), QStringLiteral("create"), QStringLiteral("x")}
        << QStringLiteral("room create needs");
    QTest::newRow("room send without text")
        << QStringList{QStringLiteral("room"), QStringLiteral("send"), QStringLiteral("x")}
        << QStringLiteral("room send needs");
    QTest::newRow("room add without member")
        << QStringList{QStringLiteral("room"), QStringLiteral("add"), QStringLiteral("x")}
        << QStringLiteral("room add needs");
    QTest::newRow("room remove without user@host")
        << QStringList{QStringLiteral("room"), QStringLiteral("remove"), QStringLiteral("x"),
                       QStringLiteral("bob")}
        << QStringLiteral("room remove needs");
    QTest::newRow("room leave with more")
        << QStringList{QStringLiteral("room"), QStringLiteral("leave"), QStringLiteral("x"),
                       QStringLiteral("y")}
        << QStringLiteral("room leave needs");
}

void TestLanPigeonCli::rejectsBadArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Result r = run(args + QStringList{QStringLiteral("--profile"), m_dirA->path()});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestLanPigeonCli::portInUseIsAClearError()
{
    startListener();
    const Result r = run(QStringList{QStringLiteral("listen")} +
                         common(QStringLiteral("127.0.0.2"), m_dirA->path()));
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("cannot bind UDP 127.0.0.2:%1").arg(Port)),
             qPrintable(r.err));
}

void TestLanPigeonCli::sendFileAndReceive()
{
    QTemporaryDir src, dst;
    QDir(src.path()).mkpath(QStringLiteral("文件夹/sub"));
    QFile a(src.filePath(QStringLiteral("文件夹/sub/a.txt")));
    QVERIFY(a.open(QIODevice::WriteOnly));
    a.write("nested");
    a.close();
    QFile b(src.filePath(QStringLiteral("b.bin")));
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write(QByteArray(300000, 'b'));
    b.close();
    QProcess receiver;
    receiver.start(QStringLiteral(LANPIGEON_CLI),
                   QStringList{QStringLiteral("receive"), QStringLiteral("--accept-all"),
                               QStringLiteral("--count"), QStringLiteral("1"),
                               QStringLiteral("--dir"), dst.path()} +
                       common(QStringLiteral("127.0.0.2"), m_dirB->path()));
    QVERIFY(receiver.waitForStarted());
    QByteArray ready;
    QTRY_VERIFY_WITH_TIMEOUT(
        (ready += receiver.readAllStandardError(), ready.contains("receiving into")), 5000);
    const Result sent =
        run(QStringList{QStringLiteral("send-file"), QStringLiteral("--to"),
                        QStringLiteral("127.0.0.2:%1").arg(Port), QStringLiteral("--message"),
                        QStringLiteral("给你"), src.filePath(QStringLiteral("b.bin")),
                        src.filePath(QStringLiteral("文件夹"))} +
            common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    QCOMPARE(sent.code, 0);
    QVERIFY2(sent.out.contains(QStringLiteral("offer fetched")), qPrintable(sent.out + sent.err));
    QVERIFY(receiver.waitForFinished(10000));
    QCOMPARE(receiver.exitCode(), 0);
    const QString printed = QString::fromUtf8(receiver.readAllStandardOutput());
    QVERIFY(printed.contains(QStringLiteral("received ")));
    QFile got(dst.filePath(QStringLiteral("文件夹/sub/a.txt")));
    QVERIFY(got.open(QIODevice::ReadOnly));
    QCOMPARE(got.readAll(), QByteArray("nested"));
    QCOMPARE(QFileInfo(dst.filePath(QStringLiteral("b.bin"))).size(), 300000);

    const Result missing =
        run(QStringList{QStringLiteral("send-file"), QStringLiteral("--to"),
                        QStringLiteral("127.0.0.2"), QStringLiteral("/no/such/file")} +
            common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    QCOMPARE(missing.code, 2);
    QVERIFY(missing.err.contains(QStringLiteral("no such file or folder")));
}

void TestLanPigeonCli::promptLetsTheEventLoopRun()
{
    // While the receiver waits for an answer about one offer, the files of an offer it took
    // still arrive and are printed: the question does not block the event loop.
    QTemporaryDir src, dst, dirC;
    QFile first(src.filePath(QStringLiteral("first.bin")));
    QVERIFY(first.open(QIODevice::WriteOnly));
    first.write(QByteArray(200000, 'f'));
    first.close();
    QFile second(src.filePath(QStringLiteral("second.txt")));
    QVERIFY(second.open(QIODevice::WriteOnly));
    second.write("second");
    second.close();
    QProcess receiver;
    receiver.start(QStringLiteral(LANPIGEON_CLI),
                   QStringList{QStringLiteral("receive"), QStringLiteral("--count"),
                               QStringLiteral("2"), QStringLiteral("--dir"), dst.path()} +
                       common(QStringLiteral("127.0.0.2"), m_dirB->path()));
    QVERIFY(receiver.waitForStarted());
    QByteArray asked;
    QTRY_VERIFY_WITH_TIMEOUT(
        (asked += receiver.readAllStandardError(), asked.contains("receiving into")), 5000);
    QProcess fromA;
    fromA.start(QStringLiteral(LANPIGEON_CLI),
                QStringList{QStringLiteral("send-file"), QStringLiteral("--to"),
                            QStringLiteral("127.0.0.2:%1").arg(Port), first.fileName()} +
                    common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    QTRY_VERIFY_WITH_TIMEOUT(
        (asked += receiver.readAllStandardError(), asked.contains("accept? [y/N] ")), 5000);
    QProcess fromC;
    fromC.start(QStringLiteral(LANPIGEON_CLI),
                QStringList{QStringLiteral("send-file"), QStringLiteral("--to"),
                            QStringLiteral("127.0.0.2:%1").arg(Port), second.fileName()} +
                    common(QStringLiteral("127.0.0.3"), dirC.path()));
    QByteArray printedC;
    QTRY_VERIFY_WITH_TIMEOUT(
        (printedC += fromC.readAllStandardOutput(), printedC.contains("delivered")), 5000);

    // Yes to the first; the second's question comes up and nobody answers it yet.
    receiver.write("y\n");
    QByteArray printed;
    QTRY_VERIFY_WITH_TIMEOUT((printed += receiver.readAllStandardOutput(),
                              printed.contains("received " + QFile::encodeName(dst.filePath(
                                                                 QStringLiteral("first.bin"))))),
                             10000);
    QTRY_COMPARE_WITH_TIMEOUT(fromA.state(), QProcess::NotRunning, 10000);
    QCOMPARE(fromA.exitCode(), 0);
    asked += receiver.readAllStandardError();
    QCOMPARE(asked.count("accept? [y/N] "), 2);
    QVERIFY(asked.contains("offers second.txt"));

    receiver.write("n\n");
    QTRY_COMPARE_WITH_TIMEOUT(receiver.state(), QProcess::NotRunning, 10000);
    QCOMPARE(receiver.exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(fromC.state(), QProcess::NotRunning, 10000);
    QCOMPARE(fromC.exitCode(), 0);
    QVERIFY(fromC.readAllStandardOutput().contains("offer released"));
    QVERIFY(!QFileInfo::exists(dst.filePath(QStringLiteral("second.txt"))));
}

void TestLanPigeonCli::promptHeedsTermination()
{
    // SIGTERM (or Ctrl-C) while a question waits ends the receiver as at any other time.
    QTemporaryDir src, dst;
    QFile file(src.filePath(QStringLiteral("f.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("f");
    file.close();
    QProcess receiver;
    receiver.start(QStringLiteral(LANPIGEON_CLI),
                   QStringList{QStringLiteral("receive"), QStringLiteral("--dir"), dst.path()} +
                       common(QStringLiteral("127.0.0.2"), m_dirB->path()));
    QVERIFY(receiver.waitForStarted());
    QByteArray asked;
    QTRY_VERIFY_WITH_TIMEOUT(
        (asked += receiver.readAllStandardError(), asked.contains("receiving into")), 5000);
    QProcess sender;
    sender.start(QStringLiteral(LANPIGEON_CLI),
                 QStringList{QStringLiteral("send-file"), QStringLiteral("--to"),
                             QStringLiteral("127.0.0.2:%1").arg(Port), file.fileName()} +
                     common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    QTRY_VERIFY_WITH_TIMEOUT(
        (asked += receiver.readAllStandardError(), asked.contains("accept? [y/N] ")), 5000);
    receiver.terminate();
    QTRY_COMPARE_WITH_TIMEOUT(receiver.state(), QProcess::NotRunning, 5000);
    QCOMPARE(receiver.exitStatus(), QProcess::NormalExit);
    QCOMPARE(receiver.exitCode(), 0);
    sender.kill();
    sender.waitForFinished();
}

void TestLanPigeonCli::senderOutlivesAReceiverThatHangsUp()
{
    // sendfile() cannot be told MSG_NOSIGNAL, so lanpigeon-cli ignores SIGPIPE in main(): a
    // receiver gone mid-file costs that upload, not the sender's life.
    using namespace lanpigeon::ipmsg;
    QTemporaryDir src;
    QFile big(src.filePath(QStringLiteral("big.bin")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(qint64(64) << 20));
    big.close();
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress(QStringLiteral("127.0.0.2")), Port));
    QProcess sender;
    sender.start(QStringLiteral(LANPIGEON_CLI),
                 QStringList{QStringLiteral("send-file"), QStringLiteral("--to"),
                             QStringLiteral("127.0.0.2:%1").arg(Port), big.fileName()} +
                     common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    Packet offer;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            while (receiver.hasPendingDatagrams()) {
                const ParsedPacket p = parsePacket(receiver.receiveDatagram().data());
                if (p.ok() && p.packet.mode() == Mode::SendMsg && p.packet.has(Opt::FileAttach))
                    offer = p.packet;
            }
            return offer.packetNo != 0;
        }(),
        5000);
    const auto files = parseFileList(offer.field(1));
    QVERIFY(files && files->size() == 1);
    Packet receipt;
    receipt.version = "1";
    receipt.packetNo = 1;
    receipt.user = "test";
    receipt.host = "test";
    receipt.command = Mode::RecvMsg;
    receipt.extra = QByteArray::number(offer.packetNo);
    receiver.writeDatagram(encodePacket(receipt), QHostAddress(QStringLiteral("127.0.0.1")), Port);

    QTcpSocket fetch;
    fetch.setReadBufferSize(64 * 1024);
    QVERIFY(fetch.bind(QHostAddress(QStringLiteral("127.0.0.2"))));
    fetch.connectToHost(QHostAddress(QStringLiteral("127.0.0.1")), Port);
    QVERIFY(fetch.waitForConnected(5000));
    Packet request = receipt;
    request.packetNo = 2;
    request.command = Mode::GetFileData;
    request.extra = buildFileRequest({offer.packetNo, files->first().id, 0}, true) + '\0';
    fetch.write(encodePacket(request) + '\0');
    QVERIFY(fetch.waitForReadyRead(5000));
    // Hang up as a receiver closing mid-file does: our FIN, then the RST our kernel answers the
    // data still coming with. The sender's next sendfile() fails with EPIPE.
    QCOMPARE(::shutdown(int(fetch.socketDescriptor()), SHUT_WR), 0);
    QTest::qWait(200);
    fetch.abort();
    QTest::qWait(500);
    QCOMPARE(sender.state(), QProcess::Running);
    sender.terminate();
    QTRY_COMPARE_WITH_TIMEOUT(sender.state(), QProcess::NotRunning, 5000);
    QCOMPARE(sender.exitStatus(), QProcess::NormalExit);
    QVERIFY2(sender.readAllStandardError().contains("upload failed"), "the sender saw the hang-up");
}

void TestLanPigeonCli::keyPrintsTheFingerprint()
{
    const Result made = run({QStringLiteral("key"), QStringLiteral("--profile"), m_dirA->path()});
    QCOMPARE(made.code, 0);
    const QString fingerprint = made.out.trimmed();
    // SHA-256 in 16 groups of four hex digits, to read aloud.
    QVERIFY2(QRegularExpression(QStringLiteral("^([0-9A-F]{4} ){15}[0-9A-F]{4}$"))
                 .match(fingerprint)
                 .hasMatch(),
             qPrintable(fingerprint));
    QVERIFY(made.err.contains(QStringLiteral("made a new key")));
    const Result again = run({QStringLiteral("key"), QStringLiteral("--json"),
                              QStringLiteral("--profile"), m_dirA->path()});
    QCOMPARE(again.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(again.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("fingerprint")).toString(), fingerprint);
    QCOMPARE(o.value(QStringLiteral("generated")).toBool(), false);
}

void TestLanPigeonCli::messagesAreEncryptedAndVerified()
{
    startListener({QStringLiteral("--open-sealed")});
    const QString listenerKey =
        run({QStringLiteral("key"), QStringLiteral("--profile"), m_dirB->path()}).out.trimmed();
    const Result peers =
        run(QStringList{QStringLiteral("peers"), QStringLiteral("--json"), QStringLiteral("--wait"),
                        QStringLiteral("1")} +
            common(QStringLiteral("127.0.0.1"), m_dirA->path(), QStringLiteral("127.0.0.2")));
    QCOMPARE(peers.code, 0);
    const QJsonObject peer = QJsonDocument::fromJson(peers.out.toUtf8()).object();
    QCOMPARE(peer.value(QStringLiteral("encrypts")).toBool(), true);
    QVERIFY2(peer.value(QStringLiteral("fingerprint")).toString() == listenerKey,
             qPrintable(peers.out + peers.err));
    QCOMPARE(peer.value(QStringLiteral("trust")).toString(), QStringLiteral("pinned"));

    const Result sent =
        run(QStringList{QStringLiteral("send"), QStringLiteral("--sealed"),
                        QStringLiteral("--require-encryption"), QStringLiteral("--to"),
                        QStringLiteral("127.0.0.2"), QStringLiteral("under lock")} +
            common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    QCOMPARE(sent.code, 0);
    QString printed;
    QTRY_VERIFY((printed += QString::fromUtf8(m_listener->readAllStandardOutput()),
                 printed.contains(QStringLiteral("under lock"))));
    const QJsonObject m = QJsonDocument::fromJson(printed.trimmed().toUtf8()).object();
    QCOMPARE(m.value(QStringLiteral("encrypted")).toBool(), true);
    QCOMPARE(m.value(QStringLiteral("verified")).toBool(), true);
    QVERIFY(m.value(QStringLiteral("warning")).isNull());
    QCOMPARE(m.value(QStringLiteral("sealed")).toBool(), true);

    const Result history =
        run({QStringLiteral("history"), QStringLiteral("--profile"), m_dirB->path()});
    QVERIFY2(history.out.contains(QStringLiteral("[encrypted, verified] [read] under lock")),
             qPrintable(history.out));
}

void TestLanPigeonCli::plainTextIsMarkedAndCanBeRefused()
{
    startListener();
    // Measuring mode: nothing encrypted, and the listener says so.
    const Result plain = run(QStringList{QStringLiteral("send"), QStringLiteral("--no-encryption"),
                                         QStringLiteral("--to"), QStringLiteral("127.0.0.2"),
                                         QStringLiteral("in clear")} +
                             common(QStringLiteral("127.0.0.1"), m_dirA->path()));
    QCOMPARE(plain.code, 0);
    QString printed;
    QTRY_VERIFY((printed += QString::fromUtf8(m_listener->readAllStandardOutput()),
                 printed.contains(QStringLiteral("in clear"))));
    const QJsonObject m = QJsonDocument::fromJson(printed.trimmed().toUtf8()).object();
    QCOMPARE(m.value(QStringLiteral("encrypted")).toBool(), false);
    QCOMPARE(m.value(QStringLiteral("verified")).toBool(), false);
    QVERIFY(m.value(QStringLiteral("warning")).isNull());

    // Nobody at 127.0.0.9 says it can decrypt: refused, not sent in clear.
    for (const QString &command : {QStringLiteral("send"), QStringLiteral("send-file")}) {
        const QStringList what = command == QLatin1String("send")
                                     ? QStringList{QStringLiteral("secret")}
                                     : QStringList{QStringLiteral(LANPIGEON_CLI)};
        const Result refused = run(QStringList{command, QStringLiteral("--require-encryption"),
                                               QStringLiteral("--to"), QStringLiteral("127.0.0.9"),
                                               QStringLiteral("--wait"), QStringLiteral("0.3")} +
                                   what + common(QStringLiteral("127.0.0.1"), m_dirA->path()));
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("cannot encrypt")), qPrintable(refused.err));
    }
}

void TestLanPigeonCli::historyExportsAndDeletesAChat()
{
    {
        lanpigeon::HistoryStore store;
        QVERIFY(store.open(m_dirA->filePath(QStringLiteral("history.sqlite")), nullptr));
        auto add = [&](const QString &id, const QString &peer, const QString &text) {
            lanpigeon::ChatMessage m;
            m.id = id;
            m.peerId = peer;
            m.peerNick = QStringLiteral("小王");
            m.text = text;
            m.timestampMs = 1700000000000 + id.toInt() * 1000;
            return store.insert(m);
        };
        QVERIFY(add(QStringLiteral("1"), QStringLiteral("127.0.0.2:2425"),
                    QStringLiteral("<script>alert(1)</script>")));
        QVERIFY(add(QStringLiteral("2"), QStringLiteral("127.0.0.2:2425"), QStringLiteral("你好")));
        QVERIFY(add(QStringLiteral("3"), QStringLiteral("127.0.0.3:2425"),
                    QStringLiteral("someone else")));
    }
    const QStringList profile{QStringLiteral("history"), QStringLiteral("--profile"),
                              m_dirA->path()};
    const QStringList peer{QStringLiteral("--peer"), QStringLiteral("127.0.0.2:2425")};
    const QString html = m_dirB->filePath(QStringLiteral("chat.html"));
    const QString text = m_dirB->filePath(QStringLiteral("chat.txt"));

    Result r = run(profile + QStringList{QStringLiteral("--export"), html});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QStringLiteral("--peer")));
    QVERIFY(!QFile::exists(html));

    r = run(profile + peer + QStringList{QStringLiteral("--export"), html});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out.trimmed(), QStringLiteral("exported 2 messages to %1").arg(html));
    QFile page(html);
    QVERIFY(page.open(QIODevice::ReadOnly));
    const QString written = QString::fromUtf8(page.readAll());
    QVERIFY(written.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;")));
    QVERIFY(!written.contains(QStringLiteral("<script")));
    QVERIFY(written.contains(QStringLiteral("你好")));
    QVERIFY(!written.contains(QStringLiteral("someone else")));

    r = run(profile + peer + QStringList{QStringLiteral("--export"), text});
    QCOMPARE(r.code, 0);
    QFile plain(text);
    QVERIFY(plain.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(plain.readAll()).split(QLatin1Char('\n'));
    QVERIFY2(lines.value(1).endsWith(QStringLiteral("  小王: <script>alert(1)</script>")),
             qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(lines.value(2).endsWith(QStringLiteral("  小王: 你好")));

    r = run(profile + peer +
            QStringList{QStringLiteral("--export"),
                        m_dirB->filePath(QStringLiteral("no/dir/chat.txt"))});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("cannot write")));

    r = run(profile + peer + QStringList{QStringLiteral("--delete")});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out.trimmed(), QStringLiteral("deleted 2 messages"));
    r = run(profile + peer);
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QString());
    r = run(profile);
    QVERIFY(r.out.contains(QStringLiteral("someone else")));
    QVERIFY(!r.out.contains(QStringLiteral("你好")));

    r = run({QStringLiteral("--help")});
    QVERIFY(r.out.contains(QStringLiteral("--export <FILE>")));
    QVERIFY(r.out.contains(QStringLiteral("--delete")));
}

void TestLanPigeonCli::roomCreateSendAndList()
{
    // A room's member is a person, user@host: each listener logs in as someone else.
    QTemporaryDir dirC;
    QProcess bee;
    QProcess cee;
    const auto listen = [](QProcess *p, const QString &user, const QString &bind,
                           const QString &profile) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("USER"), user);
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(LANPIGEON_CLI),
                 QStringList{QStringLiteral("listen"), QStringLiteral("--json"),
                             QStringLiteral("--nick"), user} +
                     common(bind, profile));
        return p->waitForStarted();
    };
    QVERIFY(listen(&bee, QStringLiteral("Bee"), QStringLiteral("127.0.0.2"), m_dirB->path()));
    QVERIFY(listen(&cee, QStringLiteral("Cee"), QStringLiteral("127.0.0.3"), dirC.path()));
    const QStringList fromA =
        common(QStringLiteral("127.0.0.1"), m_dirA->path(), QStringLiteral("127.0.0.2")) +
        QStringList{QStringLiteral("--extra-host"), QStringLiteral("127.0.0.3")};
    QTRY_VERIFY_WITH_TIMEOUT(
        run(QStringList{QStringLiteral("peers"), QStringLiteral("--expect"), QStringLiteral("2"),
                        QStringLiteral("--wait"), QStringLiteral("1")} +
            fromA)
                .code == 0,
        10000);
    const QString name = QString::fromUtf8("周末: 爬山");

    // Members by address and by nick.
    const Result created = run(QStringList{QStringLiteral("room"), QStringLiteral("create"), name,
                                           QStringLiteral("--member"), QStringLiteral("127.0.0.2"),
                                           QStringLiteral("--member"), QStringLiteral("Cee"),
                                           QStringLiteral("--json")} +
                               fromA);
    QVERIFY2(created.code == 0, qPrintable(created.out + created.err));
    const QJsonObject room = QJsonDocument::fromJson(created.out.toUtf8()).object();
    const QString id = room.value(QStringLiteral("room")).toString();
    QCOMPARE(id.size(), 32);
    QCOMPARE(room.value(QStringLiteral("name")).toString(), name);
    QCOMPARE(room.value(QStringLiteral("members")).toArray().size(), 3);

    const Result sent = run(QStringList{QStringLiteral("room"), QStringLiteral("send"), name,
                                        QStringLiteral("hello room"), QStringLiteral("--json")} +
                            fromA);
    QVERIFY2(sent.code == 0, qPrintable(sent.out + sent.err));
    QCOMPARE(sent.out.count(QStringLiteral("\"delivered\"")), 2);

    // Each listener prints it with the room's id.
    for (QProcess *listener : {&bee, &cee}) {
        QString printed;
        QTRY_VERIFY_WITH_TIMEOUT((printed += QString::fromUtf8(listener->readAllStandardOutput()),
                                  printed.contains(QStringLiteral("hello room"))),
                                 10000);
        bool found = false;
        for (const QString &line : printed.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject m = QJsonDocument::fromJson(line.toUtf8()).object();
            if (m.value(QStringLiteral("text")).toString() == QStringLiteral("hello room")) {
                QCOMPARE(m.value(QStringLiteral("room")).toString(), id);
                found = true;
            }
        }
        QVERIFY(found);
    }
    for (QProcess *listener : {&bee, &cee}) {
        listener->terminate();
        QVERIFY(listener->waitForFinished(5000));
    }

    const Result listed =
        run({QStringLiteral("room"), QStringLiteral("list"), QStringLiteral("--json"),
             QStringLiteral("--profile"), m_dirA->path()});
    QCOMPARE(listed.code, 0);
    const QStringList lines = listed.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    const QJsonObject kept = QJsonDocument::fromJson(lines.first().toUtf8()).object();
    QCOMPARE(kept.value(QStringLiteral("room")).toString(), id);
    QCOMPARE(kept.value(QStringLiteral("name")).toString(), name);
    QCOMPARE(kept.value(QStringLiteral("members")).toArray().size(), 3);
    // history --json names the room of its messages too.
    const Result history = run({QStringLiteral("history"), QStringLiteral("--json"),
                                QStringLiteral("--profile"), m_dirA->path()});
    QVERIFY(history.out.contains(QStringLiteral("\"room\":\"%1\"").arg(id)));

    const Result unknown = run(QStringList{QStringLiteral("room"), QStringLiteral("send"),
                                           QStringLiteral("nope"), QStringLiteral("text")} +
                               fromA);
    QCOMPARE(unknown.code, 1);
    QVERIFY(unknown.err.contains(QStringLiteral("no group chat named")));

    // Alone in a room, a message goes to nobody: RoomService says so (it returned quietly and
    // the CLI guessed from a timer), and the CLI exits 1 with the reason.
    QString beeHost;
    for (const QJsonValue &m : room.value(QStringLiteral("members")).toArray()) {
        if (m.toObject().value(QStringLiteral("user")).toString() == QStringLiteral("Bee"))
            beeHost = m.toObject().value(QStringLiteral("host")).toString();
    }
    QVERIFY(!beeHost.isEmpty());
    QProcess beeAgain;
    QVERIFY(listen(&beeAgain, QStringLiteral("Bee"), QStringLiteral("127.0.0.2"), m_dirB->path()));
    const Result solo =
        run(QStringList{QStringLiteral("room"), QStringLiteral("create"), QStringLiteral("solo"),
                        QStringLiteral("--member"), QStringLiteral("127.0.0.2")} +
            fromA);
    QVERIFY2(solo.code == 0, qPrintable(solo.out + solo.err));
    const Result removed =
        run(QStringList{QStringLiteral("room"), QStringLiteral("remove"), QStringLiteral("solo"),
                        QStringLiteral("Bee@") + beeHost} +
            fromA);
    QVERIFY2(removed.code == 0, qPrintable(removed.out + removed.err));
    beeAgain.terminate();
    QVERIFY(beeAgain.waitForFinished(5000));
    const Result alone = run(QStringList{QStringLiteral("room"), QStringLiteral("send"),
                                         QStringLiteral("solo"), QStringLiteral("anyone?")} +
                             fromA);
    QCOMPARE(alone.code, 1);
    QVERIFY2(alone.err.contains(QStringLiteral("not sent: nobody else in 'solo'")),
             qPrintable(alone.err));
}

QTEST_GUILESS_MAIN(TestLanPigeonCli)
#include "tst_lanpigeoncli.moc"
