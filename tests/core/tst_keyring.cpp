// Our key pair in the profile and the keys pinned for peers (trust on first use).
#include "crypto/keyring.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

// The peer at 127.0.0.<host>:<port> (data only: nothing is sent).
QHostAddress addressOf(int host)
{
    return QHostAddress(QStringLiteral("127.0.0.%1").arg(host));
}

QString at(int host, quint16 port = 2425)
{
    return QStringLiteral("127.0.0.%1:%2").arg(host).arg(port);
}

PeerKeyState show(KeyRing &ring, const QString &keyId, const RsaKey &key, int host,
                  quint16 port = 2425)
{
    return ring.present(keyId, key, at(host, port), addressOf(host));
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
    void aBurstOfPinsIsWrittenOnce();
    void clonesAnsweringAtOnceKeepTheirOwnKeys();
    void anotherKeyFromTheSameAddressIsAChange();
    void anotherKeyWhileTheKnownOneIsAwayIsAChange();
    void verifyingReplacesTheUnverifiedKeyOfThatAddress();
    void loadsAVersion1File();
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
    QVERIFY(ring.keyAt(at(1)).isNull());

    PeerKeyState s = show(ring, peer, m_peerKey, 1);
    QCOMPARE(s.trust, KeyTrust::Pinned);
    QCOMPARE(s.pinned, m_peerKey.fingerprint());
    QCOMPARE(s.current, m_peerKey.fingerprint());
    QVERIFY(ring.keyAt(at(1)) == m_peerKey);
    QVERIFY(ownerOnly(dir.filePath(QStringLiteral("pinned-keys.json"))));

    s = show(ring, peer, m_otherKey, 1);
    QCOMPARE(s.trust, KeyTrust::Changed);
    QCOMPARE(s.pinned, m_peerKey.fingerprint());
    QCOMPARE(s.current, m_otherKey.fingerprint());
    QVERIFY(ring.keyAt(at(1)) == m_otherKey);
    QCOMPARE(ring.state(peer).trust, KeyTrust::Changed);

    // The pinned key again: the pin was kept, so it is just Pinned again.
    QCOMPARE(show(ring, peer, m_peerKey, 1).trust, KeyTrust::Pinned);
    QCOMPARE(ring.state(peer).encryptedBefore, false);
    ring.noteEncrypted(peer);
    QCOMPARE(ring.state(peer).encryptedBefore, true);
}

void TestKeyRing::markVerifiedPinsTheNewKey()
{
    KeyRing ring;
    const QString peer = QStringLiteral("bob@pc2");
    QVERIFY(!ring.markVerified(at(2)));
    show(ring, peer, m_peerKey, 2);
    QVERIFY(ring.markVerified(at(2)));
    QCOMPARE(ring.stateAt(at(2)).trust, KeyTrust::Verified);
    // A verified peer showing another key is Changed all the same.
    QCOMPARE(show(ring, peer, m_otherKey, 2).trust, KeyTrust::Changed);
    QVERIFY(ring.markVerified(at(2)));
    const PeerKeyState s = ring.stateAt(at(2));
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
        show(ring, QStringLiteral("a@h"), m_peerKey, 1);
        show(ring, QStringLiteral("b@h"), m_otherKey, 2);
        QVERIFY(ring.markVerified(at(2)));
        ring.noteEncrypted(QStringLiteral("a@h"));
        ring.noteEncrypted(QStringLiteral("c@h"));
    }
    KeyRing ring;
    const auto r = ring.open(dir.path());
    QVERIFY(r.ok);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(ring.state(QStringLiteral("a@h")).trust, KeyTrust::Pinned);
    QVERIFY(ring.state(QStringLiteral("a@h")).encryptedBefore);
    // A key of an earlier run is never used: it must be shown again in this one.
    QVERIFY(ring.keyAt(at(1)).isNull());
    QCOMPARE(ring.state(QStringLiteral("b@h")).trust, KeyTrust::Verified);
    QCOMPARE(ring.state(QStringLiteral("b@h")).pinned, m_otherKey.fingerprint());
    QCOMPARE(ring.state(QStringLiteral("c@h")).trust, KeyTrust::Unknown);
    QVERIFY(ring.state(QStringLiteral("c@h")).encryptedBefore);
    // After a restart a different key is still a change.
    QCOMPARE(show(ring, QStringLiteral("a@h"), m_otherKey, 1).trust, KeyTrust::Changed);
    QVERIFY(ownerOnly(dir.filePath(QStringLiteral("pinned-keys.json"))));
}

