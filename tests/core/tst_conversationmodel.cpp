// A conversation model: pages of history prepended, live messages appended, states updated.
#include "models/conversationmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace lanpigeon;

namespace {
ChatMessage message(const QString &id, qint64 rowId, const QString &text,
                    Direction d = Direction::Incoming)
{
    ChatMessage m;
    m.id = id;
    m.peerId = QStringLiteral("10.0.0.1:2425");
    m.text = text;
    m.rowId = rowId;
    m.direction = d;
    m.state = d == Direction::Outgoing ? DeliveryState::Sending : DeliveryState::Received;
    return m;
}
} // namespace

class TestConversationModel final : public QObject
{
    Q_OBJECT

private slots:
    void pagesAskedForAsTheViewScrollsUp();
    void liveMessagesAndStates();
    void picturesArriveOneByOne();
};

void TestConversationModel::pagesAskedForAsTheViewScrollsUp()
{
    ConversationModel model(QStringLiteral("10.0.0.1:2425"));
    QSignalSpy wanted(&model, &ConversationModel::olderWanted);
    QVERIFY(model.canLoadOlder());
    model.loadOlder();
    QCOMPARE(wanted.size(), 1);
    QCOMPARE(wanted.last().at(0).toLongLong(), 0);
    // No second request while one is under way.
    QVERIFY(!model.canLoadOlder());
    model.addOlder({message(QStringLiteral("c"), 30, QStringLiteral("three")),
                    message(QStringLiteral("d"), 40, QStringLiteral("four"))},
                   true);
    QCOMPARE(model.rowCount(), 2);
    // Views and the tester call fetchMore() on their own: it must not load history.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(wanted.size(), 1);
    model.loadOlder();
    QCOMPARE(wanted.last().at(0).toLongLong(), 30);
    model.addOlder({message(QStringLiteral("a"), 10, QStringLiteral("one")),
                    message(QStringLiteral("b"), 20, QStringLiteral("two"))},
                   false);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("one"));
    QCOMPARE(model.index(3).data().toString(), QStringLiteral("four"));
    QCOMPARE(model.rowOf(QStringLiteral("d")), 3);
    // History exhausted: no more requests.
    QVERIFY(!model.canLoadOlder());
}

void TestConversationModel::liveMessagesAndStates()
{
    ConversationModel model(QStringLiteral("10.0.0.1:2425"));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addOrUpdate(message(QStringLiteral("x"), 0, QStringLiteral("hi"), Direction::Outgoing));
    QCOMPARE(model.index(0).data(ConversationModel::StateRole).toInt(),
             int(DeliveryState::Sending));
    model.setState(QStringLiteral("x"), DeliveryState::Delivered, {});
    QCOMPARE(model.index(0).data(ConversationModel::StateRole).toInt(),
             int(DeliveryState::Delivered));
    // The stored copy arriving late does not undo the delivery.
    model.addOrUpdate(message(QStringLiteral("x"), 5, QStringLiteral("hi"), Direction::Outgoing));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(ConversationModel::StateRole).toInt(),
             int(DeliveryState::Delivered));
    model.setState(QStringLiteral("x"), DeliveryState::Failed, QStringLiteral("no answer"));
    QCOMPARE(model.index(0).data(ConversationModel::ErrorRole).toString(),
             QStringLiteral("no answer"));
    // A history page holding a message already shown does not show it twice.
    model.addOlder({message(QStringLiteral("w"), 4, QStringLiteral("before")),
                    message(QStringLiteral("x"), 5, QStringLiteral("hi"))},
                   false);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("before"));
    QCOMPARE(model.rowOf(QStringLiteral("x")), 1);
}

void TestConversationModel::picturesArriveOneByOne()
{
    ConversationModel model(QStringLiteral("10.0.0.1:2425"));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ChatMessage m = message(QStringLiteral("p"), 0, QStringLiteral("ab"));
    m.pictures = {ChatPicture{1, {}, PictureState::Arriving, {}},
                  ChatPicture{3, {}, PictureState::Arriving, {}}};
    model.addOrUpdate(m);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QString sha(64, QLatin1Char('a'));
    // The position is the sender's: a report without one keeps it.
    model.setPicture(QStringLiteral("p"), 1, ChatPicture{0, sha, PictureState::Ready, {}});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.last().at(2).value<QList<int>>(), QList<int>{ConversationModel::PicturesRole});
    model.setPicture(QStringLiteral("p"), 0,
                     ChatPicture{0, {}, PictureState::Failed, QStringLiteral("too large")});
    // The same report again, a picture it does not have, a message it does not know: nothing.
    model.setPicture(QStringLiteral("p"), 0,
                     ChatPicture{1, {}, PictureState::Failed, QStringLiteral("too large")});
    model.setPicture(QStringLiteral("p"), 2, ChatPicture{});
    model.setPicture(QStringLiteral("nope"), 0, ChatPicture{});
    QCOMPARE(changed.size(), 2);
    const auto pictures =
        model.index(0).data(ConversationModel::PicturesRole).value<QList<ChatPicture>>();
    QCOMPARE(pictures.size(), 2);
    QCOMPARE(pictures.at(0).state, PictureState::Failed);
    QCOMPARE(pictures.at(0).error, QStringLiteral("too large"));
    QCOMPARE(pictures.at(0).position, 1);
    QCOMPARE(pictures.at(1).state, PictureState::Ready);
    QCOMPARE(pictures.at(1).sha256, sha);
    QCOMPARE(pictures.at(1).position, 3);
}

QTEST_GUILESS_MAIN(TestConversationModel)
#include "tst_conversationmodel.moc"
