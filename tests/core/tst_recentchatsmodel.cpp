// Recent chats: newest first, moved up by new messages, unread counts, and kept when the peer
// leaves; checked by QAbstractItemModelTester on every change.
#include "models/peermodel.h"
#include "models/recentchatsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace lanpigeon;

namespace {
ChatMessage message(const QString &peerId, const QString &nick, const QString &text, qint64 ts,
                    Direction d = Direction::Incoming)
{
    ChatMessage m;
    m.id = QStringLiteral("%1-%2").arg(peerId).arg(ts);
    m.peerId = peerId;
    m.peerNick = nick;
    m.text = text;
    m.timestampMs = ts;
    m.direction = d;
    return m;
}

Peer peer(const QString &id, const QString &nick)
{
    Peer p;
    p.id = id;
    p.nick = nick;
    return p;
}

QStringList order(const RecentChatsModel &model)
{
    QStringList ids;
    for (int i = 0; i < model.rowCount(); ++i)
        ids << model.index(i).data(RecentChatsModel::PeerIdRole).toString();
    return ids;
}
} // namespace

class TestRecentChatsModel final : public QObject
{
    Q_OBJECT

private slots:
    void historyThenLiveMessages();
    void unreadCountsAndTheNewest();
    void ourAutoReplyKeepsWhatTheyWrote();
    void peersComeAndGo();
    void groupChatsHaveRowsOfTheirOwn();
    void aPersonsMovedChatIsOneRow();
    void aMessageSentAgainDoesNotTakeThePreview();
    void offersShowWhatTheyCarry();
};

void TestRecentChatsModel::historyThenLiveMessages()
{
    PeerModel peers;
    RecentChatsModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // History may come in any order; the list is newest first.
    model.addHistory(
        {message(QStringLiteral("a"), QStringLiteral("Ann"), QStringLiteral("old"), 100),
         message(QStringLiteral("c"), QStringLiteral("Cai"), QStringLiteral("new"), 300),
         message(QStringLiteral("b"), QStringLiteral("Bo"), QStringLiteral("mid"), 200)});
    QCOMPARE(order(model), (QStringList{"c", "b", "a"}));
    QCOMPARE(model.index(0).data(RecentChatsModel::NameRole).toString(), QStringLiteral("Cai"));
    // A live message moves its conversation to the top, whoever sent it.
    model.addMessage(
        message(QStringLiteral("a"), QString(), QStringLiteral("back"), 400, Direction::Outgoing));
    QCOMPARE(order(model), (QStringList{"a", "c", "b"}));
    QCOMPARE(model.index(0).data(RecentChatsModel::NameRole).toString(), QStringLiteral("Ann"));
    QCOMPARE(model.index(0).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("Me: back"));
    // History that arrives late does not overwrite what is newer.
    model.addHistory(
        {message(QStringLiteral("a"), QStringLiteral("Ann"), QStringLiteral("old"), 100)});
    QCOMPARE(model.index(0).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("Me: back"));
    // Sealed words are not given away; long ones are cut to one line.
    ChatMessage sealed =
        message(QStringLiteral("d"), QStringLiteral("Di"), QStringLiteral("pin 1234"), 500);
    sealed.sealed = true;
    model.addMessage(sealed);
    QVERIFY(!model.index(0)
                 .data(RecentChatsModel::PreviewRole)
                 .toString()
                 .contains(QStringLiteral("1234")));
    model.addMessage(message(QStringLiteral("e"), QStringLiteral("Ed"),
                             QString(200, QLatin1Char('x')) + QStringLiteral("\nline two"), 600));
    const QString preview = model.index(0).data(RecentChatsModel::PreviewRole).toString();
    QVERIFY(preview.size() <= 80);
    QVERIFY(!preview.contains(QLatin1Char('\n')));
}

