// Tells why LanPigeon could not start, in words a user can act on, and offers the way out:
// another port and try again, or quit.
#pragma once

#include "messenger.h"

#include <QDialog>

class QCheckBox;
class QSpinBox;

namespace lanpigeon::ui {

class StartFailureDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartFailureDialog)

public:
    // error: the core's own words, shown as details under the explanation.
    StartFailureDialog(const NodeConfig &config, const QString &error, Messenger::StartError reason,
                       QWidget *parent = nullptr);
    ~StartFailureDialog() override;

    // The port to try next.
    quint16 port() const;
    // Whether to give up the bind address that is not there.
    bool anyAddress() const;

private:
    QSpinBox *m_port;
    QCheckBox *m_anyAddress;
};

} // namespace lanpigeon::ui
