// What the window shows of encryption, on the offscreen platform: the lock in a chat's header
// and tab (closed, open, verified, warning), the small lock in encrypted bubbles, the band in an
// unverified message, the banner while a key has changed, the security dialog with both
// fingerprints, and the Privacy part of the settings; readable in light and dark palettes.
#include "bubbledelegate.h"
#include "chatpage.h"
#include "chatwindow.h"
#include "mainwindow.h"
#include "messageinput.h"
#include "messenger.h"
#include "models/conversationmodel.h"
#include "models/peermodel.h"
#include "models/recentchatsmodel.h"
#include "peerpicker.h"
#include "pixelcheck.h"
#include "profile/profilesettings.h"
#include "securitydialog.h"
#include "securitymark.h"
#include "settingsdialog.h"
#include "theme.h"
#include "windowtestnode.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFrame>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>

#include <map>
#include <memory>

using namespace lanpigeon;
using namespace lanpigeon::ui;
using lanpigeon::test::groundAndInk;

namespace {
// Not the other window tests' ports: they may run at the same time.
constexpr quint16 Port = 34301;
const QString Me = QStringLiteral("127.0.0.1");
const QString Them = QStringLiteral("127.0.0.2");
// Peers the tests make up: nobody answers on 127.0.0.9.
const QString FakeId = QStringLiteral("127.0.0.9:34301");

crypto::Fingerprint fingerprint(char fill)
{
    return crypto::Fingerprint{QByteArray(32, fill)};
}

Peer peer(bool canEncrypt, crypto::KeyTrust trust)
{
    Peer p;
    p.id = FakeId;
    p.address = QHostAddress(QStringLiteral("127.0.0.9"));
    p.port = Port;
    p.nick = QStringLiteral("小王");
    p.user = QStringLiteral("wang");
    p.host = QStringLiteral("pc7");
    p.kind = canEncrypt ? ipmsg::ClientKind::LanPigeon : ipmsg::ClientKind::Iptux;
    p.canEncrypt = canEncrypt;
    p.key.trust = trust;
    if (trust != crypto::KeyTrust::Unknown) {
        p.key.pinned = fingerprint('\x3f');
        p.key.current =
            trust == crypto::KeyTrust::Changed ? fingerprint('\x5a') : fingerprint('\x3f');
        p.key.encryptedBefore = true;
    }
    return p;
}

ChatMessage message(const QString &id, bool encrypted, Authenticity authenticity,
                    SecurityWarning warning = SecurityWarning::None)
{
    ChatMessage m;
    m.id = id;
    m.peerId = FakeId;
    m.peerNick = QStringLiteral("小王");
    m.direction = Direction::Incoming;
    m.state = DeliveryState::Received;
    m.text = warning == SecurityWarning::Undecryptable ? QString() : QStringLiteral("hello ") + id;
    m.encrypted = encrypted;
    m.authenticity = authenticity;
    m.warning = warning;
    m.timestampMs = QDateTime::currentMSecsSinceEpoch();
    return m;
}

// The pixels of a mark's icon that are not transparent, by colour.
std::map<QRgb, int> inkOf(const QIcon &icon)
{
    const QImage image = icon.pixmap(16, 16).toImage().convertToFormat(QImage::Format_ARGB32);
    std::map<QRgb, int> ink;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QRgb px = image.pixel(x, y);
            if (qAlpha(px) == 255)
                ++ink[px];
        }
    }
    return ink;
}

QPalette lightPalette()
{
    return QPalette(QColor(0xef, 0xef, 0xef));
}

// Stands in for the Chinese catalogue: every bubble text it is asked for comes back marked, so
// a text that went through tr() shows it and one stored in history does not.
class MarkingTranslator final : public QTranslator
{
public:
    static constexpr char Mark[] = "译:";

    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        Q_UNUSED(disambiguation);
        Q_UNUSED(n);
        if (qstrcmp(context, "lanpigeon::ui::BubbleDelegate") != 0)
            return {};
        return QString::fromUtf8(Mark) + QString::fromUtf8(sourceText);
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestSecurity final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void headerAndTabShowTheLock();
    void lockStaysWhileThePeerIsOffline();
    void encryptedBubblesCarryALock();
    void unverifiedMessagesSayWhy_data();
    void unverifiedMessagesSayWhy();
    void warningsReadInLightAndDark();
    void changedKeyShowsABannerUntilVerified();
    void securityDialogShowsBothFingerprints();
    void settingsPrivacyPart();
    void notEncryptedFailureSaysWhatToDo();
    void plainTextRefusedIsSaidBeforeSending();
    void noteOpensThePrivacySettings();
    void securityDialogGrowsWhenVerified();
    void failureReasonsAreInTheUiLanguage_data();
    void failureReasonsAreInTheUiLanguage();
    void realPeerWhoseKeyChanges();
    void buddyListOpensTheSecurityDialog();
    void buddyListShowsAChangedKey();
    void pickersShowAChangedKey();

private:
    ChatPage *openPage(const QString &peerId = FakeId);
    // A real LanPigeon on 127.0.0.2 as wang@pc7, its profile (and key) in profile.
    Messenger *startPeer(const QString &profile);

    std::unique_ptr<QTemporaryDir> m_dir;
    Messenger *m_me = nullptr;
    // The page in its window, as the main window makes it: the window follows the peer model.
    RecentChatsModel *m_recent = nullptr;
    ChatWindow *m_window = nullptr;
    ChatPage *m_page = nullptr;
};

