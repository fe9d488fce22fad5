// Paints a conversation as chat bubbles: theirs on the left, ours on the right, with the time,
// the delivery state and why it failed, under a separator at each new day.
#pragma once

#include <QDate>
#include <QHash>
#include <QPixmap>
#include <QStyledItemDelegate>
#include <memory>

class QTextDocument;

namespace lanpigeon::ui {

class BubbleDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BubbleDelegate)

public:
    // myName: whose avatar goes next to our own bubbles.
    explicit BubbleDelegate(const QString &myName, QObject *parent = nullptr);
    ~BubbleDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

    // The text under the state line of an outgoing message ("✓ delivered", ...).
    static QString stateText(const QModelIndex &index);
    // The line under a bubble's text: time, [auto-reply], delivery state.
    static QString metaText(const QModelIndex &index);
    // Where files we offered stand: "offered…", "being fetched, 40%", "✓ fetched"...
    static QString fileStateText(const QModelIndex &index);
    // Why a failed message failed and what the user can do; empty for any other.
    static QString reasonText(const QModelIndex &index);
    // The separator's words for a day: "Today", "Yesterday", "Mon 23 Nov", a full date in
    // other years.
    static QString dayText(const QDate &day, const QDate &today);
    // Our own bubbles show this instead of our initial.
    void setMyAvatar(const QPixmap &avatar) { m_myAvatar = avatar; }
    // A message's plain text as HTML, with its web addresses made links.
    static QString linkified(const QString &plain);
    // The link under pos (view coordinates) in the row's bubble, if any.
    QString linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                   const QPoint &pos) const;

signals:
    void linkActivated(const QString &url);

private:
    struct Layout
    {
        // Empty unless the message is the first of its day.
        QRectF separator;
        QRectF bubble;
        QRectF text;
        QRectF meta;
        QRectF reason;
        // The fetch's progress bar, for files being fetched.
        QRectF progress;
        QRectF avatar;
        // The message laid out at the text's width, for paint() and link hits to reuse:
        // building it (linkify, parse, lay out) is the costly part of a bubble.
        std::shared_ptr<QTextDocument> doc;
    };
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    QString m_myName;
    QPixmap m_myAvatar;
    // Laying out a bubble's text is the costly part, and a list view asks every row's size on
    // each relayout: 300 rows took 30 ms. Keyed by message id, state and width.
    mutable QHash<QString, QSize> m_sizes;
};

} // namespace lanpigeon::ui
