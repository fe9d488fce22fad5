// Pictures in messages: the content-addressed store, and two real nodes on loopback sending
// text with pictures as Clipboard attachments, fetched at once and kept in history.
#include "pictures/pictureservice.h"
#include "pictures/picturestore.h"
#include "profile/profilesettings.h"
#include "testnode.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace lanpigeon;
using namespace lanpigeon::test;
using lanpigeon::pictures::PictureService;
using lanpigeon::pictures::PictureStore;

namespace {

const QHostAddress A(QStringLiteral("127.0.0.41"));
const QHostAddress B(QStringLiteral("127.0.0.42"));
const QHostAddress Fake(QStringLiteral("127.0.0.43"));
constexpr quint16 Port = 24725;

// A file of that format as far as its signature goes, then noise: the core never decodes.
QByteArray fakeImage(const QByteArray &signature, int size)
{
    QByteArray bytes = signature;
    while (bytes.size() < size)
        bytes.append(char(QRandomGenerator::global()->bounded(256)));
    return bytes;
}

QByteArray png(int size)
{
    return fakeImage("\x89PNG\r\n\x1a\n", size);
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// What a fetch over TCP from A gets back: the bytes until the server closes (or 5 s).
QByteArray fetchFromA(const QByteArray &request)
{
    QTcpSocket socket;
    socket.bind(Fake);
    socket.connectToHost(A, Port);
    // The node accepts on this thread: wait with its event loop running.
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }))
        return "not connected";
    socket.write(request);
    QByteArray got;
    const bool closed = QTest::qWaitFor(
        [&] {
            got += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000);
    got += socket.readAll();
    return closed ? got : got + "(still open)";
}

// A hostile peer's TCP side at Fake: answers each GETFILEDATA as serve says for its file id,
// and counts the connections open at once. It serves on a thread of its own: the node under
// test works on the test's thread, and a flood keeps that thread busy (a history write per
// refused picture) for longer than a fetch waits for its first byte, so a server sharing it
// answered late under load and the fetch failed for the test's sake, not the node's.
class HostileServer final
{
public:
    // Set before the node is sent anything; called on the server's thread.
    std::function<void(QTcpSocket *, quint32 fileId)> serve;
    std::atomic<int> maxOpen = 0;
    std::atomic<int> accepted = 0;

    HostileServer()
    {
        m_context.moveToThread(&m_thread);
        m_thread.start();
        bool listening = false;
        QMetaObject::invokeMethod(
            &m_context, [this, &listening] { listening = listen(); }, Qt::BlockingQueuedConnection);
        QVERIFY(listening);
    }

    ~HostileServer()
    {
        // The server and its sockets go on their own thread, before it stops.
        QMetaObject::invokeMethod(
            &m_context, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    Q_DISABLE_COPY_MOVE(HostileServer)

private:
    bool listen()
    {
        m_server = new QTcpServer(&m_context);
        QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                ++accepted;
                maxOpen = std::max(maxOpen.load(), ++m_open);
                auto request = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
                    --m_open;
                    socket->deleteLater();
                });
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, request] {
                    *request += socket->readAll();
                    if (socket->property("served").toBool())
                        return;
                    // version:packet:user:host:command:offerPacket:fileId:offset:
                    const QList<QByteArray> fields = request->split(':');
                    if (fields.size() < 9)
                        return;
                    socket->setProperty("served", true);
                    serve(socket, fields.at(6).toUInt(nullptr, 16));
                });
            }
        });
        return m_server->listen(Fake, Port);
    }

    QThread m_thread;
    // Lives on m_thread: the server and its sockets' slots run there.
    QObject m_context;
    QTcpServer *m_server = nullptr;
    // Only touched on m_thread.
    int m_open = 0;
};

// The highest resident set of this process since resetPeakRss(), in KiB.
qint64 peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

void resetPeakRss()
{
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5");
}

// A SENDMSG with these Clipboard entries, from a FeiQ (it takes no resumed fetches) at Fake.
void sendPictures(FakePeer &peer, quint64 packetNo, const QList<ipmsg::OfferedFile> &entries)
{
    peer.send(packetNo, ipmsg::Mode::SendMsg | ipmsg::Opt::SendCheck | ipmsg::Opt::FileAttach,
              QByteArray("look") + '\0' + ipmsg::buildFileList(entries) + '\0', A, Port,
              "1_lbt4_0#128#000000000000#0#0#0");
}

} // namespace

