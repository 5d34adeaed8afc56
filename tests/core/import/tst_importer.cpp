#include "../../SyntheticExport.h"
#include "analysis/ResponseColumns.h"
#include "common/Error.h"
#include "import/FileImportSource.h"
#include "import/Importer.h"
#include "import/PrefetchingReader.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QTemporaryDir>
#include <QtTest>
#include <thread>

using namespace nps;

namespace {

// Rows made up in memory, to see the prefetching reader keep order, carry
// rejections and pass on a failure at an exact row.
class CountingSource final : public ImportSource
{
public:
    CountingSource(int rows, int failAt = -1)
        : m_rows(rows)
        , m_failAt(failAt)
    {
    }
    QString fileName() const override { return QStringLiteral("counting.csv"); }
    QString filePath() const override { return {}; }
    QString preset() const override { return QStringLiteral("generic"); }
    QString encoding() const override { return QStringLiteral("utf-8"); }
    QString mappingJson() const override { return QStringLiteral("{}"); }
    QStringList warnings() const override { return {}; }
    QString sha256() override { return {}; }
    qint64 bytesRead() const override { return m_next * 10; }
    qint64 totalBytes() const override { return m_rows * 10; }

    Next next(ResponseRecord &record, Rejection &rejection) override
    {
        if (m_next == m_failAt)
            throw Error::badInput(QStringLiteral("line %1 is unreadable").arg(m_next + 1));
        if (m_next >= m_rows)
            return Next::End;
        const int line = ++m_next;
        if (line % 7 == 0) {
            rejection = Rejection{};
            rejection.line = line;
            rejection.reason = QStringLiteral("seventh");
            return Next::Rejected;
        }
        record = ResponseRecord{};
        record.externalId = QStringLiteral(" r%1 ").arg(line);
        record.score = line % 11;
        record.sourceLine = line;
        return Next::Record;
    }

private:
    int m_rows;
    int m_failAt;
    int m_next = 0;
};

} // namespace

