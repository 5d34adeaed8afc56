#include "ChartBuilders.h"

#include "common/GroupColors.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QCursor>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>
#include <cmath>

namespace nps::ui {

namespace {

const char kSegmentProperty[] = "segment";

QChart *newChart()
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(6, 6, 6, 6));
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

void hideFromLegend(QChart *chart, QAbstractSeries *series)
{
    for (QLegendMarker *marker : chart->legend()->markers(series))
        marker->setVisible(false);
}

// Axis range around the data, in steps of 10 NPS points, within -100..100.
void niceRange(double low, double high, double *outLow, double *outHigh)
{
    if (low > high)
        std::swap(low, high);
    double a = std::floor((low - 5) / 10.0) * 10.0;
    double b = std::ceil((high + 5) / 10.0) * 10.0;
    *outLow = std::max(-100.0, a);
    *outHigh = std::min(100.0, b);
    if (*outHigh - *outLow < 20) {
        *outLow = std::max(-100.0, *outLow - 10);
        *outHigh = std::min(100.0, *outHigh + 10);
    }
}

QString signedNumber(double value, int decimals = 1)
{
    return (value > 0 ? QStringLiteral("+") : QString()) + QString::number(value, 'f', decimals);
}

QString pointTooltip(const QString &segment, const QString &period, const TrendChartPoint &p)
{
    QString text = QStringLiteral("<b>%1</b> \u00b7 %2<br>NPS %3 (95% CI %4 to %5)<br>n = %6")
                       .arg(segment.toHtmlEscaped(), period.toHtmlEscaped(), QString::number(p.nps, 'f', 1),
                            QString::number(p.ciLow, 'f', 1), QString::number(p.ciHigh, 'f', 1))
                       .arg(p.n);
    if (p.lowN)
        text += QStringLiteral("<br><i>Fewer than 30 answers: unreliable</i>");
    else if (p.pValue >= 0)
        text += QStringLiteral("<br>Change vs previous period: p = %1%2")
                    .arg(QString::number(p.pValue, 'g', 3),
                         p.significant ? QStringLiteral(" (significant)") : QString());
    return text;
}

} // namespace

QColor segmentColor(int index)
{
    static const QColor palette[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b),
                                     QColor(0x76, 0xb7, 0xb2), QColor(0xb0, 0x7a, 0xa1),
                                     QColor(0x9c, 0x75, 0x5f), QColor(0xed, 0xc9, 0x48),
                                     QColor(0xe1, 0x57, 0x59), QColor(0x59, 0xa1, 0x4f),
                                     QColor(0xff, 0x9d, 0xa7), QColor(0xba, 0xb0, 0xac)};
    const int count = int(sizeof(palette) / sizeof(palette[0]));
    return palette[((index % count) + count) % count];
}

QColor bandColor(double low, double high)
{
    if (low == high)
        return QColor(0x55, 0x55, 0x55, 110); // a reference line
    if (high <= 0)
        return QColor(0xd9, 0x53, 0x4f, 22);
    if (low >= 50)
        return QColor(0x5c, 0xb8, 0x5c, 48);
    if (low >= 0)
        return QColor(0x5c, 0xb8, 0x5c, 24);
    return QColor(0x88, 0x88, 0x88, 20);
}

QVector<ChartBand> defaultBenchmarkBands()
{
    // DESIGN.md: B2B SaaS 30-50 is good, above 50 excellent, below 0 more detractors than promoters.
    return {{QStringLiteral("Below 0"), -100, 0, bandColor(-100, 0)},
            {QStringLiteral("B2B SaaS good (30-50)"), 30, 50, bandColor(30, 50)},
            {QStringLiteral("Excellent (50+)"), 50, 100, bandColor(50, 100)}};
}

