// Turns names from the network into single, harmless path components inside a chosen folder.
#pragma once

#include <QString>

namespace lanpigeon::files {

// Longest name we give a file, in UTF-8 bytes: ext4's 255 less room for " (99).part".
constexpr int MaxNameBytes = 240;

// Never empty, never "." or "..", no separators, NUL or control characters, no drive
// letter, not a Windows device name, at most MaxNameBytes bytes (extension kept).
QString safeComponent(const QString &name);

// `dir/name`, or `dir/name (n).ext` with the first n that exists neither as itself nor as
// its ".part" file.
QString freshPath(const QString &dir, const QString &name);

// True when path, resolved through any symlinks that already exist, stays inside root.
bool staysInside(const QString &root, const QString &path);

} // namespace lanpigeon::files
