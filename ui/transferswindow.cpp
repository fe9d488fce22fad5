#include "transferswindow.h"

#include "messenger.h"
#include "transferdelegate.h"
#include "transfermodel.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace lanpigeon::ui {

TransfersWindow::TransfersWindow(Messenger *messenger, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_messenger(messenger)
    , m_view(new QListView)
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_retry(new QPushButton(tr("Retry")))
    , m_openFile(new QPushButton(tr("Open file")))
    , m_openFolder(new QPushButton(tr("Open folder")))
    , m_clear(new QPushButton(tr("Hide finished")))
{
    setWindowTitle(tr("Transfers — LanPigeon"));
    m_view->setModel(messenger->transferModel());
    m_view->setItemDelegate(new TransferDelegate(m_view));
    m_view->setAlternatingRowColors(true);
    m_view->setUniformItemSizes(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);
    m_retry->setToolTip(
        tr("Fetch a failed or cancelled download again, resuming where it stopped"));
    buttons->addStretch();
    buttons->addWidget(m_clear);
    buttons->addWidget(m_openFile);
    buttons->addWidget(m_openFolder);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    resize(560, 420);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TransfersWindow::updateButtons);
    connect(messenger->transferModel(), &QAbstractItemModel::dataChanged, this,
            &TransfersWindow::updateButtons);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        const QString id = selectedId();
        if (!id.isEmpty())
            m_messenger->cancelTransfer(id);
    });
    connect(m_retry, &QPushButton::clicked, this, [this] {
        const QString id = selectedId();
        if (!id.isEmpty())
            m_messenger->retryTransfer(id);
    });
    connect(messenger, &Messenger::transferRetried, this, [this](const QString &, bool ok) {
        if (!ok)
            QMessageBox::information(this, tr("Retry"),
                                     tr("This download cannot be retried: the sender no longer "
                                        "offers the file."));
    });
    connect(m_openFile, &QPushButton::clicked, this, [this] {
        const QString path = m_view->currentIndex().data(TransferModel::PathRole).toString();
        if (!path.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    });
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        const QString path = m_view->currentIndex().data(TransferModel::PathRole).toString();
        if (!path.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
    });
    connect(m_clear, &QPushButton::clicked, this, [this] {
        // Rows stay in the model (the chat's offer cards read them); the view hides them.
        const int rows = m_messenger->transferModel()->rowCount();
        for (int row = 0; row < rows; ++row) {
            const QString state =
                m_messenger->transferModel()->index(row).data(TransferModel::StateRole).toString();
            m_view->setRowHidden(row, state != QLatin1String("active") &&
                                          state != QLatin1String("waiting"));
        }
    });
    updateButtons();
}

TransfersWindow::~TransfersWindow() = default;

QString TransfersWindow::selectedId() const
{
    return m_view->currentIndex().data(TransferModel::IdRole).toString();
}

void TransfersWindow::updateButtons()
{
    const QModelIndex i = m_view->currentIndex();
    const QString state = i.data(TransferModel::StateRole).toString();
    const bool running = state == QLatin1String("active") || state == QLatin1String("waiting");
    m_cancel->setEnabled(i.isValid() && running);
    m_retry->setEnabled((state == QLatin1String("failed") || state == QLatin1String("cancelled")) &&
                        i.data(TransferModel::DirectionRole).toString() ==
                            QLatin1String("download") &&
                        !i.data(TransferModel::OfferIdRole).toString().isEmpty());
    const bool done = state == QLatin1String("done");
    m_openFile->setEnabled(done);
    m_openFolder->setEnabled(done || (!i.data(TransferModel::PathRole).toString().isEmpty()));
}

} // namespace lanpigeon::ui
