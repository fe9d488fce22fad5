#include "transferdelegate.h"

#include "models/transfermodel.h"
#include "theme.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace lanpigeon::ui {

TransferDelegate::TransferDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

TransferDelegate::~TransferDelegate() = default;

QString TransferDelegate::detailText(const QModelIndex &index)
{
    const QLocale locale;
    const auto done = index.data(TransferModel::DoneRole).toULongLong();
    const auto size = index.data(TransferModel::SizeRole).toULongLong();
    using State = TransferModel::State;
    const auto state = index.data(TransferModel::StateRole).value<State>();
    QString text = size ? tr("%1 of %2")
                              .arg(locale.formattedDataSize(qint64(done)),
                                   locale.formattedDataSize(qint64(size)))
                        : locale.formattedDataSize(qint64(done));
    if (index.data(TransferModel::StalledRole).toBool()) {
        text += tr(" · stalled, no data is coming");
    } else if (state == State::Active) {
        const double speed = index.data(TransferModel::SpeedRole).toDouble();
        if (speed > 0)
            text += tr(" · %1/s").arg(locale.formattedDataSize(qint64(speed)));
        const qint64 eta = index.data(TransferModel::EtaRole).toLongLong();
        if (eta >= 0)
            text += eta < 120 ? tr(" · %n s left", nullptr, int(eta))
                              : tr(" · %n min left", nullptr, int(eta / 60));
    } else if (state == State::Done) {
        text += tr(" · done");
    } else if (state == State::Failed) {
        text += tr(" · failed: %1").arg(index.data(TransferModel::ErrorRole).toString());
    } else if (state == State::Cancelled) {
        text += tr(" · cancelled");
    } else {
        text += tr(" · waiting");
    }
    switch (index.data(TransferModel::RetryRole).value<TransferModel::Retry>()) {
    case TransferModel::Retry::Retried:
        text += tr(" · retried below");
        break;
    case TransferModel::Retry::Refused:
        text += tr(" · cannot retry: no longer offered");
        break;
    case TransferModel::Retry::Available:
    case TransferModel::Retry::Unavailable:
        break;
    }
    return text;
}

QSize TransferDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return QSize(option.rect.width(), 3 * option.fontMetrics.height() + 18);
}

void TransferDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    QStyleOptionViewItem o = option;
    initStyleOption(&o, index);
    o.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &o, painter, o.widget);
    const QRect r = option.rect.adjusted(8, 4, -8, -4);
    const int line = option.fontMetrics.height();
    const bool upload =
        index.data(TransferModel::DirectionRole).value<TransferModel::Direction>() ==
        TransferModel::Direction::Upload;
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (option.state & QStyle::State_Active) ? QPalette::Active
                                                                               : QPalette::Inactive;
    const QColor text =
        option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    painter->save();
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    const QString title = (upload ? QStringLiteral("⬆ ") : QStringLiteral("⬇ ")) +
                          index.data(TransferModel::NameRole).toString();
    painter->drawText(QRect(r.left(), r.top(), r.width() * 2 / 3, line),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(title, Qt::ElideMiddle, r.width() * 2 / 3));
    painter->setFont(option.font);
    painter->setPen(selected ? text : option.palette.color(group, QPalette::PlaceholderText));
    painter->drawText(
        QRect(r.left() + r.width() * 2 / 3, r.top(), r.width() / 3, line),
        Qt::AlignRight | Qt::AlignVCenter,
        (upload ? tr("to %1") : tr("from %1")).arg(index.data(TransferModel::PeerRole).toString()));
    QStyleOptionProgressBar bar;
    bar.rect = QRect(r.left(), r.top() + line + 3, r.width(), line - 2);
    bar.minimum = 0;
    bar.maximum = 1000;
    const auto done = index.data(TransferModel::DoneRole).toULongLong();
    const auto size = index.data(TransferModel::SizeRole).toULongLong();
    const auto state = index.data(TransferModel::StateRole).value<TransferModel::State>();
    bar.progress = size ? int(std::min<quint64>(1000, done * 1000 / size))
                        : (state == TransferModel::State::Done ? 1000 : 0);
    // The style fills the bar with the highlight colour, which on a selected row is the row
    // itself: the progress vanished exactly on the row the user picked. There the fill is a
    // darker shade of the highlight, in the usual light groove.
    bar.state = (option.state & ~QStyle::State_Selected) | QStyle::State_Horizontal;
    bar.palette = option.palette;
    if (selected) {
        const QColor fill = option.palette.color(group, QPalette::Highlight).darker(170);
        for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive})
            bar.palette.setColor(g, QPalette::Highlight, fill);
    }
    QApplication::style()->drawControl(QStyle::CE_ProgressBar, &bar, painter, o.widget);
    painter->setPen(state == TransferModel::State::Failed && !selected
                        ? theme::toneText(theme::Tone::Error, option.palette.color(QPalette::Base))
                        : text);
    painter->drawText(QRect(r.left(), r.top() + 2 * line + 6, r.width(), line),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(detailText(index), Qt::ElideRight, r.width()));
    painter->restore();
}

} // namespace lanpigeon::ui
