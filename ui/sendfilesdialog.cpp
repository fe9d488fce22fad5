#include "sendfilesdialog.h"

#include "models/peermodel.h"
#include "peerpicker.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lanpigeon::ui {

SendFilesDialog::SendFilesDialog(const PeerModel *peers, const GroupedPeerModel *offline,
                                 const QStringList &ticked, const QStringList &paths,
                                 QWidget *parent)
    : QDialog(parent)
    , m_files(new QTreeWidget)
    , m_total(new QLabel)
    , m_missingNote(new QLabel)
    , m_note(new QLabel)
    , m_picker(new PeerPicker(peers, ticked, {}, offline))
    , m_send(new QPushButton(tr("Send")))
{
    setWindowTitle(tr("Send files"));
    setObjectName(QStringLiteral("sendFilesDialog"));
    m_files->setObjectName(QStringLiteral("sendFilesList"));
    m_files->setHeaderLabels({tr("Name"), tr("Size")});
    m_files->setRootIsDecorated(false);
    m_files->header()->setStretchLastSection(false);
    m_files->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_files->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_total->setObjectName(QStringLiteral("sendFilesTotal"));
    m_missingNote->setObjectName(QStringLiteral("sendFilesMissing"));
    m_missingNote->setWordWrap(true);
    m_missingNote->hide();
    m_note->setObjectName(QStringLiteral("sendFilesNote"));
    m_note->setWordWrap(true);
    m_send->setObjectName(QStringLiteral("sendFilesOk"));
    m_send->setDefault(true);
    auto *buttons = new QDialogButtonBox;
    buttons->addButton(m_send, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_files, 1);
    layout->addWidget(m_total);
    layout->addWidget(m_missingNote);
    layout->addWidget(m_note);
    layout->addWidget(m_picker, 2);
    layout->addWidget(buttons);
    resize(460, 520);
    connect(m_picker, &PeerPicker::changed, this, &SendFilesDialog::refresh);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    addPaths(paths);
    m_picker->filter()->setFocus();
}

SendFilesDialog::~SendFilesDialog() = default;

void SendFilesDialog::addPaths(const QStringList &paths)
{
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            if (!m_missing.contains(path))
                m_missing << path;
            continue;
        }
        if (m_paths.contains(path))
            continue;
        m_paths << path;
        auto *item = new QTreeWidgetItem(m_files);
        item->setText(0, info.fileName().isEmpty() ? path : info.fileName());
        item->setToolTip(0, QDir::toNativeSeparators(path));
        // A folder's size means reading all of it, which a big one makes slow.
        if (info.isDir()) {
            item->setText(1, tr("folder"));
            ++m_folders;
        } else {
            item->setText(1, QLocale().formattedDataSize(info.size()));
            m_bytes += info.size();
        }
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }
    refresh();
}

QStringList SendFilesDialog::peerIds() const
{
    return m_picker->peerIds();
}

void SendFilesDialog::refresh()
{
    const int files = int(m_paths.size()) - m_folders;
    const QString size = QLocale().formattedDataSize(m_bytes);
    if (m_paths.isEmpty())
        m_total->setText(tr("Nothing to send."));
    else if (m_folders == 0)
        m_total->setText(tr("%n file(s), %1 in all", nullptr, files).arg(size));
    else if (files == 0)
        m_total->setText(tr("%n folder(s)", nullptr, m_folders));
    else
        m_total->setText(tr("%n file(s) (%1) and %2", nullptr, files)
                             .arg(size, tr("%n folder(s)", nullptr, m_folders)));
    QStringList missing;
    for (const QString &path : std::as_const(m_missing))
        missing << QDir::toNativeSeparators(path);
    m_missingNote->setText(tr("Not found, left out: %1").arg(missing.join(QStringLiteral(", "))));
    m_missingNote->setVisible(!m_missing.isEmpty());

    const QStringList names = m_picker->names();
    int away = 0;
    for (int i = 0; i < m_picker->list()->count(); ++i) {
        const QListWidgetItem *item = m_picker->list()->item(i);
        away += item->checkState() == Qt::Checked && PeerPicker::isOffline(item);
    }
    if (m_picker->list()->count() == 0)
        m_note->setText(tr("Nobody to send to yet: buddies appear here when they are online, "
                           "or once you have talked to them."));
    else if (names.isEmpty())
        m_note->setText(tr("Tick the buddies to send to (those offline get the files when they "
                           "are back):"));
    else if (away > 0)
        m_note->setText(tr("%n ticked: %1", nullptr, int(names.size()))
                            .arg(QLocale().createSeparatedList(names)) +
                        QLatin1Char(' ') +
                        tr("(%n offline: the files wait until they are back)", nullptr, away));
    else
        m_note->setText(tr("%n ticked: %1", nullptr, int(names.size()))
                            .arg(QLocale().createSeparatedList(names)));
    m_send->setEnabled(!names.isEmpty() && !m_paths.isEmpty());
}

} // namespace lanpigeon::ui