QChart *buildTrendChart(const TrendChartData &data)
{
    QChart *chart = newChart();
    const int periods = int(data.periods.size());
    auto *axisX = new QCategoryAxis;
    axisX->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (int i = 0; i < periods; ++i)
        axisX->append(data.periods[i], i);
    axisX->setRange(-0.5, std::max(0, periods - 1) + 0.5);
    axisX->setGridLineVisible(false);
    auto *axisY = new QValueAxis;
    axisY->setTitleText(QStringLiteral("NPS"));
    axisY->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);

    double low = 0;
    double high = 0;
    bool any = false;
    for (const TrendChartLine &line : data.lines) {
        for (const TrendChartPoint &p : line.points) {
            const double lo = data.showCi ? p.ciLow : p.nps;
            const double hi = data.showCi ? p.ciHigh : p.nps;
            low = any ? std::min(low, lo) : lo;
            high = any ? std::max(high, hi) : hi;
            any = true;
        }
    }
    double yLow = -100;
    double yHigh = 100;
    if (any)
        niceRange(low, high, &yLow, &yHigh);
    axisY->setRange(yLow, yHigh);
    // Round ticks anchored on 0, so the zero line and the benchmark edges fall on grid lines.
    axisY->setTickType(QValueAxis::TicksDynamic);
    axisY->setTickAnchor(0);
    axisY->setTickInterval(yHigh - yLow > 100 ? 20 : 10);

    auto attach = [&](QAbstractSeries *series) {
        chart->addSeries(series);
        series->attachAxis(axisX);
        series->attachAxis(axisY);
    };

    // Bands first so they sit behind everything, clipped to the visible range.
    for (const ChartBand &band : data.bands) {
        // A reference line (low == high) is drawn one point thick.
        const double lo = std::max(band.low - (band.low == band.high ? 0.2 : 0.0), yLow);
        const double hi = std::min(band.high + (band.low == band.high ? 0.2 : 0.0), yHigh);
        if (hi <= lo)
            continue;
        auto *upper = new QLineSeries;
        auto *lower = new QLineSeries;
        upper->append(-0.5, hi);
        upper->append(periods - 0.5, hi);
        lower->append(-0.5, lo);
        lower->append(periods - 0.5, lo);
        auto *area = new QAreaSeries(upper, lower);
        area->setName(band.name);
        area->setBrush(band.color);
        area->setPen(Qt::NoPen);
        area->setProperty("benchmark", true);
        // The legend names the band briefly; the full label stays in the series name for tooltips.
        area->setName(band.name.section(QLatin1Char(':'), 0, 0).trimmed());
        attach(area);
    }

    for (int index = 0; index < data.lines.size(); ++index) {
        const TrendChartLine &line = data.lines[index];
        const QColor color = segmentColor(index);
        if (data.showCi && !line.points.isEmpty()) {
            auto *upper = new QLineSeries;
            auto *lower = new QLineSeries;
            for (const TrendChartPoint &p : line.points) {
                upper->append(p.period, p.ciHigh);
                lower->append(p.period, p.ciLow);
            }
            auto *band = new QAreaSeries(upper, lower);
            band->setName(line.name + QStringLiteral(" CI"));
            QColor fill = color;
            fill.setAlpha(38);
            band->setBrush(fill);
            band->setPen(Qt::NoPen);
            band->setProperty(kSegmentProperty, line.name);
            attach(band);
            hideFromLegend(chart, band);
        }
        auto *series = new QLineSeries;
        series->setName(line.name);
        QPen pen(color);
        pen.setWidthF(2.5);
        series->setPen(pen);
        series->setPointsVisible(true);
        for (const TrendChartPoint &p : line.points)
            series->append(p.period, p.nps);
        series->setProperty(kSegmentProperty, line.name);
        attach(series);

        auto *significant = new QScatterSeries;
        significant->setName(line.name + QStringLiteral(" significant change"));
        significant->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
        significant->setMarkerSize(12);
        significant->setColor(color);
        significant->setBorderColor(QColor(0x22, 0x22, 0x22));
        auto *unreliable = new QScatterSeries;
        unreliable->setName(line.name + QStringLiteral(" fewer than 30 answers"));
        unreliable->setMarkerSize(10);
        unreliable->setColor(Qt::white);
        unreliable->setBorderColor(color);
        for (const TrendChartPoint &p : line.points) {
            if (p.lowN)
                unreliable->append(p.period, p.nps);
            else if (p.significant)
                significant->append(p.period, p.nps);
        }
        for (QScatterSeries *markers : {significant, unreliable}) {
            markers->setProperty(kSegmentProperty, line.name);
            attach(markers);
            hideFromLegend(chart, markers);
        }

        const QVector<TrendChartPoint> points = line.points;
        const QStringList periodNames = data.periods;
        const QString name = line.name;
        auto showTip = [points, periodNames, name](const QPointF &where, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            const int period = qRound(where.x());
            for (const TrendChartPoint &p : points) {
                if (p.period == period) {
                    QToolTip::showText(QCursor::pos(), pointTooltip(name, periodNames.value(period), p));
                    return;
                }
            }
        };
        QObject::connect(series, &QLineSeries::hovered, series, showTip);
        QObject::connect(significant, &QScatterSeries::hovered, significant, showTip);
        QObject::connect(unreliable, &QScatterSeries::hovered, unreliable, showTip);
    }
    return chart;
}

