// The Settings dialog's Network page: interfaces, the port and address we hold, and the last
// packet each way per interface, read-only and kept up to date while it shows.
#pragma once

#include "messaging/networkdiagnosis.h"

#include <QWidget>

class QLabel;
class QTimer;
class QTreeWidget;

namespace lanpigeon {
class Messenger;
}

namespace lanpigeon::ui {

class NetworkPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkPage)

public:
    // How often it asks the network thread for a new snapshot while shown.
    static constexpr int RefreshMs = 1000;

    explicit NetworkPage(Messenger *messenger, QWidget *parent = nullptr);
    ~NetworkPage() override;

    QLabel *socketLine() const { return m_socket; }
    QLabel *diagnosisLine() const { return m_diagnosis; }
    // One row per interface: name, addresses, broadcast, last sent, last received.
    QTreeWidget *interfaces() const { return m_interfaces; }
    enum Column
    {
        Name,
        Addresses,
        Broadcast,
        LastSent,
        LastReceived,
    };

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showSnapshot(const NetworkSnapshot &snapshot);
    static QString describe(const PacketMark &mark);

    Messenger *m_messenger;
    QLabel *m_socket;
    QLabel *m_diagnosis;
    QTreeWidget *m_interfaces;
    QTimer *m_refresh;
};

} // namespace lanpigeon::ui
