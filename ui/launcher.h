// Starts the node and shows the window only once the node runs; a start that fails is
// explained, with another port to try, instead of leaving a window that cannot work.
#pragma once

#include "messenger.h"
#include "uisettings.h"

#include <QObject>

#include <memory>

namespace lanpigeon::ui {

class MainWindow;

class Launcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Launcher)

public:
    Launcher(const NodeConfig &config, const UiSettings &settings, QObject *parent = nullptr);
    // The window goes first, then the node says BR_EXIT.
    ~Launcher() override;

    // Asynchronous: the window shows once the node runs, or the start-up dialog once it fails.
    void start();
    // What a second instance asks for: our window (or the start-up dialog) in front.
    void bringForward();
    // "Open with LanPigeon": the Send files dialog for paths (absolute), in front; once the
    // window is there if it is not yet.
    void sendFiles(const QStringList &paths);

    Messenger *messenger() const { return m_messenger.get(); }
    MainWindow *window() const { return m_window.get(); }

signals:
    // The start failed and the user chose Quit.
    void abandoned();

private:
    void started();
    void failed(const QString &error, Messenger::StartError reason);

    NodeConfig m_config;
    UiSettings m_settings;
    std::unique_ptr<Messenger> m_messenger;
    std::unique_ptr<MainWindow> m_window;
    // Given before the window was there.
    QStringList m_pendingPaths;
};

} // namespace lanpigeon::ui
