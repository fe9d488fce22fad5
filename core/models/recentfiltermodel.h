// Recent chats as the search box narrows them: by name (or its pinyin) and address, so people
// who went offline are found too.
#pragma once

#include <QSortFilterProxyModel>

namespace lanpigeon {

class RecentFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentFilterModel)

public:
    explicit RecentFilterModel(QObject *parent = nullptr);
    ~RecentFilterModel() override;

    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace lanpigeon
