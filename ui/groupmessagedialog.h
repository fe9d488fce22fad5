// The group message: whom it goes to, ticked in a list of the buddies online, and the words.
#pragma once

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;

namespace lanpigeon {
class PeerModel;
}

namespace lanpigeon::ui {

class MessageInput;
class PeerPicker;

class GroupMessageDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupMessageDialog)

public:
    // selected: ticked at first; ctrlEnterSends: the user's send key, as in chats.
    GroupMessageDialog(const PeerModel *peers, const QStringList &selected, bool ctrlEnterSends,
                       QWidget *parent = nullptr);
    ~GroupMessageDialog() override;

    QStringList peerIds() const;
    QString text() const;
    QListWidget *recipients() const;
    MessageInput *input() const { return m_input; }
    QPushButton *sendButton() const { return m_send; }

private:
    void refresh();

    QLabel *m_to;
    PeerPicker *m_picker;
    MessageInput *m_input;
    QPushButton *m_send;
};

} // namespace lanpigeon::ui
