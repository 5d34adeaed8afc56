#include "charts/ChartBuilders.h"
#include "charts/ChartExporter.h"
#include "common/GroupColors.h"

#include <QAreaSeries>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QStackedBarSeries>
#include <QtTest>

using namespace nps::ui;

namespace {

TrendChartData sampleTrend()
{
    TrendChartData data;
    data.periods = {QStringLiteral("2026Q1"), QStringLiteral("2026Q2"), QStringLiteral("2026Q3")};
    data.bands = defaultBenchmarkBands();
    TrendChartLine enterprise{QStringLiteral("Enterprise"),
                              {{0, 20, 12, 28, 400, false, false, -1},
                               {1, 32, 25, 39, 420, false, true, 0.01},
                               {2, 41, 34, 48, 450, false, true, 0.02}}};
    TrendChartLine smb{QStringLiteral("SMB"),
                       {{0, 10, 3, 17, 500, false, false, -1},
                        {1, 4, -3, 11, 510, false, false, 0.2},
                        {2, -6, -30, 20, 20, true, false, -1}}};
    data.lines = {enterprise, smb};
    return data;
}

// Renders to an image and counts pixels close to `color`.
int pixelsNear(QChart *chart, const QColor &color)
{
    ChartExportOptions options;
    options.size = QSize(800, 500);
    const QImage image = renderChartImage(chart, options).convertToFormat(QImage::Format_RGB32);
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (std::abs(qRed(line[x]) - color.red()) < 8 && std::abs(qGreen(line[x]) - color.green()) < 8 &&
                std::abs(qBlue(line[x]) - color.blue()) < 8)
                ++count;
        }
    }
    return count;
}

void maybeSave(QChart *chart, const QString &name)
{
    // NPSDESK_CHART_DUMP=folder writes the charts for a visual check.
    const QString folder = qEnvironmentVariable("NPSDESK_CHART_DUMP");
    if (folder.isEmpty())
        return;
    ChartExportOptions options;
    options.title = name;
    options.n = 1234;
    options.ciMethod = QStringLiteral("95% CI, adjusted Wald");
    exportChart(chart, folder + QLatin1Char('/') + name + QStringLiteral(".png"), options);
}

} // namespace

class TestChartsBuilders : public QObject
{
    Q_OBJECT

private slots:
    void trendHasLinesBandsAndMarkers()
    {
        std::unique_ptr<QChart> chart(buildTrendChart(sampleTrend()));
        maybeSave(chart.get(), QStringLiteral("trend"));
        int lines = 0;
        int areas = 0;
        int significantPoints = 0;
        for (QAbstractSeries *series : chart->series()) {
            if (series->type() == QAbstractSeries::SeriesTypeLine) {
                ++lines;
                if (series->name() == QLatin1String("Enterprise"))
                    QCOMPARE(static_cast<QLineSeries *>(series)->at(2), QPointF(2, 41));
            }
            if (series->type() == QAbstractSeries::SeriesTypeArea)
                ++areas;
            if (series->name() == QLatin1String("Enterprise significant change"))
                significantPoints = static_cast<QScatterSeries *>(series)->count();
        }
        QCOMPARE(lines, 2);
        QCOMPARE(areas, 2 + 3); // two CI bands, three benchmark bands
        QCOMPARE(significantPoints, 2);
    }

    void togglingASeriesUpdatesTheChart()
    {
        std::unique_ptr<QChart> chart(buildTrendChart(sampleTrend()));
        const QColor smbColor = segmentColor(1);
        const int before = pixelsNear(chart.get(), smbColor);
        QVERIFY2(before > 200, qPrintable(QString::number(before)));
        QVERIFY(isSegmentVisible(chart.get(), QStringLiteral("SMB")));
        setSegmentVisible(chart.get(), QStringLiteral("SMB"), false);
        QVERIFY(!isSegmentVisible(chart.get(), QStringLiteral("SMB")));
        for (QAbstractSeries *series : chart->series()) {
            if (series->name().startsWith(QLatin1String("SMB")))
                QVERIFY(!series->isVisible());
            if (series->name().startsWith(QLatin1String("Enterprise")))
                QVERIFY(series->isVisible());
        }
        const int after = pixelsNear(chart.get(), smbColor);
        QVERIFY2(after < before / 10, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        setSegmentVisible(chart.get(), QStringLiteral("SMB"), true);
        QCOMPARE(pixelsNear(chart.get(), smbColor), before);
    }

    void groupSharesUseGroupColoursAndShares()
    {
        QVector<GroupShares> periods = {{QStringLiteral("2026Q1"), 200, 100, 60, 40},
                                        {QStringLiteral("2026Q2"), 100, 30, 30, 40}};
        std::unique_ptr<QChart> chart(buildGroupSharesChart(periods));
        maybeSave(chart.get(), QStringLiteral("shares"));
        auto *series = qobject_cast<QStackedBarSeries *>(chart->series().value(0));
        QVERIFY(series);
        QCOMPARE(series->count(), 3);
        QCOMPARE(series->barSets()[0]->color(), detractorColor());
        QCOMPARE(series->barSets()[0]->at(0), 20.0);
        QCOMPARE(series->barSets()[2]->at(0), 50.0);
        QCOMPARE(series->barSets()[2]->at(1), 30.0);
        QVERIFY(pixelsNear(chart.get(), promoterColor()) > 1000);
    }

    void waterfallAddsUp()
    {
        QVector<WaterfallStep> steps = {{QStringLiteral("Enterprise rate"), 4.0, {}},
                                        {QStringLiteral("SMB rate"), -6.0, {}},
                                        {QStringLiteral("Mix"), 1.5, {}}};
        std::unique_ptr<QChart> chart(
            buildWaterfallChart(QStringLiteral("2026Q1"), 10, steps, QStringLiteral("2026Q2")));
        maybeSave(chart.get(), QStringLiteral("waterfall"));
        auto *series = qobject_cast<QStackedBarSeries *>(chart->series().value(0));
        QVERIFY(series);
        // The last bar (index 4) is the end total 9.5, drawn in the "Overall NPS" set.
        const QBarSet *total = series->barSets()[6];
        QCOMPARE(total->label(), QStringLiteral("Overall NPS"));
        QCOMPARE(total->at(0), 10.0);
        QCOMPARE(total->at(4), 9.5);
        // The SMB step goes from 14 down to 8: transparent base 8, red part 6.
        QCOMPARE(series->barSets()[0]->at(2), 8.0);
        QCOMPARE(series->barSets()[4]->at(2), 6.0);
    }

    void distributionAndSegmentBars()
    {
        std::array<qint64, 11> counts = {5, 2, 3, 4, 6, 8, 10, 30, 40, 50, 45};
        std::unique_ptr<QChart> distribution(buildDistributionChart(counts));
        maybeSave(distribution.get(), QStringLiteral("distribution"));
        QVERIFY(pixelsNear(distribution.get(), passiveColor()) > 500);
        QVector<SegmentBar> bars = {{QStringLiteral("Enterprise"), 35, 28, 42, 600, false},
                                    {QStringLiteral("SMB"), -5, -12, 2, 700, false},
                                    {QStringLiteral("Free"), 12, -20, 40, 12, true}};
        std::unique_ptr<QChart> segments(buildSegmentBarChart(bars));
        maybeSave(segments.get(), QStringLiteral("segments"));
        QVERIFY(pixelsNear(segments.get(), segmentColor(0)) > 500);
    }
};

QTEST_MAIN(TestChartsBuilders)
#include "test_charts_builders.moc"
