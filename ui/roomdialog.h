// A new group chat (its name and members ticked among the buddies online), or more members for
// one we are in.
#pragma once

#include "messaging/room.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace lanpigeon {
class PeerModel;
}

namespace lanpigeon::ui {

class PeerPicker;

class RoomDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomDialog)

public:
    // ticked: peer ids ticked at first (the buddies selected in the list). self: our login and
    // computer name; peers who share them (a cloned PC) cannot be members, and the dialog
    // says so rather than leaving them out without a word.
    RoomDialog(const PeerModel *peers, const RoomMember &self, const QStringList &ticked,
               QWidget *parent = nullptr);
    // Offers only the buddies not in room yet; there is no name to give.
    RoomDialog(const PeerModel *peers, const RoomMember &self, const Room &room,
               QWidget *parent = nullptr);
    ~RoomDialog() override;

    QString name() const;
    QStringList peerIds() const;
    QLineEdit *nameBox() const { return m_name; }
    PeerPicker *picker() const { return m_picker; }
    // Who shares our login and computer name and so is not offered; hidden when nobody does.
    QLabel *clonesNote() const { return m_clones; }
    QPushButton *okButton() const { return m_ok; }

private:
    RoomDialog(const PeerModel *peers, const RoomMember &self, const QStringList &ticked,
               const Room *room, QWidget *parent);
    void refresh();

    QLineEdit *m_name;
    QLabel *m_note;
    QLabel *m_clones;
    PeerPicker *m_picker;
    QPushButton *m_ok;
    bool m_adding;
};

} // namespace lanpigeon::ui
