#include "settingsdialog.h"

#include "autostart.h"
#include "securitydialog.h"
#include "theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMetaMethod>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace lanpigeon::ui {

SettingsDialog::SettingsDialog(const NodeConfig &config, const UiSettings &ui, QWidget *parent)
    : QDialog(parent)
    , m_config(config)
    , m_nick(new QLineEdit(config.nick))
    , m_group(new QLineEdit(config.group))
    , m_downloadDir(new QLineEdit(config.downloadDir))
    , m_extraHosts(new QLineEdit)
    , m_extraHostsError(new QLabel)
    , m_listFrom(new QLineEdit)
    , m_listFromError(new QLabel)
    , m_shareHostList(new QCheckBox(tr("Share my buddy list with hosts that ask")))
    , m_rebindError(new QLabel)
    , m_codec(new QComboBox)
    , m_port(new QSpinBox)
    , m_sendKey(new QComboBox)
    , m_language(new QComboBox)
    , m_closeToTray(new QCheckBox(tr("Closing the main window keeps LanPigeon in the tray")))
    , m_autoAccept(new QComboBox)
    , m_autoAcceptMax(new QSpinBox)
    , m_avatar(new QLineEdit(ui.avatarPath))
    , m_startMinimized(new QCheckBox(tr("Start minimized to the tray")))
    , m_showOfflineBuddies(new QCheckBox(tr("Show offline buddies I have talked to")))
    , m_bind(new QLineEdit)
    , m_fingerprint(SecurityDialog::fingerprintLabel())
    , m_requireEncryption(new QCheckBox(tr("Only send to peers who can encrypt")))
    , m_startAtLogin(new QCheckBox(tr("Start LanPigeon when I log in")))
{
    setWindowTitle(tr("Settings — LanPigeon"));
    QStringList hosts;
    for (const QHostAddress &h : config.extraHosts)
        hosts << h.toString();
    m_extraHosts->setText(hosts.join(QStringLiteral(", ")));
    m_extraHosts->setPlaceholderText(tr("e.g. 10.1.2.255, 192.168.7.20"));
    QStringList listHosts;
    for (const QHostAddress &h : config.listFrom)
        listHosts << h.toString();
    m_listFrom->setText(listHosts.join(QStringLiteral(", ")));
    m_listFrom->setPlaceholderText(tr("e.g. 10.1.2.20, a host that shares its list"));
    m_listFrom->setObjectName(QStringLiteral("listFrom"));
    m_listFromError->setObjectName(QStringLiteral("listFromError"));
    theme::showAsError(m_listFromError, true);
    m_listFromError->hide();
    connect(m_listFrom, &QLineEdit::textEdited, m_listFromError, &QWidget::hide);
    m_shareHostList->setObjectName(QStringLiteral("shareHostList"));
    m_shareHostList->setChecked(config.shareHostList);
    m_shareHostList->setToolTip(
        tr("Hosts on other subnets that ask (IP Messenger's host list) get the names and "
           "addresses of the people you see."));
    m_rebindError->setObjectName(QStringLiteral("rebindError"));
    theme::showAsError(m_rebindError, true);
    m_rebindError->setWordWrap(true);
    m_rebindError->hide();
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
    m_autoAccept->addItem(tr("Always ask"), int(UiSettings::AutoAccept::Never));
    m_autoAccept->addItem(tr("From my workgroup"), int(UiSettings::AutoAccept::MyWorkgroup));
    m_autoAccept->addItem(tr("From everyone"), int(UiSettings::AutoAccept::Everyone));
    m_autoAccept->setCurrentIndex(m_autoAccept->findData(int(ui.autoAccept)));
    m_autoAccept->setObjectName(QStringLiteral("autoAccept"));
    m_autoAcceptMax->setRange(0, 1024 * 1024);
    m_autoAcceptMax->setSuffix(tr(" MiB"));
    m_autoAcceptMax->setSpecialValueText(tr("any size"));
    m_autoAcceptMax->setValue(ui.autoAcceptMaxMiB);
    m_avatar->setPlaceholderText(tr("an image, or empty for your initial"));
    m_startMinimized->setChecked(ui.startMinimized);
    m_startAtLogin->setObjectName(QStringLiteral("startAtLogin"));
    m_startAtLogin->setChecked(Autostart::isEnabled());
    m_showOfflineBuddies->setChecked(ui.showOfflineBuddies);
    m_showOfflineBuddies->setObjectName(QStringLiteral("showOfflineBuddies"));
    m_nick->setObjectName(QStringLiteral("nick"));
    m_group->setObjectName(QStringLiteral("group"));
    m_language->setObjectName(QStringLiteral("language"));
    m_codec->setObjectName(QStringLiteral("codec"));

    m_bind->setObjectName(QStringLiteral("bind"));
    if (config.bindAddress != QHostAddress::AnyIPv4)
        m_bind->setText(config.bindAddress.toString());
    m_bind->setPlaceholderText(tr("all networks"));
    m_bind->setClearButtonEnabled(true);
    m_port->setObjectName(QStringLiteral("port"));
    m_extraHosts->setObjectName(QStringLiteral("extraHosts"));
    m_extraHostsError->setObjectName(QStringLiteral("extraHostsError"));
    // Two short lines: a word-wrapped label in a form row gets the height of one.
    theme::showAsError(m_extraHostsError, true);
    m_extraHostsError->hide();
    connect(m_extraHosts, &QLineEdit::textEdited, m_extraHostsError, &QWidget::hide);

    auto *browse = new QPushButton(tr("Browse…"));
    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(m_downloadDir);
    dirRow->addWidget(browse);
    auto *pickAvatar = new QPushButton(tr("Choose…"));
    auto *avatarRow = new QHBoxLayout;
    avatarRow->addWidget(m_avatar);
    avatarRow->addWidget(pickAvatar);
    connect(pickAvatar, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Avatar"), m_avatar->text(), tr("Images (*.png *.jpg *.jpeg *.bmp *.svg)"));
        if (!file.isEmpty())
            m_avatar->setText(file);
    });
    auto *acceptRow = new QHBoxLayout;
    acceptRow->addWidget(m_autoAccept, 1);
    acceptRow->addWidget(new QLabel(tr("up to")));
    acceptRow->addWidget(m_autoAcceptMax);

    // What applies at once, and apart from it what waits for the next start, so no one
    // wonders why a change did nothing.
    auto *now = new QGroupBox(tr("Applies at once"));
    auto *form = new QFormLayout(now);
    form->addRow(tr("Nickname:"), m_nick);
    form->addRow(tr("Avatar:"), avatarRow);
    form->addRow(tr("Workgroup:"), m_group);
    form->addRow(tr("Download folder:"), dirRow);
    auto *hostsColumn = new QVBoxLayout;
    hostsColumn->addWidget(m_extraHosts);
    hostsColumn->addWidget(m_extraHostsError);
    form->addRow(tr("Other subnets and hosts:"), hostsColumn);
    auto *listColumn = new QVBoxLayout;
    listColumn->addWidget(m_listFrom);
    listColumn->addWidget(m_listFromError);
    form->addRow(tr("Fetch the buddy list from host:"), listColumn);
    form->addRow(QString(), m_shareHostList);
    auto *portColumn = new QVBoxLayout;
    portColumn->addWidget(m_port);
    portColumn->addWidget(m_rebindError);
    form->addRow(tr("Port:"), portColumn);
    // LANPIGEON_BIND wins for this run; without a word the empty field would claim all networks.
    const QString bindOverride = qEnvironmentVariable("LANPIGEON_BIND").trimmed();
    form->addRow(tr("Bind address:"), m_bind);
    if (!bindOverride.isEmpty()) {
        // A row of its own: nested in the field's, a wrapped note squeezed the field flat.
        auto *note = new QLabel(tr("This run: %1, from LANPIGEON_BIND").arg(bindOverride));
        note->setObjectName(QStringLiteral("bindOverride"));
        note->setWordWrap(true);
        note->setForegroundRole(QPalette::PlaceholderText);
        form->addRow(QString(), note);
    }
    form->addRow(tr("Encoding for older clients:"), m_codec);
    form->addRow(tr("Accept files without asking:"), acceptRow);
    form->addRow(tr("Sending:"), m_sendKey);
    form->addRow(QString(), m_closeToTray);
    form->addRow(QString(), m_startAtLogin);
    form->addRow(QString(), m_startMinimized);
    form->addRow(QString(), m_showOfflineBuddies);
    // Applies at once too; apart, so the fingerprint has room and is found by its name.
    auto *privacy = new QGroupBox(tr("Privacy"));
    privacy->setObjectName(QStringLiteral("privacyGroup"));
    auto *privacyForm = new QFormLayout(privacy);
    m_fingerprint->setObjectName(QStringLiteral("ourFingerprint"));
    setOurFingerprint({});
    auto *copy = new QPushButton(tr("Copy"));
    copy->setObjectName(QStringLiteral("copyFingerprint"));
    copy->setToolTip(tr("Copy the fingerprint"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_ours.toString()); });
    auto *fingerprintRow = new QHBoxLayout;
    fingerprintRow->addWidget(m_fingerprint, 1);
    fingerprintRow->addWidget(copy, 0, Qt::AlignTop);
    privacyForm->addRow(tr("Your key's fingerprint:"), fingerprintRow);
    auto *fingerprintNote =
        new QLabel(tr("Read it aloud to someone who wants to verify your key; theirs is in the "
                      "lock at the top of a chat."));
    fingerprintNote->setWordWrap(true);
    fingerprintNote->setForegroundRole(QPalette::PlaceholderText);
    privacyForm->addRow(QString(), fingerprintNote);
    m_requireEncryption->setObjectName(QStringLiteral("requireEncryption"));
    m_requireEncryption->setChecked(config.requireEncryption);
    m_requireEncryption->setToolTip(
        tr("Messages and files to peers that cannot encrypt (iptux, FeiQ) fail with an error "
           "instead of crossing the network in clear text."));
    privacyForm->addRow(QString(), m_requireEncryption);
    auto *later = new QGroupBox(tr("Applies when LanPigeon starts again"));
    later->setObjectName(QStringLiteral("restartGroup"));
    auto *restartForm = new QFormLayout(later);
    restartForm->addRow(tr("Language:"), m_language);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons = box;
    auto *general = new QWidget;
    auto *generalLayout = new QVBoxLayout(general);
    generalLayout->addWidget(now);
    generalLayout->addWidget(privacy);
    generalLayout->addWidget(later);
    m_pages = new QTabWidget;
    m_pages->addTab(general, tr("General"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(box);
    connect(box, &QDialogButtonBox::accepted, this, [this] {
        if (!validate() || !applyStartAtLogin())
            return;
        const NodeConfig c = this->config();
        const bool moves = c.port != m_config.port || c.bindAddress != m_config.bindAddress;
        if (!moves ||
            !isSignalConnected(QMetaMethod::fromSignal(&SettingsDialog::rebindRequested))) {
            accept();
            return;
        }
        // The node binds the new port first; until it says how that went, nothing is saved.
        m_rebindError->hide();
        m_buttons->setEnabled(false);
        emit rebindRequested(c.bindAddress, c.port);
    });
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Download folder"), m_downloadDir->text());
        if (!dir.isEmpty())
            m_downloadDir->setText(dir);
    });
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::rebindFinished(const QString &error)
{
    m_buttons->setEnabled(true);
    if (error.isEmpty()) {
        accept();
        return;
    }
    m_rebindError->setText(error);
    m_rebindError->show();
    adjustSize();
    resize(width(), qMax(height(), sizeHint().height()));
    m_port->setFocus();
}

