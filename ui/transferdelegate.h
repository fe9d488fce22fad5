// Paints one transfer row: direction, name, peer, a progress bar, speed, ETA and state.
#pragma once

#include <QStyledItemDelegate>

namespace lanpigeon::ui {

class TransferDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferDelegate)

public:
    explicit TransferDelegate(QObject *parent = nullptr);
    ~TransferDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "3.2 MB of 10 MB · 1.1 MB/s · 6 s left", as the row shows it.
    static QString detailText(const QModelIndex &index);
};

} // namespace lanpigeon::ui
