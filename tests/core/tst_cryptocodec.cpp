// IP Messenger's encrypted bodies, key payloads and download stream (ipmsg-extensions.md §1),
// against vectors Python's `cryptography` makes and checks (tests/core/data/crypto_vectors.py).
#include "crypto/cryptocodec.h"
#include "crypto/ctrstream.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace lanpigeon::crypto;

namespace {

constexpr quint32 Signed256 = Capa::Rsa2048 | Capa::Aes256 | Capa::SignSha256;
constexpr quint32 Signed1 = Capa::Rsa2048 | Capa::Aes256 | Capa::SignSha1;
constexpr quint32 Unsigned = Capa::Rsa2048 | Capa::Aes256;

const QByteArray Plain("hello \xe4\xbd\xa0\xe5\xa5\xbd\0", 14);

// Runs the generator; python3 and its `cryptography` are test dependencies: no skipping.
bool runPython(const QStringList &args, QByteArray *output)
{
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(QStringLiteral("python3"),
                 QStringList{QStringLiteral(LANPIGEON_CRYPTO_VECTORS)} + args);
    if (!python.waitForFinished(120000)) {
        *output = "python3 did not run: " + python.errorString().toUtf8();
        return false;
    }
    *output = python.readAll();
    return python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0;
}

QList<QByteArray> fieldsOf(const QByteArray &body)
{
    return body.split(':');
}

// Changes one character of a key, cipher or signature field to another of the same alphabet.
QByteArray tamper(const QByteArray &body, int field, qsizetype at)
{
    QList<QByteArray> parts = fieldsOf(body);
    QByteArray &f = parts[field];
    qsizetype j = std::min(at, f.size() - 1);
    // Before the base64 '=' padding, which carries no bits.
    while (j > 0 && f[j] == '=')
        --j;
    f[j] = (f[j] == 'a' || f[j] == 'A') ? 'b' : (QChar::isUpper(uchar(f[j])) ? 'A' : 'a');
    return parts.join(':');
}

QByteArray withCapa(const QByteArray &body, quint32 capa)
{
    QList<QByteArray> parts = fieldsOf(body);
    parts[0] = QByteArray::number(capa, 16).toUpper();
    return parts.join(':');
}

} // namespace

class TestCryptoCodec final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sealOpenRoundTrip_data();
    void sealOpenRoundTrip();
    void opensPythonBodies_data();
    void opensPythonBodies();
    void pythonOpensOurs();
    void everyTruncationFails_data();
    void everyTruncationFails();
    void tamperedFields_data();
    void tamperedFields();
    void tamperedCapa_data();
    void tamperedCapa();
    void tamperedCipherIsCorrupt();
    void refusesWhatItDoesNotRead_data();
    void refusesWhatItDoesNotRead();
    void unwrappedSkipsTheKey();
    void packetNoIv();
    void getPubKey_data();
    void getPubKey();
    void ansPubKeyRoundTrip();
    void ansPubKeyFromPython();
    void ansPubKey_data();
    void ansPubKey();
    void chooseCapa_data();
    void chooseCapa();
    void extPlaintext_data();
    void extPlaintext();
    void extPlaintextCapsRecipients();
    void fileRequestRoundTrip_data();
    void fileRequestRoundTrip();
    void fileRequestsFromPython();
    void fileRequestMalformed_data();
    void fileRequestMalformed();
    void ctrMatchesEvp_data();
    void ctrMatchesEvp();
    void ctrMatchesPython();
    void benchSeal();
    void benchOpen();
    void benchOpenUnwrapped();
    void benchCtr();

private:
    QByteArray sealedBy(quint32 capa, const QByteArray &plain = Plain) const;

    RsaKey m_alice;
    RsaKey m_bob;
    // From Python: the Windows-style peer's key pair and the key it sealed for.
    RsaKey m_windows;
    RsaKey m_lanpigeon;
    QJsonObject m_vectors;
    QTemporaryDir m_dir;
};

QByteArray TestCryptoCodec::sealedBy(quint32 capa, const QByteArray &plain) const
{
    return seal(plain, capa, m_bob, m_alice, 1234567);
}

void TestCryptoCodec::initTestCase()
{
    m_alice = RsaKey::generate(2048);
    m_bob = RsaKey::generate(2048);
    QVERIFY(!m_alice.isNull() && m_alice.hasPrivate());
    QVERIFY(!m_bob.isNull());
    QCOMPARE(m_alice.bits(), 2048);
    QCOMPARE(m_alice.exponent(), 65537u);

    QVERIFY(m_dir.isValid());
    QByteArray output;
    QVERIFY2(runPython({QStringLiteral("make"), m_dir.path()}, &output), output.constData());
    QFile vectors(m_dir.filePath(QStringLiteral("vectors.json")));
    QVERIFY(vectors.open(QIODevice::ReadOnly));
    m_vectors = QJsonDocument::fromJson(vectors.readAll()).object();
    QVERIFY(!m_vectors.isEmpty());
    for (auto [name, key] :
         {std::pair{"windows.pem", &m_windows}, std::pair{"lanpigeon.pem", &m_lanpigeon}}) {
        QFile pem(m_dir.filePath(QString::fromLatin1(name)));
        QVERIFY(pem.open(QIODevice::ReadOnly));
        // windows.pem is traditional "RSA PRIVATE KEY", lanpigeon.pem PKCS#8.
        const auto loaded = RsaKey::fromPem(pem.readAll());
        QVERIFY2(loaded && loaded->hasPrivate(), name);
        *key = *loaded;
    }
}

