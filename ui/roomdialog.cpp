#include "roomdialog.h"

#include "messaging/peer.h"
#include "models/peermodel.h"
#include "peerpicker.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace lanpigeon::ui {

RoomDialog::RoomDialog(const PeerModel *peers, const RoomMember &self, const QStringList &ticked,
                       QWidget *parent)
    : RoomDialog(peers, self, ticked, nullptr, parent)
{
}

RoomDialog::RoomDialog(const PeerModel *peers, const RoomMember &self, const Room &room,
                       QWidget *parent)
    : RoomDialog(peers, self, {}, &room, parent)
{
}

RoomDialog::RoomDialog(const PeerModel *peers, const RoomMember &self, const QStringList &ticked,
                       const Room *room, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit)
    , m_note(new QLabel)
    , m_clones(new QLabel)
    , m_picker(new PeerPicker(peers, ticked,
                              [room, self](const Peer &p) {
                                  return !self.samePerson(RoomMember{p.user, p.host, {}, 0}) &&
                                         (!room || !room->hasMember(p.user, p.host));
                              }))
    , m_ok(new QPushButton)
    , m_adding(room != nullptr)
{
    setWindowTitle(m_adding ? tr("Add members to %1").arg(room->name) : tr("New group chat"));
    m_ok->setText(m_adding ? tr("Add") : tr("Create"));
    m_ok->setObjectName(QStringLiteral("roomDialogOk"));
    m_name->setObjectName(QStringLiteral("roomName"));
    m_name->setPlaceholderText(tr("e.g. Project team"));
    m_name->setMaxLength(ipmsg::RoomLimits::MaxNameBytes / 4);
    m_note->setWordWrap(true);
    // A room knows a person by login and computer name: one who shares ours is us to it.
    QStringList clones;
    for (const Peer &p : peers->peers()) {
        if (self.samePerson(RoomMember{p.user, p.host, {}, 0}))
            clones.append(tr("%1 (%2)").arg(p.displayName(), p.address.toString()));
    }
    m_clones->setObjectName(QStringLiteral("roomClonesNote"));
    m_clones->setWordWrap(true);
    m_clones->setText(tr("%1 cannot be a member: a group chat knows people by login and "
                         "computer name, and %n computer(s) there share yours (%2@%3).",
                         nullptr, int(clones.size()))
                          .arg(QLocale().createSeparatedList(clones), self.user, self.host));
    m_clones->setVisible(!clones.isEmpty());
    auto *buttons = new QDialogButtonBox;
    buttons->addButton(m_ok, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto *layout = new QVBoxLayout(this);
    if (!m_adding) {
        auto *form = new QFormLayout;
        form->addRow(tr("Group chat name:"), m_name);
        layout->addLayout(form);
    } else {
        m_name->hide();
    }
    layout->addWidget(m_note);
    layout->addWidget(m_picker, 1);
    layout->addWidget(m_clones);
    layout->addWidget(buttons);
    resize(400, 460);
    connect(m_name, &QLineEdit::textChanged, this, &RoomDialog::refresh);
    connect(m_picker, &PeerPicker::changed, this, &RoomDialog::refresh);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    refresh();
    if (m_adding)
        m_picker->filter()->setFocus();
    else
        m_name->setFocus();
}

RoomDialog::~RoomDialog() = default;

QString RoomDialog::name() const
{
    return m_name->text().trimmed();
}

QStringList RoomDialog::peerIds() const
{
    return m_picker->peerIds();
}

void RoomDialog::refresh()
{
    const QStringList names = m_picker->names();
    if (m_picker->list()->count() == 0)
        m_note->setText(m_adding ? tr("Everyone online is in this group chat already.")
                                 : tr("Nobody is online to add."));
    else if (names.isEmpty())
        m_note->setText(tr("Tick the people to add:"));
    else
        m_note->setText(tr("%n ticked: %1", nullptr, int(names.size()))
                            .arg(QLocale().createSeparatedList(names)));
    m_ok->setEnabled(!names.isEmpty() && (m_adding || !name().isEmpty()));
}

} // namespace lanpigeon::ui
