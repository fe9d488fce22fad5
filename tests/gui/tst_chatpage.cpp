// One conversation page on the offscreen platform against a real peer on loopback: sealed
// messages sent, opened and read across a restart, failures with their reasons and a retry that
// reuses the bubble, day separators, auto-replies, the keyboard in the input, and a dark theme.
#include "bubbledelegate.h"
#include "chatpage.h"
#include "files/transferthreads.h"
#include "history/historystore.h"
#include "messageinput.h"
#include "messenger.h"
#include "models/conversationmodel.h"
#include "models/peermodel.h"
#include "models/transfermodel.h"
#include "networknode.h"
#include "offercard.h"
#include "pixelcheck.h"
#include "screenshottool.h"
#include "translations.h"
#include "windowtestnode.h"

#include "../core/transferbrake.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>

#include <cmath>
#include <limits>
#include <map>
#include <memory>

using namespace lanpigeon;
using namespace lanpigeon::ui;
using lanpigeon::test::contrast;
using lanpigeon::test::groundAndInk;

namespace {
// Not 34257/34258: other window tests may run at the same time.
constexpr quint16 Port = 34259;
const QString Me = QStringLiteral("127.0.0.1");
const QString Them = QStringLiteral("127.0.0.2");
const QString MyId = QStringLiteral("127.0.0.1:34259");
const QString TheirId = QStringLiteral("127.0.0.2:34259");

NodeConfig config(const QString &ip, const QString &nick, const QString &peerIp, const QString &dir)
{
    return test::windowTestNode(ip, Port, nick, QStringLiteral("Dev"), peerIp, dir);
}

QString writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// KDE's Breeze Dark, as a user of a dark desktop has it.
QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2a, 0x2e, 0x32));
    p.setColor(QPalette::WindowText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x20));
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::PlaceholderText, QColor(0xa1, 0xa9, 0xb1));
    p.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Link, QColor(0x1d, 0x99, 0xf3));
    return p;
}

ChatMessage stored(const QString &id, const QDateTime &when, Direction direction)
{
    ChatMessage m;
    m.id = id;
    m.peerId = TheirId;
    m.direction = direction;
    m.state = direction == Direction::Outgoing ? DeliveryState::Delivered : DeliveryState::Received;
    m.text = QStringLiteral("message ") + id;
    m.timestampMs = when.toMSecsSinceEpoch();
    return m;
}
} // namespace

class TestChatPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void sealedMessageHiddenUntilClickedAndStaysOpened();
    void sealedToggleSendsSealedAndShowsRead();
    void tooLongMessageRefusedWithItsLimit();
    void timeoutShowsReasonAndRetryReusesTheBubble();
    void daySeparatorsAndFullDateTooltip();
    void autoReplyIsMarked();
    void tabLeavesTheInputAndCtrlFSearches();
    void sentFilesShowAsBubblesWithTheirState();
    void finishedOfferCardsCanBeClosed();
    void historyFromBeforeFailureKindsOpens();
    void headerShowsAwayAndBusy();
    void longAwayMessageElidesAndNeverWidensThePage();
    void cancelSendingStopsTheFetch();
    void rowsFitTheirTextWhateverThePagesHistory();
    void oneOfferCardAlwaysShowsWhole();
    void darkPaletteReadsWell();
    void headerNamesTheClientInTheUsersLanguage();
    void ctrlAltATakesAScreenshotIntoTheInput();
    void sendingPicturesHandsThemToTheCore();
    void searchMarksTheWordsAndOpensTheMessageInContext();
    void exportsAndDeletesTheChat();
    void offlinePeerQueuesAndCancelSendingCancels();
    void queuedForAKeyCheckSaysSo();
    void filesToAnOfflinePeerAreQueuedAndGoWhenBack();
    void queuedOfferKeepsItsBubbleAndCancelOverARestart();
    void aQueuedOfferCancelledIsOursNotAFailure();

private:
    // queueOffline: as the window's Messenger runs (main.cpp).
    void startMe(bool queueOffline = false);
    // Starts us again as the window's Messenger runs (main.cpp): queueing for people gone
    // offline, what we store shown in the page.
    void startMeQueueing();
    // 小王 hears a word from us, then goes: what is written to him now waits for him.
    void talkThenLoseThePeer();
    void startPeer();
    void openPage();
    QPoint bubbleCenter(const QString &messageId) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QPalette m_palette;
    Messenger *m_me = nullptr;
    Messenger *m_peer = nullptr;
    ChatPage *m_page = nullptr;
};

void TestChatPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_palette = QApplication::palette();
}

void TestChatPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    startMe();
}

void TestChatPage::startMe(bool queueOffline)
{
    NodeConfig c = config(Me, QStringLiteral("Me"), Them, m_dir->filePath(QStringLiteral("me")));
    c.queueOffline = queueOffline;
    m_me = new Messenger(c);
    // The page wired to the messenger as the main window wires it, before any page exists:
    // a page asks for its history as it is made.
    auto route = [this](const ChatMessage &m) {
        if (m_page && m.peerId == m_page->peerId())
            m_page->addMessage(m);
    };
    connect(m_me, &Messenger::messageReceived, this, route);
    connect(m_me, &Messenger::messageStored, this, route);
    connect(m_me, &Messenger::conversationLoaded, this,
            [this](const QString &peerId, qint64 before, const QList<ChatMessage> &messages,
                   bool more) {
                if (m_page && peerId == m_page->peerId())
                    m_page->addHistory(before, messages, more);
            });
    connect(m_me, &Messenger::offerReceived, this, [this](const FileOffer &offer) {
        if (m_page && offer.peerId == m_page->peerId())
            m_page->addOffer(offer);
    });
    QSignalSpy started(m_me, &Messenger::started);
    m_me->start();
    QVERIFY(started.wait());
}

void TestChatPage::startMeQueueing()
{
    delete m_me;
    NodeConfig c = config(Me, QStringLiteral("Me"), Them, m_dir->filePath(QStringLiteral("me")));
    c.queueOffline = true;
    m_me = new Messenger(c);
    connect(m_me, &Messenger::messageStored, this, [this](const ChatMessage &m) {
        if (m_page && m.peerId == m_page->peerId())
            m_page->addMessage(m);
    });
    QSignalSpy started(m_me, &Messenger::started);
    m_me->start();
    QVERIFY(started.wait());
}

void TestChatPage::talkThenLoseThePeer()
{
    startPeer();
    openPage();
    QSignalSpy hello(m_me, &Messenger::messageStateChanged);
    m_page->sendText(QStringLiteral("hi"));
    QTRY_VERIFY(!hello.isEmpty() &&
                hello.last().at(2).value<DeliveryState>() == DeliveryState::Delivered);
    delete m_peer;
    m_peer = nullptr;
    QTRY_VERIFY(!m_me->peerModel()->find(TheirId));
}

void TestChatPage::startPeer()
{
    m_peer = new Messenger(
        config(Them, QStringLiteral("小王"), Me, m_dir->filePath(QStringLiteral("peer"))));
    QSignalSpy started(m_peer, &Messenger::started);
    m_peer->start();
    QVERIFY(started.wait());
    QTRY_VERIFY(m_peer->peerModel()->find(MyId));
    QTRY_VERIFY(m_me->peerModel()->find(TheirId));
}

