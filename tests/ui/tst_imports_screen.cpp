#include "UiFixture.h"
#include "common/RejectionsModel.h"
#include "imports/ImportsModels.h"
#include "imports/ImportsScreen.h"
#include "store/SurveyWriter.h"
#include "store/Transaction.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace nps;
using namespace nps::ui;

class TestImportsScreen : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

private slots:
    void initTestCase()
    {
        test::isolateSettings(m_dir);
        m_path = m_dir.filePath(QStringLiteral("imports.npsdb"));
        Database db;
        db.open(m_path);
        FixedClock clock(test::demoNow());
        SurveyWriter writer(db, clock);
        Transaction transaction(db.connection());
        ImportRecord first;
        first.fileName = QStringLiteral("q1-export.csv");
        first.preset = QStringLiteral("qualtrics");
        const qint64 a = writer.startImport(first);
        writer.addRejected(a, 7, 3, QStringLiteral("Q1"), QStringLiteral("eleven"),
                           QStringLiteral("not a 0-10 score"));
        writer.addRejected(a, 4, 3, QStringLiteral("Q1"), QStringLiteral("=HYPERLINK(\"x\")"),
                           QStringLiteral("not a 0-10 score"));
        writer.finishImport(a, ImportCounts{120, 110, 8, 2}, {QStringLiteral("dates read day-first")});
        clock.advanceSeconds(3600);
        ImportRecord second;
        second.fileName = QStringLiteral("q2-export.csv");
        const qint64 b = writer.startImport(second);
        writer.finishImport(b, ImportCounts{50, 50, 0, 0}, {});
        transaction.commit();
    }

    void listsImportsAndRejectedRows()
    {
        ImportsScreen screen;
        new QAbstractItemModelTester(screen.importsModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, &screen);
        new QAbstractItemModelTester(screen.rejectedModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, &screen);
        screen.show();
        FixedClock clock(test::demoNow());
        screen.setContext(ScreenContext{m_path, ResponseFilter{}, &clock, 0.95});
        screen.waitUntilLoaded();
        ImportsModel *imports = screen.importsModel();
        QCOMPARE(imports->rowCount(), 2);
        QCOMPARE(imports->index(0, ImportsModel::File).data().toString(), QStringLiteral("q2-export.csv"));
        QCOMPARE(imports->index(1, ImportsModel::File).data().toString(), QStringLiteral("q1-export.csv"));
        QCOMPARE(imports->index(1, ImportsModel::Imported).data().toLongLong(), 110);
        QCOMPARE(imports->index(1, ImportsModel::Duplicates).data().toLongLong(), 8);
        QCOMPARE(imports->index(1, ImportsModel::Rejected).data().toLongLong(), 2);
        QCOMPARE(imports->index(1, ImportsModel::Warnings).data().toString(),
                 QStringLiteral("dates read day-first"));
        QCOMPARE(imports->index(1, ImportsModel::Kind).data().toString(),
                 QStringLiteral("responses (qualtrics)"));

        // The newest import has no rejected rows; the older one has two, in line order.
        QCOMPARE(screen.rejectedModel()->rowCount(), 0);
        screen.selectImport(1);
        screen.waitUntilLoaded();
        RejectionsModel *rejected = screen.rejectedModel();
        QCOMPARE(rejected->rowCount(), 2);
        QCOMPARE(rejected->index(0, RejectionsModel::Line).data().toLongLong(), 4);
        QCOMPARE(rejected->index(1, RejectionsModel::Value).data().toString(), QStringLiteral("eleven"));
        QCOMPARE(rejected->index(1, RejectionsModel::Reason).data().toString(),
                 QStringLiteral("not a 0-10 score"));

        // Export through the save seam; formulas are neutralised.
        const QString csv = m_dir.filePath(QStringLiteral("rejected.csv"));
        QString suggested;
        screen.setSaveFileChooser([&](QWidget *, const QString &name) {
            suggested = name;
            return csv;
        });
        screen.exportRejected();
        screen.waitUntilLoaded();
        QCOMPARE(suggested, QStringLiteral("q1-export-rejected.csv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).trimmed(), QByteArray("line,column,column_name,value,reason"));
        QVERIFY2(lines.at(1).contains("'=HYPERLINK"), lines.at(1).constData());
        QVERIFY(lines.at(2).startsWith("7,3,Q1,eleven,"));
        QVERIFY(screen.messageText().contains(QStringLiteral("Exported 2 rejected rows")));
    }

    void emptyDatabaseSaysHowToImport()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.npsdb"));
        {
            Database db;
            db.open(path);
        }
        ImportsScreen screen;
        screen.show();
        FixedClock clock(test::demoNow());
        screen.setContext(ScreenContext{path, ResponseFilter{}, &clock, 0.95});
        screen.waitUntilLoaded();
        QCOMPARE(screen.importsModel()->rowCount(), 0);
        QVERIFY(screen.messageText().contains(QStringLiteral("File > Import")));
    }
};

QTEST_MAIN(TestImportsScreen)
#include "tst_imports_screen.moc"
