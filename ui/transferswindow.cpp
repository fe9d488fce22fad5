#include "transferswindow.h"

#include "messenger.h"
#include "models/transfermodel.h"
#include "transferdelegate.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
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
    , m_placeholder(new QLabel)
{
    setWindowTitle(tr("Transfers — LanPigeon"));
    TransferModel *model = messenger->transferModel();
    m_view->setModel(model);
    m_view->setItemDelegate(new TransferDelegate(m_view));
    m_view->setAlternatingRowColors(true);
    m_view->setUniformItemSizes(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    // After a restart the list is empty, and an empty white box looks broken.
    m_placeholder->setObjectName(QStringLiteral("transfersPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setAttribute(Qt::WA_TransparentForMouseEvents);
    auto *over = new QVBoxLayout(m_view->viewport());
    over->addWidget(m_placeholder);
    m_cancel->setToolTip(tr("Stop the selected transfer (Delete)"));
    m_openFile->setToolTip(tr("Open the received or sent file (Enter, or double-click the row)"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);
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
    connect(model, &QAbstractItemModel::dataChanged, this, &TransfersWindow::updateButtons);
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_view->verticalScrollBar();
        m_following = bar->value() >= bar->maximum();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_following)
            m_view->scrollToBottom();
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        const TransferId id = selectedId();
        if (id.isValid())
            m_messenger->cancelTransfer(id);
    });
    connect(m_retry, &QPushButton::clicked, this, &TransfersWindow::retry);
    connect(
        messenger, &Messenger::transferRetried, this, [this, model](const TransferId &id, bool ok) {
            if (ok)
                return;
            model->setRetryRefused(id);
            auto *box = new QMessageBox(QMessageBox::Information, tr("Retry"),
                                        tr("This download cannot be retried: the sender no longer "
                                           "offers the file. Ask them to send it again."),
                                        QMessageBox::Close, this);
            box->setObjectName(QStringLiteral("cannotRetry"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
    connect(m_openFile, &QPushButton::clicked, this, [this] { open(Open::File); });
    connect(m_openFolder, &QPushButton::clicked, this, [this] { open(Open::Folder); });
    // Enter and double-click, as in a file manager.
    connect(m_view, &QAbstractItemView::activated, this, [this] {
        if (m_openFile->isEnabled())
            open(Open::File);
    });
    // A window of its own, closed as the chat window is.
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(Qt::Key_Escape)})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &QWidget::close);
    auto *remove = new QShortcut(QKeySequence::Delete, m_view);
    remove->setContext(Qt::WidgetWithChildrenShortcut);
    connect(remove, &QShortcut::activated, this, &TransfersWindow::cancelOrRemove);
    connect(m_view, &QWidget::customContextMenuRequested, this, &TransfersWindow::showContextMenu);
    // A switch rather than a one-off sweep: with it on, a transfer that finishes later leaves
    // the list too. Rows stay in the model (the chat's offer cards read them); the view hides
    // them.
    m_clear->setCheckable(true);
    m_clear->setToolTip(tr("Show only transfers that are still running"));
    connect(m_clear, &QPushButton::toggled, this, [this, model] {
        filterRows(0, model->rowCount() - 1);
        updateButtons();
        updatePlaceholder();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, &TransfersWindow::updatePlaceholder);
    connect(model, &QAbstractItemModel::modelReset, this, &TransfersWindow::updatePlaceholder);
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &first, const QModelIndex &last) {
                if (!m_clear->isChecked())
                    return;
                filterRows(first.row(), last.row());
                updateButtons();
                updatePlaceholder();
            });
    updateButtons();
    updatePlaceholder();
}

TransfersWindow::~TransfersWindow() = default;

TransferId TransfersWindow::selectedId() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() && !m_view->isRowHidden(i.row())
               ? i.data(TransferModel::IdRole).value<TransferId>()
               : TransferId();
}

void TransfersWindow::updateButtons()
{
    const TransferModel::Transfer *t = m_messenger->transferModel()->find(selectedId());
    using State = TransferModel::State;
    m_cancel->setEnabled(t && !TransferModel::isFinal(t->state));
    const TransferModel::Retry retry =
        t ? TransferModel::retry(*t) : TransferModel::Retry::Unavailable;
    m_retry->setEnabled(retry == TransferModel::Retry::Available);
    switch (retry) {
    case TransferModel::Retry::Retried:
        m_retry->setToolTip(tr("Already retried: the new try is the row further down"));
        break;
    case TransferModel::Retry::Refused:
        m_retry->setToolTip(tr("The sender no longer offers this file"));
        break;
    case TransferModel::Retry::Available:
    case TransferModel::Retry::Unavailable:
        m_retry->setToolTip(tr("Fetch a failed or cancelled download again, resuming where it "
                               "stopped; or run a TFTP get or put again"));
        break;
    }
    m_openFile->setEnabled(t && t->state == State::Done);
    m_openFolder->setEnabled(t && (t->state == State::Done || !t->path.isEmpty()));
}

