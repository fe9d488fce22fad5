// Our key pair in the profile and the keys pinned for peers (trust on first use).
#include "crypto/keyring.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lanpigeon::crypto;

namespace {

constexpr auto GroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                              QFileDevice::ExeGroup | QFileDevice::ReadOther |
                              QFileDevice::WriteOther | QFileDevice::ExeOther;

bool ownerOnly(const QString &path)
{
    const QFile file(path);
    return file.exists() && !(file.permissions() & GroupOrOther) &&
           (file.permissions() & QFileDevice::ReadOwner);
}

} // namespace

class TestKeyRing final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void makesAndKeepsOurKey();
    void tightensALooseKeyFile();
    void refusesAKeyFileThatIsNoKey();
    void pinsTheFirstKeyAndFlagsAChange();
    void markVerifiedPinsTheNewKey();
    void pinsSurviveAReopen();
    void corruptPinFileIsMovedAsideAndReported();
    void fromPemRefusesJunk_data();
    void fromPemRefusesJunk();
    void fileRequestsOnlyGoUp();
    void memoryOnlyRing();

private:
    RsaKey m_peerKey;
    RsaKey m_otherKey;
};

void TestKeyRing::initTestCase()
{
    m_peerKey = RsaKey::generate(2048);
    m_otherKey = RsaKey::generate(2048);
    QVERIFY(!m_peerKey.isNull() && !m_otherKey.isNull());
}

void TestKeyRing::makesAndKeepsOurKey()
{
    QTemporaryDir dir;
    const QString profile = dir.filePath(QStringLiteral("profile"));
    Fingerprint first;
    {
        KeyRing ring;
        const auto r = ring.open(profile);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.generated);
        QVERIFY(r.error.isEmpty());
        QVERIFY(ring.ourKey().hasPrivate());
        QCOMPARE(ring.ourKey().bits(), 2048);
        first = ring.ourFingerprint();
        QVERIFY(!first.isNull());
        QCOMPARE(first.toString().size(), 16 * 4 + 15);
        QCOMPARE(first.shortString().size(), 4 * 4 + 3);
    }
    const QString pem = QDir(profile).filePath(QStringLiteral("identity.pem"));
    QVERIFY(ownerOnly(pem));
    QFile file(pem);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().startsWith("-----BEGIN PRIVATE KEY-----"));
    KeyRing again;
    const auto r = again.open(profile);
    QVERIFY(r.ok);
    QVERIFY(!r.generated);
    QCOMPARE(again.ourFingerprint(), first);
}

void TestKeyRing::tightensALooseKeyFile()
{
    QTemporaryDir dir;
    {
        KeyRing ring;
        QVERIFY(ring.open(dir.path()).ok);
    }
    const QString pem = dir.filePath(QStringLiteral("identity.pem"));
    QVERIFY(QFile::setPermissions(pem, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                           QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QVERIFY(!ownerOnly(pem));
    KeyRing ring;
    QVERIFY(ring.open(dir.path()).ok);
    QVERIFY(ownerOnly(pem));
}

void TestKeyRing::refusesAKeyFileThatIsNoKey()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("identity.pem")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a key\n");
    file.close();
    KeyRing ring;
    const auto r = ring.open(dir.path());
    QVERIFY(!r.ok);
    QVERIFY(r.error.contains(QStringLiteral("identity.pem")));
    QVERIFY(ring.ourKey().isNull());
    // The file is the user's: never replaced by a fresh key behind their back.
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("not a key\n"));
}

