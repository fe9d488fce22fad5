// iptux's chat picture push over real sockets on loopback: between two nodes, and against
// strangers, oversized, stalled and vanishing senders.
#include "ipmsg/iptuxpicture.h"
#include "pictures/pictureservice.h"
#include "testnode.h"

#include <QCryptographicHash>
#include <QDirIterator>

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>

#include <sys/socket.h>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;
using lanpigeon::test::FakePeer;
using lanpigeon::test::randomBytes;
using lanpigeon::test::startPair;
using lanpigeon::test::TestNode;

namespace {
constexpr quint16 Port = 34311;
const QHostAddress A(QStringLiteral("127.0.0.71"));
const QHostAddress B(QStringLiteral("127.0.0.72"));
const QHostAddress F(QStringLiteral("127.0.0.73"));

// A PNG signature and chunk start, then noise: the service does not decode.
QByteArray picture(int n, quint32 seed)
{
    return QByteArrayLiteral("\x89PNG\r\n\x1a\n\0\0\0\rIHDR") + randomBytes(n, seed);
}

QByteArray iptuxHeader()
{
    return QByteArrayLiteral("1_iptux 0.8.3:42:root:vm:765:") + '\0';
}

// A TCP connection from address, as iptux's (unbound there, but a peer has one address).
std::unique_ptr<QTcpSocket> connectFrom(const QHostAddress &address)
{
    auto s = std::make_unique<QTcpSocket>();
    if (!s->bind(address, 0))
        return nullptr;
    s->connectToHost(B, Port);
    if (!s->waitForConnected(3000))
        return nullptr;
    return s;
}

struct Received
{
    QHostAddress peer;
    bool ok = false;
    QByteArray bytes;
    QString error;
};

Received received(const QList<QVariant> &args)
{
    return {args.at(1).value<QHostAddress>(), args.at(2).toBool(), args.at(3).toByteArray(),
            args.at(4).toString()};
}

} // namespace

class TestIptuxPicturePush final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void nodesPushPicturesBothWays();
    void pushIsWhatIptuxReads();
    void strangerIsRefused();
    void largerThanTheLimitIsCutOff();
    void vanishingSenders_data();
    void vanishingSenders();
    void emptyPushArrivesEmpty();
    void pushToNobodyFails();
    void picturePlacesAloneShowNothing();
    void iptuxGetsPushesNeverClipboardEntries();
    void pushedPictureBecomesAMessage_data();
    void pushedPictureBecomesAMessage();

private:
    // Makes F a peer B knows, as a real iptux would be after its BR_ENTRY.
    void announceFake();

    std::unique_ptr<TestNode> m_b;
    std::unique_ptr<FakePeer> m_fake;
};

void TestIptuxPicturePush::initTestCase()
{
    qRegisterMetaType<TransferId>();
    qRegisterMetaType<QHostAddress>();
}

void TestIptuxPicturePush::init()
{
    m_b = std::make_unique<TestNode>(B.toString(), Port, QStringLiteral("B"));
    QVERIFY(m_b->start());
}

void TestIptuxPicturePush::cleanup()
{
    m_fake.reset();
    m_b.reset();
    QLoggingCategory::setFilterRules({});
}

void TestIptuxPicturePush::announceFake()
{
    m_fake = std::make_unique<FakePeer>(F.toString(), Port);
    m_fake->send(7, Mode::BrEntry, QByteArrayLiteral("iptux-peer\0grp\0icon-tux.png\0utf-8\0"), B,
                 Port);
    QVERIFY(QTest::qWaitFor([&] { return m_b->discovery->peerAt(F) != nullptr; }, 3000));
}

