#include "autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace lanpigeon::ui {

namespace {
const QString EntryName = QStringLiteral("io.github.lanpigeon.LanPigeon.desktop");

// One argument of an Exec key: quoted when it needs to be, then escaped again for the
// desktop file's string value (the specification's two levels).
QString execArgument(const QString &argument)
{
    static const QString Reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    bool plain = !argument.isEmpty();
    for (const QChar c : argument)
        plain = plain && !Reserved.contains(c);
    QString quoted = argument;
    if (!plain) {
        quoted.clear();
        for (const QChar c : argument) {
            if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
                quoted += u'\\';
            quoted += c;
        }
        quoted = u'"' + quoted + u'"';
    }
    // %F and the like are field codes; a literal percent is doubled.
    quoted.replace(u'%', QStringLiteral("%%"));
    return quoted.replace(u'\\', QStringLiteral("\\\\"));
}
} // namespace

Autostart::Autostart(const QString &program, const QString &profile)
    : m_program(program)
    , m_profile(profile)
{
}

QString Autostart::entryPath()
{
    // The specification ignores a relative XDG_CONFIG_HOME.
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty() || !QDir::isAbsolutePath(config))
        config = QDir::home().filePath(QStringLiteral(".config"));
    return QDir(config).filePath(QStringLiteral("autostart/") + EntryName);
}

QString Autostart::execLine() const
{
    QString line;
    if (!m_profile.isEmpty())
        line = QStringLiteral("env ") +
               execArgument(QStringLiteral("LANPIGEON_PROFILE=") + QDir(m_profile).absolutePath()) +
               u' ';
    return line + execArgument(m_program);
}

bool Autostart::isEnabled()
{
    return QFileInfo::exists(entryPath());
}

bool Autostart::setEnabled(bool on, QString *error) const
{
    const QString path = entryPath();
    if (!on) {
        QFile entry(path);
        if (!entry.exists() || entry.remove())
            return true;
        *error = QCoreApplication::translate("lanpigeon::ui::Autostart", "Could not remove %1: %2")
                     .arg(QDir::toNativeSeparators(path), entry.errorString());
        return false;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error =
            QCoreApplication::translate("lanpigeon::ui::Autostart", "Could not make the folder %1.")
                .arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath()));
        return false;
    }
    QSaveFile entry(path);
    if (entry.open(QIODevice::WriteOnly)) {
        const QString text = QStringLiteral("[Desktop Entry]\n"
                                            "Type=Application\n"
                                            "Name=LanPigeon\n"
                                            "Comment=LAN messenger, started at login\n"
                                            "Exec=%1\n"
                                            "Icon=lanpigeon\n"
                                            "Terminal=false\n"
                                            "X-GNOME-Autostart-enabled=true\n")
                                 .arg(execLine());
        entry.write(text.toUtf8());
        if (entry.commit())
            return true;
    }
    *error = QCoreApplication::translate("lanpigeon::ui::Autostart", "Could not write %1: %2")
                 .arg(QDir::toNativeSeparators(path), entry.errorString());
    return false;
}

} // namespace lanpigeon::ui
