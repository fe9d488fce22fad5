// iptux's chat picture push (IPTUX_SENDSUBLAYER|IPTUX_MSGPICOPT over TCP): header codec.
#pragma once

#include "ipmsg/ipmsgcodec.h"

#include <QByteArray>

namespace lanpigeon::ipmsg {

// iptux's own commands and options (its ipmsg.h); only the picture push is spoken here.
namespace Iptux {
constexpr quint32 SendSublayer = 0xfd;
// The sender's "personal photo", pushed the same way; not a chat picture.
constexpr quint32 PhotoPicOpt = 0x100;
constexpr quint32 MsgPicOpt = 0x200;
// 765: the command of a chat picture push.
constexpr quint32 PictureCommand = SendSublayer | MsgPicOpt;
} // namespace Iptux

// The bytes that start a push: "<ver>:<pkt>:<user>:<host>:765:" and its NUL, written in one
// write() (iptux takes everything after the first NUL of its first read as picture bytes).
// header.command and header.extra are ignored.
QByteArray buildIptuxPictureHeader(const Packet &header);

enum class PictureHeaderStatus
{
    // More bytes are needed to decide.
    Incomplete,
    // A header of another command (a file request, iptux's photo push): not ours to take.
    OtherCommand,
    Complete,
    // No header can come of it: too long, a NUL before the fifth ':', garbage fields.
    Malformed,
};

struct PictureHeader
{
    PictureHeaderStatus status = PictureHeaderStatus::Incomplete;
    // The header without its NUL; valid for Complete and OtherCommand.
    Packet packet;
    // Where the picture bytes start in the stream; valid for Complete.
    int payloadOffset = 0;
    ParseError error = ParseError::None;
};

// Longest header accepted before its NUL (iptux's own read buffer is 8192 bytes).
constexpr int MaxPictureHeader = 8192;

// Reads the start of a TCP stream as iptux does: up to the fifth ':', then to the first NUL;
// the picture is every byte after that NUL until the sender closes.
PictureHeader parseIptuxPictureHeader(const QByteArray &streamStart);

} // namespace lanpigeon::ipmsg
