// The tray's notifications about files, with the real window and a peer on 127.0.0.x: an offer
// of several items names them all, a finished folder or file is named from the transfer model,
// and a transfer the user cancelled raises no "failed" popup.
#include "files/fileoffer.h"
#include "mainwindow.h"
#include "messenger.h"
#include "models/peermodel.h"
#include "models/transfermodel.h"
#include "trayicon.h"
#include "windowtestnode.h"

#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace lanpigeon;
using namespace lanpigeon::ui;
using State = TransferModel::State;

namespace {
// Apart from the other window tests' addresses and ports.
const QString Me = QStringLiteral("127.0.0.43");
const QString Them = QStringLiteral("127.0.0.44");
constexpr quint16 Port = 34343;

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}
} // namespace

class TestTransferNotify final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void offerNamesEveryItem();
    void finishedFolderAndFilesAreNamed();
    void finishedUploadIsNamed();
    void ownCancelIsNoFailure();
    void summaryOfNames();

private:
    // Offers paths from the peer and waits until we have it.
    FileOffer offer(const QStringList &paths);

    QTemporaryDir *m_dir = nullptr;
    Messenger *m_me = nullptr;
    Messenger *m_peer = nullptr;
    MainWindow *m_window = nullptr;
    QSignalSpy *m_notified = nullptr;
};

void TestTransferNotify::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTransferNotify::init()
{
    m_dir = new QTemporaryDir;
    m_me = new Messenger(test::windowTestNode(Me, Port, QStringLiteral("Me"), QStringLiteral("Dev"),
                                              Them, m_dir->filePath(QStringLiteral("me"))));
    m_peer =
        new Messenger(test::windowTestNode(Them, Port, QStringLiteral("Bob"), QStringLiteral("Dev"),
                                           Me, m_dir->filePath(QStringLiteral("bob"))));
    // Not shown, so not the active window: as when the user works in another program.
    m_window = new MainWindow(m_me, UiSettings());
    m_notified = new QSignalSpy(m_window->tray(), &TrayIcon::notified);
    QSignalSpy meStarted(m_me, &Messenger::started);
    QSignalSpy peerStarted(m_peer, &Messenger::started);
    m_me->start();
    m_peer->start();
    QVERIFY(meStarted.count() || meStarted.wait());
    QVERIFY(peerStarted.count() || peerStarted.wait());
    QTRY_VERIFY(m_peer->peerModel()->find(QStringLiteral("%1:%2").arg(Me).arg(Port)));
    QVERIFY(QDir().mkpath(m_me->config().downloadDir));
}

void TestTransferNotify::cleanup()
{
    delete m_notified;
    delete m_window;
    delete m_peer;
    delete m_me;
    delete m_dir;
    m_notified = nullptr;
    m_window = nullptr;
    m_peer = nullptr;
    m_me = nullptr;
    m_dir = nullptr;
}

FileOffer TestTransferNotify::offer(const QStringList &paths)
{
    QSignalSpy offered(m_me, &Messenger::offerReceived);
    m_peer->offerFiles({QStringLiteral("%1:%2").arg(Me).arg(Port)}, paths);
    if (!offered.wait())
        return {};
    return offered.first().at(0).value<FileOffer>();
}

void TestTransferNotify::offerNamesEveryItem()
{
    const QString dir = m_dir->filePath(QStringLiteral("out"));
    QVERIFY(QDir().mkpath(dir));
    QStringList paths;
    for (const char *name : {"a.txt", "b.txt", "c.txt"}) {
        paths << dir + QLatin1Char('/') + QLatin1String(name);
        QVERIFY(writeFile(paths.last(), "x"));
    }
    QVERIFY(offer(paths).id().isValid());
    QTRY_VERIFY(!m_notified->isEmpty());
    QCOMPARE(m_notified->first().at(0).toString(), QStringLiteral("Bob sends you files"));
    QCOMPARE(m_notified->first().at(1).toString(), QStringLiteral("a.txt and 2 more"));
}

