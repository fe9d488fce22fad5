#include "groupmessagedialog.h"

#include "messageinput.h"
#include "models/peermodel.h"
#include "peerpicker.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace lanpigeon::ui {

GroupMessageDialog::GroupMessageDialog(const PeerModel *peers, const QStringList &selected,
                                       bool ctrlEnterSends, QWidget *parent)
    : QDialog(parent)
    , m_to(new QLabel)
    , m_picker(new PeerPicker(peers, selected))
    , m_input(new MessageInput)
    , m_send(new QPushButton(tr("Send")))
{
    setWindowTitle(tr("Group message"));
    auto *all = new QCheckBox(tr("Everyone online"));
    m_to->setWordWrap(true);
    m_input->setCtrlEnterSends(ctrlEnterSends);
    // A group message goes as text only.
    m_input->setPicturesAllowed(false);
    m_input->setPlaceholderText(tr("Type the message for everyone ticked"));
    m_input->setTabChangesFocus(true);
    m_send->setDefault(false);
    m_send->setAutoDefault(false);
    auto *buttons = new QDialogButtonBox;
    buttons->addButton(m_send, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_to);
    layout->addWidget(all);
    layout->addWidget(m_picker, 2);
    layout->addWidget(m_input, 1);
    layout->addWidget(buttons);
    resize(420, 460);

    connect(all, &QCheckBox::toggled, m_picker, &PeerPicker::tickAll);
    connect(m_picker, &PeerPicker::changed, this, &GroupMessageDialog::refresh);
    connect(m_input, &MessageInput::textChanged, this, &GroupMessageDialog::refresh);
    // The send key of the chats sends here too, once there is someone and something to send.
    connect(m_input, &MessageInput::sendRequested, this, [this] {
        if (m_send->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    refresh();
    m_input->setFocus();
}

GroupMessageDialog::~GroupMessageDialog() = default;

QStringList GroupMessageDialog::peerIds() const
{
    return m_picker->peerIds();
}

QListWidget *GroupMessageDialog::recipients() const
{
    return m_picker->list();
}

QString GroupMessageDialog::text() const
{
    return m_input->text();
}

void GroupMessageDialog::refresh()
{
    const QStringList names = m_picker->names();
    const int count = m_picker->list()->count();
    if (count == 0)
        m_to->setText(tr("Nobody is online to write to."));
    else if (names.isEmpty())
        m_to->setText(tr("Tick the people this message is for:"));
    else
        m_to->setText(tr("To %n of %1: %2", nullptr, int(names.size()))
                          .arg(count)
                          .arg(QLocale().createSeparatedList(names)));
    m_send->setEnabled(!names.isEmpty() && !text().isEmpty());
}

} // namespace lanpigeon::ui