class TestPictures final : public QObject
{
    Q_OBJECT

private slots:
    void storeSniffsFormats();
    void storeKeepsSameBytesOnce();
    void storeRefusesTooLarge();
    void sendsPicturesBetweenTwoNodes();
    void peerWithoutClipboardGetsPicturesAsFiles();
    void refusesPictureOverLimitWithoutFetching();
    void servesPicturesByGetFileDataOnlyAndForAWhile();
    void hostileEntriesFailClearly();
    void floodOfPicturesIsBounded();
};

void TestPictures::storeSniffsFormats()
{
    using pictures::Format;
    QCOMPARE(pictures::sniffFormat(png(20)), std::optional(Format::Png));
    QCOMPARE(pictures::sniffFormat(fakeImage("\xff\xd8\xff\xe0", 20)), std::optional(Format::Jpeg));
    QCOMPARE(pictures::sniffFormat(fakeImage("GIF89a", 20)), std::optional(Format::Gif));
    QCOMPARE(pictures::sniffFormat(fakeImage("GIF87a", 20)), std::optional(Format::Gif));
    QCOMPARE(pictures::sniffFormat(QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16)),
             std::optional(Format::WebP));
    QCOMPARE(pictures::sniffFormat(QByteArray("RIFF\x10\0\0\0WAVEfmt ", 16)), std::nullopt);
    // iptux's pictures: a BMP's file header and at least the smallest info header.
    QCOMPARE(pictures::sniffFormat(fakeImage("BM", 26)), std::optional(Format::Bmp));
    QCOMPARE(pictures::sniffFormat(fakeImage("BM", 25)), std::nullopt);
    QCOMPARE(pictures::sniffFormat(QByteArray("\x89PNG")), std::nullopt);
    QCOMPARE(pictures::sniffFormat({}), std::nullopt);

    QTemporaryDir dir;
    const PictureStore store(dir.path(), 1000);
    QString error;
    QVERIFY(!store.put("<html>not a picture</html>", &error));
    QVERIFY2(error.contains(QLatin1String("PNG")), qPrintable(error));
}

void TestPictures::storeKeepsSameBytesOnce()
{
    QTemporaryDir dir;
    const PictureStore store(dir.path(), 100000);
    const QByteArray bytes = fakeImage("\xff\xd8\xff\xe0", 5000);
    QString error;
    const auto first = store.put(bytes, &error);
    QVERIFY2(first, qPrintable(error));
    QCOMPARE(first->sha256, sha256(bytes));
    QCOMPARE(
        first->path,
        QDir(dir.path())
            .filePath(
                QStringLiteral("pictures/%1/%2.jpg").arg(first->sha256.left(2), first->sha256)));
    const QDateTime written = QFileInfo(first->path).lastModified();
    QTest::qWait(20);
    const auto second = store.put(bytes, &error);
    QVERIFY(second);
    QCOMPARE(second->path, first->path);
    QCOMPARE(QFileInfo(first->path).lastModified(), written);
    QCOMPARE(QDir(QFileInfo(first->path).absolutePath()).entryList(QDir::Files).size(), 1);
    QCOMPARE(store.path(first->sha256), first->path);
    QCOMPARE(readAll(store.path(first->sha256)), bytes);
    // Only a hash names a file: nothing climbs out of the folder.
    QCOMPARE(store.path(QStringLiteral("../../etc/passwd")), QString());
    QCOMPARE(store.path(first->sha256.toUpper()), QString());
    QCOMPARE(store.path(QString(64, QLatin1Char('0'))), QString());
}

void TestPictures::storeRefusesTooLarge()
{
    QTemporaryDir dir;
    const PictureStore store(dir.path(), 1000);
    QString error;
    QVERIFY(store.put(png(1000), &error));
    QVERIFY(!store.put(png(1001), &error));
    QVERIFY2(error.contains(QLatin1String("1000")), qPrintable(error));
}

