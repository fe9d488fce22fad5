#include "crypto/cryptocodec.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <QList>

namespace lanpigeon::crypto {

namespace {

// A body arrives in one UDP datagram (or a TCP request of the same bound): nothing longer is
// read, so every field below is bounded by it too.
constexpr qsizetype MaxBody = 64 * 1024;
constexpr int SessionKeyBytes = 32;
constexpr int AesBlock = 16;
// A wrapped key or signature from a key of at most 8192 bits.
constexpr qsizetype MaxRsaBytes = 8192 / 8;
constexpr int MaxRecipients = 30;

struct CipherCtxFree
{
    void operator()(EVP_CIPHER_CTX *c) const { EVP_CIPHER_CTX_free(c); }
};
struct PkeyCtxFree
{
    void operator()(EVP_PKEY_CTX *c) const { EVP_PKEY_CTX_free(c); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

// OpenSSL leaves the reasons of a refusal in the thread's error queue; a refused hostile input
// must not leave them for the next user of OpenSSL on this thread (Qt's TLS reads that queue).
struct ClearErrorsOnExit
{
    ~ClearErrorsOnExit() { ERR_clear_error(); }
};

const unsigned char *bytes(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}
unsigned char *bytes(QByteArray &b)
{
    return reinterpret_cast<unsigned char *>(b.data());
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool allHex(const QByteArray &s)
{
    for (const char c : s) {
        if (!isHexDigit(c))
            return false;
    }
    return true;
}

// A hex number of at most maxDigits digits, any case.
std::optional<quint64> hexNumber(const QByteArray &s, int maxDigits)
{
    if (s.isEmpty() || s.size() > maxDigits || !allHex(s))
        return std::nullopt;
    bool ok = false;
    const quint64 v = s.toULongLong(&ok, 16);
    if (!ok)
        return std::nullopt;
    return v;
}

std::optional<quint32> capaField(const QByteArray &s)
{
    const auto v = hexNumber(s, 8);
    if (!v)
        return std::nullopt;
    return static_cast<quint32>(*v);
}

QByteArray encodeField(const QByteArray &raw, bool base64)
{
    return base64 ? raw.toBase64() : raw.toHex();
}

// Hex (any case, even length) or standard base64; nullopt for anything else.
std::optional<QByteArray> decodeField(const QByteArray &text, bool base64)
{
    if (text.isEmpty())
        return std::nullopt;
    if (!base64) {
        if (text.size() % 2 != 0 || !allHex(text))
            return std::nullopt;
        return QByteArray::fromHex(text);
    }
    // Windows pads its base64 (CryptBinaryToString); a body cut inside the padding is cut.
    if (text.size() % 4 != 0)
        return std::nullopt;
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
        if (!ok)
            return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return std::nullopt;
    return std::move(decoded.decoded);
}

const EVP_MD *signatureDigest(quint32 capa)
{
    if (capa & Capa::SignSha256)
        return EVP_sha256();
    if (capa & Capa::SignSha1)
        return EVP_sha1();
    return nullptr;
}

QByteArray rsaEncrypt(const RsaKey &key, const QByteArray &plain)
{
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.handle(), nullptr));
    size_t len = 0;
    if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
        EVP_PKEY_encrypt(ctx.get(), nullptr, &len, bytes(plain), size_t(plain.size())) != 1)
        return {};
    QByteArray out(qsizetype(len), Qt::Uninitialized);
    if (EVP_PKEY_encrypt(ctx.get(), bytes(out), &len, bytes(plain), size_t(plain.size())) != 1)
        return {};
    out.truncate(qsizetype(len));
    return out;
}

std::optional<QByteArray> rsaDecrypt(const RsaKey &key, const QByteArray &wrapped)
{
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.handle(), nullptr));
    size_t len = 0;
    if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
        EVP_PKEY_decrypt(ctx.get(), nullptr, &len, bytes(wrapped), size_t(wrapped.size())) != 1)
        return std::nullopt;
    QByteArray out(qsizetype(len), Qt::Uninitialized);
    if (EVP_PKEY_decrypt(ctx.get(), bytes(out), &len, bytes(wrapped), size_t(wrapped.size())) != 1)
        return std::nullopt;
    out.truncate(qsizetype(len));
    return out;
}

std::optional<QByteArray> aesCbc(bool encrypt, const QByteArray &key, const QByteArray &iv,
                                 const QByteArray &in)
{
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx || EVP_CipherInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, bytes(key), bytes(iv),
                                  encrypt ? 1 : 0) != 1)
        return std::nullopt;
    QByteArray out(in.size() + AesBlock, Qt::Uninitialized);
    int len = 0;
    int tail = 0;
    if (EVP_CipherUpdate(ctx.get(), bytes(out), &len, bytes(in), int(in.size())) != 1 ||
        EVP_CipherFinal_ex(ctx.get(), bytes(out) + len, &tail) != 1)
        return std::nullopt;
    out.truncate(len + tail);
    return out;
}

