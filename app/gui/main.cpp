#include "mainwindow.h"
#include "messenger.h"
#include "profilesettings.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("LanPigeon"));
    QApplication::setOrganizationName(QStringLiteral("LanPigeon"));
    QApplication::setApplicationVersion(QStringLiteral(LANPIGEON_VERSION));

    lanpigeon::NodeConfig config = lanpigeon::ProfileSettings::defaults();
    lanpigeon::ProfileSettings profile(qEnvironmentVariable("LANPIGEON_PROFILE"));
    profile.load(&config);
    const QString bind = qEnvironmentVariable("LANPIGEON_BIND");
    if (!bind.isEmpty())
        config.bindAddress = QHostAddress(bind);

    lanpigeon::Messenger messenger(config);
    lanpigeon::ui::MainWindow window(&messenger);
    window.show();
    messenger.start();
    QObject::connect(&app, &QApplication::aboutToQuit, &messenger, &lanpigeon::Messenger::shutdown);
    return QApplication::exec();
}
