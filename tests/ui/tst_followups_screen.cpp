#include "UiFixture.h"
#include "followups/FollowupModel.h"
#include "followups/FollowupQueue.h"
#include "followups/FollowupsScreen.h"
#include "followups/SlaReport.h"
#include "store/Sql.h"
#include "store/SurveyWriter.h"
#include "store/Transaction.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

using namespace nps;
using namespace nps::ui;

namespace {

// Three fresh detractors nobody owns yet, queued the way the importer does it.
QString makeFreshQueue(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("fresh.npsdb"));
    Database db;
    db.open(path);
    FixedClock clock(test::demoNow());
    Transaction transaction(db.connection());
    SurveyWriter writer(db, clock);
    ImportRecord record;
    record.fileName = QStringLiteral("fresh.csv");
    const qint64 importId = writer.startImport(record);
    const qint64 wave = writer.ensureWave(QStringLiteral("Wave"));
    const int hoursAgo[] = {10, 40, 30};
    for (int i = 0; i < 3; ++i) {
        ResponseRecord r;
        r.userId = QStringLiteral("U%1").arg(i);
        r.email = QStringLiteral("u%1@example.com").arg(i);
        r.name = QStringLiteral("User %1").arg(i);
        r.submittedAt = test::demoNow().toSecsSinceEpoch() - hoursAgo[i] * 3600;
        r.score = 3;
        r.comment = QStringLiteral("Too slow");
        writer.add(wave, importId, r);
    }
    writer.finishImport(importId, {}, {});
    FollowupQueue(db, clock).enqueueForImport(importId);
    transaction.commit();
    return path;
}

} // namespace

