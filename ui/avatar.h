// Round avatars with the first letter of a name, coloured by the name, like QQ's defaults.
#pragma once

#include <QPixmap>
#include <QString>

namespace lanpigeon::ui {

QPixmap avatarFor(const QString &name, int size, bool online = true);

} // namespace lanpigeon::ui
