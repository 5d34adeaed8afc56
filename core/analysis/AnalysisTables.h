#pragma once

#include "AnalysisTypes.h"
#include "export/DataTable.h"

#include <QJsonObject>

namespace nps {

// Analysis results as DataTables (the command line, CSV/JSON exports) with the
// column names of the `npsdesk` commands. `rounded`: NPS and CI to 0.1 points,
// p-values to 4 significant digits, for reading; otherwise full precision.
// Undefined values (NaN) print empty / JSON null.

// One row: n, promoters, passives, detractors, *_pct, nps, ci_low, ci_high, margin,
// adjusted_nps, confidence, low_n, score_0 .. score_10.
DataTable summaryTable(const NpsSummary &summary, bool rounded);
QJsonObject summaryJson(const NpsSummary &summary, bool rounded);

// One row per cell: <attribute columns>, period, n, promoters, passives,
// detractors, nps, ci_low, ci_high, low_n, change, p_value, significant,
// p_adjusted, vs_total, vs_total_p_value, vs_total_significant, is_total_row,
// is_total_column, correction.
DataTable pivotTable(const PivotResult &pivot, bool rounded);
// "Change vs previous period: two-sample z test ... Holm correction over N tests."
QString pivotFootnote(const PivotResult &pivot);

// series, <attribute>, period, n, nps, ci_low, ci_high, margin, low_n.
DataTable trendTable(const QVector<TrendSeries> &series, const QString &attribute, bool rounded);

DataTable explanationTable(const Explanation &e, bool rounded);
QJsonObject explanationJson(const Explanation &e, bool rounded);

DataTable metricsTable(const QVector<PeriodMetrics> &metrics, bool rounded);
DataTable warningsTable(const QVector<HygieneWarning> &warnings, bool rounded);
DataTable benchmarksTable(const QVector<BenchmarkBand> &bands);

} // namespace nps