void TestChatPage::openPage()
{
    m_page = new ChatPage(m_me, TheirId);
    m_page->resize(600, 500);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void TestChatPage::cleanup()
{
    delete m_page;
    delete m_peer;
    delete m_me;
    m_page = nullptr;
    m_peer = nullptr;
    m_me = nullptr;
    m_dir.reset();
    QApplication::setPalette(m_palette);
}

QPoint TestChatPage::bubbleCenter(const QString &messageId) const
{
    const int row = m_page->model()->rowOf(messageId);
    const QModelIndex index = m_page->model()->index(row);
    m_page->view()->scrollTo(index);
    const QRect rect = m_page->view()->visualRect(index);
    // The bubble sits below the day separator, next to the avatar.
    return QPoint(rect.left() + 60, rect.bottom() - 20);
}

void TestChatPage::sealedMessageHiddenUntilClickedAndStaysOpened()
{
    startPeer();
    openPage();
    QSignalSpy theirStates(m_peer, &Messenger::messageStateChanged);
    const QString opened =
        m_peer->sendMessage({MyId}, QStringLiteral("the password is 1234"), true);
    const QString unopened = m_peer->sendMessage({MyId}, QStringLiteral("second secret"), true);
    ConversationModel *model = m_page->model();
    QTRY_COMPARE(model->rowCount(), 2);
    const QModelIndex first = model->index(0);
    QVERIFY(first.data(ConversationModel::ClosedRole).toBool());
    // Nothing the view shows carries the text.
    QVERIFY(!first.data(Qt::DisplayRole).toString().contains(QStringLiteral("1234")));
    QVERIFY(first.data(Qt::DisplayRole).toString().contains(QStringLiteral("click to open")));
    QTRY_VERIFY(!theirStates.isEmpty());
    // Delivered, not read: nobody opened it yet.
    QTest::qWait(300);
    for (const QList<QVariant> &s : std::as_const(theirStates))
        QVERIFY(s.at(2).value<DeliveryState>() != DeliveryState::Read);

    // A click on the first bubble opens it, and only it.
    const QString firstId = first.data(ConversationModel::IdRole).toString();
    QTest::mouseClick(m_page->view()->viewport(), Qt::LeftButton, {}, bubbleCenter(firstId));
    QVERIFY(!model->index(0).data(ConversationModel::ClosedRole).toBool());
    QCOMPARE(model->index(0).data(Qt::DisplayRole).toString(),
             QStringLiteral("the password is 1234"));
    QVERIFY(model->index(1).data(ConversationModel::ClosedRole).toBool());
    auto readBy = [&theirStates](const QString &id) {
        for (const QList<QVariant> &s : std::as_const(theirStates)) {
            if (s.at(0).toString() == id && s.at(2).value<DeliveryState>() == DeliveryState::Read)
                return true;
        }
        return false;
    };
    QTRY_VERIFY(readBy(opened));
    QVERIFY(!readBy(unopened));

    // After a restart the opened one is still open and the other still sealed.
    delete m_page;
    m_page = nullptr;
    delete m_me;
    m_me = nullptr;
    startMe();
    openPage();
    model = m_page->model();
    QTRY_COMPARE(model->rowCount(), 2);
    QVERIFY(!model->index(0).data(ConversationModel::ClosedRole).toBool());
    QVERIFY(model->index(1).data(ConversationModel::ClosedRole).toBool());
    // Opened only now, it still sends its sender the receipt.
    const QString secondId = model->index(1).data(ConversationModel::IdRole).toString();
    QTest::mouseClick(m_page->view()->viewport(), Qt::LeftButton, {}, bubbleCenter(secondId));
    QVERIFY(!model->index(1).data(ConversationModel::ClosedRole).toBool());
    QTRY_VERIFY(readBy(unopened));

    // And history remembers that too.
    delete m_page;
    m_page = nullptr;
    delete m_me;
    m_me = nullptr;
    startMe();
    openPage();
    QTRY_COMPARE(m_page->model()->rowCount(), 2);
    QVERIFY(!m_page->model()->index(1).data(ConversationModel::ClosedRole).toBool());
}

void TestChatPage::sealedToggleSendsSealedAndShowsRead()
{
    startPeer();
    openPage();
    QSignalSpy received(m_peer, &Messenger::messageReceived);
    QToolButton *seal = m_page->sealButton();
    QVERIFY(seal->isCheckable());
    QVERIFY(!seal->isChecked());
    // Ctrl+Shift+S toggles it from the input, as the tooltip says.
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page));
    m_page->input()->setFocus();
    QTest::keyClick(m_page->input(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(seal->isChecked());
    QTest::keyClick(m_page->input(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!seal->isChecked());
    QTest::mouseClick(seal, Qt::LeftButton);
    QVERIFY(seal->isChecked());
    QTest::keyClicks(m_page->input(), QStringLiteral("for your eyes only"));
    QTest::keyClick(m_page->input(), Qt::Key_Return);
    QTRY_COMPARE(received.size(), 1);
    const auto theirs = received.first().at(0).value<ChatMessage>();
    QVERIFY(theirs.sealed);
    // Sealing was for that message only.
    QVERIFY(!seal->isChecked());

    ConversationModel *model = m_page->model();
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_COMPARE(DeliveryState(model->index(0).data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Delivered);
    QVERIFY(BubbleDelegate::stateText(model->index(0)).contains(QStringLiteral("sealed")));
    m_peer->markRead(theirs.id);
    QTRY_COMPARE(DeliveryState(model->index(0).data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Read);
    QCOMPARE(BubbleDelegate::stateText(model->index(0)), QStringLiteral("✓✓ read"));

    // The next one goes in clear.
    QTest::keyClicks(m_page->input(), QStringLiteral("plain"));
    QTest::keyClick(m_page->input(), Qt::Key_Return);
    QTRY_COMPARE(received.size(), 2);
    QVERIFY(!received.at(1).at(0).value<ChatMessage>().sealed);
}

void TestChatPage::tooLongMessageRefusedWithItsLimit()
{
    startPeer();
    openPage();
    QLabel *warning = m_page->inputWarning();
    QVERIFY(warning->isHidden());
    const QString longText(70000, QLatin1Char('x'));
    m_page->input()->setPlainText(longText);
    QVERIFY(!warning->isHidden());
    // LanPigeon reads 65507 bytes; the warning names the peer and the limit.
    QVERIFY2(warning->text().contains(QStringLiteral("65,507")) ||
                 warning->text().contains(QStringLiteral("65507")),
             qPrintable(warning->text()));
    QVERIFY(warning->text().contains(QStringLiteral("小王")));
    QTest::keyClick(m_page->input(), Qt::Key_Return);
    QTest::qWait(200);
    QCOMPARE(m_page->model()->rowCount(), 0);
    QCOMPARE(m_page->draft(), longText);
    // Shortened, it fits again.
    m_page->input()->setPlainText(longText.left(1000));
    QVERIFY(warning->isHidden());
    m_page->input()->clear();

    // Sent anyway (as a group message would be): the bubble says why and offers no retry.
    m_page->sendText(longText);
    ConversationModel *model = m_page->model();
    QTRY_COMPARE(model->rowCount(), 1);
    const QModelIndex row = model->index(0);
    QTRY_COMPARE(DeliveryState(row.data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Failed);
    QCOMPARE(Failure(row.data(ConversationModel::FailureRole).toInt()), Failure::TooLong);
    QVERIFY(!row.data(ConversationModel::RetriableRole).toBool());
    QVERIFY(!BubbleDelegate::stateText(row).contains(QStringLiteral("retry")));
    const QString reason = BubbleDelegate::reasonText(row);
    QVERIFY2(reason.startsWith(QStringLiteral("Too long for the peer")), qPrintable(reason));
    QVERIFY2(reason.contains(QStringLiteral("cannot help")), qPrintable(reason));
    QSignalSpy stored(m_me, &Messenger::messageStored);
    QTest::mouseDClick(m_page->view()->viewport(), Qt::LeftButton, {},
                       bubbleCenter(row.data(ConversationModel::IdRole).toString()));
    QVERIFY(!m_page->retry(row.data(ConversationModel::IdRole).toString()));
    QTest::qWait(200);
    QCOMPARE(stored.size(), 0);
    QCOMPARE(model->rowCount(), 1);
}

void TestChatPage::timeoutShowsReasonAndRetryReusesTheBubble()
{
    // Nobody at the other end yet.
    openPage();
    m_page->sendText(QStringLiteral("anyone?"));
    ConversationModel *model = m_page->model();
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(
        DeliveryState(model->index(0).data(ConversationModel::StateRole).toInt()),
        DeliveryState::Failed, 10000);
    const QModelIndex row = model->index(0);
    QCOMPARE(Failure(row.data(ConversationModel::FailureRole).toInt()), Failure::NoAnswer);
    QVERIFY(row.data(ConversationModel::RetriableRole).toBool());
    const QString reason = BubbleDelegate::reasonText(row);
    QVERIFY2(reason.startsWith(QStringLiteral("No answer from the peer")), qPrintable(reason));
    QVERIFY2(reason.contains(QStringLiteral("Double-click")), qPrintable(reason));
    QVERIFY(row.data(Qt::ToolTipRole).toString().contains(QStringLiteral("no answer")));

    // The peer comes; a double-click sends the same bubble again.
    startPeer();
    QSignalSpy received(m_peer, &Messenger::messageReceived);
    const QString id = row.data(ConversationModel::IdRole).toString();
    const QPoint at = bubbleCenter(id);
    QTest::mouseClick(m_page->view()->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(m_page->view()->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.first().at(0).value<ChatMessage>().text, QStringLiteral("anyone?"));
    QTRY_COMPARE(DeliveryState(model->index(0).data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Delivered);
    QCOMPARE(model->rowCount(), 1);
    QVERIFY(BubbleDelegate::reasonText(model->index(0)).isEmpty());

    // History has one row for it, delivered: a restart shows no red copy.
    QSignalSpy loaded(m_me, &Messenger::conversationLoaded);
    m_me->loadConversation(TheirId, 10, 0);
    // The page waits its turn behind the Delivered row's write, synchronous=FULL: one CI run on a
    // busy disk took longer than QSignalSpy's default 5 s.
    QVERIFY(loaded.wait(20000));
    const auto messages = loaded.first().at(2).value<QList<ChatMessage>>();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().id, id);
    QCOMPARE(messages.first().state, DeliveryState::Delivered);
    QCOMPARE(messages.first().failure, Failure::None);
}

void TestChatPage::daySeparatorsAndFullDateTooltip()
{
    const QDateTime now = QDateTime::currentDateTime();
    const QDate today = now.date();
    const QDateTime lastYear(QDate(today.year() - 1, 3, 14), QTime(9, 30));
    {
        HistoryStore history;
        QString error;
        QVERIFY2(history.open(m_me->historyPath(), &error), qPrintable(error));
        QVERIFY(history.insert(stored(QStringLiteral("a"), lastYear, Direction::Incoming)));
        QVERIFY(
            history.insert(stored(QStringLiteral("b"), lastYear.addSecs(60), Direction::Outgoing)));
        QVERIFY(
            history.insert(stored(QStringLiteral("c"), QDateTime(today.addDays(-1), QTime(23, 50)),
                                  Direction::Incoming)));
        QVERIFY(history.insert(
            stored(QStringLiteral("d"), QDateTime(today, QTime(0, 5)), Direction::Outgoing)));
        QVERIFY(history.insert(
            stored(QStringLiteral("e"), QDateTime(today, QTime(0, 6)), Direction::Incoming)));
    }
    openPage();
    ConversationModel *model = m_page->model();
    QTRY_COMPARE(model->rowCount(), 5);
    QList<bool> breaks;
    for (int row = 0; row < 5; ++row)
        breaks << model->index(row).data(ConversationModel::DayBreakRole).toBool();
    QCOMPARE(breaks, (QList<bool>{true, false, true, true, false}));
    // A row with a separator is taller by it than the same row without.
    QVERIFY(m_page->view()->visualRect(model->index(2)).height() >
            m_page->view()->visualRect(model->index(1)).height());

    QCOMPARE(BubbleDelegate::dayText(today, today), QStringLiteral("Today"));
    QCOMPARE(BubbleDelegate::dayText(today.addDays(-1), today), QStringLiteral("Yesterday"));
    QCOMPARE(BubbleDelegate::dayText(QDate(2026, 11, 23), QDate(2026, 11, 30)),
             QLocale().toString(QDate(2026, 11, 23), QStringLiteral("ddd d MMM")));
    // Another year's date says its year.
    QVERIFY(BubbleDelegate::dayText(lastYear.date(), today)
                .contains(QString::number(lastYear.date().year())));
    // The tooltip gives the full date and time, not only HH:mm.
    const QString tip = model->index(0).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QString::number(lastYear.date().year())), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("9:30")), qPrintable(tip));

    // A page of older history on the same day takes the separator from the former first row.
    ConversationModel paged(TheirId);
    paged.addOlder({stored(QStringLiteral("y"), now, Direction::Incoming)}, true);
    QVERIFY(paged.index(0).data(ConversationModel::DayBreakRole).toBool());
    QSignalSpy changed(&paged, &QAbstractItemModel::dataChanged);
    paged.addOlder({stored(QStringLiteral("x"), now.addSecs(-1), Direction::Incoming)}, false);
    QVERIFY(paged.index(0).data(ConversationModel::DayBreakRole).toBool());
    QVERIFY(!paged.index(1).data(ConversationModel::DayBreakRole).toBool());
    QCOMPARE(changed.size(), 1);
}

void TestChatPage::autoReplyIsMarked()
{
    startPeer();
    m_peer->setStatus(ipmsg::Status::Away, QStringLiteral("在开会"));
    openPage();
    m_page->sendText(QStringLiteral("lunch?"));
    ConversationModel *model = m_page->model();
    QTRY_COMPARE(model->rowCount(), 2);
    const QModelIndex reply = model->index(1);
    QCOMPARE(reply.data().toString(), QStringLiteral("在开会"));
    QVERIFY(reply.data(ConversationModel::AutoReplyRole).toBool());
    QVERIFY(BubbleDelegate::metaText(reply).contains(QStringLiteral("[auto-reply]")));
    QVERIFY(!BubbleDelegate::metaText(model->index(0)).contains(QStringLiteral("[auto-reply]")));
}

void TestChatPage::tabLeavesTheInputAndCtrlFSearches()
{
    openPage();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page));
    MessageInput *input = m_page->input();
    input->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), input);
    QTest::keyClicks(input, QStringLiteral("draft"));
    QTest::keyClick(input, Qt::Key_Tab);
    QCOMPARE(input->toPlainText(), QStringLiteral("draft"));
    QVERIFY(QApplication::focusWidget() != input);
    // Reached by Tab: one of the page's buttons or boxes.
    QVERIFY(m_page->isAncestorOf(QApplication::focusWidget()));
    QCOMPARE(m_page->draft(), QStringLiteral("draft"));

    input->setFocus();
    QTest::keyClick(input, Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), m_page->searchBox());
}