void TestCryptoCodec::sealOpenRoundTrip_data()
{
    QTest::addColumn<quint32>("capa");
    QTest::newRow("ours: sha256 iv base64") << (Signed256 | Capa::PacketNoIv | Capa::Base64);
    QTest::newRow("sha256 hex") << Signed256;
    QTest::newRow("sha1 hex zero iv") << Signed1;
    QTest::newRow("sha1 base64 iv") << (Signed1 | Capa::PacketNoIv | Capa::Base64);
    QTest::newRow("unsigned hex") << Unsigned;
    QTest::newRow("unsigned base64 iv") << (Unsigned | Capa::Base64 | Capa::PacketNoIv);
}

void TestCryptoCodec::sealOpenRoundTrip()
{
    QFETCH(quint32, capa);
    const QByteArray body = sealedBy(capa);
    QVERIFY(!body.isEmpty());
    QVERIFY(body.startsWith(QByteArray::number(capa, 16).toUpper() + ':'));
    const bool isSigned = capa & (Capa::SignSha1 | Capa::SignSha256);
    QCOMPARE(fieldsOf(body).size(), isSigned ? 4 : 3);
    const Opened opened = open(body, m_bob, m_alice, 1234567);
    QCOMPARE(opened.error, OpenError::None);
    QCOMPARE(opened.plaintext, Plain);
    QCOMPARE(opened.capa, capa);
    QCOMPARE(opened.signature, isSigned ? SignatureCheck::Good : SignatureCheck::Absent);
    QCOMPARE(opened.sessionKey.size(), 32);
    QCOMPARE(open(body, m_bob, RsaKey(), 1234567).signature,
             isSigned ? SignatureCheck::Unchecked : SignatureCheck::Absent);
    // Checked against someone else's key: not the sender's signature.
    QCOMPARE(open(body, m_bob, m_bob, 1234567).signature,
             isSigned ? SignatureCheck::Bad : SignatureCheck::Absent);
    // A clear file list after the NUL (FILEATTACHOPT without ENCEXTMSGOPT) is not the body's.
    const QByteArray withList = body + '\0' + "0:a.txt:1f4:5f5e1000:1:\a" + '\0';
    QCOMPARE(open(withList, m_bob, m_alice, 1234567).plaintext, Plain);
    QCOMPARE(wrappedKeyOf(withList), wrappedKeyOf(body));
    // Sealed for bob: alice cannot unwrap it.
    QCOMPARE(open(body, m_alice, m_alice, 1234567).error, OpenError::WrongKey);
    // The IV is the packet number: another header's number garbles the first block.
    if (capa & Capa::PacketNoIv) {
        const Opened other = open(body, m_bob, m_alice, 7654321);
        QVERIFY(other.plaintext != Plain);
        if (isSigned)
            QCOMPARE(other.signature, SignatureCheck::Bad);
    }
    // Fixed session keys seal to the same ciphertext: the key is used, not replaced.
    const QByteArray key(32, '\x11');
    QCOMPARE(fieldsOf(seal(Plain, capa, m_bob, m_alice, 1, key))[2],
             fieldsOf(seal(Plain, capa, m_bob, m_alice, 1, key))[2]);
    QCOMPARE(open(seal(Plain, capa, m_bob, m_alice, 1, key), m_bob, m_alice, 1).sessionKey, key);
}

void TestCryptoCodec::opensPythonBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<quint32>("capa");
    QTest::addColumn<quint64>("packetNo");
    QTest::addColumn<QByteArray>("plaintext");
    const QJsonArray bodies = m_vectors.value(QStringLiteral("bodies")).toArray();
    QVERIFY(bodies.size() >= 60);
    for (const QJsonValue &v : bodies) {
        const QJsonObject o = v.toObject();
        QTest::newRow(o.value(QStringLiteral("name")).toString().toUtf8().constData())
            << o.value(QStringLiteral("body")).toString().toLatin1()
            << quint32(o.value(QStringLiteral("capa")).toInteger())
            << quint64(o.value(QStringLiteral("packetNo")).toInteger())
            << QByteArray::fromHex(o.value(QStringLiteral("plaintext")).toString().toLatin1());
    }
}

void TestCryptoCodec::opensPythonBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(quint32, capa);
    QFETCH(quint64, packetNo);
    QFETCH(QByteArray, plaintext);
    const bool isSigned = capa & (Capa::SignSha1 | Capa::SignSha256);
    const Opened opened = open(body, m_lanpigeon, m_windows, packetNo);
    QCOMPARE(opened.error, OpenError::None);
    QCOMPARE(opened.capa, capa);
    QCOMPARE(opened.plaintext, plaintext);
    QCOMPARE(opened.signature, isSigned ? SignatureCheck::Good : SignatureCheck::Absent);
    QCOMPARE(open(body, m_lanpigeon, m_alice, packetNo).signature,
             isSigned ? SignatureCheck::Bad : SignatureCheck::Absent);
    // Upper-case hex reads the same.
    if (!(capa & Capa::Base64))
        QCOMPARE(open(body.toUpper(), m_lanpigeon, m_windows, packetNo).plaintext, plaintext);

    const auto ext = parseExtPlaintext(opened.plaintext);
    QVERIFY(ext);
    QCOMPARE(ext->body, plaintext.left(plaintext.indexOf('\0')));
    const QByteArray name = QTest::currentDataTag();
    QCOMPARE(!ext->fileList.isEmpty(), name.startsWith("files"));
    if (name.contains("to ") || name.contains("+to")) {
        QCOMPARE(ext->to.size(), 2);
        QCOMPARE(ext->to[0], qMakePair(QByteArray("alice"), QByteArray("pc1")));
        QCOMPARE(ext->to[1], qMakePair(QByteArray("bob"), QByteArray("pc2")));
    } else {
        QVERIFY(ext->to.isEmpty());
    }
}

