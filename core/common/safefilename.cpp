#include "common/safefilename.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace lanpigeon::files {

namespace {

QString truncateUtf8(const QString &name, int maxBytes)
{
    if (name.toUtf8().size() <= maxBytes)
        return name;
    const int dot = int(name.lastIndexOf(QLatin1Char('.')));
    QString ext = dot > 0 && name.size() - dot <= 16 ? name.mid(dot) : QString();
    QString base = name.left(name.size() - ext.size());
    const int budget = maxBytes - int(ext.toUtf8().size());
    while (!base.isEmpty() && base.toUtf8().size() > budget) {
        base.chop(1);
        // Never leave half a surrogate pair.
        if (!base.isEmpty() && base.back().isHighSurrogate())
            base.chop(1);
    }
    return base + ext;
}

} // namespace

QString safeComponent(const QString &name)
{
    // A drive letter only means something before a separator ("C:\x"); "b:c.txt" is a name.
    static const QRegularExpression drive(QStringLiteral("^[A-Za-z]:(?=[\\\\/])"));
    QString raw = name;
    raw.remove(drive);
    QString s;
    s.reserve(raw.size());
    for (const QChar c : raw) {
        const ushort u = c.unicode();
        if (u < 0x20 || u == 0x7f)
            continue;
        s += (c == QLatin1Char('/') || c == QLatin1Char('\\')) ? QLatin1Char('_') : c;
    }

    s = s.trimmed();
    static const QRegularExpression onlyDots(QStringLiteral("^\\.+$"));
    if (s.isEmpty() || onlyDots.match(s).hasMatch())
        s = QLatin1Char('_') + s;
    static const QRegularExpression device(
        QStringLiteral("^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?$"),
        QRegularExpression::CaseInsensitiveOption);
    if (device.match(s).hasMatch())
        s.prepend(QLatin1Char('_'));
    return truncateUtf8(s, MaxNameBytes);
}

QString freshPath(const QString &dir, const QString &name)
{
    const QDir d(dir);
    QString candidate = d.filePath(name);
    const int dot = int(name.lastIndexOf(QLatin1Char('.')));
    const QString base = dot > 0 ? name.left(dot) : name;
    const QString ext = dot > 0 ? name.mid(dot) : QString();
    for (int n = 1;
         QFileInfo::exists(candidate) || QFileInfo::exists(candidate + QStringLiteral(".part"));
         ++n)
        candidate = d.filePath(
            truncateUtf8(QStringLiteral("%1 (%2)%3").arg(base).arg(n).arg(ext), MaxNameBytes));
    return candidate;
}

bool staysInside(const QString &root, const QString &path)
{
    const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
    if (canonicalRoot.isEmpty())
        return false;
    // Resolve the deepest part of path that exists; the rest cannot be a link yet.
    QString existing = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QString rest;
    while (!QFileInfo::exists(existing)) {
        const int slash = int(existing.lastIndexOf(QLatin1Char('/')));
        if (slash <= 0)
            return false;
        rest = existing.mid(slash) + rest;
        existing = existing.left(slash);
    }
    const QString resolved = QFileInfo(existing).canonicalFilePath() + rest;
    return resolved == canonicalRoot || resolved.startsWith(canonicalRoot + QLatin1Char('/'));
}

} // namespace lanpigeon::files
