#include "AnalysisFixture.h"
#include "analysis/AnalysisService.h"
#include "analysis/ResponseColumns.h"
#include "common/Error.h"
#include "demo/DemoGenerator.h"

#include <QTest>
#include <cmath>
#include <cstring>

using namespace nps;

namespace {

bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

QString compare(const PivotResult &x, const PivotResult &y)
{
    if (x.periods.size() != y.periods.size())
        return QStringLiteral("period count %1 vs %2").arg(x.periods.size()).arg(y.periods.size());
    for (int i = 0; i < x.periods.size(); ++i)
        if (x.periods[i].label != y.periods[i].label)
            return QStringLiteral("period %1: %2 vs %3").arg(i).arg(x.periods[i].label, y.periods[i].label);
    if (x.segments != y.segments)
        return QStringLiteral("segments differ");
    if (x.cells.size() != y.cells.size())
        return QStringLiteral("cell count %1 vs %2").arg(x.cells.size()).arg(y.cells.size());
    if (x.changeTests != y.changeTests || x.totalTests != y.totalTests)
        return QStringLiteral("test family sizes differ");
    for (int i = 0; i < x.cells.size(); ++i) {
        const PivotCell &a = x.cells[i];
        const PivotCell &b = y.cells[i];
        const QString where = a.segment.join(QLatin1Char('/')) + QLatin1Char(' ') + a.period.label;
        if (a.segment != b.segment || a.period.label != b.period.label)
            return QStringLiteral("cell %1 is %2 vs %3").arg(i).arg(where, b.period.label);
        if (a.summary.distribution != b.summary.distribution)
            return QStringLiteral("distribution differs at %1").arg(where);
        if (!same(a.change, b.change) || !same(a.changePValue, b.changePValue) ||
            !same(a.changeAdjustedP, b.changeAdjustedP) || a.significant != b.significant ||
            !same(a.vsTotal, b.vsTotal) || !same(a.vsRestAdjustedP, b.vsRestAdjustedP) ||
            a.vsTotalSignificant != b.vsTotalSignificant || !same(a.summary.ci.low, b.summary.ci.low))
            return QStringLiteral("statistics differ at %1").arg(where);
    }
    return {};
}

} // namespace

// The column-store engine (cache) and the SQL engine must give identical
// results, and the persisted cache must follow data_version.
class TstAnalysisEngines : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Database m_db;

private slots:
    void initTestCase()
    {
        try {
            setUpData();
        } catch (const Error &e) {
            QFAIL(qPrintable(e.message()));
        }
    }

private:
    static ImportRecord namedImport()
    {
        ImportRecord record;
        record.fileName = QStringLiteral("extra.csv");
        return record;
    }

    void setUpData()
    {
        QVERIFY(m_dir.isValid());
        m_db.open(m_dir.filePath(QStringLiteral("demo.npsdb")));
        FixedClock clock(QDateTime(QDate(2026, 8, 20), QTime(9, 0), Qt::UTC));
        DemoOptions options;
        options.responses = 9000;
        DemoGenerator(m_db, clock).generate(options);
        // Answers without a date, without attributes, and the hand fixture on top.
        test::writeFixture(m_db);
        Transaction transaction(m_db.connection());
        SurveyWriter writer(m_db, clock);
        const qint64 importId = writer.startImport(namedImport());
        const qint64 wave = writer.ensureWave(QStringLiteral("Undated wave"), WaveKind::Transactional);
        for (int i = 0; i < 40; ++i) {
            ResponseRecord r;
            r.userId = QStringLiteral("undated-%1").arg(i);
            r.score = i % 11;
            if (i % 2)
                r.attributes.append({QStringLiteral("Plan"), QStringLiteral("Pro")});
            writer.add(wave, importId, r);
        }
        writer.finishImport(importId, ImportCounts{40, 40, 0, 0}, {});
        // A tag on a few responses, for the SQL fallback.
        sql::run(m_db.connection(),
                 QStringLiteral("INSERT OR IGNORE INTO tags (name, created_at) VALUES ('pricing', 0)"));
        sql::run(m_db.connection(),
                 QStringLiteral("INSERT INTO response_tags (response_id, tag_id, created_at)"
                                " SELECT id, (SELECT id FROM tags WHERE name = 'pricing'), 0 FROM responses"
                                " WHERE comment LIKE '%price%' AND true"
                                " ON CONFLICT DO NOTHING"));
        transaction.commit();
        AnalysisService::clearMemoryCache();
    }

