// The settings dialog: identity, network, files and the window's own preferences.
#pragma once

#include "crypto/fingerprint.h"
#include "nodeconfig.h"
#include "uisettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QSpinBox;
class QLabel;
class QTabWidget;

namespace lanpigeon::ui {

class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    SettingsDialog(const NodeConfig &config, const UiSettings &ui, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // config.bindAddress is the profile's own: AnyIPv4 when the field is empty.
    NodeConfig config() const;
    UiSettings uiSettings() const;

    // The addresses in text, split at commas, semicolons and spaces; what is not an IPv4
    // address goes to bad, as typed.
    static QList<QHostAddress> parseHosts(const QString &text, QStringList *bad);

    // Our key's fingerprint, for the Privacy part to show; "not ready" until set.
    void setOurFingerprint(const crypto::Fingerprint &fingerprint);
    QLabel *ourFingerprint() const { return m_fingerprint; }
    QCheckBox *requireEncryption() const { return m_requireEncryption; }
    QCheckBox *showOfflineBuddies() const { return m_showOfflineBuddies; }
    // Ticked while the XDG autostart entry exists; OK writes or removes it.
    QCheckBox *startAtLogin() const { return m_startAtLogin; }

    // The answer to rebindRequested(): empty when the node moved (the dialog closes as
    // accepted), else why not (it stays open and says so under the port).
    void rebindFinished(const QString &error);
    // The General page and, once added, the read-only Network page (it needs the running
    // Messenger, which the dialog does not know).
    QTabWidget *pages() const { return m_pages; }
    void addNetworkPage(QWidget *page);
    void showNetworkPage();

signals:
    // OK with a new port or bind address: the dialog waits, its buttons off, for
    // rebindFinished(). Without a receiver it just closes.
    void rebindRequested(const QHostAddress &address, quint16 port);

private:
    // False, with the reason under the field and the field focused, while something is wrong.
    bool validate();
    // Shows what is wrong with a hosts field under it, or hides it when nothing is.
    bool checkHosts(QLineEdit *field, QLabel *error);
    // Writes or removes the autostart entry as ticked; false, said in a dialog, when it failed.
    bool applyStartAtLogin();

    NodeConfig m_config;
    QLineEdit *m_nick;
    QLineEdit *m_group;
    QLineEdit *m_downloadDir;
    QLineEdit *m_extraHosts;
    QLabel *m_extraHostsError;
    QLineEdit *m_listFrom;
    QLabel *m_listFromError;
    QCheckBox *m_shareHostList;
    QLabel *m_rebindError;
    QDialogButtonBox *m_buttons = nullptr;
    QComboBox *m_codec;
    QSpinBox *m_port;
    QComboBox *m_sendKey;
    QComboBox *m_language;
    QCheckBox *m_closeToTray;
    QComboBox *m_autoAccept;
    QSpinBox *m_autoAcceptMax;
    QLineEdit *m_avatar;
    QCheckBox *m_startMinimized;
    QCheckBox *m_showOfflineBuddies;
    // The profile's own; empty for all networks.
    QLineEdit *m_bind;
    QLabel *m_fingerprint;
    crypto::Fingerprint m_ours;
    QCheckBox *m_requireEncryption;
    QCheckBox *m_startAtLogin;
    QTabWidget *m_pages;
    QWidget *m_networkPage = nullptr;
};

} // namespace lanpigeon::ui