void TestTransferNotify::finishedFolderAndFilesAreNamed()
{
    const QString folder = m_dir->filePath(QStringLiteral("out/Photos"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/2026")));
    QVERIFY(writeFile(folder + QStringLiteral("/2026/beach.jpg"), QByteArray(5000, 'j')));
    const QString file = m_dir->filePath(QStringLiteral("out/notes.txt"));
    QVERIFY(writeFile(file, "notes"));
    const FileOffer o = offer({folder, file});
    QVERIFY(o.id().isValid());
    QTRY_VERIFY(!m_notified->isEmpty());
    m_notified->clear();
    m_me->acceptOffer(o.id(), m_me->config().downloadDir);
    QTRY_COMPARE(m_notified->size(), 2);
    QStringList texts;
    for (const QList<QVariant> &n : *m_notified) {
        QCOMPARE(n.at(0).toString(), QStringLiteral("Transfer finished"));
        texts << n.at(1).toString();
    }
    texts.sort();
    QCOMPARE(texts, (QStringList{QStringLiteral("Photos from Bob"),
                                 QStringLiteral("notes.txt from Bob")}));
}

void TestTransferNotify::finishedUploadIsNamed()
{
    // Uploads end with no path at all: the name comes from the model.
    const QString file = m_dir->filePath(QStringLiteral("report.pdf"));
    QVERIFY(writeFile(file, QByteArray(20000, 'p')));
    QSignalSpy offered(m_peer, &Messenger::offerReceived);
    m_me->offerFiles({QStringLiteral("%1:%2").arg(Them).arg(Port)}, {file});
    QVERIFY(offered.wait());
    const QString into = m_dir->filePath(QStringLiteral("bob/in"));
    QVERIFY(QDir().mkpath(into));
    m_peer->acceptOffer(offered.first().at(0).value<FileOffer>().id(), into);
    QTRY_COMPARE(m_notified->size(), 1);
    QCOMPARE(m_notified->first().at(0).toString(), QStringLiteral("Transfer finished"));
    QCOMPARE(m_notified->first().at(1).toString(), QStringLiteral("report.pdf sent to Bob"));
}

void TestTransferNotify::ownCancelIsNoFailure()
{
    // Sparse: the sender costs no disk, and the receiver is cancelled long before the end.
    QFile f(m_dir->filePath(QStringLiteral("disk.img")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    QVERIFY(::ftruncate(f.handle(), 512LL * 1024 * 1024) == 0);
    f.close();
    const FileOffer o = offer({f.fileName()});
    QVERIFY(o.id().isValid());
    QTRY_VERIFY(!m_notified->isEmpty());
    m_notified->clear();
    TransferModel *model = m_me->transferModel();
    connect(model, &QAbstractItemModel::rowsInserted, this, [this, model](auto, int first) {
        m_me->cancelTransfer(model->index(first).data(TransferModel::IdRole).value<TransferId>());
    });
    m_me->acceptOffer(o.id(), m_me->config().downloadDir);
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_COMPARE(model->transfers().first().state, State::Cancelled);
    QTest::qWait(300);
    QVERIFY2(m_notified->isEmpty(),
             qPrintable(m_notified->isEmpty()
                            ? QString()
                            : m_notified->first().at(0).toString() + QStringLiteral(": ") +
                                  m_notified->first().at(1).toString()));

    // A real failure still says which file and why.
    TransferModel::Transfer t;
    t.name = QStringLiteral("report.pdf");
    t.state = State::Failed;
    t.error = QStringLiteral("disk full");
    m_window->tray()->notifyTransfer(t);
    QCOMPARE(m_notified->size(), 1);
    QCOMPARE(m_notified->first().at(0).toString(), QStringLiteral("Transfer failed"));
    QCOMPARE(m_notified->first().at(1).toString(), QStringLiteral("report.pdf: disk full"));
}

void TestTransferNotify::summaryOfNames()
{
    QCOMPARE(TrayIcon::itemsSummary({}), QString());
    QCOMPARE(TrayIcon::itemsSummary({QStringLiteral("a.txt")}), QStringLiteral("a.txt"));
    QCOMPARE(TrayIcon::itemsSummary({QStringLiteral("a.txt"), QStringLiteral("b")}),
             QStringLiteral("a.txt and 1 more"));
}

QTEST_MAIN(TestTransferNotify)
#include "tst_transfernotify.moc"
