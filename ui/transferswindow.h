// Every transfer, up and down, file and TFTP: progress, speed, ETA; cancel and open.
#pragma once

#include <QWidget>

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

private:
    void updateButtons();
    QString selectedId() const;

    Messenger *m_messenger;
    QListView *m_view;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QPushButton *m_openFile;
    QPushButton *m_openFolder;
    QPushButton *m_clear;
};

} // namespace lanpigeon::ui