void TestCryptoCodec::pythonOpensOurs()
{
    // Sealed by us for the Windows-style peer, signed with the key Python holds as ours.
    QJsonArray bodies;
    const QJsonArray theirs = m_vectors.value(QStringLiteral("bodies")).toArray();
    quint64 packetNo = 4000000000ull;
    for (const QJsonValue &v : theirs) {
        const QJsonObject o = v.toObject();
        const quint32 capa = quint32(o.value(QStringLiteral("capa")).toInteger());
        const QByteArray plain =
            QByteArray::fromHex(o.value(QStringLiteral("plaintext")).toString().toLatin1());
        ++packetNo;
        const QByteArray body = seal(plain, capa, m_windows, m_lanpigeon, packetNo);
        QVERIFY(!body.isEmpty());
        bodies.append(QJsonObject{{QStringLiteral("name"), o.value(QStringLiteral("name"))},
                                  {QStringLiteral("capa"), qint64(capa)},
                                  {QStringLiteral("packetNo"), qint64(packetNo)},
                                  {QStringLiteral("plaintext"), QString::fromLatin1(plain.toHex())},
                                  {QStringLiteral("body"), QString::fromLatin1(body)}});
    }
    QJsonArray ctr;
    const QByteArray key = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f"
                                               "f0e1d2c3b4a5968778695a4b3c2d1e0f");
    const QList<std::pair<quint64, quint64>> cases = {
        {1, 0}, {1700000000, 3}, {4294967295, 4090}, {123, 16 * 65535 + 9}};
    for (const auto &[requestNo, skip] : cases) {
        QByteArray data(5000, '\0');
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char(i * 13);
        const QByteArray plain = data;
        CtrStream stream(key, requestNo, skip);
        stream.apply(data.data(), data.size());
        ctr.append(QJsonObject{{QStringLiteral("key"), QString::fromLatin1(key.toHex())},
                               {QStringLiteral("packetNo"), qint64(requestNo)},
                               {QStringLiteral("skip"), qint64(skip)},
                               {QStringLiteral("plain"), QString::fromLatin1(plain.toHex())},
                               {QStringLiteral("cipher"), QString::fromLatin1(data.toHex())}});
    }
    const QJsonObject ours{
        {QStringLiteral("ansPubKey"), QString::fromLatin1(encodeAnsPubKey(m_lanpigeon))},
        {QStringLiteral("bodies"), bodies},
        {QStringLiteral("ctr"), ctr}};
    QFile file(m_dir.filePath(QStringLiteral("ours.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(ours).toJson());
    file.close();
    QByteArray output;
    const bool ok = runPython({QStringLiteral("check"), m_dir.path()}, &output);
    QVERIFY2(ok, output.constData());
    QVERIFY2(output.contains("checked " + QByteArray::number(bodies.size() + ctr.size() + 1) +
                             " failed 0"),
             output.constData());
}

void TestCryptoCodec::everyTruncationFails_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<quint64>("packetNo");
    const QJsonArray bodies = m_vectors.value(QStringLiteral("bodies")).toArray();
    for (const QJsonValue &v : bodies) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QStringLiteral("name")).toString();
        // Every capa and encoding, with and without sections: the short texts, the file list.
        if (!name.startsWith(QStringLiteral("plain")) && !name.startsWith(QStringLiteral("files+")))
            continue;
        QTest::newRow(name.toUtf8().constData())
            << o.value(QStringLiteral("body")).toString().toLatin1()
            << quint64(o.value(QStringLiteral("packetNo")).toInteger());
    }
}

void TestCryptoCodec::everyTruncationFails()
{
    QFETCH(QByteArray, body);
    QFETCH(quint64, packetNo);
    const Opened whole = open(body, m_lanpigeon, m_windows, packetNo);
    QCOMPARE(whole.error, OpenError::None);
    const qsizetype signatureStart = fieldsOf(body).size() == 4 ? body.lastIndexOf(':') + 1 : -1;
    for (qsizetype n = 0; n < body.size(); ++n) {
        const Opened o = open(body.left(n), m_lanpigeon, m_windows, packetNo);
        if (o.error == OpenError::None) {
            // Only a cut inside the signature still decrypts: to the whole, right plaintext,
            // and the cut signature does not verify.
            if (signatureStart < 0 || n <= signatureStart || o.signature != SignatureCheck::Bad ||
                o.plaintext != whole.plaintext)
                QFAIL(qPrintable(
                    QStringLiteral("a prefix of %1 of %2 bytes opened").arg(n).arg(body.size())));
            continue;
        }
        QVERIFY(o.plaintext.isEmpty());
    }
}

void TestCryptoCodec::tamperedFields_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<quint64>("packetNo");
    QTest::addColumn<int>("field");
    const QJsonArray bodies = m_vectors.value(QStringLiteral("bodies")).toArray();
    for (const QJsonValue &v : bodies) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QStringLiteral("name")).toString();
        if (!name.startsWith(QStringLiteral("files+")))
            continue;
        const QByteArray body = o.value(QStringLiteral("body")).toString().toLatin1();
        for (int field = 1; field < fieldsOf(body).size(); ++field)
            QTest::addRow("%s field %d", qPrintable(name), field)
                << body << quint64(o.value(QStringLiteral("packetNo")).toInteger()) << field;
    }
}

