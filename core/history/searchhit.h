// A message that a history search found, with where the words it was found by sit in its text.
#pragma once

#include "messaging/chatmessage.h"

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace lanpigeon {

struct SearchHit
{
    ChatMessage message;
    // (start, length) in UTF-16 units of message.text, in order, not overlapping; empty when
    // only a picture matched ("[picture]").
    QList<QPair<int, int>> ranges;
};

// Where query occurs in text, ignoring case as the search does.
QList<QPair<int, int>> matchRanges(const QString &text, const QString &query);

// The hits for messages found by query, in the same order.
QList<SearchHit> searchHits(const QList<ChatMessage> &messages, const QString &query);

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::SearchHit)
