#pragma once

#include <QString>
#include <QVector>

namespace nps {

class Database;
struct CommentFilter;

struct Suggestion
{
    QString text;      // a word or a two-word phrase, lower case
    double zScore = 0; // > 0 distinctive of detractors, < 0 of promoters
    double logOdds = 0;
    qint64 detractorCount = 0;
    qint64 promoterCount = 0;
};

struct SuggestionResult
{
    QVector<Suggestion> detractor; // most distinctive first
    QVector<Suggestion> promoter;
    qint64 commentsRead = 0;
};

// Words and bigrams that set detractor comments apart from promoter comments:
// weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
// and Quinn 2008, "Fightin' Words"). The prior is the word's frequency in all
// comments (passives included), scaled to `priorSize` pseudo-counts; each
// word's log-odds difference is divided by its standard deviation, so a rare
// word needs strong evidence and a frequent one (stop words) does not win by
// frequency alone.
class Suggestions
{
public:
    static SuggestionResult compute(Database &db, const CommentFilter &filter, int top = 20,
                                    int maxComments = 200000, double priorSize = 1000.0, int minCount = 5);
    static QString methodTooltip();
};

} // namespace nps
