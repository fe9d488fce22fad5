// The band above the buddy list that says, once nobody has answered for a while, why that may be.
#pragma once

#include "messaging/networkdiagnosis.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QTimer;

namespace lanpigeon {
class Messenger;
}

namespace lanpigeon::ui {

// Waits QuietMs after the node starts (QTimer: the monotonic clock), then, while nobody is
// online, asks the network thread for its diagnosis and shows it; hides as soon as someone
// appears. Checks again every QuietMs while the list stays empty, so the words follow a cable
// plugged in.
class NetworkBand final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkBand)

public:
    static constexpr int QuietMs = 10000;

    explicit NetworkBand(Messenger *messenger, QWidget *parent = nullptr);
    ~NetworkBand() override;

    // The sentence the band shows for a diagnosis; empty for None.
    static QString describe(Diagnosis diagnosis, const SocketFacts &socket);

    QLabel *text() const { return m_text; }
    QPushButton *settingsButton() const { return m_settings; }
    Diagnosis shown() const { return m_shown; }

signals:
    // "Network settings…": the window opens the Settings dialog on its Network page.
    void settingsRequested();

private:
    void check();
    void peersChanged();
    void showSnapshot(const NetworkSnapshot &snapshot);
    bool nobodyOnline() const;

    Messenger *m_messenger;
    QLabel *m_text;
    QPushButton *m_settings;
    QTimer *m_quiet;
    // Set once QuietMs passed since the start: snapshots the Network page asks for meanwhile
    // do not bring the band up early.
    bool m_due = false;
    // Someone has been online since the window opened: the network works, and an empty list
    // now means they left, not that nobody answers.
    bool m_seenSomeone = false;
    Diagnosis m_shown = Diagnosis::None;
};

} // namespace lanpigeon::ui