void TestSecurity::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_me = new Messenger(test::windowTestNode(Me, Port, QStringLiteral("Me"), QStringLiteral("Dev"),
                                              Them, m_dir->filePath(QStringLiteral("me"))));
    QSignalSpy started(m_me, &Messenger::started);
    m_me->start();
    QVERIFY(started.wait(20000));
}

void TestSecurity::cleanup()
{
    delete m_window;
    m_window = nullptr;
    m_page = nullptr;
    delete m_recent;
    m_recent = nullptr;
    delete m_me;
    m_me = nullptr;
    m_dir.reset();
}

ChatPage *TestSecurity::openPage(const QString &peerId)
{
    m_recent = new RecentChatsModel(m_me->peerModel());
    m_window = new ChatWindow(m_me, m_recent);
    m_window->resize(600, 500);
    m_page = m_window->open(peerId, ChatWindow::Focus::Take);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window))
        return nullptr;
    return m_page;
}

void TestSecurity::headerAndTabShowTheLock()
{
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Pinned));
    ChatPage *page = openPage();
    QVERIFY(page);
    QToolButton *lock = page->lockButton();
    QCOMPARE(page->securityMark(), SecurityMark::Mark::Closed);
    QVERIFY(!lock->isHidden());
    QVERIFY(lock->toolTip().contains(QStringLiteral("encrypted")));
    const std::map<QRgb, int> closed = inkOf(lock->icon());
    QVERIFY(!closed.empty());
    // Green: what encrypted looks like, whatever the theme.
    const QColor ground = lock->palette().color(QPalette::Window);
    QVERIFY(closed.count(
        SecurityMark::color(SecurityMark::Mark::Closed, lock->palette(), ground).rgb()));
    QTabWidget *tabs = m_window->tabs();
    const int tab = tabs->indexOf(page);
    QVERIFY(!tabs->tabIcon(tab).isNull());
    QVERIFY(tabs->tabToolTip(tab).contains(QStringLiteral("encrypted")));
    const std::map<QRgb, int> tabClosed = inkOf(tabs->tabIcon(tab));

    // iptux cannot encrypt: an open lock, in grey, and words saying so.
    m_me->peerModel()->upsert(peer(false, crypto::KeyTrust::Unknown));
    QCOMPARE(page->securityMark(), SecurityMark::Mark::Open);
    QVERIFY(lock->toolTip().contains(QStringLiteral("cannot encrypt")));
    QVERIFY(lock->toolTip().contains(QStringLiteral("clear text")));
    QVERIFY(tabs->tabToolTip(tab).contains(QStringLiteral("cannot encrypt")));
    const std::map<QRgb, int> open = inkOf(lock->icon());
    QVERIFY(!open.empty());
    QVERIFY(open != closed);
    QVERIFY(inkOf(tabs->tabIcon(tab)) != tabClosed);
    QVERIFY(!open.count(
        SecurityMark::color(SecurityMark::Mark::Closed, lock->palette(), ground).rgb()));

    // Compared by voice: the lock with a check.
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Verified));
    QCOMPARE(page->securityMark(), SecurityMark::Mark::Verified);
    QVERIFY(lock->toolTip().contains(QStringLiteral("verified")));
    const std::map<QRgb, int> verified = inkOf(lock->icon());
    QVERIFY(verified != closed && verified != open);

    // Each mark stands out from where it is drawn, light or dark.
    for (const QPalette &palette : {lightPalette(), theme::darkPalette()}) {
        const QColor ground = palette.color(QPalette::Window);
        for (auto mark : {SecurityMark::Mark::Open, SecurityMark::Mark::Closed,
                          SecurityMark::Mark::Verified, SecurityMark::Mark::Warning})
            QVERIFY(theme::contrast(SecurityMark::color(mark, palette, ground), ground) >=
                    theme::ReadableContrast);
    }
}

void TestSecurity::lockStaysWhileThePeerIsOffline()
{
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Pinned));
    QVERIFY(openPage());
    // A page made in the background shows its lock in its header, not as a window of its own
    // that would take the keyboard from the chat in front.
    Peer other = peer(false, crypto::KeyTrust::Unknown);
    other.id = QStringLiteral("127.0.0.8:34301");
    other.address = QHostAddress(QStringLiteral("127.0.0.8"));
    m_me->peerModel()->upsert(other);
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_page->input()));
    QVERIFY(m_window->open(other.id, ChatWindow::Focus::Leave));
    QTest::qWait(50);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_page->input()));
    QCOMPARE(QApplication::activeWindow(), m_window);
    QCOMPARE(m_page->securityMark(), SecurityMark::Mark::Closed);
    m_me->peerModel()->remove(FakeId);
    QCOMPARE(m_page->securityMark(), SecurityMark::Mark::Closed);
    QVERIFY(!m_page->lockButton()->isHidden());
}