void TestKeyRing::pinsTheFirstKeyAndFlagsAChange()
{
    QTemporaryDir dir;
    KeyRing ring;
    QVERIFY(ring.open(dir.path()).ok);
    const QString peer = KeyRing::peerKeyId(QStringLiteral("alice"), QStringLiteral("pc1"));
    QCOMPARE(peer, QStringLiteral("alice@pc1"));
    QCOMPARE(ring.state(peer).trust, KeyTrust::Unknown);
    QVERIFY(ring.keyFor(peer).isNull());

    PeerKeyState s = ring.present(peer, m_peerKey);
    QCOMPARE(s.trust, KeyTrust::Pinned);
    QCOMPARE(s.pinned, m_peerKey.fingerprint());
    QCOMPARE(s.current, m_peerKey.fingerprint());
    QVERIFY(ring.keyFor(peer) == m_peerKey);
    QVERIFY(ownerOnly(dir.filePath(QStringLiteral("pinned-keys.json"))));

    s = ring.present(peer, m_otherKey);
    QCOMPARE(s.trust, KeyTrust::Changed);
    QCOMPARE(s.pinned, m_peerKey.fingerprint());
    QCOMPARE(s.current, m_otherKey.fingerprint());
    QVERIFY(ring.keyFor(peer) == m_otherKey);
    QCOMPARE(ring.state(peer).trust, KeyTrust::Changed);

    // The pinned key again: the pin was kept, so it is just Pinned again.
    QCOMPARE(ring.present(peer, m_peerKey).trust, KeyTrust::Pinned);
    QCOMPARE(ring.state(peer).encryptedBefore, false);
    ring.noteEncrypted(peer);
    QCOMPARE(ring.state(peer).encryptedBefore, true);
}

void TestKeyRing::markVerifiedPinsTheNewKey()
{
    KeyRing ring;
    const QString peer = QStringLiteral("bob@pc2");
    QVERIFY(!ring.markVerified(peer));
    ring.present(peer, m_peerKey);
    QVERIFY(ring.markVerified(peer));
    QCOMPARE(ring.state(peer).trust, KeyTrust::Verified);
    // A verified peer showing another key is Changed all the same.
    QCOMPARE(ring.present(peer, m_otherKey).trust, KeyTrust::Changed);
    QVERIFY(ring.markVerified(peer));
    const PeerKeyState s = ring.state(peer);
    QCOMPARE(s.trust, KeyTrust::Verified);
    QCOMPARE(s.pinned, m_otherKey.fingerprint());
    QCOMPARE(s.current, m_otherKey.fingerprint());
}

void TestKeyRing::pinsSurviveAReopen()
{
    QTemporaryDir dir;
    {
        KeyRing ring;
        QVERIFY(ring.open(dir.path()).ok);
        ring.present(QStringLiteral("a@h"), m_peerKey);
        ring.present(QStringLiteral("b@h"), m_otherKey);
        QVERIFY(ring.markVerified(QStringLiteral("b@h")));
        ring.noteEncrypted(QStringLiteral("a@h"));
        ring.noteEncrypted(QStringLiteral("c@h"));
    }
    KeyRing ring;
    const auto r = ring.open(dir.path());
    QVERIFY(r.ok);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(ring.state(QStringLiteral("a@h")).trust, KeyTrust::Pinned);
    QVERIFY(ring.state(QStringLiteral("a@h")).encryptedBefore);
    QVERIFY(ring.keyFor(QStringLiteral("a@h")) == m_peerKey);
    QCOMPARE(ring.state(QStringLiteral("b@h")).trust, KeyTrust::Verified);
    QCOMPARE(ring.state(QStringLiteral("b@h")).pinned, m_otherKey.fingerprint());
    QCOMPARE(ring.state(QStringLiteral("c@h")).trust, KeyTrust::Unknown);
    QVERIFY(ring.state(QStringLiteral("c@h")).encryptedBefore);
    // After a restart a different key is still a change.
    QCOMPARE(ring.present(QStringLiteral("a@h"), m_otherKey).trust, KeyTrust::Changed);
    QVERIFY(ownerOnly(dir.filePath(QStringLiteral("pinned-keys.json"))));
}

