#include "trayicon.h"

#include <QMenu>
#include <QSystemTrayIcon>
#include <QTimer>

namespace lanpigeon::ui {

TrayIcon::TrayIcon(const QIcon &icon, QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_icon(icon)
    , m_tray(new QSystemTrayIcon(icon, this))
    , m_blink(new QTimer(this))
{
    m_tray->setContextMenu(menu);
    m_tray->setToolTip(toolTip());
    m_blink->setInterval(500);
    connect(m_blink, &QTimer::timeout, this, [this] {
        m_shown = !m_shown;
        m_tray->setIcon(m_shown ? m_icon : QIcon());
    });
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
            emit clicked();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::clicked);
    if (available())
        m_tray->show();
}

TrayIcon::~TrayIcon() = default;

bool TrayIcon::available()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::setUnread(int count)
{
    m_unread = count;
    m_tray->setToolTip(toolTip());
    if (count > 0 && !m_blink->isActive()) {
        m_blink->start();
    } else if (count == 0) {
        m_blink->stop();
        m_shown = true;
        m_tray->setIcon(m_icon);
    }
}

bool TrayIcon::blinking() const
{
    return m_blink->isActive();
}

QString TrayIcon::toolTip() const
{
    return m_unread ? tr("LanPigeon — %n unread message(s)", nullptr, m_unread) : tr("LanPigeon");
}

void TrayIcon::notify(const QString &title, const QString &text)
{
    if (available())
        m_tray->showMessage(title, text, m_icon, 5000);
}

} // namespace lanpigeon::ui
