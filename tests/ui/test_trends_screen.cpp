#include "analysis/AnalysisService.h"
#include "charts/ChartBuilders.h"
#include "charts/ChartExporter.h"
#include "clock/Clock.h"
#include "demo/DemoGenerator.h"
#include "store/Database.h"
#include "trends/TrendTableModel.h"
#include "trends/TrendsScreen.h"

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QListWidget>
#include <QScatterSeries>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace nps;
using namespace nps::ui;

namespace {

int pixelsNear(QChart *chart, const QColor &color)
{
    ChartExportOptions options;
    options.size = QSize(900, 500);
    const QImage image = renderChartImage(chart, options).convertToFormat(QImage::Format_RGB32);
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (std::abs(qRed(line[x]) - color.red()) < 6 && std::abs(qGreen(line[x]) - color.green()) < 6 &&
                std::abs(qBlue(line[x]) - color.blue()) < 6)
                ++count;
        }
    }
    return count;
}

QLineSeries *lineOf(QChart *chart, const QString &name)
{
    for (QAbstractSeries *series : chart->series()) {
        if (series->type() == QAbstractSeries::SeriesTypeLine && series->name() == name)
            return static_cast<QLineSeries *>(series);
    }
    return nullptr;
}

} // namespace

class TestTrendsScreen : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("demo.npsdb"));
        Database db;
        db.open(m_path, Database::Mode::CreateIfMissing);
        FixedClock clock(QDateTime(QDate(2026, 11, 15), QTime(12, 0), Qt::UTC));
        DemoGenerator(db, clock).generate(DemoOptions{});
    }

    void trendEqualsEngine()
    {
        TrendsScreen screen;
        QAbstractItemModelTester modelTester(screen.model(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(screen.proxy(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, nullptr});
        screen.waitUntilLoaded();
        screen.setAttribute(QStringLiteral("Plan"));
        screen.setPeriod(PeriodKind::Quarter);
        screen.waitUntilLoaded();

        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        const QVector<TrendSeries> expected =
            AnalysisService(db).trend(ResponseFilter{}, PeriodKind::Quarter, QStringLiteral("Plan"));
        QCOMPARE(expected.size(), 3);
        QStringList names = screen.segmentNames();
        QVERIFY(names.contains(QStringLiteral("All responses")));
        int compared = 0;
        for (const TrendSeries &series : expected) {
            QVERIFY(names.contains(series.label));
            QLineSeries *line = lineOf(screen.trendChart(), series.label);
            QVERIFY(line);
            QCOMPARE(line->count(), series.points.size());
            for (int i = 0; i < series.points.size(); ++i) {
                QVERIFY(qAbs(line->at(i).y() - series.points[i].summary.nps) < 1e-9);
                ++compared;
            }
            // And the table rows of that segment.
            const TrendTableModel &model = *screen.model();
            int rows = 0;
            for (int r = 0; r < model.rowCount(); ++r) {
                if (model.index(r, TrendTableModel::SegmentColumn).data().toString() != series.label)
                    continue;
                const TrendPoint &point = series.points[rows++];
                QCOMPARE(model.index(r, TrendTableModel::PeriodColumn).data().toString(), point.period.label);
                QCOMPARE(
                    model.index(r, TrendTableModel::NColumn).data(TrendTableModel::ValueRole).toLongLong(),
                    point.summary.n());
                QVERIFY(qAbs(model.index(r, TrendTableModel::CiLowColumn)
                                 .data(TrendTableModel::ValueRole)
                                 .toDouble() -
                             point.summary.ci.low) < 1e-9);
            }
            QCOMPARE(rows, series.points.size());
        }
        QCOMPARE(compared, 3 * 8);
    }

    void togglingASeriesUpdatesTheChart()
    {
        TrendsScreen screen;
        screen.resize(1100, 700);
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, nullptr});
        screen.waitUntilLoaded();
        const QStringList names = screen.segmentNames();
        const int starterIndex = int(names.indexOf(QStringLiteral("Starter")));
        QVERIFY(starterIndex >= 0);
        const QColor starterColor = segmentColor(starterIndex);
        QVERIFY(isSegmentVisible(screen.trendChart(), QStringLiteral("Starter")));
        const int before = pixelsNear(screen.trendChart(), starterColor);
        QVERIFY2(before > 300, qPrintable(QString::number(before)));

        // Uncheck the toggle as a user would.
        auto *list = screen.findChild<QListWidget *>();
        QVERIFY(list);
        QListWidgetItem *item = list->item(starterIndex);
        QCOMPARE(item->text(), QStringLiteral("Starter"));
        item->setCheckState(Qt::Unchecked);
        QVERIFY(!isSegmentVisible(screen.trendChart(), QStringLiteral("Starter")));
        QVERIFY(isSegmentVisible(screen.trendChart(), QStringLiteral("Enterprise")));
        const int after = pixelsNear(screen.trendChart(), starterColor);
        QVERIFY2(after < before / 10, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));

        // The choice survives a reload (another period).
        screen.setPeriod(PeriodKind::Year);
        screen.waitUntilLoaded();
        QVERIFY(!isSegmentVisible(screen.trendChart(), QStringLiteral("Starter")));
        screen.setSegmentShown(QStringLiteral("Starter"), true);
        QVERIFY(isSegmentVisible(screen.trendChart(), QStringLiteral("Starter")));
    }

    void everyoneIsOneLine()
    {
        TrendsScreen screen;
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, nullptr});
        screen.waitUntilLoaded();
        screen.setAttribute(QString());
        screen.waitUntilLoaded();
        QCOMPARE(screen.segmentNames(), QStringList{QStringLiteral("All responses")});
        QVERIFY(isSegmentVisible(screen.trendChart(), QStringLiteral("All responses")));
        QLineSeries *line = lineOf(screen.trendChart(), QStringLiteral("All responses"));
        QVERIFY(line);
        QCOMPARE(line->count(), 8);
    }

    void significantPointsAreMarked()
    {
        TrendsScreen screen;
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, nullptr});
        screen.waitUntilLoaded();
        int significantCells = 0;
        for (const PivotCell &cell : screen.model()->result().cells) {
            if (!cell.isTotalColumn && !cell.isTotalRow && cell.significant && !cell.summary.lowN)
                ++significantCells;
        }
        int marked = 0;
        for (QAbstractSeries *series : screen.trendChart()->series()) {
            if (series->name().endsWith(QLatin1String(" significant change")) &&
                !series->name().startsWith(QLatin1String("All responses")))
                marked += static_cast<QScatterSeries *>(series)->count();
        }
        QCOMPARE(marked, significantCells);
    }

    void sharesShowTheGroupCounts()
    {
        TrendsScreen screen;
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, nullptr});
        screen.waitUntilLoaded();
        auto *series = qobject_cast<QStackedBarSeries *>(screen.sharesChart()->series().value(0));
        QVERIFY(series);
        const PivotCell *first = nullptr;
        for (const PivotCell &cell : screen.model()->result().cells) {
            if (cell.isTotalRow && !cell.isTotalColumn && !first)
                first = &cell;
        }
        QVERIFY(first);
        const double share =
            std::round(1000.0 * double(first->summary.counts.promoters) / double(first->summary.n())) / 10.0;
        QCOMPARE(series->barSets()[2]->at(0), share);
        const QString dump = qEnvironmentVariable("NPSDESK_SCREEN_DUMP");
        if (!dump.isEmpty()) {
            screen.resize(1200, 800);
            screen.show();
            screen.tabs()->setCurrentIndex(1);
            screen.grab().save(dump + QStringLiteral("/trends-shares.png"));
            screen.tabs()->setCurrentIndex(2);
            screen.grab().save(dump + QStringLiteral("/trends-table.png"));
        }
    }

    void emptyDatabaseShowsNothingAndDoesNotFail()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.npsdb"));
        {
            Database db;
            db.open(path, Database::Mode::CreateIfMissing);
        }
        TrendsScreen screen;
        screen.resize(1000, 700);
        screen.show();
        QStringList messages;
        connect(&screen, &Screen::statusMessage, this, [&messages](const QString &m) { messages << m; });
        screen.setContext(ScreenContext{path, ResponseFilter{}, nullptr});
        screen.waitUntilLoaded();
        QVERIFY2(messages.isEmpty(), qPrintable(messages.join(QLatin1Char('\n'))));
        QVERIFY(!screen.grab().isNull());
    }
};

QTEST_MAIN(TestTrendsScreen)
#include "test_trends_screen.moc"
