#pragma once

#include "analysis/AnalysisTypes.h"
#include "query/ResponseFilter.h"
#include "store/Waves.h"

#include <QVector>
#include <functional>
#include <optional>

namespace nps {
class Clock;
class Database;
} // namespace nps

namespace nps::ui {

struct FollowupCounts
{
    qint64 open = 0;
    qint64 overdue = 0;
    qint64 dueSoon = 0;
};

// Change of the latest dated quarter against the one before it.
struct PeriodChange
{
    QString fromLabel;
    QString toLabel;
    NpsSummary from;
    NpsSummary to;
    ChangeTest test;
    bool tested = false; // both quarters have enough answers (>= 30)
    bool significant = false;
};

// Everything the Overview shows, computed by the analysis engine for one filter.
struct OverviewData
{
    ResponseFilter filter;
    NpsSummary summary;
    std::optional<PeriodChange> change;
    QVector<TrendPoint> quarters; // dated quarters, in time order
    PeriodMetrics metrics;        // over the whole filter
    QVector<HygieneWarning> warnings;
    QVector<BenchmarkBand> bands;
    QVector<BenchmarkBand> bandsHit;
    std::optional<FollowupCounts> followups;
};

// Counts of the follow-up queue for a filter; installed by whoever provides the
// follow-up service, so the Overview shows the card only when the queue exists.
using FollowupCounter = std::function<FollowupCounts(Database &, const ResponseFilter &, const Clock &)>;

// Runs on a worker thread with that thread's connection.
OverviewData loadOverview(Database &db, const ResponseFilter &filter, double confidence, const Clock &clock,
                          const FollowupCounter &followups = {});

} // namespace nps::ui