QByteArray sign(const RsaKey &key, const EVP_MD *md, const QByteArray &data)
{
    MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    size_t len = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, key.handle()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, bytes(data), size_t(data.size())) != 1)
        return {};
    QByteArray out(qsizetype(len), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), bytes(out), &len, bytes(data), size_t(data.size())) != 1)
        return {};
    out.truncate(qsizetype(len));
    return out;
}

bool verify(const RsaKey &key, const EVP_MD *md, const QByteArray &data, const QByteArray &sig)
{
    MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    return ctx && EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key.handle()) == 1 &&
           EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1 &&
           EVP_DigestVerify(ctx.get(), bytes(sig), size_t(sig.size()), bytes(data),
                            size_t(data.size())) == 1;
}

struct Fields
{
    quint32 capa = 0;
    QByteArray wrapped;
    QByteArray cipher;
    std::optional<QByteArray> signature;
};

// Splits and decodes "CAPA:key:cipher[:sig]"; capa checks beyond the encoding are the caller's.
std::optional<Fields> splitBody(const QByteArray &body)
{
    if (body.isEmpty() || body.size() > MaxBody)
        return std::nullopt;
    // Windows reads the body as a C string: a clear file list may follow its NUL (§1.4).
    const qsizetype nul = body.indexOf('\0');
    const QList<QByteArray> parts = (nul < 0 ? body : body.left(nul)).split(':');
    if (parts.size() < 3 || parts.size() > 4)
        return std::nullopt;
    Fields f;
    const auto capa = capaField(parts[0]);
    if (!capa)
        return std::nullopt;
    f.capa = *capa;
    const bool base64 = f.capa & Capa::Base64;
    const bool signedBody = f.capa & (Capa::SignSha1 | Capa::SignSha256);
    // The signature is there exactly when capa says so (Windows' DecryptMsg reads it so), so
    // a body cut before it is malformed, not an unsigned message.
    if (signedBody != (parts.size() == 4))
        return std::nullopt;
    auto wrapped = decodeField(parts[1], base64);
    auto cipher = decodeField(parts[2], base64);
    if (!wrapped || !cipher || wrapped->size() > MaxRsaBytes)
        return std::nullopt;
    f.wrapped = std::move(*wrapped);
    f.cipher = std::move(*cipher);
    if (signedBody) {
        auto sig = decodeField(parts[3], base64);
        if (!sig || sig->size() > MaxRsaBytes)
            return std::nullopt;
        f.signature = std::move(*sig);
    }
    return f;
}

} // namespace

QByteArray encodeGetPubKey(quint32 capa)
{
    return QByteArray::number(capa, 16);
}

std::optional<quint32> parseGetPubKey(const QByteArray &body)
{
    // The extension area may keep the datagram's terminating NULs.
    QByteArray s = body;
    while (s.endsWith('\0'))
        s.chop(1);
    return capaField(s);
}

QByteArray encodeAnsPubKey(const RsaKey &key, quint32 capa)
{
    if (key.isNull())
        return {};
    return QByteArray::number(capa, 16).toUpper() + ':' +
           QByteArray::number(key.exponent(), 16).toUpper() + '-' + key.modulus().toHex();
}

std::optional<PublicKeyAnswer> parseAnsPubKey(const QByteArray &body)
{
    if (body.size() > MaxBody)
        return std::nullopt;
    QByteArray s = body;
    while (s.endsWith('\0'))
        s.chop(1);
    const qsizetype colon = s.indexOf(':');
    const qsizetype dash = s.indexOf('-', colon + 1);
    if (colon < 0 || dash < 0)
        return std::nullopt;
    const auto capa = capaField(s.left(colon));
    const auto e = capaField(s.mid(colon + 1, dash - colon - 1));
    // Windows reads the modulus up to a ':' or the end.
    QByteArray n = s.mid(dash + 1);
    const qsizetype end = n.indexOf(':');
    if (end >= 0)
        n.truncate(end);
    // 8192 bits is 2048 hex digits; leading zeros beyond a few bytes are no real key.
    if (!capa || !e || n.isEmpty() || n.size() > 2048 + 16 || !allHex(n))
        return std::nullopt;
    if (n.size() % 2 != 0)
        n.prepend('0');
    auto key = RsaKey::fromModulus(QByteArray::fromHex(n), *e);
    if (!key)
        return std::nullopt;
    return PublicKeyAnswer{*capa, std::move(*key)};
}