private slots:
    void pivotsAgree_data()
    {
        QTest::addColumn<QString>("filterJson");
        QTest::addColumn<QStringList>("attributes");
        QTest::addColumn<int>("period");
        const QStringList filters = {
            QStringLiteral("{}"),
            QStringLiteral(R"({"attributes":{"Plan":["Enterprise"]}})"),
            QStringLiteral(R"({"attributes":{"Plan":["Starter","Pro"],"Region":["Europe","EU"]}})"),
            QStringLiteral(R"({"from":"2025-11-03","to":"2026-05-17"})"),
            QStringLiteral(R"({"active_only":true,"has_comment":true})"),
            QStringLiteral(R"({"kind":"transactional"})"),
            QStringLiteral(R"({"waves":["W2","Undated wave"]})"),
            QStringLiteral(R"({"tags":["pricing"]})"),
        };
        const QVector<QStringList> attributeSets = {
            {}, {QStringLiteral("Plan")}, {QStringLiteral("Region"), QStringLiteral("Plan")}};
        const QVector<PeriodKind> periods = {PeriodKind::None, PeriodKind::Month, PeriodKind::Quarter,
                                             PeriodKind::Year, PeriodKind::Wave};
        for (int f = 0; f < filters.size(); ++f)
            for (const QStringList &attrs : attributeSets)
                for (PeriodKind p : periods)
                    QTest::addRow("f%d %s %s", f, qPrintable(attrs.join(QLatin1Char('+'))),
                                  qPrintable(periodKindName(p)))
                        << filters[f] << attrs << int(p);
    }
    void pivotsAgree()
    {
        QFETCH(QString, filterJson);
        QFETCH(QStringList, attributes);
        QFETCH(int, period);
        bool ok = false;
        const ResponseFilter filter = ResponseFilter::fromJson(filterJson, &ok);
        QVERIFY(ok);
        PivotRequest request;
        request.attributes = attributes;
        request.period = PeriodKind(period);
        request.correction = Correction::BenjaminiHochberg;
        AnalysisService cached(m_db, AnalysisService::Engine::Auto);
        AnalysisService plain(m_db, AnalysisService::Engine::Sql);
        const PivotResult a = cached.pivot(filter, request);
        const PivotResult b = plain.pivot(filter, request);
        const QString difference = compare(a, b);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        QVERIFY(!a.cells.isEmpty());
        const NpsSummary sa = cached.summary(filter);
        const NpsSummary sb = plain.summary(filter);
        QCOMPARE(sa.distribution, sb.distribution);
        QCOMPARE(sa.n(), a.cells.last().summary.n());
    }

    void metricsAndWarningsAgree_data()
    {
        QTest::addColumn<QString>("filterJson");
        QTest::newRow("all") << QStringLiteral("{}");
        QTest::newRow("plan") << QStringLiteral(R"({"attributes":{"Plan":["Pro","Enterprise"]}})");
        QTest::newRow("active, dates")
            << QStringLiteral(R"({"active_only":true,"from":"2025-06-01","to":"2026-06-30"})");
        QTest::newRow("tags (SQL fallback)") << QStringLiteral(R"({"tags":["pricing"]})");
    }
    void metricsAndWarningsAgree()
    {
        QFETCH(QString, filterJson);
        const ResponseFilter filter = ResponseFilter::fromJson(filterJson);
        AnalysisService cached(m_db, AnalysisService::Engine::Auto);
        AnalysisService plain(m_db, AnalysisService::Engine::Sql);
        qint64 followedUp = 0;
        for (PeriodKind p : {PeriodKind::Quarter, PeriodKind::Month, PeriodKind::Wave, PeriodKind::None}) {
            const QVector<PeriodMetrics> a = cached.metrics(filter, p);
            const QVector<PeriodMetrics> b = plain.metrics(filter, p);
            QCOMPARE(a.size(), b.size());
            for (int i = 0; i < a.size(); ++i) {
                QCOMPARE(a[i].period.label, b[i].period.label);
                QCOMPARE(a[i].summary.distribution, b[i].summary.distribution);
                QCOMPARE(a[i].invited, b[i].invited);
                QCOMPARE(a[i].invitedResponses, b[i].invitedResponses);
                QCOMPARE(a[i].comments, b[i].comments);
                QCOMPARE(a[i].passivesFollowedUp, b[i].passivesFollowedUp);
                QCOMPARE(a[i].passivesConverted, b[i].passivesConverted);
                followedUp += a[i].passivesFollowedUp;
            }
        }
        if (!filter.tags.isEmpty())
            return;
        QVERIFY(followedUp > 0);
        const QVector<HygieneWarning> wa = cached.warnings(filter);
        const QVector<HygieneWarning> wb = plain.warnings(filter);
        QCOMPARE(wa.size(), wb.size());
        bool fatigue = false;
        for (int i = 0; i < wa.size(); ++i) {
            QCOMPARE(wa[i].message, wb[i].message);
            fatigue = fatigue || wa[i].code == QLatin1String("survey_fatigue");
        }
        QVERIFY(fatigue);
    }

    void cachePersistedAndFollowsDataVersion()
    {
        AnalysisService::clearMemoryCache();
        AnalysisService service(m_db);
        const qint64 before = service.summary(ResponseFilter()).n();
        // Persisted under the current data_version, and equal to a fresh build.
        QSqlQuery q = sql::run(m_db.connection(),
                               QStringLiteral("SELECT data_version, payload FROM analysis_cache"
                                              " WHERE key = ?"),
                               {QString::fromLatin1(ResponseColumns::cacheKey)});
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), m_db.dataVersion());
        const auto stored = ResponseColumns::deserialize(q.value(1).toByteArray());
        QVERIFY(stored);
        const auto built = ResponseColumns::build(m_db);
        QCOMPARE(stored->size(), size_t(before));
        QVERIFY(stored->packed == built->packed);
        QVERIFY(stored->day == built->day);
        QVERIFY(stored->profile == built->profile);
        QVERIFY(stored->wave == built->wave);
        QVERIFY(!ResponseColumns::deserialize(QByteArray("garbage")));

        // A damaged blob (a day outside the range its header claims) is rebuilt, not read out of bounds.
        QByteArray damaged = q.value(1).toByteArray();
        const qint32 farAway = stored->maxDay + 1000;
        std::memcpy(damaged.data() + 32, &farAway, sizeof farAway); // header is 32 bytes, then day[0]
        QVERIFY(!ResponseColumns::deserialize(damaged));
        sql::run(m_db.connection(), QStringLiteral("UPDATE analysis_cache SET payload = ? WHERE key = ?"),
                 {damaged, QString::fromLatin1(ResponseColumns::cacheKey)});
        AnalysisService::clearMemoryCache();
        QCOMPARE(AnalysisService(m_db).summary(ResponseFilter()).n(), before);

        // Another connection (another process, in real life) sees the persisted cache.
        AnalysisService::clearMemoryCache();
        {
            Database other;
            other.open(m_db.path(), Database::Mode::ExistingOnly);
            QCOMPARE(AnalysisService(other).summary(ResponseFilter()).n(), before);
        }

        // A write that bumps data_version makes the cache stale: the next answer includes it.
        {
            Transaction transaction(m_db.connection());
            SurveyWriter writer(m_db);
            const qint64 importId = writer.startImport(namedImport());
            ResponseRecord r;
            r.userId = QStringLiteral("late");
            r.score = 10;
            r.submittedAt = QDateTime(QDate(2026, 8, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
            writer.add(writer.ensureWave(QStringLiteral("W2")), importId, r);
            writer.finishImport(importId, ImportCounts{1, 1, 0, 0}, {});
            transaction.commit();
        }
        QCOMPARE(service.summary(ResponseFilter()).n(), before + 1);
        QCOMPARE(AnalysisService(m_db, AnalysisService::Engine::Sql).summary(ResponseFilter()).n(),
                 before + 1);
    }
};

QTEST_GUILESS_MAIN(TstAnalysisEngines)
#include "tst_analysis_engines.moc"
