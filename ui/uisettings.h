// Preferences of the window itself, kept in the profile's settings file under [ui].
#pragma once

#include <QString>

namespace lanpigeon::ui {

struct UiSettings
{
    bool ctrlEnterSends = false;
    bool closeToTray = true;
    // "" follows the system; else "en" or "zh_CN".
    QString language;
    // Files from anyone are saved to the download folder without asking.
    bool autoAccept = false;
    bool startMinimized = false;

    static UiSettings load(const QString &settingsPath);
    void save(const QString &settingsPath) const;
};

} // namespace lanpigeon::ui
