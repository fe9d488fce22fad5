// The people we have talked to, as last seen (the buddies table), in the history database.
#pragma once

#include "messaging/buddy.h"

#include <QList>
#include <QString>

namespace lanpigeon {

class HistoryStore;

// On HistoryStore's connection, so on its thread (the network thread), like RoomStore. Not a
// QObject.
class BuddyStore final
{
    Q_DISABLE_COPY_MOVE(BuddyStore)

public:
    explicit BuddyStore(HistoryStore *history);

    // Makes the table after the history opened. A history older than it gets one row per
    // person it has messages with, named as they last were, in no workgroup.
    bool open();
    QString lastError() const { return m_lastError; }

    // Inserts or replaces the buddies by person and key, in one transaction.
    bool save(const QList<Buddy> &buddies);
    // Drops one (a row without a key that the person's key now names).
    bool remove(const PersonRef &who);
    // Every person kept, by person and key. Deleting a chat's history keeps its person, as deleting
    // the messages keeps a friend in QQ.
    QList<Buddy> all() const;

private:
    HistoryStore *m_history;
    QString m_lastError;
};

} // namespace lanpigeon