void TestChatPage::sentFilesShowAsBubblesWithTheirState()
{
    startPeer();
    openPage();
    QTemporaryDir files;
    const QString report =
        writeFile(files.filePath(QStringLiteral("report.pdf")), QByteArray(3 * 1024 * 1024, 'r'));
    const QString notes = writeFile(files.filePath(QStringLiteral("notes.txt")), "unwanted");

    // The peer takes the report and turns down the notes.
    const QString saveTo = m_dir->filePath(QStringLiteral("peer-downloads"));
    connect(m_peer, &Messenger::offerReceived, this, [this, saveTo](const FileOffer &offer) {
        if (offer.items.first().name == QLatin1String("report.pdf"))
            m_peer->acceptOffer(offer.id(), saveTo);
        else
            m_peer->rejectOffer(offer.id());
    });
    ConversationModel *model = m_page->model();
    auto stateOf = [model](const QString &id) {
        return ConversationModel::FileState(
            model->index(model->rowOf(id)).data(ConversationModel::FileStateRole).toInt());
    };
    QList<int> progress;
    connect(
        model, &QAbstractItemModel::dataChanged, this, [model, &progress](const QModelIndex &from) {
            if (ConversationModel::FileState(from.data(ConversationModel::FileStateRole).toInt()) ==
                ConversationModel::FileState::Sending)
                progress << from.data(ConversationModel::ProgressRole).toInt();
        });
    const QString sent = m_page->offerPaths({report});
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex bubble = model->index(0);
    QVERIFY(bubble.data(ConversationModel::OutgoingRole).toBool());
    QVERIFY(bubble.data().toString().contains(QStringLiteral("report.pdf")));
    QCOMPARE(stateOf(sent), ConversationModel::FileState::Offered);
    QVERIFY(BubbleDelegate::metaText(bubble).contains(QStringLiteral("offered")));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(sent), ConversationModel::FileState::Done, 20000);
    QCOMPARE(model->index(0).data(ConversationModel::ProgressRole).toInt(), 100);
    QVERIFY(BubbleDelegate::metaText(model->index(0)).contains(QStringLiteral("✓ fetched")));
    // It was seen on its way.
    QVERIFY(!progress.isEmpty());
    QFile got(saveTo + QStringLiteral("/report.pdf"));
    QVERIFY(got.open(QIODevice::ReadOnly));
    QCOMPARE(got.size(), 3 * 1024 * 1024);

    const QString declined = m_page->offerPaths({notes});
    QTRY_COMPARE(stateOf(declined), ConversationModel::FileState::Declined);
    QCOMPARE(stateOf(sent), ConversationModel::FileState::Done);
    // An offer's carrier message never turns its bubble into a retriable text.
    QVERIFY(!model->index(1).data(ConversationModel::RetriableRole).toBool());
    QCOMPARE(model->rowCount(), 2);

    // Withdrawn before anyone fetched it.
    disconnect(m_peer, &Messenger::offerReceived, this, nullptr);
    const QString withdrawn = m_page->offerPaths({notes});
    QSignalSpy reached(m_peer, &Messenger::offerReceived);
    QVERIFY(reached.wait());
    m_me->cancelOffer(withdrawn);
    QTRY_COMPARE(stateOf(withdrawn), ConversationModel::FileState::Cancelled);
}

void TestChatPage::finishedOfferCardsCanBeClosed()
{
    startPeer();
    openPage();
    QTemporaryDir files;
    const QString small = writeFile(files.filePath(QStringLiteral("a.txt")), "abc");
    for (int i = 0; i < 4; ++i)
        m_peer->offerFiles({MyId}, {small});
    QTRY_COMPARE(m_page->findChildren<OfferCard *>().size(), 4);
    auto *area = m_page->findChild<QScrollArea *>(QStringLiteral("offers"));
    QVERIFY(area && area->isVisible());
    // Four cards scroll in a strip; they do not push the conversation off the page.
    QTRY_COMPARE(area->height(), ChatPage::MaxOffersHeight);
    QTRY_VERIFY2(m_page->view()->height() > 150,
                 qPrintable(QString::number(m_page->view()->height())));
    // Each card whole, none squashed to fit.
    for (OfferCard *card : m_page->findChildren<OfferCard *>())
        QTRY_VERIFY(card->height() >= card->minimumSizeHint().height());
    OfferCard *card = m_page->findChildren<OfferCard *>().first();
    auto *close = card->findChild<QPushButton *>(QStringLiteral("dismissOffer"));
    QVERIFY(close);
    // Waiting for an answer, it cannot be closed.
    QVERIFY(!close->isVisible());
    card->reject();
    QVERIFY(card->isFinished());
    QVERIFY(close->isVisible());
    const OfferId offerId = card->offerId();
    QTest::mouseClick(close, Qt::LeftButton);
    QTRY_COMPARE(m_page->findChildren<OfferCard *>().size(), 3);
    QVERIFY(!m_page->offerCard(offerId));
    for (OfferCard *other : m_page->findChildren<OfferCard *>()) {
        other->reject();
        QTest::mouseClick(other->findChild<QPushButton *>(QStringLiteral("dismissOffer")),
                          Qt::LeftButton);
    }
    QTRY_VERIFY(!area->isVisible());
}

void TestChatPage::historyFromBeforeFailureKindsOpens()
{
    // The table as the previous release wrote it: no failure column.
    const QString path = m_dir->filePath(QStringLiteral("old/history.sqlite"));
    QDir().mkpath(QFileInfo(path).absolutePath());
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
            "CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL,"
            " peer_id TEXT NOT NULL, peer_nick TEXT, direction INTEGER NOT NULL, body TEXT NOT "
            "NULL,"
            " sealed INTEGER NOT NULL DEFAULT 0, auto_reply INTEGER NOT NULL DEFAULT 0,"
            " multicast INTEGER NOT NULL DEFAULT 0, state INTEGER NOT NULL, error TEXT,"
            " packet_no INTEGER, ts_ms INTEGER NOT NULL, UNIQUE(uid, peer_id))")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO messages (uid, peer_id, direction, body, state, error, ts_ms) VALUES"
            " ('old', 'P', 1, 'hello', 2, 'no answer', 1700000000000)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
    HistoryStore history;
    QString error;
    QVERIFY2(history.open(path, &error), qPrintable(error));
    QList<ChatMessage> rows = history.conversation(QStringLiteral("P"), 10);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().state, DeliveryState::Failed);
    // Unknown kind: the window offers a retry, as it did.
    QCOMPARE(rows.first().failure, Failure::None);
    QVERIFY(isRetriable(rows.first().failure));
    QVERIFY(history.updateState(QStringLiteral("old"), QStringLiteral("P"), DeliveryState::Failed,
                                QStringLiteral("too long"), Failure::TooLong));
    rows = history.conversation(QStringLiteral("P"), 10);
    QCOMPARE(rows.first().failure, Failure::TooLong);
    history.close();
    // Opened again, the column is there already.
    QVERIFY2(history.open(path, &error), qPrintable(error));
    QCOMPARE(history.conversation(QStringLiteral("P"), 10).first().failure, Failure::TooLong);
}

