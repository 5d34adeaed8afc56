#include "analysis/NpsMath.h"
#include "analysis/Period.h"

#include <QTest>
#include <cmath>

using namespace nps;

Q_DECLARE_METATYPE(nps::NpsCounts)

// Expected values were computed independently in python3 (statistics.NormalDist,
// math) from the formulas of DESIGN.md, not with this code; the scripts are quoted
// in each test.
class TstNpsMath : public QObject
{
    Q_OBJECT

private slots:
    void zValues_data()
    {
        QTest::addColumn<double>("level");
        QTest::addColumn<double>("z");
        // python3: NormalDist().inv_cdf(1 - (1 - level) / 2)
        QTest::newRow("90%") << 0.90 << 1.6448536269514715;
        QTest::newRow("95%") << 0.95 << 1.9599639845400536;
        QTest::newRow("99%") << 0.99 << 2.5758293035489;
    }
    void zValues()
    {
        QFETCH(double, level);
        QFETCH(double, z);
        QVERIFY(std::fabs(zForConfidence(level) - z) < 1e-9);
        QVERIFY(std::fabs(normalCdf(z) - (1 - (1 - level) / 2)) < 1e-12);
    }

    void variance()
    {
        // By hand: p = 0.5, d = 0.2 -> 0.5 + 0.2 - 0.3^2 = 0.61.
        QCOMPARE(npsVariance(0.5, 0.2), 0.61);
        // All promoters: the plain (Wald) variance is 0, a degenerate interval.
        QCOMPARE(npsVariance(1.0, 0.0), 0.0);
    }

    void adjustedWald_data()
    {
        QTest::addColumn<qint64>("promoters");
        QTest::addColumn<qint64>("passives");
        QTest::addColumn<qint64>("detractors");
        QTest::addColumn<double>("level");
        QTest::addColumn<double>("centre");
        QTest::addColumn<double>("margin");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        // python3:
        //   n = P+Pa+D+3; p = (P+.75)/n; d = (D+.75)/n; v = p+d-(p-d)**2
        //   z = NormalDist().inv_cdf(1-(1-level)/2); se = sqrt(v/n)
        //   centre = 100*(p-d); margin = 100*z*se; clamp to [-100, 100]
        QTest::newRow("small n=5") << qint64(3) << qint64(1) << qint64(1) << 0.95 << 25.0 << 54.78265878603634
                                   << -29.782658786036343 << 79.78265878603634;
        QTest::newRow("small n=5 at 90%") << qint64(3) << qint64(1) << qint64(1) << 0.90 << 25.0
                                          << 45.975056536257135 << -20.975056536257135 << 70.97505653625713;
        // Wald would say 100 +- 0; adjusted Wald is a real interval.
        QTest::newRow("all promoters n=10")
            << qint64(10) << qint64(0) << qint64(0) << 0.95 << 76.92307692307692 << 29.41952537828671
            << 47.503551544790206 << 100.0;
        QTest::newRow("clamp high") << qint64(3) << qint64(0) << qint64(0) << 0.95 << 50.0
                                    << 56.57928670380857 << -6.579286703808574 << 100.0;
        QTest::newRow("clamp low") << qint64(0) << qint64(0) << qint64(3) << 0.95 << -50.0
                                   << 56.57928670380857 << -100.0 << 6.579286703808574;
    }
    void adjustedWald()
    {
        QFETCH(qint64, promoters);
        QFETCH(qint64, passives);
        QFETCH(qint64, detractors);
        QFETCH(double, level);
        QFETCH(double, centre);
        QFETCH(double, margin);
        QFETCH(double, low);
        QFETCH(double, high);
        const ConfidenceInterval ci = adjustedWaldInterval(NpsCounts{promoters, passives, detractors}, level);
        QVERIFY2(std::fabs(ci.adjustedNps - centre) < 1e-9,
                 qPrintable(QString::number(ci.adjustedNps, 'g', 17)));
        QVERIFY2(std::fabs(ci.margin - margin) < 1e-9, qPrintable(QString::number(ci.margin, 'g', 17)));
        QVERIFY2(std::fabs(ci.low - low) < 1e-9, qPrintable(QString::number(ci.low, 'g', 17)));
        QVERIFY2(std::fabs(ci.high - high) < 1e-9, qPrintable(QString::number(ci.high, 'g', 17)));
        QVERIFY(ci.high - ci.low > 0);
    }

    void npsOfCounts()
    {
        QVERIFY(std::isnan(NpsCounts{}.nps()));
        QCOMPARE((NpsCounts{3, 1, 1}.nps()), 40.0); // (3 - 1) / 5
        std::array<qint64, 11> dist{};
        dist[0] = 1;
        dist[6] = 2;
        dist[7] = 3;
        dist[8] = 4;
        dist[9] = 5;
        dist[10] = 6;
        const NpsCounts c = NpsCounts::fromDistribution(dist);
        QCOMPARE(c.detractors, qint64(3));
        QCOMPARE(c.passives, qint64(7));
        QCOMPARE(c.promoters, qint64(11));
    }

