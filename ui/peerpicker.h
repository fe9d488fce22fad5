// Whom to pick among the buddies online: a search box over a list to tick, by workgroup and name.
#pragma once

#include <QWidget>

#include <functional>

class QLineEdit;
class QListWidget;

namespace lanpigeon {
class PeerModel;
struct Peer;
} // namespace lanpigeon

namespace lanpigeon::ui {

class PeerPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PeerPicker)

public:
    // ticked: peer ids ticked at first; shown: which peers to offer (all when empty).
    PeerPicker(const PeerModel *peers, const QStringList &ticked,
               const std::function<bool(const Peer &)> &shown = {}, QWidget *parent = nullptr);
    ~PeerPicker() override;

    QStringList peerIds() const;
    // The ticked peers' names, in the list's order.
    QStringList names() const;
    QListWidget *list() const { return m_list; }
    QLineEdit *filter() const { return m_filter; }
    // Ticks or unticks everyone, shown by the search or not.
    void tickAll(bool on);

signals:
    void changed();

private:
    void applyFilter(const QString &text);

    QLineEdit *m_filter;
    QListWidget *m_list;
};

} // namespace lanpigeon::ui
