// Someone we have talked to, as last seen: what the buddy list shows of them while offline.
#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

namespace lanpigeon {

// Who someone is, as the offline queue judges it: their login and computer name and, once
// they have shown one, their key. Two machines cloned with one user@host are two people.
struct PersonRef
{
    // Peer::keyId (user@host).
    QString person;
    // Peer::personKey() (hex); empty for a peer that does not encrypt or a history from
    // before keys were kept with buddies.
    QString key;

    bool operator==(const PersonRef &other) const
    {
        return person == other.person && key == other.key;
    }
    bool operator!=(const PersonRef &other) const { return !(*this == other); }

    // Where their chat waits while someone else holds their last address (PersonTracker): an
    // id of their own that is no address, so nothing is ever sent to it; what is written there
    // is queued for them. The same person always gets the same one.
    QString parkedChatId() const
    {
        QString id = QLatin1String(ParkedPrefix) + person;
        if (!key.isEmpty())
            id += QLatin1Char('#') + key.left(ParkedKeyDigits);
        return id;
    }
    static bool isParkedChatId(const QString &peerId)
    {
        return peerId.startsWith(QLatin1String(ParkedPrefix));
    }

private:
    // An address:port never starts so.
    static constexpr const char *ParkedPrefix = "person/";
    // 64 bits of the fingerprint: clones of one login never share them by chance.
    static constexpr int ParkedKeyDigits = 16;
};

inline size_t qHash(const PersonRef &ref, size_t seed = 0)
{
    return qHashMulti(seed, ref.person, ref.key);
}

struct Buddy
{
    // Peer::keyId (user@host): the same person at any address.
    QString person;
    // The key they showed (Peer::personKey()); see PersonRef.
    QString key;
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
    PersonRef ref() const { return {person, key}; }
    // Whether what the list shows of them differs; the time last seen is not compared.
    bool sameAs(const Buddy &other) const
    {
        return person == other.person && key == other.key && nick == other.nick &&
               group == other.group && user == other.user && host == other.host &&
               peerId == other.peerId;
    }
};

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::Buddy)