    void twoSample_data()
    {
        QTest::addColumn<NpsCounts>("a");
        QTest::addColumn<NpsCounts>("b");
        QTest::addColumn<double>("z");
        QTest::addColumn<double>("p");
        // python3: adj(P,Pa,D): n=P+Pa+D+3, p=(P+.75)/n, d=(D+.75)/n -> (n, p-d, p+d-(p-d)**2)
        //   z = (x1-x2)/sqrt(v1/n1+v2/n2); p = 2*(1-NormalDist().cdf(abs(z)))
        QTest::newRow("clear difference")
            << NpsCounts{60, 25, 15} << NpsCounts{40, 30, 30} << 3.1012465251748838 << 0.001927077799701582;
        QTest::newRow("tiny samples")
            << NpsCounts{2, 1, 1} << NpsCounts{1, 0, 1} << 0.29857873557018727 << 0.7652614922821721;
    }
    void twoSample()
    {
        QFETCH(NpsCounts, a);
        QFETCH(NpsCounts, b);
        QFETCH(double, z);
        QFETCH(double, p);
        const ChangeTest t = twoSampleTest(a, b);
        QVERIFY2(std::fabs(t.z - z) < 1e-9, qPrintable(QString::number(t.z, 'g', 17)));
        QVERIFY2(std::fabs(t.pValue - p) < 1e-9, qPrintable(QString::number(t.pValue, 'g', 17)));
        QCOMPARE(t.difference, a.nps() - b.nps());
        // Symmetric.
        QVERIFY(std::fabs(twoSampleTest(b, a).z + z) < 1e-12);
    }

    void corrections()
    {
        // By hand, m = 4, sorted p: 0.005, 0.01, 0.03, 0.04.
        // Holm: 0.005*4=0.02, 0.01*3=0.03, 0.03*2=0.06, 0.04*1=0.04 -> running max 0.06.
        // BH: 0.005*4/1=0.02, 0.01*4/2=0.02, 0.03*4/3=0.04, 0.04*4/4=0.04 (running min from the top).
        const QVector<double> p{0.01, 0.04, 0.03, 0.005};
        const QVector<double> holm = adjustPValues(p, Correction::Holm);
        const QVector<double> bh = adjustPValues(p, Correction::BenjaminiHochberg);
        const QVector<double> expectHolm{0.03, 0.06, 0.06, 0.02};
        const QVector<double> expectBh{0.02, 0.04, 0.04, 0.02};
        for (int i = 0; i < p.size(); ++i) {
            QVERIFY(std::fabs(holm[i] - expectHolm[i]) < 1e-12);
            QVERIFY(std::fabs(bh[i] - expectBh[i]) < 1e-12);
        }
        QCOMPARE(adjustPValues(p, Correction::None), p);
        QVERIFY(adjustPValues({}, Correction::Holm).isEmpty());
        QCOMPARE(adjustPValues({0.6, 0.9}, Correction::Holm), (QVector<double>{1.0, 1.0}));
        Correction c;
        QVERIFY(correctionFromName(QStringLiteral("bh"), &c));
        QCOMPARE(c, Correction::BenjaminiHochberg);
        QVERIFY(!correctionFromName(QStringLiteral("bonferroni"), &c));
    }

    void periods_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QDate>("start");
        QTest::addColumn<QDate>("end");
        QTest::newRow("quarter") << "2026Q3" << int(PeriodKind::Quarter) << "2026Q3" << QDate(2026, 7, 1)
                                 << QDate(2026, 9, 30);
        QTest::newRow("quarter dash lower")
            << "2026-q1" << int(PeriodKind::Quarter) << "2026Q1" << QDate(2026, 1, 1) << QDate(2026, 3, 31);
        QTest::newRow("month") << "2026-07" << int(PeriodKind::Month) << "2026-07" << QDate(2026, 7, 1)
                               << QDate(2026, 7, 31);
        QTest::newRow("february leap")
            << "2024-2" << int(PeriodKind::Month) << "2024-02" << QDate(2024, 2, 1) << QDate(2024, 2, 29);
        QTest::newRow("year") << "2026" << int(PeriodKind::Year) << "2026" << QDate(2026, 1, 1)
                              << QDate(2026, 12, 31);
    }
    void periods()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QFETCH(QString, label);
        QFETCH(QDate, start);
        QFETCH(QDate, end);
        PeriodKind parsed = PeriodKind::None;
        const std::optional<int> ordinal = parsePeriod(text, &parsed);
        QVERIFY(ordinal);
        QCOMPARE(int(parsed), kind);
        QCOMPARE(periodLabel(parsed, *ordinal), label);
        QCOMPARE(periodStart(parsed, *ordinal), start);
        QCOMPARE(periodEnd(parsed, *ordinal), end);
        QCOMPARE(periodOrdinal(parsed, start), *ordinal);
        QCOMPARE(periodOrdinal(parsed, end), *ordinal);
    }
    void badPeriods()
    {
        PeriodKind k;
        QVERIFY(!parsePeriod(QStringLiteral("2026Q5"), &k));
        QVERIFY(!parsePeriod(QStringLiteral("2026-13"), &k));
        QVERIFY(!parsePeriod(QStringLiteral("Q3"), &k));
    }
};

QTEST_GUILESS_MAIN(TstNpsMath)
#include "tst_npsmath.moc"