void TestRecentChatsModel::unreadCountsAndTheNewest()
{
    PeerModel peers;
    RecentChatsModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &RecentChatsModel::unreadChanged);
    model.addMessage(message(QStringLiteral("a"), QStringLiteral("Ann"), QStringLiteral("1"), 100));
    model.addUnread(QStringLiteral("a"));
    model.addMessage(message(QStringLiteral("b"), QStringLiteral("Bo"), QStringLiteral("2"), 200));
    model.addUnread(QStringLiteral("b"), 2);
    QCOMPARE(model.unreadTotal(), 3);
    QCOMPARE(model.unread(QStringLiteral("b")), 2);
    QVERIFY(model.newestUnread() == ChatKey::peer(QStringLiteral("b")));
    model.clearUnread(QStringLiteral("b"));
    QCOMPARE(model.unreadTotal(), 1);
    QVERIFY(model.newestUnread() == ChatKey::peer(QStringLiteral("a")));
    model.clearUnread(QStringLiteral("a"));
    QVERIFY(model.newestUnread().isNull());
    QCOMPARE(changed.size(), 4);
    // Clearing what is clear says nothing.
    model.clearUnread(QStringLiteral("a"));
    QCOMPARE(changed.size(), 4);
}

void TestRecentChatsModel::ourAutoReplyKeepsWhatTheyWrote()
{
    PeerModel peers;
    RecentChatsModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addMessage(
        message(QStringLiteral("a"), QStringLiteral("Ann"), QStringLiteral("lunch?"), 100));
    ChatMessage reply = message(QStringLiteral("a"), QStringLiteral("Ann"),
                                QStringLiteral("at lunch, back 13:30"), 101, Direction::Outgoing);
    reply.autoReply = true;
    model.addMessage(reply);
    QCOMPARE(model.index(0).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("lunch?"));
    // Our own words still show.
    model.addMessage(message(QStringLiteral("a"), QStringLiteral("Ann"), QStringLiteral("back!"),
                             102, Direction::Outgoing));
    QCOMPARE(model.index(0).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("Me: back!"));
}

void TestRecentChatsModel::peersComeAndGo()
{
    PeerModel peers;
    RecentChatsModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    peers.upsert(peer(QStringLiteral("a"), QStringLiteral("Ann")));
    model.touch(QStringLiteral("a"), QStringLiteral("Ann"));
    QVERIFY(model.index(0).data(RecentChatsModel::OnlineRole).toBool());
    // A new nick shows at once; after the peer leaves, the last one stays.
    peers.upsert(peer(QStringLiteral("a"), QStringLiteral("Annie")));
    QCOMPARE(model.index(0).data(RecentChatsModel::NameRole).toString(), QStringLiteral("Annie"));
    QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
    peers.remove(QStringLiteral("a"));
    QCOMPARE(dataChanged.size(), 1);
    QVERIFY(!model.index(0).data(RecentChatsModel::OnlineRole).toBool());
    QCOMPARE(model.index(0).data(RecentChatsModel::NameRole).toString(), QStringLiteral("Annie"));
    QCOMPARE(model.name(QStringLiteral("unknown")), QStringLiteral("unknown"));
}

void TestRecentChatsModel::groupChatsHaveRowsOfTheirOwn()
{
    PeerModel peers;
    peers.upsert(peer(QStringLiteral("w"), QStringLiteral("小王")));
    RecentChatsModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const RoomId id = RoomId::generate();
    // A peer whose id is the room's own spelling still gets a chat of its own.
    const QString lookalike = id.toString();
    model.addMessage(message(lookalike, QStringLiteral("Twin"), QStringLiteral("1:1"), 100));
    ChatMessage said =
        message(QStringLiteral("w"), QStringLiteral("小王"), QStringLiteral("hi all"), 200);
    said.roomId = id;
    model.addMessage(said);
    QCOMPARE(model.rowCount(), 2);
    const ChatKey room = ChatKey::room(id);
    QCOMPARE(model.rowOf(room), 0);
    QCOMPARE(model.rowOf(lookalike), 1);
    // Not the sender's one-to-one chat.
    QCOMPARE(model.rowOf(QStringLiteral("w")), -1);
    const QModelIndex row = model.indexOf(room);
    QVERIFY(row.data(RecentChatsModel::IsRoomRole).toBool());
    QVERIFY(row.data(RecentChatsModel::PeerIdRole).toString().isEmpty());
    QVERIFY(row.data(RecentChatsModel::KeyRole).value<ChatKey>() == room);
    QCOMPARE(row.data(RecentChatsModel::PreviewRole).toString(), QStringLiteral("小王: hi all"));
    // Named once the room is known; never offline.
    QCOMPARE(model.name(room), QStringLiteral("Group chat"));
    Room r;
    r.id = id;
    r.name = QStringLiteral("Project");
    model.setRoom(r);
    QCOMPARE(row.data(RecentChatsModel::NameRole).toString(), QStringLiteral("Project"));
    QVERIFY(row.data(RecentChatsModel::OnlineRole).toBool());
    // Unread counts stay apart.
    model.addUnread(room, 2);
    model.addUnread(lookalike);
    QCOMPARE(model.unread(room), 2);
    QCOMPARE(model.unread(lookalike), 1);
    QVERIFY(model.newestUnread() == room);
    // A notice previews in the reader's words, from its kind.
    ChatMessage notice =
        message(QStringLiteral("w"), QStringLiteral("小王"), QStringLiteral("x"), 300);
    notice.roomId = id;
    notice.notice = RoomNotice{RoomNotice::Kind::Left, QStringLiteral("小王"), {}};
    model.addMessage(notice);
    QCOMPARE(model.indexOf(room).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("小王 left the group chat"));
    model.remove(room);
    QCOMPARE(model.rowOf(room), -1);
    QCOMPARE(model.unreadTotal(), 1);
}

