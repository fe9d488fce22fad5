// A group chat that stays: its id, name and members as every member's LanPigeon keeps them.
#pragma once

#include "ipmsg/roomcodec.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace lanpigeon {

using RoomId = ipmsg::RoomId;
using RoomMember = ipmsg::RoomMember;

// Membership rule: each add, remove or leave bumps version and travels to the members as a
// Membership packet with the whole new list. A receiver takes a list whose version is above its
// own (equal versions from two concurrent changes: the list whose wire form sorts higher, so
// every member picks the same one) and ignores older ones; the room's messages always go into
// it. A member missing from the list it took has left or was removed: the room stays in history,
// marked left, and we send to it no more until a newer list names us again.
struct Room
{
    RoomId id;
    QString name;
    // Ourselves included.
    QList<RoomMember> members;
    quint64 version = 0;
    // Wall clock, when this LanPigeon first had it.
    qint64 createdMs = 0;
    // We left or were removed.
    bool left = false;
    // Who removed us, by the name they had then; empty while we are in, or when we left.
    QString removedBy;
    // Made for iptux's group messages (GROUPOPT): named after the sender's workgroup, no wire id.
    bool iptuxGroup = false;

    bool hasMember(const QString &user, const QString &host) const
    {
        for (const RoomMember &m : members) {
            if (m.user == user && m.host == host)
                return true;
        }
        return false;
    }
};

// What became of a message written to a room (RoomService::send()).
enum class RoomSendOutcome
{
    // On its way to at least one member (or queued for them).
    Sent = 0,
    NoSuchRoom = 1,
    // We left or were removed: we send to it no more.
    Left = 2,
    // Nobody but us is in it, or no member has an address to send to.
    NoRecipient = 3,
};

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::Room)
Q_DECLARE_METATYPE(lanpigeon::RoomSendOutcome)
Q_DECLARE_METATYPE(lanpigeon::RoomId)
