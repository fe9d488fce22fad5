#include "history/searchhit.h"

#include <QRegularExpression>

#include <algorithm>

namespace lanpigeon {

QStringList searchTerms(const QString &query)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    QStringList terms = query.split(space, Qt::SkipEmptyParts);
    terms.removeDuplicates();
    return terms;
}

namespace {

QList<QPair<int, int>> rangesOf(const QString &text, const QStringList &terms)
{
    QList<QPair<int, int>> found;
    for (const QString &term : terms) {
        for (qsizetype at = text.indexOf(term, 0, Qt::CaseInsensitive); at >= 0;
             at = text.indexOf(term, at + term.size(), Qt::CaseInsensitive))
            found.append({int(at), int(term.size())});
    }
    std::sort(found.begin(), found.end());
    // Words may overlap ("serv" and "server"): one range covers both.
    QList<QPair<int, int>> ranges;
    for (const auto &[start, length] : std::as_const(found)) {
        if (!ranges.isEmpty() && start <= ranges.last().first + ranges.last().second) {
            auto &last = ranges.last();
            last.second = std::max(last.first + last.second, start + length) - last.first;
        } else {
            ranges.append({start, length});
        }
    }
    return ranges;
}

} // namespace

QList<QPair<int, int>> matchRanges(const QString &text, const QString &query)
{
    return rangesOf(text, searchTerms(query));
}

QList<SearchHit> searchHits(const QList<ChatMessage> &messages, const QString &query)
{
    QList<SearchHit> hits;
    hits.reserve(messages.size());
    // The query is split once, not once per message found.
    const QStringList terms = searchTerms(query);
    for (const ChatMessage &m : messages)
        hits.append({m, rangesOf(m.text, terms)});
    return hits;
}

} // namespace lanpigeon
