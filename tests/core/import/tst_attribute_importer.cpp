#include "../../DatabaseContent.h"
#include "common/Error.h"
#include "import/AttributeImporter.h"
#include "import/FileAttributeSource.h"
#include "import/FileImportSource.h"
#include "import/Importer.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace nps;

namespace {

const QString crmFile = QStringLiteral(NPSDESK_TEST_DATA "/import/crm-accounts.csv");

qint64 count(const QString &path, const QString &statement)
{
    Database db;
    db.open(path, Database::Mode::ExistingOnly);
    return sql::scalar(db.connection(), statement).toLongLong();
}

} // namespace

class TestAttributeImporter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};

    // The ten responses of basic.csv (u1..u14 with their emails).
    QString surveyDatabase()
    {
        const QString path = m_dir.filePath(QStringLiteral("a%1.npsdb").arg(++m_counter));
        Database db;
        db.open(path);
        FileImportSource source(QStringLiteral(NPSDESK_TEST_DATA "/import/basic.csv"), ReadOptions{});
        Importer(db, m_clock).run({&source}, ImportOptions{});
        return path;
    }

    AttributeImportReport importCrm(const QString &path, AttributeKey key, bool dryRun,
                                    AttributeImporter::Progress progress = {})
    {
        Database db;
        db.open(path, Database::Mode::ExistingOnly);
        FileAttributeSource source(crmFile, key, ReadOptions{});
        AttributeImporter importer(db, m_clock);
        importer.setProgress(std::move(progress));
        AttributeImportOptions options;
        options.key = key;
        options.asOf = FileAttributeSource::asOf(crmFile, QDate(2025, 12, 1));
        options.dryRun = dryRun;
        return importer.run(source, options);
    }

private slots:
    void dryRunReportsWhatARunDoesAndWritesNothing()
    {
        const QString db = surveyDatabase();
        const QByteArray before = test::contentDigest(db);
        const AttributeImportReport dry = importCrm(db, AttributeKey::UserId, true);
        QCOMPARE(test::contentDigest(db), before);
        QCOMPARE(dry.importId, 0);
        QCOMPARE(dry.rows, 7);
        QCOMPARE(dry.matched, 5); // u1 u2 u4 u6 u9
        QCOMPARE(dry.unmatchedCount, 1);
        QCOMPARE(dry.unmatched, QStringList{QStringLiteral("u99")});
        QCOMPARE(dry.conflicts.size(), 1);
        QCOMPARE(dry.conflicts.at(0).attribute, QStringLiteral("Tier"));
        QVERIFY(dry.responsesUpdated > 0);

        const AttributeImportReport real = importCrm(db, AttributeKey::UserId, false);
        QVERIFY(real.importId > 0);
        QCOMPARE(real.matched, dry.matched);
        QCOMPARE(real.unmatchedCount, dry.unmatchedCount);
        QCOMPARE(real.conflicts.size(), dry.conflicts.size());
        QCOMPARE(real.responsesUpdated, dry.responsesUpdated);
        QVERIFY(test::contentDigest(db) != before);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM imports WHERE kind = 'attributes'")), 1);
    }

    void emailsJoinCaseAndSpaceInsensitively()
    {
        const QString db = surveyDatabase();
        const AttributeImportReport report = importCrm(db, AttributeKey::Email, true);
        QCOMPARE(report.matched, 3); // ana, " DMITRI@", farid
        QCOMPARE(report.unmatchedCount, 3);
        QCOMPARE(report.conflicts.size(), 1);
    }

    void progressRunsToTheEndAndCancelRollsBack()
    {
        const QString db = surveyDatabase();
        QVector<qint64> seen;
        importCrm(db, AttributeKey::UserId, true, [&seen](qint64 done, qint64 total) {
            seen << done;
            return total == AttributeImporter::progressTotal;
        });
        QVERIFY(!seen.isEmpty());
        QCOMPARE(seen.constLast(), AttributeImporter::progressTotal);
        QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));

        const QByteArray before = test::contentDigest(db);
        try {
            importCrm(db, AttributeKey::UserId, false, [](qint64, qint64) { return false; });
            QFAIL("a cancelled import must throw");
        } catch (const Error &error) {
            QCOMPARE(error.kind(), Error::Kind::Cancelled);
        }
        QCOMPARE(test::contentDigest(db), before);
    }

    void detectsKeysAttributesAndDates()
    {
        const SurveyFile crm = SurveyFile::open(crmFile);
        QCOMPARE(FileAttributeSource::detectedKey(crm.mapping()), AttributeKey::Email);
        QVERIFY(FileAttributeSource::isAttributeFile(crm));
        QVERIFY(crm.layout().warnings.contains(QStringLiteral("no 0-10 question found")));
        QCOMPARE(FileAttributeSource::warnings(crm), QStringList());
        QVERIFY(!FileAttributeSource::isAttributeFile(
            SurveyFile::open(QStringLiteral(NPSDESK_TEST_DATA "/import/basic.csv"))));
        QCOMPARE(FileAttributeSource::defaultAttributeColumns(crm), (QVector<int>{2, 3, 4}));
        QCOMPARE(FileAttributeSource::asOf(crmFile, QDate(2025, 12, 1)), 1764547200);
        QCOMPARE(FileAttributeSource::asOf(crmFile), QFileInfo(crmFile).lastModified().toSecsSinceEpoch());
    }
};

QTEST_GUILESS_MAIN(TestAttributeImporter)
#include "tst_attribute_importer.moc"
