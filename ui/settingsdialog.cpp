#include "settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lanpigeon::ui {

SettingsDialog::SettingsDialog(const NodeConfig &config, const UiSettings &ui, QWidget *parent)
    : QDialog(parent)
    , m_config(config)
    , m_nick(new QLineEdit(config.nick))
    , m_group(new QLineEdit(config.group))
    , m_downloadDir(new QLineEdit(config.downloadDir))
    , m_extraHosts(new QLineEdit)
    , m_codec(new QComboBox)
    , m_port(new QSpinBox)
    , m_sendKey(new QComboBox)
    , m_language(new QComboBox)
    , m_closeToTray(new QCheckBox(tr("Closing the main window keeps LanPigeon in the tray")))
    , m_autoAccept(new QCheckBox(tr("Save offered files to the download folder without asking")))
    , m_startMinimized(new QCheckBox(tr("Start minimized to the tray")))
{
    setWindowTitle(tr("Settings — LanPigeon"));
    QStringList hosts;
    for (const QHostAddress &h : config.extraHosts)
        hosts << h.toString();
    m_extraHosts->setText(hosts.join(QStringLiteral(", ")));
    m_extraHosts->setPlaceholderText(tr("e.g. 10.1.2.255, 192.168.7.20"));
    m_codec->addItem(tr("Simplified Chinese (GB18030, FeiQ)"), QByteArray("GB18030"));
    m_codec->addItem(tr("Japanese (CP932, IP Messenger)"), QByteArray("CP932"));
    m_codec->addItem(tr("UTF-8"), QByteArray("UTF-8"));
    m_codec->setCurrentIndex(std::max(0, m_codec->findData(config.legacyCodec)));
    m_port->setRange(1, 65535);
    m_port->setValue(config.port);
    m_sendKey->addItem(tr("Enter sends, Ctrl+Enter starts a new line"), false);
    m_sendKey->addItem(tr("Ctrl+Enter sends, Enter starts a new line"), true);
    m_sendKey->setCurrentIndex(ui.ctrlEnterSends ? 1 : 0);
    m_language->addItem(tr("Same as the system"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(ui.language)));
    m_closeToTray->setChecked(ui.closeToTray);
    m_autoAccept->setChecked(ui.autoAccept);
    m_startMinimized->setChecked(ui.startMinimized);
    m_nick->setObjectName(QStringLiteral("nick"));
    m_group->setObjectName(QStringLiteral("group"));
    m_language->setObjectName(QStringLiteral("language"));

    auto *browse = new QPushButton(tr("Browse…"));
    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(m_downloadDir);
    dirRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Nickname:"), m_nick);
    form->addRow(tr("Workgroup:"), m_group);
    form->addRow(tr("Download folder:"), dirRow);
    form->addRow(tr("Other subnets and hosts:"), m_extraHosts);
    form->addRow(tr("Encoding for older clients:"), m_codec);
    form->addRow(tr("Port (needs a restart):"), m_port);
    form->addRow(tr("Sending:"), m_sendKey);
    form->addRow(tr("Language (needs a restart):"), m_language);
    form->addRow(QString(), m_closeToTray);
    form->addRow(QString(), m_autoAccept);
    form->addRow(QString(), m_startMinimized);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(box);
    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Download folder"), m_downloadDir->text());
        if (!dir.isEmpty())
            m_downloadDir->setText(dir);
    });
}

SettingsDialog::~SettingsDialog() = default;

NodeConfig SettingsDialog::config() const
{
    NodeConfig c = m_config;
    c.nick = m_nick->text().trimmed();
    c.group = m_group->text().trimmed();
    c.downloadDir = m_downloadDir->text().trimmed();
    c.extraHosts.clear();
    const auto parts = m_extraHosts->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")),
                                                  Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QHostAddress a(part);
        if (!a.isNull())
            c.extraHosts << a;
    }
    c.legacyCodec = m_codec->currentData().toByteArray();
    c.port = quint16(m_port->value());
    return c;
}

UiSettings SettingsDialog::uiSettings() const
{
    UiSettings u;
    u.ctrlEnterSends = m_sendKey->currentData().toBool();
    u.language = m_language->currentData().toString();
    u.closeToTray = m_closeToTray->isChecked();
    u.autoAccept = m_autoAccept->isChecked();
    u.startMinimized = m_startMinimized->isChecked();
    return u;
}

} // namespace lanpigeon::ui
