#include "instancemessage.h"

#include <QDir>
#include <QStringDecoder>
#include <QUrl>
#include <QtEndian>

namespace lanpigeon::ui {

namespace {
// Frame: magic, version, kind, body length (u32 BE), body. A SendFiles body: path count (u32
// BE), then each path's UTF-8 length (u32 BE) and bytes. An answer: its magic, version, code.
constexpr char Magic[] = "LPIM";
constexpr char AnswerMagic[] = "LPIA";
constexpr int MagicBytes = 4;
constexpr quint8 Version = 1;
constexpr int HeaderBytes = MagicBytes + 2 + 4;

void appendU32(QByteArray *bytes, quint32 value)
{
    char be[4];
    qToBigEndian(value, be);
    bytes->append(be, 4);
}

quint32 u32At(const QByteArray &bytes, int at)
{
    return qFromBigEndian<quint32>(bytes.constData() + at);
}

// Whether bytes could still become a frame starting with magic.
bool magicSoFar(const QByteArray &bytes, const char *magic)
{
    const int n = qMin(int(bytes.size()), MagicBytes);
    return bytes.left(n) == QByteArray(magic, n);
}

InstanceMessage::Parse refuse(QString *why, const QString &reason)
{
    if (why)
        *why = reason;
    return InstanceMessage::Parse::Refused;
}
} // namespace

InstanceMessage InstanceMessage::fromArguments(const QStringList &arguments, const QString &cwd)
{
    InstanceMessage message;
    for (const QString &argument : arguments) {
        QString path = argument;
        if (argument.startsWith(QLatin1String("file:"), Qt::CaseInsensitive))
            path = QUrl(argument).toLocalFile();
        if (path.isEmpty())
            continue;
        message.paths << QDir::cleanPath(QDir(cwd).absoluteFilePath(path));
    }
    message.paths.removeDuplicates();
    message.kind = message.paths.isEmpty() ? Kind::Show : Kind::SendFiles;
    return message;
}

QByteArray InstanceMessage::encode() const
{
    QByteArray body;
    if (kind == Kind::SendFiles) {
        appendU32(&body, quint32(paths.size()));
        for (const QString &path : paths) {
            const QByteArray utf8 = path.toUtf8();
            appendU32(&body, quint32(utf8.size()));
            body.append(utf8);
        }
    }
    QByteArray frame(Magic, MagicBytes);
    frame.append(char(Version));
    frame.append(char(kind));
    appendU32(&frame, quint32(body.size()));
    return frame + body;
}

InstanceMessage::Parse InstanceMessage::decode(const QByteArray &bytes, InstanceMessage *message,
                                               QString *why)
{
    if (!magicSoFar(bytes, Magic))
        return refuse(why, QStringLiteral("not a LanPigeon message"));
    if (bytes.size() > MagicBytes && quint8(bytes[MagicBytes]) != Version)
        return refuse(
            why, QStringLiteral("version %1, not %2").arg(quint8(bytes[MagicBytes])).arg(Version));
    if (bytes.size() > MagicBytes + 1) {
        const quint8 kind = quint8(bytes[MagicBytes + 1]);
        if (kind != quint8(Kind::Show) && kind != quint8(Kind::SendFiles))
            return refuse(why, QStringLiteral("unknown kind %1").arg(kind));
    }
    if (bytes.size() < HeaderBytes)
        return Parse::Incomplete;
    const auto kind = Kind(quint8(bytes[MagicBytes + 1]));
    const quint32 length = u32At(bytes, MagicBytes + 2);
    if (length > quint32(MaxBytes - HeaderBytes))
        return refuse(why, QStringLiteral("%1 bytes is too long").arg(length));
    if (bytes.size() < HeaderBytes + qsizetype(length))
        return Parse::Incomplete;
    if (bytes.size() > HeaderBytes + qsizetype(length))
        return refuse(why, QStringLiteral("bytes after the message"));

    InstanceMessage parsed;
    parsed.kind = kind;
    const QByteArray body = bytes.mid(HeaderBytes);
    if (kind == Kind::Show) {
        if (!body.isEmpty())
            return refuse(why, QStringLiteral("a show message with a body"));
        *message = parsed;
        return Parse::Complete;
    }
    if (body.size() < 4)
        return refuse(why, QStringLiteral("no path count"));
    const quint32 count = u32At(body, 0);
    if (count == 0 || count > quint32(MaxPaths))
        return refuse(why, QStringLiteral("%1 paths").arg(count));
    qsizetype at = 4;
    for (quint32 i = 0; i < count; ++i) {
        if (body.size() - at < 4)
            return refuse(why, QStringLiteral("path %1 cut short").arg(i + 1));
        const quint32 size = u32At(body, int(at));
        at += 4;
        if (size == 0 || size > quint32(MaxPathBytes) || body.size() - at < qsizetype(size))
            return refuse(why, QStringLiteral("path %1 has a bad length").arg(i + 1));
        const QByteArray utf8 = body.mid(at, size);
        at += size;
        QStringDecoder decoder(QStringDecoder::Utf8);
        const QString path = decoder(utf8);
        if (decoder.hasError() || path.contains(QChar(0)))
            return refuse(why, QStringLiteral("path %1 is not UTF-8 text").arg(i + 1));
        if (!QDir::isAbsolutePath(path))
            return refuse(why, QStringLiteral("path %1 is not absolute").arg(i + 1));
        parsed.paths << QDir::cleanPath(path);
    }
    if (at != body.size())
        return refuse(why, QStringLiteral("bytes after the last path"));
    *message = parsed;
    return Parse::Complete;
}

QByteArray InstanceMessage::encodeAnswer(Answer answer)
{
    QByteArray bytes(AnswerMagic, MagicBytes);
    bytes.append(char(Version));
    bytes.append(char(answer));
    return bytes;
}

InstanceMessage::Parse InstanceMessage::decodeAnswer(const QByteArray &bytes, Answer *answer)
{
    if (!magicSoFar(bytes, AnswerMagic) ||
        (bytes.size() > MagicBytes && quint8(bytes[MagicBytes]) != Version))
        return Parse::Refused;
    if (bytes.size() < AnswerBytes)
        return Parse::Incomplete;
    const quint8 code = quint8(bytes[MagicBytes + 1]);
    if (bytes.size() > AnswerBytes || code > quint8(Answer::Refused))
        return Parse::Refused;
    *answer = Answer(code);
    return Parse::Complete;
}

} // namespace lanpigeon::ui
