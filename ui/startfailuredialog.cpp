#include "startfailuredialog.h"

#include "theme.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace lanpigeon::ui {

namespace {
QString explanation(const NodeConfig &config, Messenger::StartError reason)
{
    const QString where =
        config.bindAddress == QHostAddress::AnyIPv4
            ? QString::number(config.port)
            : QStringLiteral("%1:%2").arg(config.bindAddress.toString()).arg(config.port);
    switch (reason) {
    case Messenger::StartError::PortInUse:
        return StartFailureDialog::tr(
                   "<b>Port %1 is already in use by another program.</b><br>LanPigeon needs this "
                   "port (UDP and TCP) to find people on the LAN and to talk to them. This may be "
                   "another messenger such as IP Messenger, FeiQ or iptux, or LanPigeon running "
                   "with another profile.<br><br>Close that program and try again, or choose "
                   "another port. Only people using the same port will see you; IP Messenger, "
                   "FeiQ and iptux use 2425.")
            .arg(where);
    case Messenger::StartError::AddressUnavailable:
        return StartFailureDialog::tr(
                   "<b>The address %1 does not belong to this computer.</b><br>The network it "
                   "was on may be gone, or the address was changed. Connect to that network and "
                   "try again, or listen on all networks instead.")
            .arg(config.bindAddress.toString().toHtmlEscaped());
    case Messenger::StartError::History:
        return StartFailureDialog::tr(
                   "<b>The chat history cannot be opened.</b><br>Check that the profile folder "
                   "%1 exists, is writable and that the disk is not full.")
            .arg(config.profileDir.toHtmlEscaped());
    case Messenger::StartError::Other:
        break;
    }
    return StartFailureDialog::tr("<b>LanPigeon cannot listen on %1.</b>").arg(where);
}
} // namespace

StartFailureDialog::StartFailureDialog(const NodeConfig &config, const QString &error,
                                       Messenger::StartError reason, QWidget *parent)
    : QDialog(parent)
    , m_port(new QSpinBox(this))
    , m_anyAddress(new QCheckBox(tr("Listen on all networks instead"), this))
{
    setWindowTitle(tr("LanPigeon cannot start"));
    setObjectName(QStringLiteral("startFailure"));
    auto *icon = new QLabel;
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    auto *text = new QLabel(explanation(config, reason));
    text->setWordWrap(true);
    text->setObjectName(QStringLiteral("explanation"));
    auto *details = new QLabel(tr("Details: %1").arg(error.toHtmlEscaped()));
    details->setWordWrap(true);
    details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette faint = details->palette();
    faint.setColor(QPalette::WindowText, theme::dimText(faint, faint.color(QPalette::Window)));
    details->setPalette(faint);
    m_port->setRange(1, 65535);
    m_port->setValue(config.port == 65535 ? 65534 : config.port + 1);
    m_port->setObjectName(QStringLiteral("port"));
    m_anyAddress->setObjectName(QStringLiteral("anyAddress"));
    auto *portRow = new QFormLayout;
    portRow->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);

    auto *box = new QDialogButtonBox;
    QPushButton *retry = box->addButton(tr("Try again"), QDialogButtonBox::AcceptRole);
    box->addButton(tr("Quit"), QDialogButtonBox::RejectRole);
    retry->setDefault(true);
    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *body = new QVBoxLayout;
    body->addWidget(text);
    body->addWidget(details);
    if (reason == Messenger::StartError::PortInUse || reason == Messenger::StartError::Other) {
        portRow->addRow(tr("Try with port:"), m_port);
    } else {
        // Another port is no cure here.
        m_port->setValue(config.port);
        m_port->hide();
    }
    if (reason == Messenger::StartError::AddressUnavailable)
        portRow->addRow(QString(), m_anyAddress);
    else
        m_anyAddress->hide();
    body->addLayout(portRow);
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(body, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(box);
    setMinimumWidth(460);
    m_port->setFocus();
    m_port->selectAll();
}

StartFailureDialog::~StartFailureDialog() = default;

quint16 StartFailureDialog::port() const
{
    return quint16(m_port->value());
}

bool StartFailureDialog::anyAddress() const
{
    return m_anyAddress->isChecked();
}

} // namespace lanpigeon::ui
