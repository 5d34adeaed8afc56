#include "clock/Clock.h"
#include "demo/DemoGenerator.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QtTest>

using namespace nps;

class TestDemo : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 20), QTime(9, 30), Qt::UTC)};

    // A digest of every response with its respondent, wave and attributes.
    static QByteArray contentDigest(const Database &db)
    {
        QSqlQuery q = sql::prepare(
            db.connection(),
            QStringLiteral(
                "SELECT r.external_id, p.user_id, p.email, w.name, r.submitted_at, r.score,"
                " coalesce(r.comment, ''), r.active,"
                " (SELECT group_concat(a.name || '=' || v.value, ';') FROM profile_values pv"
                "   JOIN attributes a ON a.id = pv.attribute_id"
                "   JOIN attribute_values v ON v.id = pv.value_id WHERE pv.profile_id = r.profile_id)"
                " FROM responses r JOIN respondents p ON p.id = r.respondent_id"
                " JOIN waves w ON w.id = r.wave_id ORDER BY r.external_id"));
        q.setForwardOnly(true);
        sql::exec(q);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        while (q.next()) {
            for (int i = 0; i < 9; ++i)
                hash.addData(q.value(i).toString().toUtf8() + '\x1f');
        }
        return hash.result().toHex();
    }

    QByteArray generate(const QString &name, quint32 seed, int responses)
    {
        Database db;
        db.open(m_dir.filePath(name));
        DemoGenerator(db, m_clock).generate(DemoOptions{responses, seed});
        return contentDigest(db);
    }

    static double nps(const Database &db, const QString &plan, const QString &wavePrefix)
    {
        QSqlQuery q = sql::run(
            db.connection(),
            QStringLiteral("SELECT 100.0 * (sum(score >= 9) - sum(score <= 6)) / count(*) FROM responses r"
                           " JOIN waves w ON w.id = r.wave_id"
                           " JOIN profile_values pv ON pv.profile_id = r.profile_id"
                           " JOIN attribute_values v ON v.id = pv.value_id"
                           " JOIN attributes a ON a.id = pv.attribute_id"
                           " WHERE a.name = 'Plan' AND v.value = ? AND w.name LIKE ?"),
            {plan, wavePrefix + QLatin1Char('%')});
        return q.next() ? q.value(0).toDouble() : 0;
    }

private slots:
    void sameSeedSameData()
    {
        const QByteArray a = generate(QStringLiteral("a.npsdb"), 7, 1500);
        const QByteArray b = generate(QStringLiteral("b.npsdb"), 7, 1500);
        const QByteArray c = generate(QStringLiteral("c.npsdb"), 8, 1500);
        QCOMPARE(a, b);
        QVERIFY(a != c);
    }

    void tellsTheStory()
    {
        Database db;
        db.open(m_dir.filePath(QStringLiteral("story.npsdb")));
        const DemoSummary summary = DemoGenerator(db, m_clock).generate(DemoOptions{12000, 2026});
        QCOMPARE(summary.responses, 12000);
        QCOMPARE(summary.waves, 8);
        const QSqlDatabase c = db.connection();
        // Eight quarterly waves, the last one is the clock's quarter.
        QCOMPARE(sql::scalar(c, QStringLiteral("SELECT max(name) FROM waves")).toString(),
                 QStringLiteral("2026 Q4 relationship survey"));
        QCOMPARE(sql::scalar(c, QStringLiteral("SELECT min(name) FROM waves")).toString(),
                 QStringLiteral("2025 Q1 relationship survey"));
        QVERIFY(sql::scalar(c, QStringLiteral("SELECT max(submitted_at) FROM responses")).toLongLong() <=
                m_clock.now().toSecsSinceEpoch());
        // Enterprise rises, Starter (SMB) falls, by a wide margin over two years.
        QVERIFY(nps(db, QStringLiteral("Enterprise"), QStringLiteral("2026 Q4")) -
                    nps(db, QStringLiteral("Enterprise"), QStringLiteral("2025 Q1")) >
                20);
        QVERIFY(nps(db, QStringLiteral("Starter"), QStringLiteral("2025 Q1")) -
                    nps(db, QStringLiteral("Starter"), QStringLiteral("2026 Q4")) >
                15);
        // Inactive respondents exist and score lower.
        const double activeMean =
            sql::scalar(c, QStringLiteral("SELECT avg(score) FROM responses WHERE active = 1")).toDouble();
        const double inactiveMean =
            sql::scalar(c, QStringLiteral("SELECT avg(score) FROM responses WHERE active = 0")).toDouble();
        QVERIFY(inactiveMean < activeMean - 1);
        // Comments differ by group: pricing complaints come from detractors.
        const qint64 detractorPricing =
            sql::scalar(c, QStringLiteral("SELECT count(*) FROM responses WHERE score <= 6"
                                          " AND comment LIKE '%expensive%'"))
                .toLongLong();
        const qint64 promoterPricing =
            sql::scalar(c, QStringLiteral("SELECT count(*) FROM responses WHERE score >= 9"
                                          " AND comment LIKE '%expensive%'"))
                .toLongLong();
        QVERIFY(detractorPricing > 5 * std::max<qint64>(1, promoterPricing));
        // Some customers moved from Pro to Enterprise between waves.
        QVERIFY(sql::scalar(
                    c, QStringLiteral("SELECT count(DISTINCT r.respondent_id) FROM responses r"
                                      " JOIN profile_values pv ON pv.profile_id = r.profile_id"
                                      " JOIN attribute_values v ON v.id = pv.value_id AND v.value = 'Pro'"
                                      " WHERE r.respondent_id IN (SELECT r2.respondent_id FROM responses r2"
                                      "  JOIN profile_values pv2 ON pv2.profile_id = r2.profile_id"
                                      "  JOIN attribute_values v2 ON v2.id = pv2.value_id"
                                      "  AND v2.value = 'Enterprise')"))
                    .toInt() > 0);
        // Every wave knows how many were invited.
        QCOMPARE(sql::scalar(c, QStringLiteral("SELECT count(*) FROM waves WHERE invited > 0")).toInt(), 8);
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