void TestPictures::sendsPicturesBetweenTwoNodes()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    QVERIFY(startPair(a, b));
    QVERIFY(a.discovery->peer(b.id())->takesClipboard);
    QVERIFY(b.discovery->peer(a.id())->takesClipboard);

    QSignalSpy stored(a.messages, &MessageService::messageStored);
    QSignalSpy states(a.messages, &MessageService::messageStateChanged);
    QSignalSpy uploads(a.files, &FileTransferService::transferAdded);
    QSignalSpy received(b.messages, &MessageService::messageReceived);
    QSignalSpy offers(b.messages, &MessageService::offerReceived);
    QSignalSpy changed(b.node->pictures(), &PictureService::pictureChanged);
    QSignalSpy served(a.node->pictures(), &PictureService::picturesServed);

    // "see [p0]this[p1] and that[p2]": each earlier picture counts one.
    const QString text = QStringLiteral("see this and that");
    const QList<OutgoingPicture> sent = {
        {4, png(300 * 1024)},
        {9, fakeImage("\xff\xd8\xff\xe0", 70000)},
        {19, fakeImage("GIF89a", 1234)},
    };
    // Given out of order: the message keeps them in position order.
    a.node->pictures()->send(QStringLiteral("m1"), {b.id()}, text, false,
                             {sent.at(2), sent.at(0), sent.at(1)});

    QCOMPARE(stored.size(), 1);
    const auto out = stored.first().first().value<ChatMessage>();
    QCOMPARE(out.pictures.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(out.pictures.at(i).state, PictureState::Ready);
        QCOMPARE(out.pictures.at(i).position, sent.at(i).position);
        QCOMPARE(out.pictures.at(i).sha256, sha256(sent.at(i).bytes));
        QCOMPARE(readAll(a.node->pictures()->store().path(out.pictures.at(i).sha256)),
                 sent.at(i).bytes);
    }

    QVERIFY(QTest::qWaitFor([&] { return received.size() == 1; }));
    const auto in = received.first().first().value<ChatMessage>();
    QCOMPARE(in.text, text);
    QCOMPARE(in.pictures.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(in.pictures.at(i).state, PictureState::Arriving);
        QCOMPARE(in.pictures.at(i).position, sent.at(i).position);
    }
    QVERIFY(QTest::qWaitFor([&] { return changed.size() == 3; }, 10000));
    for (const QList<QVariant> &c : std::as_const(changed)) {
        QCOMPARE(c.at(0).toString(), in.id);
        QCOMPARE(c.at(1).toString(), a.id());
        const int index = c.at(2).toInt();
        const auto picture = c.at(3).value<ChatPicture>();
        QVERIFY2(picture.state == PictureState::Ready, qPrintable(picture.error));
        QCOMPARE(picture.position, sent.at(index).position);
        QCOMPARE(picture.sha256, sha256(sent.at(index).bytes));
        QCOMPARE(readAll(b.node->pictures()->store().path(picture.sha256)), sent.at(index).bytes);
    }
    // Pictures are no file offer, and serving them fills no row of the transfer list.
    QCOMPARE(offers.size(), 0);
    QCOMPARE(uploads.size(), 0);
    QVERIFY(QTest::qWaitFor([&] {
        return !states.isEmpty() &&
               states.last().at(2).value<DeliveryState>() == DeliveryState::Delivered;
    }));
    // Every picture fetched: the share is over.
    QVERIFY(QTest::qWaitFor([&] { return a.files->registry().size() == 0; }));
    QVERIFY(QTest::qWaitFor([&] { return served.size() == 1; }));
    QCOMPARE(served.first().first().toString(), QStringLiteral("m1"));
    QCOMPARE(b.node->pictures()->pendingFetches(), 0);
    QVERIFY(QDir(b.node->pictures()->store().tempDir()).isEmpty());

    // History, opened again from disk, has them with their message, and "[picture]" finds it.
    b.messages->send(QStringLiteral("m2"), {a.id()}, QStringLiteral("no pictures here"), false);
    HistoryStore reopened;
    QString error;
    QVERIFY2(reopened.open(ProfileSettings(b.dir.path()).historyPath(), &error), qPrintable(error));
    const QList<ChatMessage> page = reopened.conversation(a.id(), 10);
    QCOMPARE(page.size(), 2);
    QCOMPARE(page.first().text, text);
    QCOMPARE(page.first().pictures.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(page.first().pictures.at(i).state, PictureState::Ready);
        QCOMPARE(page.first().pictures.at(i).position, sent.at(i).position);
        QCOMPARE(page.first().pictures.at(i).sha256, sha256(sent.at(i).bytes));
    }
    QVERIFY(page.last().pictures.isEmpty());
    for (const QString &query : {QStringLiteral("[picture]"), QStringLiteral("[pic")}) {
        const QList<ChatMessage> found = reopened.search(query, a.id());
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().id, in.id);
        QCOMPARE(found.first().pictures.size(), 3);
    }
    QCOMPARE(reopened.search(QStringLiteral("here"), a.id()).size(), 1);
    const QList<ChatMessage> latest = reopened.latestPerPeer(5);
    QCOMPARE(latest.size(), 1);
    // The sender's history has them too.
    const QList<ChatMessage> mine = a.history->conversation(b.id(), 10);
    QVERIFY(!mine.isEmpty());
    QCOMPARE(mine.first().id, QStringLiteral("m1"));
    QCOMPARE(mine.first().pictures.size(), 3);
    QCOMPARE(mine.first().pictures.at(2).sha256, sha256(sent.at(2).bytes));

    // Sent again (as after a failure), the message takes its pictures along.
    a.node->pictures()->resend(QStringLiteral("m1"), b.id(), text, false);
    QVERIFY(QTest::qWaitFor([&] { return received.size() == 2; }));
    QCOMPARE(received.last().first().value<ChatMessage>().pictures.size(), 3);
    QVERIFY(QTest::qWaitFor([&] { return changed.size() == 6; }, 10000));
    QCOMPARE(changed.last().at(3).value<ChatPicture>().state, PictureState::Ready);
    // The same row, with its pictures once.
    const QList<ChatMessage> after = a.history->conversation(b.id(), 10);
    QCOMPARE(std::count_if(after.cbegin(), after.cend(),
                           [](const ChatMessage &m) { return m.id == QLatin1String("m1"); }),
             1);
    QCOMPARE(a.history->find(QStringLiteral("m1"))->pictures.size(), 3);
}

