#include "common/Error.h"
#include "store/Database.h"
#include "store/ResponseInterner.h"
#include "store/Sql.h"
#include "store/SurveyWriter.h"
#include "store/Transaction.h"

#include <QSqlRecord>
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

    // Respondents, profiles and responses as rows of text, ids included: two
    // write paths agree only if they produce the same file.
    static QStringList dump(const Database &db)
    {
        QStringList rows;
        for (const char *query :
             {"SELECT id, user_id, email, name FROM respondents ORDER BY id",
              "SELECT profile_id, attribute_id, value_id FROM profile_values ORDER BY 1, 2",
              "SELECT id, respondent_id, profile_id, source_profile_id, dedup_key, external_id, score, "
              "comment,"
              " active FROM responses ORDER BY id"}) {
            QSqlQuery q = sql::run(db.connection(), QString::fromLatin1(query));
            while (q.next()) {
                QStringList cells;
                for (int i = 0; i < q.record().count(); ++i)
                    cells << (q.isNull(i) ? QStringLiteral("NULL") : q.value(i).toString());
                rows << cells.join(QLatin1Char('|'));
            }
        }
        return rows;
    }

    // Two files' worth of records covering what linking and interning must
    // tell apart: user ids, emails in other case and spacing, anonymous
    // answers, duplicates, and attribute sets in another order.
    static QVector<ResponseRecord> mixedRecords()
    {
        QVector<ResponseRecord> list;
        list << record(QStringLiteral("a1"), QStringLiteral("u1"), {}, 9, QStringLiteral("Pro"))
             << record(QStringLiteral("a2"), {}, QStringLiteral(" Ann@Example.com"), 3, QStringLiteral("Pro"))
             << record(QStringLiteral("a3"), {}, QStringLiteral("ann@example.com "), 7)
             << record(QStringLiteral("a4"), {}, {}, 10, QStringLiteral("Team"))
             << record(QStringLiteral("a4"), {}, {}, 10, QStringLiteral("Team")) // duplicate, anonymous
             << record(QStringLiteral("a5"), QStringLiteral("u1"), QStringLiteral("other@example.com"), 0)
             << record(QStringLiteral("a6"), QStringLiteral("u2"), {}, 8, QStringLiteral("Enterprise"))
             << record(QStringLiteral("a1"), QStringLiteral("u3"), {}, 9); // duplicate id, new person
        ResponseRecord twoAttributes = record(QStringLiteral("a7"), QStringLiteral("u2"), {}, 6);
        twoAttributes.attributes = {{QStringLiteral("Plan"), QStringLiteral("Pro")},
                                    {QStringLiteral("Region"), QStringLiteral("EMEA")}};
        twoAttributes.comment = QStringLiteral("  Lenteur à l’ouverture  ");
        ResponseRecord swapped = twoAttributes;
        swapped.externalId = QStringLiteral("a8");
        swapped.attributes = {{QStringLiteral("Region"), QStringLiteral("EMEA")},
                              {QStringLiteral("Plan"), QStringLiteral("Pro")}};
        list << twoAttributes << swapped;
        return list;
    }

private slots:
    void preparedRecordsWriteWhatPlainOnesDo_data()
    {
        QTest::addColumn<bool>("existingRespondents");
        QTest::addColumn<int>("plainFirst"); // records added without a slot before the prepared ones
        QTest::newRow("into an empty file") << false << 0;
        QTest::newRow("respondents already there") << true << 0;
        QTest::newRow("plain adds first, empty file") << false << 3;
        QTest::newRow("plain adds first, respondents there") << true << 3;
    }

    void preparedRecordsWriteWhatPlainOnesDo()
    {
        QFETCH(bool, existingRespondents);
        QFETCH(int, plainFirst);
        const QVector<ResponseRecord> records = mixedRecords();
        QStringList dumps;
        for (const bool prepared : {false, true}) {
            Database db;
            db.open(freshPath());
            Transaction t(db.connection());
            if (existingRespondents) {
                sql::run(db.connection(),
                         QStringLiteral("INSERT INTO respondents (user_id, email, created_at)"
                                        " VALUES ('u2', NULL, 0), (NULL, 'ann@example.com', 0)"));
            }
            SurveyWriter writer(db, m_clock);
            const qint64 wave = writer.ensureWave(QStringLiteral("Q1"));
            ResponseInterner interner;
            QVector<SurveyWriter::Outcome> outcomes;
            for (int i = 0; i < records.size(); ++i) {
                ResponseRecord r = records.at(i);
                if (!prepared || i < plainFirst) {
                    outcomes << writer.add(wave, 0, r);
                    continue;
                }
                SurveyWriter::normalise(r);
                PreparedResponse p;
                interner.prepare(r, p);
                outcomes << writer.add(wave, 0, r, p);
            }
            t.commit();
            QCOMPARE(outcomes.count(SurveyWriter::Outcome::Duplicate), 2);
            dumps << dump(db).join(QLatin1Char('\n'));
        }
        QCOMPARE(dumps.at(1), dumps.at(0));
        // And the plain path's file is what linking promises.
        QVERIFY2(dumps.at(0).contains(QStringLiteral("ann@example.com")), qPrintable(dumps.at(0)));
        QCOMPARE(dumps.at(0).count(QStringLiteral("|ann@example.com|")), 1);
    }

    void internerNumbersInOrderOfFirstSight()
    {
        ResponseInterner interner;
        const auto prepare = [&](ResponseRecord r) {
            SurveyWriter::normalise(r);
            PreparedResponse p;
            interner.prepare(r, p);
            return p;
        };
        const PreparedResponse first =
            prepare(record(QStringLiteral("x1"), QStringLiteral("u9"), {}, 9, QStringLiteral("Pro")));
        const PreparedResponse byEmail = prepare(
            record(QStringLiteral("x2"), {}, QStringLiteral("B@EXAMPLE.com"), 9, QStringLiteral("Team")));
        const PreparedResponse again =
            prepare(record(QStringLiteral("x3"), QStringLiteral("u9"), QStringLiteral("z@example.com"), 2,
                           QStringLiteral("Pro")));
        const PreparedResponse sameEmail =
            prepare(record(QStringLiteral("x4"), {}, QStringLiteral(" b@example.com"), 1));
        const PreparedResponse anonymous = prepare(record({}, {}, {}, 5));
        QCOMPARE(first.respondentSlot, 0);
        QCOMPARE(byEmail.respondentSlot, 1);
        QCOMPARE(again.respondentSlot, 0);
        QCOMPARE(sameEmail.respondentSlot, 1);
        QCOMPARE(anonymous.respondentSlot, -1);
        QCOMPARE(first.profileSlot, 0);
        QCOMPARE(byEmail.profileSlot, 1);
        QCOMPARE(again.profileSlot, 0);
        QCOMPARE(sameEmail.profileSlot, -1);
        QCOMPARE(first.dedupKey, QByteArray("id:x1"));
        QVERIFY(anonymous.dedupKey.startsWith("c:"));
        QVERIFY(anonymous.externalId.isEmpty());
    }

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