// The header said "offline" but never away or busy, so a user waited for answers from someone
// at lunch.
void TestChatPage::headerShowsAwayAndBusy()
{
    startPeer();
    openPage();
    // As the chat window does: a page learns of its peer's changes from the peer model.
    connect(m_me->peerModel(), &QAbstractItemModel::dataChanged, m_page, &ChatPage::refreshPeer);
    auto *header = m_page->findChild<QLabel *>(QStringLiteral("peerHeader"));
    QVERIFY(header);
    const auto plain = [header] {
        QTextDocument doc;
        doc.setHtml(header->text());
        return doc.toPlainText();
    };
    QVERIFY2(!plain().contains(QStringLiteral("away")), qPrintable(plain()));
    m_peer->setStatus(ipmsg::Status::Away, QStringLiteral("at lunch"));
    QTRY_VERIFY2(plain().contains(QStringLiteral("🌙 away: at lunch")), qPrintable(plain()));
    QVERIFY(plain().contains(QStringLiteral("小王")));
    m_peer->setStatus(ipmsg::Status::Busy, QStringLiteral("in a meeting"));
    QTRY_VERIFY2(plain().contains(QStringLiteral("⛔ busy: in a meeting")), qPrintable(plain()));
    QVERIFY(!plain().contains(QStringLiteral("away")));
    m_peer->setStatus(ipmsg::Status::Online, {});
    QTRY_VERIFY2(!plain().contains(QStringLiteral("busy")), qPrintable(plain()));
    QVERIFY(plain().contains(QStringLiteral("127.0.0.2")));
}

// A peer's long away message widened the chat window from 620 to 1534 px, past the screen, and
// shrunk back the header was cut with no "…" and the history search squeezed to nothing.
void TestChatPage::longAwayMessageElidesAndNeverWidensThePage()
{
    startPeer();
    openPage();
    connect(m_me->peerModel(), &QAbstractItemModel::dataChanged, m_page, &ChatPage::refreshPeer);
    auto *header = m_page->findChild<QLabel *>(QStringLiteral("peerHeader"));
    auto *search = m_page->findChild<QLineEdit *>(QStringLiteral("historySearch"));
    QVERIFY(header && search);
    const QString away = QStringLiteral("Out of office until Monday the 7th, for urgent matters "
                                        "about the quarterly report please contact the front desk "
                                        "of the second floor, or my deputy 王经理 at extension 42");
    m_peer->setStatus(ipmsg::Status::Away, away);
    QTRY_VERIFY2(header->toolTip().contains(away), qPrintable(header->toolTip()));
    const auto plain = [header] {
        QTextDocument doc;
        doc.setHtml(header->text());
        return doc.toPlainText();
    };
    QVERIFY2(plain().endsWith(QStringLiteral("…")), qPrintable(plain()));
    QVERIFY(plain().startsWith(QStringLiteral("小王")));
    QVERIFY2(m_page->minimumSizeHint().width() < 500,
             qPrintable(QString::number(m_page->minimumSizeHint().width())));
    m_page->resize(460, 500);
    QTRY_COMPARE(m_page->width(), 460);
    QTRY_VERIFY2(plain().endsWith(QStringLiteral("…")), qPrintable(plain()));
    QVERIFY2(search->width() >= 100, qPrintable(QString::number(search->width())));
    QTextDocument shown;
    shown.setDefaultFont(header->font());
    shown.setDocumentMargin(0);
    shown.setHtml(header->text());
    QVERIFY2(shown.size().width() <= header->contentsRect().width(),
             qPrintable(QStringLiteral("%1 > %2")
                            .arg(shown.size().width())
                            .arg(header->contentsRect().width())));
    // Back online, the short header shows whole, without a tooltip to read it in.
    m_peer->setStatus(ipmsg::Status::Online, {});
    m_page->resize(900, 500);
    QTRY_VERIFY2(plain().contains(QStringLiteral("127.0.0.2")), qPrintable(plain()));
    QVERIFY(!plain().contains(QStringLiteral("…")));
    QVERIFY(header->toolTip().isEmpty());
}

// Cancel sending on a file being fetched said "cancelled" while the upload went on to the end.
void TestChatPage::cancelSendingStopsTheFetch()
{
    startPeer();
    openPage();
    QTemporaryDir files;
    // Sparse, and more than loopback moves while the test acts.
    constexpr qint64 Size = qint64(1) << 30;
    QFile big(files.filePath(QStringLiteral("film.mkv")));
    QVERIFY(big.open(QIODevice::WriteOnly) && big.resize(Size));
    big.close();
    const QString saveTo = m_dir->filePath(QStringLiteral("peer-downloads"));
    connect(m_peer, &Messenger::offerReceived, this,
            [this, saveTo](const FileOffer &offer) { m_peer->acceptOffer(offer.id(), saveTo); });
    QSignalSpy peerDone(m_peer, &Messenger::transferFinished);
    ConversationModel *model = m_page->model();
    const QString sent = m_page->offerPaths({big.fileName()});
    auto fileState = [model, sent] {
        return ConversationModel::FileState(
            model->index(model->rowOf(sent)).data(ConversationModel::FileStateRole).toInt());
    };
    QTRY_COMPARE(fileState(), ConversationModel::FileState::Sending);
    // The peer stops reading mid-file: the upload stays under way.
    test::TransferBrake brake;
    brake.hold(m_peer->networkNode()->transferThreads()->findChildren<QThread *>());
    TransferModel *transfers = m_me->transferModel();
    QCOMPARE(transfers->rowCount(), 1);
    const auto upload = transfers->index(0).data(TransferModel::IdRole).value<TransferId>();
    auto uploadState = [transfers, upload] { return transfers->find(upload)->state; };
    QVERIFY(!TransferModel::isFinal(uploadState()));

    // What the bubble's Cancel sending does.
    m_me->cancelOffer(sent);
    QTRY_COMPARE(fileState(), ConversationModel::FileState::Cancelled);
    QCOMPARE(uploadState(), TransferModel::State::Cancelled);
    QVERIFY(BubbleDelegate::metaText(model->index(model->rowOf(sent)))
                .contains(QStringLiteral("cancelled")));

    // The peer's fetch fails, its .part kept for another time.
    brake.release();
    QTRY_COMPARE_WITH_TIMEOUT(peerDone.size(), 1, 15000);
    QVERIFY(!peerDone.first().at(0).value<TransferResult>().ok());
    QVERIFY(!QFileInfo::exists(saveTo + QStringLiteral("/film.mkv")));
    const qint64 kept = QFileInfo(saveTo + QStringLiteral("/film.mkv.part")).size();
    QVERIFY2(kept > 0 && kept < Size, qPrintable(QString::number(kept)));
}

// A long message received in a background tab was laid out for another width: its last lines
// and time could not be scrolled to, and bubbles overlapped it until the window was resized.
void TestChatPage::rowsFitTheirTextWhateverThePagesHistory()
{
    QTabWidget tabs;
    tabs.addTab(new QWidget, QStringLiteral("typing here"));
    tabs.resize(1000, 600);
    // Opened in a chat window not shown yet, as a first message from someone else opens one.
    m_page = new ChatPage(m_me, TheirId);
    tabs.addTab(m_page, QStringLiteral("小王"));
    auto checkRows = [this](const char *when) {
        QListView *view = m_page->view();
        const int width = view->viewport()->width();
        QStyleOptionViewItem option;
        option.initFrom(view);
        option.rect = QRect(0, 0, width, 0);
        // A delegate of its own: the view's may answer from what it measured before.
        BubbleDelegate fresh(QStringLiteral("Me"));
        QAbstractItemDelegate *delegate = &fresh;
        QAbstractItemModel *model = view->model();
        int previousBottom = std::numeric_limits<int>::min();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            const QRect rect = view->visualRect(index);
            const int wanted = delegate->sizeHint(option, index).height();
            // Rows follow one another without overlap or gap.
            if (rect.height() != wanted || (previousBottom != std::numeric_limits<int>::min() &&
                                            rect.top() != previousBottom + 1))
                return QStringLiteral("%1: row %2 is %3 px high at %4 px wide, needs %5; top %6, "
                                      "row above ends at %7")
                    .arg(QLatin1String(when))
                    .arg(row)
                    .arg(rect.height())
                    .arg(width)
                    .arg(wanted)
                    .arg(rect.top())
                    .arg(previousBottom);
            previousBottom = rect.bottom();
        }
        return QString();
    };
    ChatMessage early =
        stored(QStringLiteral("early"), QDateTime::currentDateTime(), Direction::Incoming);
    early.text = QString(3000, QLatin1Char('x')) + QStringLiteral(" end of early");
    m_page->addMessage(early);
    QTest::qWait(200);
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));
    QTRY_COMPARE(checkRows("window shown"), QString());
    ChatMessage longOne =
        stored(QStringLiteral("long"), QDateTime::currentDateTime(), Direction::Incoming);
    QString words;
    while (words.size() < 6000)
        words += QStringLiteral("lorem ipsum dolor sit amet 测试文字 ");
    longOne.text = words;
    // Arriving in the open chat: the scroll bar it brings narrows the rows.
    tabs.setCurrentWidget(m_page);
    m_page->addMessage(
        stored(QStringLiteral("first"), QDateTime::currentDateTime(), Direction::Incoming));
    QTest::qWait(200);
    m_page->addMessage(longOne);
    QTRY_COMPARE(checkRows("arrived"), QString());
    tabs.setCurrentIndex(0);
    for (int i = 0; i < 3; ++i)
        m_page->addMessage(stored(QStringLiteral("after%1").arg(i), QDateTime::currentDateTime(),
                                  Direction::Incoming));
    QTest::qWait(300);
    // Brought forward in a narrower window.
    tabs.resize(520, 600);
    tabs.setCurrentWidget(m_page);
    QTRY_COMPARE(checkRows("shown"), QString());
    // The end of the long message and the rows after it can be scrolled to.
    QListView *view = m_page->view();
    view->scrollToBottom();
    const QModelIndex last = view->model()->index(view->model()->rowCount() - 1, 0);
    QTRY_VERIFY(view->visualRect(last).bottom() <= view->viewport()->height());
    // Resized while shown, and after the tab was closed and opened again.
    tabs.resize(800, 600);
    QTRY_COMPARE(checkRows("wider"), QString());
    tabs.resize(600, 600);
    QTRY_COMPARE(checkRows("narrower"), QString());
    tabs.removeTab(1);
    m_page->hide();
    m_page->resize(300, 400);
    QTest::qWait(200);
    tabs.addTab(m_page, QStringLiteral("小王"));
    tabs.setCurrentWidget(m_page);
    QTRY_COMPARE(checkRows("reopened"), QString());
    // A row that grows where it stands: a long sealed message opened.
    ChatMessage sealed =
        stored(QStringLiteral("sealed"), QDateTime::currentDateTime(), Direction::Incoming);
    sealed.sealed = true;
    sealed.text = words;
    m_page->addMessage(sealed);
    m_page->addMessage(
        stored(QStringLiteral("below"), QDateTime::currentDateTime(), Direction::Incoming));
    QTRY_COMPARE(checkRows("sealed"), QString());
    QVERIFY(m_page->model()->open(QStringLiteral("sealed")));
    QTRY_COMPARE(checkRows("opened"), QString());
    // The page is the test's to delete, not the tab widget's.
    tabs.removeTab(1);
    m_page->setParent(nullptr);
}

