// libFuzzer target: the TFTP packet parser, option negotiation and netascii decoding.
#include "tftp/tftpcodec.h"

#include <cstdint>
#include <cstdlib>

using namespace lanpigeon::tftp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const ParsedPacket p = parse(bytes);
    if (p.ok()) {
        const Packet &pk = p.packet;
        if (pk.opcode == Opcode::Rrq || pk.opcode == Opcode::Wrq) {
            const Negotiated n = negotiate(pk, size);
            // Whatever we grant stays inside the RFC ranges, and we only answer what was asked.
            if (n.options.blockSize < MinBlockSize || n.options.blockSize > MaxBlockSize ||
                n.options.windowSize < 1 || n.options.windowSize > MaxWindowSize ||
                n.accepted.size() > pk.options.size())
                std::abort();
            QString error;
            if (!applyOack(pk.options, n.accepted, &error) && !n.accepted.isEmpty())
                std::abort();
            const ParsedPacket again =
                parse(buildRequest(pk.opcode, pk.filename, pk.mode, pk.options));
            if (!again.ok() || again.packet.filename != pk.filename)
                std::abort();
        }
    }
    // Netascii: decoding whole or split must agree, and encoding then decoding is the identity.
    NetasciiDecoder whole, split;
    QByteArray a = whole.decode(bytes);
    a += whole.finish();
    const qsizetype cut = size ? qsizetype(data[0]) % qsizetype(size + 1) : 0;
    QByteArray b = split.decode(bytes.left(cut));
    b += split.decode(bytes.mid(cut));
    b += split.finish();
    if (a != b)
        std::abort();
    NetasciiDecoder back;
    QByteArray round = back.decode(toNetascii(bytes));
    round += back.finish();
    if (round != bytes)
        std::abort();
    return 0;
}
