// Pinyin for names, so that "wang" or "xw" finds 小王 as QQ's search does (ICU's Han-Latin).
#pragma once

#include <QString>

namespace lanpigeon::text {

struct Pinyin
{
    // Syllables in lower-case ASCII, one space apart: "xiao wang".
    QString full;
    // Their first letters: "xw".
    QString initials;
};

// Thread-safe; text without Han characters comes back lower-cased.
Pinyin pinyinOf(const QString &text);
// Whether wanted (any case) is part of text, of its pinyin with or without spaces, or of
// its initials.
bool matchesPinyin(const QString &text, const QString &wanted);
// Names in pinyin order: by their pinyin, then as the locale sorts them.
bool pinyinLess(const QString &a, const QString &b);

} // namespace lanpigeon::text
