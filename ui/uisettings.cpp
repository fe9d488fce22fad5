#include "uisettings.h"

#include <QSettings>

#include <algorithm>

namespace lanpigeon::ui {

UiSettings UiSettings::load(const QString &settingsPath)
{
    const QSettings s(settingsPath, QSettings::IniFormat);
    UiSettings u;
    u.ctrlEnterSends = s.value(QStringLiteral("ui/ctrlEnterSends"), u.ctrlEnterSends).toBool();
    u.closeToTray = s.value(QStringLiteral("ui/closeToTray"), u.closeToTray).toBool();
    u.language = s.value(QStringLiteral("ui/language"), u.language).toString();
    u.autoAccept =
        AutoAccept(std::clamp(s.value(QStringLiteral("ui/autoAccept"), 0).toInt(), 0, 2));
    u.autoAcceptMaxMiB = s.value(QStringLiteral("ui/autoAcceptMaxMiB"), u.autoAcceptMaxMiB).toInt();
    u.avatarPath = s.value(QStringLiteral("ui/avatar")).toString();
    u.startMinimized = s.value(QStringLiteral("ui/startMinimized"), u.startMinimized).toBool();
    u.showOfflineBuddies =
        s.value(QStringLiteral("ui/showOfflineBuddies"), u.showOfflineBuddies).toBool();
    return u;
}

bool UiSettings::acceptsAutomatically(const QString &peerGroup, const QString &myGroup,
                                      quint64 totalBytes) const
{
    if (autoAccept == AutoAccept::Never)
        return false;
    if (autoAcceptMaxMiB > 0 && totalBytes > quint64(autoAcceptMaxMiB) * 1024 * 1024)
        return false;
    return autoAccept == AutoAccept::Everyone ||
           (!myGroup.isEmpty() && peerGroup.compare(myGroup, Qt::CaseInsensitive) == 0);
}

void UiSettings::save(const QString &settingsPath) const
{
    QSettings s(settingsPath, QSettings::IniFormat);
    s.setValue(QStringLiteral("ui/ctrlEnterSends"), ctrlEnterSends);
    s.setValue(QStringLiteral("ui/closeToTray"), closeToTray);
    s.setValue(QStringLiteral("ui/language"), language);
    s.setValue(QStringLiteral("ui/autoAccept"), int(autoAccept));
    s.setValue(QStringLiteral("ui/autoAcceptMaxMiB"), autoAcceptMaxMiB);
    s.setValue(QStringLiteral("ui/avatar"), avatarPath);
    s.setValue(QStringLiteral("ui/startMinimized"), startMinimized);
    s.setValue(QStringLiteral("ui/showOfflineBuddies"), showOfflineBuddies);
}

} // namespace lanpigeon::ui