void TestPictures::peerWithoutClipboardGetsPicturesAsFiles()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    FakePeer old(Fake.toString(), Port);
    // An IP Messenger that announces no CLIPBOARDOPT (FeiQ and unknown clients are alike).
    old.send(1, ipmsg::Mode::BrEntry | ipmsg::Opt::Absence, "fake\0grp\0", A, Port, "1");
    const QString oldId = Peer::makeId(Fake, Port);
    QVERIFY(QTest::qWaitFor([&] { return a.discovery->peer(oldId); }));
    QVERIFY(!a.discovery->peer(oldId)->takesClipboard);
    // Our entries do announce it.
    QVERIFY(old.waitFor(ipmsg::Mode::AnsEntry, 1));
    QVERIFY(old.packets(ipmsg::Mode::AnsEntry).first().has(ipmsg::Opt::ClipboardCap));

    QSignalSpy stored(a.messages, &MessageService::messageStored);
    QSignalSpy uploads(a.files, &FileTransferService::transferAdded);
    // "hi[p0] there[p1][p2]", the middle one refused by the store (not a picture).
    const QList<OutgoingPicture> sent = {
        {2, png(5000)}, {9, QByteArray("not a picture")}, {10, fakeImage("\xff\xd8\xff", 3000)}};
    a.node->pictures()->send(QStringLiteral("m1"), {oldId}, QStringLiteral("hi there"), false,
                             sent);
    QVERIFY(old.waitFor(ipmsg::Mode::SendMsg, 1));
    const ipmsg::Packet msg = old.packets(ipmsg::Mode::SendMsg).first();
    QVERIFY(msg.has(ipmsg::Opt::FileAttach));
    QCOMPARE(QString::fromUtf8(msg.field(0)),
             QStringLiteral("hi[picture: picture-1.png] there[picture: picture-2.jpg]"));
    const auto list = ipmsg::parseFileList(msg.field(1));
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    const QByteArray names[] = {"picture-1.png", "picture-2.jpg"};
    const QByteArray bytes[] = {sent.at(0).bytes, sent.at(2).bytes};
    for (int i = 0; i < 2; ++i) {
        const ipmsg::OfferedFile &f = list->at(i);
        QCOMPARE(f.type(), ipmsg::FileAttr::Regular);
        QCOMPARE(ipmsg::clipboardPosition(f), std::nullopt);
        QCOMPARE(f.name, names[i]);
        QCOMPARE(f.size, quint64(bytes[i].size()));
        QCOMPARE(fetchFromA(fetchRequest(msg.packetNo, f.id)), bytes[i]);
    }
    QCOMPARE(uploads.size(), 0);
    // Our own copy shows the pictures, not the notes.
    QCOMPARE(stored.first().first().value<ChatMessage>().text, QStringLiteral("hi there"));

    // Only pictures: the note is the text, never an empty message.
    a.node->pictures()->send(QStringLiteral("m2"), {oldId}, QString(), false, {{0, png(700)}});
    QVERIFY(old.waitFor(ipmsg::Mode::SendMsg, 2));
    const ipmsg::Packet only = old.packets(ipmsg::Mode::SendMsg).last();
    QCOMPARE(only.field(0), QByteArray("[picture: picture-1.png]"));
    QVERIFY(only.has(ipmsg::Opt::FileAttach));
    QCOMPARE(ipmsg::parseFileList(only.field(1))->size(), 1);
}

