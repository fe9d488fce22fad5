#include "models/buddyfiltermodel.h"

#include "models/groupedpeermodel.h"
#include "models/peermodel.h"
#include "models/pinyin.h"

namespace lanpigeon {

BuddyFilterModel::BuddyFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // A group row is kept for its peers; one whose name matches keeps them all (see below).
    setRecursiveFilteringEnabled(true);
}

BuddyFilterModel::~BuddyFilterModel() = default;

void BuddyFilterModel::setText(const QString &text)
{
    const QString wanted = text.trimmed();
    if (wanted == m_text)
        return;
    m_text = wanted;
    invalidateFilter();
}

bool BuddyFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto has = [this, &row](int role) {
        return row.data(role).toString().contains(m_text, Qt::CaseInsensitive);
    };
    if (row.data(GroupedPeerModel::IsGroupRole).toBool())
        return false;
    // Names and workgroups by their pinyin too, as QQ finds 小王 from "wang" or "xw".
    const auto sounds = [this, &row](int role) {
        return text::matchesPinyin(row.data(role).toString(), m_text);
    };
    // The peer's own workgroup, so that "Sales" keeps everyone in Sales.
    return sounds(PeerModel::NickRole) || has(PeerModel::UserRole) || has(PeerModel::HostRole) ||
           has(PeerModel::AddressRole) || sounds(PeerModel::GroupRole);
}

} // namespace lanpigeon