void TestCryptoCodec::tamperedFields()
{
    QFETCH(QByteArray, body);
    QFETCH(quint64, packetNo);
    QFETCH(int, field);
    const quint32 capa = fieldsOf(body)[0].toUInt(nullptr, 16);
    const bool isSigned = capa & (Capa::SignSha1 | Capa::SignSha256);
    for (const qsizetype at :
         {qsizetype(0), fieldsOf(body)[field].size() / 2, qsizetype(1) << 20}) {
        const QByteArray bad = tamper(body, field, at);
        QVERIFY(bad != body);
        const Opened o = open(bad, m_lanpigeon, m_windows, packetNo);
        switch (field) {
        case 1:
            QCOMPARE(o.error, OpenError::WrongKey);
            break;
        case 2:
            // CBC alone is malleable: only the signature or the padding notices.
            if (isSigned)
                QVERIFY(o.error == OpenError::Corrupt || o.signature == SignatureCheck::Bad);
            else
                QVERIFY(o.error == OpenError::Corrupt ||
                        o.plaintext != open(body, m_lanpigeon, m_windows, packetNo).plaintext);
            break;
        case 3:
            QCOMPARE(o.error, OpenError::None);
            QCOMPARE(o.signature, SignatureCheck::Bad);
            break;
        }
    }
}

void TestCryptoCodec::tamperedCapa_data()
{
    QTest::addColumn<quint32>("capa");
    QTest::addColumn<quint32>("toggle");
    const quint32 base = Capa::Rsa2048 | Capa::Aes256;
    for (const quint32 sig : {quint32(0), Capa::SignSha1, Capa::SignSha256}) {
        for (const quint32 extra : {quint32(0), Capa::PacketNoIv | Capa::Base64}) {
            const quint32 capa = base | sig | extra;
            for (const quint32 toggle : {Capa::Aes256, Capa::Rsa2048, Capa::Base64,
                                         Capa::PacketNoIv, Capa::SignSha1, Capa::SignSha256})
                QTest::addRow("%08X ^ %08X", capa, toggle) << capa << toggle;
        }
    }
}

void TestCryptoCodec::tamperedCapa()
{
    QFETCH(quint32, capa);
    QFETCH(quint32, toggle);
    const QByteArray body = sealedBy(capa);
    const Opened o = open(withCapa(body, capa ^ toggle), m_bob, m_alice, 1234567);
    if (toggle == Capa::Aes256 || toggle == Capa::Rsa2048) {
        QCOMPARE(o.error, OpenError::Unsupported);
    } else if (toggle == Capa::Base64) {
        QVERIFY(o.error != OpenError::None);
    } else if (toggle == Capa::PacketNoIv) {
        // Another IV: the first block comes out wrong, which a signature notices.
        QVERIFY(o.error != OpenError::None || o.plaintext != Plain);
        if (capa & (Capa::SignSha1 | Capa::SignSha256))
            QVERIFY(o.error != OpenError::None || o.signature == SignatureCheck::Bad);
    } else {
        const bool wasSigned = capa & (Capa::SignSha1 | Capa::SignSha256);
        const bool nowSigned = (capa ^ toggle) & (Capa::SignSha1 | Capa::SignSha256);
        if (wasSigned != nowSigned)
            QCOMPARE(o.error, OpenError::Malformed);
        else if (o.error == OpenError::None)
            // SHA-1 read as SHA-256 or the other way: the DigestInfo does not match.
            QVERIFY(o.signature == SignatureCheck::Bad ||
                    ((capa ^ toggle) & Capa::SignSha256) == (capa & Capa::SignSha256));
    }
}

void TestCryptoCodec::tamperedCipherIsCorrupt()
{
    // A fixed session key makes the ciphertext, and so the tampered padding, the same each run.
    const QByteArray key(32, '\x42');
    for (const quint32 capa : {Unsigned, Signed256 | Capa::Base64}) {
        const QByteArray body = seal(Plain, capa, m_bob, m_alice, 99, key);
        QList<QByteArray> parts = fieldsOf(body);
        QByteArray cipher = (capa & Capa::Base64) ? QByteArray::fromBase64(parts[2])
                                                  : QByteArray::fromHex(parts[2]);
        cipher[cipher.size() - 1] = char(cipher.back() ^ 0x5a);
        parts[2] = (capa & Capa::Base64) ? cipher.toBase64() : cipher.toHex();
        QCOMPARE(open(parts.join(':'), m_bob, m_alice, 99).error, OpenError::Corrupt);
        // A whole block short: the length is no longer the padding's.
        cipher.chop(1);
        parts[2] = (capa & Capa::Base64) ? cipher.toBase64() : cipher.toHex();
        QCOMPARE(open(parts.join(':'), m_bob, m_alice, 99).error, OpenError::Corrupt);
    }
}