class TestImporter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_csv;
    int m_counter = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("i%1.npsdb").arg(++m_counter)); }

    static qint64 count(const Database &db, const QString &statement)
    {
        return sql::scalar(db.connection(), statement).toLongLong();
    }

    // What a cancelled import must leave exactly as it was.
    static QString fingerprint(const Database &db)
    {
        const QSqlDatabase c = db.connection();
        return sql::scalar(c, QStringLiteral("SELECT group_concat(id || ':' || dedup_key, ',')"
                                             " FROM (SELECT id, dedup_key FROM responses ORDER BY id)"))
                   .toString() +
               QLatin1Char('|') +
               sql::scalar(c, QStringLiteral("SELECT group_concat(name, ',') FROM (SELECT name FROM"
                                             " sqlite_master ORDER BY name)"))
                   .toString() +
               QLatin1Char('|') + QString::number(count(db, QStringLiteral("SELECT count(*) FROM imports"))) +
               QLatin1Char('|') +
               QString::number(count(db, QStringLiteral("SELECT count(*) FROM followups")));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_csv = m_dir.filePath(QStringLiteral("responses.csv"));
        const QString failure = test::makeSyntheticExport(m_csv, 30000);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void prefetchingKeepsOrderAndRejections()
    {
        CountingSource source(5000);
        PrefetchingReader reader(source);
        ResponseRecord record;
        Rejection rejection;
        int line = 0;
        for (;;) {
            const ImportSource::Next next = reader.next(record, rejection);
            if (next == ImportSource::Next::End)
                break;
            ++line;
            if (line % 7 == 0) {
                QCOMPARE(next, ImportSource::Next::Rejected);
                QCOMPARE(rejection.line, qint64(line));
            } else {
                QCOMPARE(next, ImportSource::Next::Record);
                QCOMPARE(record.sourceLine, qint64(line));
                // Normalised on the reading thread: trimmed, with its key.
                QCOMPARE(record.externalId, QStringLiteral("r%1").arg(line));
                QCOMPARE(record.dedupKey, QStringLiteral("id:r%1").arg(line));
            }
        }
        QCOMPARE(line, 5000);
        QCOMPARE(reader.bytesRead(), qint64(50000));
        QCOMPARE(reader.next(record, rejection), ImportSource::Next::End);
    }

    void prefetchingPassesOnTheSourcesFailure()
    {
        CountingSource source(5000, 3001);
        PrefetchingReader reader(source);
        ResponseRecord record;
        Rejection rejection;
        int rows = 0;
        try {
            while (reader.next(record, rejection) != ImportSource::Next::End)
                ++rows;
            QFAIL("the failure was swallowed");
        } catch (const Error &e) {
            QCOMPARE(e.message(), QStringLiteral("line 3002 is unreadable"));
        }
        // Every row before the failure came through first.
        QCOMPARE(rows, 3001);
    }

    void prefetchingStopsWhenTheConsumerGivesUp()
    {
        CountingSource source(1000000);
        {
            PrefetchingReader reader(source);
            ResponseRecord record;
            Rejection rejection;
            reader.next(record, rejection);
        }
        // The reading thread stopped a few batches ahead, not at the end.
        QVERIFY(source.bytesRead() < 100000 * 10);
    }

    void progressIsMonotonicAndEndsFull()
    {
        Database db;
        db.open(freshPath());
        FileImportSource source(m_csv, ReadOptions{});
        Importer importer(db);
        QVector<std::pair<qint64, qint64>> calls;
        importer.setProgress([&](qint64 done, qint64 total) {
            calls.append({done, total});
            return true;
        });
        const QVector<ImportReport> reports = importer.run({&source}, ImportOptions{});
        QCOMPARE(reports.at(0).imported, qint64(30000));
        QVERIFY(!calls.isEmpty());
        for (int i = 1; i < calls.size(); ++i) {
            QVERIFY(calls.at(i).first >= calls.at(i - 1).first);
            QCOMPARE(calls.at(i).second, calls.at(0).second);
        }
        QCOMPARE(calls.last().first, calls.last().second);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM responses")), qint64(30000));
        QCOMPARE(sql::scalar(db.connection(), QStringLiteral("PRAGMA journal_mode")).toString(),
                 QStringLiteral("wal"));
        QCOMPARE(sql::scalar(db.connection(), QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM pragma_foreign_key_check")), qint64(0));
    }

    void columnsCollectedWhileWritingEqualARebuild_data()
    {
        QTest::addColumn<int>("copies");
        QTest::addColumn<bool>("dryRun");
        QTest::newRow("one file") << 1 << false;
        // The second copy is all duplicates: none of its rows may reach the columns.
        QTest::newRow("the same file twice in one import") << 2 << false;
        QTest::newRow("dry run") << 1 << true;
    }

    // An import into an empty file fills the analysis columns as it writes;
    // they must be byte for byte what a scan of the committed rows builds.
    void columnsCollectedWhileWritingEqualARebuild()
    {
        QFETCH(int, copies);
        QFETCH(bool, dryRun);
        Database db;
        db.open(freshPath());
        std::vector<std::unique_ptr<FileImportSource>> sources;
        QVector<ImportSource *> list;
        for (int i = 0; i < copies; ++i) {
            sources.push_back(std::make_unique<FileImportSource>(m_csv, ReadOptions{}));
            list.append(sources.back().get());
        }
        ImportOptions options;
        options.dryRun = dryRun;
        ResponseColumns::clearMemory();
        const QVector<ImportReport> reports = Importer(db).run(list, options);
        QCOMPARE(reports.size(), copies);
        QCOMPARE(reports.last().duplicates, copies == 2 ? qint64(30000) : qint64(0));
        const QVariant stored =
            sql::scalar(db.connection(), QStringLiteral("SELECT payload FROM analysis_cache WHERE key = ?"),
                        {QString::fromLatin1(ResponseColumns::cacheKey)});
        if (dryRun) {
            QVERIFY(!stored.isValid());
            QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM responses")), qint64(0));
            return;
        }
        const std::shared_ptr<const ResponseColumns> scanned = ResponseColumns::build(db);
        QCOMPARE(scanned->size(), size_t(30000));
        QCOMPARE(scanned->dataVersion, db.dataVersion());
        QCOMPARE(stored.toByteArray(), scanned->serialize());
        // And the copy in memory, which the next analysis reads, is the same.
        QCOMPARE(ResponseColumns::current(db)->serialize(), scanned->serialize());
    }

    void cancelLeavesTheDatabaseAsBefore_data()
    {
        QTest::addColumn<bool>("whileIndexing");
        QTest::addColumn<bool>("fromHeartbeat");
        QTest::newRow("while reading rows") << false << false;
        // After the last row: inside the one long full-text/index statement.
        QTest::newRow("while indexing") << true << false;
        // The answer comes from the heartbeat's thread, which must stop the
        // statement running on the importing thread.
        QTest::newRow("from the heartbeat thread") << false << true;
    }

    void cancelLeavesTheDatabaseAsBefore()
    {
        QFETCH(bool, whileIndexing);
        QFETCH(bool, fromHeartbeat);
        Database db;
        db.open(freshPath());
        {
            // Something there before, which must survive untouched.
            CountingSource small(20);
            Importer(db).run({&small}, ImportOptions{});
        }
        const QString before = fingerprint(db);
        QVERIFY(before.contains(QLatin1String("responses_respondent")));

        FileImportSource source(m_csv, ReadOptions{});
        const qint64 fileBytes = source.totalBytes();
        Importer importer(db);
        importer.setProgressInterval(0); // every chance to cancel is taken
        bool cancelledInPhase = false;
        const std::thread::id importingThread = std::this_thread::get_id();
        importer.setProgress([&](qint64 done, qint64 total) {
            const bool indexing = done >= fileBytes && done < total;
            const bool cancelNow = fromHeartbeat
                                       ? std::this_thread::get_id() != importingThread && done < total
                                   : whileIndexing ? indexing
                                                   : done > fileBytes / 3;
            if (cancelNow) {
                cancelledInPhase = true;
                return false;
            }
            return true;
        });
        try {
            importer.run({&source}, ImportOptions{});
            QFAIL("the import was not cancelled");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::Cancelled);
        }
        QVERIFY(cancelledInPhase);
        QCOMPARE(fingerprint(db), before);
        QCOMPARE(sql::scalar(db.connection(), QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(sql::scalar(db.connection(), QStringLiteral("PRAGMA journal_mode")).toString(),
                 QStringLiteral("wal"));
    }
};

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
