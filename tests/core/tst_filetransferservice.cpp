// File and folder transfer between real sockets on loopback, and against hostile senders.
#include "files/filedownload.h"
#include "ipmsg/filelistcodec.h"
#include "testnode.h"
#include "transferbrake.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace lanpigeon;
using namespace lanpigeon::ipmsg;
using lanpigeon::test::FakePeer;
using lanpigeon::test::randomBytes;
using lanpigeon::test::readFile;
using lanpigeon::test::result;
using lanpigeon::test::startPair;
using lanpigeon::test::TestNode;
using lanpigeon::test::TransferBrake;
using lanpigeon::test::tree;
using lanpigeon::test::writeFile;

namespace {
constexpr quint16 Port = 34256;
const QHostAddress A(QStringLiteral("127.0.0.1"));
const QHostAddress B(QStringLiteral("127.0.0.2"));
const QHostAddress F(QStringLiteral("127.0.0.3"));

bool cancelled(const QList<QVariant> &args)
{
    return result(args).state == TransferState::Cancelled;
}

// A sender we script: answers each TCP fetch with the bytes the test chooses.
class FakeFileServer
{
public:
    FakeFileServer()
    {
        QVERIFY(m_server.listen(F, Port));
        QObject::connect(&m_server, &QTcpServer::newConnection, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    m_requests.append(s->readAll());
                    if (m_respond)
                        m_respond(s);
                });
            }
        });
    }
    std::function<void(QTcpSocket *)> m_respond;
    QList<QByteArray> m_requests;

private:
    QTcpServer m_server;
};

QByteArray offerDatagram(quint64 packetNo, const QList<OfferedFile> &files,
                         const QByteArray &version)
{
    Packet p;
    p.version = version;
    p.packetNo = packetNo;
    p.user = "evil";
    p.host = "host";
    p.command = Mode::SendMsg | Opt::SendCheck | Opt::FileAttach | Opt::Utf8;
    p.extra = QByteArray("\0", 1) + buildFileList(files) + QByteArray("\0", 1);
    return encodePacket(p);
}

// The offset a GETFILEDATA request asks for.
std::optional<quint64> offsetAsked(const QByteArray &request)
{
    const ParsedPacket p = parsePacket(request.left(request.indexOf('\0')));
    const auto fetch = p.ok() ? parseFileRequest(p.packet.extra) : std::nullopt;
    return fetch ? std::optional<quint64>(fetch->offset) : std::nullopt;
}

OfferedFile offered(quint32 id, const QByteArray &name, quint64 size,
                    quint32 attr = FileAttr::Regular)
{
    OfferedFile f;
    f.id = id;
    f.name = name;
    f.size = size;
    f.mtime = 1700000000;
    f.attr = attr;
    return f;
}

QByteArray dirHeader(const QByteArray &name, quint64 size, quint32 attr)
{
    const QByteArray body = ':' + escapeName(name) + ':' + QByteArray::number(size, 16) + ':' +
                            QByteArray::number(attr, 16) + ':';
    return QByteArray::number(body.size() + 4, 16).rightJustified(4, '0') + body;
}

} // namespace

class TestFileTransferService final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void transfersFilesAndFolders();
    void resumesFromPartFile();
    void onlyRecipientsMayFetch();
    void rejectingReleasesTheOffer();
    void fileChangedUnderSenderFails();
    void hostileNamesStayInside();
    void sizeThatLies_data();
    void sizeThatLies();
    void vanishingAndSilentSenders_data();
    void vanishingAndSilentSenders();
    void brokenConnectionsAreResumed_data();
    void brokenConnectionsAreResumed();
    void endlessFolderStreamIsRefused();
    void foldersCalledAlikeDoNotMix();
    void cancelKeepsPartFile();
    void garbageOfferListIsIgnored();
    void stalledClientDoesNotStallOthers();
    void cancelledOfferIsNotServed();
    void cancellingAnOfferCutsOffItsFetches();
    void refusedConnectionIsAClearError();
    void folderNamesUseThePeersCodePage();