void TestSecurity::encryptedBubblesCarryALock()
{
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Pinned));
    QVERIFY(openPage());
    m_page->addMessage(message(QStringLiteral("plain"), false, Authenticity::Unsigned));
    m_page->addMessage(message(QStringLiteral("sealed"), true, Authenticity::Verified));
    QListView *view = m_page->view();
    auto *delegate = qobject_cast<BubbleDelegate *>(view->itemDelegate());
    QVERIFY(delegate);
    ConversationModel *model = m_page->model();
    QTRY_COMPARE(model->rowCount(), 2);
    const QModelIndex plain = model->index(model->rowOf(QStringLiteral("plain")));
    const QModelIndex encrypted = model->index(model->rowOf(QStringLiteral("sealed")));
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = view->visualRect(encrypted);
    const QRectF lock = delegate->lockRect(option, encrypted);
    QVERIFY(!lock.isEmpty());
    option.rect = view->visualRect(plain);
    QVERIFY(delegate->lockRect(option, plain).isEmpty());
    // Neither is a warning: no band.
    QVERIFY(delegate->warningRect(option, plain).isEmpty());
    option.rect = view->visualRect(encrypted);
    QVERIFY(delegate->warningRect(option, encrypted).isEmpty());

    // Drawn: the lock's square holds ink that stands out from the bubble.
    const QImage shot = view->viewport()->grab().toImage();
    const auto [ground, ink] = groundAndInk(shot, lock.toAlignedRect());
    QVERIFY2(ink >= 2.5, qPrintable(QString::number(ink)));
}

void TestSecurity::unverifiedMessagesSayWhy_data()
{
    QTest::addColumn<int>("warning");
    QTest::addColumn<bool>("encrypted");
    QTest::addColumn<QString>("words");
    QTest::newRow("key changed") << int(SecurityWarning::KeyChanged) << true
                                 << QStringLiteral("other than the one remembered");
    QTest::newRow("bad signature")
        << int(SecurityWarning::BadSignature) << true << QStringLiteral("signature does not match");
    QTest::newRow("not signed") << int(SecurityWarning::NotSigned) << true
                                << QStringLiteral("not signed");
    QTest::newRow("downgrade") << int(SecurityWarning::Downgrade) << false
                               << QStringLiteral("clear text");
    QTest::newRow("undecryptable")
        << int(SecurityWarning::Undecryptable) << true << QStringLiteral("could not be decrypted");
}

void TestSecurity::unverifiedMessagesSayWhy()
{
    QFETCH(int, warning);
    QFETCH(bool, encrypted);
    QFETCH(QString, words);
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Pinned));
    QVERIFY(openPage());
    m_page->addMessage(message(QStringLiteral("odd"), encrypted, Authenticity::Unverified,
                               SecurityWarning(warning)));
    ConversationModel *model = m_page->model();
    QTRY_COMPARE(model->rowCount(), 1);
    const QModelIndex index = model->index(0);
    QVERIFY2(BubbleDelegate::warningText(index).contains(words, Qt::CaseInsensitive),
             qPrintable(BubbleDelegate::warningText(index)));
    if (SecurityWarning(warning) != SecurityWarning::Undecryptable)
        QVERIFY(BubbleDelegate::warningText(index).contains(QStringLiteral("小王")));
    QListView *view = m_page->view();
    auto *delegate = qobject_cast<BubbleDelegate *>(view->itemDelegate());
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = view->visualRect(index);
    const QRectF band = delegate->warningRect(option, index);
    QVERIFY(!band.isEmpty());
    // A band that reads: several words a line, not a ribbon of single letters.
    QVERIFY(band.width() >= 200);
    const QImage shot = view->viewport()->grab().toImage();
    const auto [ground, ink] = groundAndInk(shot, band.toAlignedRect().adjusted(2, 2, -2, -2));
    QCOMPARE(ground.rgb(), BubbleDelegate::warningFill(view->palette()).rgb());
    QVERIFY2(ink >= theme::ReadableContrast, qPrintable(QString::number(ink)));
}

void TestSecurity::warningsReadInLightAndDark()
{
    for (const QPalette &palette : {lightPalette(), theme::darkPalette()}) {
        QVERIFY(theme::contrast(BubbleDelegate::warningInk(palette),
                                BubbleDelegate::warningFill(palette)) >= theme::ReadableContrast);
    }
    // The banner, in the window's palette under both.
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Changed));
    QVERIFY(openPage());
    for (const QPalette &palette : {lightPalette(), theme::darkPalette()}) {
        m_window->setPalette(palette);
        QApplication::processEvents();
        QFrame *banner = m_page->keyBanner();
        QVERIFY(banner->isVisible());
        const QPalette shown = m_page->keyBannerText()->palette();
        QVERIFY(theme::contrast(shown.color(QPalette::WindowText),
                                banner->palette().color(QPalette::Window)) >=
                theme::ReadableContrast);
        const QImage shot = banner->grab().toImage();
        const auto [ground, ink] = groundAndInk(shot, m_page->keyBannerText()->geometry());
        QCOMPARE(ground.rgb(), banner->palette().color(QPalette::Window).rgb());
        QVERIFY2(ink >= theme::ReadableContrast, qPrintable(QString::number(ink)));
        // The header's and the tab's marks are tinted again for this palette.
        const QRgb warning = SecurityMark::color(SecurityMark::Mark::Warning, palette,
                                                 palette.color(QPalette::Window))
                                 .rgb();
        QVERIFY(inkOf(m_page->lockButton()->icon()).count(warning));
        QVERIFY(inkOf(m_window->tabs()->tabIcon(0)).count(warning));
    }
}

