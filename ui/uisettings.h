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
    enum class AutoAccept
    {
        Never,
        MyWorkgroup,
        Everyone
    };
    // Offers from these are saved to the download folder without asking, when no larger than
    // autoAcceptMaxMiB (0: any size).
    AutoAccept autoAccept = AutoAccept::Never;
    int autoAcceptMaxMiB = 100;
    // An image for our own avatar; empty for the coloured initial.
    QString avatarPath;
    bool startMinimized = false;
    // The buddy list keeps the people we have talked to, greyed, while they are offline.
    bool showOfflineBuddies = true;

    static UiSettings load(const QString &settingsPath);
    // Whether an offer of totalBytes from a peer in peerGroup is taken without asking.
    bool acceptsAutomatically(const QString &peerGroup, const QString &myGroup,
                              quint64 totalBytes) const;
    void save(const QString &settingsPath) const;
};

} // namespace lanpigeon::ui
