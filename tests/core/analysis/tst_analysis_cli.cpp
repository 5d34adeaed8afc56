#include "AnalysisFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <cmath>

using namespace nps;

// The analysis commands of the real binary on the hand-counted fixture
// (AnalysisFixture.h): JSON keys, values, filters, exit codes.
class TstAnalysisCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Run run(QStringList args)
    {
        QProcess p;
        args.insert(1, QStringLiteral("--db"));
        args.insert(2, m_path);
        p.start(QStringLiteral(NPSDESK_BINARY), args);
        if (!p.waitForFinished(60000))
            qFatal("npsdesk did not finish");
        return Run{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QJsonDocument json(const QStringList &args)
    {
        const Run r = run(args);
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
        if (error.error != QJsonParseError::NoError)
            qWarning("not JSON: %s", r.out.constData());
        return doc;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("fixture.npsdb"));
        Database db;
        db.open(m_path);
        test::writeFixture(db, {QStringLiteral("Scores look like a 1-10 scale")});
    }

    void npsJson()
    {
        const QJsonObject o =
            json({QStringLiteral("nps"), QStringLiteral("--format"), QStringLiteral("json")}).object();
        for (const char *key :
             {"n", "promoters", "passives", "detractors", "nps", "ci_low", "ci_high", "margin"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o.value(QStringLiteral("n")).toInt(), 14);
        QCOMPARE(o.value(QStringLiteral("promoters")).toInt(), 7);
        QVERIFY(std::fabs(o.value(QStringLiteral("nps")).toDouble() - 100.0 * 2 / 14) < 1e-9);
        // python3 (see tst_analysis summaryAll): margin 41.990203757723705
        QVERIFY(std::fabs(o.value(QStringLiteral("margin")).toDouble() - 41.990203757723705) < 1e-9);
        QCOMPARE(o.value(QStringLiteral("distribution")).toArray().size(), 11);
    }

    void npsFilters_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("n");
        // Counted from the fixture table.
        QTest::newRow("where") << QStringList{QStringLiteral("--where"), QStringLiteral("Plan=Pro")} << 7;
        QTest::newRow("active") << QStringList{QStringLiteral("--active-only")} << 12;
        QTest::newRow("dates") << QStringList{QStringLiteral("--from"), QStringLiteral("2026-03-31"),
                                              QStringLiteral("--to"), QStringLiteral("2026-04-15")}
                               << 3;
        QTest::newRow("wave") << QStringList{QStringLiteral("--wave"), QStringLiteral("W1")} << 6;
    }
    void npsFilters()
    {
        QFETCH(QStringList, options);
        QFETCH(int, n);
        const QJsonObject o =
            json(QStringList{QStringLiteral("nps"), QStringLiteral("--format"), QStringLiteral("json")} +
                 options)
                .object();
        QCOMPARE(o.value(QStringLiteral("n")).toInt(), n);
    }

    void pivotJson()
    {
        const QJsonArray rows = json({QStringLiteral("pivot"), QStringLiteral("--by"), QStringLiteral("Plan"),
                                      QStringLiteral("--period"), QStringLiteral("quarter"),
                                      QStringLiteral("--format"), QStringLiteral("json")})
                                    .array();
        // 3 segments + total row, each with its quarters and a total column: Pro 3, Enterprise 3, (not set)
        // 2, total 3.
        QCOMPARE(rows.size(), 11);
        bool found = false;
        for (const QJsonValue &v : rows) {
            const QJsonObject r = v.toObject();
            for (const char *key :
                 {"Plan", "period", "n", "promoters", "passives", "detractors", "nps", "ci_low", "ci_high",
                  "low_n", "change", "p_value", "significant", "correction"})
                QVERIFY2(r.contains(QLatin1String(key)), key);
            QCOMPARE(r.value(QStringLiteral("correction")).toString(), QStringLiteral("holm"));
            if (r.value(QStringLiteral("Plan")).toString() == QLatin1String("Enterprise") &&
                r.value(QStringLiteral("period")).toString() == QLatin1String("2026Q2")) {
                found = true;
                QCOMPARE(r.value(QStringLiteral("n")).toInt(), 4);
                QCOMPARE(r.value(QStringLiteral("nps")).toDouble(), 50.0);
                QCOMPARE(r.value(QStringLiteral("change")).toDouble(), 50.0);
                QVERIFY(r.value(QStringLiteral("low_n")).toBool());
                QVERIFY(r.value(QStringLiteral("p_value")).isNull());
                QVERIFY(!r.value(QStringLiteral("significant")).toBool());
            }
        }
        QVERIFY(found);
    }

    void pivotCsvAndTable()
    {
        const Run csv = run({QStringLiteral("pivot"), QStringLiteral("--by"), QStringLiteral("Plan"),
                             QStringLiteral("--by"), QStringLiteral("Region"), QStringLiteral("--period"),
                             QStringLiteral("wave"), QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY(
            csv.out.startsWith("Plan,Region,period,n,promoters,passives,detractors,nps,ci_low,ci_high,low_n,"
                               "change,p_value,significant"));
        const Run table = run({QStringLiteral("pivot"), QStringLiteral("--by"), QStringLiteral("Plan"),
                               QStringLiteral("--correction"), QStringLiteral("bh")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains("Benjamini-Hochberg"));
    }

    void trendCsv()
    {
        const Run r = run({QStringLiteral("trend"), QStringLiteral("--by"), QStringLiteral("Plan"),
                           QStringLiteral("--period"), QStringLiteral("quarter"), QStringLiteral("--format"),
                           QStringLiteral("csv")});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 5); // Pro 2, Enterprise 2, (not set) 1
        QVERIFY(lines[0].startsWith("series,Plan,period,n,"));
        QVERIFY(r.out.contains("Enterprise,Enterprise,2026Q2,4,3,0,1,50,"));
    }

    void metricsExplainWarnings()
    {
        const QJsonArray metrics =
            json({QStringLiteral("metrics"), QStringLiteral("--format"), QStringLiteral("json")}).array();
        QCOMPARE(metrics.size(), 2);
        QCOMPARE(metrics[1].toObject().value(QStringLiteral("passives_converted")).toInt(), 1);
        QCOMPARE(metrics[0].toObject().value(QStringLiteral("response_rate")).toDouble(), 6.0);

        const QJsonObject explain =
            json({QStringLiteral("explain"), QStringLiteral("--by"), QStringLiteral("Plan"),
                  QStringLiteral("--from"), QStringLiteral("2026Q1"), QStringLiteral("--to"),
                  QStringLiteral("2026Q2"), QStringLiteral("--format"), QStringLiteral("json")})
                .object();
        const double total = explain.value(QStringLiteral("total_change")).toDouble();
        QVERIFY(std::fabs(total - (12.5 - 100.0 / 6)) < 1e-9);
        QVERIFY(std::fabs(explain.value(QStringLiteral("rate_effect")).toDouble() +
                          explain.value(QStringLiteral("mix_effect")).toDouble() - total) < 1e-9);
        QCOMPARE(explain.value(QStringLiteral("segments")).toArray().size(), 3);

        const QJsonArray warnings =
            json({QStringLiteral("warnings"), QStringLiteral("--format"), QStringLiteral("json")}).array();
        QStringList codes;
        for (const QJsonValue &w : warnings)
            codes << w.toObject().value(QStringLiteral("code")).toString();
        for (const char *code :
             {"inactive_respondents", "survey_fatigue", "low_response_rate", "low_sample_period", "scale"})
            QVERIFY2(codes.contains(QLatin1String(code)), code);
    }

    void benchmarks()
    {
        QJsonArray bands = json({QStringLiteral("benchmarks"), QStringLiteral("add"),
                                 QStringLiteral("Board target"), QStringLiteral("40"), QStringLiteral("60"),
                                 QStringLiteral("--format"), QStringLiteral("json")})
                               .array();
        QCOMPARE(bands.size(), 5);
        const QJsonObject mine = bands.last().toObject();
        QCOMPARE(mine.value(QStringLiteral("label")).toString(), QStringLiteral("Board target"));
        QVERIFY(!mine.value(QStringLiteral("built_in")).toBool());
        const QString id = QString::number(mine.value(QStringLiteral("id")).toInt());
        bands = json({QStringLiteral("benchmarks"), QStringLiteral("remove"), id, QStringLiteral("--format"),
                      QStringLiteral("json")})
                    .array();
        QCOMPARE(bands.size(), 4);
        QCOMPARE(run({QStringLiteral("benchmarks"), QStringLiteral("remove"), id}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("benchmarks"), QStringLiteral("add"), QStringLiteral("x"),
                      QStringLiteral("50"), QStringLiteral("10")})
                     .exitCode,
                 2);
    }

    void errors()
    {
        Run r = run({QStringLiteral("pivot"), QStringLiteral("--by"), QStringLiteral("Colour")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("Colour"));
        r = run({QStringLiteral("pivot"), QStringLiteral("--period"), QStringLiteral("decade")});
        QCOMPARE(r.exitCode, 1);
        r = run({QStringLiteral("nps"), QStringLiteral("--confidence"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 1);
        r = run({QStringLiteral("explain"), QStringLiteral("--by"), QStringLiteral("Plan")});
        QCOMPARE(r.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TstAnalysisCli)
#include "tst_analysis_cli.moc"