void TestRecentChatsModel::aPersonsMovedChatIsOneRow()
{
    PeerModel peers;
    RecentChatsModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addHistory(
        {message(QStringLiteral("old"), QStringLiteral("Ann"), QStringLiteral("hi"), 100),
         message(QStringLiteral("bob"), QStringLiteral("Bob"), QStringLiteral("yo"), 200)});
    model.addUnread(QStringLiteral("old"), 2);
    QSignalSpy unread(&model, &RecentChatsModel::unreadChanged);
    // Ann is at a new address, with no row there yet: hers moves along, counts and all.
    model.move(QStringLiteral("old"), QStringLiteral("new"));
    QCOMPARE(order(model), (QStringList{QStringLiteral("bob"), QStringLiteral("new")}));
    QCOMPARE(model.unread(QStringLiteral("new")), 2);
    QCOMPARE(model.name(QStringLiteral("new")), QStringLiteral("Ann"));
    QCOMPARE(unread.size(), 1);

    // Both listed (she wrote from the new address before the move): one row, the newer words
    // where the newer was, both counts.
    model.addMessage(
        message(QStringLiteral("newer"), QStringLiteral("Ann"), QStringLiteral("back"), 300));
    model.addUnread(QStringLiteral("newer"), 1);
    model.addHistory(
        {message(QStringLiteral("older"), QStringLiteral("Ann"), QStringLiteral("before"), 50)});
    model.addUnread(QStringLiteral("older"), 3);
    QCOMPARE(order(model), (QStringList{QStringLiteral("newer"), QStringLiteral("bob"),
                                        QStringLiteral("new"), QStringLiteral("older")}));
    model.move(QStringLiteral("newer"), QStringLiteral("new"));
    QCOMPARE(order(model),
             (QStringList{QStringLiteral("new"), QStringLiteral("bob"), QStringLiteral("older")}));
    QCOMPARE(model.unread(QStringLiteral("new")), 3);
    QCOMPARE(model.index(0).data(RecentChatsModel::PreviewRole).toString(), QStringLiteral("back"));
    model.move(QStringLiteral("older"), QStringLiteral("new"));
    QCOMPARE(order(model), (QStringList{QStringLiteral("new"), QStringLiteral("bob")}));
    QCOMPARE(model.unread(QStringLiteral("new")), 6);
    QCOMPARE(model.unreadTotal(), 6);
    QCOMPARE(model.index(0).data(RecentChatsModel::PreviewRole).toString(), QStringLiteral("back"));
}

