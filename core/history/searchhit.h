// A message that a history search found, with where the words it was found by sit in its text.
#pragma once

#include "messaging/chatmessage.h"

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

namespace lanpigeon {

struct SearchHit
{
    ChatMessage message;
    // (start, length) in UTF-16 units of message.text, in order, not overlapping; empty when
    // only a picture matched ("[picture]").
    QList<QPair<int, int>> ranges;
};

// The words of a query, split at white space: a message matches when it contains every one,
// anywhere and in any order ("PRINTER broken" finds "the printer is broken"). Each word is
// taken literally, quotes and wildcards included.
QStringList searchTerms(const QString &query);

// Where the words of query occur in text, ignoring case as the search does.
QList<QPair<int, int>> matchRanges(const QString &text, const QString &query);

// The hits for messages found by query, in the same order.
QList<SearchHit> searchHits(const QList<ChatMessage> &messages, const QString &query);

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::SearchHit)