void setSegmentVisible(QChart *chart, const QString &segment, bool visible)
{
    for (QAbstractSeries *series : chart->series()) {
        if (series->property(kSegmentProperty).toString() == segment)
            series->setVisible(visible);
    }
    // A hidden series' legend marker would reappear on setVisible; keep only lines in the legend.
    for (QAbstractSeries *series : chart->series()) {
        const bool segmentLine =
            series->type() == QAbstractSeries::SeriesTypeLine && !series->property(kSegmentProperty).isNull();
        if (!segmentLine && !series->property("benchmark").toBool())
            hideFromLegend(chart, series);
    }
}

bool isSegmentVisible(const QChart *chart, const QString &segment)
{
    for (QAbstractSeries *series : chart->series()) {
        if (series->type() == QAbstractSeries::SeriesTypeLine &&
            series->property(kSegmentProperty).toString() == segment)
            return series->isVisible();
    }
    return false;
}

QChart *buildGroupSharesChart(const QVector<GroupShares> &periods)
{
    QChart *chart = newChart();
    auto *detractors = new QBarSet(QStringLiteral("Detractors (0-6)"));
    auto *passives = new QBarSet(QStringLiteral("Passives (7-8)"));
    auto *promoters = new QBarSet(QStringLiteral("Promoters (9-10)"));
    detractors->setColor(detractorColor());
    passives->setColor(passiveColor());
    promoters->setColor(promoterColor());
    QStringList categories;
    auto share = [](qint64 part, qint64 n) {
        return n > 0 ? std::round(1000.0 * double(part) / double(n)) / 10.0 : 0.0;
    };
    for (const GroupShares &p : periods) {
        detractors->append(share(p.detractors, p.n));
        passives->append(share(p.passives, p.n));
        promoters->append(share(p.promoters, p.n));
        categories << QStringLiteral("%1 (n=%2)").arg(p.label).arg(p.n);
    }
    for (QBarSet *set : {detractors, passives, promoters}) {
        set->setBorderColor(Qt::white);
        set->setLabelColor(QColor(0x22, 0x22, 0x22));
    }
    auto *series = new QStackedBarSeries;
    series->append(detractors);
    series->append(passives);
    series->append(promoters);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value%"));
    series->setBarWidth(0.7);
    chart->addSeries(series);
    auto *axisX = new QBarCategoryAxis;
    axisX->append(categories);
    auto *axisY = new QValueAxis;
    axisY->setRange(0, 100);
    axisY->setLabelFormat(QStringLiteral("%d%%"));
    axisY->setTitleText(QStringLiteral("Share of responses"));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);

    QObject::connect(
        series, &QStackedBarSeries::hovered, series, [periods](bool state, int index, QBarSet *) {
            if (!state || index < 0 || index >= periods.size()) {
                QToolTip::hideText();
                return;
            }
            const GroupShares &p = periods[index];
            const double n = double(std::max<qint64>(1, p.n));
            QToolTip::showText(
                QCursor::pos(),
                QStringLiteral("<b>%1</b> \u00b7 n = %2<br>Promoters %3 (%4%)<br>Passives %5 (%6%)<br>"
                               "Detractors %7 (%8%)<br>NPS %9")
                    .arg(p.label.toHtmlEscaped())
                    .arg(p.n)
                    .arg(p.promoters)
                    .arg(100.0 * p.promoters / n, 0, 'f', 1)
                    .arg(p.passives)
                    .arg(100.0 * p.passives / n, 0, 'f', 1)
                    .arg(p.detractors)
                    .arg(100.0 * p.detractors / n, 0, 'f', 1)
                    .arg(100.0 * (p.promoters - p.detractors) / n, 0, 'f', 1));
        });
    return chart;
}