void TestRecentChatsModel::aMessageSentAgainDoesNotTakeThePreview()
{
    // A group chat's "ok" waited for Dave; 小王 wrote after it; Dave came back and "ok" went
    // to him at last, as the same message in the same history row. The row said "Me: ok".
    PeerModel peers;
    RecentChatsModel model(&peers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const RoomId room = RoomId::generate();
    ChatMessage ok = message(QStringLiteral("dave"), QStringLiteral("Dave"), QStringLiteral("ok"),
                             100, Direction::Outgoing);
    ok.roomId = room;
    ok.rowId = 11;
    ChatMessage later =
        message(QStringLiteral("wang"), QStringLiteral("小王"), QStringLiteral("later"), 200);
    later.roomId = room;
    later.rowId = 12;
    // A one-to-one chat with its own rows, for the order.
    ChatMessage bob =
        message(QStringLiteral("bob"), QStringLiteral("Bob"), QStringLiteral("hi"), 150);
    bob.rowId = 13;
    model.addHistory({ok, later, bob});
    const ChatKey key = ChatKey::room(room);
    QCOMPARE(model.index(model.rowOf(key)).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("小王: later"));
    // Sent at last: stored again with the time it went.
    ok.timestampMs = 300;
    ok.state = DeliveryState::Sending;
    model.addMessage(ok);
    QCOMPARE(model.index(model.rowOf(key)).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("小王: later"));
    QCOMPARE(model.index(model.rowOf(key)).data(RecentChatsModel::TimeRole).toDateTime(),
             QDateTime::fromMSecsSinceEpoch(200));
    QCOMPARE(order(model), (QStringList{QString(), "bob"}));
    // A new message, in a newer row, does.
    ChatMessage next = message(QStringLiteral("dave"), QStringLiteral("Dave"),
                               QStringLiteral("next"), 400, Direction::Outgoing);
    next.roomId = room;
    next.rowId = 20;
    model.addMessage(next);
    QCOMPARE(model.index(model.rowOf(key)).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("Me: next"));
    // Live messages after it, even a message that was not stored (no row), still do.
    ChatMessage live =
        message(QStringLiteral("wang"), QStringLiteral("小王"), QStringLiteral("live"), 500);
    live.roomId = room;
    model.addMessage(live);
    QCOMPARE(model.index(model.rowOf(key)).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("小王: live"));
}

void TestRecentChatsModel::offersShowWhatTheyCarry()
{
    PeerModel peers;
    RecentChatsModel model(&peers);
    // Ours: the names come with Messenger::filesOffered(), then the wordless message.
    const auto sent = [&model](const QString &id, const QList<OfferItem> &items) {
        if (!items.isEmpty())
            model.noteSentOffer(id, items);
        ChatMessage m = message(QStringLiteral("a"), QStringLiteral("Ann"), QString(), 100,
                                Direction::Outgoing);
        m.id = id;
        model.addMessage(m);
        return model.index(model.rowOf(QStringLiteral("a")))
            .data(RecentChatsModel::PreviewRole)
            .toString();
    };
    const OfferItem report{0, QStringLiteral("report.txt"), 11, 0, false};
    const OfferItem notes{1, QStringLiteral("notes.txt"), 5, 0, false};
    const OfferItem photos{2, QStringLiteral("photos"), 0, 0, true};
    QCOMPARE(sent(QStringLiteral("o1"), {report}), QStringLiteral("📎 report.txt"));
    QCOMPARE(sent(QStringLiteral("o2"), {report, notes, photos}),
             QStringLiteral("📎 report.txt and 2 more"));
    QCOMPARE(sent(QStringLiteral("o3"), {photos}), QStringLiteral("📁 photos"));
    // Not known (an offer from before a restart): what it is, at least.
    QCOMPARE(sent(QStringLiteral("o4"), {}), QStringLiteral("📎 Files"));
    // Theirs: from the offer itself, a folder as a folder.
    FileOffer offer;
    offer.peerId = QStringLiteral("b");
    offer.peerNick = QStringLiteral("Bo");
    offer.items = {photos};
    model.addOffer(offer);
    QCOMPARE(model.index(0).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("📁 photos"));
    offer.items = {report, photos};
    offer.message = QStringLiteral("for you");
    model.addOffer(offer);
    QCOMPARE(model.index(0).data(RecentChatsModel::PreviewRole).toString(),
             QStringLiteral("📎 report.txt and 1 more: for you"));
}

QTEST_MAIN(TestRecentChatsModel)
#include "tst_recentchatsmodel.moc"
