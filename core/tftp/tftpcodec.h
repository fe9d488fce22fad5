// Pure TFTP functions: packets (RFC 1350, 2347 OACK), option negotiation (2348/2349/7440),
// netascii.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace lanpigeon::tftp {

enum class Opcode : quint16
{
    Rrq = 1,
    Wrq = 2,
    Data = 3,
    Ack = 4,
    Error = 5,
    Oack = 6
};

enum class ErrorCode : quint16
{
    NotDefined = 0,
    FileNotFound = 1,
    AccessViolation = 2,
    DiskFull = 3,
    IllegalOperation = 4,
    UnknownTid = 5,
    FileExists = 6,
    NoSuchUser = 7,
    OptionRefused = 8,
};

enum class Mode
{
    Octet,
    Netascii
};

// Option names are kept lower-case, in the order the peer sent them.
using OptionList = QList<QPair<QByteArray, QByteArray>>;

struct Packet
{
    Opcode opcode = Opcode::Error;
    // RRQ / WRQ
    QByteArray filename;
    Mode mode = Mode::Octet;
    // RRQ / WRQ / OACK
    OptionList options;
    // DATA / ACK
    quint16 block = 0;
    QByteArray data;
    // ERROR
    ErrorCode error = ErrorCode::NotDefined;
    QByteArray message;
};

struct ParsedPacket
{
    Packet packet;
    // Empty when the packet is valid.
    QString error;
    bool ok() const { return error.isEmpty(); }
};

constexpr int DefaultBlockSize = 512;
constexpr int MinBlockSize = 8;
constexpr int MaxBlockSize = 65464;
constexpr int MaxWindowSize = 65535;

ParsedPacket parse(const QByteArray &datagram);

QByteArray buildRequest(Opcode opcode, const QByteArray &filename, Mode mode,
                        const OptionList &options);
QByteArray buildData(quint16 block, const QByteArray &payload);
QByteArray buildAck(quint16 block);
QByteArray buildError(ErrorCode code, const QByteArray &message);
QByteArray buildOack(const OptionList &options);

// What a transfer runs with once options are settled.
struct TransferOptions
{
    int blockSize = DefaultBlockSize;
    int windowSize = 1;
    // Seconds; 0 when not negotiated (adaptive timers are used then).
    int timeout = 0;
    // tsize the server reports (RRQ) or the client announced (WRQ); nullopt when not asked.
    std::optional<quint64> transferSize;
};

struct ServerLimits
{
    int maxBlockSize = MaxBlockSize;
    int maxWindowSize = MaxWindowSize;
};

struct Negotiated
{
    TransferOptions options;
    // The OACK to send; empty when nothing was accepted (then the transfer starts plainly).
    OptionList accepted;
};

// Server side (RFC 2347): unknown options and unusable values are left out rather than refused,
// values above our limits clamped down, tsize omitted for netascii. fileSize is for RRQ only.
Negotiated negotiate(const Packet &request, std::optional<quint64> fileSize,
                     const ServerLimits &limits = {});

// Client side: applies an OACK to what was asked. Nullopt (with error set) when the server
// answered something we did not ask for or a value outside what we asked.
std::optional<TransferOptions> applyOack(const OptionList &asked, const OptionList &oack,
                                         QString *error);

// Local text to netascii: LF -> CR LF, CR -> CR NUL. Stateless, so any chunking works.
QByteArray toNetascii(const QByteArray &local);

// Netascii back to local text, CR LF -> LF and CR NUL -> CR, across block boundaries.
class NetasciiDecoder final
{
public:
    QByteArray decode(const QByteArray &wire);
    // A lone CR at the very end is kept as CR.
    QByteArray finish();

private:
    bool m_pendingCr = false;
};

} // namespace lanpigeon::tftp
