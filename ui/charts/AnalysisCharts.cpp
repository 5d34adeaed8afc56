#include "AnalysisCharts.h"

#include <QHash>
#include <cmath>

namespace nps::ui {

ChartBand chartBand(const BenchmarkBand &band)
{
    return {band.label, band.low, band.high, bandColor(band.low, band.high)};
}

QVector<ChartBand> chartBands(const QVector<BenchmarkBand> &bands)
{
    QVector<ChartBand> out;
    for (const BenchmarkBand &band : bands)
        out.append(chartBand(band));
    return out;
}

TrendChartData trendChartData(const PivotResult &pivot, const QVector<ChartBand> &bands, bool includeTotal)
{
    TrendChartData data;
    data.bands = bands;
    QHash<QString, int> periodIndex;
    for (const PeriodInfo &period : pivot.periods) {
        if (period.undated)
            continue;
        periodIndex.insert(period.label, int(data.periods.size()));
        data.periods << period.label;
    }
    QHash<QString, int> lineIndex;
    for (const QStringList &segment : pivot.segments) {
        lineIndex.insert(segment.join(QStringLiteral(" / ")), int(data.lines.size()));
        data.lines.append({segment.join(QStringLiteral(" / ")), {}});
    }
    if (includeTotal || pivot.segments.isEmpty()) {
        lineIndex.insert(QStringLiteral("All responses"), int(data.lines.size()));
        data.lines.append({QStringLiteral("All responses"), {}});
    }
    for (const PivotCell &cell : pivot.cells) {
        if (cell.isTotalColumn || !periodIndex.contains(cell.period.label) || std::isnan(cell.summary.nps))
            continue;
        const QString name =
            cell.isTotalRow ? QStringLiteral("All responses") : cell.segment.join(QStringLiteral(" / "));
        const auto line = lineIndex.constFind(name);
        if (line == lineIndex.constEnd())
            continue;
        TrendChartPoint point;
        point.period = periodIndex.value(cell.period.label);
        point.nps = cell.summary.nps;
        point.ciLow = cell.summary.ci.low;
        point.ciHigh = cell.summary.ci.high;
        point.n = cell.summary.n();
        point.lowN = cell.summary.lowN;
        point.significant = cell.significant;
        point.pValue = std::isnan(cell.changeAdjustedP) ? -1 : cell.changeAdjustedP;
        data.lines[*line].points.append(point);
    }
    return data;
}

QVector<GroupShares> groupShares(const PivotResult &pivot, const QStringList &segment)
{
    QVector<GroupShares> out;
    for (const PivotCell &cell : pivot.cells) {
        if (cell.isTotalColumn || cell.period.undated)
            continue;
        if (segment.isEmpty() ? !cell.isTotalRow : (cell.isTotalRow || cell.segment != segment))
            continue;
        const NpsSummary &s = cell.summary;
        out.append({cell.period.label, s.n(), s.counts.promoters, s.counts.passives, s.counts.detractors});
    }
    return out;
}

QVector<SegmentBar> segmentBars(const PivotResult &pivot)
{
    QVector<SegmentBar> bars;
    for (const PivotCell &cell : pivot.cells) {
        if (!cell.isTotalColumn || cell.isTotalRow)
            continue;
        const NpsSummary &s = cell.summary;
        bars.append({cell.segment.join(QStringLiteral(" / ")), s.nps, s.ci.low, s.ci.high, s.n(), s.lowN});
    }
    return bars;
}

QString ciMethodText(double confidence)
{
    return QStringLiteral("%1% CI, adjusted Wald (Rocks 2016)").arg(qRound(confidence * 100));
}

} // namespace nps::ui
