#pragma once

#include "export/DataTable.h"

#include <QString>
#include <QVector>
#include <optional>

namespace nps {

class Database;
struct CommentFilter;

struct ThemeDriver
{
    qint64 tagId = 0;
    QString tag;
    QString color;
    std::optional<qint64> parentId;
    qint64 detractors = 0; // tagged responses per group (a parent counts its sub-tags)
    qint64 passives = 0;
    qint64 promoters = 0;
    qint64 n() const { return detractors + passives + promoters; }
    // Share of each group's commented responses that carry the tag, in %.
    double detractorPct = 0;
    double passivePct = 0;
    double promoterPct = 0;
    double nps = 0;           // NPS of the tagged responses
    double difference = 0;    // nps - overall NPS, points
    double differenceLow = 0; // 95% CI of the difference (adjusted Wald, tagged vs the rest)
    double differenceHigh = 0;
    bool reliable = false;           // n >= 30
    double npsWithoutDetractors = 0; // overall NPS if this theme's detractors were not there
};

struct ThemeDriversResult
{
    qint64 total = 0; // responses in the filter
    qint64 detractors = 0;
    qint64 passives = 0;
    qint64 promoters = 0;
    qint64 commentedDetractors = 0;
    qint64 commentedPassives = 0;
    qint64 commentedPromoters = 0;
    double overallNps = 0;
    double confidence = 0.95;     // of every difference interval
    QVector<ThemeDriver> drivers; // by number of tagged responses, descending
};

// Which themes drive promoters and which drive detractors, for the responses
// the filter selects (its comment-only conditions are ignored: the overall NPS
// is that of every response in the filter).
//
// The difference from the overall NPS is (1 - f)(NPS_tag - NPS_rest) with f
// the tagged share, so its standard error comes from two independent samples
// (tagged, rest), each with the adjusted-Wald correction (n + 3, counts + 3/4).
class ThemeDrivers
{
public:
    // `confidence`: the level of the difference intervals, as everywhere in the app.
    static ThemeDriversResult compute(Database &db, const CommentFilter &filter, double confidence = 0.95);
    static DataTable toTable(const ThemeDriversResult &result);
    static QString methodTooltip();
};

} // namespace nps
