#include "ipmsg/filelistcodec.h"

#include <QSet>

#include <algorithm>

namespace lanpigeon::ipmsg {

namespace {

std::optional<quint64> parseDec(const QByteArray &text)
{
    // Digits only: toULongLong() would stop at an embedded NUL and call it a number.
    if (text.isEmpty() || text.size() > 19)
        return std::nullopt;
    quint64 v = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + quint64(c - '0');
    }
    return v;
}

// Splits on single ':' while "::" stands for a literal colon.
QList<QByteArray> splitFields(const QByteArray &entry)
{
    QList<QByteArray> fields;
    QByteArray current;
    for (qsizetype i = 0; i < entry.size(); ++i) {
        const char c = entry.at(i);
        if (c == ':') {
            if (i + 1 < entry.size() && entry.at(i + 1) == ':') {
                current += ':';
                ++i;
                continue;
            }
            fields.append(current);
            current.clear();
            continue;
        }
        current += c;
    }
    if (!current.isEmpty())
        fields.append(current);
    return fields;
}

std::optional<OfferedFile> parseEntry(const QByteArray &entry)
{
    const QList<QByteArray> f = splitFields(entry);
    if (f.size() < 5)
        return std::nullopt;
    OfferedFile file;
    const auto id = parseDec(f.at(0));
    const auto size = parseHex(f.at(2));
    const auto mtime = parseHex(f.at(3));
    const auto attr = parseHex(f.at(4));
    if (!id || *id > 0xffffffffu || !size || !mtime || !attr || *attr > 0xffffffffu ||
        f.at(1).isEmpty() || f.at(1).contains('\0'))
        return std::nullopt;
    file.id = quint32(*id);
    file.name = f.at(1);
    file.size = *size;
    file.mtime = qint64(*mtime);
    file.attr = quint32(*attr);
    for (qsizetype i = 5; i < f.size(); ++i) {
        const int eq = int(f.at(i).indexOf('='));
        if (eq <= 0)
            continue;
        const auto key = parseHex(f.at(i).left(eq));
        const auto value = parseHex(f.at(i).mid(eq + 1));
        if (key && value && *key <= 0xffffffffu)
            file.ext.insert(quint32(*key), *value);
    }
    return file;
}

} // namespace

std::optional<quint64> parseHex(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 16)
        return std::nullopt;
    quint64 value = 0;
    for (char c : text) {
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return std::nullopt;
        value = (value << 4) | quint64(digit);
    }
    return value;
}

std::optional<QList<OfferedFile>> parseFileList(const QByteArray &list)
{
    QList<OfferedFile> files;
    QSet<quint32> ids;
    for (QByteArray entry : list.split('\a')) {
        // Separators may carry a ':' on either side of the \a.
        if (entry.startsWith(':') && !entry.startsWith("::"))
            entry.remove(0, 1);
        if (entry.isEmpty())
            continue;
        // A fileID names one file: a second entry with it would be fetched into the same place.
        if (const auto file = parseEntry(entry); file && !ids.contains(file->id)) {
            ids.insert(file->id);
            files.append(*file);
        }
    }
    if (files.isEmpty())
        return std::nullopt;
    return files;
}

QByteArray escapeName(const QByteArray &name)
{
    QByteArray out = name;
    out.replace(':', "::");
    out.replace('\a', "");
    out.replace('\0', "");
    return out;
}

OfferedFile clipboardEntry(quint32 id, quint32 base, int position, quint64 size, qint64 mtime,
                           const QByteArray &extension)
{
    OfferedFile f;
    f.id = id;
    f.name = "ipmsgclip_s_" + QByteArray::number(base) + '_' + QByteArray::number(position) + '.' +
             extension;
    f.size = size;
    f.mtime = mtime;
    f.attr = FileAttr::Clipboard;
    f.ext.insert(FileAttr::ClipboardPosKey, quint64(std::max(0, position)));
    return f;
}

std::optional<int> clipboardPosition(const OfferedFile &file)
{
    // A text in one datagram is far shorter; the hint is clamped again against the real text.
    constexpr quint64 MaxPosition = 1 << 20;
    const auto pos = file.ext.constFind(FileAttr::ClipboardPosKey);
    if (file.type() != FileAttr::Clipboard || pos == file.ext.constEnd())
        return std::nullopt;
    return int(std::min(*pos, MaxPosition));
}

QByteArray buildFileList(const QList<OfferedFile> &files)
{
    QByteArray out;
    for (const OfferedFile &f : files) {
        out += QByteArray::number(f.id) + ':' + escapeName(f.name) + ':' +
               QByteArray::number(f.size, 16) + ':' + QByteArray::number(quint64(f.mtime), 16) +
               ':' + QByteArray::number(f.attr, 16) + ':';
        for (auto it = f.ext.constBegin(); it != f.ext.constEnd(); ++it)
            out +=
                QByteArray::number(it.key(), 16) + '=' + QByteArray::number(it.value(), 16) + ':';
        out += '\a';
    }
    return out;
}

std::optional<FileRequest> parseFileRequest(const QByteArray &extra)
{
    QByteArray text = extra;
    const int nul = int(text.indexOf('\0'));
    if (nul >= 0)
        text.truncate(nul);
    const QList<QByteArray> f = text.split(':');
    if (f.size() < 2)
        return std::nullopt;
    const auto packetNo = parseHex(f.at(0).trimmed());
    const auto fileId = parseHex(f.at(1).trimmed());
    if (!packetNo || !fileId || *fileId > 0xffffffffu)
        return std::nullopt;
    FileRequest r;
    r.packetNo = *packetNo;
    r.fileId = quint32(*fileId);
    if (f.size() >= 3 && !f.at(2).trimmed().isEmpty()) {
        const auto offset = parseHex(f.at(2).trimmed());
        if (!offset)
            return std::nullopt;
        r.offset = *offset;
    }
    return r;
}

QByteArray buildFileRequest(const FileRequest &request, bool withOffset)
{
    QByteArray out = QByteArray::number(request.packetNo, 16) + ':' +
                     QByteArray::number(request.fileId, 16) + ':';
    if (withOffset)
        out += QByteArray::number(request.offset, 16) + ':';
    return out;
}

} // namespace lanpigeon::ipmsg
