#include "peerpicker.h"

#include "models/peermodel.h"
#include "models/pinyin.h"

#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace lanpigeon::ui {

namespace {
constexpr int NameRole = Qt::UserRole + 1;
constexpr int GroupRole = Qt::UserRole + 2;
} // namespace

PeerPicker::PeerPicker(const PeerModel *peers, const QStringList &ticked,
                       const std::function<bool(const Peer &)> &shown, QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit)
    , m_list(new QListWidget)
{
    QList<Peer> online = peers->peers();
    if (shown)
        online.removeIf([&](const Peer &p) { return !shown(p); });
    // Online before away or busy, then by name in pinyin order (Alice, 小王 as "xiao wang",
    // Zoe), whatever the locale's collation knows of Chinese.
    std::sort(online.begin(), online.end(), [](const Peer &a, const Peer &b) {
        const bool aOn = a.status == ipmsg::Status::Online;
        const bool bOn = b.status == ipmsg::Status::Online;
        if (aOn != bOn)
            return aOn;
        return text::pinyinLess(a.displayName(), b.displayName());
    });
    for (const Peer &p : online) {
        const QString group = p.group.isEmpty() ? tr("no workgroup") : p.group;
        auto *item = new QListWidgetItem(
            tr("%1 — %2 (%3)").arg(p.displayName(), group, p.address.toString()), m_list);
        item->setData(Qt::UserRole, p.id);
        item->setData(NameRole, p.displayName());
        item->setData(GroupRole, p.group);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(ticked.contains(p.id) ? Qt::Checked : Qt::Unchecked);
    }
    m_filter->setPlaceholderText(tr("Search by name, group or IP"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("pickerFilter"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    connect(m_filter, &QLineEdit::textChanged, this, &PeerPicker::applyFilter);
    connect(m_list, &QListWidget::itemChanged, this, &PeerPicker::changed);
}

PeerPicker::~PeerPicker() = default;

QStringList PeerPicker::peerIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            ids << m_list->item(i)->data(Qt::UserRole).toString();
    }
    return ids;
}

QStringList PeerPicker::names() const
{
    QStringList names;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            names << m_list->item(i)->data(NameRole).toString();
    }
    return names;
}

void PeerPicker::tickAll(bool on)
{
    for (int i = 0; i < m_list->count(); ++i)
        m_list->item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
}

void PeerPicker::applyFilter(const QString &text)
{
    // As the buddy list's search: "wang" finds 小王; the ticks stay on hidden rows.
    const QString wanted = text.trimmed();
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const bool match = wanted.isEmpty() ||
                           text::matchesPinyin(item->data(NameRole).toString(), wanted) ||
                           text::matchesPinyin(item->data(GroupRole).toString(), wanted) ||
                           item->data(Qt::UserRole).toString().contains(wanted);
        item->setHidden(!match);
    }
}

} // namespace lanpigeon::ui
