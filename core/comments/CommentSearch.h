#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace nps {

// What a user types in the comment search box, translated for SQLite FTS5.
// Accepted: words, prefixes (`onboard*`), "quoted phrases", AND / OR / NOT
// (upper case, as in FTS5 and most search engines) and a leading `-` for NOT.
// Every term is emitted as an FTS5 string literal, so quotes, parentheses,
// colons, carets and other FTS5 syntax in the user's text are only ever text;
// the translation never produces an expression FTS5 rejects. Diacritics are
// folded by the index's tokenizer (unicode61 remove_diacritics 2) on both
// sides, so "decepcion" finds "decepción".
struct SearchTerm
{
    QString text;        // the words of the term, as typed
    bool prefix = false; // `word*`
    bool phrase = false; // "several words"
};

struct ParsedSearch
{
    QString fts;               // empty when nothing searchable was typed
    QVector<SearchTerm> terms; // positive terms, for highlighting hits
};

ParsedSearch parseSearch(const QString &userText);
inline QString ftsExpression(const QString &userText)
{
    return parseSearch(userText).fts;
}

// The FTS5 expression of a literal phrase (every character is text).
QString ftsPhrase(const QString &text);

// Lower case with diacritics removed, one output character per input
// character, so positions found in the folded text are positions in the
// original (used to highlight hits).
QString foldForMatching(const QString &text);

// [start, length) ranges of `text` that the search terms hit: whole words, or
// word starts for prefixes, accent- and case-insensitive.
QVector<QPair<int, int>> searchHits(const QString &text, const QVector<SearchTerm> &terms);

} // namespace nps
