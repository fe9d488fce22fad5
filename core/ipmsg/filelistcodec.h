// Pure functions for IPMsg file offers: the attachment list and the TCP fetch requests.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>

#include <optional>

namespace lanpigeon::ipmsg {

namespace FileAttr {
constexpr quint32 Regular = 0x1;
constexpr quint32 Dir = 0x2;
constexpr quint32 RetParent = 0x3;
constexpr quint32 Symlink = 0x4;
constexpr quint32 Clipboard = 0x20;
constexpr quint32 ReadOnly = 0x100;
constexpr quint32 Hidden = 0x1000;
constexpr quint32 TypeMask = 0xff;
constexpr quint32 MTimeKey = 0x14;
constexpr quint32 CreateTimeKey = 0x16;
// IPMSG_FILE_CLIPBOARDPOS: where a Clipboard entry's picture sits in the message text.
constexpr quint32 ClipboardPosKey = 0x8;
} // namespace FileAttr

// Hex digits only (either case), at most 16 of them: the numbers of offers and folder streams.
std::optional<quint64> parseHex(const QByteArray &text);

// One entry of an offer's file list, as on the wire.
struct OfferedFile
{
    quint32 id = 0;
    // In the sender's code page, "::" already turned back into ':'.
    QByteArray name;
    quint64 size = 0;
    qint64 mtime = 0;
    quint32 attr = FileAttr::Regular;
    // Extended attributes `key=value`, both hex on the wire.
    QMap<quint32, quint64> ext;

    quint32 type() const { return attr & FileAttr::TypeMask; }
};

// Accepts every separator real clients use between entries: \a, :\a, \a: and :\a:.
// Entries that do not parse are skipped; nullopt only when nothing parses at all.
std::optional<QList<OfferedFile>> parseFileList(const QByteArray &list);
QByteArray buildFileList(const QList<OfferedFile> &files);

QByteArray escapeName(const QByteArray &name);

// A picture pasted into a message, as IP Messenger lists it among the attachments:
// `id:ipmsgclip_s_<base>_<pos>.<ext>:<size>:<mtime>:20:8=<pos>:`. The name is a dummy.
OfferedFile clipboardEntry(quint32 id, quint32 base, int position, quint64 size, qint64 mtime,
                           const QByteArray &extension);
// The position in the text of a Clipboard entry, clamped to what a text can hold; nullopt for
// any other entry and for one that says no position.
std::optional<int> clipboardPosition(const OfferedFile &file);

struct FileRequest
{
    quint64 packetNo = 0;
    quint32 fileId = 0;
    quint64 offset = 0;
};

// GETFILEDATA extra `packetNo:fileId:offset[:]` and GETDIRFILES extra `packetNo:fileId[:...]`,
// all hex. The offset is optional: IP Messenger clients that never resume omit it.
std::optional<FileRequest> parseFileRequest(const QByteArray &extra);
QByteArray buildFileRequest(const FileRequest &request, bool withOffset);

} // namespace lanpigeon::ipmsg
