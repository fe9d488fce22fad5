#include "tftp/tftpcodec.h"

#include <QtEndian>

#include <algorithm>
#include <limits>

namespace lanpigeon::tftp {

namespace {

quint16 be16(const QByteArray &d, int at)
{
    return qFromBigEndian<quint16>(reinterpret_cast<const uchar *>(d.constData()) + at);
}

QByteArray opcodeBytes(Opcode op)
{
    QByteArray out(2, '\0');
    qToBigEndian(quint16(op), reinterpret_cast<uchar *>(out.data()));
    return out;
}

// Splits NUL-terminated strings from `at`; false when the last one is not terminated.
bool strings(const QByteArray &d, int at, QList<QByteArray> *out)
{
    while (at < d.size()) {
        const int nul = int(d.indexOf('\0', at));
        if (nul < 0)
            return false;
        out->append(d.mid(at, nul - at));
        at = nul + 1;
    }
    return true;
}

std::optional<quint64> number(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 20)
        return std::nullopt;
    quint64 v = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const quint64 digit = quint64(c - '0');
        if (v > (std::numeric_limits<quint64>::max() - digit) / 10)
            return std::nullopt;
        v = v * 10 + digit;
    }
    return v;
}

QByteArray valueOf(const OptionList &options, const QByteArray &name)
{
    for (const auto &[n, v] : options) {
        if (n == name)
            return v;
    }
    return {};
}

bool has(const OptionList &options, const QByteArray &name)
{
    for (const auto &o : options) {
        if (o.first == name)
            return true;
    }
    return false;
}

} // namespace

ParsedPacket parse(const QByteArray &d)
{
    ParsedPacket r;
    if (d.size() < 4) {
        r.error = QStringLiteral("packet shorter than 4 bytes");
        return r;
    }
    const quint16 op = be16(d, 0);
    Packet &p = r.packet;
    switch (op) {
    case quint16(Opcode::Rrq):
    case quint16(Opcode::Wrq): {
        p.opcode = Opcode(op);
        QList<QByteArray> s;
        if (!strings(d, 2, &s) || s.size() < 2) {
            r.error = QStringLiteral("request without a terminated filename and mode");
            return r;
        }
        if (s.at(0).isEmpty()) {
            r.error = QStringLiteral("empty filename");
            return r;
        }
        p.filename = s.at(0);
        const QByteArray mode = s.at(1).toLower();
        if (mode == "octet")
            p.mode = Mode::Octet;
        else if (mode == "netascii")
            p.mode = Mode::Netascii;
        else {
            r.error =
                QStringLiteral("unsupported mode '%1'").arg(QString::fromLatin1(mode.left(16)));
            return r;
        }
        // Trailing garbage after the last complete pair is ignored, as most servers do.
        for (int i = 2; i + 1 < s.size(); i += 2)
            p.options.append({s.at(i).toLower(), s.at(i + 1)});
        return r;
    }
    case quint16(Opcode::Data):
        p.opcode = Opcode::Data;
        p.block = be16(d, 2);
        p.data = d.mid(4);
        return r;
    case quint16(Opcode::Ack):
        // Some stacks pad ACKs: only the block number counts.
        p.opcode = Opcode::Ack;
        p.block = be16(d, 2);
        return r;
    case quint16(Opcode::Error): {
        p.opcode = Opcode::Error;
        p.error = ErrorCode(be16(d, 2));
        const int nul = int(d.indexOf('\0', 4));
        p.message = d.mid(4, nul < 0 ? -1 : nul - 4);
        return r;
    }
    case quint16(Opcode::Oack): {
        p.opcode = Opcode::Oack;
        QList<QByteArray> s;
        if (!strings(d, 2, &s) || s.size() % 2 != 0) {
            r.error = QStringLiteral("OACK with an unterminated or unpaired option");
            return r;
        }
        for (int i = 0; i + 1 < s.size(); i += 2)
            p.options.append({s.at(i).toLower(), s.at(i + 1)});
        return r;
    }
    default:
        r.error = QStringLiteral("unknown opcode %1").arg(op);
        return r;
    }
}

QByteArray buildRequest(Opcode opcode, const QByteArray &filename, Mode mode,
                        const OptionList &options)
{
    QByteArray out =
        opcodeBytes(opcode) + filename + '\0' +
        (mode == Mode::Octet ? QByteArrayLiteral("octet") : QByteArrayLiteral("netascii")) + '\0';
    for (const auto &[name, value] : options)
        out += name + '\0' + value + '\0';
    return out;
}

QByteArray buildData(quint16 block, const QByteArray &payload)
{
    QByteArray out = opcodeBytes(Opcode::Data);
    out.resize(4);
    qToBigEndian(block, reinterpret_cast<uchar *>(out.data()) + 2);
    return out + payload;
}

