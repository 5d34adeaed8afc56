#include "UiFixture.h"
#include "analysis/AnalysisService.h"
#include "common/MetricCard.h"
#include "overview/OverviewScreen.h"

#include <QtTest>

using namespace nps;
using namespace nps::ui;

namespace {

QString signedText(double v)
{
    return QStringLiteral("%1%2").arg(v > 0 ? QStringLiteral("+") : QString()).arg(v, 0, 'f', 1);
}

} // namespace

class TestOverview : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    FixedClock m_clock{test::demoNow()};

private slots:
    void initTestCase()
    {
        test::isolateSettings(m_dir);
        m_path = test::makeDemoDatabase(m_dir);
    }

    void numbersEqualTheEngine_data()
    {
        QTest::addColumn<QString>("filterJson");
        QTest::addColumn<double>("confidence");
        QTest::newRow("all") << QStringLiteral("{}") << 0.95;
        QTest::newRow("active only, 90%") << QStringLiteral("{\"active_only\":true}") << 0.90;
        QTest::newRow("enterprise") << QStringLiteral("{\"attributes\":{\"Plan\":[\"Enterprise\"]}}") << 0.95;
        QTest::newRow("one year") << QStringLiteral("{\"from\":\"2026-01-01\",\"to\":\"2026-12-31\"}")
                                  << 0.99;
        QTest::newRow("two waves")
            << QStringLiteral("{\"waves\":[\"2026 Q3 relationship survey\",\"2026 Q4 relationship survey\"]}")
            << 0.95;
    }

    void numbersEqualTheEngine()
    {
        QFETCH(QString, filterJson);
        QFETCH(double, confidence);
        bool ok = false;
        const ResponseFilter filter = ResponseFilter::fromJson(filterJson, &ok);
        QVERIFY(ok);

        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        AnalysisService engine(db);
        const NpsSummary expected = engine.summary(filter, confidence);
        const PeriodMetrics metrics = engine.metrics(filter, PeriodKind::None).constFirst();
        const QVector<HygieneWarning> warnings = engine.warnings(filter, PeriodKind::Quarter);
        QVERIFY(expected.n() > 0);

        OverviewScreen screen;
        screen.setContext(ScreenContext{m_path, filter, &m_clock, confidence});
        screen.waitUntilLoaded();
        QVERIFY(screen.data().has_value());
        const OverviewData &shown = *screen.data();
        QVERIFY(shown.filter == filter);
        QCOMPARE(shown.summary.n(), expected.n());
        QCOMPARE(shown.summary.counts.promoters, expected.counts.promoters);
        QCOMPARE(shown.summary.counts.detractors, expected.counts.detractors);
        QCOMPARE(shown.summary.distribution, expected.distribution);
        QCOMPARE(shown.summary.ci.low, expected.ci.low);
        QCOMPARE(shown.summary.ci.high, expected.ci.high);
        QCOMPARE(screen.headlineText(), signedText(expected.nps));
        QVERIFY2(screen.intervalText().startsWith(QStringLiteral("%1% CI %2 to %3")
                                                      .arg(confidence * 100, 0, 'f', 0)
                                                      .arg(expected.ci.low, 0, 'f', 1)
                                                      .arg(expected.ci.high, 0, 'f', 1)),
                 qPrintable(screen.intervalText()));
        QCOMPARE(screen.cardValue(QStringLiteral("Detractor rate")),
                 QStringLiteral("%1%").arg(metrics.detractorRate, 0, 'f', 1));
        QCOMPARE(screen.cardValue(QStringLiteral("Comment rate")),
                 QStringLiteral("%1%").arg(metrics.commentRate, 0, 'f', 1));
        QCOMPARE(screen.warningCount(), int(warnings.size()));

        // The change is the latest dated quarter against the one before, tested by the engine's z test.
        const QVector<TrendSeries> trend = engine.trend(filter, PeriodKind::Quarter, {}, confidence);
        QVector<TrendPoint> dated;
        for (const TrendPoint &p : trend.constFirst().points) {
            if (!p.period.undated && p.summary.n() > 0)
                dated.append(p);
        }
        QCOMPARE(shown.quarters.size(), dated.size());
        if (dated.size() >= 2) {
            QVERIFY(shown.change.has_value());
            const TrendPoint &latest = dated.constLast();
            const TrendPoint &previous = dated.at(dated.size() - 2);
            QCOMPARE(shown.change->toLabel, latest.period.label);
            QCOMPARE(shown.change->fromLabel, previous.period.label);
            const ChangeTest test = twoSampleTest(latest.summary.counts, previous.summary.counts);
            QCOMPARE(shown.change->test.pValue, test.pValue);
            QCOMPARE(shown.change->significant,
                     !latest.summary.lowN && !previous.summary.lowN && test.pValue < 1.0 - confidence);
            QVERIFY(screen.changeText().contains(latest.period.label));
        }
    }

    void emptyFilterSaysSo()
    {
        ResponseFilter filter;
        filter.from = QDate(1999, 1, 1);
        filter.to = QDate(1999, 1, 2);
        OverviewScreen screen;
        screen.setContext(ScreenContext{m_path, filter, &m_clock, 0.95});
        screen.waitUntilLoaded();
        QVERIFY(screen.data().has_value());
        QCOMPARE(screen.data()->summary.n(), qint64(0));
    }

    void followupCardAppearsWithItsCounter()
    {
        OverviewScreen screen;
        screen.setFollowupCounter([](Database &, const ResponseFilter &, const Clock &) {
            return FollowupCounts{12, 3, 4};
        });
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, &m_clock, 0.95});
        screen.waitUntilLoaded();
        QVERIFY(screen.data()->followups.has_value());
        QCOMPARE(screen.cardValue(QStringLiteral("Open follow-ups")), QStringLiteral("12"));
    }

    void metricCardsFillTheWidth_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("withFollowups");
        QTest::addColumn<int>("cards");
        QTest::addColumn<int>("lines");
        QTest::newRow("wide, five cards") << 1300 << true << 5 << 1;
        // A hidden card leaves no empty column behind: the four fill the line.
        QTest::newRow("wide, no follow-up card") << 1300 << false << 4 << 1;
        QTest::newRow("narrow: three and two") << 760 << true << 5 << 2;
    }

    void metricCardsFillTheWidth()
    {
        QFETCH(int, width);
        QFETCH(bool, withFollowups);
        QFETCH(int, cards);
        QFETCH(int, lines);
        OverviewScreen screen;
        if (withFollowups) {
            screen.setFollowupCounter([](Database &, const ResponseFilter &, const Clock &) {
                return FollowupCounts{12, 3, 4};
            });
        } else {
            screen.setFollowupCounter({});
        }
        screen.resize(width, 1600);
        screen.show();
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, &m_clock, 0.95});
        screen.waitUntilLoaded();
        QCoreApplication::processEvents();
        QSet<int> tops;
        int right = 0;
        int shown = 0;
        QWidget *content = nullptr;
        for (QWidget *card : screen.findChildren<MetricCard *>()) {
            if (!card->isVisible())
                continue;
            ++shown;
            content = card->parentWidget();
            tops.insert(card->y());
            right = std::max(right, card->geometry().right());
        }
        QCOMPARE(shown, cards);
        QCOMPARE(int(tops.size()), lines);
        QVERIFY(content);
        // The last card ends at the content's right margin (16 px), not short of it.
        QVERIFY2(right >= content->width() - 16 - 2,
                 qPrintable(QStringLiteral("%1 of %2").arg(right).arg(content->width())));
    }

    void invitedCountsGiveTheResponseRate()
    {
        const QString path = test::makeDemoDatabase(m_dir, QStringLiteral("invited.npsdb"), 800);
        OverviewScreen screen;
        screen.setContext(ScreenContext{path, ResponseFilter{}, &m_clock, 0.95});
        screen.waitUntilLoaded();
        QVector<WaveInfo> before;
        {
            Database db;
            db.open(path, Database::Mode::ExistingOnly);
            before = Waves(db).list();
        }
        QVERIFY(!before.isEmpty());
        QMap<QString, qint64> unknown;
        for (const WaveInfo &wave : before)
            unknown.insert(wave.name, 0);
        screen.setInvitedCounts(unknown);
        screen.waitUntilLoaded();
        QCOMPARE(screen.cardValue(QStringLiteral("Response rate")), QStringLiteral("Unknown"));
        QSignalSpy changed(&screen, &Screen::dataChanged);
        QVector<WaveInfo> offered;
        screen.setInvitedEditor([&](QWidget *, const QVector<WaveInfo> &waves) {
            offered = waves;
            QMap<QString, qint64> counts;
            for (const WaveInfo &wave : waves)
                counts.insert(wave.name, 1000);
            return std::optional<QMap<QString, qint64>>(counts);
        });
        screen.editInvitedCounts();
        screen.waitUntilLoaded();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(offered.size(), before.size());
        {
            Database db;
            db.open(path, Database::Mode::ExistingOnly);
            for (const WaveInfo &wave : Waves(db).list())
                QCOMPARE(wave.invited.value_or(-1), qint64(1000));
        }
        Database db;
        db.open(path, Database::Mode::ExistingOnly);
        const PeriodMetrics metrics = AnalysisService(db).metrics({}, PeriodKind::None).constFirst();
        QVERIFY(!std::isnan(metrics.responseRate));
        QCOMPARE(screen.cardValue(QStringLiteral("Response rate")),
                 QStringLiteral("%1%").arg(metrics.responseRate, 0, 'f', 1));
    }

    void unreadableDatabaseShowsAMessage()
    {
        OverviewScreen screen;
        screen.setContext(
            ScreenContext{m_dir.filePath(QStringLiteral("missing.npsdb")), ResponseFilter{}, &m_clock, 0.95});
        screen.waitUntilLoaded();
        QVERIFY(!screen.data().has_value());
    }
};

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