// The offer strip was too short: a card's buttons and status line hid behind its scroll bar.
void TestChatPage::oneOfferCardAlwaysShowsWhole()
{
    startPeer();
    openPage();
    m_page->resize(420, 500);
    QTemporaryDir files;
    QStringList paths;
    for (const char *name : {"quarterly report for the board, final version.pdf",
                             "minutes of the meeting with the supplier.docx",
                             "photos from the company trip to the mountains.zip"})
        paths << writeFile(files.filePath(QString::fromUtf8(name)), QByteArray(200000, 'p'));
    m_peer->offerFiles({MyId}, paths);
    QTRY_COMPARE(m_page->findChildren<OfferCard *>().size(), 1);
    OfferCard *card = m_page->findChildren<OfferCard *>().first();
    auto *area = m_page->findChild<QScrollArea *>(QStringLiteral("offers"));
    // The card lies inside the strip's view, with nothing to scroll.
    auto whole = [area](OfferCard *c) {
        const QRect inView(c->mapTo(area->viewport(), QPoint(0, 0)), c->size());
        QString why;
        if (!area->viewport()->rect().contains(inView))
            why += QStringLiteral("card at %1,%2 %3x%4 outside the strip's %5x%6; ")
                       .arg(inView.x())
                       .arg(inView.y())
                       .arg(inView.width())
                       .arg(inView.height())
                       .arg(area->viewport()->width())
                       .arg(area->viewport()->height());
        if (c->hasHeightForWidth() && c->height() < c->heightForWidth(c->width()))
            why += QStringLiteral("card squashed to %1 of %2 px; ")
                       .arg(c->height())
                       .arg(c->heightForWidth(c->width()));
        for (QPushButton *b : c->findChildren<QPushButton *>()) {
            if (b->isVisible() && !c->rect().contains(QRect(b->mapTo(c, QPoint(0, 0)), b->size())))
                why += QStringLiteral("button %1 cut off; ").arg(b->text());
        }
        return why;
    };
    QTRY_COMPARE(whole(card), QString());
    QVERIFY(!area->verticalScrollBar()->isVisible());
    QVERIFY(card->findChild<QPushButton *>(QString(), Qt::FindChildrenRecursively)->isVisible());

    // Answered: progress bar, status line and Open folder, all in view.
    const QString saveTo =
        m_dir->filePath(QStringLiteral("a folder with a rather long name/downloads/incoming"));
    card->accept(saveTo);
    QTRY_VERIFY(card->isFinished());
    QVERIFY(card->findChild<QProgressBar *>()->isVisible());
    QTRY_COMPARE(whole(card), QString());
    QVERIFY(!area->verticalScrollBar()->isVisible());
    const auto buttons = card->findChildren<QPushButton *>();
    QVERIFY(std::any_of(buttons.cbegin(), buttons.cend(), [](QPushButton *b) {
        return b->isVisible() && b->text() == QLatin1String("Open folder");
    }));

    // Several scroll, in no less room than the tallest card takes.
    for (int i = 0; i < 3; ++i)
        m_peer->offerFiles({MyId}, {paths.first()});
    QTRY_COMPARE(m_page->findChildren<OfferCard *>().size(), 4);
    QTRY_VERIFY(area->verticalScrollBar()->isVisible());
    for (OfferCard *c : m_page->findChildren<OfferCard *>())
        QTRY_VERIFY2(
            area->viewport()->height() >= c->height(),
            qPrintable(QStringLiteral("%1 < %2").arg(area->viewport()->height()).arg(c->height())));
    QVERIFY(m_page->view()->height() > 100);
}

// Colours fixed for a light theme left white words on white bubbles under a dark one.
void TestChatPage::darkPaletteReadsWell()
{
    QApplication::setPalette(darkPalette());
    startPeer();
    openPage();
    connect(m_me->peerModel(), &QAbstractItemModel::dataChanged, m_page, &ChatPage::refreshPeer);
    m_peer->sendMessage({MyId}, QStringLiteral("hello from the other side of the office"));
    QTRY_COMPARE(m_page->model()->rowCount(), 1);
    m_page->sendText(QStringLiteral("see you in the meeting room at three"));
    QTRY_COMPARE(
        m_page->model()->index(1).data(ConversationModel::StateRole).value<DeliveryState>(),
        DeliveryState::Delivered);
    m_peer->setStatus(ipmsg::Status::Away, QStringLiteral("at lunch"));
    QTemporaryDir files;
    m_peer->offerFiles({MyId}, {writeFile(files.filePath(QStringLiteral("report.pdf")), "pdf")});
    QTRY_COMPARE(m_page->findChildren<OfferCard *>().size(), 1);
    auto *header = m_page->findChild<QLabel *>(QStringLiteral("peerHeader"));
    QTRY_VERIFY(header->text().contains(QStringLiteral("at lunch")));
    QTest::qWait(50);

    // Bubbles: the first line of words against the bubble, and the time under it.
    const QImage bubbles = m_page->view()->viewport()->grab().toImage();
    const int line = m_page->view()->fontMetrics().height();
    for (int row : {0, 1}) {
        const QModelIndex index = m_page->model()->index(row);
        const bool mine = index.data(ConversationModel::OutgoingRole).toBool();
        const QRect rect = m_page->view()->visualRect(index);
        // As the delegate lays a bubble out: beside the avatar, below a day separator.
        const int top =
            rect.top() + 4 + (index.data(ConversationModel::DayBreakRole).toBool() ? 26 : 0);
        const int textLeft = mine ? rect.right() - 57 - 60 : rect.left() + 57;
        const QRect words(textLeft, top + 9, 60, line);
        const auto [fill, ink] = groundAndInk(bubbles, words);
        QVERIFY2(
            ink >= 4.5,
            qPrintable(
                QStringLiteral("row %1: words %2:1 on %3").arg(row).arg(ink).arg(fill.name())));
        if (mine)
            continue;
        // Fainter, still to be read.
        const auto [ground, time] =
            groundAndInk(bubbles, QRect(textLeft, top + 9 + line + 2, 30, 16));
        QVERIFY2(
            time >= 3,
            qPrintable(
                QStringLiteral("row %1: time %2:1 on %3").arg(row).arg(time).arg(ground.name())));
    }

    // The offer card: its summary against the card.
    OfferCard *card = m_page->findChildren<OfferCard *>().first();
    QLabel *summary = nullptr;
    for (QLabel *label : card->findChildren<QLabel *>()) {
        if (label->text().startsWith(QStringLiteral("📎")))
            summary = label;
    }
    QVERIFY(summary);
    const QImage cardImage = card->grab().toImage();
    const auto [cardFill, cardInk] = groundAndInk(cardImage, summary->geometry());
    QVERIFY2(
        cardInk >= 4.5,
        qPrintable(QStringLiteral("offer card: %1:1 on %2").arg(cardInk).arg(cardFill.name())));

    // The header: every colour its words are written in, against what it is written on.
    const QColor headerGround = groundAndInk(header->grab().toImage(), header->rect()).first;
    QTextDocument doc;
    doc.setHtml(header->text());
    int runs = 0;
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            const QColor color = format.hasProperty(QTextFormat::ForegroundBrush)
                                     ? format.foreground().color()
                                     : header->palette().color(QPalette::WindowText);
            ++runs;
            QVERIFY2(contrast(color, headerGround) >= 4.5,
                     qPrintable(QStringLiteral("header '%1': %2 on %3, %4:1")
                                    .arg(it.fragment().text(), color.name(), headerGround.name())
                                    .arg(contrast(color, headerGround))));
        }
    }
    QVERIFY(runs >= 3);
}

// The chat header named the client in words of its own, untranslated, unlike the peer list.
void TestChatPage::headerNamesTheClientInTheUsersLanguage()
{
    const Translations chinese{QLocale(QStringLiteral("zh_CN"))};
    startPeer();
    openPage();
    auto *header = m_page->findChild<QLabel *>(QStringLiteral("peerHeader"));
    QVERIFY(header);
    QTextDocument doc;
    doc.setHtml(header->text());
    const QString kind = ipmsg::clientKindName(ipmsg::ClientKind::LanPigeon);
    QCOMPARE(kind, QStringLiteral("局域网信鸽"));
    QVERIFY2(doc.toPlainText().contains(QStringLiteral(" · %1 · ").arg(kind)),
             qPrintable(doc.toPlainText()));
    QCOMPARE(m_me->peerModel()->find(TheirId)->kind, ipmsg::ClientKind::LanPigeon);
}