void TestSecurity::changedKeyShowsABannerUntilVerified()
{
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Pinned));
    QVERIFY(openPage());
    QVERIFY(!m_page->keyBanner()->isVisible());
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Changed));
    QVERIFY(m_page->keyBanner()->isVisible());
    QCOMPARE(m_page->keyBannerText()->text(),
             QStringLiteral("<b>The key of 小王's login and computer name has changed.</b> It "
                            "may be someone else. Compare fingerprints before trusting new "
                            "messages."));
    QCOMPARE(m_page->securityMark(), SecurityMark::Mark::Warning);
    QVERIFY(m_page->lockButton()->toolTip().contains(
        QStringLiteral("key of 小王's login and computer name has changed")));
    // It does not go by itself: not when the peer leaves, not over time.
    m_me->peerModel()->remove(FakeId);
    QTest::qWait(200);
    QVERIFY(m_page->keyBanner()->isVisible());
    // The button opens the dialog with both keys, from what the peer showed last while it is
    // away; verifying waits for it to be back.
    auto *compare =
        m_page->keyBanner()->findChild<QPushButton *>(QStringLiteral("compareFingerprints"));
    QVERIFY(compare);
    QTest::mouseClick(compare, Qt::LeftButton);
    auto *away = m_page->findChild<SecurityDialog *>();
    QVERIFY(away);
    QCOMPARE(away->theirFingerprint()->text(), SecurityDialog::readable(fingerprint('\x5a')));
    QVERIFY(away->pinnedFingerprint()->isVisible());
    QVERIFY(!away->verifyButton()->isEnabled());
    QVERIFY(
        away->stateLabel()->text().contains(QStringLiteral("login and computer name has changed")));
    // Keys are remembered by login and computer name, and the dialog says whose it compares.
    int naming = 0;
    for (const QLabel *label : away->findChildren<QLabel *>())
        naming += label->isVisible() && label->text().contains(QStringLiteral("wang@pc7"));
    QCOMPARE(naming, 2);
    away->close();
    QTRY_VERIFY(!m_page->findChild<SecurityDialog *>());
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Changed));
    QCOMPARE(compare->text(), QStringLiteral("Compare fingerprints…"));
    QTest::mouseClick(compare, Qt::LeftButton);
    auto *dialog = m_page->findChild<SecurityDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->pinnedFingerprint()->isVisible());
    QVERIFY(dialog->verifyButton()->isEnabled());
    // Verified, it goes, and the lock has its check.
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Verified));
    QVERIFY(!m_page->keyBanner()->isVisible());
    QCOMPARE(m_page->securityMark(), SecurityMark::Mark::Verified);
    QVERIFY(!dialog->pinnedFingerprint()->isVisible());
    QVERIFY(!dialog->verifyButton()->isEnabled());
}

void TestSecurity::securityDialogShowsBothFingerprints()
{
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Changed));
    QVERIFY(openPage());
    QTest::mouseClick(m_page->lockButton(), Qt::LeftButton);
    SecurityDialog *dialog = m_page->findChild<SecurityDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    // The one shown now, in two lines of eight groups of four, and the one remembered before.
    QCOMPARE(dialog->theirFingerprint()->text(),
             QStringLiteral("5A5A 5A5A 5A5A 5A5A 5A5A 5A5A 5A5A 5A5A\n"
                            "5A5A 5A5A 5A5A 5A5A 5A5A 5A5A 5A5A 5A5A"));
    QCOMPARE(dialog->pinnedFingerprint()->text(),
             QStringLiteral("3F3F 3F3F 3F3F 3F3F 3F3F 3F3F 3F3F 3F3F\n"
                            "3F3F 3F3F 3F3F 3F3F 3F3F 3F3F 3F3F 3F3F"));
    // Monospace: every hex digit as wide as the next, so the two lines' groups line up.
    const QFontMetrics mono(dialog->theirFingerprint()->font());
    QCOMPARE(mono.horizontalAdvance(QStringLiteral("1111")),
             mono.horizontalAdvance(QStringLiteral("DBDB")));
    QVERIFY(dialog->theirFingerprint()->textInteractionFlags() & Qt::TextSelectableByMouse);
    // Ours, to read aloud: the key this profile made when it started.
    const crypto::Fingerprint ours = m_me->ourFingerprint();
    if (!ours.isNull())
        QCOMPARE(dialog->ourFingerprint()->text(), SecurityDialog::readable(ours));
    QVERIFY(dialog->ourFingerprint()->textInteractionFlags() & Qt::TextSelectableByMouse);
    // Copy puts the whole fingerprint, in one line, on the clipboard.
    const auto copies = dialog->findChildren<QPushButton *>();
    QPushButton *copyTheirs = nullptr;
    for (QPushButton *b : copies) {
        if (b->text() == QStringLiteral("Copy")) {
            copyTheirs = b;
            break;
        }
    }
    QVERIFY(copyTheirs);
    QTest::mouseClick(copyTheirs, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), fingerprint('\x5a').toString());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("keyChangedNote"))->isVisible());
    QCOMPARE(dialog->verifyButton()->text(), QStringLiteral("Mark as verified"));
    QVERIFY(dialog->verifyButton()->isEnabled());
    // The same dialog again from the lock, not a second one.
    QTest::mouseClick(m_page->lockButton(), Qt::LeftButton);
    QCOMPARE(m_page->findChildren<SecurityDialog *>().size(), 1);

    // iptux: no key to compare, nothing to verify.
    m_me->peerModel()->upsert(peer(false, crypto::KeyTrust::Unknown));
    QVERIFY(dialog->stateLabel()->text().contains(QStringLiteral("cannot encrypt")));
    // No key is coming, and there is nothing to compare: no how-to either.
    QCOMPARE(dialog->theirFingerprint()->text(), QStringLiteral("(none: 小王 cannot encrypt)"));
    QVERIFY(!dialog->verifyButton()->isEnabled());
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("howToVerify"))->isVisible());
    // Nothing to copy either: the placeholder pasted would pass for a fingerprint.
    auto *copy = dialog->findChild<QPushButton *>(QStringLiteral("copyTheirFingerprint"));
    QVERIFY(copy);
    QVERIFY(!copy->isEnabled());
    QVERIFY2(copy->toolTip().contains(QStringLiteral("no key")), qPrintable(copy->toolTip()));
    // Its key comes: there is something to copy again.
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Pinned));
    QVERIFY(copy->isEnabled());
    QCOMPARE(copy->toolTip(), QStringLiteral("Copy the fingerprint"));
    QVERIFY(!dialog->pinnedFingerprint()->isVisible());
}

