#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QVector>
#include <array>

class QChart;

namespace nps::ui {

// The chart builders take plain numbers (adapted from the analysis engine by
// the screens and the export-chart command) and return a new QChart owned by
// the caller, animations off. Every series carries its segment name in the
// "segment" property so a toggle can show or hide a segment's line, band and
// markers together.

struct TrendChartPoint
{
    int period = 0; // index into TrendChartData::periods
    double nps = 0;
    double ciLow = 0;
    double ciHigh = 0;
    qint64 n = 0;
    bool lowN = false;
    bool significant = false; // change from the previous period, after correction
    double pValue = -1;       // < 0 when not tested
};

struct TrendChartLine
{
    QString name;
    QVector<TrendChartPoint> points;
};

struct ChartBand
{
    QString name;
    double low = 0;
    double high = 0;
    QColor color;
};

struct TrendChartData
{
    QStringList periods;
    QVector<TrendChartLine> lines;
    QVector<ChartBand> bands;
    bool showCi = true;
};

// Shares of promoters/passives/detractors per period with n.
struct GroupShares
{
    QString label;
    qint64 n = 0;
    qint64 promoters = 0;
    qint64 passives = 0;
    qint64 detractors = 0;
};

struct SegmentBar
{
    QString name;
    double nps = 0;
    double ciLow = 0;
    double ciHigh = 0;
    qint64 n = 0;
    bool lowN = false;
};

// One step of a waterfall: the change contributed by `label`.
struct WaterfallStep
{
    QString label;
    double delta = 0;
    QString tooltip; // shown on hover (rich text); empty: the label and delta
};

QVector<ChartBand> defaultBenchmarkBands();
// Colours the bands of the analysis engine (built-in and user-defined) for a chart background.
QColor bandColor(double low, double high);

QChart *buildTrendChart(const TrendChartData &data);
// Shows or hides every series of one segment (line, CI band, significance markers).
void setSegmentVisible(QChart *chart, const QString &segment, bool visible);
bool isSegmentVisible(const QChart *chart, const QString &segment);

QChart *buildGroupSharesChart(const QVector<GroupShares> &periods);
QChart *buildSegmentBarChart(const QVector<SegmentBar> &bars);
QChart *buildDistributionChart(const std::array<qint64, 11> &counts);
// From `startLabel` at `start` through the steps to `endLabel`; the end bar is
// start + sum(steps), so the chart shows the decomposition adds up.
QChart *buildWaterfallChart(const QString &startLabel, double start, const QVector<WaterfallStep> &steps,
                            const QString &endLabel);

// Distinct, colour-blind-friendly line colours for segment values.
QColor segmentColor(int index);

} // namespace nps::ui