void TestIptuxPicturePush::nodesPushPicturesBothWays()
{
    TestNode a(A.toString(), Port, QStringLiteral("A"), {B});
    m_b.reset();
    m_b =
        std::make_unique<TestNode>(B.toString(), Port, QStringLiteral("B"), QList<QHostAddress>{A});
    QVERIFY(startPair(a, *m_b));
    QSignalSpy arrivingB(m_b->files, &FileTransferService::iptuxPictureArriving);
    QSignalSpy receivedB(m_b->files, &FileTransferService::iptuxPictureReceived);
    QSignalSpy pushedA(a.files, &FileTransferService::iptuxPicturePushed);
    // Three at once, one of them larger than the socket buffers.
    const QList<QByteArray> pictures = {picture(100, 1), picture(6 * 1024 * 1024, 2),
                                        picture(70000, 3)};
    QList<TransferId> ids;
    for (const QByteArray &p : pictures)
        ids.append(a.files->pushIptuxPicture(B, Port, p));
    QVERIFY(QTest::qWaitFor([&] { return receivedB.size() == 3 && pushedA.size() == 3; }, 10000));
    QCOMPARE(arrivingB.size(), 3);
    QList<QByteArray> got;
    for (const auto &args : std::as_const(receivedB)) {
        const Received r = received(args);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.peer, A);
        got.append(r.bytes);
    }
    for (const QByteArray &p : pictures)
        QVERIFY(got.contains(p));
    for (const auto &args : std::as_const(pushedA)) {
        QVERIFY(ids.contains(args.at(0).value<TransferId>()));
        QVERIFY2(args.at(1).toBool(), qPrintable(args.at(2).toString()));
    }

    // And back, with a file fetch on the same port in between unharmed.
    QSignalSpy receivedA(a.files, &FileTransferService::iptuxPictureReceived);
    m_b->files->pushIptuxPicture(A, Port, pictures.at(0));
    QVERIFY(QTest::qWaitFor([&] { return receivedA.size() == 1; }, 5000));
    QCOMPARE(received(receivedA.at(0)).bytes, pictures.at(0));
    QCOMPARE(received(receivedA.at(0)).peer, B);
}

void TestIptuxPicturePush::pushIsWhatIptuxReads()
{
    // A stand-in for iptux's TCP port at F: read as iptux's TcpData does.
    QTcpServer server;
    QVERIFY(server.listen(F, Port));
    QByteArray firstRead;
    QByteArray all;
    bool closed = false;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *s = server.nextPendingConnection();
        connect(s, &QTcpSocket::readyRead, s, [&, s] {
            const QByteArray chunk = s->readAll();
            if (all.isEmpty())
                firstRead = chunk;
            all += chunk;
        });
        connect(s, &QTcpSocket::disconnected, s, [&, s] {
            closed = true;
            s->close();
        });
    });
    QSignalSpy pushed(m_b->files, &FileTransferService::iptuxPicturePushed);
    const QByteArray bytes = picture(3000, 9);
    m_b->files->pushIptuxPicture(F, Port, bytes);
    QVERIFY(QTest::qWaitFor([&] { return pushed.size() == 1; }, 5000));
    QVERIFY2(pushed.at(0).at(1).toBool(), qPrintable(pushed.at(0).at(2).toString()));
    QVERIFY(closed);
    // iptux counts five ':' and takes the rest after the first NUL of its first read.
    const PictureHeader header = parseIptuxPictureHeader(firstRead);
    QCOMPARE(header.status, PictureHeaderStatus::Complete);
    QCOMPARE(header.packet.command, 765u);
    QVERIFY(header.packet.version.contains("LanPigeon"));
    QCOMPARE(all.mid(header.payloadOffset), bytes);
}

void TestIptuxPicturePush::strangerIsRefused()
{
    QLoggingCategory::setFilterRules(QStringLiteral("lanpigeon.files.info=true"));
    QTest::ignoreMessage(QtInfoMsg,
                         QRegularExpression("picture push from 127.0.0.73 refused: from a host "
                                            "that is no known peer"));
    QSignalSpy arriving(m_b->files, &FileTransferService::iptuxPictureArriving);
    QSignalSpy receivedB(m_b->files, &FileTransferService::iptuxPictureReceived);
    auto s = connectFrom(F);
    QVERIFY(s);
    s->write(iptuxHeader() + picture(1000, 4));
    // Refused at once: reset, never read to the end.
    QVERIFY(QTest::qWaitFor([&] { return s->state() == QAbstractSocket::UnconnectedState; }, 3000));
    QCOMPARE(s->error(), QAbstractSocket::RemoteHostClosedError);
    QTest::qWait(200);
    QCOMPARE(arriving.size(), 0);
    QCOMPARE(receivedB.size(), 0);
}

void TestIptuxPicturePush::largerThanTheLimitIsCutOff()
{
    announceFake();
    QSignalSpy receivedB(m_b->files, &FileTransferService::iptuxPictureReceived);
    auto s = connectFrom(F);
    QVERIFY(s);
    const QByteArray tooBig = picture(10 * 1024 * 1024, 5);
    s->write(iptuxHeader() + tooBig);
    QVERIFY(QTest::qWaitFor([&] { return receivedB.size() == 1; }, 10000));
    const Received r = received(receivedB.at(0));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QStringLiteral("larger than 10 MB")), qPrintable(r.error));
    QVERIFY(r.bytes.isEmpty());
    QCOMPARE(r.peer, F);
    // Cut off, not drained: the sender is reset before it has written everything.
    QVERIFY(QTest::qWaitFor([&] { return s->state() == QAbstractSocket::UnconnectedState; }, 5000));
    QCOMPARE(s->error(), QAbstractSocket::RemoteHostClosedError);
}