private:
    // Receives one offer at node b (127.0.0.2) from the fake at 127.0.0.3.
    FileOffer fakeOffer(TestNode &b, const QList<OfferedFile> &files, quint64 packetNo = 77,
                        const QByteArray &version = "1_iptux 0.8.3");
};

void TestFileTransferService::initTestCase()
{
    qRegisterMetaType<FileOffer>();
    qRegisterMetaType<DeliveryState>();
    QStandardPaths::setTestModeEnabled(true);
}

FileOffer TestFileTransferService::fakeOffer(TestNode &b, const QList<OfferedFile> &files,
                                             quint64 packetNo, const QByteArray &version)
{
    FakePeer udp(F.toString(), Port);
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    udp.send(offerDatagram(packetNo, files, version), B, Port);
    if (!offers.wait(3000))
        return {};
    return offers.first().first().value<FileOffer>();
}

void TestFileTransferService::transfersFilesAndFolders()
{
    QTemporaryDir src, dst;
    const QByteArray big = randomBytes(1500000, 1);
    writeFile(src.filePath(QStringLiteral("大文件.bin")), big);

    const QString folder = src.filePath(QStringLiteral("项目 folder"));
    writeFile(folder + QStringLiteral("/a.txt"), "alpha\n");
    writeFile(folder + QStringLiteral("/sub/b:c.bin"), randomBytes(70000, 2));
    writeFile(folder + QStringLiteral("/sub/deeper/empty"), {});
    writeFile(folder + QStringLiteral("/.hidden"), "h");
    QDir(folder).mkpath(QStringLiteral("empty dir"));
    QFile f(src.filePath(QStringLiteral("大文件.bin")));
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.setFileTime(QDateTime::fromSecsSinceEpoch(1600000000),
                          QFileDevice::FileModificationTime));
    f.close();

    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    QSignalSpy offerDone(a.files, &FileTransferService::offerFinished);
    a.files->offer(QStringLiteral("o1"), {b.id()},
                   {src.filePath(QStringLiteral("大文件.bin")), folder},
                   QStringLiteral("两样东西"));
    QVERIFY(offers.wait());
    const FileOffer offer = offers.first().first().value<FileOffer>();
    QCOMPARE(offer.message, QStringLiteral("两样东西"));
    // Named by who sent it and in which packet.
    QCOMPARE(offer.id().peerId, a.id());
    QVERIFY(offer.id().packetNo != 0);
    QCOMPARE(offer.id().packetNo, offer.packetNo);
    QCOMPARE(offer.items.size(), 2);
    QCOMPARE(offer.items.at(0).name, QStringLiteral("大文件.bin"));
    QCOMPARE(offer.items.at(0).size, quint64(big.size()));
    QVERIFY(offer.items.at(1).isDir);
    QCOMPARE(offer.items.at(1).size, quint64(6 + 70000 + 0 + 1));

    b.files->accept(offer.id(), dst.path());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 10000);
    for (const auto &args : std::as_const(done))
        QVERIFY2(result(args).ok(), qPrintable(result(args).error));
    QCOMPARE(readFile(dst.filePath(QStringLiteral("大文件.bin"))), big);
    QCOMPARE(
        QFileInfo(dst.filePath(QStringLiteral("大文件.bin"))).lastModified().toSecsSinceEpoch(),
        1600000000);
    QCOMPARE(tree(dst.filePath(QStringLiteral("项目 folder"))), tree(folder));
    QVERIFY(!QFileInfo::exists(dst.filePath(QStringLiteral("大文件.bin.part"))));
    QVERIFY(!QFileInfo::exists(
        dst.filePath(QStringLiteral("项目 folder/") + FileDownload::partialMarker())));
    QTRY_COMPARE(offerDone.size(), 1);
    QCOMPARE(offerDone.first().at(1).value<OfferOutcome>(), OfferOutcome::Fetched);
    QCOMPARE(a.files->registry().size(), 0);
}

