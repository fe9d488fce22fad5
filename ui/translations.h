// Our own texts and Qt's (OK, Cancel, the file dialogs, socket errors) in one language,
// installed for as long as this object lives.
#pragma once

#include <QLocale>
#include <QTranslator>

namespace lanpigeon::ui {

class Translations final
{
    Q_DISABLE_COPY_MOVE(Translations)

public:
    explicit Translations(const QLocale &locale);
    ~Translations();

    // False when Qt's catalogue for this language is missing (qt6-translations-l10n).
    bool hasQtTexts() const { return m_qtLoaded; }

private:
    QTranslator m_ours;
    QTranslator m_qt;
    bool m_oursLoaded = false;
    bool m_qtLoaded = false;
};

} // namespace lanpigeon::ui
