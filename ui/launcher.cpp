#include "launcher.h"

#include "mainwindow.h"
#include "profile/profilesettings.h"
#include "sendfilesdialog.h"
#include "startfailuredialog.h"
#include "trayicon.h"
#include "windowactivation.h"

#include <QApplication>
#include <QStatusBar>

#include <utility>

namespace lanpigeon::ui {

Launcher::Launcher(const NodeConfig &config, const UiSettings &settings, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_settings(settings)
{
    connect(qApp, &QCoreApplication::aboutToQuit, this, [this] {
        if (m_messenger)
            m_messenger->shutdown();
    });
}

Launcher::~Launcher()
{
    m_window.reset();
    m_messenger.reset();
}

void Launcher::start()
{
    m_window.reset();
    m_messenger = std::make_unique<Messenger>(m_config);
    connect(m_messenger.get(), &Messenger::started, this, &Launcher::started);
    connect(m_messenger.get(), &Messenger::startFailed, this, &Launcher::failed);
    m_messenger->start();
}

void Launcher::started()
{
    m_window = std::make_unique<MainWindow>(m_messenger.get(), m_settings);
    if (!m_settings.startMinimized) {
        m_window->show();
    } else if (!TrayIcon::available()) {
        // Minimized to a tray that is not there would be invisible, yet still take messages.
        m_window->show();
        m_window->statusBar()->showMessage(tr("No system tray here: LanPigeon stays in view."),
                                           15000);
    }
    if (!m_pendingPaths.isEmpty())
        sendFiles(std::exchange(m_pendingPaths, {}));
}

void Launcher::failed(const QString &error, Messenger::StartError reason)
{
    StartFailureDialog dialog(m_config, error, reason);
    if (dialog.exec() != QDialog::Accepted) {
        emit abandoned();
        return;
    }
    m_config.port = dialog.port();
    if (dialog.anyAddress())
        m_config.bindAddress = QHostAddress::AnyIPv4;
    // The next start should not fail the same way.
    const ProfileSettings profile(m_config.profileDir);
    profile.saveAddress(dialog.anyAddress() ? QHostAddress(QHostAddress::AnyIPv4)
                                            : profile.bindAddress(),
                        m_config.port);
    // Not from inside the failed node's own signal.
    QMetaObject::invokeMethod(this, &Launcher::start, Qt::QueuedConnection);
}

void Launcher::bringForward()
{
    QWidget *front = QApplication::activeModalWidget();
    if (!front)
        front = m_window.get();
    if (!front)
        return;
    bringToFront(front);
}

void Launcher::sendFiles(const QStringList &paths)
{
    if (!m_window) {
        m_pendingPaths += paths;
        bringForward();
        return;
    }
    bringToFront(m_window->askSendFiles(paths));
}

} // namespace lanpigeon::ui