void TestFileTransferService::resumesFromPartFile()
{
    QTemporaryDir src, dst;
    const QByteArray data = randomBytes(900000, 3);
    writeFile(src.filePath(QStringLiteral("r.bin")), data);
    // A previous attempt got 600000 bytes.
    writeFile(dst.filePath(QStringLiteral("r.bin.part")), data.left(600000));
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    QSignalSpy started(b.files, &FileTransferService::transferStarted);
    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    QSignalSpy uploads(a.files, &FileTransferService::transferProgress);
    a.files->offer(QStringLiteral("r"), {b.id()}, {src.filePath(QStringLiteral("r.bin"))}, {});
    QVERIFY(offers.wait());
    b.files->accept(offers.first().first().value<FileOffer>().id(), dst.path());
    QTRY_COMPARE(done.size(), 1);
    QVERIFY(result(done.first()).ok());
    QCOMPARE(started.first().at(3).toULongLong(), 600000u);
    QCOMPARE(readFile(dst.filePath(QStringLiteral("r.bin"))), data);
    // The sender only sent what was missing.
    QTRY_VERIFY(!uploads.isEmpty());
    QCOMPARE(uploads.last().at(1).toULongLong(), quint64(data.size()));
}

void TestFileTransferService::onlyRecipientsMayFetch()
{
    QTemporaryDir src;
    writeFile(src.filePath(QStringLiteral("secret.txt")), "for bob only");
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    QSignalSpy refused(a.files, &FileTransferService::transferFinished);
    a.files->offer(QStringLiteral("s"), {b.id()}, {src.filePath(QStringLiteral("secret.txt"))}, {});
    QVERIFY(offers.wait());
    const FileOffer offer = offers.first().first().value<FileOffer>();

    // Someone else asks for it, naming the right packet and file.
    QTcpSocket thief;
    thief.bind(F);
    thief.connectToHost(A, Port);
    QVERIFY(thief.waitForConnected());
    thief.write(test::fetchRequest(offer.packetNo, 0));
    QTRY_COMPARE(thief.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(thief.readAll(), QByteArray());
    QTRY_COMPARE(refused.size(), 1);
    QVERIFY(!result(refused.first()).ok());
    QVERIFY(result(refused.first()).error.contains(QStringLiteral("may not fetch")));
    QVERIFY(a.files->registry().contains(offer.packetNo));
}

void TestFileTransferService::rejectingReleasesTheOffer()
{
    QTemporaryDir src;
    writeFile(src.filePath(QStringLiteral("x.txt")), "x");
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    QSignalSpy finished(a.files, &FileTransferService::offerFinished);
    a.files->offer(QStringLiteral("rel"), {b.id()}, {src.filePath(QStringLiteral("x.txt"))}, {});
    QVERIFY(offers.wait());
    b.files->reject(offers.first().first().value<FileOffer>().id());
    QVERIFY(finished.wait());
    QCOMPARE(finished.first().at(0).toString(), QStringLiteral("rel"));
    QCOMPARE(finished.first().at(1).value<OfferOutcome>(), OfferOutcome::Released);
    QCOMPARE(a.files->registry().size(), 0);
}

void TestFileTransferService::fileChangedUnderSenderFails()
{
    QTemporaryDir src, dst;
    writeFile(src.filePath(QStringLiteral("log.txt")), "short");
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    QSignalSpy up(a.files, &FileTransferService::transferFinished);
    QSignalSpy down(b.files, &FileTransferService::transferFinished);
    a.files->offer(QStringLiteral("c"), {b.id()}, {src.filePath(QStringLiteral("log.txt"))}, {});
    QVERIFY(offers.wait());
    writeFile(src.filePath(QStringLiteral("log.txt")), "much longer now");
    b.files->accept(offers.first().first().value<FileOffer>().id(), dst.path());
    QTRY_COMPARE(up.size(), 1);
    QVERIFY(result(up.first()).error.contains(QStringLiteral("changed size")));
    QTRY_COMPARE(down.size(), 1);
    QVERIFY(!result(down.first()).ok());
    QVERIFY(!QFileInfo::exists(dst.filePath(QStringLiteral("log.txt"))));
}

void TestFileTransferService::hostileNamesStayInside()
{
    QTemporaryDir outer;
    const QString dst = outer.filePath(QStringLiteral("inbox"));
    TestNode b(B.toString(), Port, QStringLiteral("Bob"));
    QVERIFY(b.start());
    FakeFileServer server;
    // Slowly, so that every file of the offer is in flight at once.
    server.m_respond = [](QTcpSocket *s) {
        s->write("pwn");
        QTimer::singleShot(200, s, [s] {
            s->write("ed!");
            s->disconnectFromHost();
        });
    };
    const QList<QByteArray> names = {
        "../../escape.txt", "/etc/lanpigeon-test", "C:\\Windows\\win.ini", "..",
        QByteArray(4096, 'n') + ".txt",
        "a\x01\x02"
        "b",
        // Two files called alike, fetched at once, must not share a .part.
        "same.txt", "same.txt"};
    QList<OfferedFile> files;
    for (int i = 0; i < names.size(); ++i)
        files.append(offered(quint32(i), names.at(i), 6));
    // From IP Messenger, whose transfers we resume: a .part of the same name is not taken over.
    const FileOffer offer = fakeOffer(b, files, 77, "1");
    QCOMPARE(offer.items.size(), names.size());
    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    b.files->accept(offer.id(), dst);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), names.size(), 10000);
    for (const auto &args : std::as_const(done)) {
        QVERIFY2(result(args).ok(), qPrintable(result(args).error));
        const QString path = result(args).path;
        QVERIFY2(QFileInfo(path).absolutePath() == QDir(dst).absolutePath(), qPrintable(path));
        QCOMPARE(readFile(path), QByteArray("pwned!"));
    }
    // Nothing appeared next to the chosen folder, nor in /etc.
    QCOMPARE(QDir(outer.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
             QStringList{QStringLiteral("inbox")});
    QVERIFY(!QFileInfo::exists(QStringLiteral("/etc/lanpigeon-test")));
    QCOMPARE(QDir(dst).entryList(QDir::Files | QDir::Hidden).size(), names.size());
}

