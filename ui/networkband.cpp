#include "networkband.h"

#include "messenger.h"
#include "models/peermodel.h"
#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

namespace lanpigeon::ui {

NetworkBand::NetworkBand(Messenger *messenger, QWidget *parent)
    : QFrame(parent)
    , m_messenger(messenger)
    , m_text(new QLabel)
    , m_settings(new QPushButton(tr("Network settings…")))
    , m_quiet(new QTimer(this))
{
    setObjectName(QStringLiteral("networkBand"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, theme::toneFill(p, theme::Tone::Warning, 0.25));
    p.setColor(QPalette::WindowText, theme::textOn(p, p.color(QPalette::Window)));
    setPalette(p);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_text);
    layout->addWidget(m_settings, 0, Qt::AlignRight);
    hide();

    m_quiet->setInterval(QuietMs);
    connect(m_quiet, &QTimer::timeout, this, [this] {
        m_due = true;
        check();
    });
    connect(m_messenger, &Messenger::started, m_quiet, qOverload<>(&QTimer::start));
    // The launcher shows the window only once the node runs: started() has been and gone.
    if (m_messenger->isRunning())
        m_quiet->start();
    connect(m_messenger, &Messenger::networkSnapshot, this, &NetworkBand::showSnapshot);
    const QAbstractItemModel *peers = m_messenger->peerModel();
    connect(peers, &QAbstractItemModel::rowsInserted, this, &NetworkBand::peersChanged);
    connect(peers, &QAbstractItemModel::rowsRemoved, this, &NetworkBand::peersChanged);
    connect(peers, &QAbstractItemModel::modelReset, this, &NetworkBand::peersChanged);
    connect(m_settings, &QPushButton::clicked, this, &NetworkBand::settingsRequested);
    m_seenSomeone = !nobodyOnline();
}

NetworkBand::~NetworkBand() = default;

bool NetworkBand::nobodyOnline() const
{
    return m_messenger->peerModel()->rowCount() == 0;
}

void NetworkBand::peersChanged()
{
    if (!nobodyOnline()) {
        m_seenSomeone = true;
        m_shown = Diagnosis::None;
        hide();
    } else if (m_due) {
        check();
    }
}

void NetworkBand::check()
{
    if (nobodyOnline())
        m_messenger->requestNetworkSnapshot();
}

void NetworkBand::showSnapshot(const NetworkSnapshot &snapshot)
{
    // Someone may have appeared while the network thread looked.
    m_shown = m_due && nobodyOnline() ? snapshot.diagnosis : Diagnosis::None;
    // "Nobody has answered" would be untrue once someone has: only a change (the network or
    // the bind address gone, the port taken) is worth the band then.
    if (m_seenSomeone && (m_shown == Diagnosis::NoAnswer || m_shown == Diagnosis::OnlyLoopback))
        m_shown = Diagnosis::None;
    if (m_shown == Diagnosis::None) {
        hide();
        return;
    }
    m_text->setText(describe(m_shown, snapshot.socket));
    setVisible(true);
}

QString NetworkBand::describe(Diagnosis diagnosis, const SocketFacts &socket)
{
    // An address from the environment is not the profile's: clearing it in Settings would not
    // change this run, so the words say where it comes from.
    const bool fromEnvironment =
        QHostAddress(qEnvironmentVariable("LANPIGEON_BIND").trimmed()) == socket.bindAddress;
    switch (diagnosis) {
    case Diagnosis::None:
        return {};
    case Diagnosis::NoInterfaceUp:
        return tr("Nobody has answered: no network is connected. Plug in the cable or turn "
                  "Wi-Fi on.");
    case Diagnosis::OnlyLoopback:
        if (socket.bindAddress.isLoopback() && fromEnvironment)
            return tr("Nobody has answered: LanPigeon listens on %1, a loopback address that "
                      "only this computer reaches, because LANPIGEON_BIND sets it for this run. "
                      "Start LanPigeon without LANPIGEON_BIND to be seen on the LAN.")
                .arg(socket.bindAddress.toString());
        if (socket.bindAddress.isLoopback())
            return tr("Nobody has answered: LanPigeon listens on %1, a loopback address that "
                      "only this computer reaches. Clear the bind address to be seen on the LAN.")
                .arg(socket.bindAddress.toString());
        return tr("Nobody has answered: this computer has no network but loopback.");
    case Diagnosis::BindAddressMissing:
        if (fromEnvironment)
            return tr("Nobody can answer: the bind address %1, set by LANPIGEON_BIND for this "
                      "run, is not on any network of this computer now. Start LanPigeon without "
                      "LANPIGEON_BIND, or with an address the computer has.")
                .arg(socket.bindAddress.toString());
        return tr("Nobody can answer: the bind address %1 is not on any network of this computer "
                  "now. Clear it, or pick one the computer has.")
            .arg(socket.bindAddress.toString());
    case Diagnosis::PortHeldByOther:
        return tr("Another program (FeiQ, iptux, IP Messenger…) holds port %1, so LanPigeon "
                  "hears nobody. Close it or choose another port.")
            .arg(socket.port);
    case Diagnosis::NoAnswer:
        return tr("Nobody has answered yet. A firewall may block UDP port %1, or the others are "
                  "on another subnet: add it under Other subnets and hosts.")
            .arg(socket.port);
    }
    return {};
}

} // namespace lanpigeon::ui