QByteArray buildAck(quint16 block)
{
    QByteArray out = opcodeBytes(Opcode::Ack);
    out.resize(4);
    qToBigEndian(block, reinterpret_cast<uchar *>(out.data()) + 2);
    return out;
}

QByteArray buildError(ErrorCode code, const QByteArray &message)
{
    QByteArray out = opcodeBytes(Opcode::Error);
    out.resize(4);
    qToBigEndian(quint16(code), reinterpret_cast<uchar *>(out.data()) + 2);
    return out + QByteArray(message).replace('\0', "") + '\0';
}

QByteArray buildOack(const OptionList &options)
{
    QByteArray out = opcodeBytes(Opcode::Oack);
    for (const auto &[name, value] : options)
        out += name + '\0' + value + '\0';
    return out;
}

Negotiated negotiate(const Packet &request, std::optional<quint64> fileSize,
                     const ServerLimits &limits)
{
    Negotiated n;
    QList<QByteArray> seen;
    for (const auto &[name, value] : request.options) {
        // An option named twice counts once: the first time.
        if (seen.contains(name))
            continue;
        seen.append(name);
        const auto v = number(value);
        // A server may only answer a value at or below the one asked (RFC 2348, 7440): too big is
        // clamped down; too small cannot be fixed that way, so the option is left out.
        if (name == "blksize" && v && *v >= MinBlockSize) {
            n.options.blockSize =
                int(std::min<quint64>(*v, quint64(std::min(limits.maxBlockSize, MaxBlockSize))));
            n.accepted.append({name, QByteArray::number(n.options.blockSize)});
        } else if (name == "windowsize" && v && *v >= 1) {
            n.options.windowSize =
                int(std::min<quint64>(*v, quint64(std::min(limits.maxWindowSize, MaxWindowSize))));
            n.accepted.append({name, QByteArray::number(n.options.windowSize)});
        } else if (name == "timeout" && v && *v >= 1 && *v <= 255) {
            // RFC 2349: the timeout is echoed exactly or not at all.
            n.options.timeout = int(*v);
            n.accepted.append({name, QByteArray::number(n.options.timeout)});
        } else if (name == "tsize" && v && request.mode == Mode::Octet) {
            // RRQ: we tell the size (a request of 0 is a probe); WRQ: we echo what is coming.
            n.options.transferSize =
                request.opcode == Opcode::Rrq ? fileSize : std::optional<quint64>(*v);
            if (n.options.transferSize)
                n.accepted.append({name, QByteArray::number(*n.options.transferSize)});
        }
        // Anything else is not ours to answer: left out of the OACK.
    }
    return n;
}

std::optional<TransferOptions> applyOack(const OptionList &asked, const OptionList &oack,
                                         QString *error)
{
    TransferOptions t;
    for (const auto &[name, value] : oack) {
        const auto v = number(value);
        if (!has(asked, name) || !v) {
            if (error)
                *error = QStringLiteral("server answered option '%1' we did not ask for")
                             .arg(QString::fromLatin1(name));
            return std::nullopt;
        }
        const auto askedValue = number(valueOf(asked, name));
        if (name == "blksize") {
            if (*v < MinBlockSize || (askedValue && *v > *askedValue)) {
                if (error)
                    *error = QStringLiteral("server chose blksize %1").arg(*v);
                return std::nullopt;
            }
            t.blockSize = int(*v);
        } else if (name == "windowsize") {
            if (*v < 1 || (askedValue && *v > *askedValue)) {
                if (error)
                    *error = QStringLiteral("server chose windowsize %1").arg(*v);
                return std::nullopt;
            }
            t.windowSize = int(*v);
        } else if (name == "timeout") {
            t.timeout = int(std::clamp<quint64>(*v, 1, 255));
        } else if (name == "tsize") {
            t.transferSize = *v;
        }
    }
    return t;
}

QByteArray toNetascii(const QByteArray &local)
{
    QByteArray out;
    out.reserve(local.size() + local.size() / 16 + 2);
    for (char c : local) {
        if (c == '\n')
            out += "\r\n";
        else if (c == '\r')
            out += QByteArrayLiteral("\r\0");
        else
            out += c;
    }
    return out;
}

QByteArray NetasciiDecoder::decode(const QByteArray &wire)
{
    QByteArray out;
    out.reserve(wire.size());
    for (char c : wire) {
        if (m_pendingCr) {
            m_pendingCr = false;
            if (c == '\n') {
                out += '\n';
                continue;
            }
            out += '\r';
            if (c == '\0')
                continue;
        }
        if (c == '\r')
            m_pendingCr = true;
        else
            out += c;
    }
    return out;
}

QByteArray NetasciiDecoder::finish()
{
    if (!m_pendingCr)
        return {};
    m_pendingCr = false;
    return QByteArrayLiteral("\r");
}

} // namespace lanpigeon::tftp
