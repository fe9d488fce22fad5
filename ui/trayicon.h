// The tray icon: blinks while messages are unread, like QQ, and tells of new messages and
// finished transfers.
#pragma once

#include "models/transfermodel.h"

#include <QIcon>
#include <QObject>

class QSystemTrayIcon;
class QTimer;
class QMenu;

namespace lanpigeon::ui {

class TrayIcon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    TrayIcon(const QIcon &icon, QMenu *menu, QObject *parent = nullptr);
    ~TrayIcon() override;

    static bool available();
    void setUnread(int count);
    int unread() const { return m_unread; }
    bool blinking() const;
    void notify(const QString &title, const QString &text);
    // What became of a transfer, by its state; nothing for one the user cancelled.
    void notifyTransfer(const TransferModel::Transfer &transfer);
    // Busy means do not disturb, as in QQ: counts and blinking go on, pop-ups stop.
    void setDoNotDisturb(bool on) { m_doNotDisturb = on; }
    // "a.txt", or "a.txt and 2 more": an offer of several items names more than its first.
    static QString itemsSummary(const QStringList &names);
    QString toolTip() const;

signals:
    void clicked();
    // Every notification, also where no tray shows it.
    void notified(const QString &title, const QString &text);

private:
    QIcon m_icon;
    QSystemTrayIcon *m_tray;
    QTimer *m_blink;
    int m_unread = 0;
    bool m_doNotDisturb = false;
    bool m_shown = true;
};

} // namespace lanpigeon::ui
