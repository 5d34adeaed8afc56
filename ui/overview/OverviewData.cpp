#include "OverviewData.h"

#include "analysis/AnalysisService.h"

namespace nps::ui {

OverviewData loadOverview(Database &db, const ResponseFilter &filter, double confidence, const Clock &clock,
                          const FollowupCounter &followups)
{
    OverviewData data;
    data.filter = filter;
    AnalysisService analysis(db);
    data.summary = analysis.summary(filter, confidence);
    const QVector<TrendSeries> trend = analysis.trend(filter, PeriodKind::Quarter, {}, confidence);
    if (!trend.isEmpty()) {
        for (const TrendPoint &point : trend.constFirst().points) {
            if (!point.period.undated && point.summary.n() > 0)
                data.quarters.append(point);
        }
    }
    if (data.quarters.size() >= 2) {
        const TrendPoint &previous = data.quarters.at(data.quarters.size() - 2);
        const TrendPoint &latest = data.quarters.constLast();
        PeriodChange change;
        change.fromLabel = previous.period.label;
        change.toLabel = latest.period.label;
        change.from = previous.summary;
        change.to = latest.summary;
        change.test = twoSampleTest(latest.summary.counts, previous.summary.counts);
        change.tested = !previous.summary.lowN && !latest.summary.lowN;
        change.significant = change.tested && change.test.pValue < 1.0 - confidence;
        data.change = change;
    }
    const QVector<PeriodMetrics> metrics = analysis.metrics(filter, PeriodKind::None);
    if (!metrics.isEmpty())
        data.metrics = metrics.constFirst();
    data.warnings = analysis.warnings(filter, PeriodKind::Quarter);
    BenchmarkStore benchmarks(db);
    data.bands = benchmarks.allBands();
    if (!std::isnan(data.summary.nps)) {
        for (const BenchmarkBand &band : data.bands) {
            if (band.contains(data.summary.nps))
                data.bandsHit.append(band);
        }
    }
    if (followups)
        data.followups = followups(db, filter, clock);
    return data;
}

} // namespace nps::ui