void TestSecurity::settingsPrivacyPart()
{
    NodeConfig c = m_me->config();
    c.requireEncryption = true;
    SettingsDialog dialog(c, UiSettings{});
    QVERIFY(dialog.requireEncryption()->isChecked());
    QCOMPARE(dialog.requireEncryption()->text(),
             QStringLiteral("Only send to peers who can encrypt"));
    dialog.requireEncryption()->setChecked(false);
    QVERIFY(!dialog.config().requireEncryption);
    dialog.requireEncryption()->setChecked(true);
    QVERIFY(dialog.config().requireEncryption);
    QVERIFY(dialog.ourFingerprint()->text().contains(QStringLiteral("not ready")));
    dialog.setOurFingerprint(fingerprint('\x0c'));
    QCOMPARE(dialog.ourFingerprint()->text(), SecurityDialog::readable(fingerprint('\x0c')));
    QVERIFY(dialog.ourFingerprint()->textInteractionFlags() & Qt::TextSelectableByMouse);
    auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copyFingerprint"));
    QVERIFY(copy);
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), fingerprint('\x0c').toString());

    // Kept in the profile, as the other settings are.
    const QString dir = m_dir->filePath(QStringLiteral("profile"));
    ProfileSettings profile(dir);
    NodeConfig saved = ProfileSettings::defaults();
    saved.requireEncryption = true;
    profile.save(saved);
    NodeConfig loaded = ProfileSettings::defaults();
    QVERIFY(!loaded.requireEncryption);
    profile.load(&loaded);
    QVERIFY(loaded.requireEncryption);
    saved.requireEncryption = false;
    profile.save(saved);
    loaded.requireEncryption = true;
    profile.load(&loaded);
    QVERIFY(!loaded.requireEncryption);
}

void TestSecurity::notEncryptedFailureSaysWhatToDo()
{
    // iptux cannot encrypt, and the setting refuses clear text: the bubble names the setting.
    m_me->setRequireEncryption(true);
    m_me->peerModel()->upsert(peer(false, crypto::KeyTrust::Unknown));
    QVERIFY(openPage());
    ChatMessage m = message(QStringLiteral("refused"), false, Authenticity::Unsigned);
    m.direction = Direction::Outgoing;
    m.state = DeliveryState::Failed;
    m.failure = Failure::NotEncrypted;
    m.error = QStringLiteral("小王 cannot encrypt: not sent, plain text is refused");
    m_page->addMessage(m);
    ConversationModel *model = m_page->model();
    QTRY_COMPARE(model->rowCount(), 1);
    QListView *view = m_page->view();
    auto *delegate = qobject_cast<BubbleDelegate *>(view->itemDelegate());
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = view->visualRect(model->index(0));
    const int withHint = delegate->sizeHint(option, model->index(0)).height();
    const QString reason = BubbleDelegate::reasonText(model->index(0), true);
    QCOMPARE(reason, QStringLiteral("Not sent: the peer cannot encrypt, and plain text is refused. "
                                    "To send it in clear text, turn off \"Only send to peers who "
                                    "can encrypt\" in Settings, then double-click it."));
    // A peer that can encrypt but whose key did not come: the setting is not why.
    m_me->setRequireEncryption(false);
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Unknown));
    QVERIFY(!BubbleDelegate::reasonText(model->index(0)).contains(QStringLiteral("Settings")));
    QVERIFY(BubbleDelegate::reasonText(model->index(0))
                .endsWith(QStringLiteral("Double-click to send it again.")));
    // The bubble drawn without the hint is shorter: the page told its delegate.
    QVERIFY(delegate->sizeHint(option, model->index(0)).height() < withHint);
}