void TestKeyRing::aBurstOfPinsIsWrittenOnce()
{
    // 40 hosts met at once: the file is written for the first and then when flushed, not 40
    // times over (quadratic in hosts); none is lost, by flushPins() or on closing.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pinned-keys.json"));
    auto pinsInFile = [&] {
        QFile file(path);
        return file.open(QIODevice::ReadOnly)
                   ? QJsonDocument::fromJson(file.readAll())[QStringLiteral("peers")]
                         .toObject()
                         .size()
                   : -1;
    };
    auto shownBy = [](int i) { return QStringLiteral("user%1@host%1").arg(i); };
    {
        KeyRing ring;
        QVERIFY(ring.open(dir.path()).ok);
        for (int i = 1; i <= 20; ++i)
            show(ring, shownBy(i), i % 2 ? m_peerKey : m_otherKey, i);
        // Once a second at most; a loaded machine may take more than one for the 20.
        QVERIFY(pinsInFile() >= 1 && pinsInFile() < 20);
        ring.flushPins();
        QCOMPARE(pinsInFile(), 20);
        for (int i = 21; i <= 40; ++i)
            show(ring, shownBy(i), i % 2 ? m_peerKey : m_otherKey, i);
        QVERIFY(pinsInFile() < 40);
    }
    QCOMPARE(pinsInFile(), 40);
    KeyRing again;
    QVERIFY(again.open(dir.path()).ok);
    for (int i = 1; i <= 40; ++i)
        QCOMPARE(again.state(shownBy(i)).trust, KeyTrust::Pinned);
}

void TestKeyRing::clonesAnsweringAtOnceKeepTheirOwnKeys()
{
    QTemporaryDir dir;
    const QString root = QStringLiteral("root@pc");
    {
        KeyRing ring;
        QVERIFY(ring.open(dir.path()).ok);
        QCOMPARE(show(ring, root, m_peerKey, 1).trust, KeyTrust::Pinned);
        // A second machine with the same login and host name while the first one is here.
        const PeerKeyState second = show(ring, root, m_otherKey, 2);
        QCOMPARE(second.trust, KeyTrust::Pinned);
        QCOMPARE(second.current, m_otherKey.fingerprint());
        QCOMPARE(second.pinned, m_otherKey.fingerprint());
        // Each address keeps its own key and state: neither overwrote the other.
        QVERIFY(ring.keyAt(at(1)) == m_peerKey);
        QVERIFY(ring.keyAt(at(2)) == m_otherKey);
        QCOMPARE(ring.stateAt(at(1)).trust, KeyTrust::Pinned);
        QCOMPARE(ring.stateAt(at(1)).current, m_peerKey.fingerprint());
        QCOMPARE(ring.stateAt(at(2)).current, m_otherKey.fingerprint());
        QCOMPARE(ring.keysFrom(addressOf(1), root), QList<RsaKey>{m_peerKey});
        QCOMPARE(ring.keysFrom(addressOf(2), root), QList<RsaKey>{m_otherKey});
        QVERIFY(ring.keysFrom(addressOf(3), root).isEmpty());
        QCOMPARE(ring.trustOf(root, m_peerKey), KeyTrust::Pinned);
        QCOMPARE(ring.trustOf(root, m_otherKey), KeyTrust::Pinned);
        // Showing their keys again, in any order, changes nothing.
        QCOMPARE(show(ring, root, m_peerKey, 1).trust, KeyTrust::Pinned);
        QCOMPARE(show(ring, root, m_otherKey, 2).trust, KeyTrust::Pinned);
        QVERIFY(ring.markVerified(at(2)));
        QCOMPARE(ring.stateAt(at(2)).trust, KeyTrust::Verified);
        QCOMPARE(ring.stateAt(at(1)).trust, KeyTrust::Pinned);
    }
    // Both pins survive a restart, each with its own verified flag, and either machine may
    // come first: a pinned key needs no company.
    KeyRing ring;
    QVERIFY(ring.open(dir.path()).ok);
    QCOMPARE(show(ring, root, m_otherKey, 2).trust, KeyTrust::Verified);
    QCOMPARE(show(ring, root, m_peerKey, 1).trust, KeyTrust::Pinned);
    // Clones may trade addresses (DHCP): still their pinned keys.
    QCOMPARE(show(ring, root, m_peerKey, 2).trust, KeyTrust::Pinned);
    QCOMPARE(show(ring, root, m_otherKey, 1).trust, KeyTrust::Verified);
}

