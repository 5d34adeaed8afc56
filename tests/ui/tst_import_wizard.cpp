#include "../DatabaseContent.h"
#include "UiFixture.h"
#include "analysis/AnalysisService.h"
#include "common/FilterBar.h"
#include "common/RejectionsModel.h"
#include "import/FileAttributeSource.h"
#include "import/FileImportSource.h"
#include "importwizard/AttributeWizard.h"
#include "importwizard/ImportWizard.h"
#include "mainwindow/MainWindow.h"
#include "overview/OverviewScreen.h"
#include "store/Sql.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QMenuBar>
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

// The ten responses of basic.csv: u1..u14 with their emails.
QString surveyDatabase(const QTemporaryDir &dir, const QString &name, const Clock &clock)
{
    const QString path = emptyDatabase(dir, name);
    Database db;
    db.open(path, Database::Mode::ExistingOnly);
    FileImportSource source(QStringLiteral(NPSDESK_TEST_DATA "/import/basic.csv"), ReadOptions{});
    Importer(db, clock).run({&source}, ImportOptions{});
    return path;
}

// Answers per value of `attribute`, over all periods, as the Segments screen counts them.
QMap<QString, qint64> answersBy(const QString &path, const QString &attribute)
{
    Database db;
    db.open(path, Database::Mode::ExistingOnly);
    PivotRequest request;
    request.attributes = {attribute};
    request.period = PeriodKind::None;
    const PivotResult pivot = AnalysisService(db).pivot(ResponseFilter{}, request);
    QMap<QString, qint64> answers;
    for (const PivotCell &cell : pivot.cells) {
        if (cell.isTotalColumn && !cell.isTotalRow)
            answers.insert(cell.segment.value(0), cell.summary.n());
    }
    return answers;
}

} // namespace