void TestSecurity::plainTextRefusedIsSaidBeforeSending()
{
    // iptux cannot encrypt; the setting is off: nothing to warn of.
    m_me->peerModel()->upsert(peer(false, crypto::KeyTrust::Unknown));
    QVERIFY(openPage());
    auto *send = m_page->findChild<QPushButton *>(QStringLiteral("sendButton"));
    QVERIFY(send);
    QVERIFY(send->isEnabled());
    auto *note = m_page->findChild<QFrame *>(QStringLiteral("plainTextRefusedNote"));
    QVERIFY(!note || !note->isVisible());

    // Turned on: at once, before anything is typed, the chat says so and Send says why.
    m_me->setRequireEncryption(true);
    QVERIFY(!send->isEnabled());
    QVERIFY2(send->toolTip().contains(QStringLiteral("小王 cannot encrypt")),
             qPrintable(send->toolTip()));
    QVERIFY(note);
    QVERIFY(note->isVisible());
    QLabel *words = m_page->plainTextRefusedText();
    QVERIFY(words->text().contains(QStringLiteral("小王 cannot encrypt")));
    QVERIFY(words->text().contains(QStringLiteral("will not be sent")));
    QVERIFY(note->findChild<QPushButton *>(QStringLiteral("openPrivacySettings"))->isVisible());
    // Files too: not offered at all, rather than failing once picked.
    auto *file = m_page->findChild<QToolButton *>(QStringLiteral("fileButton"));
    auto *folder = m_page->findChild<QToolButton *>(QStringLiteral("folderButton"));
    QVERIFY(file && folder);
    QVERIFY(!file->isEnabled() && !folder->isEnabled());
    QVERIFY(file->toolTip().contains(QStringLiteral("小王 cannot encrypt")));
    // Above the input, not over the conversation's top.
    QVERIFY(note->mapTo(m_page, QPoint(0, note->height())).y() <=
            m_page->input()->mapTo(m_page, QPoint(0, 0)).y());

    // Typing goes on; Enter sends nothing and the draft stays.
    QVERIFY(m_page->input()->isEnabled());
    QTest::keyClicks(m_page->input(), QStringLiteral("meet at 3"));
    QTest::keyClick(m_page->input(), Qt::Key_Return);
    QTest::qWait(200);
    QCOMPARE(m_page->model()->rowCount(), 0);
    QCOMPARE(m_page->draft(), QStringLiteral("meet at 3"));

    // The peer announces ENCRYPTOPT: the note goes and Send comes back.
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Pinned));
    QVERIFY(!note->isVisible());
    QVERIFY(send->isEnabled());
    QVERIFY(send->toolTip().isEmpty());
    QVERIFY(file->isEnabled() && folder->isEnabled());
    QCOMPARE(file->toolTip(), QStringLiteral("Send files"));
    // And without it again.
    m_me->peerModel()->upsert(peer(false, crypto::KeyTrust::Unknown));
    QVERIFY(note->isVisible());
    QVERIFY(!send->isEnabled());
    // Gone offline, it is still the peer last seen that cannot encrypt.
    m_me->peerModel()->remove(FakeId);
    QVERIFY(note->isVisible());
    // Turned off: gone at once, and Enter sends the draft.
    m_me->setRequireEncryption(false);
    QVERIFY(!note->isVisible());
    QVERIFY(send->isEnabled());
}

void TestSecurity::noteOpensThePrivacySettings()
{
    m_me->setRequireEncryption(true);
    m_me->peerModel()->upsert(peer(false, crypto::KeyTrust::Unknown));
    MainWindow window(m_me, UiSettings{});
    window.openChat(FakeId);
    ChatPage *page = window.chatWindow()->current();
    QVERIFY(page);
    QVERIFY(page->plainTextRefusedNote()->isVisible());
    // The dialog is modal: looked at, then cancelled, from inside its loop.
    bool opened = false;
    bool onPrivacy = false;
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        opened = true;
        onPrivacy = QApplication::focusWidget() == dialog->requireEncryption() ||
                    dialog->focusWidget() == dialog->requireEncryption();
        dialog->reject();
    });
    poll.start(20);
    QTest::mouseClick(page->plainTextRefusedNote()->findChild<QPushButton *>(
                          QStringLiteral("openPrivacySettings")),
                      Qt::LeftButton);
    poll.stop();
    QVERIFY(opened);
    QVERIFY(onPrivacy);
}

void TestSecurity::securityDialogGrowsWhenVerified()
{
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Pinned));
    QVERIFY(openPage());
    SecurityDialog *dialog = m_page->showSecurity();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    // Marked as verified: the state says more, and every line must still show whole.
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Verified));
    QVERIFY(dialog->stateLabel()->text().contains(QStringLiteral("You marked its key")));
    QTest::qWait(50);
    for (QLabel *label : dialog->findChildren<QLabel *>()) {
        if (!label->isVisible())
            continue;
        const int needed = label->hasHeightForWidth() ? label->heightForWidth(label->width())
                                                      : label->sizeHint().height();
        QVERIFY2(label->height() >= needed, qPrintable(QStringLiteral("%1: %2 < %3")
                                                           .arg(label->text().left(40))
                                                           .arg(label->height())
                                                           .arg(needed)));
    }
    // The fingerprints' two lines inside the dialog, not cut at its edge.
    const QRect theirs(dialog->theirFingerprint()->mapTo(dialog, QPoint(0, 0)),
                       dialog->theirFingerprint()->sizeHint());
    QVERIFY(dialog->rect().contains(theirs));
    const QRect ours(dialog->ourFingerprint()->mapTo(dialog, QPoint(0, 0)),
                     dialog->ourFingerprint()->sizeHint());
    QVERIFY(dialog->rect().contains(ours));
}

void TestSecurity::failureReasonsAreInTheUiLanguage_data()
{
    QTest::addColumn<int>("failure");
    QTest::addColumn<bool>("translated");
    QTest::newRow("too long") << int(Failure::TooLong) << true;
    QTest::newRow("not an address") << int(Failure::NotAnAddress) << true;
    QTest::newRow("no answer") << int(Failure::NoAnswer) << true;
    QTest::newRow("network error") << int(Failure::NetworkError) << true;
    QTest::newRow("not encrypted") << int(Failure::NotEncrypted) << true;
    // No kind known (old history): only then the words stored with it.
    QTest::newRow("none") << int(Failure::None) << false;
}

