#include "common/Error.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/SurveyWriter.h"
#include "store/Transaction.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace nps;

class TestSurveyWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};

    QString freshPath() { return m_dir.filePath(QStringLiteral("w%1.npsdb").arg(++m_counter)); }

    static ResponseRecord record(const QString &id, const QString &user, const QString &email, int score,
                                 const QString &plan = {})
    {
        ResponseRecord r;
        r.externalId = id;
        r.userId = user;
        r.email = email;
        r.score = score;
        r.submittedAt = 1767225600; // 2026-01-01
        if (!plan.isEmpty())
            r.attributes = {{QStringLiteral("Plan"), plan}};
        return r;
    }

    static qint64 count(const Database &db, const QString &sqlText)
    {
        return sql::scalar(db.connection(), sqlText).toLongLong();
    }

private slots:
    void deduplicatesByExternalId()
    {
        Database db;
        db.open(freshPath());
        Transaction t(db.connection());
        SurveyWriter writer(db, m_clock);
        const qint64 wave = writer.ensureWave(QStringLiteral("Q1"));
        QCOMPARE(writer.add(wave, 0, record(QStringLiteral("r1"), {}, {}, 9)), SurveyWriter::Outcome::Added);
        QCOMPARE(writer.add(wave, 0, record(QStringLiteral("r1"), {}, {}, 9)),
                 SurveyWriter::Outcome::Duplicate);
        QCOMPARE(writer.add(wave, 0, record(QStringLiteral("r2"), {}, {}, 9)), SurveyWriter::Outcome::Added);
        t.commit();
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM responses")), 2);
        // The anonymous identity of the duplicate was not kept.
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM respondents")), 2);
    }

    void deduplicatesByContentWithoutId()
    {
        Database db;
        db.open(freshPath());
        Transaction t(db.connection());
        SurveyWriter writer(db, m_clock);
        const qint64 wave = writer.ensureWave(QStringLiteral("Q1"));
        ResponseRecord a = record({}, {}, QStringLiteral("ana@example.com"), 4);
        a.comment = QStringLiteral("Too slow");
        QCOMPARE(writer.add(wave, 0, a), SurveyWriter::Outcome::Added);
        // Same person (email differs only in case and spaces), time, score and comment.
        ResponseRecord again = a;
        again.email = QStringLiteral("  ANA@example.com ");
        QCOMPARE(writer.add(wave, 0, again), SurveyWriter::Outcome::Duplicate);
        ResponseRecord later = a;
        later.submittedAt = *a.submittedAt + 86400;
        QCOMPARE(writer.add(wave, 0, later), SurveyWriter::Outcome::Added);
        t.commit();
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM responses")), 2);
        QCOMPARE(count(db, QStringLiteral("SELECT count(DISTINCT respondent_id) FROM responses")), 1);
    }

    void linksRespondentsByUserThenEmail()
    {
        const QString file = freshPath();
        {
            Database db;
            db.open(file);
            Transaction t(db.connection());
            SurveyWriter writer(db, m_clock);
            const qint64 wave = writer.ensureWave(QStringLiteral("Q1"));
            writer.add(wave, 0,
                       record(QStringLiteral("a"), QStringLiteral("u1"), QStringLiteral("x@example.com"), 9));
            writer.add(wave, 0, record(QStringLiteral("b"), {}, QStringLiteral("Y@Example.com"), 9));
            t.commit();
        }
        // A second writer (a later import) finds the same people through the database.
        Database db;
        db.open(file);
        Transaction t(db.connection());
        SurveyWriter writer(db, m_clock);
        const qint64 wave = writer.ensureWave(QStringLiteral("Q2"));
        writer.add(wave, 0, record(QStringLiteral("c"), QStringLiteral("u1"), {}, 7));
        writer.add(wave, 0, record(QStringLiteral("d"), {}, QStringLiteral("y@example.com "), 3));
        t.commit();
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM respondents")), 2);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM waves")), 2);
        QCOMPARE(sql::scalar(db.connection(),
                             QStringLiteral("SELECT email FROM respondents WHERE user_id IS NULL"))
                     .toString(),
                 QStringLiteral("y@example.com"));
    }

    void keepsAttributesAsAtResponseTime()
    {
        Database db;
        db.open(freshPath());
        Transaction t(db.connection());
        SurveyWriter writer(db, m_clock);
        const qint64 q1 = writer.ensureWave(QStringLiteral("Q1"));
        const qint64 q2 = writer.ensureWave(QStringLiteral("Q2"));
        writer.add(q1, 0, record(QStringLiteral("a"), QStringLiteral("u1"), {}, 6, QStringLiteral("Pro")));
        writer.add(q2, 0,
                   record(QStringLiteral("b"), QStringLiteral("u1"), {}, 9, QStringLiteral("Enterprise")));
        writer.add(q2, 0,
                   record(QStringLiteral("c"), QStringLiteral("u2"), {}, 9, QStringLiteral("Enterprise")));
        t.commit();
        // Two profiles shared by three responses; each response keeps its own plan.
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM profiles")), 2);
        const QString planOf = QStringLiteral(
            "SELECT v.value FROM responses r JOIN profile_values pv ON pv.profile_id = r.profile_id"
            " JOIN attribute_values v ON v.id = pv.value_id WHERE r.external_id = ?");
        QCOMPARE(sql::scalar(db.connection(), planOf, {QStringLiteral("a")}).toString(),
                 QStringLiteral("Pro"));
        QCOMPARE(sql::scalar(db.connection(), planOf, {QStringLiteral("b")}).toString(),
                 QStringLiteral("Enterprise"));
    }

    void rejectsOutOfRangeScore()
    {
        Database db;
        db.open(freshPath());
        Transaction t(db.connection());
        SurveyWriter writer(db, m_clock);
        const qint64 wave = writer.ensureWave(QStringLiteral("Q1"));
        QVERIFY_THROWS_EXCEPTION(Error, writer.add(wave, 0, record(QStringLiteral("a"), {}, {}, 11)));
    }

    void recordsImportAndRejectedRows()
    {
        Database db;
        db.open(freshPath());
        Transaction t(db.connection());
        SurveyWriter writer(db, m_clock);
        ImportRecord info;
        info.fileName = QStringLiteral("survey.csv");
        info.sha256 = QStringLiteral("00ff");
        const qint64 importId = writer.startImport(info);
        const qint64 wave = writer.ensureWave(QStringLiteral("Q1"));
        writer.add(wave, importId, record(QStringLiteral("a"), {}, {}, 10));
        writer.addRejected(importId, 3, 2, QStringLiteral("Score"), QStringLiteral("eleven"),
                           QStringLiteral("not a number"));
        writer.finishImport(importId, ImportCounts{2, 1, 0, 1}, {QStringLiteral("scale 1-10")});
        t.commit();
        QSqlQuery q =
            sql::run(db.connection(), QStringLiteral("SELECT rows_read, imported, rejected, warnings,"
                                                     " finished_at FROM imports"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QCOMPARE(q.value(1).toInt(), 1);
        QCOMPARE(q.value(2).toInt(), 1);
        QCOMPARE(q.value(3).toString(), QStringLiteral("[\"scale 1-10\"]"));
        QCOMPARE(q.value(4).toLongLong(), m_clock.now().toSecsSinceEpoch());
        QCOMPARE(
            sql::scalar(db.connection(), QStringLiteral("SELECT line || ':' || column_number || ' ' || reason"
                                                        " FROM rejected_rows"))
                .toString(),
            QStringLiteral("3:2 not a number"));
        QCOMPARE(db.dataVersion(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSurveyWriter)
#include "tst_surveywriter.moc"
