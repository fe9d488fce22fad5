#include "history/searchhit.h"

namespace lanpigeon {

QList<QPair<int, int>> matchRanges(const QString &text, const QString &query)
{
    QList<QPair<int, int>> ranges;
    if (query.isEmpty())
        return ranges;
    for (qsizetype at = text.indexOf(query, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(query, at + query.size(), Qt::CaseInsensitive))
        ranges.append({int(at), int(query.size())});
    return ranges;
}

QList<SearchHit> searchHits(const QList<ChatMessage> &messages, const QString &query)
{
    QList<SearchHit> hits;
    hits.reserve(messages.size());
    for (const ChatMessage &m : messages)
        hits.append({m, matchRanges(m.text, query)});
    return hits;
}

} // namespace lanpigeon
