#include "UiFixture.h"
#include "common/FilterBar.h"
#include "importwizard/ImportWizard.h"
#include "mainwindow/MainWindow.h"
#include "overview/OverviewScreen.h"
#include "store/Sql.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QProgressBar>
#include <QtTest>

using namespace nps;
using namespace nps::ui;

namespace {

qint64 count(const QString &path, const QString &statement)
{
    Database db;
    db.open(path, Database::Mode::ExistingOnly);
    return sql::scalar(db.connection(), statement).toLongLong();
}

// NPSDESK_DOCS_DIR=docs keeps pictures of the wizard for the documentation.
void keepPicture(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("NPSDESK_DOCS_DIR");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    widget.grab().save(dir + QLatin1Char('/') + name, "PNG");
}

QString emptyDatabase(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    Database db;
    db.open(path);
    return path;
}

} // namespace

class TestImportWizard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{test::demoNow()};
    const QString m_basic = QStringLiteral(NPSDESK_TEST_DATA "/import/basic.csv");

private slots:
    void initTestCase() { test::isolateSettings(m_dir); }

    void endToEndWithAMappingOverride()
    {
        const QString db = emptyDatabase(m_dir, QStringLiteral("wizard.npsdb"));
        ImportWizard wizard(db, m_basic, m_clock);
        new QAbstractItemModelTester(wizard.previewModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, &wizard);
        new QAbstractItemModelTester(wizard.rejectionsModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, &wizard);
        QSignalSpy imported(&wizard, &ImportWizard::imported);
        wizard.show();
        wizard.waitUntilIdle();
        QVERIFY2(wizard.errorText().isEmpty(), qPrintable(wizard.errorText()));

        // Preview: the rows as read, with what was detected.
        QCOMPARE(wizard.step(), ImportWizard::Step::Preview);
        QCOMPARE(wizard.previewModel()->rowCount(), 12);
        QCOMPARE(wizard.previewModel()->headerData(3, Qt::Horizontal).toString(), QStringLiteral("Score"));
        QVERIFY(wizard.summaryText().contains(QStringLiteral("Encoding: utf-8")));
        QVERIFY(wizard.summaryText().contains(QStringLiteral("Delimiter: comma")));

        keepPicture(wizard, QStringLiteral("import-wizard-preview.png"));
        // Mapping: detected columns with their reasons; the comment is unmapped by the user.
        wizard.goNext();
        QCOMPARE(wizard.step(), ImportWizard::Step::Mapping);
        QCOMPARE(wizard.detectedColumn(QStringLiteral("score")), QStringLiteral("Score"));
        QCOMPARE(wizard.detectedColumn(QStringLiteral("comment")), QStringLiteral("Comment"));
        QVERIFY(!wizard.reasonFor(QStringLiteral("score")).isEmpty());
        wizard.chooseColumn(QStringLiteral("comment"), QString());
        QCOMPARE(wizard.detectedColumn(QStringLiteral("comment")), QString());

        keepPicture(wizard, QStringLiteral("import-wizard-mapping.png"));
        // Validation: a dry run that writes nothing.
        wizard.goNext();
        wizard.waitUntilIdle();
        keepPicture(wizard, QStringLiteral("import-wizard-validation.png"));
        QCOMPARE(wizard.step(), ImportWizard::Step::Validation);
        const ImportReport &check = wizard.validation();
        QCOMPARE(check.rows, 12);
        QCOMPARE(check.rejected, 2); // "eleven" and "NA"
        QCOMPARE(check.imported, 10);
        QCOMPARE(wizard.rejectionsModel()->rowCount(), 2);
        QCOMPARE(wizard.rejectionsModel()->index(0, RejectionsModel::Line).data().toLongLong(), 4);
        QVERIFY(wizard.summaryText().contains(QStringLiteral("10 will be imported")));
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM responses")), 0);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM imports")), 0);
        wizard.confirmWarnings(true);
        wizard.setWaveName(QStringLiteral("January 2026"));
        QVERIFY(wizard.canGoNext());

        // Import and result.
        wizard.goNext();
        wizard.waitUntilIdle();
        QCOMPARE(wizard.step(), ImportWizard::Step::Result);
        keepPicture(wizard, QStringLiteral("import-wizard-result.png"));
        QCOMPARE(imported.count(), 1);
        QCOMPARE(wizard.result().imported, 10);
        QCOMPARE(wizard.result().rejected, 2);
        QVERIFY2(wizard.summaryText().contains(QStringLiteral("<b>10 imported</b>")),
                 qPrintable(wizard.summaryText()));
        QVERIFY(wizard.summaryText().contains(QStringLiteral("2 rejected")));
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM responses")), 10);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM responses WHERE comment IS NOT NULL")), 0);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM waves WHERE name = 'January 2026'")), 1);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM rejected_rows")), 2);
    }

    void cancelLeavesTheDatabaseUnchanged()
    {
        // Large enough that the import reports progress before it ends.
        const QString csv = m_dir.filePath(QStringLiteral("big.csv"));
        {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Response ID,Email,Score,Comment,Submitted At,Plan\n");
            for (int i = 0; i < 60000; ++i)
                file.write(
                    QStringLiteral("id%1,p%1@example.com,%2,Comment number %1,2026-03-%3 10:00:00,%4\n")
                        .arg(i)
                        .arg(i % 11)
                        .arg(1 + i % 28, 2, 10, QLatin1Char('0'))
                        .arg(i % 3 ? QStringLiteral("Pro") : QStringLiteral("Starter"))
                        .toUtf8());
        }
        const QString db = test::makeDemoDatabase(m_dir, QStringLiteral("cancel.npsdb"), 300);
        const qint64 responses = count(db, QStringLiteral("SELECT count(*) FROM responses"));
        const qint64 imports = count(db, QStringLiteral("SELECT count(*) FROM imports"));

        ImportWizard wizard(db, csv, m_clock);
        wizard.show();
        wizard.waitUntilIdle();
        wizard.goNext();
        wizard.goNext();
        wizard.waitUntilIdle();
        QCOMPARE(wizard.validation().imported, 60000);
        wizard.confirmWarnings(true);
        wizard.goNext();
        QCOMPARE(wizard.step(), ImportWizard::Step::Importing);
        auto *progress = wizard.findChild<QProgressBar *>();
        QVERIFY(progress);
        QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0, 60000);
        wizard.cancelImport();
        wizard.waitUntilIdle();
        QCOMPARE(wizard.step(), ImportWizard::Step::Result);
        QVERIFY2(wizard.summaryText().contains(QStringLiteral("cancelled")),
                 qPrintable(wizard.summaryText()));
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM responses")), responses);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM imports")), imports);
    }

    void fileWithoutAScoreIsRefusedInTheWizard()
    {
        const QString db = emptyDatabase(m_dir, QStringLiteral("noscore.npsdb"));
        ImportWizard wizard(db, QStringLiteral(NPSDESK_TEST_DATA "/import/noscore.csv"), m_clock);
        wizard.waitUntilIdle();
        wizard.goNext();
        QCOMPARE(wizard.detectedColumn(QStringLiteral("score")), QString());
        QVERIFY(!wizard.canGoNext()); // no score column: nothing to validate
    }

    void windowReloadsAfterTheImport()
    {
        const QString db = emptyDatabase(m_dir, QStringLiteral("window.npsdb"));
        MainWindow window(nullptr, &m_clock);
        window.show();
        QVERIFY(window.openDatabase(db));
        window.importFiles({m_basic});
        ImportWizard *wizard = window.importWizard();
        QVERIFY(wizard);
        wizard->waitUntilIdle();
        wizard->goNext();
        wizard->goNext();
        wizard->waitUntilIdle();
        wizard->confirmWarnings(true);
        wizard->goNext();
        wizard->waitUntilIdle();
        QCOMPARE(wizard->result().imported, 10);
        window.selectView(MainWindow::View::Overview);
        window.waitUntilLoaded();
        auto *overview = qobject_cast<OverviewScreen *>(window.screen(MainWindow::View::Overview));
        QVERIFY(overview->data());
        QCOMPARE(overview->data()->summary.n(), 10);
        QVERIFY(window.filterBar()->choices().attributes.contains(QStringLiteral("Plan")));
    }
};

QTEST_MAIN(TestImportWizard)
#include "tst_import_wizard.moc"
