#include "groupmessagedialog.h"

#include "messageinput.h"
#include "models/peermodel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace lanpigeon::ui {

GroupMessageDialog::GroupMessageDialog(const PeerModel *peers, const QStringList &selected,
                                       bool ctrlEnterSends, QWidget *parent)
    : QDialog(parent)
    , m_to(new QLabel)
    , m_list(new QListWidget)
    , m_input(new MessageInput)
    , m_send(new QPushButton(tr("Send")))
{
    setWindowTitle(tr("Group message"));
    QList<Peer> online = peers->peers();
    // By workgroup, then name, as the buddy list shows them.
    std::sort(online.begin(), online.end(), [](const Peer &a, const Peer &b) {
        const int g = a.group.localeAwareCompare(b.group);
        return g != 0 ? g < 0 : a.displayName().localeAwareCompare(b.displayName()) < 0;
    });
    for (const Peer &p : online) {
        const QString group = p.group.isEmpty() ? tr("no workgroup") : p.group;
        auto *item = new QListWidgetItem(
            tr("%1 — %2 (%3)").arg(p.displayName(), group, p.address.toString()), m_list);
        item->setData(Qt::UserRole, p.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(selected.contains(p.id) ? Qt::Checked : Qt::Unchecked);
    }
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
    layout->addWidget(m_list, 2);
    layout->addWidget(m_input, 1);
    layout->addWidget(buttons);
    resize(420, 460);

    connect(all, &QCheckBox::toggled, this, [this](bool on) {
        for (int i = 0; i < m_list->count(); ++i)
            m_list->item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    });
    connect(m_list, &QListWidget::itemChanged, this, &GroupMessageDialog::refresh);
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
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            ids << m_list->item(i)->data(Qt::UserRole).toString();
    }
    return ids;
}

QString GroupMessageDialog::text() const
{
    return m_input->text();
}

void GroupMessageDialog::refresh()
{
    QStringList names;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            names << m_list->item(i)->text().section(QStringLiteral(" — "), 0, 0);
    }
    if (m_list->count() == 0)
        m_to->setText(tr("Nobody is online to write to."));
    else if (names.isEmpty())
        m_to->setText(tr("Tick the people this message is for:"));
    else
        m_to->setText(tr("To %n of %1: %2", nullptr, int(names.size()))
                          .arg(m_list->count())
                          .arg(QLocale().createSeparatedList(names)));
    m_send->setEnabled(!names.isEmpty() && !text().isEmpty());
}

} // namespace lanpigeon::ui
