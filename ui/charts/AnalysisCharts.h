#pragma once

#include "ChartBuilders.h"
#include "analysis/AnalysisTypes.h"

namespace nps::ui {

// Adapters from the analysis engine's results to the chart builders' inputs,
// shared by the screens and `npsdesk export-chart`.

ChartBand chartBand(const BenchmarkBand &band);
QVector<ChartBand> chartBands(const QVector<BenchmarkBand> &bands);

// One line per pivot row (segments, then "All responses" for the total row) over
// the dated period columns; significance is the change vs the previous period.
TrendChartData trendChartData(const PivotResult &pivot, const QVector<ChartBand> &bands, bool includeTotal);

// Group shares per period of one pivot row (the total row when `segment` is empty).
QVector<GroupShares> groupShares(const PivotResult &pivot, const QStringList &segment = {});

// One bar per segment over all periods (the pivot's total column).
QVector<SegmentBar> segmentBars(const PivotResult &pivot);

QString ciMethodText(double confidence);

} // namespace nps::ui