QChart *buildSegmentBarChart(const QVector<SegmentBar> &bars)
{
    QChart *chart = newChart();
    auto *set = new QBarSet(QStringLiteral("NPS"));
    set->setColor(segmentColor(0));
    set->setSelectedColor(QColor(0xbb, 0xbb, 0xbb));
    set->setLabelColor(QColor(0x22, 0x22, 0x22));
    QStringList categories;
    double low = 0;
    double high = 0;
    for (int i = 0; i < bars.size(); ++i) {
        const SegmentBar &bar = bars[i];
        set->append(std::round(bar.nps * 10.0) / 10.0);
        categories << QStringLiteral("%1: %2 (n=%3)%4")
                          .arg(bar.name, QString::number(bar.nps, 'f', 1))
                          .arg(bar.n)
                          .arg(bar.lowN ? QStringLiteral(" *") : QString());
        low = std::min(low, bar.ciLow);
        high = std::max(high, bar.ciHigh);
    }
    // Low-sample bars are drawn grey: the "selected" colour is the only per-bar colour bar sets have.
    for (int i = 0; i < bars.size(); ++i) {
        if (bars[i].lowN)
            set->selectBar(i);
    }
    auto *series = new QBarSeries;
    series->append(set);
    series->setBarWidth(0.6);
    chart->addSeries(series);
    auto *axisX = new QBarCategoryAxis;
    axisX->append(categories);
    auto *axisY = new QValueAxis;
    double yLow = 0;
    double yHigh = 0;
    niceRange(low, high, &yLow, &yHigh);
    axisY->setRange(yLow, yHigh);
    axisY->setTickType(QValueAxis::TicksDynamic);
    axisY->setTickAnchor(0);
    axisY->setTickInterval(yHigh - yLow > 100 ? 20 : yHigh - yLow > 40 ? 10 : 5);
    axisY->setLabelFormat(QStringLiteral("%d"));
    axisY->setTitleText(QStringLiteral("NPS (bars) with 95% CI (whiskers)"));
    QFont labelFont = axisX->labelsFont();
    labelFont.setPointSizeF(labelFont.pointSizeF() * 0.85);
    axisX->setLabelsFont(labelFont);
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    // CI whiskers: a short vertical line per bar, on the category's index.
    for (int i = 0; i < bars.size(); ++i) {
        auto *whisker = new QLineSeries;
        whisker->append(i, bars[i].ciLow);
        whisker->append(i, bars[i].ciHigh);
        QPen pen(QColor(0x33, 0x33, 0x33));
        pen.setWidthF(1.5);
        whisker->setPen(pen);
        chart->addSeries(whisker);
        whisker->attachAxis(axisX);
        whisker->attachAxis(axisY);
        hideFromLegend(chart, whisker);
    }
    chart->legend()->setVisible(false);
    return chart;
}

QChart *buildDistributionChart(const std::array<qint64, 11> &counts)
{
    QChart *chart = newChart();
    auto *detractors = new QBarSet(QStringLiteral("Detractors (0-6)"));
    auto *passives = new QBarSet(QStringLiteral("Passives (7-8)"));
    auto *promoters = new QBarSet(QStringLiteral("Promoters (9-10)"));
    detractors->setColor(detractorColor());
    passives->setColor(passiveColor());
    promoters->setColor(promoterColor());
    QStringList categories;
    qint64 maximum = 1;
    for (int score = 0; score <= 10; ++score) {
        const double value = double(counts[size_t(score)]);
        maximum = std::max(maximum, counts[size_t(score)]);
        detractors->append(score <= 6 ? value : 0.0);
        passives->append(score == 7 || score == 8 ? value : 0.0);
        promoters->append(score >= 9 ? value : 0.0);
        categories << QString::number(score);
    }
    // Stacked so each score gets one full-width bar in its group's colour.
    auto *series = new QStackedBarSeries;
    series->append(detractors);
    series->append(passives);
    series->append(promoters);
    series->setBarWidth(0.8);
    chart->addSeries(series);
    auto *axisX = new QBarCategoryAxis;
    axisX->append(categories);
    axisX->setTitleText(QStringLiteral("Score"));
    auto *axisY = new QValueAxis;
    axisY->setRange(0, double(maximum) * 1.08);
    axisY->setLabelFormat(QStringLiteral("%d"));
    axisY->setTitleText(QStringLiteral("Responses"));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    return chart;
}