bool SettingsDialog::applyStartAtLogin()
{
    const bool on = m_startAtLogin->isChecked();
    if (on == Autostart::isEnabled())
        return true;
    // Started at login as now: this program, with the profile it runs with.
    const Autostart autostart(QCoreApplication::applicationFilePath(),
                              qEnvironmentVariable("LANPIGEON_PROFILE"));
    QString error;
    if (autostart.setEnabled(on, &error))
        return true;
    QMessageBox::warning(this, windowTitle(), error);
    m_startAtLogin->setFocus();
    return false;
}

void SettingsDialog::addNetworkPage(QWidget *page)
{
    m_networkPage = page;
    m_pages->addTab(page, tr("Network"));
}

void SettingsDialog::showNetworkPage()
{
    if (m_networkPage)
        m_pages->setCurrentWidget(m_networkPage);
}

bool SettingsDialog::checkHosts(QLineEdit *field, QLabel *error)
{
    // Dropping what cannot be used would leave the user believing it is announced to.
    QStringList bad;
    parseHosts(field->text(), &bad);
    if (bad.isEmpty()) {
        error->hide();
        return true;
    }
    error->setText(
        tr("Not an IPv4 address: %1.\nGive addresses such as 10.1.2.255; names are not looked "
           "up.")
            .arg(bad.join(QStringLiteral(", "))));
    error->show();
    // The wrapped error's height is not in the minimum size adjustSize() keeps to, so
    // grow to the full size hint, or the field above it is squeezed to a sliver.
    adjustSize();
    resize(width(), qMax(height(), sizeHint().height()));
    field->setFocus();
    return false;
}