void TestFileTransferService::sizeThatLies_data()
{
    QTest::addColumn<int>("offered");
    QTest::addColumn<int>("sent");
    QTest::addColumn<bool>("ok");
    QTest::newRow("sends more than offered") << 1000 << 5000 << true;
    QTest::newRow("sends less than offered") << 5000 << 1000 << false;
}

void TestFileTransferService::sizeThatLies()
{
    QFETCH(int, offered);
    QFETCH(int, sent);
    QFETCH(bool, ok);
    QTemporaryDir dst;
    TestNode b(B.toString(), Port, QStringLiteral("Bob"));
    QVERIFY(b.start());
    FakeFileServer server;
    const QByteArray payload = randomBytes(sent, 9);
    server.m_respond = [payload](QTcpSocket *s) {
        s->write(payload);
        s->disconnectFromHost();
    };
    const FileOffer offer = fakeOffer(b, {::offered(0, "liar.bin", quint64(offered))});
    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    b.files->accept(offer.id(), dst.path());
    QTRY_COMPARE(done.size(), 1);
    QCOMPARE(result(done.first()).ok(), ok);
    if (ok) {
        // Cut off at the offered size: the rest was never written.
        QCOMPARE(readFile(dst.filePath(QStringLiteral("liar.bin"))), payload.left(offered));
    } else {
        QVERIFY(result(done.first()).error.contains(QStringLiteral("after 1000 of 5000 bytes")));
        QVERIFY(!QFileInfo::exists(dst.filePath(QStringLiteral("liar.bin"))));
        QCOMPARE(QFileInfo(dst.filePath(QStringLiteral("liar.bin.part"))).size(), 1000);
    }
}

void TestFileTransferService::vanishingAndSilentSenders_data()
{
    QTest::addColumn<bool>("closes");
    QTest::addColumn<QString>("error");
    QTest::newRow("vanishes") << true << QStringLiteral("closed the folder stream early");
    QTest::newRow("goes silent") << false << QStringLiteral("sent nothing for 1 s");
}