void TestKeyRing::anotherKeyFromTheSameAddressIsAChange()
{
    KeyRing ring;
    const QString root = QStringLiteral("root@pc");
    const RsaKey third = RsaKey::generate(2048);
    show(ring, root, m_peerKey, 1);
    // A second instance on the same address is no second machine.
    const PeerKeyState s = show(ring, root, m_otherKey, 1, 2426);
    QCOMPARE(s.trust, KeyTrust::Changed);
    QCOMPARE(s.pinned, m_peerKey.fingerprint());
    QCOMPARE(s.current, m_otherKey.fingerprint());
    QCOMPARE(ring.stateAt(at(1)).trust, KeyTrust::Pinned);
    QCOMPARE(ring.trustOf(root, m_otherKey), KeyTrust::Changed);
    // Nor is the machine itself with a new key.
    QCOMPARE(show(ring, root, third, 1).trust, KeyTrust::Changed);
    // The new key was not pinned by being shown: it stays a change.
    QCOMPARE(show(ring, root, m_otherKey, 1, 2426).trust, KeyTrust::Changed);
    // A third address while no pinned key is shown anywhere: a change as well.
    QCOMPARE(show(ring, root, third, 3).trust, KeyTrust::Changed);
}

void TestKeyRing::anotherKeyWhileTheKnownOneIsAwayIsAChange()
{
    QTemporaryDir dir;
    const QString root = QStringLiteral("root@pc");
    {
        KeyRing ring;
        QVERIFY(ring.open(dir.path()).ok);
        show(ring, root, m_peerKey, 1);
    }
    KeyRing ring;
    QVERIFY(ring.open(dir.path()).ok);
    // The known key was shown in an earlier run only: it vouches for nobody now.
    QCOMPARE(show(ring, root, m_otherKey, 2).trust, KeyTrust::Changed);
    const PeerKeyState s = ring.stateAt(at(2));
    QCOMPARE(s.pinned, m_peerKey.fingerprint());
    QCOMPARE(s.current, m_otherKey.fingerprint());
    // Once the machine with the known key left, it no longer vouches either.
    show(ring, root, m_peerKey, 1);
    ring.forget(at(1));
    ring.forget(at(2));
    QVERIFY(ring.keyAt(at(1)).isNull());
    QCOMPARE(show(ring, root, m_otherKey, 2).trust, KeyTrust::Changed);
    // A key once judged a change stays one while the known machine is here, and in later runs:
    // the user was warned, and only comparing fingerprints lifts it.
    show(ring, root, m_peerKey, 1);
    QCOMPARE(show(ring, root, m_otherKey, 2).trust, KeyTrust::Changed);
    // A key never seen before, from elsewhere while the known one is here, is a clone's.
    const RsaKey third = RsaKey::generate(2048);
    QCOMPARE(show(ring, root, third, 3).trust, KeyTrust::Pinned);
    {
        KeyRing again;
        QVERIFY(again.open(dir.path()).ok);
        show(again, root, m_peerKey, 1);
        QCOMPARE(show(again, root, m_otherKey, 2).trust, KeyTrust::Changed);
        QVERIFY(again.markVerified(at(2)));
        QCOMPARE(again.stateAt(at(2)).trust, KeyTrust::Verified);
    }
    KeyRing verified;
    QVERIFY(verified.open(dir.path()).ok);
    QCOMPARE(show(verified, root, m_otherKey, 2).trust, KeyTrust::Verified);
}