QChart *buildWaterfallChart(const QString &startLabel, double start, const QVector<WaterfallStep> &steps,
                            const QString &endLabel)
{
    QChart *chart = newChart();
    // Stacked bars with transparent bases; positive and negative stacks are kept
    // apart so a step crossing zero is drawn as two parts of one bar.
    auto *basePos = new QBarSet(QString());
    auto *baseNeg = new QBarSet(QString());
    auto *upPos = new QBarSet(QStringLiteral("Raises NPS"));
    auto *upNeg = new QBarSet(QString());
    auto *downPos = new QBarSet(QStringLiteral("Lowers NPS"));
    auto *downNeg = new QBarSet(QString());
    auto *totalPos = new QBarSet(QStringLiteral("Overall NPS"));
    auto *totalNeg = new QBarSet(QString());
    const QList<QBarSet *> all = {basePos, baseNeg, upPos, upNeg, downPos, downNeg, totalPos, totalNeg};
    for (QBarSet *base : {basePos, baseNeg}) {
        base->setColor(Qt::transparent);
        base->setBorderColor(Qt::transparent);
    }
    for (QBarSet *set : {upPos, upNeg})
        set->setColor(promoterColor());
    for (QBarSet *set : {downPos, downNeg})
        set->setColor(detractorColor());
    for (QBarSet *set : {totalPos, totalNeg})
        set->setColor(QColor(0x4e, 0x79, 0xa7));

    QStringList categories;
    auto addBar = [&](const QString &label, double from, double to, QBarSet *pos, QBarSet *neg) {
        const double lo = std::min(from, to);
        const double hi = std::max(from, to);
        double vBasePos = 0, vBaseNeg = 0, vPos = 0, vNeg = 0;
        if (lo >= 0) {
            vBasePos = lo;
            vPos = hi - lo;
        } else if (hi <= 0) {
            vBaseNeg = hi;
            vNeg = lo - hi;
        } else {
            vPos = hi;
            vNeg = lo;
        }
        for (QBarSet *set : all) {
            double v = 0;
            if (set == basePos)
                v = vBasePos;
            else if (set == baseNeg)
                v = vBaseNeg;
            else if (set == pos)
                v = vPos;
            else if (set == neg)
                v = vNeg;
            set->append(v);
        }
        categories << label;
    };
    addBar(QStringLiteral("%1\n%2").arg(startLabel, QString::number(start, 'f', 1)), 0, start, totalPos,
           totalNeg);
    double level = start;
    double low = std::min(0.0, start);
    double high = std::max(0.0, start);
    for (const WaterfallStep &step : steps) {
        const double next = level + step.delta;
        addBar(QStringLiteral("%1\n%2").arg(step.label, signedNumber(step.delta)), level, next,
               step.delta >= 0 ? upPos : downPos, step.delta >= 0 ? upNeg : downNeg);
        level = next;
        low = std::min(low, level);
        high = std::max(high, level);
    }
    addBar(QStringLiteral("%1\n%2").arg(endLabel, QString::number(level, 'f', 1)), 0, level, totalPos,
           totalNeg);

    auto *series = new QStackedBarSeries;
    for (QBarSet *set : all)
        series->append(set);
    series->setBarWidth(0.65);
    chart->addSeries(series);
    auto *axisX = new QBarCategoryAxis;
    axisX->append(categories);
    QFont labelFont = axisX->labelsFont();
    labelFont.setPointSizeF(labelFont.pointSizeF() * 0.85);
    axisX->setLabelsFont(labelFont);
    auto *axisY = new QValueAxis;
    const double pad = std::max(2.0, (high - low) * 0.08);
    axisY->setRange(std::max(-100.0, std::floor(low - pad)), std::min(100.0, std::ceil(high + pad)));
    axisY->setTitleText(QStringLiteral("NPS"));
    axisY->setLabelFormat(QStringLiteral("%.0f"));
    axisY->applyNiceNumbers();
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    for (QLegendMarker *marker : chart->legend()->markers(series)) {
        if (marker->label().isEmpty())
            marker->setVisible(false);
    }
    QStringList tips;
    tips << QStringLiteral("<b>%1</b>: NPS %2")
                .arg(startLabel.toHtmlEscaped(), QString::number(start, 'f', 1));
    for (const WaterfallStep &step : steps)
        tips << (step.tooltip.isEmpty() ? QStringLiteral("<b>%1</b>: %2 points")
                                              .arg(step.label.toHtmlEscaped(), signedNumber(step.delta))
                                        : step.tooltip);
    tips << QStringLiteral("<b>%1</b>: NPS %2").arg(endLabel.toHtmlEscaped(), QString::number(level, 'f', 1));
    QObject::connect(series, &QStackedBarSeries::hovered, series, [tips](bool state, int index, QBarSet *) {
        if (state && index >= 0 && index < tips.size())
            QToolTip::showText(QCursor::pos(), tips[index]);
        else
            QToolTip::hideText();
    });
    return chart;
}

} // namespace nps::ui
