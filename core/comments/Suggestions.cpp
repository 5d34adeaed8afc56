#include "Suggestions.h"

#include "CommentQuery.h"
#include "CommentSearch.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QHash>
#include <QSet>
#include <QVariant>
#include <algorithm>
#include <cmath>

namespace nps {

namespace {

// Function words of the languages the demo and typical programs use; they
// would otherwise fill the bigram list ("of the", "it is").
const QSet<QString> &stopWords()
{
    static const QSet<QString> words = [] {
        const char *const list[] = {"a",    "an",    "and",  "are",  "as",   "at",  "be",  "but", "by",
                                    "for",  "from",  "had",  "has",  "have", "i",   "in",  "is",  "it",
                                    "its",  "me",    "my",   "of",   "on",   "or",  "our", "so",  "that",
                                    "the",  "their", "them", "they", "this", "to",  "us",  "was", "we",
                                    "were", "with",  "you",  "your", "also", "el",  "la",  "los", "las",
                                    "de",   "del",   "y",    "en",   "un",   "una", "es",  "que", "fue",
                                    "le",   "les",   "des",  "et",   "est",  "du",  "tres"};
        QSet<QString> s;
        for (const char *w : list)
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

// Words that say nothing alone but carry a phrase ("too expensive", "per
// seat", "not working"): never suggested on their own, nor as a pair of two.
const QSet<QString> &weakWords()
{
    static const QSet<QString> words = [] {
        const char *const list[] = {"too",   "very",  "not",   "no",   "what",  "when",  "how",    "why",
                                    "which", "who",   "all",   "any",  "some",  "more",  "most",   "less",
                                    "than",  "just",  "only",  "can",  "could", "would", "will",   "should",
                                    "do",    "does",  "did",   "been", "get",   "got",   "went",   "go",
                                    "if",    "about", "out",   "up",   "into",  "after", "before", "without",
                                    "per",   "every", "there", "here", "one",   "pour",  "pas",    "muy",
                                    "con",   "sin",   "por",   "para"};
        QSet<QString> s;
        for (const char *w : list)
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

// A number alone ("30") is a detail of one comment, not a theme.
bool isWeak(const QString &word)
{
    if (weakWords().contains(word))
        return true;
    bool number = false;
    word.toDouble(&number);
    return number;
}

QStringList tokens(const QString &text)
{
    const QString folded = foldForMatching(text);
    QStringList list;
    QString current;
    for (const QChar c : folded) {
        if (c.isLetterOrNumber() || c == QLatin1Char('\'')) {
            current.append(c);
        } else if (!current.isEmpty()) {
            list << current;
            current.clear();
        }
    }
    if (!current.isEmpty())
        list << current;
    return list;
}

struct Counts
{
    qint64 detractor = 0;
    qint64 promoter = 0;
    qint64 all = 0;
};

} // namespace

SuggestionResult Suggestions::compute(Database &db, const CommentFilter &filter, int top, int maxComments,
                                      double priorSize, int minCount)
{
    SuggestionResult result;
    CommentFilter f = filter;
    f.group.reset();
    f.score.reset();
    f.withCommentOnly = true;
    CommentQuery query(db);
    const SqlCondition c = query.condition(f);
    QSqlQuery q =
        sql::prepare(db.connection(), QStringLiteral("SELECT r.score, r.comment FROM responses r WHERE %1"
                                                     " ORDER BY r.id DESC LIMIT ?")
                                          .arg(c.where));
    q.setForwardOnly(true);
    for (const QVariant &v : c.values)
        q.addBindValue(v);
    q.addBindValue(maxComments);
    sql::exec(q);
    QHash<QString, Counts> counts;
    qint64 nD = 0, nP = 0, nAll = 0;
    const QSet<QString> &stop = stopWords();
    while (q.next()) {
        ++result.commentsRead;
        const int score = q.value(0).toInt();
        const QStringList words = tokens(q.value(1).toString());
        QStringList grams;
        for (int i = 0; i < words.size(); ++i) {
            const bool weak = isWeak(words.at(i));
            if (!stop.contains(words.at(i)) && !weak && words.at(i).size() > 1)
                grams << words.at(i);
            if (i + 1 < words.size() && !(stop.contains(words.at(i)) || stop.contains(words.at(i + 1))) &&
                !(weak && isWeak(words.at(i + 1))))
                grams << words.at(i) + QLatin1Char(' ') + words.at(i + 1);
        }
        for (const QString &g : std::as_const(grams)) {
            Counts &k = counts[g];
            ++k.all;
            ++nAll;
            if (score <= 6) {
                ++k.detractor;
                ++nD;
            } else if (score >= 9) {
                ++k.promoter;
                ++nP;
            }
        }
    }
    if (nD == 0 || nP == 0 || nAll == 0)
        return result;
    QVector<Suggestion> all;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const Counts &k = it.value();
        if (k.detractor + k.promoter < minCount)
            continue;
        const double alpha = priorSize * double(k.all) / double(nAll);
        const double a0 = priorSize;
        const double yD = double(k.detractor), yP = double(k.promoter);
        const double delta = std::log((yD + alpha) / (double(nD) + a0 - yD - alpha)) -
                             std::log((yP + alpha) / (double(nP) + a0 - yP - alpha));
        const double variance = 1.0 / (yD + alpha) + 1.0 / (yP + alpha);
        Suggestion s;
        s.text = it.key();
        s.logOdds = delta;
        s.zScore = delta / std::sqrt(variance);
        s.detractorCount = k.detractor;
        s.promoterCount = k.promoter;
        all.append(s);
    }
    std::sort(all.begin(), all.end(), [](const Suggestion &a, const Suggestion &b) {
        return a.zScore != b.zScore ? a.zScore > b.zScore : a.text < b.text;
    });
    for (const Suggestion &s : std::as_const(all)) {
        if (s.zScore > 1.96 && result.detractor.size() < top)
            result.detractor.append(s);
    }
    for (auto it = all.crbegin(); it != all.crend(); ++it) {
        if (it->zScore < -1.96 && result.promoter.size() < top)
            result.promoter.append(*it);
    }
    return result;
}

QString Suggestions::methodTooltip()
{
    return QStringLiteral(
        "Words and two-word phrases ranked by how distinctive they are of detractor (0-6) versus promoter "
        "(9-10) "
        "comments: the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn "
        "2008, "
        "\"Fightin' Words\"). Each term's odds of appearing in detractor vs promoter comments are smoothed "
        "with "
        "pseudo-counts proportional to its frequency in all comments, and the difference is divided by its "
        "standard error (a z-score). Only terms with |z| > 1.96 are listed, so rare words need strong "
        "evidence and "
        "common words do not rank high just by being common. Common function words are skipped, and words "
        "that say nothing alone (too, per, not, numbers) appear only inside phrases.");
}

} // namespace nps
