#include "CommentFixture.h"
#include "comments/CommentQuery.h"
#include "comments/Suggestions.h"
#include "comments/TagService.h"
#include "comments/ThemeDrivers.h"

#include <QtTest>

using namespace nps;

class TestThemeDrivers : public QObject
{
    Q_OBJECT

private slots:
    void knownAnswers()
    {
        // 20 responses: 6 detractors, 4 passives, 10 promoters: NPS 20.
        // "Price" is on 4 detractors, 1 passive, 1 promoter: NPS -50.
        test::CommentFixture fx;
        QVector<test::FixtureComment> rows;
        for (int i = 0; i < 4; ++i)
            rows.append({2, QStringLiteral("too expensive")});
        rows.append({7, QStringLiteral("expensive but ok")});
        rows.append({10, QStringLiteral("expensive and worth it")});
        for (int i = 0; i < 2; ++i)
            rows.append({5, QStringLiteral("slow")});
        for (int i = 0; i < 3; ++i)
            rows.append({8, QStringLiteral("fine")});
        for (int i = 0; i < 9; ++i)
            rows.append({9, QStringLiteral("great")});
        const QVector<qint64> ids = fx.add(rows);
        TagService s(fx.db, fx.clock);
        const qint64 price = s.create(QStringLiteral("Price"));
        s.addRule(price, QStringLiteral("expensive"), RuleKind::Keyword);
        QCOMPARE(s.applyAllRules(), qint64(6));
        s.create(QStringLiteral("Unused"));

        const ThemeDriversResult r = ThemeDrivers::compute(fx.db, CommentFilter{});
        QCOMPARE(r.total, qint64(20));
        QCOMPARE(r.overallNps, 20.0);
        QCOMPARE(r.drivers.size(), 1); // tags nobody carries are left out
        const ThemeDriver &d = r.drivers.first();
        QCOMPARE(d.tag, QStringLiteral("Price"));
        QCOMPARE(d.detractors, qint64(4));
        QCOMPARE(d.passives, qint64(1));
        QCOMPARE(d.promoters, qint64(1));
        QCOMPARE(qRound(d.detractorPct * 100), 6667);
        QCOMPARE(d.passivePct, 25.0);
        QCOMPARE(d.promoterPct, 10.0);
        QCOMPARE(d.nps, -50.0);
        QCOMPARE(d.difference, -70.0);
        QCOMPARE(d.npsWithoutDetractors, 50.0);
        // z = 1.959964 (two-sided 95%), as every interval of the app.
        QVERIFY(qAbs(d.differenceLow - -95.7978022) < 1e-4);
        QVERIFY(qAbs(d.differenceHigh - -8.5159232) < 1e-4);
        // The window's confidence level reaches the interval: at 99% it is wider
        // (z = 2.575829) around the same centre.
        const ThemeDriversResult r99 = ThemeDrivers::compute(fx.db, CommentFilter{}, 0.99);
        QCOMPARE(r99.confidence, 0.99);
        QVERIFY(qAbs(r99.drivers.first().differenceLow - -109.5107792) < 1e-4);
        QVERIFY(qAbs(r99.drivers.first().differenceHigh - 5.1970538) < 1e-4);
        QVERIFY(!d.reliable);

        const DataTable table = ThemeDrivers::toTable(r);
        QCOMPARE(table.rows.size(), 1);
        QCOMPARE(table.rows[0][table.columns.indexOf(QStringLiteral("difference_ci_low"))].toDouble(), -95.8);

        // A parent counts its sub-tags' responses once each.
        const qint64 money = s.create(QStringLiteral("Money"));
        const qint64 cost = s.create(QStringLiteral("Cost"), {}, money);
        s.setParent(price, money);
        s.addTag(cost, {ids[0], ids[19]}); // one also tagged Price, one promoter not
        const ThemeDriversResult nested = ThemeDrivers::compute(fx.db, CommentFilter{});
        const auto money_ =
            std::find_if(nested.drivers.cbegin(), nested.drivers.cend(),
                         [](const ThemeDriver &x) { return x.tag == QLatin1String("Money"); });
        QVERIFY(money_ != nested.drivers.cend());
        QCOMPARE(money_->detractors, qint64(4));
        QCOMPARE(money_->passives, qint64(1));
        QCOMPARE(money_->promoters, qint64(2));

        // The shared filter narrows both the overall and the theme.
        CommentFilter f;
        f.base.waves = {QStringLiteral("nope")};
        QCOMPARE(ThemeDrivers::compute(fx.db, f).total, qint64(0));
        Q_UNUSED(ids);
    }

    void suggestionsSeparateGroups()
    {
        test::CommentFixture fx;
        QVector<test::FixtureComment> rows;
        for (int i = 0; i < 40; ++i) {
            rows.append(
                {2, QStringLiteral("the outage lost our data, support slow, too expensive at 30 per seat")});
            rows.append({10, QStringLiteral("the reports are great, support fast")});
        }
        fx.add(rows);
        const SuggestionResult r = Suggestions::compute(fx.db, CommentFilter{});
        QCOMPARE(r.commentsRead, qint64(80));
        QVERIFY(!r.detractor.isEmpty());
        QVERIFY(!r.promoter.isEmpty());
        QStringList d, p;
        for (const Suggestion &s : r.detractor)
            d << s.text;
        for (const Suggestion &s : r.promoter)
            p << s.text;
        QVERIFY(d.contains(QStringLiteral("outage")));
        QVERIFY(d.contains(QStringLiteral("support slow")));
        QVERIFY(p.contains(QStringLiteral("reports")));
        QVERIFY(!d.contains(QStringLiteral("support"))); // in both groups: not distinctive
        QVERIFY(!p.contains(QStringLiteral("support")));
        QVERIFY(!d.contains(QStringLiteral("the")));
        // Words that say nothing alone stay out; their phrases stay in.
        QVERIFY(!d.contains(QStringLiteral("too")));
        QVERIFY(!d.contains(QStringLiteral("30")));
        QVERIFY(d.contains(QStringLiteral("too expensive")));
        QVERIFY(!d.contains(QStringLiteral("30 per")));
        QVERIFY(r.detractor.first().zScore > 1.96);
        QVERIFY(r.promoter.first().zScore < -1.96);
    }
};

QTEST_GUILESS_MAIN(TestThemeDrivers)
#include "test_theme_drivers.moc"