void TestCryptoCodec::refusesWhatItDoesNotRead_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<OpenError>("error");
    const QByteArray good = seal(Plain, Signed256 | Capa::Base64, m_bob, m_alice, 5);
    const QList<QByteArray> f = fieldsOf(good);
    const QByteArray hex16 = QByteArray(16, 'a');
    QTest::newRow("empty") << QByteArray() << OpenError::Malformed;
    QTest::newRow("colons") << QByteArray(":::") << OpenError::Malformed;
    QTest::newRow("capa only") << QByteArray("41900004") << OpenError::Malformed;
    QTest::newRow("capa not hex") << "4190000G:" + f[1] + ':' + f[2] + ':' + f[3]
                                  << OpenError::Malformed;
    QTest::newRow("capa 9 digits")
        << "041900004:" + f[1] + ':' + f[2] + ':' + f[3] << OpenError::Malformed;
    QTest::newRow("five fields") << good + ":AAAA" << OpenError::Malformed;
    QTest::newRow("signed, no signature") << f[0] + ':' + f[1] + ':' + f[2] << OpenError::Malformed;
    QTest::newRow("empty signature")
        << f[0] + ':' + f[1] + ':' + f[2] + ':' << OpenError::Malformed;
    QTest::newRow("base64 with a space")
        << f[0] + ':' + f[1] + ':' + f[2] + " :" + f[3] << OpenError::Malformed;
    QTest::newRow("base64 line break")
        << f[0] + ':' + f[1].left(8) + "\r\n" + f[1].mid(8) + ':' + f[2] + ':' + f[3]
        << OpenError::Malformed;
    QTest::newRow("odd hex") << "100004:" + hex16 + "a:" + hex16 << OpenError::Malformed;
    QTest::newRow("huge signature")
        << f[0] + ':' + f[1] + ':' + f[2] + ':' + QByteArray(1400, 'A') << OpenError::Malformed;
    QTest::newRow("over 64 KiB") << f[0] + ':' + f[1] + ':' + QByteArray(70000, 'A') + ':' + f[3]
                                 << OpenError::Malformed;
    // What Windows sends with a 1024-bit key: we never announce it, so refuse it.
    QTest::newRow("rsa1024 blowfish")
        << "1820002:" + QByteArray(128, '1').toHex() + ':' + hex16 << OpenError::Unsupported;
    QTest::newRow("no cipher bit") << "4:" + hex16 + ':' + hex16 << OpenError::Unsupported;
    QTest::newRow("aes without rsa2048")
        << "100002:" + hex16 + ':' + hex16 << OpenError::Unsupported;
    QTest::newRow("wrapped key too short")
        << "100004:" + hex16 + ':' + hex16 << OpenError::WrongKey;
}

void TestCryptoCodec::refusesWhatItDoesNotRead()
{
    QFETCH(QByteArray, body);
    QFETCH(OpenError, error);
    ERR_clear_error();
    const Opened o = open(body, m_bob, m_alice, 5);
    QCOMPARE(o.error, error);
    QVERIFY(o.plaintext.isEmpty());
    // The refusal's reasons are not left queued for the next OpenSSL user on this thread.
    QCOMPARE(ERR_peek_error(), 0ul);
}

void TestCryptoCodec::unwrappedSkipsTheKey()
{
    const QByteArray body = sealedBy(Signed256 | Capa::Base64 | Capa::PacketNoIv);
    const Opened first = open(body, m_bob, m_alice, 1234567);
    QCOMPARE(first.error, OpenError::None);
    QCOMPARE(wrappedKeyOf(body), QByteArray::fromBase64(fieldsOf(body)[1]));
    QCOMPARE(wrappedKeyOf(body).size(), 256);
    QVERIFY(wrappedKeyOf("junk").isEmpty());
    // Without our key at all: the cached unwrap alone opens it.
    const Opened cached = open(body, RsaKey(), m_alice, 1234567, first.sessionKey);
    QCOMPARE(cached.error, OpenError::None);
    QCOMPARE(cached.plaintext, Plain);
    QCOMPARE(cached.signature, SignatureCheck::Good);
    QCOMPARE(open(body, RsaKey(), m_alice, 1234567).error, OpenError::WrongKey);
}

void TestCryptoCodec::packetNoIv()
{
    QCOMPARE(lanpigeon::crypto::packetNoIv(1234), QByteArray("1234") + QByteArray(12, '\0'));
    QCOMPARE(lanpigeon::crypto::packetNoIv(0), QByteArray("0") + QByteArray(15, '\0'));
    // Windows reads back at most 15 characters and a NUL.
    QCOMPARE(lanpigeon::crypto::packetNoIv(18446744073709551615ull),
             QByteArray("184467440737095") + QByteArray(1, '\0'));
}

void TestCryptoCodec::getPubKey_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("capa");
    QTest::newRow("ours") << encodeGetPubKey() << qint64(Capa::Ours);
    QTest::newRow("windows") << QByteArray("65920006") << qint64(0x65920006);
    QTest::newRow("upper") << QByteArray("65920ABC") << qint64(0x65920abc);
    QTest::newRow("trailing NUL") << QByteArray("65920006\0", 9) << qint64(0x65920006);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
    QTest::newRow("not hex") << QByteArray("hello") << qint64(-1);
    QTest::newRow("9 digits") << QByteArray("165920006") << qint64(-1);
    QTest::newRow("negative") << QByteArray("-1") << qint64(-1);
    QTest::newRow("0x") << QByteArray("0x6592") << qint64(-1);
}

void TestCryptoCodec::getPubKey()
{
    QFETCH(QByteArray, body);
    QFETCH(qint64, capa);
    QCOMPARE(encodeGetPubKey(), QByteArray("61900004"));
    const auto parsed = parseGetPubKey(body);
    QCOMPARE(parsed ? qint64(*parsed) : qint64(-1), capa);
}

