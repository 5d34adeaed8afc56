#include "common/Error.h"
#include "store/Database.h"
#include "store/Migrations.h"
#include "store/Sql.h"
#include "store/Transaction.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QtTest>

using nps::Database;
using nps::Error;

class TestDatabase : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static QByteArray fileHash(const QString &file)
    {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }

    // Opening `file` must fail with a message naming it, and leave it byte-identical
    // with no WAL or shared-memory file created beside it.
    void expectRefused(const QString &file, const QString &expectedFragment)
    {
        const QByteArray before = fileHash(file);
        Database db;
        try {
            db.open(file, Database::Mode::ExistingOnly);
            QFAIL("the file was opened");
        } catch (const Error &error) {
            QVERIFY2(error.message().contains(file), qPrintable(error.message()));
            QVERIFY2(error.message().contains(expectedFragment, Qt::CaseInsensitive),
                     qPrintable(error.message()));
            QCOMPARE(error.exitCode(), 2);
        }
        QVERIFY(!db.isOpen());
        QCOMPARE(fileHash(file), before);
        QVERIFY(!QFile::exists(file + QStringLiteral("-wal")));
    }

private slots:
    void createsNewDatabase()
    {
        Database db;
        db.open(path(QStringLiteral("new.npsdb")));
        QVERIFY(db.isOpen());
        QCOMPARE(db.schemaVersion(), nps::migrations::latestVersion());
        const QSqlDatabase c = db.connection();
        QCOMPARE(nps::sql::scalar(c, QStringLiteral("PRAGMA journal_mode")).toString(),
                 QStringLiteral("wal"));
        QCOMPARE(nps::sql::scalar(c, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(nps::sql::scalar(c, QStringLiteral("PRAGMA application_id")).toInt(),
                 nps::migrations::applicationId);
        for (const char *table :
             {"waves", "respondents", "responses", "profiles", "imports", "rejected_rows", "tags",
              "response_tags", "followups", "followup_events", "saved_views", "benchmarks"}) {
            QCOMPARE(nps::sql::scalar(c, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = ?"),
                                      {QString::fromLatin1(table)})
                         .toInt(),
                     1);
        }
        // Foreign keys are enforced: a response cannot point at a missing wave.
        QVERIFY_THROWS_EXCEPTION(
            Error, nps::sql::run(c, QStringLiteral("INSERT INTO responses (respondent_id, wave_id, "
                                                   "dedup_key, score) VALUES (99, 99, 'x', 5)")));
        QCOMPARE(nps::sql::scalar(c, QStringLiteral("SELECT count(*) FROM root_causes")).toInt(), 6);
    }

    void reopensAndKeepsSettings()
    {
        const QString file = path(QStringLiteral("settings.npsdb"));
        {
            Database db;
            db.open(file);
            db.setSetting(QStringLiteral("sla_hours"), QStringLiteral("24"));
            db.bumpDataVersion();
        }
        Database db;
        db.open(file, Database::Mode::ExistingOnly);
        QCOMPARE(db.setting(QStringLiteral("sla_hours")), QStringLiteral("24"));
        QCOMPARE(db.setting(QStringLiteral("missing"), QStringLiteral("fallback")),
                 QStringLiteral("fallback"));
        QCOMPARE(db.dataVersion(), 1);
    }

    void missingFileWithExistingOnlyIsRefused()
    {
        Database db;
        QVERIFY_THROWS_EXCEPTION(Error,
                                 db.open(path(QStringLiteral("nope.npsdb")), Database::Mode::ExistingOnly));
        QVERIFY(!QFile::exists(path(QStringLiteral("nope.npsdb"))));
    }

    void migratesVersion1Fixture()
    {
        // tests/data/store/schema-v1.npsdb was written by the version-1 schema with
        // a few rows in every table; migrating must keep every row.
        const QString file = path(QStringLiteral("v1.npsdb"));
        QVERIFY(QFile::copy(QStringLiteral(NPSDESK_TEST_DATA "/store/schema-v1.npsdb"), file));
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        Database db;
        db.open(file, Database::Mode::ExistingOnly);
        QCOMPARE(db.schemaVersion(), nps::migrations::latestVersion());
        const QSqlDatabase c = db.connection();
        QCOMPARE(nps::sql::scalar(c, QStringLiteral("SELECT count(*) FROM responses")).toInt(), 3);
        QCOMPARE(nps::sql::scalar(c, QStringLiteral("SELECT group_concat(score) FROM responses ORDER BY id"))
                     .toString(),
                 QStringLiteral("10,3,8"));
        QCOMPARE(nps::sql::scalar(c, QStringLiteral("SELECT text FROM followup_events")).toString(),
                 QStringLiteral("Called, offered a discount"));
        QCOMPARE(nps::sql::scalar(c, QStringLiteral("SELECT count(*) FROM saved_views")).toInt(), 0);
        QCOMPARE(db.dataVersion(), 0);
        // The full-text index survived and still folds diacritics.
        QCOMPARE(nps::sql::scalar(c,
                                  QStringLiteral("SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?"),
                                  {QStringLiteral("tres")})
                     .toInt(),
                 1);
        QCOMPARE(nps::sql::scalar(c, QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
    }

    void refusesNewerVersion()
    {
        const QString file = path(QStringLiteral("newer.npsdb"));
        {
            Database db;
            db.open(file);
            nps::sql::run(db.connection(), QStringLiteral("PRAGMA user_version = 999"));
            nps::sql::run(db.connection(), QStringLiteral("PRAGMA journal_mode = DELETE"));
        }
        expectRefused(file, QStringLiteral("newer"));
    }

    void refusesForeignSqlite()
    {
        const QString file = path(QStringLiteral("foreign.sqlite"));
        {
            QSqlDatabase raw =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
            raw.setDatabaseName(file);
            QVERIFY(raw.open());
            nps::sql::run(raw, QStringLiteral("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"));
            nps::sql::run(raw, QStringLiteral("INSERT INTO customers (name) VALUES ('Acme')"));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
        expectRefused(file, QStringLiteral("not an NPS Desk database"));
    }

    void refusesRandomBytes()
    {
        const QString file = path(QStringLiteral("random.npsdb"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray bytes(4096, '\0');
        QRandomGenerator rng(7);
        for (char &b : bytes)
            b = char(rng.bounded(256));
        f.write(bytes);
        f.close();
        expectRefused(file, QStringLiteral("not an SQLite database"));
    }

    void refusesTextFile()
    {
        const QString file = path(QStringLiteral("survey.csv"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Score,Comment\n9,Great\n");
        f.close();
        expectRefused(file, QStringLiteral("not an SQLite database"));
    }

    void refusesTruncatedFile()
    {
        const QString full = path(QStringLiteral("full.npsdb"));
        {
            Database db;
            db.open(full);
            nps::sql::run(db.connection(), QStringLiteral("CREATE INDEX filler ON responses (comment)"));
            for (int i = 0; i < 200; ++i)
                nps::sql::run(db.connection(),
                              QStringLiteral("INSERT INTO waves (name, created_at) VALUES (?, 0)"),
                              {QStringLiteral("wave %1 %2").arg(i).arg(QString(200, QLatin1Char('x')))});
            nps::sql::run(db.connection(), QStringLiteral("PRAGMA journal_mode = DELETE"));
        }
        QFile f(full);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        f.close();
        QVERIFY(bytes.size() > 8192);
        const QString truncated = path(QStringLiteral("truncated.npsdb"));
        QFile t(truncated);
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(bytes.left(bytes.size() / 3));
        t.close();
        expectRefused(truncated, QStringLiteral("damaged"));
    }

    void twoConnectionsShareTheFile()
    {
        const QString file = path(QStringLiteral("shared.npsdb"));
        Database first;
        first.open(file);
        Database second;
        second.open(file, Database::Mode::ExistingOnly);
        {
            nps::Transaction writing(first.connection());
            nps::sql::run(first.connection(),
                          QStringLiteral("INSERT INTO waves (name, created_at) VALUES ('A', 0)"));
            // WAL: a reader is not blocked by the open write transaction and sees
            // the last committed state.
            QCOMPARE(
                nps::sql::scalar(second.connection(), QStringLiteral("SELECT count(*) FROM waves")).toInt(),
                0);
            writing.commit();
        }
        QCOMPARE(nps::sql::scalar(second.connection(), QStringLiteral("SELECT count(*) FROM waves")).toInt(),
                 1);
        nps::sql::run(second.connection(),
                      QStringLiteral("INSERT INTO waves (name, created_at) VALUES ('B', 0)"));
        QCOMPARE(nps::sql::scalar(first.connection(), QStringLiteral("SELECT count(*) FROM waves")).toInt(),
                 2);
        QCOMPARE(nps::sql::scalar(first.connection(), QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
    }

    void rolledBackTransactionLeavesNothing()
    {
        Database db;
        db.open(path(QStringLiteral("rollback.npsdb")));
        try {
            nps::Transaction transaction(db.connection());
            nps::sql::run(db.connection(),
                          QStringLiteral("INSERT INTO waves (name, created_at) VALUES ('A', 0)"));
            throw Error::cancelled();
        } catch (const Error &) {
        }
        QCOMPARE(nps::sql::scalar(db.connection(), QStringLiteral("SELECT count(*) FROM waves")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
