#include "query/ResponseFilter.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/SurveyWriter.h"
#include "store/Transaction.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace nps;

class TestResponseFilter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Database m_db;

    QStringList matching(const ResponseFilter &filter)
    {
        const SqlCondition c = buildCondition(filter);
        QSqlQuery q = sql::run(
            m_db.connection(),
            QStringLiteral("SELECT external_id FROM responses r WHERE %1 ORDER BY external_id").arg(c.where),
            c.values);
        QStringList ids;
        while (q.next())
            ids << q.value(0).toString();
        return ids;
    }

private slots:
    void initTestCase()
    {
        m_db.open(m_dir.filePath(QStringLiteral("f.npsdb")));
        FixedClock clock(QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC));
        Transaction t(m_db.connection());
        SurveyWriter writer(m_db, clock);
        const qint64 q1 = writer.ensureWave(QStringLiteral("Q1"));
        const qint64 q2 = writer.ensureWave(QStringLiteral("Q2"), WaveKind::Transactional);
        struct Row
        {
            const char *id;
            qint64 wave;
            const char *day;
            int score;
            const char *plan;
            const char *region;
            int active;
            const char *comment;
        };
        const Row rows[] = {
            {"a", q1, "2026-01-15", 9, "Pro", "Europe", 1, "fast"},
            {"b", q1, "2026-02-10", 3, "Starter", "Europe", 0, ""},
            {"c", q2, "2026-04-01", 10, "Enterprise", "APAC", 1, "love it"},
            {"d", q2, "2026-04-30", 6, "Pro", "APAC", -1, ""},
        };
        for (const Row &row : rows) {
            ResponseRecord r;
            r.externalId = QString::fromLatin1(row.id);
            r.score = row.score;
            r.submittedAt = QDateTime(QDate::fromString(QString::fromLatin1(row.day), Qt::ISODate),
                                      QTime(23, 59), Qt::UTC)
                                .toSecsSinceEpoch();
            r.comment = QString::fromLatin1(row.comment);
            r.attributes = {{QStringLiteral("Plan"), QString::fromLatin1(row.plan)},
                            {QStringLiteral("Region"), QString::fromLatin1(row.region)}};
            if (row.active >= 0)
                r.active = row.active == 1;
            writer.add(row.wave, 0, r);
        }
        t.commit();
    }

    void conditions_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("empty") << QStringLiteral("{}") << QStringList{"a", "b", "c", "d"};
        QTest::newRow("date range inclusive")
            << QStringLiteral("{\"from\":\"2026-02-10\",\"to\":\"2026-04-01\"}") << QStringList{"b", "c"};
        QTest::newRow("wave") << QStringLiteral("{\"waves\":[\"Q2\"]}") << QStringList{"c", "d"};
        QTest::newRow("kind") << QStringLiteral("{\"kind\":\"relational\"}") << QStringList{"a", "b"};
        QTest::newRow("values OR-ed") << QStringLiteral("{\"attributes\":{\"Plan\":[\"Pro\",\"Starter\"]}}")
                                      << QStringList{"a", "b", "d"};
        QTest::newRow("attributes AND-ed")
            << QStringLiteral("{\"attributes\":{\"Plan\":[\"Pro\"],\"Region\":[\"APAC\"]}}")
            << QStringList{"d"};
        QTest::newRow("active only keeps unknown")
            << QStringLiteral("{\"active_only\":true}") << QStringList{"a", "c", "d"};
        QTest::newRow("has comment") << QStringLiteral("{\"has_comment\":true}") << QStringList{"a", "c"};
        QTest::newRow("value with quote is data")
            << QStringLiteral("{\"attributes\":{\"Plan\":[\"Pro' OR '1'='1\"]}}") << QStringList{};
    }

    void conditions()
    {
        QFETCH(QString, json);
        QFETCH(QStringList, expected);
        bool ok = false;
        const ResponseFilter filter = ResponseFilter::fromJson(json, &ok);
        QVERIFY(ok);
        QCOMPARE(matching(filter), expected);
        // Saved views round-trip through JSON.
        QCOMPARE(ResponseFilter::fromJson(filter.toJson()), filter);
    }

    void describesItself()
    {
        ResponseFilter f;
        QCOMPARE(f.describe(), QStringLiteral("All responses"));
        QVERIFY(f.addWhere(QStringLiteral("Plan=Enterprise")));
        QVERIFY(f.addWhere(QStringLiteral("Plan = Pro")));
        QVERIFY(!f.addWhere(QStringLiteral("Plan")));
        QVERIFY(!f.addWhere(QStringLiteral("=x")));
        f.activeOnly = true;
        f.from = QDate(2026, 1, 1);
        f.to = QDate(2026, 3, 31);
        QCOMPARE(
            f.describe(),
            QStringLiteral("2026-01-01 to 2026-03-31; Plan = Enterprise or Pro; active respondents only"));
    }
};

QTEST_GUILESS_MAIN(TestResponseFilter)
#include "tst_responsefilter.moc"
