// The chat input box: Enter sends and Ctrl+Enter starts a new line, or the other way round.
#pragma once

#include <QPlainTextEdit>

namespace lanpigeon::ui {

class MessageInput final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageInput)

public:
    explicit MessageInput(QWidget *parent = nullptr);
    ~MessageInput() override;

    static QString defaultPlaceholder();
    // true: Ctrl+Enter sends and Enter is a new line.
    void setCtrlEnterSends(bool on) { m_ctrlEnterSends = on; }

signals:
    void sendRequested();
    // Files or folders dropped on the box.
    void filesDropped(const QStringList &paths);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    bool m_ctrlEnterSends = false;
};

} // namespace lanpigeon::ui
