#include "networkpage.h"

#include "messenger.h"
#include "networkband.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lanpigeon::ui {

NetworkPage::NetworkPage(Messenger *messenger, QWidget *parent)
    : QWidget(parent)
    , m_messenger(messenger)
    , m_socket(new QLabel)
    , m_diagnosis(new QLabel)
    , m_interfaces(new QTreeWidget)
    , m_refresh(new QTimer(this))
{
    m_socket->setWordWrap(true);
    m_socket->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_diagnosis->setWordWrap(true);
    m_interfaces->setRootIsDecorated(false);
    m_interfaces->setSelectionMode(QAbstractItemView::NoSelection);
    m_interfaces->setHeaderLabels(
        {tr("Interface"), tr("Addresses"), tr("Broadcast"), tr("Last sent"), tr("Last received")});
    m_interfaces->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Wide enough for the five columns without scrolling, whatever the General page needs.
    m_interfaces->setMinimumWidth(560);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_socket);
    layout->addWidget(m_diagnosis);
    layout->addWidget(m_interfaces, 1);
    auto *note = new QLabel(tr("Read-only. The port and bind address are on the General page."));
    note->setWordWrap(true);
    layout->addWidget(note);
    m_socket->setText(tr("Reading the network…"));
    m_refresh->setInterval(RefreshMs);
    connect(m_refresh, &QTimer::timeout, m_messenger, &Messenger::requestNetworkSnapshot);
    connect(m_messenger, &Messenger::networkSnapshot, this, &NetworkPage::showSnapshot);
}

NetworkPage::~NetworkPage() = default;

void NetworkPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_messenger->requestNetworkSnapshot();
    m_refresh->start();
}

void NetworkPage::hideEvent(QHideEvent *event)
{
    m_refresh->stop();
    QWidget::hideEvent(event);
}

QString NetworkPage::describe(const PacketMark &mark)
{
    if (!mark.isValid())
        return tr("none yet");
    // Time, IP Messenger's own name of the command and an address: the same in every language.
    // Two lines, so the table fits the dialog's width.
    return QStringLiteral("%1 %2\n%3")
        .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(mark.wallMs).time(),
                                QStringLiteral("HH:mm:ss")),
             ipmsg::modeName(mark.command), mark.peer.toString());
}

void NetworkPage::showSnapshot(const NetworkSnapshot &snapshot)
{
    const SocketFacts &s = snapshot.socket;
    const bool any = s.bindAddress == QHostAddress::AnyIPv4 || s.bindAddress.isNull();
    const QString where =
        any ? tr("all addresses (%1)").arg(QStringLiteral("0.0.0.0")) : s.bindAddress.toString();
    m_socket->setText(s.bound ? tr("LanPigeon holds UDP and TCP port %1 on %2. Peers known: %3.")
                                    .arg(s.port)
                                    .arg(where)
                                    .arg(snapshot.peersKnown)
                              : tr("LanPigeon holds no port: it could not take UDP and TCP port "
                                   "%1 on %2.")
                                    .arg(s.port)
                                    .arg(where));
    const QString why = NetworkBand::describe(snapshot.diagnosis, s);
    m_diagnosis->setText(why.isEmpty() ? tr("Nothing known to be wrong.") : why);
    m_diagnosis->setVisible(true);

    m_interfaces->clear();
    for (const InterfaceFacts &iface : snapshot.interfaces) {
        if (!iface.up)
            continue;
        QStringList addresses;
        QStringList broadcasts;
        for (const InterfaceFacts::Address &a : iface.addresses) {
            addresses << QStringLiteral("%1/%2").arg(a.ip.toString()).arg(a.prefixLength);
            if (!a.broadcast.isNull())
                broadcasts << a.broadcast.toString();
        }
        const InterfaceTraffic traffic = snapshot.traffic.value(iface.index);
        auto *row = new QTreeWidgetItem(m_interfaces);
        row->setText(Name, iface.name);
        row->setText(Addresses, addresses.isEmpty() ? tr("no IPv4 address")
                                                    : addresses.join(QLatin1Char('\n')));
        row->setText(Broadcast,
                     broadcasts.isEmpty() ? tr("none") : broadcasts.join(QLatin1Char('\n')));
        row->setText(LastSent, describe(traffic.sent));
        row->setText(LastReceived, describe(traffic.received));
    }
}

} // namespace lanpigeon::ui