class TestImportWizard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{test::demoNow()};
    const QString m_basic = QStringLiteral(NPSDESK_TEST_DATA "/import/basic.csv");
    const QString m_crm = QStringLiteral(NPSDESK_TEST_DATA "/import/crm-accounts.csv");

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

    void attributeWizardJoinsOnTheChosenKey()
    {
        const QString db = surveyDatabase(m_dir, QStringLiteral("attributes.npsdb"), m_clock);
        const QByteArray before = test::contentDigest(db);
        AttributeWizard wizard(db, m_crm, m_clock);
        new QAbstractItemModelTester(wizard.previewModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, &wizard);
        new QAbstractItemModelTester(wizard.issuesModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, &wizard);
        QSignalSpy imported(&wizard, &ImportWizardBase::imported);
        wizard.show();
        wizard.waitUntilIdle();
        QVERIFY2(wizard.errorText().isEmpty(), qPrintable(wizard.errorText()));

        // Preview: the rows as read; no survey-tool layout for a users file.
        QCOMPARE(wizard.step(), ImportWizardBase::Step::Preview);
        QCOMPARE(wizard.previewModel()->rowCount(), 7);
        QCOMPARE(wizard.previewModel()->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Tier"));
        QVERIFY(wizard.summaryText().contains(QStringLiteral("Encoding: utf-8")));
        QVERIFY(wizard.summaryText().contains(QStringLiteral("Delimiter: comma")));
        QVERIFY(!wizard.summaryText().contains(QStringLiteral("Layout:")));
        QVERIFY(!wizard.summaryText().contains(QStringLiteral("0-10"))); // not a survey: no score expected
        keepPicture(wizard, QStringLiteral("import-attributes-preview.png"));

        // Mapping: email detected, with the reason; every non-identity column kept.
        wizard.goNext();
        QCOMPARE(wizard.step(), ImportWizardBase::Step::Mapping);
        QCOMPARE(wizard.keyKind(), AttributeKey::Email);
        QCOMPARE(wizard.keyColumn(), QStringLiteral("Contact Email"));
        QVERIFY2(wizard.keyKindReason().contains(QStringLiteral("email column")),
                 qPrintable(wizard.keyKindReason()));
        QVERIFY2(wizard.keyReason().contains(QStringLiteral("addresses")), qPrintable(wizard.keyReason()));
        QCOMPARE(wizard.attributeColumns(),
                 (QStringList{QStringLiteral("Tier"), QStringLiteral("Seats"), QStringLiteral("Owner")}));
        QCOMPARE(wizard.asOfDate(), QFileInfo(m_crm).lastModified().date());
        // Keyboard users tab through the fields in reading order, then the columns.
        wizard.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&wizard));
        QComboBox *kind = nullptr;
        for (QComboBox *combo : wizard.findChildren<QComboBox *>()) {
            if (combo->accessibleName() == QLatin1String("Kind of key"))
                kind = combo;
        }
        QVERIFY(kind);
        kind->setFocus(Qt::TabFocusReason);
        QStringList tabbed; // Tab also steps through the date's year, month and day
        for (int i = 0; i < 10 && tabbed.size() < 3; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget *focused = QApplication::focusWidget();
            while (focused && focused->accessibleName().isEmpty())
                focused = focused->parentWidget();
            const QString name = focused ? focused->accessibleName() : QString();
            if (tabbed.isEmpty() || tabbed.constLast() != name)
                tabbed << name;
        }
        QCOMPARE(tabbed, (QStringList{QStringLiteral("Key column"), QStringLiteral("Attributes true as of"),
                                      QStringLiteral("Columns to keep as respondent attributes:")}));

        // The user joins on the account id instead, and drops the seat count.
        wizard.chooseKey(AttributeKey::UserId);
        QCOMPARE(wizard.keyColumn(), QStringLiteral("Account ID"));
        wizard.setAttributeColumn(QStringLiteral("Seats"), false);
        wizard.setAsOfDate(QDate(2025, 12, 1));
        QVERIFY(wizard.canGoNext());
        keepPicture(wizard, QStringLiteral("import-attributes-mapping.png"));

        // Validation: the importer's own dry run, nothing written.
        wizard.goNext();
        wizard.waitUntilIdle();
        QVERIFY2(wizard.errorText().isEmpty(), qPrintable(wizard.errorText()));
        QCOMPARE(wizard.step(), ImportWizardBase::Step::Validation);
        keepPicture(wizard, QStringLiteral("import-attributes-validation.png"));
        AttributeImportReport core;
        {
            Database connection;
            connection.open(db, Database::Mode::ExistingOnly);
            MappingOverrides kept;
            kept.segments = QStringList{QStringLiteral("Tier"), QStringLiteral("Owner")};
            FileAttributeSource source(m_crm, AttributeKey::UserId, ReadOptions{}, kept);
            AttributeImportOptions options;
            options.key = AttributeKey::UserId;
            options.asOf = FileAttributeSource::asOf(m_crm, QDate(2025, 12, 1));
            options.dryRun = true;
            core = AttributeImporter(connection, m_clock).run(source, options);
        }
        const AttributeImportReport &check = wizard.validation();
        QCOMPARE(check.rows, core.rows);
        QCOMPARE(check.matched, core.matched);
        QCOMPARE(check.unmatchedCount, core.unmatchedCount);
        QCOMPARE(check.conflicts.size(), core.conflicts.size());
        QCOMPARE(check.responsesUpdated, core.responsesUpdated);
        QCOMPARE(check.matched, 5); // by email it would be 3
        QCOMPARE(check.unmatchedCount, 1);
        QCOMPARE(check.conflicts.size(), 1);
        const QString summary = wizard.summaryText();
        QVERIFY2(summary.contains(QStringLiteral("5 keys match a respondent, 1 match none, 1 conflicting")),
                 qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Attributes Tier, Owner, true as of 2025-12-01")),
                 qPrintable(summary));
        QCOMPARE(wizard.issuesModel()->rowCount(), 2);
        QCOMPARE(wizard.issuesModel()->index(0, AttributeIssuesModel::Key).data().toString(),
                 QStringLiteral("u6"));
        QCOMPARE(wizard.issuesModel()->index(0, AttributeIssuesModel::Values).data().toString(),
                 QStringLiteral("Bronze / Silver"));
        QCOMPARE(wizard.issuesModel()->index(0, AttributeIssuesModel::Lines).data().toString(),
                 QStringLiteral("5, 6"));
        QCOMPARE(wizard.issuesModel()->index(1, AttributeIssuesModel::Key).data().toString(),
                 QStringLiteral("u99"));
        QCOMPARE(test::contentDigest(db), before);

        // Import and result.
        wizard.goNext();
        wizard.waitUntilIdle();
        QCOMPARE(wizard.step(), ImportWizardBase::Step::Result);
        keepPicture(wizard, QStringLiteral("import-attributes-result.png"));
        QCOMPARE(imported.count(), 1);
        QVERIFY(wizard.result().importId > 0);
        QCOMPARE(wizard.result().matched, 5);
        QVERIFY2(wizard.summaryText().contains(
                     QStringLiteral("<b>5 keys matched</b> · 1 unmatched · 1 conflicts")),
                 qPrintable(wizard.summaryText()));

        // The segments now know each account's tier (u6's was ambiguous and is not guessed).
        const QMap<QString, qint64> byTier = answersBy(db, QStringLiteral("Tier"));
        QCOMPARE(byTier.value(QStringLiteral("Gold")), 2);                                // u1, u4
        QCOMPARE(byTier.value(QStringLiteral("Silver")), 1);                              // u2
        QCOMPARE(byTier.value(QStringLiteral("Bronze")), 1);                              // u9
        QCOMPARE(answersBy(db, QStringLiteral("Owner")).value(QStringLiteral("Lee")), 3); // u4, u6, u9
        Database connection;
        connection.open(db, Database::Mode::ExistingOnly);
        QVERIFY(!AnalysisService(connection).attributeNames().contains(QStringLiteral("Seats")));
    }

    void attributeWizardCancelLeavesTheDatabaseUnchanged()
    {
        // Enough keys that the join is still running when Cancel is pressed;
        // the first 200 are the demo's users.
        const QString csv = m_dir.filePath(QStringLiteral("accounts.csv"));
        {
            QByteArray content = "User ID,Email,Tier\n";
            for (int i = 0; i < 200000; ++i) {
                const QByteArray id =
                    i < 200 ? "U" + QByteArray::number(1000 + i) : "X" + QByteArray::number(i);
                content +=
                    id + ',' + id.toLower() + "@accounts.example," + (i % 2 ? "Gold" : "Silver") + '\n';
            }
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        const QString db = test::makeDemoDatabase(m_dir, QStringLiteral("attributes-cancel.npsdb"), 600);
        const QByteArray before = test::contentDigest(db);

        AttributeWizard wizard(db, csv, m_clock);
        wizard.show();
        wizard.waitUntilIdle();
        wizard.goNext();
        wizard.chooseKey(AttributeKey::UserId);
        QCOMPARE(wizard.keyColumn(), QStringLiteral("User ID"));
        wizard.goNext();
        wizard.waitUntilIdle();
        // Not every demo user answered: only those who did are respondents.
        QCOMPARE(wizard.validation().matched, count(db, QStringLiteral("SELECT count(*) FROM respondents")));
        QVERIFY(wizard.validation().matched > 100);
        QCOMPARE(test::contentDigest(db), before);
        wizard.goNext();
        QCOMPARE(wizard.step(), ImportWizardBase::Step::Importing);
        auto *progress = wizard.findChild<QProgressBar *>();
        QVERIFY(progress);
        QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0, 60000);
        wizard.cancelImport();
        wizard.waitUntilIdle();
        QCOMPARE(wizard.step(), ImportWizardBase::Step::Result);
        QVERIFY2(wizard.summaryText().contains(QStringLiteral("cancelled")),
                 qPrintable(wizard.summaryText()));
        QCOMPARE(test::contentDigest(db), before);
    }

    void fileMenuOpensTheAttributeWizard()
    {
        const QString db = surveyDatabase(m_dir, QStringLiteral("menu.npsdb"), m_clock);
        MainWindow window(nullptr, &m_clock);
        WindowDialogs dialogs;
        dialogs.openFile = [this](QWidget *, const QString &, const QString &) { return m_crm; };
        window.setDialogs(dialogs);
        window.show();
        QVERIFY(window.openDatabase(db));
        window.waitUntilLoaded();
        QVERIFY(!window.filterBar()->choices().attributes.contains(QStringLiteral("Tier")));
        QAction *action = nullptr;
        for (QAction *a : window.menuBar()->findChildren<QAction *>()) {
            if (a->text() == QLatin1String("Import &Attributes..."))
                action = a;
        }
        QVERIFY(action);
        action->trigger();
        AttributeWizard *wizard = window.attributeWizard();
        QVERIFY(wizard);
        wizard->waitUntilIdle();
        wizard->goNext();
        wizard->goNext();
        wizard->waitUntilIdle();
        QCOMPARE(wizard->validation().matched, 3); // by email, as detected
        wizard->goNext();
        wizard->waitUntilIdle();
        QCOMPARE(wizard->step(), ImportWizardBase::Step::Result);
        window.waitUntilLoaded();
        QVERIFY(window.filterBar()->choices().attributes.contains(QStringLiteral("Tier")));
    }
};

QTEST_MAIN(TestImportWizard)
#include "tst_import_wizard.moc"
