// The TFTP panel: serve a folder to any TFTP client, or get from and put to any server.
#pragma once

#include "common/transferid.h"
#include "tftp/tftpclient.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace lanpigeon {
class Messenger;
}

namespace lanpigeon::ui {

class TftpPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TftpPanel)

public:
    explicit TftpPanel(Messenger *messenger, QWidget *parent = nullptr);
    ~TftpPanel() override;

    QString serverState() const;

signals:
    // A get or put began; the transfers window shows it.
    void transferStarted(const lanpigeon::TransferId &id);

private:
    void toggleServer();
    void transfer(bool put);
    // A get that would replace an existing local file asks first; the user's file is theirs.
    void confirmReplace(const tftp::TftpClient::Request &request);
    void start(const tftp::TftpClient::Request &request);
    void showClientError(const QString &text);
    // Folder and port are bound by the running server; they unlock when it stops.
    void lockServerFields(bool locked);
    void showServing();

    Messenger *m_messenger;
    bool m_running = false;
    quint16 m_servedPort = 0;
    QLineEdit *m_root;
    QPushButton *m_browseRoot;
    QSpinBox *m_port;
    QCheckBox *m_allowWrite;
    QPushButton *m_serve;
    QLabel *m_state;
    QLineEdit *m_host;
    QLineEdit *m_remote;
    QLineEdit *m_local;
    QComboBox *m_blockSize;
    QSpinBox *m_window;
    QLabel *m_clientState;
};

} // namespace lanpigeon::ui
