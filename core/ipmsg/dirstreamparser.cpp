#include "ipmsg/dirstreamparser.h"

#include "ipmsg/filelistcodec.h"

#include <QList>

namespace lanpigeon::ipmsg {

DirStreamParser::DirStreamParser() = default;
DirStreamParser::~DirStreamParser() = default;

bool DirStreamParser::fail(const QString &error)
{
    if (m_error.isEmpty())
        m_error = error;
    return false;
}

bool DirStreamParser::feed(const char *data, qsizetype size, const Sink &sink)
{
    if (hasError())
        return false;
    qsizetype pos = 0;
    while (pos < size) {
        if (m_done)
            return fail(QStringLiteral("data after the end of the folder stream"));
        if (m_inFile) {
            const qsizetype n = qsizetype(std::min<quint64>(m_remaining, quint64(size - pos)));
            Event e;
            e.kind = Kind::FileData;
            e.data = data + pos;
            e.length = n;
            if (n > 0 && !sink(e))
                return fail(QStringLiteral("stopped by the receiver"));
            pos += n;
            m_consumed += quint64(n);
            m_remaining -= quint64(n);
            if (m_remaining == 0) {
                m_inFile = false;
                Event end;
                end.kind = Kind::FileEnd;
                if (!sink(end))
                    return fail(QStringLiteral("stopped by the receiver"));
            }
            continue;
        }
        // Header: the first field is its own total length in hex.
        const qsizetype take = std::min<qsizetype>(size - pos, MaxHeader - m_header.size());
        if (take <= 0)
            return fail(QStringLiteral("header longer than %1 bytes").arg(MaxHeader));
        // The length was checked when its ':' arrived.
        const int colon = int(m_header.indexOf(':'));
        const qsizetype wanted =
            colon >= 0 ? qsizetype(parseHex(m_header.left(colon)).value_or(0)) : -1;
        if (wanted < 0) {
            // Length not complete yet: take bytes up to the first ':' at most.
            const char *c = static_cast<const char *>(memchr(data + pos, ':', size_t(take)));
            const qsizetype n = c ? (c - (data + pos)) + 1 : take;
            m_header.append(data + pos, n);
            pos += n;
            m_consumed += quint64(n);
            if (!c && m_header.size() > 16)
                return fail(QStringLiteral("header length field is not hex"));
            if (c) {
                const auto length = parseHex(m_header.chopped(1));
                if (!length || *length < quint64(m_header.size()) || *length > quint64(MaxHeader))
                    return fail(QStringLiteral("bad header length '%1'")
                                    .arg(QString::fromLatin1(m_header.left(16))));
            }
            continue;
        }
        const qsizetype n = std::min<qsizetype>(wanted - m_header.size(), size - pos);
        m_header.append(data + pos, n);
        pos += n;
        m_consumed += quint64(n);
        if (m_header.size() < wanted)
            continue;
        const QByteArray header = m_header;
        m_header.clear();
        if (!parseHeader(header, sink))
            return false;
    }
    return true;
}

bool DirStreamParser::parseHeader(const QByteArray &header, const Sink &sink)
{
    // `len:name:size:attr[:key=value...]:`, with "::" for a ':' inside the name.
    QList<QByteArray> fields;
    QByteArray current;
    for (qsizetype i = 0; i < header.size(); ++i) {
        const char c = header.at(i);
        if (c == ':') {
            if (fields.size() == 1 && i + 1 < header.size() && header.at(i + 1) == ':') {
                current += ':';
                ++i;
                continue;
            }
            fields.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.isEmpty() || fields.size() < 4)
        return fail(QStringLiteral("malformed entry header"));
    const auto size = parseHex(fields.at(2));
    const auto attr = parseHex(fields.at(3));
    if (!size || !attr || *attr > 0xffffffffu)
        return fail(QStringLiteral("malformed size or attribute in entry header"));
    Event e;
    e.name = fields.at(1);
    e.size = *size;
    e.attr = quint32(*attr);
    for (qsizetype i = 4; i < fields.size(); ++i) {
        const int eq = int(fields.at(i).indexOf('='));
        if (eq <= 0)
            continue;
        const auto key = parseHex(fields.at(i).left(eq));
        const auto value = parseHex(fields.at(i).mid(eq + 1));
        if (key && value && *key == FileAttr::MTimeKey)
            e.mtime = qint64(*value);
    }
    const quint32 type = e.attr & FileAttr::TypeMask;
    if (!m_started && type != FileAttr::Dir)
        return fail(QStringLiteral("folder stream does not start with a folder"));
    m_started = true;
    switch (type) {
    case FileAttr::Dir:
        if (m_depth >= MaxDepth)
            return fail(QStringLiteral("folders nested deeper than %1").arg(MaxDepth));
        ++m_depth;
        e.kind = Kind::EnterDir;
        if (!sink(e))
            return fail(QStringLiteral("stopped by the receiver"));
        return true;
    case FileAttr::RetParent: {
        --m_depth;
        e.kind = Kind::LeaveDir;
        if (!sink(e))
            return fail(QStringLiteral("stopped by the receiver"));
        if (m_depth == 0) {
            m_done = true;
            Event done;
            done.kind = Kind::Done;
            sink(done);
        }
        return true;
    }
    default:
        // Regular files and anything else with a body (symlinks, devices): the sink decides.
        e.kind = Kind::FileBegin;
        if (!sink(e))
            return fail(QStringLiteral("stopped by the receiver"));
        if (e.size == 0) {
            Event end;
            end.kind = Kind::FileEnd;
            if (!sink(end))
                return fail(QStringLiteral("stopped by the receiver"));
        } else {
            m_inFile = true;
            m_remaining = e.size;
        }
        return true;
    }
}

} // namespace lanpigeon::ipmsg
