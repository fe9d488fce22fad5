// Every transfer, up and down, file and TFTP: progress, speed, ETA; cancel and open.
#pragma once

#include "common/transferid.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace lanpigeon {
class Messenger;
}

namespace lanpigeon::ui {

class TransfersWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransfersWindow)

public:
    explicit TransfersWindow(Messenger *messenger, QWidget *parent = nullptr);
    ~TransfersWindow() override;

    QListView *view() const { return m_view; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *openFileButton() const { return m_openFile; }
    QPushButton *openFolderButton() const { return m_openFolder; }
    QPushButton *hideFinishedButton() const { return m_clear; }
    // Over the list while it shows no row; hidden otherwise.
    QLabel *placeholder() const { return m_placeholder; }

private:
    enum class Open
    {
        File,
        Folder
    };

    void updateButtons();
    void updatePlaceholder();
    void retry();
    TransferId selectedId() const;
    void cancelOrRemove();
    // Hides the rows in [first, last] that the user removed or, with Hide finished on, ended.
    void filterRows(int first, int last);
    void open(Open what);
    // No file manager or viewer is registered (a bare window manager, a container): say so,
    // with the path to copy, instead of nothing happening.
    void explainCannotOpen(const QString &path, const QString &why);
    void showContextMenu(const QPoint &pos);

    Messenger *m_messenger;
    QListView *m_view;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QPushButton *m_openFile;
    QPushButton *m_openFolder;
    QPushButton *m_clear;
    QLabel *m_placeholder;
    // Taken off the list with Delete; they stay in the model.
    QSet<TransferId> m_removed;
    // Whether the list showed its last row before rows arrived, so it keeps following them.
    bool m_following = true;
};

} // namespace lanpigeon::ui