void TestSecurity::failureReasonsAreInTheUiLanguage()
{
    QFETCH(int, failure);
    QFETCH(bool, translated);
    MarkingTranslator chinese;
    QVERIFY(QCoreApplication::installTranslator(&chinese));
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Pinned));
    QVERIFY(openPage());
    const QString stored = QStringLiteral("stored in English when it was sent");
    ChatMessage m = message(QStringLiteral("failed"), false, Authenticity::Unsigned);
    m.direction = Direction::Outgoing;
    m.state = DeliveryState::Failed;
    m.failure = Failure(failure);
    m.error = stored;
    m_page->addMessage(m);
    QTRY_COMPARE(m_page->model()->rowCount(), 1);
    for (bool refused : {false, true}) {
        const QString reason = BubbleDelegate::reasonText(m_page->model()->index(0), refused);
        QCoreApplication::removeTranslator(&chinese);
        const QString english = BubbleDelegate::failureText(Failure(failure), refused);
        QVERIFY(QCoreApplication::installTranslator(&chinese));
        QVERIFY2(reason.startsWith(QString::fromUtf8(MarkingTranslator::Mark)), qPrintable(reason));
        if (translated) {
            QVERIFY2(!reason.contains(stored), qPrintable(reason));
            QVERIFY2(reason.contains(QString::fromUtf8(MarkingTranslator::Mark) + english),
                     qPrintable(reason));
        } else {
            QVERIFY(english.isEmpty());
            QVERIFY2(reason.contains(stored), qPrintable(reason));
        }
    }
    QCoreApplication::removeTranslator(&chinese);
}

Messenger *TestSecurity::startPeer(const QString &profile)
{
    NodeConfig c = test::windowTestNode(Them, Port, QStringLiteral("小王"), QStringLiteral("Dev"),
                                        Me, m_dir->filePath(profile));
    c.user = QStringLiteral("wang");
    c.host = QStringLiteral("pc7");
    auto *peer = new Messenger(c);
    QSignalSpy started(peer, &Messenger::started);
    peer->start();
    if (!started.wait(20000)) {
        delete peer;
        return nullptr;
    }
    return peer;
}

void TestSecurity::realPeerWhoseKeyChanges()
{
    const QString theirId = Them + QStringLiteral(":") + QString::number(Port);
    const QString myId = Me + QStringLiteral(":") + QString::number(Port);
    std::unique_ptr<Messenger> wang(startPeer(QStringLiteral("wang")));
    QVERIFY(wang);
    QTRY_VERIFY_WITH_TIMEOUT(m_me->peerModel()->find(theirId) &&
                                 m_me->peerModel()->find(theirId)->key.trust ==
                                     crypto::KeyTrust::Pinned,
                             10000);
    QTRY_VERIFY(wang->peerModel()->find(myId));
    QVERIFY(openPage(theirId));
    connect(m_me, &Messenger::messageReceived, m_page, &ChatPage::addMessage);
    QCOMPARE(m_page->securityMark(), SecurityMark::Mark::Closed);
    const crypto::Fingerprint first = m_me->peerModel()->find(theirId)->key.current;
    QCOMPARE(first, wang->ourFingerprint());

    // An encrypted message: a lock in its bubble, no band.
    wang->sendMessage({myId}, QStringLiteral("加密的你好"));
    ConversationModel *model = m_page->model();
    QTRY_COMPARE(model->rowCount(), 1);
    QVERIFY(model->index(0).data(ConversationModel::EncryptedRole).toBool());
    QListView *view = m_page->view();
    auto *delegate = qobject_cast<BubbleDelegate *>(view->itemDelegate());
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = view->visualRect(model->index(0));
    QVERIFY(!delegate->lockRect(option, model->index(0)).isEmpty());
    QVERIFY(delegate->warningRect(option, model->index(0)).isEmpty());
    QVERIFY(!m_page->keyBanner()->isVisible());

    // 小王 comes back with a new profile, so a new key, as the same wang@pc7.
    wang.reset();
    wang.reset(startPeer(QStringLiteral("wang-reinstalled")));
    QVERIFY(wang);
    QVERIFY(wang->ourFingerprint() != first);
    QTRY_VERIFY_WITH_TIMEOUT(m_me->peerModel()->find(theirId) &&
                                 m_me->peerModel()->find(theirId)->key.trust ==
                                     crypto::KeyTrust::Changed,
                             10000);
    QVERIFY(m_page->keyBanner()->isVisible());
    QCOMPARE(m_page->securityMark(), SecurityMark::Mark::Warning);
    QTRY_VERIFY(wang->peerModel()->find(myId));
    wang->sendMessage({myId}, QStringLiteral("trust me"));
    QTRY_COMPARE(model->rowCount(), 2);
    const QModelIndex changed = model->index(1);
    QCOMPARE(Authenticity(changed.data(ConversationModel::AuthenticityRole).toInt()),
             Authenticity::Unverified);
    QVERIFY2(BubbleDelegate::warningText(changed).contains(
                 QStringLiteral("other than the one remembered")),
             qPrintable(BubbleDelegate::warningText(changed)));
    option.rect = view->visualRect(changed);
    QVERIFY(!delegate->warningRect(option, changed).isEmpty());

    // The dialog shows the new key and the one remembered; verifying takes the banner away.
    QTest::mouseClick(
        m_page->keyBanner()->findChild<QPushButton *>(QStringLiteral("compareFingerprints")),
        Qt::LeftButton);
    SecurityDialog *dialog = m_page->findChild<SecurityDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->theirFingerprint()->text(), SecurityDialog::readable(wang->ourFingerprint()));
    QCOMPARE(dialog->pinnedFingerprint()->text(), SecurityDialog::readable(first));
    QCOMPARE(dialog->ourFingerprint()->text(), SecurityDialog::readable(m_me->ourFingerprint()));
    QTest::mouseClick(dialog->verifyButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->keyBanner()->isVisible(), 5000);
    QCOMPARE(m_page->securityMark(), SecurityMark::Mark::Verified);
    QVERIFY(!dialog->verifyButton()->isEnabled());
    // The message that came while the key was in doubt keeps its band.
    QVERIFY(!delegate->warningRect(option, changed).isEmpty());
}