void TestIptuxPicturePush::vanishingSenders_data()
{
    QTest::addColumn<bool>("reset");
    QTest::newRow("stops sending") << false;
    QTest::newRow("resets the connection") << true;
}

void TestIptuxPicturePush::vanishingSenders()
{
    QFETCH(bool, reset);
    announceFake();
    QSignalSpy arriving(m_b->files, &FileTransferService::iptuxPictureArriving);
    QSignalSpy receivedB(m_b->files, &FileTransferService::iptuxPictureReceived);
    auto s = connectFrom(F);
    QVERIFY(s);
    s->write(iptuxHeader() + picture(50000, 6));
    QVERIFY(s->waitForBytesWritten(3000));
    QVERIFY(QTest::qWaitFor([&] { return arriving.size() == 1; }, 3000));
    if (reset) {
        const linger abort{1, 0};
        ::setsockopt(int(s->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
        s->abort();
    }
    // The test node gives up on a silent peer after 1.5 s.
    QVERIFY(QTest::qWaitFor([&] { return receivedB.size() == 1; }, 5000));
    const Received r = received(receivedB.at(0));
    QVERIFY(!r.ok);
    QVERIFY(r.bytes.isEmpty());
    QVERIFY2(r.error.contains(reset ? QStringLiteral("went away") : QStringLiteral("stopped")),
             qPrintable(r.error));
}

void TestIptuxPicturePush::emptyPushArrivesEmpty()
{
    // Whether bytes are a picture is for the store to say; the push itself just ends.
    announceFake();
    QSignalSpy receivedB(m_b->files, &FileTransferService::iptuxPictureReceived);
    auto s = connectFrom(F);
    QVERIFY(s);
    s->write(iptuxHeader());
    s->disconnectFromHost();
    QVERIFY(QTest::qWaitFor([&] { return receivedB.size() == 1; }, 3000));
    const Received r = received(receivedB.at(0));
    QVERIFY(r.ok);
    QVERIFY(r.bytes.isEmpty());
}

void TestIptuxPicturePush::pushToNobodyFails()
{
    QSignalSpy pushed(m_b->files, &FileTransferService::iptuxPicturePushed);
    m_b->files->pushIptuxPicture(F, Port, picture(10, 7));
    QVERIFY(QTest::qWaitFor([&] { return pushed.size() == 1; }, 5000));
    QVERIFY(!pushed.at(0).at(1).toBool());
    QVERIFY2(pushed.at(0).at(2).toString().contains(QStringLiteral("cannot connect")),
             qPrintable(pushed.at(0).at(2).toString()));
}

void TestIptuxPicturePush::picturePlacesAloneShowNothing()
{
    // iptux 0.8.3 follows a picture-only message's pushes with a SENDMSG of U+0001 marks.
    announceFake();
    QSignalSpy messages(m_b->messages, &MessageService::messageReceived);
    const quint32 command = Mode::SendMsg | Opt::SendCheck;
    m_fake->send(20, command, QByteArrayLiteral("\x01\x01") + '\0', B, Port);
    QVERIFY(m_fake->waitFor(Mode::RecvMsg, 1));
    QCOMPARE(referencedPacketNo(m_fake->packets(Mode::RecvMsg).at(0)), 20u);
    m_fake->send(21, command, QByteArrayLiteral("\x01look \x01") + '\0', B, Port);
    QVERIFY(m_fake->waitFor(Mode::RecvMsg, 2));
    QVERIFY(QTest::qWaitFor([&] { return messages.size() >= 1; }, 2000));
    QTest::qWait(100);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).at(0).value<ChatMessage>().text, QStringLiteral("look "));
}