quint32 chooseCapa(quint32 peerCapa, quint32 ourCapa)
{
    const quint32 both = peerCapa & ourCapa;
    const quint32 extras = Capa::PacketNoIv | Capa::Base64;
    if ((both & Capa::Rsa2048) && (both & Capa::Aes256) && (both & Capa::SignSha256))
        return Capa::Rsa2048 | Capa::Aes256 | Capa::SignSha256 | (both & extras);
    if ((both & Capa::Rsa2048) && (both & Capa::Aes256))
        return Capa::Rsa2048 | Capa::Aes256 | (both & (extras | Capa::SignSha1));
    if ((both & Capa::Rsa1024) && (both & Capa::Blowfish128))
        return Capa::Rsa1024 | Capa::Blowfish128 | (both & extras);
    return 0;
}

QByteArray packetNoIv(quint64 packetNo)
{
    // Windows sprintf()s the number into a zeroed 16-byte buffer and reads back at most 15
    // characters and a NUL.
    QByteArray iv = QByteArray::number(packetNo).left(AesBlock - 1);
    iv.append(QByteArray(AesBlock - iv.size(), '\0'));
    return iv;
}

QByteArray seal(const QByteArray &plaintext, quint32 capa, const RsaKey &peerKey,
                const RsaKey &ourKey, quint64 packetNo, const QByteArray &sessionKey)
{
    const ClearErrorsOnExit clearErrors;
    if (!(capa & Capa::Rsa2048) || !(capa & Capa::Aes256) || peerKey.isNull())
        return {};
    const EVP_MD *md = signatureDigest(capa);
    if (md && (ourKey.isNull() || !ourKey.hasPrivate()))
        return {};
    QByteArray key = sessionKey;
    if (key.isEmpty()) {
        key.resize(SessionKeyBytes);
        if (RAND_bytes(bytes(key), SessionKeyBytes) != 1)
            return {};
    }
    if (key.size() != SessionKeyBytes)
        return {};
    const QByteArray iv =
        (capa & Capa::PacketNoIv) ? packetNoIv(packetNo) : QByteArray(AesBlock, '\0');
    const QByteArray wrapped = rsaEncrypt(peerKey, key);
    const auto cipher = aesCbc(true, key, iv, plaintext);
    if (wrapped.isEmpty() || !cipher)
        return {};
    const bool base64 = capa & Capa::Base64;
    QByteArray body = QByteArray::number(capa, 16).toUpper() + ':' + encodeField(wrapped, base64) +
                      ':' + encodeField(*cipher, base64);
    if (md) {
        const QByteArray sig = sign(ourKey, md, plaintext);
        if (sig.isEmpty())
            return {};
        body += ':' + encodeField(sig, base64);
    }
    return body;
}

Opened open(const QByteArray &body, const RsaKey &ourKey, const RsaKey &senderKey, quint64 packetNo,
            const QByteArray &unwrapped)
{
    const ClearErrorsOnExit clearErrors;
    Opened result;
    const auto fields = splitBody(body);
    if (!fields) {
        result.error = OpenError::Malformed;
        return result;
    }
    result.capa = fields->capa;
    if (!(fields->capa & Capa::Rsa2048) || !(fields->capa & Capa::Aes256)) {
        result.error = OpenError::Unsupported;
        return result;
    }

    QByteArray key;
    if (unwrapped.size() == SessionKeyBytes) {
        key = unwrapped;
    } else {
        if (ourKey.isNull() || !ourKey.hasPrivate()) {
            result.error = OpenError::WrongKey;
            return result;
        }
        auto k = rsaDecrypt(ourKey, fields->wrapped);
        if (!k || k->size() != SessionKeyBytes) {
            result.error = OpenError::WrongKey;
            return result;
        }
        key = std::move(*k);
    }

    const QByteArray iv =
        (fields->capa & Capa::PacketNoIv) ? packetNoIv(packetNo) : QByteArray(AesBlock, '\0');
    std::optional<QByteArray> plain;
    if (!fields->cipher.isEmpty() && fields->cipher.size() % AesBlock == 0)
        plain = aesCbc(false, key, iv, fields->cipher);
    if (!plain) {
        result.error = OpenError::Corrupt;
        return result;
    }

    result.plaintext = std::move(*plain);
    result.sessionKey = std::move(key);
    if (const EVP_MD *md = signatureDigest(fields->capa)) {
        if (senderKey.isNull())
            result.signature = SignatureCheck::Unchecked;
        else
            result.signature = verify(senderKey, md, result.plaintext, *fields->signature)
                                   ? SignatureCheck::Good
                                   : SignatureCheck::Bad;
    }
    return result;
}

