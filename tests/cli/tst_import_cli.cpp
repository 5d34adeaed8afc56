#include "../SyntheticExport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

// The import commands, run as users' scripts run them: the real binary on
// real files, checking what ends up in the database.
class TestImportCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QString err;
        QJsonArray json() const { return QJsonDocument::fromJson(out).array(); }
    };

    static QString data(const QString &name) { return QStringLiteral(NPSDESK_TEST_DATA "/import/") + name; }
    static QString shared(const QString &name) { return QStringLiteral(NPSDESK_SHARED_DATA "/") + name; }
    QString freshDb() { return m_dir.filePath(QStringLiteral("i%1.npsdb").arg(++m_counter)); }

    static Result npsdesk(const QStringList &arguments)
    {
        QProcess process;
        process.start(QStringLiteral(NPSDESK_BINARY), arguments);
        if (!process.waitForFinished(300000))
            return {};
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
    }

    static Result import(const QString &db, const QStringList &files, const QStringList &extra = {})
    {
        return npsdesk(QStringList{QStringLiteral("import"), QStringLiteral("--db"), db} + files + extra +
                       QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    }

    // Reads the database directly, the way an independent tool would.
    static QVariant query(const QString &db, const QString &statement)
    {
        QVariant value;
        {
            QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            c.setDatabaseName(db);
            if (c.open()) {
                QSqlQuery q(c);
                if (q.exec(statement) && q.next())
                    value = q.value(0);
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        return value;
    }

    static QByteArray contentHash(const QString &db)
    {
        return query(db, QStringLiteral("SELECT group_concat(id || '|' || dedup_key || '|' || score, ',')"
                                        " FROM (SELECT * FROM responses ORDER BY id)"))
            .toByteArray();
    }

private slots:
    void importsGoodRowsAndListsBadOnes()
    {
        const QString db = freshDb();
        const Result r = import(db, {data(QStringLiteral("basic.csv"))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject report = r.json().at(0).toObject();
        for (const char *key : {"file", "preset", "encoding", "rows", "imported", "duplicates", "rejected",
                                "warnings", "rejections"})
            QVERIFY2(report.contains(QLatin1String(key)), key);
        QCOMPARE(report.value(QStringLiteral("rows")).toInt(), 12);
        QCOMPARE(report.value(QStringLiteral("imported")).toInt(), 10);
        QCOMPARE(report.value(QStringLiteral("rejected")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("duplicates")).toInt(), 0);
        const QJsonArray rejections = report.value(QStringLiteral("rejections")).toArray();
        QCOMPARE(rejections.size(), 2);
        QCOMPARE(rejections.at(0).toObject().value(QStringLiteral("line")).toInt(), 4);
        QCOMPARE(rejections.at(0).toObject().value(QStringLiteral("column")).toInt(), 4);
        QCOMPARE(rejections.at(0).toObject().value(QStringLiteral("value")).toString(),
                 QStringLiteral("eleven"));
        QCOMPARE(rejections.at(1).toObject().value(QStringLiteral("line")).toInt(), 6);
        QVERIFY(!rejections.at(1).toObject().value(QStringLiteral("reason")).toString().isEmpty());

        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM responses")).toInt(), 10);
        QCOMPARE(
            query(db, QStringLiteral("SELECT group_concat(score) FROM (SELECT score FROM responses ORDER BY"
                                     " submitted_at)"))
                .toString(),
            QStringLiteral("10,3,8,6,9,7,0,10,5,8"));
        // The embedded newline and the doubled quotes survive.
        QCOMPARE(
            query(db, QStringLiteral("SELECT comment FROM responses WHERE external_id = 'r2'")).toString(),
            QStringLiteral("Too expensive \"for us\""));
        QVERIFY(query(db, QStringLiteral("SELECT comment FROM responses WHERE external_id = 'r6'"))
                    .toString()
                    .contains(QStringLiteral("slow dashboards")));
        QCOMPARE(query(db, QStringLiteral("SELECT submitted_at FROM responses WHERE external_id = 'r1'"))
                     .toLongLong(),
                 QDateTime(QDate(2026, 1, 5), QTime(10, 0), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM rejected_rows")).toInt(), 2);
        QCOMPARE(query(db, QStringLiteral("SELECT sha256 FROM imports")).toString().size(), 64);
        // Attributes became segments, as at response time.
        QCOMPARE(query(db, QStringLiteral(
                               "SELECT v.value FROM responses r JOIN profile_values pv ON"
                               " pv.profile_id = r.profile_id JOIN attributes a ON a.id = pv.attribute_id"
                               " JOIN attribute_values v ON v.id = pv.value_id"
                               " WHERE a.name = 'Plan' AND r.external_id = 'r4'"))
                     .toString(),
                 QStringLiteral("Enterprise"));
        // The rejected rows can be listed afterwards, as CSV.
        const Result rejected = npsdesk({QStringLiteral("rejected"), QStringLiteral("--db"), db,
                                         QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(rejected.exitCode, 0);
        QVERIFY(rejected.out.contains("eleven"));
        QCOMPARE(rejected.out.count('\n'), 3);
    }

    void sameFileTwiceAddsNothing()
    {
        const QString db = freshDb();
        QCOMPARE(import(db, {data(QStringLiteral("basic.csv"))}).exitCode, 0);
        const QByteArray before = contentHash(db);
        const Result again = import(db, {data(QStringLiteral("basic.csv"))});
        QCOMPARE(again.exitCode, 0);
        const QJsonObject report = again.json().at(0).toObject();
        QCOMPARE(report.value(QStringLiteral("imported")).toInt(), 0);
        QCOMPARE(report.value(QStringLiteral("duplicates")).toInt(), 10);
        QCOMPARE(report.value(QStringLiteral("rejected")).toInt(), 2);
        QCOMPARE(contentHash(db), before);
    }

    void overlappingExportAddsOnlyWhatIsNew()
    {
        const QString db = freshDb();
        QCOMPARE(
            import(db, {data(QStringLiteral("basic.csv"))}, {QStringLiteral("--wave"), QStringLiteral("Q1")})
                .exitCode,
            0);
        const Result r = import(db, {data(QStringLiteral("overlap.csv"))},
                                {QStringLiteral("--wave"), QStringLiteral("Q2")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject report = r.json().at(0).toObject();
        QCOMPARE(report.value(QStringLiteral("imported")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("duplicates")).toInt(), 3);
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM responses")).toInt(), 12);
        // Ben answered twice: one respondent, two waves.
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM responses r JOIN respondents p ON p.id ="
                                          " r.respondent_id WHERE p.user_id = 'u2'"))
                     .toInt(),
                 2);
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM waves")).toInt(), 2);
    }

    void refusesFileWithoutScore()
    {
        const QString db = freshDb();
        QCOMPARE(import(db, {data(QStringLiteral("basic.csv"))}).exitCode, 0);
        const QByteArray before = contentHash(db);
        const Result r = import(db, {data(QStringLiteral("noscore.csv"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("noscore.csv")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("0-10"), Qt::CaseInsensitive), qPrintable(r.err));
        QCOMPARE(contentHash(db), before);
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM imports")).toInt(), 1);
    }

    void severalFilesAreAllOrNothing()
    {
        const QString db = freshDb();
        const Result r = import(db, {data(QStringLiteral("basic.csv")), data(QStringLiteral("noscore.csv"))});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM responses")).toInt(), 0);
    }

    void dryRunWritesNothing()
    {
        const QString db = freshDb();
        const Result r = import(db, {data(QStringLiteral("basic.csv"))}, {QStringLiteral("--dry-run")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().at(0).toObject().value(QStringLiteral("imported")).toInt(), 10);
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM responses")).toInt(), 0);
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM imports")).toInt(), 0);
    }

    void mappingOverride()
    {
        const QString db = freshDb();
        // Use the region as the only segment and ignore the plan.
        const Result r = import(db, {data(QStringLiteral("basic.csv"))},
                                {QStringLiteral("--map"), QStringLiteral("score=Score"),
                                 QStringLiteral("--segment"), QStringLiteral("Region")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(query(db, QStringLiteral("SELECT group_concat(name) FROM attributes")).toString(),
                 QStringLiteral("Region"));
        const Result bad = import(freshDb(), {data(QStringLiteral("basic.csv"))},
                                  {QStringLiteral("--map"), QStringLiteral("score=Nope")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("Nope")), qPrintable(bad.err));
    }

    void realWorldFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("imported");
        QTest::newRow("NPSgame, 1-10 scale, refused without confirmation")
            << QStringLiteral("01_NPSgame_nps.csv") << QStringList{} << 2 << 0;
        QTest::newRow("NPSgame, scale accepted") << QStringLiteral("01_NPSgame_nps.csv")
                                                 << QStringList{QStringLiteral("--accept-scale")} << 0 << -1;
        QTest::newRow("Spanish bank")
            << QStringLiteral("05_nps_thermal_senda_mx_sample.csv") << QStringList{} << 0 << 5000;
        QTest::newRow("Qualtrics without NPS")
            << QStringLiteral("07_qualtrics_sample.csv") << QStringList{} << 2 << 0;
        QTest::newRow("StarWars SurveyMonkey")
            << QStringLiteral("08_StarWars.csv") << QStringList{} << 2 << 0;
    }

    void realWorldFiles()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(int, imported);
        const QString db = freshDb();
        const Result r = import(db, {shared(file)}, extra);
        QVERIFY2(r.exitCode == exitCode, qPrintable(r.err));
        if (exitCode != 0) {
            QVERIFY2(r.err.contains(file), qPrintable(r.err));
            QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM responses")).toInt(), 0);
            return;
        }
        const QJsonObject report = r.json().at(0).toObject();
        const int rows = report.value(QStringLiteral("rows")).toInt();
        const int got = report.value(QStringLiteral("imported")).toInt();
        if (imported >= 0)
            QCOMPARE(got, imported);
        QCOMPARE(got + report.value(QStringLiteral("rejected")).toInt() +
                     report.value(QStringLiteral("duplicates")).toInt(),
                 rows);
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM responses")).toInt(), got);
        QCOMPARE(query(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    }

    void attributesFromSecondFile()
    {
        const QString db = freshDb();
        QCOMPARE(import(db, {data(QStringLiteral("basic.csv"))},
                        {QStringLiteral("--segment"), QStringLiteral("Region")})
                     .exitCode,
                 0);
        const Result r =
            npsdesk({QStringLiteral("import-attributes"), QStringLiteral("--db"), db,
                     data(QStringLiteral("attributes.csv")), QStringLiteral("--key"), QStringLiteral("email"),
                     QStringLiteral("--as-of"), QStringLiteral("2025-12-01"), QStringLiteral("--format"),
                     QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject report = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(report.value(QStringLiteral("matched")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("unmatched")).toInt(), 1);
        const QJsonArray conflicts = report.value(QStringLiteral("conflicts")).toArray();
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.at(0).toObject().value(QStringLiteral("key")).toString(),
                 QStringLiteral("ben@example.com"));
        QCOMPARE(conflicts.at(0).toObject().value(QStringLiteral("attribute")).toString(),
                 QStringLiteral("Plan"));
        // Ana's answer now counts in Enterprise (from the CRM file); Ben's plan was
        // ambiguous and is not guessed.
        const QString planOf =
            QStringLiteral("SELECT v.value FROM responses r JOIN profile_values pv ON"
                           " pv.profile_id = r.profile_id JOIN attributes a ON a.id = pv.attribute_id"
                           " JOIN attribute_values v ON v.id = pv.value_id"
                           " WHERE a.name = 'Plan' AND r.external_id = '%1'");
        QCOMPARE(query(db, planOf.arg(QStringLiteral("r1"))).toString(), QStringLiteral("Enterprise"));
        QVERIFY(query(db, planOf.arg(QStringLiteral("r2"))).isNull());
        QCOMPARE(query(db, planOf.arg(QStringLiteral("r2"))
                               .replace(QStringLiteral("'Plan'"), QStringLiteral("'Seats'")))
                     .toString(),
                 QStringLiteral("10"));
    }

    void attributesDryRunReportsAndWritesNothing()
    {
        const QString db = freshDb();
        QCOMPARE(import(db, {data(QStringLiteral("basic.csv"))}).exitCode, 0);
        const Result r = npsdesk({QStringLiteral("import-attributes"), QStringLiteral("--db"), db,
                                  data(QStringLiteral("attributes.csv")), QStringLiteral("--dry-run"),
                                  QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject report = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(report.value(QStringLiteral("import_id")).toInt(), 0);
        QCOMPARE(report.value(QStringLiteral("matched")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("unmatched")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("conflicts")).toArray().size(), 1);
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM imports")).toInt(), 1);
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM respondent_attributes")).toInt(), 0);
    }

    void killedImportLeavesDatabaseAsBefore_data()
    {
        QTest::addColumn<bool>("otherConnection");
        // Alone with the file, a bulk import writes through a rollback journal;
        // with another connection open (the window reading) it stays in WAL.
        QTest::newRow("sole connection, rollback journal") << false;
        QTest::newRow("another connection open, WAL") << true;
    }

    void killedImportLeavesDatabaseAsBefore()
    {
        QFETCH(bool, otherConnection);
        // A large file, so the import is still running when it is killed.
        const QString csv = m_dir.filePath(QStringLiteral("big.csv"));
        if (!QFileInfo::exists(csv)) {
            const QString failure = nps::test::makeSyntheticExport(csv, 300000);
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }

        const QString db = freshDb();
        QCOMPARE(import(db, {data(QStringLiteral("basic.csv"))}).exitCode, 0);
        const QByteArray before = contentHash(db);

        const QString readerName = QStringLiteral("reader");
        {
            QSqlDatabase reader = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), readerName);
            if (otherConnection) {
                reader.setDatabaseName(db);
                QVERIFY(reader.open());
                QSqlQuery q(reader);
                QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM responses")) && q.next());
            }
        }
        const auto onDisk = [&db] {
            qint64 bytes = 0;
            for (const char *suffix : {"", "-wal", "-journal"})
                bytes += QFileInfo(db + QLatin1String(suffix)).size();
            return bytes;
        };
        const qint64 bytesBefore = onDisk();

        QProcess process;
        process.start(QStringLiteral(NPSDESK_BINARY),
                      {QStringLiteral("import"), QStringLiteral("--db"), db, csv});
        QVERIFY(process.waitForStarted());
        // Wait until the import is writing (the file, its journal or its WAL
        // grows), then kill it hard.
        QElapsedTimer timer;
        timer.start();
        while (onDisk() < bytesBefore + 4 * 1024 * 1024 && timer.elapsed() < 60000 &&
               !process.waitForFinished(5))
            ;
        QVERIFY2(process.state() == QProcess::Running, "the import finished before it could be killed");
        QCOMPARE(QFileInfo::exists(db + QStringLiteral("-wal")), otherConnection);
        ::kill(pid_t(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished());
        QSqlDatabase::removeDatabase(readerName);

        QCOMPARE(query(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        QCOMPARE(contentHash(db), before);
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM imports")).toInt(), 1);
        // And the file still opens in the application, in WAL mode again.
        QCOMPARE(npsdesk({QStringLiteral("info"), QStringLiteral("--db"), db}).exitCode, 0);
        QCOMPARE(query(db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    }

    void bulkImportLeavesTheFileInWalWithItsIndexes()
    {
        const QString csv = m_dir.filePath(QStringLiteral("medium.csv"));
        const QString failure = nps::test::makeSyntheticExport(csv, 20000);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const QString db = freshDb();
        const Result r = import(db, {csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().at(0).toObject().value(QStringLiteral("imported")).toInt(), 20000);
        QCOMPARE(query(db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                          " AND name IN ('responses_time', 'responses_respondent')"))
                     .toInt(),
                 2);
        QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM pragma_foreign_key_check")).toInt(), 0);
        QCOMPARE(query(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        // The full-text index holds every comment, once.
        QCOMPARE(
            query(db, QStringLiteral("SELECT count(*) FROM comments_fts_docsize")).toInt(),
            query(db, QStringLiteral("SELECT count(*) FROM responses WHERE comment IS NOT NULL")).toInt());
        // Importing it again is a top-up of nothing: every row a duplicate.
        const Result again = import(db, {csv});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(again.json().at(0).toObject().value(QStringLiteral("duplicates")).toInt(), 20000);
    }
};

QTEST_GUILESS_MAIN(TestImportCli)
#include "tst_import_cli.moc"