void TestKeyRing::verifyingReplacesTheUnverifiedKeyOfThatAddress()
{
    KeyRing ring;
    const QString root = QStringLiteral("root@pc");
    const RsaKey third = RsaKey::generate(2048);
    show(ring, root, m_peerKey, 1);
    show(ring, root, m_otherKey, 2);
    QCOMPARE(show(ring, root, third, 1).trust, KeyTrust::Changed);
    QVERIFY(ring.markVerified(at(1)));
    PeerKeyState s = ring.stateAt(at(1));
    QCOMPARE(s.trust, KeyTrust::Verified);
    QCOMPARE(s.pinned, third.fingerprint());
    QCOMPARE(s.current, third.fingerprint());
    // The key it replaced at that address is no longer pinned; the clone's is untouched.
    QCOMPARE(ring.trustOf(root, m_peerKey), KeyTrust::Changed);
    QCOMPARE(ring.stateAt(at(2)).trust, KeyTrust::Pinned);
    // A verified key is never dropped by verifying another from the same address.
    QCOMPARE(show(ring, root, m_peerKey, 1).trust, KeyTrust::Changed);
    QVERIFY(ring.markVerified(at(1)));
    QCOMPARE(ring.trustOf(root, third), KeyTrust::Verified);
    QCOMPARE(ring.trustOf(root, m_peerKey), KeyTrust::Verified);
    QCOMPARE(ring.stateAt(at(2)).trust, KeyTrust::Pinned);
}

void TestKeyRing::loadsAVersion1File()
{
    QTemporaryDir dir;
    const QString pins = dir.filePath(QStringLiteral("pinned-keys.json"));
    QJsonObject a;
    a.insert(QStringLiteral("key"), QString::fromLatin1(m_peerKey.publicDer().toBase64()));
    a.insert(QStringLiteral("verified"), true);
    a.insert(QStringLiteral("encryptedBefore"), true);
    QJsonObject b;
    b.insert(QStringLiteral("key"), QString::fromLatin1(m_otherKey.publicDer().toBase64()));
    b.insert(QStringLiteral("verified"), false);
    b.insert(QStringLiteral("encryptedBefore"), false);
    QJsonObject c;
    c.insert(QStringLiteral("verified"), false);
    c.insert(QStringLiteral("encryptedBefore"), true);
    QJsonObject peers;
    peers.insert(QStringLiteral("a@h"), a);
    peers.insert(QStringLiteral("b@h"), b);
    peers.insert(QStringLiteral("c@h"), c);
    QJsonObject root;
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("peers"), peers);
    QFile file(pins);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(root).toJson());
    file.close();

    KeyRing ring;
    const auto r = ring.open(dir.path());
    QVERIFY(r.ok);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(ring.state(QStringLiteral("a@h")).trust, KeyTrust::Verified);
    QVERIFY(ring.state(QStringLiteral("a@h")).encryptedBefore);
    QCOMPARE(ring.state(QStringLiteral("b@h")).trust, KeyTrust::Pinned);
    QCOMPARE(ring.state(QStringLiteral("b@h")).pinned, m_otherKey.fingerprint());
    QCOMPARE(ring.state(QStringLiteral("c@h")).trust, KeyTrust::Unknown);
    QVERIFY(ring.state(QStringLiteral("c@h")).encryptedBefore);
    QCOMPARE(show(ring, QStringLiteral("a@h"), m_peerKey, 1).trust, KeyTrust::Verified);
    QCOMPARE(show(ring, QStringLiteral("b@h"), m_peerKey, 2).trust, KeyTrust::Changed);
    // The next save writes version 2, which loads back the same (pins shown within a second
    // of a save wait for the next, or for flushPins()).
    show(ring, QStringLiteral("c@h"), m_otherKey, 3);
    ring.flushPins();
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject saved = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QCOMPARE(saved.value(QStringLiteral("version")).toInt(), 2);
    QCOMPARE(saved.value(QStringLiteral("peers"))
                 .toObject()
                 .value(QStringLiteral("a@h"))
                 .toObject()
                 .value(QStringLiteral("keys"))
                 .toArray()
                 .size(),
             1);
    KeyRing again;
    QVERIFY(again.open(dir.path()).ok);
    QCOMPARE(again.trustOf(QStringLiteral("a@h"), m_peerKey), KeyTrust::Verified);
    QCOMPARE(again.trustOf(QStringLiteral("b@h"), m_otherKey), KeyTrust::Pinned);
    QCOMPARE(again.trustOf(QStringLiteral("c@h"), m_otherKey), KeyTrust::Pinned);
    QVERIFY(again.state(QStringLiteral("a@h")).encryptedBefore);
}

