#include "peerpicker.h"

#include "models/groupedpeermodel.h"
#include "models/peermodel.h"
#include "models/pinyin.h"
#include "securitymark.h"
#include "theme.h"

#include <QLineEdit>
#include <QListWidget>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>

namespace lanpigeon::ui {

namespace {
constexpr int NameRole = Qt::UserRole + 1;
constexpr int GroupRole = Qt::UserRole + 2;
constexpr int OfflineRole = Qt::UserRole + 3;
} // namespace

bool PeerPicker::isOffline(const QListWidgetItem *item)
{
    return item->data(OfflineRole).toBool();
}

PeerPicker::PeerPicker(const PeerModel *peers, const QStringList &ticked,
                       const std::function<bool(const Peer &)> &shown,
                       const GroupedPeerModel *offline, QWidget *parent)
    : QWidget(parent)
    , m_peers(peers)
    , m_offline(offline)
    , m_shown(shown)
    , m_ticked(ticked)
    , m_filter(new QLineEdit)
    , m_list(new QListWidget)
{
    m_filter->setPlaceholderText(tr("Search by name, group or IP"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("pickerFilter"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    fill();
    connect(m_filter, &QLineEdit::textChanged, this, &PeerPicker::applyFilter);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const QString id = item->data(Qt::UserRole).toString();
        if (item->checkState() == Qt::Checked && !m_ticked.contains(id))
            m_ticked.append(id);
        else if (item->checkState() != Qt::Checked)
            m_ticked.removeAll(id);
        emit changed();
    });
    // Opened at start-up (lanpigeon FILE), the dialog comes before anyone is discovered or the
    // buddies are read from history: the list follows them, ticks kept, several changes at once
    // refilled once.
    m_refill.setSingleShot(true);
    m_refill.setInterval(0);
    connect(&m_refill, &QTimer::timeout, this, [this] {
        fill();
        emit changed();
    });
    for (const QAbstractItemModel *model : {static_cast<const QAbstractItemModel *>(m_peers),
                                            static_cast<const QAbstractItemModel *>(m_offline)}) {
        if (!model)
            continue;
        const auto later = [this] { m_refill.start(); };
        connect(model, &QAbstractItemModel::rowsInserted, this, later);
        connect(model, &QAbstractItemModel::rowsRemoved, this, later);
        connect(model, &QAbstractItemModel::modelReset, this, later);
        connect(model, &QAbstractItemModel::dataChanged, this, later);
    }
}

void PeerPicker::fill()
{
    QList<Peer> online = m_peers->peers();
    if (m_shown)
        online.removeIf([&](const Peer &p) { return !m_shown(p); });
    // Online before away or busy, then by name in pinyin order (Alice, 小王 as "xiao wang",
    // Zoe), whatever the locale's collation knows of Chinese.
    std::sort(online.begin(), online.end(), [](const Peer &a, const Peer &b) {
        const bool aOn = a.status == ipmsg::Status::Online;
        const bool bOn = b.status == ipmsg::Status::Online;
        if (aOn != bOn)
            return aOn;
        return text::pinyinLess(a.displayName(), b.displayName());
    });
    const QString current =
        m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
    const QSignalBlocker quiet(m_list);
    m_list->clear();
    auto add = [this, &current](const QString &id, const QString &text, const QString &name,
                                const QString &group) {
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, id);
        item->setData(NameRole, name);
        item->setData(GroupRole, group);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(m_ticked.contains(id) ? Qt::Checked : Qt::Unchecked);
        if (id == current)
            m_list->setCurrentItem(item);
        return item;
    };
    QStringList listed;
    for (const Peer &p : std::as_const(online)) {
        const QString group = p.group.isEmpty() ? tr("no workgroup") : p.group;
        QListWidgetItem *item =
            add(p.id, tr("%1 — %2 (%3)").arg(p.displayName(), group, p.address.toString()),
                p.displayName(), p.group);
        // Marked as in the buddy list: the same name at another key may be someone posing
        // as the buddy, and a pick is what our words go to.
        item->setToolTip(PeerModel::toolTip(p));
        if (p.key.trust == crypto::KeyTrust::Changed)
            item->setIcon(SecurityMark::icon(SecurityMark::Mark::Warning, m_list->palette(),
                                             m_list->palette().color(QPalette::Base)));
        listed << p.id;
    }
    QList<Buddy> away = m_offline ? m_offline->offlineBuddies() : QList<Buddy>();
    std::sort(away.begin(), away.end(), [](const Buddy &a, const Buddy &b) {
        return text::pinyinLess(a.displayName(), b.displayName());
    });
    const QColor faint = theme::dimText(m_list->palette(), m_list->palette().color(QPalette::Base));
    for (const Buddy &b : std::as_const(away)) {
        if (listed.contains(b.peerId))
            continue;
        const QString group = b.group.isEmpty() ? tr("no workgroup") : b.group;
        QListWidgetItem *item = add(b.peerId, tr("%1 — %2 (offline)").arg(b.displayName(), group),
                                    b.displayName(), b.group);
        item->setData(OfflineRole, true);
        // Greyed as in the buddy list, yet tickable: it waits in the queue for them.
        item->setForeground(faint);
    }
    applyFilter(m_filter->text());
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
