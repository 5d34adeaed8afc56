#include "CommentSearch.h"

namespace nps {

namespace {

enum class Op { None, And, Or, Not };

struct Item
{
    Op op = Op::None; // None: a term
    SearchTerm term;
    bool negated = false;
};

bool hasSearchableText(const QString &text)
{
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            return true;
    }
    return false;
}

bool isBreak(QChar c)
{
    return c.isSpace() || c == QLatin1Char('"') || c == QLatin1Char('(') || c == QLatin1Char(')');
}

QVector<Item> tokenize(const QString &s)
{
    QVector<Item> items;
    qsizetype i = 0;
    const qsizetype n = s.size();
    while (i < n) {
        const QChar c = s.at(i);
        if (c.isSpace() || c == QLatin1Char('(') || c == QLatin1Char(')')) {
            ++i;
            continue;
        }
        bool negated = false;
        if (c == QLatin1Char('-') && i + 1 < n && !s.at(i + 1).isSpace()) {
            negated = true;
            ++i;
        }
        Item item;
        item.negated = negated;
        if (i < n && s.at(i) == QLatin1Char('"')) {
            const qsizetype close = s.indexOf(QLatin1Char('"'), i + 1);
            const qsizetype end = close < 0 ? n : close;
            item.term.text = s.mid(i + 1, end - i - 1);
            item.term.phrase = true;
            i = close < 0 ? n : close + 1;
            if (i < n && s.at(i) == QLatin1Char('*')) {
                item.term.prefix = true;
                ++i;
            }
        } else {
            const qsizetype start = i;
            while (i < n && !isBreak(s.at(i)))
                ++i;
            QString word = s.mid(start, i - start);
            if (!negated && word == QLatin1String("AND"))
                item.op = Op::And;
            else if (!negated && word == QLatin1String("OR"))
                item.op = Op::Or;
            else if (!negated && word == QLatin1String("NOT"))
                item.op = Op::Not;
            else {
                while (word.endsWith(QLatin1Char('*'))) {
                    word.chop(1);
                    item.term.prefix = true;
                }
                item.term.text = word;
            }
        }
        if (item.op != Op::None || hasSearchableText(item.term.text))
            items.append(item);
    }
    return items;
}

QString literal(const SearchTerm &term)
{
    QString text = term.text;
    text.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"') + (term.prefix ? QStringLiteral("*") : QString());
}

struct Word
{
    int start;
    int length;
    QString folded;
};

QVector<Word> words(const QString &text, const QString &folded)
{
    QVector<Word> list;
    int i = 0;
    const int n = int(text.size());
    while (i < n) {
        if (!text.at(i).isLetterOrNumber() && !text.at(i).isMark()) {
            ++i;
            continue;
        }
        const int start = i;
        while (i < n && (text.at(i).isLetterOrNumber() || text.at(i).isMark()))
            ++i;
        list.append({start, i - start, folded.mid(start, i - start)});
    }
    return list;
}

} // namespace

ParsedSearch parseSearch(const QString &userText)
{
    ParsedSearch result;
    const QVector<Item> items = tokenize(userText);
    Op pending = Op::None;
    bool haveOperand = false;
    bool underNot = false;
    for (const Item &item : items) {
        if (item.op != Op::None) {
            // Operators with nothing on their left (or doubled ones) are
            // dropped: the last one typed wins.
            if (haveOperand)
                pending = item.op;
            else if (item.op == Op::Not)
                pending = Op::Not; // a leading NOT: its term is dropped below
            continue;
        }
        Op op = pending;
        if (item.negated)
            op = Op::Not;
        if (!haveOperand) {
            // FTS5 has no unary NOT: a leading negated term cannot be expressed.
            if (op == Op::Not) {
                pending = Op::None;
                continue;
            }
            result.fts = literal(item.term);
            haveOperand = true;
        } else {
            const char *word = op == Op::Or ? "OR" : op == Op::Not ? "NOT" : "AND";
            result.fts += QLatin1Char(' ') + QLatin1String(word) + QLatin1Char(' ') + literal(item.term);
        }
        underNot = op == Op::Not;
        if (!underNot)
            result.terms.append(item.term);
        pending = Op::None;
    }
    return result;
}

QString ftsPhrase(const QString &text)
{
    if (!hasSearchableText(text))
        return {};
    SearchTerm term;
    term.text = text;
    term.phrase = true;
    return literal(term);
}

QString foldForMatching(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.isSurrogate() || c.unicode() < 0x80) {
            out.append(c.toLower());
            continue;
        }
        const QString decomposed = QString(c).normalized(QString::NormalizationForm_D);
        out.append(decomposed.isEmpty() ? c : decomposed.at(0).toLower());
    }
    return out;
}

QVector<QPair<int, int>> searchHits(const QString &text, const QVector<SearchTerm> &terms)
{
    QVector<QPair<int, int>> hits;
    if (terms.isEmpty() || text.isEmpty())
        return hits;
    const QString folded = foldForMatching(text);
    const QVector<Word> textWords = words(text, folded);
    for (const SearchTerm &term : terms) {
        const QString foldedTerm = foldForMatching(term.text);
        const QVector<Word> termWords = words(term.text, foldedTerm);
        if (termWords.isEmpty())
            continue;
        for (int i = 0; i + termWords.size() <= textWords.size(); ++i) {
            bool match = true;
            for (int k = 0; k < termWords.size() && match; ++k) {
                const QString &want = termWords.at(k).folded;
                const QString &have = textWords.at(i + k).folded;
                const bool last = k == termWords.size() - 1;
                match = last && term.prefix ? have.startsWith(want) : have == want;
            }
            if (match) {
                const Word &first = textWords.at(i);
                const Word &end = textWords.at(i + termWords.size() - 1);
                hits.append({first.start, end.start + end.length - first.start});
            }
        }
    }
    std::sort(hits.begin(), hits.end());
    return hits;
}

} // namespace nps