void TransfersWindow::retry()
{
    const TransferId id = selectedId();
    const TransferModel::Transfer *t = m_messenger->transferModel()->find(id);
    if (!t || TransferModel::retry(*t) != TransferModel::Retry::Available)
        return;
    // Marked before the answer comes back from the transfer thread, so a second click cannot
    // start a second download racing the first for the same .part.
    m_messenger->transferModel()->setRetried(id);
    m_messenger->retryTransfer(id);
}

void TransfersWindow::updatePlaceholder()
{
    const int rows = m_view->model()->rowCount();
    int shown = 0;
    for (int row = 0; row < rows && !shown; ++row)
        shown += m_view->isRowHidden(row) ? 0 : 1;
    m_placeholder->setVisible(shown == 0);
    if (rows == 0)
        m_placeholder->setText(tr("No transfers yet. Files you send or receive show here."));
    else
        m_placeholder->setText(tr("No running transfers. Press \"Hide finished\" again to see "
                                  "the finished ones."));
}

void TransfersWindow::filterRows(int first, int last)
{
    const TransferModel *model = m_messenger->transferModel();
    for (int row = first; row <= last; ++row) {
        const TransferModel::Transfer *t =
            model->find(model->index(row).data(TransferModel::IdRole).value<TransferId>());
        if (!t)
            continue;
        const bool hide =
            m_removed.contains(t->id) || (m_clear->isChecked() && TransferModel::isFinal(t->state));
        // setRowHidden lays the whole list out again even when nothing changes.
        if (hide != m_view->isRowHidden(row))
            m_view->setRowHidden(row, hide);
    }
}

void TransfersWindow::cancelOrRemove()
{
    const TransferModel::Transfer *t = m_messenger->transferModel()->find(selectedId());
    if (!t)
        return;
    if (!TransferModel::isFinal(t->state)) {
        m_messenger->cancelTransfer(t->id);
        return;
    }
    // Only out of this list: the chat's offer card still shows what became of the file.
    const int row = m_view->currentIndex().row();
    m_removed.insert(t->id);
    m_view->setRowHidden(row, true);
    updatePlaceholder();
    for (int next : {row + 1, row - 1}) {
        const QModelIndex i = m_view->model()->index(next, 0);
        if (i.isValid() && !m_view->isRowHidden(next)) {
            m_view->setCurrentIndex(i);
            break;
        }
    }
    updateButtons();
}

void TransfersWindow::open(Open what)
{
    const TransferModel::Transfer *t = m_messenger->transferModel()->find(selectedId());
    if (!t || t->path.isEmpty())
        return;
    const QFileInfo info(t->path);
    // A received folder opens as itself; a file's folder is where it lies.
    const QString target =
        what == Open::File || info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    if (!QFileInfo::exists(target)) {
        explainCannotOpen(target, tr("%1 is no longer there: it was moved or deleted.")
                                      .arg(QFileInfo(target).fileName()));
        return;
    }
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(target)))
        explainCannotOpen(target, what == Open::File
                                      ? tr("No program is set up to open this file.")
                                      : tr("No file manager is set up to open this folder."));
}

void TransfersWindow::explainCannotOpen(const QString &path, const QString &why)
{
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Cannot open"), why, QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("cannotOpen"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(path);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPushButton *copy = box->addButton(tr("Copy path"), QMessageBox::ActionRole);
    connect(copy, &QPushButton::clicked, this,
            [path] { QGuiApplication::clipboard()->setText(path); });
    box->open();
}

void TransfersWindow::showContextMenu(const QPoint &pos)
{
    const QModelIndex i = m_view->indexAt(pos);
    if (!i.isValid())
        return;
    m_view->setCurrentIndex(i);
    const TransferModel::Transfer *t = m_messenger->transferModel()->find(selectedId());
    if (!t)
        return;
    QMenu menu(this);
    auto add = [&menu](QPushButton *button) {
        menu.addAction(button->text(), button, &QPushButton::click)
            ->setEnabled(button->isEnabled());
    };
    add(m_openFile);
    add(m_openFolder);
    const QString path = t->path;
    menu.addAction(tr("Copy path"), this, [path] { QGuiApplication::clipboard()->setText(path); })
        ->setEnabled(!path.isEmpty());
    menu.addSeparator();
    add(m_cancel);
    add(m_retry);
    menu.addAction(tr("Remove from list"), this, &TransfersWindow::cancelOrRemove)
        ->setEnabled(TransferModel::isFinal(t->state));
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace lanpigeon::ui
