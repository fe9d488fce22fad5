// Turns SIGINT, SIGTERM and SIGHUP into a Qt signal, so the CLI and the window can say
// BR_EXIT before they quit.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace lanpigeon::cli {

class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace lanpigeon::cli
