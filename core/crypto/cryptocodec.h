// IP Messenger's encryption on the wire (docs: ipmsg-extensions.md §1): key payloads, sealed
// bodies, ENCEXTMSGOPT plaintext and encrypted file requests, as pure functions over OpenSSL.
#pragma once

#include "crypto/rsakey.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <optional>

namespace lanpigeon::crypto {

// Crypto capability bits. They travel as hex text in GETPUBKEY/ANSPUBKEY bodies and at the head
// of an encrypted body, never in the command word (IP Messenger 4.99r3 ipmsg.h).
namespace Capa {
constexpr quint32 Rsa1024 = 0x00000002;
constexpr quint32 Rsa2048 = 0x00000004;
constexpr quint32 Blowfish128 = 0x00020000;
constexpr quint32 Aes256 = 0x00100000;
constexpr quint32 PacketNoIv = 0x00800000;
constexpr quint32 Base64 = 0x01000000;
constexpr quint32 NoEncFileBody = 0x04000000;
constexpr quint32 SignSha1 = 0x20000000;
constexpr quint32 SignSha256 = 0x40000000;
// What LanPigeon supports and announces (§1.8): one RSA-2048 key, AES-256-CBC, both signatures.
constexpr quint32 Ours = Rsa2048 | Aes256 | PacketNoIv | Base64 | SignSha1 | SignSha256;
} // namespace Capa

// GETPUBKEY body: our capa in lower-case hex ("61900004").
QByteArray encodeGetPubKey(quint32 capa = Capa::Ours);
// The requester's capa, or nullopt if the body is not hex.
std::optional<quint32> parseGetPubKey(const QByteArray &body);

// ANSPUBKEY body: "CAPA:E-modulus" (capa and e upper-case hex, modulus lower-case big-endian hex).
QByteArray encodeAnsPubKey(const RsaKey &key, quint32 capa = Capa::Ours);
struct PublicKeyAnswer
{
    quint32 capa = 0;
    RsaKey key;
};
// Case-insensitive; nullopt for a malformed body or a key fromModulus() refuses.
std::optional<PublicKeyAnswer> parseAnsPubKey(const QByteArray &body);

// The set a sealed message uses with a peer of peerCapa, as IP Messenger's MakeEncryptMsg picks
// it (§1.3); 0 when the two have no usable set in common (then nothing is encrypted).
quint32 chooseCapa(quint32 peerCapa, quint32 ourCapa = Capa::Ours);

// The IV a packet number gives (§1.4): its decimal digits, zero-padded to 16 bytes.
QByteArray packetNoIv(quint64 packetNo);

// Encrypts plaintext (which must already end in its '\0' and any ENCEXT sections) for the holder
// of peerKey: "CAPA:wrapped-key:ciphertext[:signature]" (§1.4), hex or base64 as capa says,
// signed with ourKey when capa has a signature bit. sessionKey: 32 bytes, or empty for a fresh
// random one. Empty on an OpenSSL failure or a capa this cannot make (Blowfish).
QByteArray seal(const QByteArray &plaintext, quint32 capa, const RsaKey &peerKey,
                const RsaKey &ourKey, quint64 packetNo, const QByteArray &sessionKey = {});

enum class SignatureCheck
{
    // The body carries no signature (its capa has no signature bit).
    Absent = 0,
    // Checked against the sender's key: good.
    Good = 1,
    // Checked against the sender's key: does not match.
    Bad = 2,
    // Signed, but the sender's key was not given: open() again once it is known.
    Unchecked = 3,
};

enum class OpenError
{
    None = 0,
    // Not "CAPA:key:cipher[:sig]" in hex or base64.
    Malformed = 1,
    // A capa this does not read (RSA-1024/Blowfish, or no cipher bit).
    Unsupported = 2,
    // The session key does not unwrap with our key: sealed for someone else, or tampered.
    WrongKey = 3,
    // The ciphertext does not decrypt (bad padding): tampered or truncated.
    Corrupt = 4,
};

struct Opened
{
    OpenError error = OpenError::None;
    quint32 capa = 0;
    // With its trailing '\0' and any ENCEXT sections, as signed.
    QByteArray plaintext;
    SignatureCheck signature = SignatureCheck::Absent;
    // The unwrapped session key, for a receiver that caches unwraps by wrapped-key bytes.
    QByteArray sessionKey;
};

// Decrypts a body seal() or IP Messenger made for ourKey, and checks its signature with
// senderKey if given. packetNo: the header's, for PACKETNO_IV. unwrapped: a session key already
// unwrapped from these same wrapped-key bytes (skips the RSA decryption); may be empty.
Opened open(const QByteArray &body, const RsaKey &ourKey, const RsaKey &senderKey,
            quint64 packetNo, const QByteArray &unwrapped = {});
// The wrapped-key field of body, decoded; empty if malformed. The key of an unwrap cache.
QByteArray wrappedKeyOf(const QByteArray &body);

// The plaintext of an ENCEXTMSGOPT message (§1.6): "body\0fileinfo\0[TO:u:h\au:h…\0]".
struct ExtPlaintext
{
    QByteArray body;
    QByteArray fileList;
    // (user, host) of the other recipients, at most 30.
    QList<QPair<QByteArray, QByteArray>> to;
};
QByteArray encodeExtPlaintext(const ExtPlaintext &ext);
// Also reads a plain "body\0" plaintext (no sections). nullopt without the body's '\0'.
std::optional<ExtPlaintext> parseExtPlaintext(const QByteArray &plaintext);

// An encrypted GETFILEDATA/GETDIRFILES request's plaintext (§1.7):
// "pkt:fileid:[offset:]900000:<64 hex key>:<requestPacketNo>", all hex.
struct FileRequest
{
    quint64 packetNo = 0;
    quint64 fileId = 0;
    // Only GETFILEDATA carries one.
    std::optional<quint64> offset;
    // 32 bytes: the AES-256-CTR key of the download stream. Empty for "4000000:" (signed,
    // body not encrypted).
    QByteArray streamKey;
    // The request packet's own number: the replay check and the CTR counter's start.
    quint64 requestPacketNo = 0;
};
QByteArray encodeFileRequest(const FileRequest &request);
// withOffset: GETFILEDATA (true) or GETDIRFILES (false). nullopt if malformed.
std::optional<FileRequest> parseFileRequest(const QByteArray &plaintext, bool withOffset);

} // namespace lanpigeon::crypto
