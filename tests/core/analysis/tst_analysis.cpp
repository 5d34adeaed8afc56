#include "AnalysisFixture.h"
#include "analysis/AnalysisService.h"
#include "clock/Clock.h"
#include "common/Error.h"
#include "demo/DemoGenerator.h"

#include <QTest>
#include <cmath>

using namespace nps;

namespace {

bool near(double a, double b, double eps = 1e-9)
{
    return std::fabs(a - b) < eps;
}

} // namespace

// Pivot, trend, explain, metrics and warnings on the hand-counted fixture of
// AnalysisFixture.h, and the story the demo data was built with.
class TstAnalysis : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Database m_db;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db.open(m_dir.filePath(QStringLiteral("fixture.npsdb")));
        test::writeFixture(m_db,
                           {QStringLiteral("Column Q3 looks like a 1-5 scale; scores were kept as 0-10"),
                            QStringLiteral("3 rows had no date")});
    }

    void summaryAll()
    {
        AnalysisService service(m_db);
        const NpsSummary s = service.summary(ResponseFilter());
        // Counted from the fixture table: P 7, Pa 2, D 5.
        QCOMPARE(s.n(), qint64(14));
        QCOMPARE(s.counts.promoters, qint64(7));
        QCOMPARE(s.counts.passives, qint64(2));
        QCOMPARE(s.counts.detractors, qint64(5));
        QVERIFY(near(s.nps, 100.0 * 2 / 14));
        QCOMPARE(s.distribution[10], qint64(3));
        QCOMPARE(s.distribution[9], qint64(4));
        QCOMPARE(s.distribution[0], qint64(1));
        QVERIFY(s.lowN);
        // Adjusted Wald by python3: n=17; p=7.75/n; d=5.75/n; v=p+d-(p-d)**2
        //   100*(p-d) = 11.764705882352938; 100*NormalDist().inv_cdf(0.975)*sqrt(v/n) = 41.990203757723705
        QVERIFY2(near(s.ci.adjustedNps, 11.764705882352938),
                 qPrintable(QString::number(s.ci.adjustedNps, 'g', 17)));
        QVERIFY2(near(s.ci.margin, 41.990203757723705), qPrintable(QString::number(s.ci.margin, 'g', 17)));
    }

    void summaryFilters_data()
    {
        QTest::addColumn<QString>("filterJson");
        QTest::addColumn<qint64>("n");
        QTest::addColumn<qint64>("promoters");
        QTest::addColumn<qint64>("detractors");
        // Counted from the fixture table.
        QTest::newRow("Plan=Pro") << R"({"attributes":{"Plan":["Pro"]}})" << qint64(7) << qint64(3)
                                  << qint64(2);
        QTest::newRow("Plan=Pro or Enterprise")
            << R"({"attributes":{"Plan":["Pro","Enterprise"]}})" << qint64(13) << qint64(7) << qint64(4);
        QTest::newRow("Plan=Enterprise and Region=US")
            << R"({"attributes":{"Plan":["Enterprise"],"Region":["US"]}})" << qint64(3) << qint64(1)
            << qint64(2);
        QTest::newRow("active only") << R"({"active_only":true})" << qint64(12) << qint64(7) << qint64(3);
        QTest::newRow("has comment") << R"({"has_comment":true})" << qint64(4) << qint64(2) << qint64(1);
        QTest::newRow("wave W1") << R"({"waves":["W1"]})" << qint64(6) << qint64(3) << qint64(2);
        QTest::newRow("date range") << R"({"from":"2026-03-31","to":"2026-04-15"})" << qint64(3) << qint64(2)
                                    << qint64(1);
        QTest::newRow("unknown value")
            << R"({"attributes":{"Plan":["Gold"]}})" << qint64(0) << qint64(0) << qint64(0);
    }
    void summaryFilters()
    {
        QFETCH(QString, filterJson);
        QFETCH(qint64, n);
        QFETCH(qint64, promoters);
        QFETCH(qint64, detractors);
        bool ok = false;
        const ResponseFilter filter = ResponseFilter::fromJson(filterJson, &ok);
        QVERIFY(ok);
        for (AnalysisService::Engine engine : {AnalysisService::Engine::Auto, AnalysisService::Engine::Sql}) {
            AnalysisService service(m_db, engine);
            const NpsSummary s = service.summary(filter);
            QCOMPARE(s.n(), n);
            QCOMPARE(s.counts.promoters, promoters);
            QCOMPARE(s.counts.detractors, detractors);
            if (n == 0) {
                QVERIFY(std::isnan(s.nps));
                QVERIFY(std::isnan(s.ci.low));
            }
        }
    }

    void pivotByPlanQuarter()
    {
        AnalysisService service(m_db);
        PivotRequest request;
        request.attributes = {QStringLiteral("Plan")};
        request.period = PeriodKind::Quarter;
        const PivotResult p = service.pivot(ResponseFilter(), request);
        QCOMPARE(p.periods.size(), 2);
        QCOMPARE(p.periods[0].label, QStringLiteral("2026Q1"));
        QCOMPARE(p.periods[1].label, QStringLiteral("2026Q2"));
        // Rows by n: Pro 7, Enterprise 6, (not set) 1.
        QCOMPARE(p.segments.size(), 3);
        QCOMPARE(p.segments[0], QStringList{QStringLiteral("Pro")});
        QCOMPARE(p.segments[1], QStringList{QStringLiteral("Enterprise")});
        QCOMPARE(p.segments[2], QStringList{QStringLiteral("(not set)")});

        auto cell = [&](const char *segment, const char *period) {
            const PivotCell *c = p.cell(segment ? QStringList{QString::fromLatin1(segment)} : QStringList(),
                                        QString::fromLatin1(period));
            if (!c)
                qFatal("missing cell %s %s", segment, period);
            return *c;
        };
        // u1 answered as Pro in Q1 and as Enterprise in Q2: each answer keeps its own plan.
        QCOMPARE(cell("Pro", "2026Q1").summary.counts, (NpsCounts{2, 1, 1}));
        QVERIFY(near(cell("Pro", "2026Q1").summary.nps, 25));
        QCOMPARE(cell("Pro", "2026Q2").summary.counts, (NpsCounts{1, 1, 1}));
        QCOMPARE(cell("Enterprise", "2026Q1").summary.counts, (NpsCounts{1, 0, 1}));
        QCOMPARE(cell("Enterprise", "2026Q2").summary.counts, (NpsCounts{3, 0, 1}));
        QVERIFY(near(cell("Enterprise", "2026Q2").summary.nps, 50));
        QCOMPARE(cell("(not set)", "2026Q2").summary.counts, (NpsCounts{0, 0, 1}));
        QVERIFY(!p.cell({QStringLiteral("(not set)")}, QStringLiteral("2026Q1")));
        // Total column and total row.
        QCOMPARE(cell("Pro", "Total").summary.counts, (NpsCounts{3, 2, 2}));
        QVERIFY(cell("Pro", "Total").isTotalColumn);
        QCOMPARE(cell(nullptr, "2026Q1").summary.counts, (NpsCounts{3, 1, 2}));
        QCOMPARE(cell(nullptr, "2026Q2").summary.counts, (NpsCounts{4, 1, 3}));
        QCOMPARE(cell(nullptr, "Total").summary.counts, (NpsCounts{7, 2, 5}));
        QVERIFY(cell(nullptr, "Total").isTotalRow);
        // Changes: Enterprise 0 -> 50; all cells are low-n, so no test and no flag.
        QVERIFY(near(cell("Enterprise", "2026Q2").change, 50));
        QVERIFY(std::isnan(cell("Enterprise", "2026Q2").changePValue));
        QVERIFY(!cell("Enterprise", "2026Q2").significant);
        QVERIFY(std::isnan(cell("Enterprise", "2026Q1").change));
        QVERIFY(near(cell(nullptr, "2026Q2").change, 12.5 - 100.0 / 6));
        QVERIFY(cell("Pro", "2026Q1").summary.lowN);
        QCOMPARE(p.changeTests, 0);
        // vs total: Enterprise Q2 50 vs total Q2 12.5.
        QVERIFY(near(cell("Enterprise", "2026Q2").vsTotal, 37.5));
        // Every cell count sums to its total.
        qint64 sum = 0;
        for (const PivotCell &c : p.cells)
            if (!c.isTotalRow && !c.isTotalColumn)
                sum += c.summary.n();
        QCOMPARE(sum, qint64(14));
    }

    void pivotTwoAttributesByWave()
    {
        AnalysisService service(m_db);
        PivotRequest request;
        request.attributes = {QStringLiteral("Plan"), QStringLiteral("Region")};
        request.period = PeriodKind::Wave;
        const PivotResult p = service.pivot(ResponseFilter(), request);
        QCOMPARE(p.periods.size(), 2);
        QCOMPARE(p.periods[0].label, QStringLiteral("W1"));
        // Enterprise/US: W1 u6 (6); W2 u10 (9), u11 (5).
        const PivotCell *c =
            p.cell({QStringLiteral("Enterprise"), QStringLiteral("US")}, QStringLiteral("W2"));
        QVERIFY(c);
        QCOMPARE(c->summary.counts, (NpsCounts{1, 0, 1}));
        const PivotCell *t =
            p.cell({QStringLiteral("Enterprise"), QStringLiteral("US")}, QStringLiteral("Total"));
        QVERIFY(t);
        QCOMPARE(t->summary.counts, (NpsCounts{1, 0, 2}));
        QCOMPARE(p.cell({}, QStringLiteral("W2"))->summary.n(), qint64(8));
        // Pro/EU Q1: u1 9, u3 10, u2 7.
        QCOMPARE(p.cell({QStringLiteral("Pro"), QStringLiteral("EU")}, QStringLiteral("W1"))->summary.counts,
                 (NpsCounts{2, 1, 0}));
    }

    void pivotNoPeriodAndMonths()
    {
        AnalysisService service(m_db);
        PivotRequest request;
        request.attributes = {QStringLiteral("Region")};
        request.period = PeriodKind::None;
        const PivotResult p = service.pivot(ResponseFilter(), request);
        QVERIFY(p.periods.isEmpty());
        QCOMPARE(p.cells.size(), 4); // EU, US, (not set), total: total column only
        // EU: u1 9, u3 10, u2 7, u5 10, u1 10, u2 9, u7 8, u9 9 -> P6 Pa2.
        QCOMPARE(p.cell({QStringLiteral("EU")}, QStringLiteral("Total"))->summary.counts,
                 (NpsCounts{6, 2, 0}));

        request.period = PeriodKind::Month;
        request.attributes.clear();
        const PivotResult m = service.pivot(ResponseFilter(), request);
        // Months with answers: 01 02 03 04 05 06. 2026-03-31T23:59:59Z stays in March (UTC).
        QCOMPARE(m.periods.size(), 6);
        QCOMPARE(m.cell({}, QStringLiteral("2026-03"))->summary.n(), qint64(3));
        QCOMPARE(m.cell({}, QStringLiteral("2026-06"))->summary.n(), qint64(3));
    }

    void unknownAttributeIsBadInput()
    {
        AnalysisService service(m_db);
        PivotRequest request;
        request.attributes = {QStringLiteral("Colour")};
        try {
            service.pivot(ResponseFilter(), request);
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::BadInput);
            QVERIFY(e.message().contains(QLatin1String("Colour")));
        }
    }

    void trendSeries()
    {
        AnalysisService service(m_db);
        const QVector<TrendSeries> overall = service.trend(ResponseFilter(), PeriodKind::Quarter);
        QCOMPARE(overall.size(), 1);
        QCOMPARE(overall[0].points.size(), 2);
        QVERIFY(near(overall[0].points[0].summary.nps, 100.0 / 6));
        QVERIFY(near(overall[0].points[1].summary.nps, 12.5));
        const QVector<TrendSeries> byPlan =
            service.trend(ResponseFilter(), PeriodKind::Quarter, QStringLiteral("Plan"));
        QCOMPARE(byPlan.size(), 3);
        QCOMPARE(byPlan[1].label, QStringLiteral("Enterprise"));
        QVERIFY(near(byPlan[1].points[0].summary.nps, 0));
        QVERIFY(near(byPlan[1].points[1].summary.nps, 50));
        QCOMPARE(byPlan[2].points.size(), 1); // (not set) only in Q2
    }

    void explainAddsUp()
    {
        AnalysisService service(m_db);
        const Explanation e = service.explain(ResponseFilter(), QStringLiteral("Plan"),
                                              QStringLiteral("2026Q1"), QStringLiteral("2026Q2"));
        // Expected per segment by python3 from the formula in AnalysisService.h:
        //   T0 = 100/6, T1 = 12.5, c = (T0+T1)/2
        //   rate = (N1-N0)*(w0+w1)/2, mix = (w1-w0)*((N0+N1)/2 - c)
        QVERIFY(near(e.totalChange, -4.166666666666668));
        QCOMPARE(e.segments.size(), 3);
        auto seg = [&](const QString &name) {
            for (const ExplainSegment &s : e.segments)
                if (s.segment == name)
                    return s;
            qFatal("missing segment");
        };
        QVERIFY(near(seg(QStringLiteral("Pro")).rateEffect, -13.020833333333332));
        QVERIFY(near(seg(QStringLiteral("Pro")).mixEffect, 0.607638888888889));
        QVERIFY(near(seg(QStringLiteral("Enterprise")).rateEffect, 20.833333333333332));
        QVERIFY(near(seg(QStringLiteral("Enterprise")).mixEffect, 1.7361111111111112));
        QVERIFY(near(seg(QStringLiteral("(not set)")).rateEffect, 0));
        QVERIFY(near(seg(QStringLiteral("(not set)")).mixEffect, -14.322916666666666));
        QVERIFY(near(e.rateEffect, 7.8125));
        QVERIFY(near(e.mixEffect, -11.979166666666666));
        QVERIFY(near(e.rateEffect + e.mixEffect, e.totalChange, 1e-12));
        // By wave names, same periods here.
        const Explanation w = service.explain(ResponseFilter(), QStringLiteral("Plan"), QStringLiteral("W1"),
                                              QStringLiteral("W2"));
        QVERIFY(near(w.totalChange, e.totalChange));
        QVERIFY_THROWS_EXCEPTION(Error, service.explain(ResponseFilter(), QStringLiteral("Plan"),
                                                        QStringLiteral("2026Q1"), QStringLiteral("2026-05")));
        QVERIFY_THROWS_EXCEPTION(Error, service.explain(ResponseFilter(), QStringLiteral("Plan"),
                                                        QStringLiteral("2025Q1"), QStringLiteral("2026Q2")));
    }

    void keyMetrics()
    {
        AnalysisService service(m_db);
        const QVector<PeriodMetrics> m = service.metrics(ResponseFilter(), PeriodKind::Quarter);
        QCOMPARE(m.size(), 2);
        // Q1: 2 detractors of 6; comments u3, u5; wave W1 (first answer in Q1) 6 of 100 invited.
        QVERIFY(near(m[0].detractorRate, 100.0 * 2 / 6));
        QCOMPARE(m[0].comments, qint64(2));
        QVERIFY(near(m[0].commentRate, 100.0 * 2 / 6));
        QCOMPARE(m[0].invited, qint64(100));
        QVERIFY(near(m[0].responseRate, 6.0));
        QCOMPARE(m[0].passivesFollowedUp, qint64(0));
        // Q2: u2 was passive (7) in W1 and answered 9 in W2: 1 of 1 converted.
        QCOMPARE(m[1].passivesFollowedUp, qint64(1));
        QCOMPARE(m[1].passivesConverted, qint64(1));
        QVERIFY(near(m[1].passiveConversionRate, 100));
        QVERIFY(near(m[1].responseRate, 80.0)); // 8 of 10
        QCOMPARE(m[1].comments, qint64(2));     // u7, u8
        QVERIFY(near(m[1].detractorRate, 100.0 * 3 / 8));
    }

    void hygieneWarnings()
    {
        AnalysisService service(m_db);
        const QVector<HygieneWarning> list = service.warnings(ResponseFilter(), PeriodKind::Quarter);
        auto find = [&](const QString &code, const QString &subject = {}) -> const HygieneWarning * {
            for (const HygieneWarning &w : list)
                if (w.code == code && (subject.isEmpty() || w.subject == subject))
                    return &w;
            return nullptr;
        };
        // Inactive: u4 (3), u11 (5): 2 of 14; NPS 100*2/14 with them, 100*2/12 without (P7 D3 of 12).
        const HygieneWarning *inactive = find(QStringLiteral("inactive_respondents"));
        QVERIFY(inactive);
        QVERIFY(near(inactive->value, 100.0 * 2 / 14));
        QVERIFY(near(inactive->npsAll, 100.0 * 2 / 14));
        QVERIFY(near(inactive->npsWithoutInactive, 100.0 * 4 / 12));
        // Fatigue: u2 answered 2026-02-20 and 2026-04-10 (49 days); u1's two answers are 90 days apart (not <
        // 90).
        const HygieneWarning *fatigue = find(QStringLiteral("survey_fatigue"));
        QVERIFY(fatigue);
        QCOMPARE(fatigue->value, 1.0);
        // W1: 6 of 100 invited.
        const HygieneWarning *rate = find(QStringLiteral("low_response_rate"), QStringLiteral("W1"));
        QVERIFY(rate);
        QVERIFY(near(rate->value, 6.0));
        QVERIFY(!find(QStringLiteral("low_response_rate"), QStringLiteral("W2")));
        // Both quarters have fewer than 30 answers.
        QVERIFY(find(QStringLiteral("low_sample_period"), QStringLiteral("2026Q1")));
        QVERIFY(find(QStringLiteral("low_sample_period"), QStringLiteral("2026Q2")));
        // The import's scale warning, and only that one of its two warnings.
        int scale = 0;
        for (const HygieneWarning &w : list)
            scale += w.code == QLatin1String("scale") ? 1 : 0;
        QCOMPARE(scale, 1);
        QVERIFY(find(QStringLiteral("scale"))->message.contains(QLatin1String("1-5")));
        // Filtered to active respondents, the inactive warning disappears.
        ResponseFilter activeOnly;
        activeOnly.activeOnly = true;
        for (const HygieneWarning &w : service.warnings(activeOnly))
            QVERIFY(w.code != QLatin1String("inactive_respondents"));
    }

    void benchmarks()
    {
        BenchmarkStore store(m_db);
        QCOMPARE(store.builtInBands().size(), 4);
        QVERIFY(store.userBands().isEmpty());
        const qint64 id = store.add(QStringLiteral("Board target"), 40, 60);
        QCOMPARE(store.userBands().size(), 1);
        QCOMPARE(store.allBands().size(), 5);
        // 45 is in "B2B SaaS good (30-50)" and the board target; 30 in good and the enterprise average line.
        QCOMPARE(store.bandsFor(45).size(), 2);
        QCOMPARE(store.bandsFor(30).size(), 2);
        QCOMPARE(store.bandsFor(-20).size(), 1);
        QVERIFY_THROWS_EXCEPTION(Error, store.add(QStringLiteral("bad"), 60, 40));
        QVERIFY_THROWS_EXCEPTION(Error, store.add(QStringLiteral("bad"), -120, 40));
        QVERIFY_THROWS_EXCEPTION(Error, store.add(QString(), 0, 40));
        store.remove(id);
        QVERIFY(store.userBands().isEmpty());
        QVERIFY_THROWS_EXCEPTION(Error, store.remove(id));
    }

    // The demo was built with Enterprise rising and Starter falling over eight
    // quarters; the engine must show it, with significance where n supports it.
    void demoStory()
    {
        QTemporaryDir dir;
        Database db;
        db.open(dir.filePath(QStringLiteral("demo.npsdb")));
        FixedClock clock(QDateTime(QDate(2026, 11, 15), QTime(12, 0), Qt::UTC));
        DemoOptions options;
        options.responses = 12000;
        DemoGenerator(db, clock).generate(options);
        AnalysisService service(db);
        const QVector<TrendSeries> series =
            service.trend(ResponseFilter(), PeriodKind::Quarter, QStringLiteral("Plan"));
        auto seriesOf = [&](const QString &plan) {
            for (const TrendSeries &s : series)
                if (s.label == plan)
                    return s;
            qFatal("no series");
        };
        const TrendSeries enterprise = seriesOf(QStringLiteral("Enterprise"));
        const TrendSeries starter = seriesOf(QStringLiteral("Starter"));
        QCOMPARE(enterprise.points.size(), 8);
        QCOMPARE(starter.points.size(), 8);
        const NpsSummary &e0 = enterprise.points.first().summary;
        const NpsSummary &e7 = enterprise.points.last().summary;
        const NpsSummary &s0 = starter.points.first().summary;
        const NpsSummary &s7 = starter.points.last().summary;
        QVERIFY2(e7.nps - e0.nps > 20, qPrintable(QStringLiteral("%1 -> %2").arg(e0.nps).arg(e7.nps)));
        QVERIFY2(s0.nps - s7.nps > 15, qPrintable(QStringLiteral("%1 -> %2").arg(s0.nps).arg(s7.nps)));
        QVERIFY(twoSampleTest(e7.counts, e0.counts).pValue < 0.01);
        QVERIFY(twoSampleTest(s7.counts, s0.counts).pValue < 0.01);
        // Year over year in the pivot: Starter's last quarter is flagged against the total.
        PivotRequest request;
        request.attributes = {QStringLiteral("Plan")};
        const PivotResult pivot = service.pivot(ResponseFilter(), request);
        const QString last = pivot.periods.last().label;
        QVERIFY(pivot.cell({QStringLiteral("Starter")}, last)->vsTotalSignificant);
        QVERIFY(pivot.cell({QStringLiteral("Starter")}, last)->vsTotal < 0);
        QVERIFY(pivot.cell({QStringLiteral("Enterprise")}, last)->vsTotal > 0);
        QVERIFY(pivot.changeTests > 0);
        // The significance flags are the documented correction applied to the family of
        // non-low-n change tests, at alpha = 1 - confidence.
        for (Correction correction : {Correction::Holm, Correction::BenjaminiHochberg}) {
            PivotRequest monthly;
            monthly.attributes = {QStringLiteral("Plan"), QStringLiteral("Region")};
            monthly.period = PeriodKind::Month;
            monthly.correction = correction;
            const PivotResult m = service.pivot(ResponseFilter(), monthly);
            QVector<double> raw;
            QVector<const PivotCell *> tested;
            int lowN = 0;
            for (const PivotCell &c : m.cells) {
                if (c.summary.lowN) {
                    ++lowN;
                    QVERIFY(!c.significant && !c.vsTotalSignificant && std::isnan(c.changePValue));
                }
                if (!std::isnan(c.changePValue)) {
                    raw << c.changePValue;
                    tested << &c;
                }
            }
            QVERIFY(lowN > 0); // monthly cells by plan and region are small
            QCOMPARE(int(raw.size()), m.changeTests);
            const QVector<double> adjusted = adjustPValues(raw, correction);
            for (int i = 0; i < raw.size(); ++i) {
                QCOMPARE(tested[i]->changeAdjustedP, adjusted[i]);
                QCOMPARE(tested[i]->significant, adjusted[i] < 0.05);
                QVERIFY(tested[i]->changeAdjustedP >= tested[i]->changePValue);
            }
        }
        // Explain first to last quarter: adds up exactly, Enterprise's rate effect positive, Starter's
        // negative.
        const Explanation ex =
            service.explain(ResponseFilter(), QStringLiteral("Plan"), pivot.periods.first().label, last);
        QVERIFY(std::fabs(ex.rateEffect + ex.mixEffect - ex.totalChange) < 1e-9);
        for (const ExplainSegment &s : ex.segments) {
            if (s.segment == QLatin1String("Enterprise"))
                QVERIFY(s.rateEffect > 0);
            if (s.segment == QLatin1String("Starter"))
                QVERIFY(s.rateEffect < 0);
        }
        // Inactive respondents score lower in the demo.
        ResponseFilter active;
        active.activeOnly = true;
        QVERIFY(service.summary(active).nps > service.summary(ResponseFilter()).nps);
    }
};

QTEST_GUILESS_MAIN(TstAnalysis)
#include "tst_analysis.moc"
