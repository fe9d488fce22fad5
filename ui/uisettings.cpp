#include "uisettings.h"

#include <QSettings>

namespace lanpigeon::ui {

UiSettings UiSettings::load(const QString &settingsPath)
{
    const QSettings s(settingsPath, QSettings::IniFormat);
    UiSettings u;
    u.ctrlEnterSends = s.value(QStringLiteral("ui/ctrlEnterSends"), u.ctrlEnterSends).toBool();
    u.closeToTray = s.value(QStringLiteral("ui/closeToTray"), u.closeToTray).toBool();
    u.language = s.value(QStringLiteral("ui/language"), u.language).toString();
    u.autoAccept = s.value(QStringLiteral("ui/autoAccept"), u.autoAccept).toBool();
    u.startMinimized = s.value(QStringLiteral("ui/startMinimized"), u.startMinimized).toBool();
    return u;
}

void UiSettings::save(const QString &settingsPath) const
{
    QSettings s(settingsPath, QSettings::IniFormat);
    s.setValue(QStringLiteral("ui/ctrlEnterSends"), ctrlEnterSends);
    s.setValue(QStringLiteral("ui/closeToTray"), closeToTray);
    s.setValue(QStringLiteral("ui/language"), language);
    s.setValue(QStringLiteral("ui/autoAccept"), autoAccept);
    s.setValue(QStringLiteral("ui/startMinimized"), startMinimized);
}

} // namespace lanpigeon::ui
