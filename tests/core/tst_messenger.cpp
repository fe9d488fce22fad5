// The core facade: services on a network thread, the peer model fed on ours, clean shutdown.
#include "messenger.h"
#include "models/peermodel.h"
#include "models/transfermodel.h"
#include "testnode.h"

#include <QFile>

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <QUdpSocket>
#include <memory>

using namespace lanpigeon;

namespace {
constexpr quint16 Port = 34255;

NodeConfig config(const QString &ip, const QString &nick, const QString &peerIp, const QString &dir)
{
    NodeConfig c;
    c.bindAddress = QHostAddress(ip);
    c.port = Port;
    c.nick = nick;
    c.user = nick;
    c.host = QStringLiteral("test");
    c.broadcast = false;
    c.extraHosts = {QHostAddress(peerIp)};
    c.profileDir = dir;
    c.retryIntervalMs = 100;
    return c;
}

// A server on loopback, on a port the system picks.
tftp::TftpServer::Config tftpServerConfig(const QString &root)
{
    tftp::TftpServer::Config c;
    c.root = root;
    c.address = QHostAddress(QStringLiteral("127.0.0.1"));
    c.port = 0;
    return c;
}
} // namespace

class TestMessenger final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void twoMessengersTalk();
    void startFailsClearlyWhenPortIsTaken();
    void packetNumbersKeepIncreasingAcrossRestarts();
    void tftpServerAndClientFillTheTransferModel();
    void cancelGoesWhereTheIdsKindSays();
    void keysAreMadeComparedAndVerified();
    void requiringEncryptionAppliesToDownloadsAtOnce();
    void startFailsClearlyOnABrokenKey();
};

void TestMessenger::twoMessengersTalk()
{
    QTemporaryDir da, db;
    Messenger a(config(QStringLiteral("127.0.0.1"), QStringLiteral("Ann"),
                       QStringLiteral("127.0.0.2"), da.path()));
    Messenger b(config(QStringLiteral("127.0.0.2"), QStringLiteral("Ben"),
                       QStringLiteral("127.0.0.1"), db.path()));
    QSignalSpy startedB(&b, &Messenger::started);
    b.start();
    QVERIFY(startedB.wait());
    QSignalSpy peerOnA(&a, &Messenger::peerUpdated);
    a.start();
    QTRY_COMPARE(a.peerModel()->rowCount(), 1);
    QTRY_COMPARE(b.peerModel()->rowCount(), 1);
    // Model updates arrive on the thread that owns the model, not the network thread.
    QCOMPARE(a.peerModel()->thread(), QThread::currentThread());
    QCOMPARE(a.peerModel()->index(0).data(PeerModel::NickRole).toString(), QStringLiteral("Ben"));

    QSignalSpy states(&a, &Messenger::messageStateChanged);
    QSignalSpy received(&b, &Messenger::messageReceived);
    const QString id =
        a.sendMessage({QStringLiteral("127.0.0.2:%1").arg(Port)}, QStringLiteral("早上好"));
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.first().first().value<ChatMessage>().text, QStringLiteral("早上好"));
    QTRY_COMPARE(states.size(), 1);
    QCOMPARE(states.first().at(0).toString(), id);
    QCOMPARE(states.first().at(2).value<DeliveryState>(), DeliveryState::Delivered);

    // A picture goes through the facade: stored Ready at once, fetched, found by its hash.
    QSignalSpy storedOnA(&a, &Messenger::messageStored);
    QSignalSpy pictureOnB(&b, &Messenger::pictureChanged);
    const QByteArray png = QByteArray("\x89PNG\r\n\x1a\n") + QByteArray(5000, 'x');
    const QString withPicture = a.sendMessage({QStringLiteral("127.0.0.2:%1").arg(Port)},
                                              QStringLiteral("look"), false, {{4, png}});
    QTRY_COMPARE(storedOnA.size(), 1);
    const auto mine = storedOnA.first().first().value<ChatMessage>();
    QCOMPARE(mine.id, withPicture);
    QCOMPARE(mine.pictures.size(), 1);
    QCOMPARE(mine.pictures.first().state, PictureState::Ready);
    QTRY_COMPARE(pictureOnB.size(), 1);
    const auto theirs = pictureOnB.first().at(3).value<ChatPicture>();
    QCOMPARE(theirs.state, PictureState::Ready);
    QCOMPARE(theirs.sha256, mine.pictures.first().sha256);
    QCOMPARE(pictureOnB.first().at(1).toString(), QStringLiteral("127.0.0.1:%1").arg(Port));
    QString path;
    std::unique_ptr<QThread> reader(QThread::create([&] { path = b.picturePath(theirs.sha256); }));
    reader->start();
    QVERIFY(reader->wait());
    QFile stored(path);
    QVERIFY2(stored.open(QIODevice::ReadOnly), qPrintable(path));
    QCOMPARE(stored.readAll(), png);
    QCOMPARE(a.picturePath(mine.pictures.first().sha256),
             QString(a.config().profileDir + QStringLiteral("/pictures/") +
                     mine.pictures.first().sha256.left(2) + QLatin1Char('/') +
                     mine.pictures.first().sha256 + QStringLiteral(".png")));

    QSignalSpy removedOnB(&b, &Messenger::peerRemoved);
    QSignalSpy stoppedA(&a, &Messenger::stopped);
    a.shutdown();
    QVERIFY(stoppedA.wait());
    QVERIFY(!a.isRunning());
    QTRY_COMPARE(removedOnB.size(), 1);
    QCOMPARE(b.peerModel()->rowCount(), 0);
}