void TestChatPage::ctrlAltATakesAScreenshotIntoTheInput()
{
    openPage();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page));
    MessageInput *input = m_page->input();
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("look: "));
    auto overlayShown = [] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *o = qobject_cast<ScreenshotOverlay *>(w); o && o->isVisible())
                return o;
        }
        return static_cast<ScreenshotOverlay *>(nullptr);
    };
    QTest::keyClick(input, Qt::Key_A, Qt::ControlModifier | Qt::AltModifier);
    QTRY_VERIFY(overlayShown());
    ScreenshotOverlay *overlay = overlayShown();
    // Our own window is on the frozen screen: the option is off.
    QVERIFY(m_page->isVisible());
    const QPoint from = overlay->mapFromGlobal(m_page->mapToGlobal(QPoint(10, 10)));
    QTest::mousePress(overlay, Qt::LeftButton, {}, from);
    QTest::mouseMove(overlay, from + QPoint(100, 50));
    QTest::mouseRelease(overlay, Qt::LeftButton, {}, from + QPoint(100, 50));
    const QRect region = overlay->deviceSelection();
    QCOMPARE(region.size(), QSize(100, 50) * overlay->devicePixelRatioF());
    QTest::keyClick(overlay, Qt::Key_Return);
    QTRY_COMPARE(input->pictureCount(), 1);
    QTRY_VERIFY(!input->picturesPending());
    const MessageInput::Content content = input->content();
    QCOMPARE(content.text, QStringLiteral("look: "));
    QCOMPARE(content.pictures[0].position, 6);
    const QImage sent = QImage::fromData(content.pictures[0].bytes);
    QCOMPARE(sent.size(), region.size());
    // Left on the clipboard too, as QQ leaves it.
    QCOMPARE(QGuiApplication::clipboard()->image().convertToFormat(QImage::Format_RGB32),
             sent.convertToFormat(QImage::Format_RGB32));

    // With "Hide LanPigeon's windows" the page is off the screen while the overlay shows; the
    // choice is kept in the profile.
    auto *button = m_page->findChild<QToolButton *>(QStringLiteral("screenshotButton"));
    QVERIFY(button);
    auto *hide = button->menu()->findChild<QAction *>(QStringLiteral("hideForScreenshot"));
    QVERIFY(hide);
    hide->setChecked(true);
    const QSettings settings(
        QDir(m_me->config().profileDir).filePath(QStringLiteral("lanpigeon.ini")),
        QSettings::IniFormat);
    QCOMPARE(settings.value(QStringLiteral("ui/screenshotHidesWindows")).toBool(), true);
    button->click();
    QTRY_VERIFY(!m_page->isVisible());
    QTRY_VERIFY(overlayShown());
    QTest::keyClick(overlayShown(), Qt::Key_Escape);
    QTRY_VERIFY(m_page->isVisible());
    QCOMPARE(input->pictureCount(), 1);

    // A picture refused says why under the input.
    QTemporaryDir files;
    const QString notPicture = writeFile(files.filePath(QStringLiteral("notes.png")), "words");
    QVERIFY(!input->insertPictureFile(notPicture));
    QVERIFY(m_page->inputWarning()->isVisible());
    QVERIFY2(m_page->inputWarning()->text().contains(QStringLiteral("notes.png")),
             qPrintable(m_page->inputWarning()->text()));
}

void TestChatPage::sendingPicturesHandsThemToTheCore()
{
    startPeer();
    openPage();
    MessageInput *input = m_page->input();
    QImage red(64, 48, QImage::Format_RGB32);
    red.fill(Qt::red);
    QImage noise(1920, 1080, QImage::Format_RGB32);
    quint32 seed = 7;
    for (int y = 0; y < noise.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(noise.scanLine(y));
        for (int x = 0; x < noise.width(); ++x) {
            seed = seed * 1664525u + 1013904223u;
            line[x] = 0xff000000u | (seed >> 8);
        }
    }
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("a"));
    input->insertImage(red);
    QTest::keyClicks(input, QStringLiteral("bc"));
    input->insertImage(noise);
    QSignalSpy stored(m_me, &Messenger::messageStored);
    QSignalSpy received(m_peer, &Messenger::messageReceived);
    QSignalSpy arrived(m_peer, &Messenger::pictureChanged);
    // At once, while the screenshot is still being encoded: it goes as soon as it is ready.
    QVERIFY(input->picturesPending());
    m_page->findChild<QPushButton *>(QStringLiteral("sendButton"))->click();
    QVERIFY(stored.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 10000);
    const auto mine = stored[0][0].value<ChatMessage>();
    QCOMPARE(mine.text, QStringLiteral("abc"));
    QCOMPARE(mine.pictures.size(), 2);
    QCOMPARE(mine.pictures[0].position, 1);
    QCOMPARE(mine.pictures[1].position, 4);
    QCOMPARE(mine.pictures[0].state, PictureState::Ready);
    QVERIFY(input->toPlainText().isEmpty());
    QCOMPARE(input->pictureCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 10000);
    const auto theirs = received[0][0].value<ChatMessage>();
    QCOMPARE(theirs.text, QStringLiteral("abc"));
    QCOMPARE(theirs.pictures.size(), 2);
    QCOMPARE(theirs.pictures[0].position, 1);
    QCOMPARE(theirs.pictures[1].position, 4);
    // The peer fetches both; what it stored are the pixels pasted.
    QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 2, 15000);
    QHash<int, QImage> got;
    for (const QList<QVariant> &signal : std::as_const(arrived)) {
        const auto picture = signal[3].value<ChatPicture>();
        QCOMPARE(picture.state, PictureState::Ready);
        QFile file(m_peer->picturePath(picture.sha256));
        QVERIFY(file.open(QIODevice::ReadOnly));
        got.insert(signal[2].toInt(),
                   QImage::fromData(file.readAll()).convertToFormat(QImage::Format_RGB32));
    }
    QCOMPARE(got.value(0), red);
    QCOMPARE(got.value(1), noise);

    // A picture alone, no words: still a message, with its bubble.
    input->insertImage(red);
    QTRY_VERIFY(!input->picturesPending());
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_COMPARE(stored.size(), 2);
    const auto alone = stored[1][0].value<ChatMessage>();
    QVERIFY(alone.text.isEmpty());
    QCOMPARE(alone.pictures.size(), 1);
    QVERIFY(m_page->model()->rowOf(alone.id) >= 0);
}

void TestChatPage::searchMarksTheWordsAndOpensTheMessageInContext()
{
    // 300 messages, the one to find pages above the page that opens; in one transaction, as
    // one insert at a time waits for the disk 300 times.
    const QString wanted = QStringLiteral("the 会议室 needle is here, NEEDLE twice");
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fill"));
        db.setDatabaseName(m_me->historyPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.prepare(QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 299) "
            "INSERT INTO messages (uid, peer_id, peer_nick, direction, body, state, ts_ms) "
            "SELECT i, ?, '小王', i % 2, CASE WHEN i = 100 THEN ? ELSE 'message ' || i END, "
            "CASE WHEN i % 2 THEN 1 ELSE 4 END, ? + i * 1000 FROM n")));
        q.addBindValue(TheirId);
        q.addBindValue(wanted);
        q.addBindValue(QDateTime::currentDateTime().addDays(-1).toMSecsSinceEpoch());
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fill"));
    connect(m_me, &Messenger::historyFound, this,
            [this](const QString &peerId, const QString &text, const QList<SearchHit> &hits) {
                if (m_page && peerId == m_page->peerId())
                    m_page->showSearchResults(text, hits);
            });
    openPage();
    QTRY_COMPARE(m_page->model()->rowCount(), ChatPage::PageSize);
    QCOMPARE(m_page->model()->rowOf(QStringLiteral("100")), -1);

    QLineEdit *box = m_page->searchBox();
    box->setFocus();
    QTest::keyClicks(box, QStringLiteral("needle"));
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_VERIFY(m_page->searchResults() && m_page->searchResults()->rowCount() == 1);
    QListView *results = m_page->searchResultsView();
    QVERIFY(results->isVisible());
    const QModelIndex found = m_page->searchResults()->index(0);
    using Ranges = QList<QPair<int, int>>;
    const Ranges words{{8, 6}, {24, 6}};
    QCOMPARE(found.data(ConversationModel::MatchesRole).value<Ranges>(), words);
    // The found words are painted in the palette's selection colour; nothing else is.
    auto marked = [](QWidget *viewport, const QRect &area) {
        const QImage shot = viewport->grab(area).toImage().convertToFormat(QImage::Format_RGB32);
        const QRgb mark = viewport->palette().color(QPalette::Highlight).rgb();
        int n = 0;
        for (int y = 0; y < shot.height(); ++y)
            for (int x = 0; x < shot.width(); ++x)
                n += (shot.pixel(x, y) & 0xffffff) == (mark & 0xffffff);
        return n;
    };
    QTRY_VERIFY(marked(results->viewport(), results->visualRect(found)) > 100);

    // Down walks into the results, Enter shows the message where it was said.
    QTest::keyClick(box, Qt::Key_Down);
    QCOMPARE(QApplication::focusWidget(), results);
    QTest::keyClick(results, Qt::Key_Return);
    QTRY_VERIFY(m_page->model()->rowOf(QStringLiteral("100")) >= 0);
    QTRY_VERIFY(!results->isVisible());
    // The query stays, and the line under the header says how to get back to the results.
    QCOMPARE(box->text(), QStringLiteral("needle"));
    QCOMPARE(QApplication::focusWidget(), m_page->input());
    QVERIFY(m_page->historyNote()->isVisible());
    QVERIFY(m_page->historyNote()->text().contains(QStringLiteral("Enter")));
    // The conversation stays whole: half a page before it, and everything after.
    QCOMPARE(m_page->model()->rowCount(), 300 - 100 + ChatPage::PageSize / 2);
    for (int row = 1; row < m_page->model()->rowCount(); ++row)
        QCOMPARE(m_page->model()->at(row).rowId, m_page->model()->at(row - 1).rowId + 1);
    const QModelIndex shown = m_page->model()->index(m_page->model()->rowOf(QStringLiteral("100")));
    QListView *view = m_page->view();
    QTRY_VERIFY(view->viewport()->rect().contains(view->visualRect(shown)));
    QCOMPARE(shown.data(ConversationModel::MatchesRole).value<Ranges>(), words);
    QTRY_VERIFY(marked(view->viewport(), view->visualRect(shown)) > 100);
    // The mark is a moment's.
    QTRY_VERIFY_WITH_TIMEOUT(shown.data(ConversationModel::MatchesRole).value<Ranges>().isEmpty(),
                             ChatPage::FoundMarkMs + 2000);
    QTRY_COMPARE(marked(view->viewport(), view->visualRect(shown)), 0);

    // Enter brings the results back; leaving the search empties the box.
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_VERIFY(results->isVisible());
    QVERIFY(m_page->leaveSearch());
    QVERIFY(box->text().isEmpty() && !results->isVisible());
    QVERIFY(!m_page->leaveSearch());

    // A message already on the page is scrolled to, with nothing loaded. Typing searches once
    // it pauses, with no Enter; the words may come in any order.
    view->scrollToBottom();
    const int rows = m_page->model()->rowCount();
    box->setFocus();
    QTest::keyClicks(box, QStringLiteral("299 MESSAGE"));
    QTRY_VERIFY(m_page->searchResults() && m_page->searchResults()->rowCount() == 1 &&
                m_page->searchResults()->at(0).id == QStringLiteral("299"));
    const QModelIndex newest = m_page->searchResults()->index(0);
    QTRY_VERIFY(results->isVisible() && results->visualRect(newest).height() > 20);
    QTest::mouseClick(results->viewport(), Qt::LeftButton, {},
                      results->visualRect(newest).center());
    QTRY_VERIFY(!results->isVisible());
    QCOMPARE(box->text(), QStringLiteral("299 MESSAGE"));
    QCOMPARE(m_page->model()->rowCount(), rows);
    const QModelIndex last = m_page->model()->index(rows - 1);
    QTRY_VERIFY(view->viewport()->rect().contains(view->visualRect(last)));
}