void TestFileTransferService::vanishingAndSilentSenders()
{
    QFETCH(bool, closes);
    QFETCH(QString, error);
    QTemporaryDir dst;
    TestNode b(B.toString(), Port, QStringLiteral("Bob"));
    QVERIFY(b.start());
    FakeFileServer server;
    server.m_respond = [closes](QTcpSocket *s) {
        s->write(dirHeader("d", 0, FileAttr::Dir) + dirHeader("f", 100000, FileAttr::Regular) +
                 randomBytes(5000, 4));
        if (closes)
            s->disconnectFromHost();
    };
    const FileOffer offer = fakeOffer(b, {offered(0, "d", 100000, FileAttr::Dir)});
    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    QElapsedTimer t;
    t.start();
    b.files->accept(offer.id(), dst.path());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QVERIFY(!result(done.first()).ok());
    QVERIFY2(result(done.first()).error.contains(error), qPrintable(result(done.first()).error));
    // The partial file is never passed off as complete.
    QVERIFY(!QFileInfo::exists(dst.filePath(QStringLiteral("d/f"))));
    QVERIFY(QFileInfo::exists(dst.filePath(QStringLiteral("d/") + FileDownload::partialMarker())));
}

void TestFileTransferService::brokenConnectionsAreResumed_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("closes") << QStringLiteral("close");
    QTest::newRow("resets") << QStringLiteral("reset");
    QTest::newRow("goes silent") << QStringLiteral("silence");
}

void TestFileTransferService::brokenConnectionsAreResumed()
{
    QFETCH(QString, how);
    QTemporaryDir dst;
    TestNode b(B.toString(), Port, QStringLiteral("Bob"));
    QVERIFY(b.start());
    FakeFileServer server;
    const QByteArray payload = randomBytes(100000, 8);
    // Each connection carries 30,000 bytes from the offset asked for, then breaks.
    server.m_respond = [&server, payload, how](QTcpSocket *s) {
        const auto fetch = offsetAsked(server.m_requests.last());
        QVERIFY(fetch);
        s->write(payload.mid(qsizetype(*fetch), 30000));
        if (how == QLatin1String("close"))
            s->disconnectFromHost();
        else if (how == QLatin1String("reset"))
            QTimer::singleShot(100, s, [s] { s->abort(); });
    };
    const FileOffer offer = fakeOffer(b, {offered(0, "flaky.bin", 100000)}, 77, "1");
    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    b.files->accept(offer.id(), dst.path());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 15000);
    QVERIFY2(result(done.first()).ok(), qPrintable(result(done.first()).error));
    QCOMPARE(readFile(dst.filePath(QStringLiteral("flaky.bin"))), payload);
    // Four connections, each asking from where the last one stopped.
    QCOMPARE(server.m_requests.size(), 4);
    QList<quint64> offsets;
    for (const QByteArray &r : std::as_const(server.m_requests))
        offsets << offsetAsked(r).value_or(1);
    QCOMPARE(offsets, (QList<quint64>{0, 30000, 60000, 90000}));
}

void TestFileTransferService::endlessFolderStreamIsRefused()
{
    QTemporaryDir dst;
    TestNode b(B.toString(), Port, QStringLiteral("Bob"));
    QVERIFY(b.start());
    FakeFileServer server;
    server.m_respond = [](QTcpSocket *s) {
        QByteArray deep;
        for (int i = 0; i < 10000; ++i)
            deep += dirHeader("../d", 0, FileAttr::Dir);
        s->write(deep);
    };
    const FileOffer offer = fakeOffer(b, {offered(0, "top", 0, FileAttr::Dir)});
    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    b.files->accept(offer.id(), dst.path());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QVERIFY(!result(done.first()).ok());
    QVERIFY(result(done.first()).error.contains(QStringLiteral("deeper than 64")));
    QVERIFY(!cancelled(done.first()));
    // Hostile names inside folders are neutralised too: nothing outside dst.
    QCOMPARE(QDir(dst.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
             QStringList{QStringLiteral("top")});
    QVERIFY(QFileInfo::exists(dst.filePath(QStringLiteral("top/.._d/.._d"))));
}

void TestFileTransferService::foldersCalledAlikeDoNotMix()
{
    QTemporaryDir dst;
    TestNode b(B.toString(), Port, QStringLiteral("Bob"));
    QVERIFY(b.start());
    FakeFileServer server;
    // Slowly, so that both folders are in flight at once; each holds its own file.
    server.m_respond = [](QTcpSocket *s) {
        s->write(dirHeader("d", 0, FileAttr::Dir) + dirHeader("f", 3, FileAttr::Regular) + "abc");
        QTimer::singleShot(200, s, [s] {
            s->write(dirHeader(".", 0, FileAttr::RetParent));
            s->disconnectFromHost();
        });
    };
    // From IP Messenger, whose folders we resume: an unfinished "d" is not taken over.
    const FileOffer offer = fakeOffer(
        b, {offered(0, "d", 0, FileAttr::Dir), offered(1, "d", 0, FileAttr::Dir)}, 77, "1");
    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    b.files->accept(offer.id(), dst.path());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 5000);
    QStringList paths;
    for (const auto &args : std::as_const(done)) {
        QVERIFY2(result(args).ok(), qPrintable(result(args).error));
        paths.append(QFileInfo(result(args).path).fileName());
        QVERIFY(!QFileInfo::exists(result(args).path + QStringLiteral("/") +
                                   FileDownload::partialMarker()));
    }
    paths.sort();
    QCOMPARE(paths, (QStringList{QStringLiteral("d"), QStringLiteral("d (1)")}));
    QCOMPARE(QDir(dst.filePath(QStringLiteral("d"))).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("f")});
    QCOMPARE(QDir(dst.filePath(QStringLiteral("d (1)"))).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("f")});
}