void TestCryptoCodec::ansPubKeyRoundTrip()
{
    const QByteArray body = encodeAnsPubKey(m_alice);
    QVERIFY(body.startsWith("61900004:10001-"));
    QCOMPARE(body.size(), 15 + 512);
    QCOMPARE(body.mid(15), body.mid(15).toLower());
    const auto answer = parseAnsPubKey(body);
    QVERIFY(answer);
    QCOMPARE(answer->capa, Capa::Ours);
    QVERIFY(answer->key == m_alice);
    QVERIFY(!answer->key.hasPrivate());
    QCOMPARE(answer->key.fingerprint(), m_alice.fingerprint());
    QCOMPARE(parseAnsPubKey(body.toUpper())->key.fingerprint(), m_alice.fingerprint());
    QCOMPARE(m_alice.fingerprint().sha256.size(), 32);
    QVERIFY(m_alice.fingerprint() != m_bob.fingerprint());
    // The fingerprint hashes the DER public key, whichever half of the pair it came from.
    QCOMPARE(RsaKey::fromPublicDer(m_alice.publicDer())->fingerprint(), m_alice.fingerprint());
    QCOMPARE(RsaKey::fromPem(m_alice.privatePem())->fingerprint(), m_alice.fingerprint());
}

void TestCryptoCodec::ansPubKeyFromPython()
{
    const QByteArray body = m_vectors.value(QStringLiteral("ansPubKey")).toString().toLatin1();
    QVERIFY(body.startsWith("65920006:10001-"));
    const auto answer = parseAnsPubKey(body);
    QVERIFY(answer);
    QCOMPARE(answer->capa, 0x65920006u);
    QVERIFY(answer->key == m_windows);
    QCOMPARE(answer->key.publicDer().toHex(),
             m_vectors.value(QStringLiteral("windowsPublicDer")).toString().toLatin1());
}

void TestCryptoCodec::ansPubKey_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("good");
    const QByteArray n = m_alice.modulus().toHex();
    QTest::newRow("doc shape") << "65920006:10001-" + n << true;
    QTest::newRow("lower capa") << "65920abc:10001-" + n << true;
    QTest::newRow("upper modulus") << "65920006:10001-" + n.toUpper() << true;
    QTest::newRow("leading zero byte") << "65920006:10001-00" + n << true;
    QTest::newRow("trailing field") << "65920006:10001-" + n + ":extra" << true;
    QTest::newRow("trailing NUL") << "65920006:10001-" + n + '\0' << true;
    QTest::newRow("missing dash") << "65920006:10001" + n << false;
    QTest::newRow("missing colon") << "6592000610001-" + n << false;
    QTest::newRow("empty modulus") << QByteArray("65920006:10001-") << false;
    QTest::newRow("empty exponent") << "65920006:-" + n << false;
    QTest::newRow("empty capa") << ":10001-" + n << false;
    QTest::newRow("even exponent") << "65920006:10000-" + n << false;
    QTest::newRow("exponent 1") << "65920006:1-" + n << false;
    QTest::newRow("exponent not hex") << "65920006:1000g-" + n << false;
    QTest::newRow("not hex modulus")
        << "65920006:10001-" + n.left(100) + "zz" + n.mid(102) << false;
    QTest::newRow("512-bit modulus") << "65920006:10001-" + n.left(128) << false;
    QTest::newRow("even modulus") << "65920006:10001-" + n.chopped(1) + '0' << false;
    QTest::newRow("huge modulus") << "65920006:10001-" + n.repeated(20) << false;
    QTest::newRow("100 KiB") << "65920006:10001-" + QByteArray(100 * 1024, 'f') << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestCryptoCodec::ansPubKey()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, good);
    const auto answer = parseAnsPubKey(body);
    QCOMPARE(bool(answer), good);
    if (good) {
        QVERIFY(answer->key == m_alice);
        QCOMPARE(answer->key.exponent(), 65537u);
    }
}

void TestCryptoCodec::chooseCapa_data()
{
    QTest::addColumn<quint32>("peer");
    QTest::addColumn<quint32>("ours");
    QTest::addColumn<quint32>("chosen");
    QTest::newRow("windows 4.99") << 0x65920006u << Capa::Ours << 0x41900004u;
    QTest::newRow("lanpigeon") << Capa::Ours << Capa::Ours << 0x41900004u;
    QTest::newRow("sha1 only") << 0x21900004u << Capa::Ours << 0x21900004u;
    QTest::newRow("no base64, no iv") << (Signed256 | Capa::SignSha1) << Capa::Ours << Signed256;
    QTest::newRow("unsigned") << (Unsigned | Capa::Base64) << Capa::Ours
                              << (Unsigned | Capa::Base64);
    QTest::newRow("rsa1024 blowfish only") << 0x01820002u << Capa::Ours << 0u;
    QTest::newRow("rsa1024 with a 1024 key of ours")
        << 0x01820002u << (Capa::Ours | Capa::Rsa1024 | Capa::Blowfish128) << 0x01820002u;
    QTest::newRow("rsa2048 without aes") << (Capa::Rsa2048 | Capa::SignSha256) << Capa::Ours << 0u;
    QTest::newRow("nothing") << 0u << Capa::Ours << 0u;
}

