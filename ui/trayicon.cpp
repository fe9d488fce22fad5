#include "trayicon.h"

#include <QFileInfo>
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
    if (m_doNotDisturb)
        return;
    if (available())
        m_tray->showMessage(title, text, m_icon, 5000);
    emit notified(title, text);
}

void TrayIcon::notifyTransfer(const TransferModel::Transfer &t)
{
    // A received folder's path can end in a separator, so its file name is empty; the model
    // has the name the sender gave.
    const QString name = t.name.isEmpty() ? QFileInfo(t.path).fileName() : t.name;
    const bool upload = t.direction == TransferModel::Direction::Upload;
    switch (t.state) {
    case TransferModel::State::Done:
        notify(tr("Transfer finished"),
               upload ? tr("%1 sent to %2").arg(name, t.peer) : tr("%1 from %2").arg(name, t.peer));
        break;
    case TransferModel::State::Failed:
        notify(tr("Transfer failed"), tr("%1: %2").arg(name, t.error));
        break;
    case TransferModel::State::Cancelled:
    case TransferModel::State::Waiting:
    case TransferModel::State::Active:
        break;
    }
}

QString TrayIcon::itemsSummary(const QStringList &names)
{
    if (names.size() <= 1)
        return names.value(0);
    return tr("%1 and %n more", nullptr, int(names.size() - 1)).arg(names.first());
}

} // namespace lanpigeon::ui
