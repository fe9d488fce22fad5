#include "ipmsg/textcodec.h"

#include <QRegularExpression>

#include <cerrno>
#include <iconv.h>

namespace lanpigeon::text {

namespace {

// Runs iconv over the whole input; on an invalid sequence calls onInvalid and skips one unit.
template <typename OnInvalid>
bool convert(const QByteArray &in, const char *to, const char *from, int skipUnit, QByteArray *out,
             OnInvalid onInvalid)
{
    iconv_t cd = iconv_open(to, from);
    if (cd == iconv_t(-1))
        return false;
    out->clear();
    out->reserve(in.size() * 2 + 16);
    char buffer[4096];
    char *src = const_cast<char *>(in.constData());
    size_t srcLeft = size_t(in.size());
    while (srcLeft > 0) {
        char *dst = buffer;
        size_t dstLeft = sizeof buffer;
        const size_t rc = iconv(cd, &src, &srcLeft, &dst, &dstLeft);
        out->append(buffer, int(dst - buffer));
        if (rc == size_t(-1)) {
            if (errno == E2BIG)
                continue;
            // EILSEQ or EINVAL (truncated sequence at the end).
            onInvalid(out);
            const size_t skip = std::min(srcLeft, size_t(skipUnit));
            src += skip;
            srcLeft -= skip;
        }
    }
    char *dst = buffer;
    size_t dstLeft = sizeof buffer;
    iconv(cd, nullptr, nullptr, &dst, &dstLeft);
    out->append(buffer, int(dst - buffer));
    iconv_close(cd);
    return true;
}

} // namespace

bool isValidUtf8(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        int extra = 0;
        quint32 cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            extra = 1;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= n)
            return false;
        for (int k = 1; k <= extra; ++k) {
            if ((p[i + k] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        static constexpr quint32 minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += extra + 1;
    }
    return true;
}

QString decode(const QByteArray &bytes, const QByteArray &codec)
{
    const QByteArray name = codec.toUpper();
    if (name.isEmpty() || name == "UTF-8" || name == "UTF8")
        return QString::fromUtf8(bytes);
    QByteArray utf8;
    const QByteArray replacement("\xef\xbf\xbd");
    if (!convert(bytes, "UTF-8", name.constData(), 1, &utf8,
                 [&](QByteArray *out) { out->append(replacement); }))
        return QString::fromUtf8(bytes);
    return QString::fromUtf8(utf8);
}

QByteArray encode(const QString &text, const QByteArray &codec)
{
    const QByteArray name = codec.toUpper();
    const QByteArray utf8 = text.toUtf8();
    if (name.isEmpty() || name == "UTF-8" || name == "UTF8")
        return utf8;
    // Convert one character at a time on failure so one unmappable character costs one '?'.
    QByteArray out;
    if (convert(utf8, name.constData(), "UTF-8", 1, &out, [](QByteArray *) {})) {
        if (decode(out, codec) == text)
            return out;
    }
    out.clear();
    const QList<uint> codepoints = text.toUcs4();
    for (uint cp : codepoints) {
        const char32_t c32 = cp;
        const QByteArray one = QString::fromUcs4(&c32, 1).toUtf8();
        QByteArray converted;
        bool bad = false;
        if (!convert(one, name.constData(), "UTF-8", 1, &converted,
                     [&](QByteArray *) { bad = true; }) ||
            bad || converted.isEmpty())
            out += '?';
        else
            out += converted;
    }
    return out;
}

QString stripFeiqFontSuffix(const QString &text)
{
    static const QRegularExpression suffix(QStringLiteral("\\{/font;[^{}]{0,512};\\}\\s*$"));
    QString out = text;
    out.remove(suffix);
    return out;
}

QByteArray legacyCodecFor(ipmsg::ClientKind kind, const QByteArray &configuredLegacy)
{
    switch (kind) {
    case ipmsg::ClientKind::FeiQ:
        return QByteArrayLiteral("GB18030");
    case ipmsg::ClientKind::IpMsg:
        return QByteArrayLiteral("CP932");
    case ipmsg::ClientKind::LanPigeon:
    case ipmsg::ClientKind::Iptux:
        return QByteArrayLiteral("UTF-8");
    case ipmsg::ClientKind::Unknown:
        break;
    }
    return configuredLegacy.isEmpty() ? QByteArrayLiteral("GB18030") : configuredLegacy;
}

QString decodeFromPeer(const QByteArray &bytes, bool utf8Flag, ipmsg::ClientKind kind,
                       const QByteArray &configuredLegacy)
{
    QString text;
    if (utf8Flag) {
        text = QString::fromUtf8(bytes);
    } else if (kind == ipmsg::ClientKind::IpMsg || kind == ipmsg::ClientKind::Unknown) {
        // Pure ASCII and real UTF-8 are both valid UTF-8; legacy double-byte text almost never is.
        text = isValidUtf8(bytes) ? QString::fromUtf8(bytes)
                                  : decode(bytes, legacyCodecFor(kind, configuredLegacy));
    } else {
        text = decode(bytes, legacyCodecFor(kind, configuredLegacy));
    }
    if (kind == ipmsg::ClientKind::FeiQ)
        text = stripFeiqFontSuffix(text);
    // iptux pushes a message's pictures apart (765) and leaves U+0001 where each one stood.
    if (kind == ipmsg::ClientKind::Iptux)
        text.remove(QChar(0x01));
    return text;
}

bool peerTakesUtf8(ipmsg::ClientKind kind, bool announcedCapUtf8)
{
    if (announcedCapUtf8)
        return true;
    return kind == ipmsg::ClientKind::LanPigeon || kind == ipmsg::ClientKind::Iptux;
}

} // namespace lanpigeon::text
