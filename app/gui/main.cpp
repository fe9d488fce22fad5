#include "common/process.h"
#include "instancemessage.h"
#include "launcher.h"
#include "profile/profilesettings.h"
#include "signalwatcher.h"
#include "singleinstance.h"
#include "theme.h"
#include "translations.h"
#include "uisettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLocale>
#include <QMessageBox>
#include <QToolTip>

#include <cstdio>

namespace {

// The options the window takes; --help and --version print and exit.
void describeOptions(QCommandLineParser *options)
{
    options->setApplicationDescription(
        QStringLiteral("LanPigeon: chat and send files on the local network, no server needed.\n"
                       "Speaks the IP Messenger protocol (UDP/TCP 2425), so it talks to iptux, "
                       "IP Messenger and FeiQ.\n\n"
                       "Environment:\n"
                       "  LANPIGEON_PROFILE  settings and history folder (default: "
                       "~/.local/share/LanPigeon/LanPigeon)\n"
                       "  LANPIGEON_BIND     IPv4 address to bind for this run"));
    options->addHelpOption();
    options->addVersionOption();
    options->addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral("Files or folders to send (paths or file:// URLs): the Send files dialog "
                       "opens for them, in the LanPigeon already running with this profile if "
                       "there is one."),
        QStringLiteral("[FILE...]"));
}

// Whether the arguments only ask for help or the version: answered without a display, so
// they work in a terminal with none and when help2man makes the man page.
bool asksForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" ||
            arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        lanpigeon::setUpProcess();
        QCommandLineParser options;
        describeOptions(&options);
        options.process(app);
        return 0;
    }
    QApplication app(argc, argv);
    lanpigeon::setUpProcess();
    QCommandLineParser options;
    describeOptions(&options);
    options.process(app);
    QApplication::setDesktopFileName(QStringLiteral("io.github.lanpigeon.LanPigeon"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/lanpigeon.svg")));
    if (qEnvironmentVariable("LANPIGEON_PALETTE") == QLatin1String("dark")) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(lanpigeon::ui::theme::darkPalette());
        QToolTip::setPalette(lanpigeon::ui::theme::darkPalette());
    }
    // Closing the main window to the tray must not end the program.
    QApplication::setQuitOnLastWindowClosed(false);
    // Logout, systemctl and kill end us through the event loop, so peers hear BR_EXIT. Set
    // first, so a signal during start-up waits for the event loop instead of killing us.
    lanpigeon::cli::SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &lanpigeon::cli::SignalWatcher::terminationRequested, &app,
                     [] { QCoreApplication::exit(0); });

    lanpigeon::NodeConfig config = lanpigeon::ProfileSettings::defaults();
    lanpigeon::ProfileSettings profile(qEnvironmentVariable("LANPIGEON_PROFILE"));
    profile.load(&config);
    // In the window a message to someone who has gone home waits for them rather than fails.
    config.queueOffline = true;
    // For this run only: the settings dialog shows and saves the profile's own address.
    const QString bind = qEnvironmentVariable("LANPIGEON_BIND");
    if (!bind.isEmpty())
        config.bindAddress = QHostAddress(bind);
    const lanpigeon::ui::UiSettings ui = lanpigeon::ui::UiSettings::load(profile.settingsPath());

    // The language follows the system unless the settings name one.
    const QLocale locale = ui.language.isEmpty() ? QLocale::system() : QLocale(ui.language);
    const lanpigeon::ui::Translations translations(locale);
    QLocale::setDefault(locale);

    const auto request = lanpigeon::ui::InstanceMessage::fromArguments(
        options.positionalArguments(), QDir::currentPath());
    for (const QString &path : request.paths) {
        if (!QFileInfo::exists(path))
            std::fprintf(stderr, "lanpigeon: %s: no such file or folder; not sent.\n",
                         qPrintable(QDir::toNativeSeparators(path)));
    }

    // Before any window, tray icon or socket: a profile runs once, and a second start only
    // brings the first one forward, with the files it was given.
    lanpigeon::ui::SingleInstance instance(profile.profileDir());
    switch (instance.claim(request)) {
    case lanpigeon::ui::SingleInstance::Role::First:
        break;
    case lanpigeon::ui::SingleInstance::Role::Forwarded:
        std::fprintf(stderr,
                     request.paths.isEmpty()
                         ? "LanPigeon already runs with the profile %s; it was brought forward.\n"
                         : "LanPigeon already runs with the profile %s; it was brought forward "
                           "to send the files.\n",
                     qPrintable(profile.profileDir()));
        return 0;
    case lanpigeon::ui::SingleInstance::Role::Unreachable:
        // Started from a menu, no one reads stderr.
        QMessageBox::warning(
            nullptr, QCoreApplication::translate("main", "LanPigeon is already running"),
            QCoreApplication::translate("main", "LanPigeon is already running with the profile %1, "
                                                "but it does not answer. End it (or log out and in "
                                                "again), then start LanPigeon again.")
                .arg(QDir::toNativeSeparators(profile.profileDir())));
        return 1;
    }

    lanpigeon::ui::Launcher launcher(config, ui);
    QObject::connect(&instance, &lanpigeon::ui::SingleInstance::activationRequested, &launcher,
                     &lanpigeon::ui::Launcher::bringForward);
    QObject::connect(&instance, &lanpigeon::ui::SingleInstance::sendRequested, &launcher,
                     &lanpigeon::ui::Launcher::sendFiles);
    QObject::connect(&launcher, &lanpigeon::ui::Launcher::abandoned, &app,
                     [] { QCoreApplication::exit(1); });
    launcher.start();
    if (!request.paths.isEmpty())
        launcher.sendFiles(request.paths);
    return QApplication::exec();
}
