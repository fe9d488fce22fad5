#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace lanpigeon::ui {

Translations::Translations(const QLocale &locale)
{
    m_oursLoaded = m_ours.load(locale, QStringLiteral("lanpigeon"), QStringLiteral("_"),
                               QStringLiteral(":/i18n"));
    if (m_oursLoaded)
        QCoreApplication::installTranslator(&m_ours);
    // "qt" is the catalogue that pulls in qtbase and the other modules' own.
    m_qtLoaded = m_qt.load(locale, QStringLiteral("qt"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (m_qtLoaded)
        QCoreApplication::installTranslator(&m_qt);
}

Translations::~Translations()
{
    if (m_qtLoaded)
        QCoreApplication::removeTranslator(&m_qt);
    if (m_oursLoaded)
        QCoreApplication::removeTranslator(&m_ours);
}

} // namespace lanpigeon::ui
