// IP Messenger's encrypted bodies, key payloads and download stream (ipmsg-extensions.md §1).
#include "crypto/cryptocodec.h"
#include "crypto/ctrstream.h"

#include <openssl/evp.h>

#include <QTest>

using namespace lanpigeon::crypto;

class TestCryptoCodec final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sealOpenRoundTrip_data();
    void sealOpenRoundTrip();
    void ansPubKeyRoundTrip();
    void ctrMatchesEvp_data();
    void ctrMatchesEvp();

private:
    RsaKey m_alice;
    RsaKey m_bob;
};

void TestCryptoCodec::initTestCase()
{
    m_alice = RsaKey::generate(2048);
    m_bob = RsaKey::generate(2048);
    QVERIFY(!m_alice.isNull() && m_alice.hasPrivate());
    QVERIFY(!m_bob.isNull());
    QCOMPARE(m_alice.bits(), 2048);
}

void TestCryptoCodec::sealOpenRoundTrip_data()
{
    QTest::addColumn<quint32>("capa");
    QTest::newRow("ours: sha256 iv base64")
        << (Capa::Rsa2048 | Capa::Aes256 | Capa::SignSha256 | Capa::PacketNoIv | Capa::Base64);
    QTest::newRow("sha1 hex zero iv") << (Capa::Rsa2048 | Capa::Aes256 | Capa::SignSha1);
    QTest::newRow("unsigned hex") << (Capa::Rsa2048 | Capa::Aes256);
}

void TestCryptoCodec::sealOpenRoundTrip()
{
    QFETCH(quint32, capa);
    const QByteArray plain("hello \xe4\xbd\xa0\xe5\xa5\xbd\0", 14);
    const QByteArray body = seal(plain, capa, m_bob, m_alice, 1234567);
    QVERIFY(!body.isEmpty());
    QVERIFY(body.startsWith(QByteArray::number(capa, 16).toUpper() + ':'));
    const Opened opened = open(body, m_bob, m_alice, 1234567);
    QCOMPARE(opened.error, OpenError::None);
    QCOMPARE(opened.plaintext, plain);
    QCOMPARE(opened.capa, capa);
    QCOMPARE(opened.signature, (capa & (Capa::SignSha1 | Capa::SignSha256))
                                   ? SignatureCheck::Good
                                   : SignatureCheck::Absent);
    QCOMPARE(opened.sessionKey.size(), 32);
    QCOMPARE(open(body, m_alice, m_alice, 1234567).error, OpenError::WrongKey);
    const Opened again = open(body, RsaKey(), m_alice, 1234567, opened.sessionKey);
    QCOMPARE(again.error, OpenError::None);
    QCOMPARE(again.plaintext, plain);
}

void TestCryptoCodec::ansPubKeyRoundTrip()
{
    const QByteArray body = encodeAnsPubKey(m_alice);
    QVERIFY(body.startsWith("61900004:10001-"));
    QCOMPARE(body.size(), 15 + 512);
    const auto answer = parseAnsPubKey(body);
    QVERIFY(answer);
    QCOMPARE(answer->capa, Capa::Ours);
    QVERIFY(answer->key == m_alice);
    QVERIFY(!answer->key.hasPrivate());
    QCOMPARE(answer->key.fingerprint(), m_alice.fingerprint());
    QCOMPARE(parseAnsPubKey(body.toUpper())->key.fingerprint(), m_alice.fingerprint());
}

void TestCryptoCodec::ctrMatchesEvp_data()
{
    QTest::addColumn<quint64>("skip");
    QTest::newRow("start") << quint64(0);
    QTest::newRow("mid block") << quint64(5);
    QTest::newRow("block") << quint64(32);
    QTest::newRow("far") << quint64(1000003);
}

void TestCryptoCodec::ctrMatchesEvp()
{
    QFETCH(quint64, skip);
    const QByteArray key(32, '\x5a');
    const quint64 packetNo = 1700000000;
    const qsizetype total = qsizetype(skip) + 4096;
    // The whole keystream from the start, by OpenSSL directly.
    QByteArray counter = QByteArray::number(packetNo);
    counter.append(QByteArray(16 - counter.size(), '\0'));
    QByteArray expected(total, '\0');
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    QVERIFY(EVP_EncryptInit_ex(ctx, EVP_aes_256_ctr(), nullptr,
                               reinterpret_cast<const unsigned char *>(key.constData()),
                               reinterpret_cast<const unsigned char *>(counter.constData())));
    QVERIFY(EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char *>(expected.data()), &len,
                              reinterpret_cast<const unsigned char *>(expected.constData()),
                              int(total)));
    EVP_CIPHER_CTX_free(ctx);

    CtrStream stream(key, packetNo, skip);
    QVERIFY(stream.isValid());
    QCOMPARE(stream.position(), skip);
    QByteArray got(4096, '\0');
    // Odd pieces: the keystream continues across calls.
    stream.apply(got.data(), 7);
    stream.apply(got.data() + 7, 4096 - 7);
    QCOMPARE(stream.position(), skip + 4096);
    QCOMPARE(got, expected.mid(qsizetype(skip)));
}

QTEST_GUILESS_MAIN(TestCryptoCodec)
#include "tst_cryptocodec.moc"