void TestChatPage::exportsAndDeletesTheChat()
{
    {
        HistoryStore history;
        QString error;
        QVERIFY2(history.open(m_me->historyPath(), &error), qPrintable(error));
        const QDateTime start = QDateTime::currentDateTime().addSecs(-600);
        for (int i = 0; i < 3; ++i) {
            ChatMessage m = stored(QString::number(i), start.addSecs(i),
                                   i % 2 ? Direction::Incoming : Direction::Outgoing);
            // Only what we wrote names them: the header still does.
            if (m.direction == Direction::Outgoing)
                m.peerNick = QStringLiteral("小王");
            QVERIFY(history.insert(m));
        }
        ChatMessage other = stored(QStringLiteral("other"), start, Direction::Incoming);
        other.peerId = QStringLiteral("127.0.0.9:34259");
        other.text = QStringLiteral("<b>not</b> this chat");
        QVERIFY(history.insert(other));
    }
    openPage();
    QCOMPARE(m_page->model()->rowCount(), 3);
    QVERIFY(m_page->historyMenuButton()->menu());
    QCOMPARE(m_page->historyMenuButton()->menu()->actions().size(), 2);

    const QString path = m_dir->filePath(QStringLiteral("chat.html"));
    m_page->exportTo(path);
    QTRY_VERIFY(m_page->historyNote()->text().contains(QStringLiteral("exported")));
    QFile page(path);
    QVERIFY(page.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(page.readAll());
    QVERIFY(html.contains(QStringLiteral("message 0")));
    QVERIFY(html.contains(QStringLiteral("message 2")));
    QVERIFY(!html.contains(QStringLiteral("this chat")));
    QVERIFY2(html.contains(QStringLiteral("<h1>LanPigeon chat with 小王 (%1)</h1>").arg(TheirId)),
             qPrintable(html.left(600)));
    // The file offered by default names the address too: two 小王 are two files.
    QCOMPARE(m_page->defaultExportName(), QStringLiteral("Chat with 127.0.0.2"));
    m_page->setKnownName(QStringLiteral("小王"));
    QCOMPARE(m_page->defaultExportName(), QStringLiteral("Chat with 小王 (127.0.0.2)"));

    // A search started meanwhile keeps its line: the export's expiry is not the search's.
    m_page->search(QStringLiteral("nowhere"));
    QVERIFY(m_page->historyNote()->text().startsWith(QStringLiteral("Searching for")));
    QTest::qWait(ChatPage::BriefNoteMs + 500);
    QVERIFY(!m_page->historyNote()->isHidden());
    m_page->search({});

    m_page->deleteHistory();
    QTRY_COMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(m_page->historyNote()->text().contains(QStringLiteral("3")));
    // Done, it needs nothing more of the user and goes, rather than staying for good.
    QVERIFY(!m_page->historyNote()->isHidden());
    QTRY_VERIFY_WITH_TIMEOUT(m_page->historyNote()->isHidden(), ChatPage::BriefNoteMs + 2000);
    HistoryStore history;
    QVERIFY(history.open(m_me->historyPath(), nullptr));
    QVERIFY(history.conversation(TheirId, 10).isEmpty());
    QCOMPARE(history.conversation(QStringLiteral("127.0.0.9:34259"), 10).size(), 1);
    // Opened again, the chat is empty.
    delete m_page;
    m_page = nullptr;
    openPage();
    QCOMPARE(m_page->model()->rowCount(), 0);
}

void TestChatPage::queuedForAKeyCheckSaysSo()
{
    openPage();
    ChatMessage m =
        stored(QStringLiteral("held"), QDateTime::currentDateTime(), Direction::Outgoing);
    m.peerNick = QStringLiteral("小王");
    m.state = DeliveryState::Queued;
    m.failure = Failure::AwaitsKeyCheck;
    m_page->addMessage(m);
    const QModelIndex held = m_page->model()->index(m_page->model()->rowOf(QStringLiteral("held")));
    QCOMPARE(BubbleDelegate::stateText(held),
             QStringLiteral("Queued — waits until you check 小王's new key (Security)"));
    // The key checked, it goes: no trace of the wait is left.
    m_page->model()->setState(QStringLiteral("held"), DeliveryState::Delivered, {}, Failure::None);
    QCOMPARE(BubbleDelegate::stateText(held), QStringLiteral("✓ delivered"));
}

void TestChatPage::offlinePeerQueuesAndCancelSendingCancels()
{
    // As the window's Messenger runs (main.cpp): queueing for people gone offline.
    startMeQueueing();
    startPeer();
    openPage();
    ConversationModel *model = m_page->model();
    m_page->sendText(QStringLiteral("hi"));
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_COMPARE(DeliveryState(model->index(0).data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Delivered);

    // 小王 goes home; what is written to them now waits for them.
    delete m_peer;
    m_peer = nullptr;
    QTRY_VERIFY(!m_me->peerModel()->find(TheirId));
    m_page->sendText(QStringLiteral("see you tomorrow"));
    m_page->sendText(QStringLiteral("never mind"));
    QTRY_COMPARE(model->rowCount(), 3);
    for (int row : {1, 2}) {
        const QModelIndex index = model->index(row);
        QTRY_COMPARE(DeliveryState(index.data(ConversationModel::StateRole).toInt()),
                     DeliveryState::Queued);
        QVERIFY2(BubbleDelegate::metaText(index).contains(
                     QStringLiteral("Queued — will be sent when 小王 is back")),
                 qPrintable(BubbleDelegate::metaText(index)));
    }

    // Deleting the chat's history would take them out of the queue: the question says so.
    // (No translator here: the plural reads "message(s)".)
    QVERIFY2(m_page->deleteQuestion().contains(
                 QStringLiteral("2 message(s) still waiting to be sent will not be sent.")),
             qPrintable(m_page->deleteQuestion()));

    // The bubble's menu cancels the second one.
    const QString cancelled = model->index(2).data(ConversationModel::IdRole).toString();
    QTimer::singleShot(0, this, [] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        for (QAction *action : menu->actions()) {
            if (action->text() == QStringLiteral("Cancel sending"))
                action->trigger();
        }
        menu->close();
    });
    const QPoint at = bubbleCenter(cancelled);
    emit m_page->view()->customContextMenuRequested(at);
    QTRY_COMPARE(DeliveryState(model->index(2).data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Failed);
    QCOMPARE(Failure(model->index(2).data(ConversationModel::FailureRole).toInt()),
             Failure::Cancelled);
    QVERIFY(BubbleDelegate::reasonText(model->index(2)).startsWith(QStringLiteral("Cancelled")));
    QVERIFY(m_page->deleteQuestion().contains(QStringLiteral("1 message(s) still waiting")));

    // 小王 is back: the queued one arrives, the cancelled one does not.
    startPeer();
    QTRY_COMPARE(DeliveryState(model->index(1).data(ConversationModel::StateRole).toInt()),
                 DeliveryState::Delivered);
    QTest::qWait(300);
    QSignalSpy loaded(m_peer, &Messenger::conversationLoaded);
    m_peer->loadConversation(MyId, 10, 0);
    QVERIFY(loaded.wait(20000));
    QStringList got;
    for (const ChatMessage &m : loaded.first().at(2).value<QList<ChatMessage>>())
        got.append(m.text);
    QCOMPARE(got, (QStringList{QStringLiteral("hi"), QStringLiteral("see you tomorrow")}));
    QCOMPARE(DeliveryState(model->index(2).data(ConversationModel::StateRole).toInt()),
             DeliveryState::Failed);
}

void TestChatPage::filesToAnOfflinePeerAreQueuedAndGoWhenBack()
{
    startMeQueueing();
    talkThenLoseThePeer();

    // 小王 is away: the file and folder buttons still work, and the offer waits for them.
    for (const char *name : {"fileButton", "folderButton"}) {
        auto *button = m_page->findChild<QToolButton *>(QLatin1String(name));
        QVERIFY(button);
        QVERIFY2(button->isEnabled(), name);
    }
    QTemporaryDir files;
    const QByteArray data(200 * 1024, 'q');
    const QString plan = writeFile(files.filePath(QStringLiteral("plan.txt")), data);
    ConversationModel *model = m_page->model();
    auto stateOf = [model](const QString &id) {
        return ConversationModel::FileState(
            model->index(model->rowOf(id)).data(ConversationModel::FileStateRole).toInt());
    };
    const QString sent = m_page->offerPaths({plan});
    QTRY_COMPARE(stateOf(sent), ConversationModel::FileState::Queued);
    const QModelIndex bubble = model->index(model->rowOf(sent));
    QVERIFY(bubble.data().toString().contains(QStringLiteral("plan.txt")));
    QVERIFY2(BubbleDelegate::metaText(bubble).contains(
                 QStringLiteral("Queued — will be sent when 小王 is back")),
             qPrintable(BubbleDelegate::metaText(bubble)));

    // 小王 is back and takes it: the same bubble follows the fetch to its end.
    const QString saveTo = m_dir->filePath(QStringLiteral("peer-downloads"));
    m_peer = new Messenger(
        config(Them, QStringLiteral("小王"), Me, m_dir->filePath(QStringLiteral("peer"))));
    connect(m_peer, &Messenger::offerReceived, this,
            [this, saveTo](const FileOffer &offer) { m_peer->acceptOffer(offer.id(), saveTo); });
    QSignalSpy peerStarted(m_peer, &Messenger::started);
    m_peer->start();
    QVERIFY(peerStarted.wait());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(sent), ConversationModel::FileState::Done, 20000);
    QVERIFY(BubbleDelegate::metaText(model->index(model->rowOf(sent)))
                .contains(QStringLiteral("✓ fetched")));
    QFile got(saveTo + QStringLiteral("/plan.txt"));
    QVERIFY(got.open(QIODevice::ReadOnly));
    QCOMPARE(got.readAll(), data);
}

// After a restart of the sender a queued file offer had no bubble: it could be neither seen nor
// cancelled, yet went out when its person came back. Now the bubble is there as it was, with
// its files, its queued state and "Cancel sending"; a cancelled one never goes, and the one
// left queued is offered and fetched.
void TestChatPage::queuedOfferKeepsItsBubbleAndCancelOverARestart()
{
    delete m_me;
    startMe(true);
    startPeer();
    openPage();
    QSignalSpy hello(m_me, &Messenger::messageStateChanged);
    m_page->sendText(QStringLiteral("hi"));
    QTRY_VERIFY(!hello.isEmpty() &&
                hello.last().at(2).value<DeliveryState>() == DeliveryState::Delivered);
    delete m_peer;
    m_peer = nullptr;
    QTRY_VERIFY(!m_me->peerModel()->find(TheirId));

    QTemporaryDir files;
    const QString plan =
        writeFile(files.filePath(QStringLiteral("plan.txt")), QByteArray(3000, 'p'));
    const QByteArray photo(70 * 1024, 'f');
    QVERIFY(QDir(files.path()).mkpath(QStringLiteral("photos")));
    writeFile(files.filePath(QStringLiteral("photos/beach.jpg")), photo);
    auto stateOf = [this](const QString &id) {
        ConversationModel *model = m_page->model();
        return ConversationModel::FileState(
            model->index(model->rowOf(id)).data(ConversationModel::FileStateRole).toInt());
    };
    const QString toCancel = m_page->offerPaths({plan});
    const QString toSend = m_page->offerPaths({files.filePath(QStringLiteral("photos"))});
    QTRY_COMPARE(stateOf(toCancel), ConversationModel::FileState::Queued);
    QTRY_COMPARE(stateOf(toSend), ConversationModel::FileState::Queued);

    // LanPigeon restarts; the chat opens again on the same profile.
    delete m_page;
    m_page = nullptr;
    delete m_me;
    startMe(true);
    openPage();
    ConversationModel *model = m_page->model();
    QTRY_VERIFY(model->rowOf(toCancel) >= 0 && model->rowOf(toSend) >= 0);
    const QModelIndex first = model->index(model->rowOf(toCancel));
    QVERIFY2(first.data().toString().startsWith(QStringLiteral("📎 plan.txt (")),
             qPrintable(first.data().toString()));
    QCOMPARE(stateOf(toCancel), ConversationModel::FileState::Queued);
    QVERIFY2(BubbleDelegate::metaText(first).contains(
                 QStringLiteral("Queued — will be sent when 小王 is back")),
             qPrintable(BubbleDelegate::metaText(first)));
    const QModelIndex second = model->index(model->rowOf(toSend));
    // A folder is marked as one, with the size of what it holds.
    QVERIFY2(second.data().toString().startsWith(QStringLiteral("📁 photos (")),
             qPrintable(second.data().toString()));
    QCOMPARE(stateOf(toSend), ConversationModel::FileState::Queued);

    // Right-click on the first: "Cancel sending" takes it out of the queue.
    QStringList entries;
    QTimer::singleShot(0, this, [&entries] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        for (QAction *action : menu->actions()) {
            entries << action->text();
            if (action->text() == QStringLiteral("Cancel sending"))
                action->trigger();
        }
        menu->close();
    });
    emit m_page->view()->customContextMenuRequested(bubbleCenter(toCancel));
    QVERIFY2(entries.contains(QStringLiteral("Cancel sending")), qPrintable(entries.join(", ")));
    QTRY_COMPARE(stateOf(toCancel), ConversationModel::FileState::Cancelled);

    // Cancelled stays cancelled over another restart, and shows as such.
    delete m_page;
    m_page = nullptr;
    delete m_me;
    startMe(true);
    openPage();
    model = m_page->model();
    QTRY_VERIFY(model->rowOf(toCancel) >= 0);
    QCOMPARE(stateOf(toCancel), ConversationModel::FileState::Cancelled);
    QCOMPARE(stateOf(toSend), ConversationModel::FileState::Queued);

    // 小王 is back: the folder is offered and fetched, and its bubble says so; the cancelled
    // file never reaches them.
    const QString saveTo = m_dir->filePath(QStringLiteral("peer-downloads"));
    m_peer = new Messenger(
        config(Them, QStringLiteral("小王"), Me, m_dir->filePath(QStringLiteral("peer"))));
    QStringList offered;
    connect(m_peer, &Messenger::offerReceived, this,
            [this, saveTo, &offered](const FileOffer &offer) {
                for (const OfferItem &item : offer.items)
                    offered << item.name;
                m_peer->acceptOffer(offer.id(), saveTo);
            });
    QSignalSpy peerStarted(m_peer, &Messenger::started);
    m_peer->start();
    QVERIFY(peerStarted.wait());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(toSend), ConversationModel::FileState::Done, 20000);
    QFile got(saveTo + QStringLiteral("/photos/beach.jpg"));
    QVERIFY(got.open(QIODevice::ReadOnly));
    QCOMPARE(got.readAll(), photo);
    QTest::qWait(1000);
    QCOMPARE(offered, QStringList{QStringLiteral("photos")});
    QVERIFY(!QFile::exists(saveTo + QStringLiteral("/plan.txt")));
    QCOMPARE(stateOf(toCancel), ConversationModel::FileState::Cancelled);
}

