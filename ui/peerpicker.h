// Whom to pick among the buddies: a search box over a list to tick, by workgroup and name.
#pragma once

#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <functional>

class QLineEdit;
class QListWidget;
class QListWidgetItem;

namespace lanpigeon {
class GroupedPeerModel;
class PeerModel;
struct Peer;
} // namespace lanpigeon

namespace lanpigeon::ui {

class PeerPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PeerPicker)

public:
    // ticked: peer ids ticked at first; shown: which peers to offer (all when empty); offline:
    // whose offline buddies to list after those online (by their last peer id), for what waits
    // for them in the queue. The list follows both models while open.
    PeerPicker(const PeerModel *peers, const QStringList &ticked,
               const std::function<bool(const Peer &)> &shown = {},
               const GroupedPeerModel *offline = nullptr, QWidget *parent = nullptr);
    ~PeerPicker() override;

    QStringList peerIds() const;
    // The ticked peers' names, in the list's order.
    QStringList names() const;
    QListWidget *list() const { return m_list; }
    QLineEdit *filter() const { return m_filter; }
    // Ticks or unticks everyone, shown by the search or not.
    void tickAll(bool on);
    // A row of someone offline (see the constructor's offline).
    static bool isOffline(const QListWidgetItem *item);

signals:
    void changed();

private:
    void fill();
    void applyFilter(const QString &text);

    const PeerModel *m_peers;
    const GroupedPeerModel *m_offline;
    std::function<bool(const Peer &)> m_shown;
    // Kept across refills, also for someone who left meanwhile and may come back.
    QStringList m_ticked;
    QTimer m_refill;

    QLineEdit *m_filter;
    QListWidget *m_list;
};

} // namespace lanpigeon::ui
