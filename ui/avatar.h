// Round avatars with the first letter of a name, coloured by the name, like QQ's defaults.
#pragma once

#include <QPixmap>
#include <QString>

namespace lanpigeon::ui {

QPixmap avatarFor(const QString &name, int size, bool online = true);
// The image at path cut to a circle of size; null if it cannot be read.
QPixmap avatarFromImage(const QString &path, int size);

} // namespace lanpigeon::ui