void TestCryptoCodec::chooseCapa()
{
    QFETCH(quint32, peer);
    QFETCH(quint32, ours);
    QFETCH(quint32, chosen);
    QCOMPARE(lanpigeon::crypto::chooseCapa(peer, ours), chosen);
    // What we can seal: Blowfish never.
    QCOMPARE(seal(Plain, chosen, m_bob, m_alice, 1).isEmpty(),
             chosen == 0 || (chosen & Capa::Blowfish128));
}

void TestCryptoCodec::extPlaintext_data()
{
    QTest::addColumn<QByteArray>("files");
    QTest::addColumn<int>("recipients");
    QTest::addColumn<QByteArray>("wire");
    const QByteArray files = "0:a.txt:1f4:5f5e1000:1:\a";
    QTest::newRow("plain") << QByteArray() << 0 << QByteArray("hi\0", 3);
    QTest::newRow("files") << files << 0 << QByteArray("hi\0", 3) + files + '\0';
    QTest::newRow("to") << QByteArray() << 2 << QByteArray("hi\0\0TO:u0:h0\au1:h1\0", 19);
    QTest::newRow("files and to") << files << 1
                                  << QByteArray("hi\0", 3) + files + QByteArray("\0TO:u0:h0\0", 10);
}

void TestCryptoCodec::extPlaintext()
{
    QFETCH(QByteArray, files);
    QFETCH(int, recipients);
    QFETCH(QByteArray, wire);
    ExtPlaintext ext;
    ext.body = "hi";
    ext.fileList = files;
    for (int i = 0; i < recipients; ++i)
        ext.to.append({"u" + QByteArray::number(i), "h" + QByteArray::number(i)});
    QCOMPARE(encodeExtPlaintext(ext), wire);
    const auto parsed = parseExtPlaintext(wire);
    QVERIFY(parsed);
    QCOMPARE(parsed->body, ext.body);
    QCOMPARE(parsed->fileList, ext.fileList);
    QCOMPARE(parsed->to, ext.to);
    // Without the body's NUL it is no plaintext of ours.
    QVERIFY(!parseExtPlaintext(wire.left(2)));
    // Every prefix reads without a crash; the body is there once its NUL is.
    for (qsizetype n = 3; n < wire.size(); ++n)
        QCOMPARE(parseExtPlaintext(wire.left(n))->body, ext.body);
}

void TestCryptoCodec::extPlaintextCapsRecipients()
{
    ExtPlaintext ext;
    ext.body = "all";
    for (int i = 0; i < 40; ++i)
        ext.to.append({"u" + QByteArray::number(i), "h"});
    const auto parsed = parseExtPlaintext(encodeExtPlaintext(ext));
    QVERIFY(parsed);
    QCOMPARE(parsed->to.size(), 30);
    QCOMPARE(parsed->to.back().first, QByteArray("u29"));
    // Entries without "user:host" are skipped, not read as someone.
    const auto odd = parseExtPlaintext(QByteArray("x\0\0TO:nocolon\a:h\au:\aa:b\0", 25));
    QVERIFY(odd);
    QCOMPARE(odd->to.size(), 1);
    QCOMPARE(odd->to[0], qMakePair(QByteArray("a"), QByteArray("b")));
}

void TestCryptoCodec::fileRequestRoundTrip_data()
{
    QTest::addColumn<bool>("withOffset");
    QTest::addColumn<bool>("encrypted");
    QTest::addColumn<QByteArray>("wire");
    const QByteArray key = QByteArray(32, '\x01').toHex();
    QTest::newRow("getdirfiles") << false << true
                                 << "65000001:3:900000:" + key + ":65000010" + '\0';
    QTest::newRow("getfiledata") << true << true
                                 << "65000001:3:1f4000:900000:" + key + ":65000010" + '\0';
    QTest::newRow("getfiledata from 0")
        << true << true << "65000001:3:0:900000:" + key + ":65000010" + '\0';
    QTest::newRow("4000000 dir") << false << false
                                 << QByteArray("65000001:3:4000000:65000010\0", 28);
    QTest::newRow("4000000 data") << true << false
                                  << QByteArray("65000001:3:1f4000:4000000:65000010\0", 35);
}

void TestCryptoCodec::fileRequestRoundTrip()
{
    QFETCH(bool, withOffset);
    QFETCH(bool, encrypted);
    QFETCH(QByteArray, wire);
    FileRequest r;
    r.packetNo = 0x65000001;
    r.fileId = 3;
    if (withOffset)
        r.offset = wire.contains(":0:") ? 0 : 0x1f4000;
    if (encrypted)
        r.streamKey = QByteArray(32, '\x01');
    r.requestPacketNo = 0x65000010;
    QCOMPARE(encodeFileRequest(r), wire);
    for (const QByteArray &text : {wire, wire.chopped(1)}) {
        const auto parsed = parseFileRequest(text, withOffset);
        QVERIFY(parsed);
        QCOMPARE(parsed->packetNo, r.packetNo);
        QCOMPARE(parsed->fileId, r.fileId);
        QCOMPARE(parsed->offset, r.offset);
        QCOMPARE(parsed->streamKey, r.streamKey);
        QCOMPARE(parsed->requestPacketNo, r.requestPacketNo);
    }
    // Read as the other command, the fields do not line up.
    QVERIFY(!parseFileRequest(wire, !withOffset));
    for (qsizetype n = 0; n + 1 < wire.size(); ++n)
        QVERIFY(!parseFileRequest(wire.left(n), withOffset) ||
                wire.left(n).count(':') == wire.count(':'));
}