void TestPictures::refusesPictureOverLimitWithoutFetching()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"), {B});
    TestNode b(B.toString(), Port, QStringLiteral("Bob"), {A});
    b.config.maxPictureBytes = 1000;
    QVERIFY(startPair(a, b));
    QSignalSpy changed(b.node->pictures(), &PictureService::pictureChanged);
    a.node->pictures()->send(QStringLiteral("m1"), {b.id()}, QString(), false,
                             {{0, png(1001)}, {1, png(1000)}});
    QVERIFY(QTest::qWaitFor([&] { return changed.size() == 2; }));
    QHash<int, ChatPicture> byIndex;
    for (const QList<QVariant> &c : std::as_const(changed))
        byIndex.insert(c.at(2).toInt(), c.at(3).value<ChatPicture>());
    QCOMPARE(byIndex.value(0).state, PictureState::Failed);
    QVERIFY2(byIndex.value(0).error.contains(QLatin1String("1000")),
             qPrintable(byIndex.value(0).error));
    QCOMPARE(byIndex.value(1).state, PictureState::Ready);
    // A wordless message with pictures is still shown.
    QCOMPARE(b.history->conversation(a.id(), 10).size(), 1);
}

void TestPictures::servesPicturesByGetFileDataOnlyAndForAWhile()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    a.config.pictureShareMs = 1500;
    QVERIFY(a.start());
    FakePeer peer(Fake.toString(), Port);
    peer.send(1, ipmsg::Mode::BrEntry | ipmsg::Opt::ClipboardCap, "peer\0grp\0", A, Port,
              "1_lbt80_0#128#000000000000#0#0#0#4001#9");
    const QString peerId = Peer::makeId(Fake, Port);
    QVERIFY(QTest::qWaitFor([&] { return a.discovery->peer(peerId); }));
    QVERIFY(a.discovery->peer(peerId)->takesClipboard);
    QSignalSpy served(a.node->pictures(), &PictureService::picturesServed);
    QSignalSpy uploads(a.files, &FileTransferService::transferAdded);

    const QByteArray bytes = png(20000);
    a.node->pictures()->send(QStringLiteral("m1"), {peerId}, QStringLiteral("x"), false,
                             {{1, bytes}});
    QVERIFY(peer.waitFor(ipmsg::Mode::SendMsg, 1));
    const ipmsg::Packet msg = peer.packets(ipmsg::Mode::SendMsg).first();
    QVERIFY(msg.has(ipmsg::Opt::FileAttach));
    const auto list = ipmsg::parseFileList(msg.field(1));
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE(ipmsg::clipboardPosition(list->first()), std::optional<int>(1));
    QCOMPARE(list->first().size, quint64(bytes.size()));
    QVERIFY(list->first().name.endsWith(".png"));

    // A folder request for it is refused; the file request gets the bytes.
    ipmsg::Packet dir;
    dir.version = "1";
    dir.packetNo = 2;
    dir.user = "x";
    dir.host = "y";
    dir.command = ipmsg::Mode::GetDirFiles;
    dir.extra = ipmsg::buildFileRequest({msg.packetNo, list->first().id, 0}, false) + '\0';
    QCOMPARE(fetchFromA(ipmsg::encodePacket(dir) + '\0'), QByteArray());
    QCOMPARE(fetchFromA(fetchRequest(msg.packetNo, list->first().id)), bytes);
    QVERIFY(QTest::qWaitFor([&] { return served.size() == 1; }));
    QCOMPARE(uploads.size(), 0);

    // Never fetched: served no more once its time is up.
    a.node->pictures()->send(QStringLiteral("m2"), {peerId}, QStringLiteral("y"), false,
                             {{0, png(3000)}});
    QVERIFY(peer.waitFor(ipmsg::Mode::SendMsg, 2));
    const ipmsg::Packet second = peer.packets(ipmsg::Mode::SendMsg).last();
    const quint32 fileId = ipmsg::parseFileList(second.field(1))->first().id;
    QVERIFY(a.files->registry().contains(second.packetNo));
    QVERIFY(QTest::qWaitFor([&] { return served.size() == 2; }, 5000));
    QCOMPARE(served.last().first().toString(), QStringLiteral("m2"));
    QVERIFY(!a.files->registry().contains(second.packetNo));
    QCOMPARE(fetchFromA(fetchRequest(second.packetNo, fileId)), QByteArray());
}