class TestFollowupsScreen : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateSettings(m_dir);
        m_path = test::makeDemoDatabase(m_dir);
    }

    void countdownColours_data()
    {
        QTest::addColumn<qint64>("secondsLeft");
        QTest::addColumn<int>("urgency");
        QTest::addColumn<QString>("colour");
        QTest::addColumn<QString>("text");
        QTest::newRow("12 h exactly") << qint64(12 * 3600) << int(FollowupModel::Comfortable) << QString()
                                      << QStringLiteral("12 h left");
        QTest::newRow("just under 12 h") << qint64(12 * 3600 - 1) << int(FollowupModel::DueSoon)
                                         << QStringLiteral("#d68910") << QStringLiteral("11 h left");
        QTest::newRow("due now") << qint64(0) << int(FollowupModel::DueSoon) << QStringLiteral("#d68910")
                                 << QStringLiteral("0 min left");
        QTest::newRow("one second late") << qint64(-1) << int(FollowupModel::Overdue)
                                         << QStringLiteral("#c0392b") << QStringLiteral("overdue by 0 min");
        QTest::newRow("3 h late") << qint64(-3 * 3600) << int(FollowupModel::Overdue)
                                  << QStringLiteral("#c0392b") << QStringLiteral("overdue by 3 h");
        QTest::newRow("5 h left") << qint64(5 * 3600) << int(FollowupModel::DueSoon)
                                  << QStringLiteral("#d68910") << QStringLiteral("5 h left");
        QTest::newRow("3 days left") << qint64(74 * 3600) << int(FollowupModel::Comfortable) << QString()
                                     << QStringLiteral("3 d 2 h left");
    }
    void countdownColours()
    {
        QFETCH(qint64, secondsLeft);
        QFETCH(int, urgency);
        QFETCH(QString, colour);
        QFETCH(QString, text);
        const qint64 now = 1'780'000'000;
        FollowupItem item;
        item.id = 1;
        item.list = QStringLiteral("detractor");
        item.dueAt = now + secondsLeft;
        FollowupItem closed = item;
        closed.id = 2;
        closed.status = FollowupStatus::Resolved;
        closed.rootCause = QStringLiteral("Bug");
        FollowupModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setItems({item, closed}, now);
        const QModelIndex cell = model.index(0, FollowupModel::Countdown);
        QCOMPARE(cell.data().toString(), text);
        QCOMPARE(cell.data(FollowupModel::UrgencyRole).toInt(), urgency);
        const QVariant fg = cell.data(Qt::ForegroundRole);
        QCOMPARE(fg.isValid() ? fg.value<QColor>().name() : QString(), colour);
        // A closed item shows its root cause and no colour.
        QCOMPARE(model.index(1, FollowupModel::Countdown).data().toString(), QStringLiteral("Bug"));
        QVERIFY(!model.index(1, FollowupModel::Countdown).data(Qt::ForegroundRole).isValid());
    }

    void modelOnDemoData()
    {
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        FixedClock clock(test::demoNow());
        const QVector<FollowupItem> items = FollowupQueue(db, clock).items(QueueView::Open);
        QVERIFY(items.size() > 5);
        FollowupModel model;
        FollowupProxy proxy;
        QAbstractItemModelTester sourceTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.sort(FollowupModel::Countdown);
        model.setItems(items, clock.now().toSecsSinceEpoch());
        QCOMPARE(proxy.rowCount(), items.size());
        // Sorted by deadline: every row's deadline is at or after the previous one.
        for (int row = 1; row < proxy.rowCount(); ++row) {
            QVERIFY(proxy.index(row, 0).data(FollowupModel::SortRole).toLongLong() >=
                    proxy.index(row - 1, 0).data(FollowupModel::SortRole).toLongLong());
        }
        const QString name = proxy.index(0, FollowupModel::Respondent).data().toString();
        proxy.setSearchText(name);
        QVERIFY(proxy.rowCount() >= 1);
        QVERIFY(proxy.rowCount() < items.size());
        model.setNow(clock.now().toSecsSinceEpoch() + 3600);
    }

    void takeAndCloseUpdateTheDatabase()
    {
        FixedClock clock(test::demoNow());
        FollowupsScreen screen;
        screen.resize(1200, 700);
        QSignalSpy counts(&screen, &FollowupsScreen::queueCountsChanged);
        screen.setOwnerName(QStringLiteral("Tess Tester"));
        QCOMPARE(QSettings().value(QStringLiteral("followups/owner")).toString(),
                 QStringLiteral("Tess Tester"));
        const QString path = makeFreshQueue(m_dir);
        screen.setContext(ScreenContext{path, {}, &clock});
        screen.waitUntilLoaded();
        QVERIFY(!counts.isEmpty());
        Database db;
        db.open(path, Database::Mode::ExistingOnly);
        const FollowupQueue::Counts expected = FollowupQueue(db, clock).counts();
        QCOMPARE(counts.last().at(0).toLongLong(), expected.overdue);
        QCOMPARE(counts.last().at(1).toLongLong(), expected.dueSoon);
        const QString mine = QStringLiteral("SELECT count(*) FROM followups WHERE owner = 'Tess Tester'");
        QCOMPARE(sql::scalar(db.connection(), mine).toInt(), 0);

        screen.takeNext();
        screen.waitUntilLoaded();
        QCOMPARE(sql::scalar(db.connection(), mine).toInt(), 1);
        const qint64 id = sql::scalar(db.connection(),
                                      QStringLiteral("SELECT id FROM followups WHERE owner = 'Tess Tester'"))
                              .toLongLong();
        QCOMPARE(screen.currentId(), id);
        // The earliest deadline: the answer of 40 hours ago, 8 hours left.
        QCOMPARE(FollowupQueue(db, clock).item(id).respondentName, QStringLiteral("User 1"));
        QCOMPARE(counts.last().at(1).toLongLong(), 1);

        if (FollowupQueue(db, clock).item(id).status == FollowupStatus::New) {
            screen.markContacted();
            screen.waitUntilLoaded();
        }
        QCOMPARE(FollowupQueue(db, clock).item(id).status, FollowupStatus::Contacted);

        // Cancelling the root-cause dialog changes nothing.
        int asked = 0;
        screen.setRootCausePicker(
            [&asked](const QStringList &causes) -> std::optional<std::pair<QString, QString>> {
                ++asked;
                if (!causes.contains(QStringLiteral("Bug")))
                    return std::make_pair(QStringLiteral("?"), QString());
                return std::nullopt;
            });
        screen.closeCurrent(FollowupStatus::Resolved);
        screen.waitUntilLoaded();
        QCOMPARE(asked, 1);
        QCOMPARE(FollowupQueue(db, clock).item(id).status, FollowupStatus::Contacted);

        screen.setRootCausePicker([](const QStringList &) -> std::optional<std::pair<QString, QString>> {
            return std::make_pair(QStringLiteral("Bug"), QStringLiteral("Fix shipped in 4.2"));
        });
        screen.closeCurrent(FollowupStatus::Resolved);
        screen.waitUntilLoaded();
        const FollowupItem closed = FollowupQueue(db, clock).item(id);
        QCOMPARE(closed.status, FollowupStatus::Resolved);
        QCOMPARE(closed.rootCause, QStringLiteral("Bug"));
        const QVector<FollowupEvent> history = FollowupQueue(db, clock).history(id);
        bool noted = false;
        for (const FollowupEvent &e : history)
            noted = noted || (e.kind == QLatin1String("status") && e.toStatus == QLatin1String("resolved") &&
                              e.text.contains(QLatin1String("Fix shipped in 4.2")) &&
                              e.actor == QLatin1String("Tess Tester"));
        QVERIFY(noted);
    }

    void contactOpensMailAndLogs()
    {
        FixedClock clock(test::demoNow());
        FollowupsScreen screen;
        screen.setOwnerName(QStringLiteral("Tess Tester"));
        screen.setContext(ScreenContext{m_path, {}, &clock});
        screen.setView(FollowupsScreen::View::Overdue);
        screen.waitUntilLoaded();
        QVERIFY(screen.model()->rowCount() > 0);
        const qint64 id = screen.currentId();
        QVERIFY(id > 0);
        QUrl opened;
        screen.setUrlOpener([&opened](const QUrl &url) {
            opened = url;
            return true;
        });
        screen.contactCurrent();
        screen.waitUntilLoaded();
        QCOMPARE(opened.scheme(), QStringLiteral("mailto"));
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        QCOMPARE(opened.path(), FollowupQueue(db, clock).item(id).respondentEmail);
        QCOMPARE(sql::scalar(
                     db.connection(),
                     QStringLiteral("SELECT count(*) FROM followup_events WHERE followup_id = ? AND kind = "
                                    "'contact' AND actor = 'Tess Tester'"),
                     {id})
                     .toInt(),
                 1);
    }

    void slaReportShowsRatesAsPercentages()
    {
        FixedClock clock(test::demoNow());
        FollowupsScreen screen;
        screen.setContext(ScreenContext{m_path, {}, &clock});
        screen.setView(FollowupsScreen::View::SlaReport);
        screen.waitUntilLoaded();
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        const SlaReport report = SlaReport::compute(db, clock);
        QVERIFY(!report.byPeriod.isEmpty());
        const SlaReport::PeriodRow &last = report.byPeriod.last();
        QVERIFY(last.due > 0);
        const QString percent =
            QStringLiteral("%1%").arg(100.0 * double(last.contactedInTime) / double(last.due), 0, 'f', 1);
        QTextBrowser *browser = nullptr;
        for (QTextBrowser *b : screen.findChildren<QTextBrowser *>()) {
            if (b->accessibleName() == QLatin1String("SLA report"))
                browser = b;
        }
        QVERIFY(browser);
        const QString text = browser->toPlainText();
        const QString byQuarter = text.mid(text.indexOf(QLatin1String("By quarter")));
        QVERIFY2(byQuarter.contains(percent), qPrintable(byQuarter));
        // Not the fraction the CSV export carries.
        QVERIFY2(!byQuarter.contains(QLatin1String("0.")), qPrintable(byQuarter));
    }

    void exportsPassivesThroughTheSeam()
    {
        FixedClock clock(test::demoNow());
        FollowupsScreen screen;
        screen.setContext(ScreenContext{m_path, {}, &clock});
        screen.waitUntilLoaded();
        const QString out = m_dir.filePath(QStringLiteral("passives.csv"));
        screen.setSaveFilePicker([out](const QString &) { return out; });
        screen.exportContacts(QStringLiteral("passive"));
        screen.waitUntilLoaded();
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray header = file.readLine();
        QVERIFY2(header.contains("email"), header.constData());
        QVERIFY(!file.readLine().isEmpty());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_MAIN(TestFollowupsScreen)
#include "tst_followups_screen.moc"
