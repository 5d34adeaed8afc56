#include "analysis/AnalysisService.h"
#include "analysis/Period.h"
#include "clock/Clock.h"
#include "demo/DemoGenerator.h"
#include "segments/PivotTableModel.h"
#include "segments/SegmentsScreen.h"
#include "store/Database.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QBarSet>
#include <QBrush>
#include <QChart>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace nps;
using namespace nps::ui;

Q_DECLARE_METATYPE(nps::ResponseFilter)

class TestSegmentsScreen : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    PivotResult enginePivot(const QStringList &attributes, PeriodKind period,
                            const ResponseFilter &filter = {})
    {
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        PivotRequest request;
        request.attributes = attributes;
        request.period = period;
        return AnalysisService(db).pivot(filter, request);
    }

    // The model row of a segment and the column of a period label.
    static QModelIndex sourceIndex(const PivotTableModel &model, const QString &segment,
                                   const QString &period)
    {
        for (int r = 0; r < model.rowCount(); ++r) {
            if (model.index(r, 0).data().toString() != segment)
                continue;
            for (int c = model.segmentColumnCount(); c < model.columnCount(); ++c) {
                if (model.headerData(c, Qt::Horizontal).toString() == period)
                    return model.index(r, c);
            }
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<nps::ResponseFilter>();
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("demo.npsdb"));
        Database db;
        db.open(m_path, Database::Mode::CreateIfMissing);
        FixedClock clock(QDateTime(QDate(2026, 11, 15), QTime(12, 0), Qt::UTC));
        DemoGenerator(db, clock).generate(DemoOptions{});
    }

    void pivotModelEqualsEngine_data()
    {
        QTest::addColumn<QStringList>("attributes");
        QTest::addColumn<int>("period");
        QTest::newRow("plan x quarter") << QStringList{QStringLiteral("Plan")} << int(PeriodKind::Quarter);
        QTest::newRow("region x year") << QStringList{QStringLiteral("Region")} << int(PeriodKind::Year);
        QTest::newRow("plan, role x wave")
            << QStringList{QStringLiteral("Plan"), QStringLiteral("Role")} << int(PeriodKind::Wave);
        QTest::newRow("plan, no period") << QStringList{QStringLiteral("Plan")} << int(PeriodKind::None);
    }

    void pivotModelEqualsEngine()
    {
        QFETCH(QStringList, attributes);
        QFETCH(int, period);
        SegmentsScreen screen;
        QAbstractItemModelTester modelTester(screen.model(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(screen.proxy(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, nullptr});
        screen.waitUntilLoaded();
        screen.setPeriod(PeriodKind(period));
        screen.setRowAttributes(attributes);
        screen.waitUntilLoaded();

        const PivotResult expected = enginePivot(attributes, PeriodKind(period));
        const PivotTableModel &model = *screen.model();
        QCOMPARE(model.result().attributes, attributes);
        QCOMPARE(model.rowCount(), expected.segments.size() + 1);
        QCOMPARE(model.columnCount(), attributes.size() + expected.periods.size() + 1);
        int compared = 0;
        for (const PivotCell &cell : expected.cells) {
            const int row = cell.isTotalRow ? int(expected.segments.size())
                                            : int(expected.segments.indexOf(cell.segment));
            int column = int(attributes.size());
            if (cell.isTotalColumn) {
                column += int(expected.periods.size());
            } else {
                for (int p = 0; p < expected.periods.size(); ++p) {
                    if (expected.periods[p].label == cell.period.label)
                        column += p;
                }
            }
            const QModelIndex index = model.index(row, column);
            QCOMPARE(index.data(PivotTableModel::CountRole).toLongLong(), cell.summary.n());
            const double value = index.data(PivotTableModel::ValueRole).toDouble();
            QVERIFY(std::isnan(cell.summary.nps) ? std::isnan(value)
                                                 : qFuzzyCompare(value + 1000, cell.summary.nps + 1000));
            QCOMPARE(index.data(PivotTableModel::LowSampleRole).toBool(), cell.summary.lowN);
            const int marker = index.data(PivotTableModel::SignificanceRole).toInt();
            QCOMPARE(marker != 0, cell.significant && !cell.summary.lowN);
            if (cell.summary.lowN)
                QVERIFY(index.data().toString().contains(QLatin1Char('*')));
            ++compared;
        }
        QCOMPARE(compared, expected.cells.size());
        QVERIFY(compared > 0);

        // The metric switch shows the engine's detractor counts.
        screen.metricBox()->setCurrentIndex(screen.metricBox()->findData(int(PivotMetric::DetractorCount)));
        const PivotCell &total = expected.cells.constLast();
        QVERIFY(total.isTotalRow && total.isTotalColumn);
        const QModelIndex totalIndex = model.index(model.rowCount() - 1, model.columnCount() - 1);
        QCOMPARE(totalIndex.data(PivotTableModel::ValueRole).toDouble(),
                 double(total.summary.counts.detractors));
        QVERIFY(totalIndex.data().toString().startsWith(QString::number(total.summary.counts.detractors)));
    }

    void demoStoryIsSignificant()
    {
        // The demo was built with Enterprise rising and Starter falling: over
        // eight quarters of 6000 answers, the marker against the total must show it.
        SegmentsScreen screen;
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, nullptr});
        screen.waitUntilLoaded();
        screen.comparisonBox()->setCurrentIndex(
            screen.comparisonBox()->findData(int(PivotComparison::Total)));
        const PivotTableModel &model = *screen.model();
        const QModelIndex enterprise =
            sourceIndex(model, QStringLiteral("Enterprise"), QStringLiteral("Total"));
        const QModelIndex starter = sourceIndex(model, QStringLiteral("Starter"), QStringLiteral("Total"));
        QVERIFY(enterprise.isValid() && starter.isValid());
        QCOMPARE(enterprise.data(PivotTableModel::SignificanceRole).toInt(), 1);
        QCOMPARE(starter.data(PivotTableModel::SignificanceRole).toInt(), -1);
        QVERIFY(enterprise.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Holm")));
        QVERIFY(enterprise.data(Qt::ToolTipRole).toString().contains(QStringLiteral("CI")));
    }

    void doubleClickCarriesTheExactCellFilter()
    {
        SegmentsScreen screen;
        screen.resize(1200, 800);
        screen.show();
        ResponseFilter base;
        base.activeOnly = true;
        screen.setContext(ScreenContext{m_path, base, nullptr});
        screen.waitUntilLoaded();
        screen.setPeriod(PeriodKind::Quarter);
        screen.setRowAttributes({QStringLiteral("Plan")});
        screen.waitUntilLoaded();
        const PivotTableModel &model = *screen.model();
        const PeriodInfo period = model.result().periods.value(2);
        const QModelIndex source = sourceIndex(model, QStringLiteral("Pro"), period.label);
        QVERIFY(source.isValid());
        const QModelIndex proxyIndex = screen.proxy()->mapFromSource(source);
        QTableView *table = screen.table();
        table->scrollTo(proxyIndex);
        const QPoint centre = table->visualRect(proxyIndex).center();
        QSignalSpy spy(&screen, &Screen::openCommentsRequested);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(spy.count(), 1);
        const ResponseFilter filter = spy.at(0).at(0).value<ResponseFilter>();

        ResponseFilter expected = base;
        expected.attributes.insert(QStringLiteral("Plan"), {QStringLiteral("Pro")});
        expected.from = periodStart(PeriodKind::Quarter, period.ordinal);
        expected.to = periodEnd(PeriodKind::Quarter, period.ordinal);
        QCOMPARE(filter, expected);

        // The filter selects exactly the cell's responses.
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        QCOMPARE(AnalysisService(db).summary(filter).n(),
                 source.data(PivotTableModel::CountRole).toLongLong());
    }

    void sortingKeepsTotalLast()
    {
        SegmentsScreen screen;
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, nullptr});
        screen.waitUntilLoaded();
        const int totalColumn = screen.model()->columnCount() - 1;
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            screen.table()->sortByColumn(totalColumn, order);
            const int rows = screen.proxy()->rowCount();
            QCOMPARE(screen.proxy()->index(rows - 1, 0).data().toString(), QStringLiteral("Total"));
            double previous = order == Qt::AscendingOrder ? -1000 : 1000;
            for (int r = 0; r < rows - 1; ++r) {
                const double v =
                    screen.proxy()->index(r, totalColumn).data(PivotTableModel::ValueRole).toDouble();
                QVERIFY(order == Qt::AscendingOrder ? v >= previous : v <= previous);
                previous = v;
            }
        }
    }

    void lowSampleCellsAreGreyedAndUnmarked()
    {
        SegmentsScreen screen;
        screen.resize(1400, 900);
        screen.show();
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, nullptr});
        screen.waitUntilLoaded();
        screen.setPeriod(PeriodKind::Month);
        screen.setRowAttributes({QStringLiteral("Plan"), QStringLiteral("Role")});
        screen.waitUntilLoaded();
        const PivotTableModel &model = *screen.model();
        QCOMPARE(model.segmentColumnCount(), 2);
        int lowCells = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            for (int c = model.segmentColumnCount(); c < model.columnCount(); ++c) {
                const QModelIndex index = model.index(r, c);
                if (!index.data(PivotTableModel::LowSampleRole).toBool())
                    continue;
                ++lowCells;
                QVERIFY(index.data(PivotTableModel::CountRole).toLongLong() < 30);
                QCOMPARE(index.data(PivotTableModel::SignificanceRole).toInt(), 0);
                QCOMPARE(index.data(Qt::BackgroundRole).value<QBrush>().color(), QColor(0xee, 0xee, 0xee));
                QVERIFY(index.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Fewer than 30")));
            }
        }
        QVERIFY(lowCells > 0);
        const QString dump = qEnvironmentVariable("NPSDESK_SCREEN_DUMP");
        if (!dump.isEmpty())
            screen.grab().save(dump + QStringLiteral("/segments-plan-role-month.png"));
    }

    void copyPastesTheGridAsShown()
    {
        SegmentsScreen screen;
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, nullptr});
        screen.waitUntilLoaded();
        QAction *copy = nullptr;
        for (QAction *action : screen.table()->actions()) {
            if (action->shortcut() == QKeySequence(QKeySequence::Copy))
                copy = action;
        }
        QVERIFY(copy);
        copy->trigger();
        const QStringList lines =
            QGuiApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const PivotTableModel &model = *screen.model();
        QCOMPARE(lines.size(), model.rowCount() + 1);
        QVERIFY(lines[0].startsWith(QStringLiteral("Plan\t")));
        QVERIFY(lines[0].endsWith(QStringLiteral("\tTotal")));
        const QStringList totalRow = lines.last().split(QLatin1Char('\t'));
        QCOMPARE(totalRow.first(), QStringLiteral("Total"));
        const double overall = model.index(model.rowCount() - 1, model.columnCount() - 1)
                                   .data(PivotTableModel::ValueRole)
                                   .toDouble();
        QCOMPARE(totalRow.last(), QString::number(overall, 'g', 12));
    }

    void changeExplainedAddsUp()
    {
        SegmentsScreen screen;
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, nullptr});
        screen.waitUntilLoaded();
        const QVector<PeriodInfo> periods = screen.model()->result().periods;
        QVERIFY(periods.size() >= 2);
        screen.setExplainPeriods(periods.first().label, periods.last().label);
        screen.waitUntilLoaded();
        const Explanation &explanation = screen.explanation();
        QCOMPARE(explanation.fromPeriod, periods.first().label);
        QCOMPARE(explanation.segments.size(), 3);
        QVERIFY(qAbs(explanation.rateEffect + explanation.mixEffect - explanation.totalChange) < 1e-9);
        auto *series = qobject_cast<QStackedBarSeries *>(screen.waterfallChart()->series().value(0));
        QVERIFY(series);
        // Start, 3 segments x (rate, mix), end.
        QCOMPARE(series->barSets().first()->count(), 1 + 6 + 1);
        const QBarSet *total = series->barSets()[6];
        QCOMPARE(total->label(), QStringLiteral("Overall NPS"));
        const double end = explanation.toSummary.nps;
        QVERIFY(qAbs(total->at(7) + series->barSets()[7]->at(7) - end) < 1e-9);

        // Switching the row attribute keeps the chosen periods and explains by the new attribute;
        // the total change is the same, only its split differs.
        const double totalBefore = explanation.totalChange;
        screen.setRowAttributes({QStringLiteral("Region")});
        screen.waitUntilLoaded();
        QCOMPARE(screen.explanation().attribute, QStringLiteral("Region"));
        QCOMPARE(screen.explanation().fromPeriod, periods.first().label);
        QCOMPARE(screen.explanation().toPeriod, periods.last().label);
        QVERIFY(qAbs(screen.explanation().totalChange - totalBefore) < 1e-9);
        QCOMPARE(screen.explanation().segments.size(), 5); // five regions
    }

    void emptyDatabaseShowsNothingAndDoesNotFail()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.npsdb"));
        {
            Database db;
            db.open(path, Database::Mode::CreateIfMissing);
        }
        SegmentsScreen screen;
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

QTEST_MAIN(TestSegmentsScreen)
#include "test_segments_screen.moc"
