// libFuzzer target: encrypted bodies (open() with a fixed key pair, through the RSA unwrap and
// past it with a fixed session key), public-key payloads, ENCEXT plaintext and file requests.
#include "crypto/cryptocodec.h"

#include <cstdint>
#include <cstdlib>

using namespace lanpigeon::crypto;

namespace {

// A key made for this target only, fixed so that the seed corpus (sealed for it with
// FuzzSessionKey) decrypts run after run. It protects nothing.
const char FuzzKeyPem[] = "-----BEGIN PRIVATE KEY-----\n"
                          "MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCVYPf/1NCTb2/F\n"
                          "YF83S4hwuT99WkYOeAJ8BXEpH/hMWfj3REwwJd1GIf3b3BhXGxAiUnVSEBCTT7HJ\n"
                          "oWKbVlIaoNR3/8EjbjOksjUICnAvertpD47koaBQBT0gTJCV7WI8OdENWpLDAqjR\n"
                          "nTRlJ87Lsv42OLVoNKx9R6CZ0doMRlQRv5LFLU07OMWAzgdPM7Pe2VVGgvCiOjqV\n"
                          "egpjJTFNSCSXvw8qT7crih4IWGpzDS95n+2n8UVTLTD4q0tYkFT3lO2jbtly/UE1\n"
                          "0DfVcsmOMj2+Q/j65CavUX6m0svNU7wfNWhOO/eyr4PrVQkS98fnaaM0VRy7TlO4\n"
                          "TLjUo/9JAgMBAAECggEAH4ZqcFRyfFsNRKN1FM9dCSUfUA4oMM+E/rWLTzmPBlYK\n"
                          "o+yHA7ZJ/44W7DqD7IYqnoO2fM4lIWG1TK9BhzTteO8uR/Dyys5sGbr+VCcXy/1j\n"
                          "5eVBq+CsW5bvcoyWCv4hOEKfaukNhhhelnZN43dGPlkVK05GgqpzKLFgJHZURTiT\n"
                          "4bS2onHXIPw2NW7xzn2tT12pWOotncTk4YNZ5paaINgWT4Wi1ZTdzXHACmucjGwZ\n"
                          "s3AkIQMkqGOfrx84deeNJUUAwMa7iYLXy8iS1FxyoXo2/6stWUz96EWFLktwVuYg\n"
                          "Z4ngp64MSY1H9RaU9O/ZNiGQjg0WuvoZasRqg2qEDQKBgQDHD/fSASsYEGZxHggO\n"
                          "ltpyCExHp29flspazuuYdv45UrXViitZCrSQapUBqVbgYlbYx2MkJjGF0C61Wdxl\n"
                          "ZIabRaN/ZtEhCJWy/QjqhvRWikhuWd/N2SSBlKGZfqxbTTMdgfeFSMMVNKd4sdvI\n"
                          "0dIT8kGUdzc8fXojK9Icn5zrdwKBgQDAGv9K6j1e7VivFlPlL1XDPBe6olyAVPbi\n"
                          "5WgpElPI2KPoe4pzQ6+YzSUPHYusdGP4fkRF2TMfKDhSlxwzPsJaac9pDu0xXk+e\n"
                          "F06hJ31zLum1ccnk+SuWIB7xD8fYkjiCYB6MF5Rj0rgAOSYk42uqL2itxsQ9fUgH\n"
                          "9e27XHObPwKBgDjuGSsHSILWVeXt99HsVMceFmq7uP92iaLU4M424dgVDonmvST3\n"
                          "CdLvmHPkMUN0/G98/p6dCbbCZklZTM32pQSNMwhBqHexE9cfxMgGFqUVYUemDnq5\n"
                          "qlYg4uKaNsLZ3k+HFvoYaCqNZ4P+IeRaFaG8vAKw4aw8Go0qgCnNgDxbAoGAMTH4\n"
                          "tKedxcSEVHokS+m+TbwC26GejKK1gs96yCHQYPvRpcSVZQUtX7URS3imfyhjPYyg\n"
                          "UT7ZD56OJeBasWjd/qdgHShcZ6seOn7/fNePEcMuyG92Y3PHzK83HUaMSBLR89lH\n"
                          "mVqkfpfE1RHNid7PgIqZhP8E3DZMDvXUxolbdaMCgYBUVhH9+m3UMrE7/n3FWITl\n"
                          "aFtSPm5xYgGQymaZrBn2T8P1/p7q2f1BW7Uw+YKXfYOLGJcNIx0mbuDqy5Mu3mBI\n"
                          "E0EfFn3Mg4I9XZgigbpq8iJxOq5lrJNPgmLf7mfw0Lk+g8LR4kqLRr/lBC4uKKRK\n"
                          "+TEofNkAsSgokxaaiUqjTg==\n"
                          "-----END PRIVATE KEY-----\n";

const QByteArray FuzzSessionKey(32, '\x5f');
constexpr quint64 FuzzPacketNo = 1234567;

const RsaKey &fuzzKey()
{
    static const RsaKey key = *RsaKey::fromPem(QByteArray(FuzzKeyPem));
    return key;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const RsaKey &key = fuzzKey();

    for (const QByteArray &unwrapped : {QByteArray(), FuzzSessionKey}) {
        const Opened o = open(raw, key, key, FuzzPacketNo, unwrapped);
        if (o.error != OpenError::None && !o.plaintext.isEmpty())
            std::abort();
        if (o.error == OpenError::None && o.sessionKey.size() != 32)
            std::abort();
    }
    (void)wrappedKeyOf(raw);

    (void)parseGetPubKey(raw);
    if (const auto answer = parseAnsPubKey(raw)) {
        const auto again = parseAnsPubKey(encodeAnsPubKey(answer->key, answer->capa));
        if (!again || again->capa != answer->capa || again->key != answer->key)
            std::abort();
    }

    if (const auto ext = parseExtPlaintext(raw)) {
        if (ext->body.contains('\0') || ext->to.size() > 30)
            std::abort();
        // What we write from it reads back the same.
        const auto again = parseExtPlaintext(encodeExtPlaintext(*ext));
        if (!again || again->body != ext->body || again->to != ext->to)
            std::abort();
    }

    for (const bool withOffset : {false, true}) {
        if (const auto request = parseFileRequest(raw, withOffset)) {
            if (!request->streamKey.isEmpty() && request->streamKey.size() != 32)
                std::abort();
            const auto again = parseFileRequest(encodeFileRequest(*request), withOffset);
            if (!again || again->packetNo != request->packetNo ||
                again->fileId != request->fileId || again->offset != request->offset ||
                again->streamKey != request->streamKey ||
                again->requestPacketNo != request->requestPacketNo)
                std::abort();
        }
    }
    return 0;
}