void TestMessenger::startFailsClearlyWhenPortIsTaken()
{
    QTemporaryDir da, db;
    Messenger a(config(QStringLiteral("127.0.0.1"), QStringLiteral("Ann"),
                       QStringLiteral("127.0.0.2"), da.path()));
    Messenger again(config(QStringLiteral("127.0.0.1"), QStringLiteral("Ann2"),
                           QStringLiteral("127.0.0.2"), db.path()));
    QSignalSpy started(&a, &Messenger::started);
    a.start();
    QVERIFY(started.wait());
    QSignalSpy failed(&again, &Messenger::startFailed);
    again.start();
    QVERIFY(failed.wait());
    QVERIFY(
        failed.first().first().toString().contains(QStringLiteral("cannot bind UDP 127.0.0.1")));
    QVERIFY(!again.isRunning());
}

void TestMessenger::packetNumbersKeepIncreasingAcrossRestarts()
{
    QTemporaryDir da, db;
    Messenger b(config(QStringLiteral("127.0.0.2"), QStringLiteral("Ben"),
                       QStringLiteral("127.0.0.1"), db.path()));
    QSignalSpy startedB(&b, &Messenger::started);
    b.start();
    QVERIFY(startedB.wait());
    QSignalSpy received(&b, &Messenger::messageReceived);
    quint64 last = 0;
    for (int run = 0; run < 2; ++run) {
        Messenger a(config(QStringLiteral("127.0.0.1"), QStringLiteral("Ann"),
                           QStringLiteral("127.0.0.2"), da.path()));
        QSignalSpy started(&a, &Messenger::started);
        a.start();
        QVERIFY(started.wait());
        // Many packets in one run push the counter past the clock-based seed of the next.
        for (int i = 0; i < 30; ++i)
            a.sendMessage({QStringLiteral("127.0.0.2:%1").arg(Port)},
                          QStringLiteral("run %1 #%2").arg(run).arg(i));
        QTRY_COMPARE(received.size(), 30 * (run + 1));
        QSignalSpy stopped(&a, &Messenger::stopped);
        a.shutdown();
        QVERIFY(stopped.wait());
    }
    for (const QList<QVariant> &args : std::as_const(received)) {
        const quint64 n = args.first().value<ChatMessage>().packetNo;
        QVERIFY(n > last);
        last = n;
    }
}

