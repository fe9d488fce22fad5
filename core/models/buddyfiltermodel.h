// The buddy list as the search box narrows it: a peer stays when the text is part of its name,
// user, host, address or workgroup, or of the name's or workgroup's pinyin; a workgroup stays
// while a peer of it does.
#pragma once

#include <QSortFilterProxyModel>

namespace lanpigeon {

class BuddyFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BuddyFilterModel)

public:
    explicit BuddyFilterModel(QObject *parent = nullptr);
    ~BuddyFilterModel() override;

    void setText(const QString &text);
    QString text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace lanpigeon
