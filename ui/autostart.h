// "Start LanPigeon when I log in": the XDG autostart entry in the user's config folder, whose
// presence is the setting.
#pragma once

#include <QString>

namespace lanpigeon::ui {

class Autostart final
{
public:
    // program: what the entry starts; profile: the LANPIGEON_PROFILE it starts with (none:
    // the default one).
    explicit Autostart(const QString &program, const QString &profile = {});

    // $XDG_CONFIG_HOME/autostart/io.github.lanpigeon.LanPigeon.desktop, ~/.config without it.
    static QString entryPath();
    // The Exec line's value, quoted as the Desktop Entry specification asks.
    QString execLine() const;

    static bool isEnabled();
    // Writes or removes the entry; false with *error saying why when that failed.
    bool setEnabled(bool on, QString *error) const;

private:
    QString m_program;
    QString m_profile;
};

} // namespace lanpigeon::ui