void TestChatPage::aQueuedOfferCancelledIsOursNotAFailure()
{
    startMeQueueing();
    talkThenLoseThePeer();
    QTemporaryDir files;
    const QString plan = writeFile(files.filePath(QStringLiteral("plan.txt")), QByteArray(11, 'p'));
    QVERIFY(QDir(files.path()).mkpath(QStringLiteral("photos/empty")));
    writeFile(files.filePath(QStringLiteral("photos/1.jpg")), QByteArray(2048, 'j'));
    ConversationModel *model = m_page->model();
    const auto stateOf = [model](const QString &id) {
        return ConversationModel::FileState(
            model->index(model->rowOf(id)).data(ConversationModel::FileStateRole).toInt());
    };
    // A folder is a folder, with its size once the network thread has counted it (it was
    // "📎 photos", like a file, with no size).
    const QString folder = m_page->offerPaths({files.filePath(QStringLiteral("photos"))});
    QTRY_VERIFY2(stateOf(folder) == ConversationModel::FileState::Queued,
                 qPrintable(BubbleDelegate::metaText(model->index(model->rowOf(folder))) +
                            BubbleDelegate::reasonText(model->index(model->rowOf(folder)))));
    QTRY_COMPARE(model->index(model->rowOf(folder)).data().toString(),
                 QStringLiteral("📁 photos (%1)").arg(QLocale().formattedDataSize(2048)));
    const QString sent = m_page->offerPaths({plan});
    QTRY_COMPARE(stateOf(sent), ConversationModel::FileState::Queued);
    QCOMPARE(model->index(model->rowOf(sent)).data().toString(),
             QStringLiteral("📎 plan.txt (%1)").arg(QLocale().formattedDataSize(11)));
    // Its menu has no words to copy; Cancel sending takes it out of the queue.
    QStringList offered;
    QTimer::singleShot(0, this, [&offered] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        for (QAction *action : menu->actions()) {
            offered << action->text();
            if (action->text() == QStringLiteral("Cancel sending"))
                action->trigger();
        }
        menu->close();
    });
    emit m_page->view()->customContextMenuRequested(bubbleCenter(sent));
    QVERIFY2(!offered.contains(QStringLiteral("Copy text")), qPrintable(offered.join(',')));
    QVERIFY2(offered.contains(QStringLiteral("Cancel sending")), qPrintable(offered.join(',')));
    // Cancelled by us: grey and plain "cancelled", not a red "✗ failed / Cancelled".
    QTRY_COMPARE(stateOf(sent), ConversationModel::FileState::Cancelled);
    const QModelIndex bubble = model->index(model->rowOf(sent));
    QVERIFY2(BubbleDelegate::metaText(bubble).endsWith(QStringLiteral("cancelled")),
             qPrintable(BubbleDelegate::metaText(bubble)));
    QVERIFY(BubbleDelegate::reasonText(bubble).isEmpty());
    // A message's menu still copies its words.
    offered.clear();
    m_page->sendText(QStringLiteral("later then"));
    QTRY_VERIFY(model->rowCount() == 4);
    QTimer::singleShot(0, this, [&offered] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        for (QAction *action : menu->actions())
            offered << action->text();
        menu->close();
    });
    emit m_page->view()->customContextMenuRequested(
        bubbleCenter(model->index(3).data(ConversationModel::IdRole).toString()));
    QVERIFY2(offered.contains(QStringLiteral("Copy text")), qPrintable(offered.join(',')));
}

QTEST_MAIN(TestChatPage)
#include "tst_chatpage.moc"