void TestFileTransferService::cancelKeepsPartFile()
{
    QTemporaryDir dst;
    TestNode b(B.toString(), Port, QStringLiteral("Bob"));
    QVERIFY(b.start());
    FakeFileServer server;
    server.m_respond = [](QTcpSocket *s) { s->write(randomBytes(4096, 5)); };
    const FileOffer offer = fakeOffer(b, {offered(0, "slow.bin", 1000000)});
    QSignalSpy progress(b.files, &FileTransferService::transferStarted);
    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    b.files->accept(offer.id(), dst.path());
    QVERIFY(progress.wait());
    QTRY_COMPARE(QFileInfo(dst.filePath(QStringLiteral("slow.bin.part"))).size(), 4096);
    b.files->cancelTransfer(progress.first().at(0).value<TransferId>());
    QTRY_COMPARE(done.size(), 1);
    QCOMPARE(result(done.first()).error, QStringLiteral("cancelled"));
    QVERIFY(cancelled(done.first()));
    QVERIFY(!QFileInfo::exists(dst.filePath(QStringLiteral("slow.bin"))));
    QCOMPARE(QFileInfo(dst.filePath(QStringLiteral("slow.bin.part"))).size(), 4096);
}

void TestFileTransferService::garbageOfferListIsIgnored()
{
    TestNode b(B.toString(), Port, QStringLiteral("Bob"));
    QVERIFY(b.start());
    FakePeer udp(F.toString(), Port);
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    udp.send(1, Mode::SendMsg | Opt::SendCheck | Opt::FileAttach,
             QByteArrayLiteral("hi\0zz:zz:zz\a::\a\0"), B, Port);
    QVERIFY(udp.waitFor(Mode::RecvMsg, 1));
    QTest::qWait(100);
    QCOMPARE(offers.size(), 0);
    QCOMPARE(b.files->pendingIncoming(), 0);
}

