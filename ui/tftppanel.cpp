#include "tftppanel.h"

#include "messenger.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lanpigeon::ui {

TftpPanel::TftpPanel(Messenger *messenger, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_messenger(messenger)
    , m_root(new QLineEdit(messenger->config().downloadDir))
    , m_browseRoot(new QPushButton(tr("Browse…")))
    , m_port(new QSpinBox)
    , m_allowWrite(new QCheckBox(tr("Allow uploads (new files only)")))
    , m_serve(new QPushButton(tr("Start server")))
    , m_state(new QLabel(tr("Stopped.")))
    , m_host(new QLineEdit)
    , m_remote(new QLineEdit)
    , m_local(new QLineEdit)
    , m_blockSize(new QComboBox)
    , m_window(new QSpinBox)
    , m_clientState(new QLabel)
{
    setWindowTitle(tr("TFTP — LanPigeon"));
    m_root->setObjectName(QStringLiteral("tftpRoot"));
    m_browseRoot->setObjectName(QStringLiteral("tftpBrowseRoot"));
    m_port->setObjectName(QStringLiteral("tftpPort"));
    m_allowWrite->setObjectName(QStringLiteral("tftpAllowWrite"));
    m_serve->setObjectName(QStringLiteral("tftpServe"));
    m_state->setObjectName(QStringLiteral("tftpServerState"));
    m_state->setWordWrap(true);
    // 69 needs root; 6969 is what most devices' recovery tools let you type.
    m_port->setRange(1, 65535);
    m_port->setValue(6969);
    m_host->setPlaceholderText(tr("192.168.1.1 or 192.168.1.1:69"));
    m_remote->setPlaceholderText(tr("file name on the server"));
    m_blockSize->addItem(tr("from the path MTU"), 0);
    for (int size : {512, 1024, 1428, 8192, 65464})
        m_blockSize->addItem(QString::number(size), size);
    m_window->setRange(1, 64);
    m_window->setValue(1);
    m_window->setToolTip(
        tr("RFC 7440 window: more blocks per acknowledgement, if the server supports it"));

    auto *rootRow = new QHBoxLayout;
    rootRow->addWidget(m_root);
    rootRow->addWidget(m_browseRoot);
    auto *serverForm = new QFormLayout;
    serverForm->addRow(tr("Folder:"), rootRow);
    serverForm->addRow(tr("Port:"), m_port);
    serverForm->addRow(QString(), m_allowWrite);
    auto *serveRow = new QHBoxLayout;
    serveRow->addWidget(m_state, 1);
    serveRow->addWidget(m_serve);
    serverForm->addRow(serveRow);
    auto *server = new QGroupBox(tr("Server: serve a folder, read-only unless allowed"));
    server->setLayout(serverForm);

    auto *browseLocal = new QPushButton(tr("Browse…"));
    auto *localRow = new QHBoxLayout;
    localRow->addWidget(m_local);
    localRow->addWidget(browseLocal);
    auto *get = new QPushButton(tr("Get"));
    auto *put = new QPushButton(tr("Put"));
    get->setObjectName(QStringLiteral("tftpGet"));
    put->setObjectName(QStringLiteral("tftpPut"));
    m_host->setObjectName(QStringLiteral("tftpHost"));
    m_remote->setObjectName(QStringLiteral("tftpRemote"));
    m_local->setObjectName(QStringLiteral("tftpLocal"));
    m_clientState->setObjectName(QStringLiteral("tftpClientState"));
    m_clientState->setWordWrap(true);
    auto *clientForm = new QFormLayout;
    clientForm->addRow(tr("Server:"), m_host);
    clientForm->addRow(tr("Remote file:"), m_remote);
    clientForm->addRow(tr("Local file:"), localRow);
    clientForm->addRow(tr("Block size:"), m_blockSize);
    clientForm->addRow(tr("Window size:"), m_window);
    auto *clientRow = new QHBoxLayout;
    clientRow->addWidget(m_clientState, 1);
    clientRow->addWidget(get);
    clientRow->addWidget(put);
    clientForm->addRow(clientRow);
    auto *client = new QGroupBox(tr("Client: get from or put to any TFTP server"));
    client->setLayout(clientForm);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(server);
    layout->addWidget(client);
    layout->addStretch();
    resize(480, 420);

    connect(m_browseRoot, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Folder to serve"), m_root->text());
        if (!dir.isEmpty())
            m_root->setText(dir);
    });
    connect(browseLocal, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getSaveFileName(this, tr("Local file"), m_local->text(), QString(),
                                         nullptr, QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_local->setText(file);
    });
    connect(m_serve, &QPushButton::clicked, this, &TftpPanel::toggleServer);
    // A running server takes it at once: a user who ticks it expects the next upload to work.
    connect(m_allowWrite, &QCheckBox::toggled, this, [this](bool allow) {
        m_messenger->setTftpAllowWrite(allow);
        if (m_running)
            showServing();
    });
    connect(get, &QPushButton::clicked, this, [this] { transfer(false); });
    connect(put, &QPushButton::clicked, this, [this] { transfer(true); });
    connect(messenger, &Messenger::tftpServerChanged, this,
            [this](bool running, const QString &, quint16 port, const QString &error) {
                m_running = running;
                m_serve->setText(running ? tr("Stop server") : tr("Start server"));
                m_serve->setEnabled(true);
                lockServerFields(running);
                m_servedPort = port;
                if (running)
                    showServing();
                else if (!error.isEmpty())
                    m_state->setText(tr("⚠ %1").arg(error));
                else
                    m_state->setText(tr("Stopped."));
                theme::showAsError(m_state, !error.isEmpty());
            });
    connect(messenger, &Messenger::transferFinished, this, [this](const TransferResult &result) {
        if (result.id.kind() != TransferId::Kind::TftpClient)
            return;
        m_clientState->setText(result.ok() ? tr("✓ %1").arg(QFileInfo(result.path).fileName())
                                           : tr("⚠ %1").arg(result.error));
        theme::showAsError(m_clientState, !result.ok());
    });
}

