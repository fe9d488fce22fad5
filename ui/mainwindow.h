// The main window: who is online, and a conversation with the selected peer.
#pragma once

#include <QMainWindow>

class QLineEdit;
class QListView;
class QPlainTextEdit;

namespace lanpigeon {
class Messenger;
struct ChatMessage;
} // namespace lanpigeon

namespace lanpigeon::ui {

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Messenger *messenger, QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    void sendCurrent();
    void appendMessage(const ChatMessage &message);

    Messenger *m_messenger;
    QListView *m_peers;
    QPlainTextEdit *m_log;
    QLineEdit *m_input;
};

} // namespace lanpigeon::ui