void TestFileTransferService::stalledClientDoesNotStallOthers()
{
    QTemporaryDir src, dst;
    const QByteArray data = randomBytes(20 * 1024 * 1024, 6);
    writeFile(src.filePath(QStringLiteral("big.bin")), data);
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    const QString stalledId = F.toString() + QStringLiteral(":") + QString::number(Port);
    a.files->offer(QStringLiteral("two"), {b.id(), stalledId},
                   {src.filePath(QStringLiteral("big.bin"))}, {});
    QVERIFY(offers.wait());
    const FileOffer offer = offers.first().first().value<FileOffer>();

    QSignalSpy uploads(a.files, &FileTransferService::transferAdded);
    QSignalSpy uploadsDone(a.files, &FileTransferService::transferFinished);
    // A recipient that asks and then never reads: its socket buffers fill and stay full.
    QTcpSocket stalled;
    stalled.setReadBufferSize(1);
    stalled.bind(F);
    stalled.connectToHost(A, Port);
    QVERIFY(stalled.waitForConnected());
    stalled.write(test::fetchRequest(offer.packetNo, 0));
    QVERIFY(stalled.waitForBytesWritten());
    QTest::qWait(200);

    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    b.files->accept(offer.id(), dst.path());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
    QVERIFY2(result(done.first()).ok(), qPrintable(result(done.first()).error));
    QCOMPARE(readFile(dst.filePath(QStringLiteral("big.bin"))), data);
    QCOMPARE(stalled.state(), QAbstractSocket::ConnectedState);

    // The sender cancels the stalled upload: its client is cut off.
    QTRY_COMPARE(uploadsDone.size(), 1);
    QCOMPARE(uploads.size(), 2);
    const auto stalledUpload =
        uploads.first().at(0).value<TransferId>() == result(uploadsDone.first()).id
            ? uploads.at(1).at(0).value<TransferId>()
            : uploads.first().at(0).value<TransferId>();
    a.files->cancelTransfer(stalledUpload);
    QTRY_COMPARE(uploadsDone.size(), 2);
    QCOMPARE(result(uploadsDone.at(1)).error, QStringLiteral("cancelled"));
    QVERIFY(cancelled(uploadsDone.at(1)));
    QVERIFY(!cancelled(uploadsDone.at(0)));
    // Once it reads again it finds the end of a cut-off stream, short of the file's size.
    stalled.setReadBufferSize(0);
    qint64 got = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        (got += stalled.readAll().size(), stalled.state() == QAbstractSocket::UnconnectedState),
        5000);
    QVERIFY(got < data.size());
}

void TestFileTransferService::cancelledOfferIsNotServed()
{
    QTemporaryDir src, dst;
    writeFile(src.filePath(QStringLiteral("c.txt")), "no longer offered");
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    QSignalSpy finished(a.files, &FileTransferService::offerFinished);
    a.files->offer(QStringLiteral("gone"), {b.id()}, {src.filePath(QStringLiteral("c.txt"))}, {});
    QVERIFY(offers.wait());
    a.files->cancelOffer(QStringLiteral("gone"));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(1).value<OfferOutcome>(), OfferOutcome::Cancelled);
    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    b.files->accept(offers.first().first().value<FileOffer>().id(), dst.path());
    // The refusal looks like a dropped connection, so the receiver tries five more times, a
    // second apart: just over QTRY's default five seconds.
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 15000);
    QVERIFY(!result(done.first()).ok());
    QVERIFY(!QFileInfo::exists(dst.filePath(QStringLiteral("c.txt"))));
}

// "Cancel sending" on a file being fetched ended the offer but not its upload: the whole file
// arrived and both sides said finished.
void TestFileTransferService::cancellingAnOfferCutsOffItsFetches()
{
    QTemporaryDir src, dst;
    // Sparse: big enough to be mid-file whatever the machine, costing no disk at the sender.
    constexpr qint64 Size = qint64(1) << 30;
    QFile big(src.filePath(QStringLiteral("big.bin")));
    QVERIFY(big.open(QIODevice::WriteOnly) && big.resize(Size));
    big.close();
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QSignalSpy offers(b.files, &FileTransferService::offerReceived);
    a.files->offer(QStringLiteral("big"), {b.id()}, {big.fileName()}, {});
    QVERIFY(offers.wait());
    // What the sender reports, in order.
    QStringList events;
    connect(a.files, &FileTransferService::transferFinished, this,
            [&events](const TransferResult &result) {
                events << QStringLiteral("upload %1")
                              .arg(result.ok()                                ? "ok"
                                   : result.state == TransferState::Cancelled ? "cancelled"
                                                                              : "failed");
            });
    connect(a.files, &FileTransferService::offerFinished, this,
            [&events](const QString &, OfferOutcome outcome) {
                events << QStringLiteral("offer ") + offerOutcomeName(outcome);
            });
    QSignalSpy sent(a.files, &FileTransferService::transferProgress);
    QSignalSpy received(b.files, &FileTransferService::transferFinished);
    b.files->accept(offers.first().first().value<FileOffer>().id(), dst.path());
    QVERIFY(sent.wait());
    // The receiver stops reading: the upload stays under way, its bytes in the socket buffers.
    TransferBrake brake;
    brake.hold(b.threads->findChildren<QThread *>());

    a.files->cancelOffer(QStringLiteral("big"));
    QVERIFY2(events.isEmpty(), qPrintable(events.join(QStringLiteral(", "))));
    QTRY_COMPARE(events, QStringList({QStringLiteral("upload cancelled"),
                                      QStringLiteral("offer cancelled")}));
    QCOMPARE(a.files->registry().size(), 0);

    brake.release();
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 10000);
    QVERIFY(!result(received.first()).ok());
    QVERIFY(!QFileInfo::exists(dst.filePath(QStringLiteral("big.bin"))));
    const qint64 kept = QFileInfo(dst.filePath(QStringLiteral("big.bin.part"))).size();
    QVERIFY2(kept > 0 && kept < Size, qPrintable(QString::number(kept)));
}