void TestMessenger::tftpServerAndClientFillTheTransferModel()
{
    QTemporaryDir dir;
    QTemporaryDir root;
    QByteArray data(3000000, Qt::Uninitialized);
    for (int i = 0; i < data.size(); ++i)
        data[i] = char(i * 7 + i / 1000);
    {
        QFile f(root.filePath(QStringLiteral("fw.bin")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
    }
    Messenger m(config(QStringLiteral("127.0.0.1"), QStringLiteral("a"),
                       QStringLiteral("127.0.0.2"), dir.filePath(QStringLiteral("p"))));
    QSignalSpy server(&m, &Messenger::tftpServerChanged);
    m.startTftpServer(tftpServerConfig(root.path()));
    QVERIFY(server.wait());
    QVERIFY2(server.last().at(0).toBool(), qPrintable(server.last().at(3).toString()));
    const auto port = server.last().at(2).value<quint16>();
    QVERIFY(port != 0);

    QSignalSpy finished(&m, &Messenger::transferFinished);
    tftp::TftpClient::Request r;
    r.server = QHostAddress(QStringLiteral("127.0.0.1"));
    r.port = port;
    r.remote = "fw.bin";
    r.local = dir.filePath(QStringLiteral("got.bin"));
    r.bind = QHostAddress(QStringLiteral("127.0.0.1"));
    r.blockSize = 1428;
    const TransferId id = m.startTftpTransfer(r);
    QCOMPARE(id.kind(), TransferId::Kind::TftpClient);
    // Both ends: our client's download and our server's upload.
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    for (const auto &args : std::as_const(finished)) {
        const auto result = args.at(0).value<TransferResult>();
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(result.id.isTftp());
    }
    QFile got(r.local);
    QVERIFY(got.open(QIODevice::ReadOnly));
    QCOMPARE(got.readAll(), data);
    const TransferModel::Transfer *t = m.transferModel()->find(id);
    QVERIFY(t);
    QCOMPARE(t->state, TransferModel::State::Done);
    QCOMPARE(t->direction, TransferModel::Direction::Download);
    QCOMPARE(t->done, quint64(data.size()));
    QCOMPARE(m.transferModel()->rowCount(), 2);
    // The other row is our server sending the file: an upload, seen from here.
    const TransferModel::Transfer &served =
        m.transferModel()->transfers().at(m.transferModel()->transfers().at(0).id == id ? 1 : 0);
    QCOMPARE(served.id.kind(), TransferId::Kind::TftpServer);
    QCOMPARE(served.direction, TransferModel::Direction::Upload);

    // Stopping the server is reported too; a get afterwards fails with a clear error.
    m.stopTftpServer();
    QVERIFY(server.wait());
    QVERIFY(!server.last().at(0).toBool());
    r.local = dir.filePath(QStringLiteral("again.bin"));
    const TransferId second = m.startTftpTransfer(r);
    QVERIFY(second != id);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 10000);
    const auto failed = finished.last().at(0).value<TransferResult>();
    QCOMPARE(failed.id, second);
    QCOMPARE(failed.state, TransferState::Failed);
    QVERIFY2(failed.error.contains(QStringLiteral("port unreachable")), qPrintable(failed.error));
}

// A cancel reaches the service that runs the transfer, told by the id's kind: our TFTP client,
// our TFTP server, or the file service (which knows no TFTP id and must not end anything).
void TestMessenger::cancelGoesWhereTheIdsKindSays()
{
    QTemporaryDir dir;
    QTemporaryDir root;
    {
        QFile f(root.filePath(QStringLiteral("slow.bin")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(100000, 'x'));
    }
    Messenger m(config(QStringLiteral("127.0.0.1"), QStringLiteral("a"),
                       QStringLiteral("127.0.0.2"), dir.filePath(QStringLiteral("p"))));
    QSignalSpy server(&m, &Messenger::tftpServerChanged);
    m.startTftpServer(tftpServerConfig(root.path()));
    QVERIFY(server.wait());
    QVERIFY(server.last().at(0).toBool());
    const auto port = server.last().at(2).value<quint16>();
    QSignalSpy finished(&m, &Messenger::transferFinished);
    TransferModel *model = m.transferModel();

    // A peer that asks for a file and then never acknowledges: the server's transfer waits.
    QUdpSocket silent;
    QVERIFY(silent.bind(QHostAddress(QStringLiteral("127.0.0.1")), 0));
    silent.writeDatagram(QByteArrayLiteral("\0\1slow.bin\0octet\0"),
                         QHostAddress(QStringLiteral("127.0.0.1")), port);
    QTRY_COMPARE(model->rowCount(), 1);
    const auto served = model->index(0).data(TransferModel::IdRole).value<TransferId>();
    QCOMPARE(served.kind(), TransferId::Kind::TftpServer);

    // A server that never answers: our client's transfer waits too.
    QUdpSocket mute;
    QVERIFY(mute.bind(QHostAddress(QStringLiteral("127.0.0.1")), 0));
    tftp::TftpClient::Request r;
    r.server = QHostAddress(QStringLiteral("127.0.0.1"));
    r.port = mute.localPort();
    r.remote = "nothing.bin";
    r.local = dir.filePath(QStringLiteral("nothing.bin"));
    r.bind = QHostAddress(QStringLiteral("127.0.0.1"));
    const TransferId client = m.startTftpTransfer(r);
    QTRY_COMPARE(model->rowCount(), 2);

    // The same serials as file transfers name nothing there: both TFTP transfers run on.
    m.cancelTransfer(TransferId(TransferId::Kind::Download, client.serial()));
    m.cancelTransfer(TransferId(TransferId::Kind::Upload, served.serial()));
    QTest::qWait(300);
    QCOMPARE(finished.size(), 0);

    m.cancelTransfer(client);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.last().at(0).value<TransferResult>().id, client);
    QCOMPARE(finished.last().at(0).value<TransferResult>().state, TransferState::Cancelled);
    QCOMPARE(model->find(client)->state, TransferModel::State::Cancelled);
    QVERIFY(!TransferModel::isFinal(model->find(served)->state));

    m.cancelTransfer(served);
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(finished.last().at(0).value<TransferResult>().id, served);
    QCOMPARE(finished.last().at(0).value<TransferResult>().state, TransferState::Cancelled);
    QCOMPARE(model->find(served)->state, TransferModel::State::Cancelled);
}

void TestMessenger::keysAreMadeComparedAndVerified()
{
    QTemporaryDir da, db;
    Messenger a(config(QStringLiteral("127.0.0.1"), QStringLiteral("Ann"),
                       QStringLiteral("127.0.0.2"), da.path()));
    Messenger b(config(QStringLiteral("127.0.0.2"), QStringLiteral("Ben"),
                       QStringLiteral("127.0.0.1"), db.path()));
    QVERIFY(a.ourFingerprint().isNull());
    QSignalSpy startedA(&a, &Messenger::started);
    QSignalSpy startedB(&b, &Messenger::started);
    a.start();
    b.start();
    QTRY_VERIFY(!startedA.isEmpty() && !startedB.isEmpty());
    // Made on the first start, kept owner-only in the profile.
    QVERIFY(!a.ourFingerprint().isNull());
    QVERIFY(a.ourFingerprint() != b.ourFingerprint());
    const QFile::Permissions mode = QFile::permissions(da.filePath(QStringLiteral("identity.pem")));
    QVERIFY(mode & QFile::ReadOwner);
    QVERIFY(
        !(mode & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther)));

    // B learns A's key: the peer model shows its fingerprint, pinned on first sight.
    const QString annId = QStringLiteral("127.0.0.1:%1").arg(Port);
    QTRY_VERIFY(b.peerModel()->find(annId) &&
                b.peerModel()->find(annId)->key.trust == crypto::KeyTrust::Pinned);
    QCOMPARE(b.peerModel()->find(annId)->key.current, a.ourFingerprint());
    b.markKeyVerified(annId);
    QTRY_COMPARE(b.peerModel()->find(annId)->key.trust, crypto::KeyTrust::Verified);

    QSignalSpy received(&b, &Messenger::messageReceived);
    a.sendMessage({QStringLiteral("127.0.0.2:%1").arg(Port)}, QStringLiteral("checked"));
    QVERIFY(received.wait());
    const ChatMessage m = received.first().first().value<ChatMessage>();
    QVERIFY(m.encrypted);
    QCOMPARE(m.authenticity, Authenticity::Verified);

    // Refusing plain text applies at once: a peer that cannot encrypt gets nothing.
    QSignalSpy states(&a, &Messenger::messageStateChanged);
    a.setRequireEncryption(true);
    const QString clear =
        a.sendMessage({QStringLiteral("127.0.0.9:%1").arg(Port)}, QStringLiteral("clear?"));
    // The receipt of "checked" may still be on its way: only this message's states count.
    QTRY_VERIFY(std::any_of(states.cbegin(), states.cend(),
                            [&](const QList<QVariant> &s) { return s.at(0).toString() == clear; }));
    const auto state = std::find_if(states.cbegin(), states.cend(), [&](const QList<QVariant> &s) {
        return s.at(0).toString() == clear;
    });
    QCOMPARE(state->at(2).value<DeliveryState>(), DeliveryState::Failed);
    QCOMPARE(state->at(4).value<Failure>(), Failure::NotEncrypted);
}

