// The encrypted download's decrypt-and-write thread: order, the file's bytes, and write errors.
#include "crypto/ctrstream.h"
#include "files/decryptingwriter.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace lanpigeon;

namespace {

const QByteArray Key(32, '\x42');
constexpr quint64 RequestNo = 1701234567;

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    for (char &c : out)
        c = char(gen.bounded(256));
    return out;
}

} // namespace

class TestDecryptingWriter final : public QObject
{
    Q_OBJECT

private slots:
    void writesThePlaintextInOrder();
    void aFailedWriteIsReportedAndStopsTheWriter();
};

void TestDecryptingWriter::writesThePlaintextInOrder()
{
    const QByteArray plain = randomBytes(3 * 1024 * 1024 + 17, 5);
    QByteArray wire = plain;
    crypto::CtrStream sender(Key, RequestNo);
    sender.apply(wire.data(), wire.size());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.part"));
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    QVERIFY(fd >= 0);
    crypto::CtrStream receiver(Key, RequestNo);
    {
        files::DecryptingWriter writer(fd, 64 * 1024, 2);
        // Pieces of every size up to a whole buffer, as recv() hands them over.
        QRandomGenerator sizes(9);
        for (qsizetype at = 0; at < wire.size();) {
            const qsizetype n =
                std::min<qsizetype>(wire.size() - at, 1 + sizes.bounded(writer.bufferSize()));
            char *buffer = writer.acquire();
            QVERIFY(buffer);
            std::memcpy(buffer, wire.constData() + at, size_t(n));
            writer.submit(n, &receiver);
            at += n;
        }
        QVERIFY(writer.drain());
        QCOMPARE(writer.error(), 0);
    }
    ::close(fd);
    QFile out(path);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll(), plain);
}

void TestDecryptingWriter::aFailedWriteIsReportedAndStopsTheWriter()
{
    // Every write to /dev/full fails as a full disk does.
    const int fd = ::open("/dev/full", O_WRONLY);
    QVERIFY(fd >= 0);
    crypto::CtrStream receiver(Key, RequestNo);
    {
        files::DecryptingWriter writer(fd, 4096, 3);
        char *buffer = writer.acquire();
        QVERIFY(buffer);
        std::memset(buffer, 'x', 4096);
        writer.submit(4096, &receiver);
        QVERIFY(!writer.drain());
        QCOMPARE(writer.error(), ENOSPC);
        // Nothing more is taken once a write failed.
        QCOMPARE(writer.acquire(), nullptr);
    }
    ::close(fd);
}

QTEST_GUILESS_MAIN(TestDecryptingWriter)
#include "tst_decryptingwriter.moc"
