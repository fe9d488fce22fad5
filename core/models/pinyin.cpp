#include "models/pinyin.h"

#include <QStringList>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace lanpigeon::text {

namespace {

// ICU transliterators are not thread-safe and slow to build: one per thread, built once.
icu::Transliterator *transliterator()
{
    thread_local std::unique_ptr<icu::Transliterator> t = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
            "Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(made) : nullptr;
    }();
    return t.get();
}

bool hasHan(const QString &text)
{
    for (const QChar c : text) {
        if (c.script() == QChar::Script_Han)
            return true;
    }
    return false;
}

} // namespace

Pinyin pinyinOf(const QString &text)
{
    Pinyin out;
    QString latin = text.toLower();
    icu::Transliterator *t = hasHan(text) ? transliterator() : nullptr;
    if (t) {
        icu::UnicodeString s(reinterpret_cast<const UChar *>(text.utf16()), int32_t(text.size()));
        t->transliterate(s);
        latin = QString(reinterpret_cast<const QChar *>(s.getBuffer()), s.length());
    }
    QStringList syllables;
    for (const QString &word : latin.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        QString clean;
        for (const QChar c : word) {
            if (c.isLetterOrNumber())
                clean += c;
        }
        if (!clean.isEmpty())
            syllables << clean;
    }
    out.full = syllables.join(QLatin1Char(' '));
    for (const QString &s : std::as_const(syllables))
        out.initials += s.front();
    return out;
}

bool matchesPinyin(const QString &text, const QString &wanted)
{
    if (wanted.isEmpty() || text.contains(wanted, Qt::CaseInsensitive))
        return true;
    const QString w = wanted.toLower().remove(QLatin1Char(' '));
    const Pinyin p = pinyinOf(text);
    return QString(p.full).remove(QLatin1Char(' ')).contains(w) || p.initials.contains(w);
}

bool pinyinLess(const QString &a, const QString &b)
{
    const int byPinyin = pinyinOf(a).full.compare(pinyinOf(b).full);
    return byPinyin != 0 ? byPinyin < 0 : a.localeAwareCompare(b) < 0;
}

} // namespace lanpigeon::text
