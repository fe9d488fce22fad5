// Notices IPv4 addresses that come and go on this machine's interfaces while we run.
#pragma once

#include "messaging/networkdiagnosis.h"

#include <QList>
#include <QMetaType>
#include <QObject>

#include <functional>

class QTimer;

namespace lanpigeon {

// One address of one interface that became usable or stopped being so. An interface going up
// or down is its addresses doing so: one without an IPv4 address is nothing to us.
struct InterfaceChange
{
    enum class Kind
    {
        AddressUp,
        AddressDown,
    };
    Kind kind = Kind::AddressUp;
    QString interface;
    int index = 0;
    bool loopback = false;
    InterfaceFacts::Address address;
};

// What changed from before to after: AddressDown for each address of an up interface that is
// gone (or whose interface went down, or whose prefix changed), then AddressUp for each new one.
QList<InterfaceChange> diffInterfaces(const QList<InterfaceFacts> &before,
                                      const QList<InterfaceFacts> &after);

// On the network thread. Polls rather than listens: Qt has no signal for address changes
// (QNetworkInformation tells reachability, and only where NetworkManager runs), and each OS
// would want its own listener (netlink, NotifyIpInterfaceChange, SCDynamicStore); one read is
// ~0.1 ms for a desktop's few interfaces (the README has figures).
class InterfaceWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterfaceWatcher)

public:
    // Quick enough that a cable plugged in shows its hosts within a few seconds.
    static constexpr int PollMs = 2000;

    explicit InterfaceWatcher(QObject *parent = nullptr);
    ~InterfaceWatcher() override;

    // Reads the interfaces now, as the base later changes are told against, and polls on.
    void start();
    void stop();
    // Reads them now and says what changed since the last read, if anything did.
    void poll();
    // For tests: where the facts come from (currentInterfaces() by default).
    void setSource(std::function<QList<InterfaceFacts>()> source) { m_source = std::move(source); }
    const QList<InterfaceFacts> &interfaces() const { return m_interfaces; }

signals:
    void changed(const QList<lanpigeon::InterfaceChange> &changes,
                 const QList<lanpigeon::InterfaceFacts> &now);

private:
    std::function<QList<InterfaceFacts>()> m_source;
    QList<InterfaceFacts> m_interfaces;
    QTimer *m_timer;
};

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::InterfaceChange)
