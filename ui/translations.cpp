#include "translations.h"

#include "uilog.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>

namespace lanpigeon::ui {

Translations::Translations(const QLocale &locale)
{
    // Installed ones first (share/lanpigeon/translations beside the binary's bin folder, where
    // a packager or translator may replace them); those built into the binary serve runs from
    // the build folder and the tests.
    const QStringList folders = {QDir::cleanPath(QCoreApplication::applicationDirPath() +
                                                 QStringLiteral("/../share/lanpigeon/translations")),
                                 QStringLiteral(":/i18n")};
    for (const QString &folder : folders) {
        m_oursLoaded = m_ours.load(locale, QStringLiteral("lanpigeon"), QStringLiteral("_"), folder);
        if (m_oursLoaded) {
            qCInfo(lcUi, "texts for %s from %s", qPrintable(locale.name()),
                   qPrintable(m_ours.filePath()));
            QCoreApplication::installTranslator(&m_ours);
            break;
        }
    }
    if (!m_oursLoaded)
        qCInfo(lcUi, "no texts for %s: English", qPrintable(locale.name()));
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