void TestCryptoCodec::fileRequestsFromPython()
{
    const QJsonArray requests = m_vectors.value(QStringLiteral("fileRequests")).toArray();
    QCOMPARE(requests.size(), 3);
    for (const QJsonValue &v : requests) {
        const QJsonObject o = v.toObject();
        const quint64 requestNo = quint64(o.value(QStringLiteral("packetNo")).toInteger());
        const Opened opened = open(o.value(QStringLiteral("body")).toString().toLatin1(),
                                   m_lanpigeon, m_windows, requestNo);
        QCOMPARE(opened.error, OpenError::None);
        QCOMPARE(opened.signature, SignatureCheck::Good);
        const auto r =
            parseFileRequest(opened.plaintext, o.value(QStringLiteral("withOffset")).toBool());
        QVERIFY(r);
        QCOMPARE(r->requestPacketNo, requestNo);
        QCOMPARE(r->packetNo, 0x65000001u);
        QCOMPARE(r->streamKey.toHex(), o.value(QStringLiteral("streamKey")).toString().toLatin1());
        QCOMPARE(encodeFileRequest(*r),
                 QByteArray::fromHex(o.value(QStringLiteral("plaintext")).toString().toLatin1()));
    }
}

void TestCryptoCodec::fileRequestMalformed_data()
{
    QTest::addColumn<QByteArray>("text");
    const QByteArray key = QByteArray(32, '\x01').toHex();
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("short key") << "1:3:900000:" + key.chopped(2) + ":10";
    QTest::newRow("key not hex") << "1:3:900000:" + key.chopped(2) + "zz:10";
    QTest::newRow("no request number") << "1:3:900000:" + key;
    QTest::newRow("empty request number") << "1:3:900000:" + key + ':';
    QTest::newRow("extra field") << "1:3:900000:" + key + ":10:11";
    QTest::newRow("unknown capa") << QByteArray("1:3:2:10");
    QTest::newRow("4000000 with a key") << "1:3:4000000:" + key + ":10";
    QTest::newRow("17 hex digits") << QByteArray("1:12345678901234567:4000000:10");
    QTest::newRow("not hex") << QByteArray("1:x:4000000:10");
    QTest::newRow("colons") << QByteArray("::::");
}

void TestCryptoCodec::fileRequestMalformed()
{
    QFETCH(QByteArray, text);
    QVERIFY(!parseFileRequest(text, false));
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

    // Decrypting is the same operation with its own stream.
    CtrStream back(key, packetNo, skip);
    back.apply(got.data(), got.size());
    QCOMPARE(got, QByteArray(4096, '\0'));

    // A stream without a usable key never lets bytes through in clear.
    CtrStream broken(QByteArray(16, 'k'), packetNo, skip);
    QVERIFY(!broken.isValid());
    QByteArray clear(64, 'x');
    broken.apply(clear.data(), clear.size());
    QVERIFY(!clear.contains('x'));
}

void TestCryptoCodec::ctrMatchesPython()
{
    const QJsonArray cases = m_vectors.value(QStringLiteral("ctr")).toArray();
    QVERIFY(cases.size() >= 5);
    for (const QJsonValue &v : cases) {
        const QJsonObject o = v.toObject();
        QByteArray data =
            QByteArray::fromHex(o.value(QStringLiteral("plain")).toString().toLatin1());
        CtrStream stream(QByteArray::fromHex(o.value(QStringLiteral("key")).toString().toLatin1()),
                         quint64(o.value(QStringLiteral("packetNo")).toInteger()),
                         quint64(o.value(QStringLiteral("skip")).toInteger()));
        // In three uneven pieces.
        const qsizetype a = data.size() / 3, b = data.size() / 2;
        stream.apply(data.data(), a);
        stream.apply(data.data() + a, b - a);
        stream.apply(data.data() + b, data.size() - b);
        QCOMPARE(data.toHex(), o.value(QStringLiteral("cipher")).toString().toLatin1());
    }
}

void TestCryptoCodec::benchSeal()
{
    const quint32 capa = lanpigeon::crypto::chooseCapa(Capa::Ours);
    QBENCHMARK
    {
        QVERIFY(!seal(Plain, capa, m_bob, m_alice, 42).isEmpty());
    }
}

void TestCryptoCodec::benchOpen()
{
    const QByteArray body =
        seal(Plain, lanpigeon::crypto::chooseCapa(Capa::Ours), m_bob, m_alice, 42);
    QBENCHMARK
    {
        QCOMPARE(open(body, m_bob, m_alice, 42).signature, SignatureCheck::Good);
    }
}

void TestCryptoCodec::benchOpenUnwrapped()
{
    const QByteArray body =
        seal(Plain, lanpigeon::crypto::chooseCapa(Capa::Ours), m_bob, m_alice, 42);
    const QByteArray key = open(body, m_bob, m_alice, 42).sessionKey;
    QBENCHMARK
    {
        QCOMPARE(open(body, m_bob, m_alice, 42, key).signature, SignatureCheck::Good);
    }
}

void TestCryptoCodec::benchCtr()
{
    // MB/s = 65536 / (msecs per iteration * 1000).
    CtrStream stream(QByteArray(32, 'k'), 42);
    QByteArray chunk(64 * 1024, 'x');
    QBENCHMARK
    {
        stream.apply(chunk.data(), chunk.size());
    }
    QVERIFY(stream.isValid());
    QVERIFY(!chunk.contains(QByteArray(16, 'x')));
}

QTEST_GUILESS_MAIN(TestCryptoCodec)
#include "tst_cryptocodec.moc"