TftpPanel::~TftpPanel() = default;

QString TftpPanel::serverState() const
{
    return m_state->text();
}

void TftpPanel::lockServerFields(bool locked)
{
    const QString why = locked ? tr("Stop the server to change this.") : QString();
    for (QWidget *w : {static_cast<QWidget *>(m_root), static_cast<QWidget *>(m_browseRoot),
                       static_cast<QWidget *>(m_port)}) {
        w->setEnabled(!locked);
        w->setToolTip(why);
    }
}

void TftpPanel::showServing()
{
    // The folder is in its (locked) field above; the line says what a client may do.
    m_state->setText(
        m_allowWrite->isChecked()
            ? tr("✓ Serving on UDP port %1; uploads of new files allowed.").arg(m_servedPort)
            : tr("✓ Serving on UDP port %1, read-only.").arg(m_servedPort));
}

void TftpPanel::toggleServer()
{
    if (m_running) {
        m_serve->setEnabled(false);
        m_messenger->stopTftpServer();
        return;
    }
    tftp::TftpServer::Config c;
    c.root = m_root->text();
    c.port = quint16(m_port->value());
    c.address = m_messenger->config().bindAddress;
    c.allowWrite = m_allowWrite->isChecked();
    m_state->setText(tr("Starting…"));
    m_serve->setEnabled(false);
    lockServerFields(true);
    m_messenger->startTftpServer(c);
}

void TftpPanel::transfer(bool put)
{
    tftp::TftpClient::Request r;
    r.put = put;
    QString host = m_host->text().trimmed();
    const int colon = host.lastIndexOf(QLatin1Char(':'));
    if (colon > 0) {
        r.port = quint16(host.mid(colon + 1).toUInt());
        host = host.left(colon);
    }
    r.server = QHostAddress(host);
    r.remote = m_remote->text().trimmed().toUtf8();
    r.local = m_local->text().trimmed();
    if (r.local.isEmpty() && !put)
        r.local = QDir(m_messenger->config().downloadDir)
                      .filePath(QFileInfo(m_remote->text()).fileName());
    if (r.remote.isEmpty() && put)
        r.remote = QFileInfo(r.local).fileName().toUtf8();
    if (r.server.isNull() || r.port == 0 || r.remote.isEmpty() || r.local.isEmpty()) {
        showClientError(tr("⚠ Give a server address, a remote and a local file."));
        return;
    }
    r.bind = m_messenger->config().bindAddress;
    r.blockSize = m_blockSize->currentData().toInt();
    r.windowSize = m_window->value();
    const QFileInfo local(r.local);
    if (!put && local.isDir()) {
        showClientError(tr("⚠ %1 is a folder. Give the name of the file to save into.")
                            .arg(QDir::toNativeSeparators(r.local)));
        return;
    }
    if (!put && local.exists()) {
        confirmReplace(r);
        return;
    }
    start(r);
}

void TftpPanel::showClientError(const QString &text)
{
    m_clientState->setText(text);
    theme::showAsError(m_clientState, true);
}

void TftpPanel::confirmReplace(const tftp::TftpClient::Request &request)
{
    const QFileInfo local(request.local);
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Replace %1?").arg(local.fileName()),
                        tr("%1 already exists in %2. Getting %3 will replace it.")
                            .arg(local.fileName(), QDir::toNativeSeparators(local.absolutePath()),
                                 QString::fromUtf8(request.remote)),
                        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("tftpReplace"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("The file there now (%1) stays until the new one is complete, then it is gone.")
            .arg(QLocale().formattedDataSize(local.size())));
    QPushButton *replace = box->addButton(tr("Replace"), QMessageBox::DestructiveRole);
    replace->setObjectName(QStringLiteral("replace"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, replace, request](QAbstractButton *button) {
                if (button == replace) {
                    start(request);
                } else {
                    theme::showAsError(m_clientState, false);
                    m_clientState->setText(
                        tr("Not fetched: %1 was kept.").arg(QFileInfo(request.local).fileName()));
                }
            });
    box->open();
}

void TftpPanel::start(const tftp::TftpClient::Request &r)
{
    const bool put = r.put;
    theme::showAsError(m_clientState, false);
    m_clientState->setText(put ? tr("Putting %1…").arg(QString::fromUtf8(r.remote))
                               : tr("Getting %1…").arg(QString::fromUtf8(r.remote)));
    emit transferStarted(m_messenger->startTftpTransfer(r));
}

} // namespace lanpigeon::ui