void TestPictures::hostileEntriesFailClearly()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    HostileServer server;
    const QByteArray good = png(2000);
    const QString outside = QDir::temp().filePath(
        QStringLiteral("lanpigeon-abs-%1.png").arg(QRandomGenerator::global()->generate()));
    enum Id : quint32
    {
        Climbs = 1,
        Absolute,
        NotImage,
        Truncated,
        Oversends,
        Resets,
        Silent
    };
    server.serve = [&](QTcpSocket *socket, quint32 fileId) {
        switch (fileId) {
        case Climbs:
        case Absolute:
            socket->write(good);
            break;
        case NotImage:
            socket->write(QByteArray(2000, 'x'));
            break;
        case Truncated:
            socket->write(good.left(1000));
            break;
        case Oversends:
            socket->write(good + png(100000));
            break;
        case Resets:
            socket->write(good.left(700));
            socket->flush();
            socket->abort();
            return;
        case Silent:
            // Half, then nothing: the fetch must not wait for ever.
            socket->write(good.left(700));
            return;
        }
        socket->disconnectFromHost();
    };
    QList<ipmsg::OfferedFile> entries;
    const QByteArray names[] = {"../../x.png", outside.toUtf8(), "a.png", "b.png",
                                "c.png",       "d.png",          "e.png"};
    for (quint32 id = Climbs; id <= Silent; ++id) {
        entries.append(ipmsg::clipboardEntry(id, 1, int(id), quint64(good.size()), 1, "png"));
        entries.last().name = names[id - 1];
    }
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    QSignalSpy changed(a.node->pictures(), &PictureService::pictureChanged);
    // A host we never saw: IP Messenger takes its messages, and so do we, fetching its pictures
    // from it alone.
    FakePeer stranger(Fake.toString(), Port);
    QVERIFY(!a.discovery->peerAt(Fake));
    sendPictures(stranger, 7, entries);
    QVERIFY(QTest::qWaitFor([&] { return received.size() == 1; }));
    const auto message = received.first().first().value<ChatMessage>();
    QCOMPARE(message.peerId, Peer::makeId(Fake, Port));
    QCOMPARE(message.pictures.size(), entries.size());
    QVERIFY(stranger.waitFor(ipmsg::Mode::RecvMsg, 1));
    QVERIFY(QTest::qWaitFor([&] { return changed.size() == entries.size(); }, 10000));

    QHash<quint32, ChatPicture> byId;
    for (const QList<QVariant> &c : std::as_const(changed))
        byId.insert(quint32(c.at(2).toInt()) + Climbs, c.at(3).value<ChatPicture>());
    for (const quint32 id : {Climbs, Absolute}) {
        QVERIFY2(byId.value(id).state == PictureState::Ready, qPrintable(byId.value(id).error));
        QCOMPARE(byId.value(id).sha256, sha256(good));
    }
    // Cut off at the size it announced.
    QCOMPARE(byId.value(Oversends).state, PictureState::Ready);
    QCOMPARE(byId.value(Oversends).sha256, sha256(good));
    const QHash<quint32, QString> why = {
        {NotImage, QStringLiteral("not a PNG, JPEG, GIF, WebP or BMP picture")},
        {Truncated, QStringLiteral("picture not fetched")},
        {Resets, QStringLiteral("picture not fetched")},
        {Silent, QStringLiteral("picture not fetched")},
    };
    for (auto it = why.cbegin(); it != why.cend(); ++it) {
        const ChatPicture p = byId.value(it.key());
        QCOMPARE(p.state, PictureState::Failed);
        QVERIFY2(p.error.contains(*it), qPrintable(p.error));
        QVERIFY(p.sha256.isEmpty());
    }
    // History says the same after a restart.
    const std::optional<ChatMessage> kept = a.history->find(message.id);
    QVERIFY(kept);
    QCOMPARE(kept->pictures.at(Truncated - 1).state, PictureState::Failed);
    QCOMPARE(kept->pictures.at(Climbs - 1).state, PictureState::Ready);

    // Nothing written outside the store, nothing left in its fetch folder.
    QVERIFY(!QFileInfo::exists(outside));
    QVERIFY(QDir(a.node->pictures()->store().tempDir()).isEmpty());
    const QString root = QDir(a.dir.path()).filePath(QStringLiteral("pictures"));
    QDirIterator files(a.dir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QFileInfo f(files.next());
        if (f.suffix() != QLatin1String("png"))
            continue;
        QCOMPARE(f.absolutePath(), QDir(root).filePath(f.completeBaseName().left(2)));
    }
    QCOMPARE(server.maxOpen <= PictureService::MaxInFlight, true);
}

