// Paints buddy-list rows: bold workgroup headers; peers with avatar, nick, and the away message
// or address under it.
#pragma once

#include <QStyledItemDelegate>

namespace lanpigeon::ui {

class BuddyDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BuddyDelegate)

public:
    explicit BuddyDelegate(QObject *parent = nullptr);
    ~BuddyDelegate() override;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace lanpigeon::ui