QByteArray wrappedKeyOf(const QByteArray &body)
{
    const auto fields = splitBody(body);
    return fields ? fields->wrapped : QByteArray();
}

QByteArray encodeExtPlaintext(const ExtPlaintext &ext)
{
    QByteArray out = ext.body;
    out += '\0';
    if (ext.fileList.isEmpty() && ext.to.isEmpty())
        return out;
    out += ext.fileList;
    out += '\0';
    if (!ext.to.isEmpty()) {
        out += "TO:";
        const int n = std::min<int>(int(ext.to.size()), MaxRecipients);
        for (int i = 0; i < n; ++i) {
            if (i > 0)
                out += '\a';
            out += ext.to[i].first + ':' + ext.to[i].second;
        }
        out += '\0';
    }
    return out;
}

std::optional<ExtPlaintext> parseExtPlaintext(const QByteArray &plaintext)
{
    const qsizetype bodyEnd = plaintext.indexOf('\0');
    if (bodyEnd < 0)
        return std::nullopt;
    ExtPlaintext ext;
    ext.body = plaintext.left(bodyEnd);
    qsizetype pos = bodyEnd + 1;
    if (pos >= plaintext.size())
        return ext;
    qsizetype end = plaintext.indexOf('\0', pos);
    if (end < 0)
        end = plaintext.size();
    ext.fileList = plaintext.mid(pos, end - pos);
    pos = end + 1;
    if (pos >= plaintext.size())
        return ext;
    end = plaintext.indexOf('\0', pos);
    if (end < 0)
        end = plaintext.size();
    const QByteArray list = plaintext.mid(pos, end - pos);
    if (!list.startsWith("TO:"))
        return ext;
    for (const QByteArray &entry : list.mid(3).split('\a')) {
        if (ext.to.size() >= MaxRecipients)
            break;
        const qsizetype colon = entry.indexOf(':');
        if (colon <= 0 || colon == entry.size() - 1)
            continue;
        ext.to.append({entry.left(colon), entry.mid(colon + 1)});
    }
    return ext;
}

QByteArray encodeFileRequest(const FileRequest &request)
{
    QByteArray out = QByteArray::number(request.packetNo, 16) + ':' +
                     QByteArray::number(request.fileId, 16) + ':';
    if (request.offset)
        out += QByteArray::number(*request.offset, 16) + ':';
    if (request.streamKey.isEmpty()) {
        out += QByteArray::number(Capa::NoEncFileBody, 16) + ':';
    } else {
        out += QByteArray::number(Capa::Aes256 | Capa::PacketNoIv, 16) + ':' +
               request.streamKey.toHex() + ':';
    }
    out += QByteArray::number(request.requestPacketNo, 16);
    // Sealed like a message: the signed plaintext ends in its NUL.
    out += '\0';
    return out;
}

std::optional<FileRequest> parseFileRequest(const QByteArray &plaintext, bool withOffset)
{
    if (plaintext.size() > 1024)
        return std::nullopt;
    QByteArray s = plaintext;
    while (s.endsWith('\0'))
        s.chop(1);
    const QList<QByteArray> parts = s.split(':');
    const int fixed = withOffset ? 3 : 2;
    if (parts.size() < fixed + 2)
        return std::nullopt;
    FileRequest r;
    const auto packetNo = hexNumber(parts[0], 16);
    const auto fileId = hexNumber(parts[1], 16);
    const auto capa = hexNumber(parts[fixed], 8);
    if (!packetNo || !fileId || !capa)
        return std::nullopt;
    r.packetNo = *packetNo;
    r.fileId = *fileId;
    if (withOffset) {
        const auto offset = hexNumber(parts[2], 16);
        if (!offset)
            return std::nullopt;
        r.offset = *offset;
    }
    qsizetype next = fixed + 1;
    if (*capa & Capa::Aes256) {
        if (parts.size() != fixed + 3 || parts[next].size() != 2 * SessionKeyBytes ||
            !allHex(parts[next]))
            return std::nullopt;
        r.streamKey = QByteArray::fromHex(parts[next]);
        ++next;
    } else if (!(*capa & Capa::NoEncFileBody) || parts.size() != fixed + 2) {
        return std::nullopt;
    }
    const auto requestNo = hexNumber(parts[next], 16);
    if (!requestNo)
        return std::nullopt;
    r.requestPacketNo = *requestNo;
    return r;
}

} // namespace lanpigeon::crypto