void TestPictures::floodOfPicturesIsBounded()
{
    TestNode a(A.toString(), Port, QStringLiteral("Alice"));
    QVERIFY(a.start());
    HostileServer server;
    const QByteArray bytes = png(64 * 1024);
    server.serve = [&](QTcpSocket *socket, quint32) {
        socket->write(bytes);
        socket->disconnectFromHost();
    };
    QSignalSpy received(a.messages, &MessageService::messageReceived);
    QSignalSpy changed(a.node->pictures(), &PictureService::pictureChanged);
    FakePeer flood(Fake.toString(), Port);
    QTest::qWait(50);
    resetPeakRss();
    const qint64 before = peakRssKiB();

    // 1,024 pictures: 16 messages of the 64 a message may hold.
    constexpr int Messages = 16;
    constexpr int PerMessage = 64;
    for (int m = 0; m < Messages; ++m) {
        QList<ipmsg::OfferedFile> entries;
        for (int i = 0; i < PerMessage; ++i)
            entries.append(ipmsg::clipboardEntry(quint32(m * PerMessage + i), 0, i,
                                                 quint64(bytes.size()), 1, "png"));
        sendPictures(flood, quint64(100 + m), entries);
    }
    QVERIFY(QTest::qWaitFor([&] { return received.size() == Messages; }, 10000));
    QVERIFY(QTest::qWaitFor([&] { return changed.size() == Messages * PerMessage; }, 60000));
    const qint64 peak = peakRssKiB();

    int ready = 0;
    int refused = 0;
    for (const QList<QVariant> &c : std::as_const(changed)) {
        const auto p = c.at(3).value<ChatPicture>();
        if (p.state == PictureState::Ready) {
            QCOMPARE(p.sha256, sha256(bytes));
            ++ready;
        } else {
            QVERIFY2(p.error.contains(QLatin1String("too many pictures arriving")),
                     qPrintable(p.error));
            ++refused;
        }
    }
    qInfo("flood: %d fetched, %d refused, at most %d connections at once, peak RSS %lld KiB "
          "over %lld KiB before",
          ready, refused, server.maxOpen.load(), peak - before, before);
    QVERIFY2(server.maxOpen <= PictureService::MaxInFlight,
             qPrintable(QString::number(server.maxOpen.load())));
    QCOMPARE(server.accepted.load(), ready);
    QVERIFY(ready >= PictureService::MaxWaiting);
    QVERIFY(refused > 0);
    QCOMPARE(a.node->pictures()->pendingFetches(), 0);
    // Unbounded, this flood held some 300 connections open at once and 30 MiB more.
    QVERIFY2(peak - before < 16 * 1024, qPrintable(QString::number(peak - before)));
}

QTEST_GUILESS_MAIN(TestPictures)
#include "tst_pictures.moc"
