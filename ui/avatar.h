// Round avatars with the first letter of a name, coloured by the name, like QQ's defaults.
#pragma once

#include "ipmsg/ipmsgcodec.h"

#include <QPixmap>
#include <QRect>
#include <QString>

class QPainter;

namespace lanpigeon::ui {

QPixmap avatarFor(const QString &name, int size, bool online = true);
// A group chat's: a rounded square, not a person's circle, with its name's first letter.
QPixmap roomAvatarFor(const QString &name, int size, bool online = true);
// The letter an avatar shows: the name's first character as the user sees it (a whole emoji or
// accented letter, never half a surrogate pair), upper-cased; "?" for a blank name.
QString avatarInitial(const QString &name);
// The image at path cut to a circle of size; null if it cannot be read.
QPixmap avatarFromImage(const QString &path, int size);
// The avatar with QQ's sign of away (an amber moon) or busy (a red bar) in its corner.
QPixmap withStatus(const QPixmap &avatar, ipmsg::Status status);
// QQ's red count of unread messages, right-aligned and centred vertically in area; returns its
// width (0 for no count).
int paintUnreadBadge(QPainter *painter, const QRect &area, int count);

} // namespace lanpigeon::ui