void TestSecurity::buddyListOpensTheSecurityDialog()
{
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Pinned));
    MainWindow window(m_me, UiSettings{});
    // The buddy's menu entry: its chat comes up, with the dialog over it.
    SecurityDialog *dialog = window.showSecurity(FakeId);
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->peerId(), FakeId);
    QVERIFY(window.chatWindow()->current());
    QCOMPARE(window.chatWindow()->current()->peerId(), FakeId);
    QCOMPARE(window.showSecurity(FakeId), dialog);
    QVERIFY(dialog->stateLabel()->text().contains(QStringLiteral("Nobody has compared")));
}

void TestSecurity::buddyListShowsAChangedKey()
{
    MainWindow window(m_me, UiSettings{});
    window.resize(320, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeView *list = window.buddyList();
    const auto warningInk = [list] {
        const QImage shot = list->viewport()->grab().toImage();
        int n = 0;
        for (int y = 0; y < shot.height(); ++y) {
            for (int x = 0; x < shot.width(); ++x) {
                const QColor c = shot.pixelColor(x, y);
                // The warning's amber-red family, far from the avatars' and text's colours.
                const QColor w = SecurityMark::color(SecurityMark::Mark::Warning, list->palette(),
                                                     list->palette().color(QPalette::Base));
                if (qAbs(c.red() - w.red()) + qAbs(c.green() - w.green()) +
                        qAbs(c.blue() - w.blue()) <
                    24)
                    ++n;
            }
        }
        return n;
    };
    // A peer whose key is its first: no mark.
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Pinned));
    list->expandAll();
    QTest::qWait(50);
    const int calm = warningInk();
    QModelIndex row = list->model()->index(0, 0, list->model()->index(0, 0));
    QVERIFY(row.isValid());
    QVERIFY(!row.data(Qt::ToolTipRole).toString().contains(QStringLiteral("has changed")));
    // Its key changes: the mark is in the list before any chat is opened, and the tooltip says why.
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Changed));
    list->expandAll();
    QTest::qWait(50);
    QVERIFY2(warningInk() >= calm + 20,
             qPrintable(QStringLiteral("%1 -> %2").arg(calm).arg(warningInk())));
    row = list->model()->index(0, 0, list->model()->index(0, 0));
    QVERIFY(row.data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("key of this login and computer name has changed")));
}

void TestSecurity::pickersShowAChangedKey()
{
    // The buddy, and another key at its login and computer name elsewhere.
    Peer real = peer(true, crypto::KeyTrust::Pinned);
    real.id = QStringLiteral("127.0.0.8:34301");
    real.address = QHostAddress(QStringLiteral("127.0.0.8"));
    m_me->peerModel()->upsert(real);
    m_me->peerModel()->upsert(peer(true, crypto::KeyTrust::Changed));
    // The group-message, group-chat and Send files dialogs all pick through it.
    PeerPicker picker(m_me->peerModel(), {});
    picker.resize(360, 200);
    picker.show();
    QVERIFY(QTest::qWaitForWindowExposed(&picker));
    QCOMPARE(picker.list()->count(), 2);
    const auto row = [&picker](const QString &id) -> QListWidgetItem * {
        for (int i = 0; i < picker.list()->count(); ++i) {
            if (picker.list()->item(i)->data(Qt::UserRole).toString() == id)
                return picker.list()->item(i);
        }
        return nullptr;
    };
    QListWidgetItem *impostor = row(FakeId);
    QListWidgetItem *buddy = row(real.id);
    QVERIFY(impostor && buddy);
    // Both say who they are, as the buddy list's tooltip; only the changed key warns.
    QCOMPARE(impostor->toolTip(), PeerModel::toolTip(peer(true, crypto::KeyTrust::Changed)));
    QVERIFY(impostor->toolTip().contains(QStringLiteral("has changed")));
    QVERIFY(buddy->toolTip().contains(QStringLiteral("wang@pc7")));
    QVERIFY(!buddy->toolTip().contains(QStringLiteral("has changed")));
    QVERIFY(buddy->icon().isNull());
    // The buddy list's red warning mark, drawn in the row.
    QVERIFY(!impostor->icon().isNull());
    const QColor red = SecurityMark::color(SecurityMark::Mark::Warning, picker.palette(),
                                           picker.list()->palette().color(QPalette::Base));
    const QImage shot = picker.list()->viewport()->grab().toImage();
    const QRect r = picker.list()->visualItemRect(impostor);
    int reddish = 0;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c =
                shot.pixelColor(x * shot.devicePixelRatio(), y * shot.devicePixelRatio());
            if (qAbs(c.red() - red.red()) < 40 && qAbs(c.green() - red.green()) < 40 &&
                qAbs(c.blue() - red.blue()) < 40)
                ++reddish;
        }
    }
    QVERIFY2(reddish > 10, qPrintable(QString::number(reddish)));
}

QTEST_MAIN(TestSecurity)
#include "tst_security.moc"
