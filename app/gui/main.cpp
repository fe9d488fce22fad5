#include "mainwindow.h"
#include "messenger.h"
#include "profilesettings.h"
#include "uisettings.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("LanPigeon"));
    QApplication::setOrganizationName(QStringLiteral("LanPigeon"));
    QApplication::setApplicationVersion(QStringLiteral(LANPIGEON_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("lanpigeon"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/lanpigeon.svg")));
    // Closing the main window to the tray must not end the program.
    QApplication::setQuitOnLastWindowClosed(false);

    lanpigeon::NodeConfig config = lanpigeon::ProfileSettings::defaults();
    lanpigeon::ProfileSettings profile(qEnvironmentVariable("LANPIGEON_PROFILE"));
    profile.load(&config);
    const QString bind = qEnvironmentVariable("LANPIGEON_BIND");
    if (!bind.isEmpty())
        config.bindAddress = QHostAddress(bind);
    const lanpigeon::ui::UiSettings ui = lanpigeon::ui::UiSettings::load(profile.settingsPath());

    // The language follows the system unless the settings name one.
    const QLocale locale = ui.language.isEmpty() ? QLocale::system() : QLocale(ui.language);
    QTranslator ours;
    QTranslator qt;
    if (ours.load(locale, QStringLiteral("lanpigeon"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&ours);
    if (qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qt);
    QLocale::setDefault(locale);

    lanpigeon::Messenger messenger(config);
    lanpigeon::ui::MainWindow window(&messenger, ui);
    if (!ui.startMinimized)
        window.show();
    messenger.start();
    QObject::connect(&app, &QApplication::aboutToQuit, &messenger, &lanpigeon::Messenger::shutdown);
    return QApplication::exec();
}