void TestFileTransferService::refusedConnectionIsAClearError()
{
    QTemporaryDir dst;
    TestNode b(B.toString(), Port, QStringLiteral("Bob"));
    QVERIFY(b.start());
    // An offer from a host with no file server listening.
    const FileOffer offer = fakeOffer(b, {offered(0, "x.bin", 10)});
    QSignalSpy done(b.files, &FileTransferService::transferFinished);
    b.files->accept(offer.id(), dst.path());
    QTRY_COMPARE(done.size(), 1);
    QVERIFY(!result(done.first()).ok());
    QVERIFY2(result(done.first())
                 .error.contains(
                     QStringLiteral("cannot connect to 127.0.0.3:34256: Connection refused")),
             qPrintable(result(done.first()).error));
}

void TestFileTransferService::folderNamesUseThePeersCodePage()
{
    QTemporaryDir src;
    writeFile(src.filePath(QStringLiteral("文件夹/报告.txt")), "gbk");
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    // A FeiQ peer: it reads GB18030, in the offer list and in the folder stream alike.
    FakePeer feiq(F.toString(), Port);
    feiq.send(QByteArrayLiteral("1_lbt6_0#128#000C29D1E2F3#0#0#0#4001#9:1700000000:Admin:PC-1:3:"
                                "\xd5\xc5\xc8\xfd\0\0"),
              A, Port);
    QTRY_COMPARE(a.discovery->peers().size(), 1);
    a.files->offer(QStringLiteral("gbk"),
                   {F.toString() + QStringLiteral(":") + QString::number(Port)},
                   {src.filePath(QStringLiteral("文件夹"))}, {});
    QVERIFY(feiq.waitFor(Mode::SendMsg, 1));
    const Packet offer = feiq.packets(Mode::SendMsg).first();
    QVERIFY(!offer.has(Opt::Utf8));
    const auto files = parseFileList(offer.field(1));
    QVERIFY(files);
    QCOMPARE(files->first().name, QByteArray("\xce\xc4\xbc\xfe\xbc\xd0"));

    QTcpSocket fetch;
    fetch.bind(F);
    fetch.connectToHost(A, Port);
    QVERIFY(fetch.waitForConnected());
    Packet req;
    req.version = "1_lbt6_0#128#000C29D1E2F3#0#0#0#4001#9";
    req.packetNo = 2;
    req.user = "Admin";
    req.host = "PC-1";
    req.command = Mode::GetDirFiles;
    req.extra = buildFileRequest({offer.packetNo, 0, 0}, false) + '\0';
    fetch.write(encodePacket(req) + '\0');
    QByteArray stream;
    QTRY_VERIFY((stream += fetch.readAll(),
                 fetch.state() != QAbstractSocket::ConnectedState || stream.contains("gbk")));
    // "文件夹" and "报告.txt" in GB18030, not UTF-8.
    QVERIFY2(stream.contains(QByteArray(":\xce\xc4\xbc\xfe\xbc\xd0:")), stream.toHex().constData());
    QVERIFY(stream.contains(QByteArray(":\xb1\xa8\xb8\xe6.txt:")));
    QVERIFY(!stream.contains(QStringLiteral("报告").toUtf8()));
}

QTEST_GUILESS_MAIN(TestFileTransferService)
#include "tst_filetransferservice.moc"
