// IP Messenger wire constants: command modes and option flags, as IP Messenger's own ipmsg.h
// defines them; what real clients do with them is in the README's "Protocol notes".
#pragma once

#include <QtGlobal>

namespace lanpigeon::ipmsg {

constexpr quint16 DefaultPort = 2425;

// The largest UDP payload IPv4 can carry.
constexpr int MaxDatagram = 65507;

namespace Mode {
constexpr quint32 NoOperation = 0x00;
constexpr quint32 BrEntry = 0x01;
constexpr quint32 BrExit = 0x02;
constexpr quint32 AnsEntry = 0x03;
constexpr quint32 BrAbsence = 0x04;
constexpr quint32 BrIsGetList = 0x10;
constexpr quint32 OkGetList = 0x11;
constexpr quint32 GetList = 0x12;
constexpr quint32 AnsList = 0x13;
constexpr quint32 BrIsGetList2 = 0x18;
constexpr quint32 SendMsg = 0x20;
constexpr quint32 RecvMsg = 0x21;
constexpr quint32 ReadMsg = 0x30;
constexpr quint32 DelMsg = 0x31;
constexpr quint32 AnsReadMsg = 0x32;
constexpr quint32 GetInfo = 0x40;
constexpr quint32 SendInfo = 0x41;
constexpr quint32 GetAbsenceInfo = 0x50;
constexpr quint32 SendAbsenceInfo = 0x51;
constexpr quint32 GetFileData = 0x60;
constexpr quint32 ReleaseFiles = 0x61;
constexpr quint32 GetDirFiles = 0x62;
constexpr quint32 GetPubKey = 0x72;
constexpr quint32 AnsPubKey = 0x73;
// iptux's own group message (ipmsg-extensions.md §4): text, never acknowledged.
constexpr quint32 IptuxSendMsg = 0xFB;
} // namespace Mode

// The option of an IptuxSendMsg: one value in these bits, not flags (iptux Const.h).
namespace IptuxOpt {
constexpr quint32 Mask = 0xF00;
constexpr quint32 Regular = 0x100;
constexpr quint32 Segment = 0x200;
constexpr quint32 Group = 0x300;
constexpr quint32 Broadcast = 0x400;
} // namespace IptuxOpt

namespace Opt {
// Valid on every command.
constexpr quint32 Absence = 0x100;
constexpr quint32 Server = 0x200;
constexpr quint32 DialUp = 0x10000;
constexpr quint32 FileAttach = 0x200000;
constexpr quint32 Encrypt = 0x400000;
constexpr quint32 Utf8 = 0x800000;
constexpr quint32 CapUtf8 = 0x01000000;
constexpr quint32 CapIpDict = 0x02000000;
// IPMSG_ENCEXTMSGOPT: on entries, file and TO lists may travel inside the ciphertext; on
// SENDMSG, they do (ipmsg-extensions.md §1.6).
constexpr quint32 EncExtMsg = 0x04000000;
// IPMSG_CAPFILEENCOPT, on entries: downloads can be signed and encrypted (§1.7).
constexpr quint32 CapFileEnc = 0x00040000;
// IPMSG_CLIPBOARDOPT, on entries: takes pasted pictures as Clipboard attachments.
constexpr quint32 ClipboardCap = 0x08000000;
// SENDMSG only.
constexpr quint32 SendCheck = 0x100;
constexpr quint32 Secret = 0x200;
constexpr quint32 Broadcast = 0x400;
constexpr quint32 Multicast = 0x800;
constexpr quint32 AutoRet = 0x2000;
constexpr quint32 Retry = 0x4000;
constexpr quint32 Password = 0x8000;
constexpr quint32 NoLog = 0x20000;
constexpr quint32 NoAddList = 0x80000;
constexpr quint32 ReadCheck = 0x100000;
// GETFILEDATA/GETDIRFILES only: IPMSG_ENCFILEOPT, the response is AES-256-CTR encrypted
// (ipmsg-extensions.md §1.7).
constexpr quint32 EncFile = 0x800;
} // namespace Opt

constexpr quint32 modeOf(quint32 command)
{
    return command & 0xffu;
}
constexpr quint32 optionsOf(quint32 command)
{
    return command & 0xffffff00u;
}

} // namespace lanpigeon::ipmsg