bool SettingsDialog::validate()
{
    if (!checkHosts(m_extraHosts, m_extraHostsError) || !checkHosts(m_listFrom, m_listFromError))
        return false;
    const QString bind = m_bind->text().trimmed();
    const QHostAddress address(bind);
    if (!bind.isEmpty() &&
        (address.isNull() || address.protocol() != QAbstractSocket::IPv4Protocol)) {
        QMessageBox::warning(this, windowTitle(),
                             tr("The bind address must be an IPv4 address of this computer, "
                                "such as 192.168.1.20, or empty for all networks."));
        m_bind->setFocus();
        return false;
    }
    return true;
}

QList<QHostAddress> SettingsDialog::parseHosts(const QString &text, QStringList *bad)
{
    QList<QHostAddress> hosts;
    const auto parts =
        text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QHostAddress a(part);
        if (!a.isNull() && a.protocol() == QAbstractSocket::IPv4Protocol)
            hosts << a;
        else if (bad)
            *bad << part;
    }
    return hosts;
}

NodeConfig SettingsDialog::config() const
{
    NodeConfig c = m_config;
    c.nick = m_nick->text().trimmed();
    // No nick would show as nothing, here and to everyone: the login name stands in, as
    // IP Messenger does.
    if (c.nick.isEmpty())
        c.nick = c.user;
    c.group = m_group->text().trimmed();
    c.downloadDir = m_downloadDir->text().trimmed();
    c.extraHosts = parseHosts(m_extraHosts->text(), nullptr);
    c.listFrom = parseHosts(m_listFrom->text(), nullptr);
    c.shareHostList = m_shareHostList->isChecked();
    c.legacyCodec = m_codec->currentData().toByteArray();
    c.port = quint16(m_port->value());
    const QString bind = m_bind->text().trimmed();
    c.bindAddress = bind.isEmpty() ? QHostAddress(QHostAddress::AnyIPv4) : QHostAddress(bind);
    c.requireEncryption = m_requireEncryption->isChecked();
    return c;
}

void SettingsDialog::setOurFingerprint(const crypto::Fingerprint &fingerprint)
{
    m_ours = fingerprint;
    m_fingerprint->setText(fingerprint.isNull() ? tr("(not ready yet: LanPigeon is starting)")
                                                : SecurityDialog::readable(fingerprint));
}

UiSettings SettingsDialog::uiSettings() const
{
    UiSettings u;
    u.ctrlEnterSends = m_sendKey->currentData().toBool();
    u.language = m_language->currentData().toString();
    u.closeToTray = m_closeToTray->isChecked();
    u.autoAccept = UiSettings::AutoAccept(m_autoAccept->currentData().toInt());
    u.autoAcceptMaxMiB = m_autoAcceptMax->value();
    u.avatarPath = m_avatar->text().trimmed();
    u.startMinimized = m_startMinimized->isChecked();
    u.showOfflineBuddies = m_showOfflineBuddies->isChecked();
    return u;
}

} // namespace lanpigeon::ui