void TestKeyRing::corruptPinFileIsMovedAsideAndReported()
{
    QTemporaryDir dir;
    {
        KeyRing ring;
        QVERIFY(ring.open(dir.path()).ok);
        show(ring, QStringLiteral("a@h"), m_peerKey, 1);
    }
    const QString pins = dir.filePath(QStringLiteral("pinned-keys.json"));
    const auto writePins = [&pins](const QByteArray &text) {
        QFile file(pins);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
    };
    writePins("{\"version\": 1, \"peers\": {\"a@h\": {\"key\": \"trunc");

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
    show(ring, QStringLiteral("a@h"), m_peerKey, 1);
    QVERIFY(ownerOnly(pins));

    // A key that is no key also makes the file corrupt, not a silently dropped pin.
    writePins("{\"version\": 1, \"peers\": {\"a@h\": {\"key\": \"AAAA\"}}}");
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
    const QHostAddress here(QStringLiteral("10.0.0.1"));
    const QHostAddress there(QStringLiteral("10.0.0.2"));
    QVERIFY(ring.acceptFileRequest(m_peerKey, here, 100));
    QVERIFY(!ring.acceptFileRequest(m_peerKey, here, 100));
    QVERIFY(!ring.acceptFileRequest(m_peerKey, here, 99));
    QVERIFY(ring.acceptFileRequest(m_peerKey, here, 101));
    // Per key and address: another key's numbers, or the same key's elsewhere, are their own.
    QVERIFY(ring.acceptFileRequest(m_otherKey, here, 5));
    QVERIFY(ring.acceptFileRequest(m_peerKey, there, 5));
    QVERIFY(!ring.acceptFileRequest(m_peerKey, here, 101));
}

void TestKeyRing::memoryOnlyRing()
{
    const RsaKey ours = RsaKey::generate(2048);
    KeyRing ring(ours);
    QVERIFY(ring.ourKey() == ours);
    QCOMPARE(ring.ourFingerprint(), ours.fingerprint());
    QCOMPARE(show(ring, QStringLiteral("a@h"), m_peerKey, 1).trust, KeyTrust::Pinned);
    QVERIFY(ring.markVerified(at(1)));
}

QTEST_GUILESS_MAIN(TestKeyRing)
#include "tst_keyring.moc"
