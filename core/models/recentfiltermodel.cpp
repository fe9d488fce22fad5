#include "models/recentfiltermodel.h"

#include "models/pinyin.h"
#include "models/recentchatsmodel.h"

namespace lanpigeon {

RecentFilterModel::RecentFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

RecentFilterModel::~RecentFilterModel() = default;

void RecentFilterModel::setText(const QString &text)
{
    const QString wanted = text.trimmed();
    if (wanted == m_text)
        return;
    m_text = wanted;
    invalidateFilter();
}

bool RecentFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    return text::matchesPinyin(row.data(RecentChatsModel::NameRole).toString(), m_text) ||
           row.data(RecentChatsModel::PeerIdRole).toString().contains(m_text);
}

} // namespace lanpigeon