void TestMessenger::startFailsClearlyOnABrokenKey()
{
    QTemporaryDir da;
    QFile pem(da.filePath(QStringLiteral("identity.pem")));
    QVERIFY(pem.open(QIODevice::WriteOnly));
    pem.write("not a key");
    pem.close();
    Messenger a(config(QStringLiteral("127.0.0.1"), QStringLiteral("Ann"),
                       QStringLiteral("127.0.0.2"), da.path()));
    QSignalSpy failed(&a, &Messenger::startFailed);
    a.start();
    QVERIFY(failed.wait());
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("encryption key")),
             qPrintable(failed.first().first().toString()));
}

// Fetches file 0 of offer packetNo from 127.0.0.1 with a plain GETFILEDATA sent from ip.
QByteArray plainFetch(const QString &ip, quint64 packetNo)
{
    QTcpSocket socket;
    if (!socket.bind(QHostAddress(ip), 0))
        return "bind failed";
    socket.connectToHost(QHostAddress(QStringLiteral("127.0.0.1")), Port);
    if (!socket.waitForConnected(3000))
        return "connect failed";
    socket.write(test::fetchRequest(packetNo, 0));
    QByteArray got;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(3000))
        got += socket.readAll();
    return got + socket.readAll();
}

void TestMessenger::requiringEncryptionAppliesToDownloadsAtOnce()
{
    QTemporaryDir da, dc, src;
    QFile file(src.filePath(QStringLiteral("f.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write("secret") == 6);
    file.close();
    Messenger a(config(QStringLiteral("127.0.0.1"), QStringLiteral("Ann"),
                       QStringLiteral("127.0.0.3"), da.path()));
    // Cal cannot encrypt, as iptux and FeiQ cannot.
    NodeConfig plain = config(QStringLiteral("127.0.0.3"), QStringLiteral("Cal"),
                              QStringLiteral("127.0.0.1"), dc.path());
    plain.encryption = false;
    Messenger c(plain);
    QSignalSpy startedA(&a, &Messenger::started);
    QSignalSpy startedC(&c, &Messenger::started);
    a.start();
    c.start();
    QTRY_VERIFY(!startedA.isEmpty() && !startedC.isEmpty());
    const QString calId = QStringLiteral("127.0.0.3:%1").arg(Port);
    QTRY_VERIFY(a.peerModel()->find(calId));
    QSignalSpy offers(&c, &Messenger::offerReceived);
    QSignalSpy warnings(&a, &Messenger::warning);

    a.offerFiles({calId}, {file.fileName()});
    QVERIFY(offers.wait());
    a.offerFiles({calId}, {file.fileName()});
    QVERIFY(offers.wait());
    QCOMPARE(
        plainFetch(QStringLiteral("127.0.0.3"), offers.at(0).first().value<FileOffer>().packetNo),
        QByteArray("secret"));

    // Ticked in Settings while an offer is out: its plain request is refused, and said.
    a.setRequireEncryption(true);
    const QByteArray got =
        plainFetch(QStringLiteral("127.0.0.3"), offers.at(1).first().value<FileOffer>().packetNo);
    QVERIFY2(!got.contains("secret"), got.constData());
    QTRY_VERIFY(!warnings.isEmpty());
    QVERIFY2(warnings.last().first().toString().contains(QStringLiteral("encryption is required")),
             qPrintable(warnings.last().first().toString()));
}

QTEST_GUILESS_MAIN(TestMessenger)
#include "tst_messenger.moc"