void TestIptuxPicturePush::iptuxGetsPushesNeverClipboardEntries()
{
    announceFake();
    // iptux's TCP port at F: each connection one push, read to its close.
    QTcpServer server;
    QVERIFY(server.listen(F, Port));
    QList<QByteArray> pushes;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *s = server.nextPendingConnection();
        auto *got = new QByteArray;
        connect(s, &QTcpSocket::readyRead, s, [s, got] { *got += s->readAll(); });
        connect(s, &QTcpSocket::disconnected, s, [&, s, got] {
            pushes.append(*got);
            delete got;
            s->close();
        });
    });
    QSignalSpy served(m_b->node->pictures(), &pictures::PictureService::picturesServed);
    QSignalSpy stored(m_b->messages, &MessageService::messageStored);
    const QList<OutgoingPicture> sent = {{0, picture(2000, 11)}, {3, picture(300000, 12)}};
    const QString fakeId = F.toString() + QLatin1Char(':') + QString::number(Port);
    m_b->node->pictures()->send(QStringLiteral("m1"), {fakeId}, QStringLiteral("hey"), false, sent);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.at(0).at(0).value<ChatMessage>().pictures.size(), 2);
    QVERIFY(m_fake->waitFor(Mode::SendMsg, 1));
    const Packet text = m_fake->packets(Mode::SendMsg).at(0);
    QVERIFY(!text.has(Opt::FileAttach));
    QCOMPARE(text.field(0), QByteArray("hey"));
    QVERIFY(QTest::qWaitFor([&] { return served.size() == 1; }, 5000));
    // Served means pushed: both are there, whole.
    QCOMPARE(pushes.size(), 2);
    for (const OutgoingPicture &p : sent) {
        QVERIFY(std::any_of(pushes.cbegin(), pushes.cend(), [&](const QByteArray &push) {
            const PictureHeader h = parseIptuxPictureHeader(push);
            return h.status == PictureHeaderStatus::Complete &&
                   push.mid(h.payloadOffset) == p.bytes;
        }));
    }
    QCOMPARE(served.at(0).at(0).toString(), QStringLiteral("m1"));
}

void TestIptuxPicturePush::pushedPictureBecomesAMessage_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("closes");
    QTest::addColumn<QString>("note");
    // iptux 0.8.3 sends gdk-pixbuf's BMP; the bytes are kept as they came.
    QTest::newRow("iptux's BMP") << QByteArray("BM" + randomBytes(4000, 13)) << true << QString();
    QTest::newRow("PNG") << picture(5000, 14) << true << QString();
    QTest::newRow("not a picture")
        << QByteArray("<html>hello</html>") << true << QStringLiteral("not a PNG");
    QTest::newRow("larger than the limit")
        << picture(10 * 1024 * 1024, 15) << true << QStringLiteral("larger than 10 MB");
    QTest::newRow("sender vanishes") << picture(5000, 16) << false << QStringLiteral("stopped");
}

void TestIptuxPicturePush::pushedPictureBecomesAMessage()
{
    QFETCH(QByteArray, payload);
    QFETCH(bool, closes);
    QFETCH(QString, note);
    announceFake();
    QSignalSpy received(m_b->messages, &MessageService::messageReceived);
    QSignalSpy changed(m_b->node->pictures(), &pictures::PictureService::pictureChanged);
    auto s = connectFrom(F);
    QVERIFY(s);
    s->write(iptuxHeader() + payload);
    if (closes)
        s->disconnectFromHost();
    QVERIFY(QTest::qWaitFor([&] { return received.size() == 1; }, 3000));
    const auto in = received.at(0).at(0).value<ChatMessage>();
    QCOMPARE(in.peerId, F.toString() + QLatin1Char(':') + QString::number(Port));
    QCOMPARE(in.text, QString());
    QCOMPARE(in.pictures.size(), 1);
    QCOMPARE(in.pictures.at(0).state, PictureState::Arriving);
    QVERIFY(QTest::qWaitFor([&] { return changed.size() == 1; }, 10000));
    QCOMPARE(changed.at(0).at(0).toString(), in.id);
    QCOMPARE(changed.at(0).at(2).toInt(), 0);
    const auto picture = changed.at(0).at(3).value<ChatPicture>();
    // What history keeps is what was said.
    const auto kept = m_b->history->find(in.id);
    QVERIFY(kept);
    QCOMPARE(kept->pictures.size(), 1);
    QCOMPARE(kept->pictures.at(0).state, picture.state);
    int storedFiles = 0;
    for (QDirIterator it(QDir(m_b->dir.path()).filePath(QStringLiteral("pictures")), QDir::Files,
                         QDirIterator::Subdirectories);
         it.hasNext(); it.next())
        ++storedFiles;
    if (note.isEmpty()) {
        QVERIFY2(picture.state == PictureState::Ready, qPrintable(picture.error));
        const QString sha = QString::fromLatin1(
            QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex());
        QCOMPARE(picture.sha256, sha);
        QFile file(m_b->node->pictures()->store().path(sha));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), payload);
        QCOMPARE(storedFiles, 1);
    } else {
        QCOMPARE(picture.state, PictureState::Failed);
        QVERIFY2(picture.error.contains(note), qPrintable(picture.error));
        QCOMPARE(storedFiles, 0);
    }
}

QTEST_GUILESS_MAIN(TestIptuxPicturePush)
#include "tst_iptuxpicturepush.moc"