void TestKeyRing::corruptPinFileIsMovedAsideAndReported()
{
    QTemporaryDir dir;
    {
        KeyRing ring;
        QVERIFY(ring.open(dir.path()).ok);
        ring.present(QStringLiteral("a@h"), m_peerKey);
    }
    const QString pins = dir.filePath(QStringLiteral("pinned-keys.json"));
    QFile file(pins);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{\"version\": 1, \"peers\": {\"a@h\": {\"key\": \"trunc");
    file.close();

    KeyRing ring;
    const auto r = ring.open(dir.path());
    QVERIFY(r.ok);
    QVERIFY(!r.error.isEmpty());
    const QStringList aside =
        QDir(dir.path()).entryList({QStringLiteral("pinned-keys.json.corrupt-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QVERIFY(r.error.contains(aside.first()));
    QFile moved(dir.filePath(aside.first()));
    QVERIFY(moved.open(QIODevice::ReadOnly));
    QVERIFY(moved.readAll().endsWith("trunc"));
    QCOMPARE(ring.state(QStringLiteral("a@h")).trust, KeyTrust::Unknown);
    // Pinning goes on in a fresh file.
    ring.present(QStringLiteral("a@h"), m_peerKey);
    QVERIFY(ownerOnly(pins));

    // A key that is no key also makes the file corrupt, not a silently dropped pin.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{\"version\": 1, \"peers\": {\"a@h\": {\"key\": \"AAAA\"}}}");
    file.close();
    KeyRing third;
    const auto again = third.open(dir.path());
    QVERIFY(again.ok);
    QVERIFY(again.error.contains(QStringLiteral(".corrupt-")));
    // Within the same second too: the first one moved aside is not overwritten.
    QCOMPARE(QDir(dir.path())
                 .entryList({QStringLiteral("pinned-keys.json.corrupt-*")}, QDir::Files)
                 .size(),
             2);
}

void TestKeyRing::fromPemRefusesJunk_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("text") << QByteArray("hello");
    QTest::newRow("header only") << QByteArray(
        "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");
    QTest::newRow("bad base64") << QByteArray(
        "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n");
    const QByteArray good = RsaKey::generate(1024).privatePem();
    QTest::newRow("truncated") << good.left(good.size() / 2);
    // Too small a key to trust.
    QTest::newRow("512 bits") << RsaKey::generate(512).privatePem();
    // An encrypted PEM is refused, never a pass-phrase prompt on the terminal.
    QTest::newRow("encrypted") << QByteArray(
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
        "MIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIiFPbcXyvAn4CAggA\n"
        "-----END ENCRYPTED PRIVATE KEY-----\n");
}

void TestKeyRing::fromPemRefusesJunk()
{
    QFETCH(QByteArray, pem);
    QVERIFY(!RsaKey::fromPem(pem));
    QVERIFY(!RsaKey::fromPublicDer(pem));
}

void TestKeyRing::fileRequestsOnlyGoUp()
{
    KeyRing ring;
    QVERIFY(ring.acceptFileRequest(QStringLiteral("a@h"), 100));
    QVERIFY(!ring.acceptFileRequest(QStringLiteral("a@h"), 100));
    QVERIFY(!ring.acceptFileRequest(QStringLiteral("a@h"), 99));
    QVERIFY(ring.acceptFileRequest(QStringLiteral("a@h"), 101));
    // Per peer: another one's numbers are its own.
    QVERIFY(ring.acceptFileRequest(QStringLiteral("b@h"), 5));
    QVERIFY(!ring.acceptFileRequest(QStringLiteral("a@h"), 101));
}

void TestKeyRing::memoryOnlyRing()
{
    const RsaKey ours = RsaKey::generate(2048);
    KeyRing ring(ours);
    QVERIFY(ring.ourKey() == ours);
    QCOMPARE(ring.ourFingerprint(), ours.fingerprint());
    QCOMPARE(ring.present(QStringLiteral("a@h"), m_peerKey).trust, KeyTrust::Pinned);
    QVERIFY(ring.markVerified(QStringLiteral("a@h")));
}

QTEST_GUILESS_MAIN(TestKeyRing)
#include "tst_keyring.moc"
