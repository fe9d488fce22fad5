// Someone we have talked to, as last seen: what the buddy list shows of them while offline.
#pragma once

#include <QMetaType>
#include <QString>

namespace lanpigeon {

struct Buddy
{
    // Peer::keyId (user@host): the same person at any address.
    QString person;
    QString nick;
    QString group;
    QString user;
    QString host;
    // The peer id (address:port) they were last seen at: their chat, and where a message to
    // them is queued.
    QString peerId;
    // clock::wallMs() when last seen; 0 if never (a history older than the buddies table that
    // had no time to go by).
    qint64 lastSeenMs = 0;

    QString displayName() const { return nick.isEmpty() ? user : nick; }
    // Whether what the list shows of them differs; the time last seen is not compared.
    bool sameAs(const Buddy &other) const
    {
        return person == other.person && nick == other.nick && group == other.group &&
               user == other.user && host == other.host && peerId == other.peerId;
    }
};

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::Buddy)
