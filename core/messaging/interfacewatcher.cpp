#include "messaging/interfacewatcher.h"

#include "common/threadcheck.h"
#include "messaging/messaginglog.h"

#include <QTimer>

#include <algorithm>

namespace lanpigeon {

namespace {

bool sameAddress(const InterfaceFacts::Address &a, const InterfaceFacts::Address &b)
{
    return a.ip == b.ip && a.broadcast == b.broadcast && a.prefixLength == b.prefixLength;
}

// Addresses of an interface that is down are as good as gone: nothing leaves through them.
QList<InterfaceChange> usable(const QList<InterfaceFacts> &interfaces, InterfaceChange::Kind kind)
{
    QList<InterfaceChange> out;
    for (const InterfaceFacts &iface : interfaces) {
        if (!iface.up)
            continue;
        for (const InterfaceFacts::Address &a : iface.addresses)
            out.append({kind, iface.name, iface.index, iface.loopback, a});
    }
    return out;
}

bool contains(const QList<InterfaceChange> &list, const InterfaceChange &c)
{
    return std::any_of(list.cbegin(), list.cend(), [&](const InterfaceChange &other) {
        return other.index == c.index && sameAddress(other.address, c.address);
    });
}

} // namespace

QList<InterfaceChange> diffInterfaces(const QList<InterfaceFacts> &before,
                                      const QList<InterfaceFacts> &after)
{
    const QList<InterfaceChange> was = usable(before, InterfaceChange::Kind::AddressDown);
    const QList<InterfaceChange> is = usable(after, InterfaceChange::Kind::AddressUp);
    QList<InterfaceChange> out;
    for (const InterfaceChange &c : was) {
        if (!contains(is, c))
            out.append(c);
    }
    for (const InterfaceChange &c : is) {
        if (!contains(was, c))
            out.append(c);
    }
    return out;
}

InterfaceWatcher::InterfaceWatcher(QObject *parent)
    : QObject(parent)
    , m_source(&currentInterfaces)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(PollMs);
    connect(m_timer, &QTimer::timeout, this, &InterfaceWatcher::poll);
}

InterfaceWatcher::~InterfaceWatcher() = default;

void InterfaceWatcher::start()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_interfaces = m_source();
    m_timer->start();
}

void InterfaceWatcher::stop()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_timer->stop();
}

void InterfaceWatcher::poll()
{
    LANPIGEON_ASSERT_OWN_THREAD();
    QList<InterfaceFacts> now = m_source();
    const QList<InterfaceChange> changes = diffInterfaces(m_interfaces, now);
    m_interfaces = std::move(now);
    if (changes.isEmpty())
        return;
    for (const InterfaceChange &c : changes) {
        qCInfo(lcDiscovery, "%s %s/%d on %s",
               c.kind == InterfaceChange::Kind::AddressUp ? "address up" : "address down",
               qPrintable(c.address.ip.toString()), c.address.prefixLength,
               qPrintable(c.interface));
    }
    emit changed(changes, m_interfaces);
}

} // namespace lanpigeon
