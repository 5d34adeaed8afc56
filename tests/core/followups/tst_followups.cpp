#include "comments/TagService.h"
#include "common/Error.h"
#include "followups/Contacts.h"
#include "followups/FollowupQueue.h"
#include "followups/SlaReport.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/SurveyWriter.h"
#include "store/Transaction.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace nps;

namespace {
qint64 utc(int y, int m, int d, int h, int min = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), Qt::UTC).toSecsSinceEpoch();
}
} // namespace

class TestFollowups : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    // A database with one import: detractors d1 (score 3), d2 (score 6), a passive
    // p1 (8) and a promoter (10), all on 2026-03-02 09:00 UTC (a Monday).
    QString makeDatabase(qint64 *importId, const SlaSettings &sla = {})
    {
        const QString path = m_dir.filePath(QStringLiteral("f%1.npsdb").arg(++m_counter));
        Database db;
        db.open(path);
        sla.save(db);
        FixedClock clock(QDateTime::fromSecsSinceEpoch(utc(2026, 3, 2, 10), Qt::UTC));
        Transaction t(db.connection());
        SurveyWriter writer(db, clock);
        ImportRecord record;
        record.fileName = QStringLiteral("q1.csv");
        const qint64 id = writer.startImport(record);
        const qint64 wave = writer.ensureWave(QStringLiteral("Q1"));
        const std::pair<const char *, int> rows[] = {{"d1", 3}, {"d2", 6}, {"p1", 8}, {"x1", 10}};
        for (const auto &[name, score] : rows) {
            ResponseRecord r;
            r.externalId = QString::fromLatin1(name);
            r.email = QStringLiteral("%1@example.com").arg(QString::fromLatin1(name));
            r.name = QStringLiteral("Person %1").arg(QString::fromLatin1(name));
            r.score = score;
            r.comment = QStringLiteral("comment of %1").arg(QString::fromLatin1(name));
            r.submittedAt = utc(2026, 3, 2, 9);
            writer.add(wave, id, r);
        }
        FollowupQueue(db, clock).enqueueForImport(id);
        t.commit();
        *importId = id;
        return path;
    }

    static qint64 followupOf(const Database &db, const QString &externalId)
    {
        return sql::scalar(
                   db.connection(),
                   QStringLiteral("SELECT f.id FROM followups f JOIN responses r ON r.id = f.response_id"
                                  " WHERE r.external_id = ?"),
                   {externalId})
            .toLongLong();
    }

private slots:
    void queueFollowsTheEntryRules_data()
    {
        QTest::addColumn<bool>("businessDays");
        QTest::addColumn<bool>("passives");
        QTest::addColumn<bool>("cutOff");
        QTest::newRow("plain hours") << false << false << false;
        QTest::newRow("passives too") << false << true << false;
        QTest::newRow("untracked before a date") << false << false << true;
        QTest::newRow("business days, passives, cut-off") << true << true << true;
    }

    // Plain hours are entered by one SQL statement, business days row by row in
    // C++; both must give what followupEntryFor() says for every response.
    void queueFollowsTheEntryRules()
    {
        QFETCH(bool, businessDays);
        QFETCH(bool, passives);
        QFETCH(bool, cutOff);
        SlaSettings sla;
        sla.businessDaysOnly = businessDays;
        sla.includePassives = passives;
        if (cutOff)
            sla.untrackedBefore = utc(2026, 3, 4, 0);
        const FixedClock clock(QDateTime::fromSecsSinceEpoch(utc(2026, 3, 9, 10), Qt::UTC));
        const qint64 now = clock.now().toSecsSinceEpoch();
        Database db;
        db.open(m_dir.filePath(QStringLiteral("e%1.npsdb").arg(++m_counter)));
        sla.save(db);
        Transaction t(db.connection());
        SurveyWriter writer(db, clock);
        ImportRecord record;
        record.fileName = QStringLiteral("mixed.csv");
        const qint64 importId = writer.startImport(record);
        const qint64 wave = writer.ensureWave(QStringLiteral("W"));
        QStringList expected;
        for (int i = 0; i < 44; ++i) {
            ResponseRecord r;
            r.externalId = QStringLiteral("r%1").arg(i % 40); // the last four are duplicates
            r.userId = QStringLiteral("u%1").arg(i % 13);
            r.score = i % 11;
            // Every few hours across a weekend and the cut-off; some undated.
            if (i % 9 != 4)
                r.submittedAt = utc(2026, 3, 2, 9) + qint64(i) * 5 * 3600;
            qint64 id = 0;
            if (writer.add(wave, importId, r, &id) != SurveyWriter::Outcome::Added)
                continue;
            if (const auto entry = followupEntryFor(r.score, r.submittedAt, now, sla)) {
                expected << QStringLiteral("%1|%2|%3|%4")
                                .arg(id)
                                .arg(QString::fromLatin1(entry->list))
                                .arg(entry->tracked ? 1 : 0)
                                .arg(entry->dueAt ? QString::number(*entry->dueAt) : QStringLiteral("NULL"));
            }
        }
        QCOMPARE(FollowupQueue(db, clock).enqueueForImport(importId), qint64(expected.size()));
        t.commit();
        QSqlQuery q =
            sql::run(db.connection(), QStringLiteral("SELECT response_id, list, tracked, due_at, status,"
                                                     " created_at FROM followups ORDER BY response_id"));
        QStringList actual;
        while (q.next()) {
            actual << QStringLiteral("%1|%2|%3|%4")
                          .arg(q.value(0).toLongLong())
                          .arg(q.value(1).toString())
                          .arg(q.value(2).toInt())
                          .arg(q.isNull(3) ? QStringLiteral("NULL") : q.value(3).toString());
            QCOMPARE(q.value(4).toString(), QStringLiteral("new"));
            QCOMPARE(q.value(5).toLongLong(), now);
        }
        QCOMPARE(actual, expected);
        // Undated detractors count as answered now: tracked, due now + the SLA.
        if (cutOff && !businessDays)
            QVERIFY(expected.contains(QStringLiteral("5|detractor|1|%1").arg(now + 48 * 3600)));
        // The cut-off splits the queue.
        if (cutOff) {
            QVERIFY(expected.join(QLatin1Char(',')).contains(QStringLiteral("|detractor|0|NULL")));
            QVERIFY(expected.join(QLatin1Char(',')).contains(QStringLiteral("|detractor|1|")));
        }
    }

    void deadlines_data()
    {
        QTest::addColumn<qint64>("submitted");
        QTest::addColumn<int>("hours");
        QTest::addColumn<bool>("businessDays");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<qint64>("expected");
        // Expected values worked out by hand from the calendar (2026-03-06 is a Friday).
        QTest::newRow("48 h plain, across a weekend")
            << utc(2026, 3, 6, 10) << 48 << false << "UTC" << utc(2026, 3, 8, 10);
        QTest::newRow("48 h business days from Friday 10:00: 14 h Fri + 24 h Mon + 10 h Tue")
            << utc(2026, 3, 6, 10) << 48 << true << "UTC" << utc(2026, 3, 10, 10);
        QTest::newRow("submitted on Saturday: the clock starts Monday 00:00")
            << utc(2026, 3, 7, 12) << 48 << true << "UTC" << utc(2026, 3, 11, 0);
        QTest::newRow("business days, weekday only")
            << utc(2026, 3, 3, 8) << 24 << true << "UTC" << utc(2026, 3, 4, 8);
        // Berlin switches to summer time on Sunday 2026-03-29. Friday 27th 12:00 CET
        // (11:00 UTC): 12 h Friday + 24 h Monday + 12 h Tuesday -> Tuesday 31st
        // 12:00 CEST = 10:00 UTC. Naive UTC arithmetic would give 11:00 UTC.
        QTest::newRow("business days across the DST change in Berlin")
            << utc(2026, 3, 27, 11) << 48 << true << "Europe/Berlin" << utc(2026, 3, 31, 10);
        // New York in UTC-5: Friday 17:00 local = 22:00 UTC; Friday has 7 h left,
        // Monday 24 h, Tuesday 17 h -> Tuesday 17:00 EST... DST starts 2026-03-08,
        // so Tuesday 10th 17:00 EDT = 21:00 UTC.
        QTest::newRow("business days in New York across its DST change")
            << utc(2026, 3, 6, 22) << 48 << true << "America/New_York" << utc(2026, 3, 10, 21);
        QTest::newRow("48 h plain across DST stays 48 real hours")
            << utc(2026, 3, 28, 12) << 48 << false << "Europe/Berlin" << utc(2026, 3, 30, 12);
    }

    void deadlines()
    {
        QFETCH(qint64, submitted);
        QFETCH(int, hours);
        QFETCH(bool, businessDays);
        QFETCH(QString, zone);
        QFETCH(qint64, expected);
        SlaSettings sla;
        sla.hours = hours;
        sla.businessDaysOnly = businessDays;
        sla.zone = QTimeZone(zone.toUtf8());
        QVERIFY(sla.zone.isValid());
        QCOMPARE(QDateTime::fromSecsSinceEpoch(deadlineFor(submitted, sla), Qt::UTC),
                 QDateTime::fromSecsSinceEpoch(expected, Qt::UTC));
    }

    void detractorsEnterTheQueueOnce()
    {
        qint64 importId = 0;
        const QString path = makeDatabase(&importId);
        Database db;
        db.open(path);
        FixedClock clock(QDateTime::fromSecsSinceEpoch(utc(2026, 3, 3, 9), Qt::UTC));
        FollowupQueue queue(db, clock);
        const QVector<FollowupItem> open = queue.items(QueueView::Open);
        QCOMPARE(open.size(), 2);
        QCOMPARE(open[0].dueAt.value(), utc(2026, 3, 4, 9));
        QCOMPARE(open[0].respondentEmail, QStringLiteral("d1@example.com"));
        // Re-running the enqueue (a re-import of the same file) adds nothing.
        QCOMPARE(queue.enqueueForImport(importId), 0);
        QCOMPARE(queue.enqueueAll(), 0);
        QCOMPARE(sql::scalar(db.connection(), QStringLiteral("SELECT count(*) FROM followups")).toInt(), 2);
        // Passives only when enabled, in their own list with no deadline.
        SlaSettings sla = queue.sla();
        sla.includePassives = true;
        sla.save(db);
        QCOMPARE(queue.enqueueAll(), 1);
        const QVector<FollowupItem> passives = queue.items(QueueView::Passives);
        QCOMPARE(passives.size(), 1);
        QVERIFY(!passives[0].dueAt);
        QCOMPARE(queue.items(QueueView::Open).size(), 2);
    }

    void countdownViews()
    {
        qint64 importId = 0;
        Database db;
        db.open(makeDatabase(&importId));
        // Deadline is 2026-03-04 09:00 UTC.
        FixedClock clock(QDateTime::fromSecsSinceEpoch(utc(2026, 3, 3, 20), Qt::UTC));
        FollowupQueue queue(db, clock);
        QCOMPARE(queue.items(QueueView::DueSoon).size(), 0); // 13 h left
        clock.setNow(QDateTime::fromSecsSinceEpoch(utc(2026, 3, 3, 22), Qt::UTC));
        QCOMPARE(queue.items(QueueView::DueSoon).size(), 2); // 11 h left
        QCOMPARE(queue.items(QueueView::DueSoon)[0].hoursLeft(clock.now().toSecsSinceEpoch()).value(), 11.0);
        clock.setNow(QDateTime::fromSecsSinceEpoch(utc(2026, 3, 4, 10), Qt::UTC));
        QCOMPARE(queue.items(QueueView::Overdue).size(), 2);
        QCOMPARE(queue.counts().overdue, 2);
        QCOMPARE(queue.counts().open, 2);
        // Contacting stops the countdown.
        queue.logContact(followupOf(db, QStringLiteral("d1")), QStringLiteral("Maria"));
        QCOMPARE(queue.counts().overdue, 1);
        QCOMPARE(queue.counts().open, 2);
    }

    void untrackedBackfill()
    {
        SlaSettings sla;
        sla.untrackedBefore = utc(2026, 3, 2, 10); // after the responses
        qint64 importId = 0;
        Database db;
        db.open(makeDatabase(&importId, sla));
        FixedClock clock(QDateTime::fromSecsSinceEpoch(utc(2026, 6, 1, 0), Qt::UTC));
        FollowupQueue queue(db, clock);
        QCOMPARE(queue.items(QueueView::Overdue).size(), 0);
        QCOMPARE(queue.items(QueueView::All).size(), 2);
        QVERIFY(!queue.items(QueueView::All)[0].tracked);
    }

    void slaChangedAfterImport()
    {
        qint64 importId = 0;
        Database db;
        db.open(makeDatabase(&importId));
        FixedClock clock(QDateTime::fromSecsSinceEpoch(utc(2026, 3, 2, 12), Qt::UTC));
        FollowupQueue queue(db, clock);
        queue.logContact(followupOf(db, QStringLiteral("d2")), QStringLiteral("Maria"));
        SlaSettings sla = queue.sla();
        sla.hours = 24;
        queue.setSla(sla);
        QCOMPARE(queue.item(followupOf(db, QStringLiteral("d1"))).dueAt.value(), utc(2026, 3, 3, 9));
        // A contacted item keeps the deadline it was measured against.
        QCOMPARE(queue.item(followupOf(db, QStringLiteral("d2"))).dueAt.value(), utc(2026, 3, 4, 9));
        QCOMPARE(SlaSettings::load(db).hours, 24);
        SlaSettings zero;
        zero.hours = 0;
        QVERIFY_THROWS_EXCEPTION(Error, queue.setSla(zero));
    }

    void transitions_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("rootCause");
        QTest::addColumn<bool>("allowed");
        const QStringList closed{QStringLiteral("resolved"), QStringLiteral("wont_fix"),
                                 QStringLiteral("unreachable")};
        QTest::newRow("new -> contacted") << "new"
                                          << "contacted"
                                          << "" << true;
        QTest::newRow("contacted -> contacted") << "contacted"
                                                << "contacted"
                                                << "" << false;
        QTest::newRow("new -> new") << "new"
                                    << "new"
                                    << "" << false;
        QTest::newRow("contacted -> new") << "contacted"
                                          << "new"
                                          << "" << false;
        for (const QString &c : closed) {
            QTest::addRow("new -> %s with cause", qPrintable(c)) << "new" << c << "Pricing" << true;
            QTest::addRow("contacted -> %s with cause", qPrintable(c)) << "contacted" << c << "bug" << true;
            QTest::addRow("contacted -> %s without cause", qPrintable(c)) << "contacted" << c << "" << false;
            QTest::addRow("contacted -> %s unknown cause", qPrintable(c))
                << "contacted" << c << "Aliens" << false;
            QTest::addRow("%s -> contacted", qPrintable(c)) << c << "contacted"
                                                            << "" << false;
            QTest::addRow("%s -> reopen", qPrintable(c)) << c << "open"
                                                         << "" << true;
        }
        QTest::newRow("new -> reopen") << "new"
                                       << "open"
                                       << "" << false;
        QTest::newRow("contacted -> reopen") << "contacted"
                                             << "open"
                                             << "" << false;
    }

    void transitions()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, rootCause);
        QFETCH(bool, allowed);
        qint64 importId = 0;
        Database db;
        db.open(makeDatabase(&importId));
        FixedClock clock(QDateTime::fromSecsSinceEpoch(utc(2026, 3, 2, 12), Qt::UTC));
        FollowupQueue queue(db, clock);
        const qint64 id = followupOf(db, QStringLiteral("d1"));
        const QString actor = QStringLiteral("Maria");
        // Bring the item to `from`.
        if (from != QLatin1String("new"))
            queue.setStatus(id, FollowupStatus::Contacted, actor);
        if (from != QLatin1String("new") && from != QLatin1String("contacted"))
            queue.setStatus(id, *statusFromKey(from), actor, QStringLiteral("Other"));
        const int eventsBefore = queue.history(id).size();
        const QString statusBefore = statusKey(queue.item(id).status);
        bool threw = false;
        try {
            if (to == QLatin1String("open"))
                queue.reopen(id, actor);
            else
                queue.setStatus(id, *statusFromKey(to), actor, rootCause);
        } catch (const Error &error) {
            threw = true;
            QCOMPARE(error.exitCode(), 2);
        }
        QCOMPARE(!threw, allowed);
        if (!allowed) {
            // Nothing changed: same status, no event.
            QCOMPARE(statusKey(queue.item(id).status), statusBefore);
            QCOMPARE(queue.history(id).size(), eventsBefore);
            return;
        }
        const FollowupItem item = queue.item(id);
        const QVector<FollowupEvent> events = queue.history(id);
        QCOMPARE(events.size(), eventsBefore + 1);
        QCOMPARE(events.last().actor, actor);
        QCOMPARE(events.last().at, clock.now().toSecsSinceEpoch());
        QCOMPARE(events.last().fromStatus, statusBefore);
        if (to == QLatin1String("open")) {
            QCOMPARE(item.status, FollowupStatus::Contacted); // it had been contacted before closing
            QVERIFY(!item.closedAt);
        } else {
            QCOMPARE(statusKey(item.status), to);
            if (isClosed(item.status)) {
                QVERIFY(!item.rootCause.isEmpty());
                QCOMPARE(item.closedAt.value(), clock.now().toSecsSinceEpoch());
            }
        }
    }

    void unknownIdAndAnonymousActorAreRefused()
    {
        qint64 importId = 0;
        Database db;
        db.open(makeDatabase(&importId));
        FollowupQueue queue(db, systemClock());
        QVERIFY_THROWS_EXCEPTION(Error,
                                 queue.setStatus(999, FollowupStatus::Contacted, QStringLiteral("Maria")));
        QVERIFY_THROWS_EXCEPTION(
            Error, queue.addNote(followupOf(db, QStringLiteral("d1")), QStringLiteral("x"), {}));
        QVERIFY_THROWS_EXCEPTION(Error, queue.addNote(followupOf(db, QStringLiteral("d1")),
                                                      QStringLiteral("  "), QStringLiteral("Maria")));
    }

    void notesSurviveReopeningTheDatabase()
    {
        qint64 importId = 0;
        const QString path = makeDatabase(&importId);
        qint64 id = 0;
        {
            Database db;
            db.open(path);
            FixedClock clock(QDateTime::fromSecsSinceEpoch(utc(2026, 3, 2, 12), Qt::UTC));
            FollowupQueue queue(db, clock);
            id = followupOf(db, QStringLiteral("d1"));
            queue.assign(id, QStringLiteral("Jonas"), QStringLiteral("Maria"));
            queue.addNote(id, QStringLiteral("Called, offered a discount — they'll think about it"),
                          QStringLiteral("Jonas"));
        }
        Database db;
        db.open(path);
        FollowupQueue queue(db, systemClock());
        const QVector<FollowupEvent> events = queue.history(id);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].kind, QStringLiteral("assign"));
        QCOMPARE(events[1].text, QStringLiteral("Called, offered a discount — they'll think about it"));
        QCOMPARE(queue.item(id).owner, QStringLiteral("Jonas"));
    }

    void takeNextAssignsEarliestUnowned()
    {
        qint64 importId = 0;
        Database db;
        db.open(makeDatabase(&importId));
        FollowupQueue queue(db, systemClock());
        const qint64 first = queue.takeNext(QStringLiteral("Priya"));
        QCOMPARE(first, followupOf(db, QStringLiteral("d1")));
        QCOMPARE(queue.takeNext(QStringLiteral("Priya")), followupOf(db, QStringLiteral("d2")));
        QCOMPARE(queue.takeNext(QStringLiteral("Priya")), 0);
        QCOMPARE(queue.items(QueueView::Mine, QStringLiteral("Priya")).size(), 2);
    }

    void laterAnswerRecovers()
    {
        qint64 importId = 0;
        Database db;
        db.open(makeDatabase(&importId));
        FixedClock clock(QDateTime::fromSecsSinceEpoch(utc(2026, 6, 1, 0), Qt::UTC));
        {
            Transaction t(db.connection());
            SurveyWriter writer(db, clock);
            const qint64 wave = writer.ensureWave(QStringLiteral("Q2"));
            ResponseRecord r;
            r.externalId = QStringLiteral("d1-later");
            r.email = QStringLiteral("D1@example.com");
            r.score = 9;
            r.submittedAt = utc(2026, 5, 20, 9);
            writer.add(wave, 0, r);
            t.commit();
        }
        FollowupQueue queue(db, clock);
        const FollowupItem item = queue.item(followupOf(db, QStringLiteral("d1")));
        QCOMPARE(item.laterScore.value(), 9);
        QVERIFY(item.recovered());
        QVERIFY(!queue.item(followupOf(db, QStringLiteral("d2"))).recovered());
        const SlaReport report = SlaReport::compute(db, clock);
        QCOMPARE(report.recovered, 1);
        QCOMPARE(report.answeredAgain, 1);
    }

    void slaReportNumbers()
    {
        qint64 importId = 0;
        Database db;
        db.open(makeDatabase(&importId));
        // d1 contacted after 10 h (in time), d2 after 60 h (late; deadline 48 h).
        FixedClock clock(QDateTime::fromSecsSinceEpoch(utc(2026, 3, 2, 19), Qt::UTC));
        FollowupQueue(db, clock).logContact(followupOf(db, QStringLiteral("d1")), QStringLiteral("Maria"));
        clock.setNow(QDateTime::fromSecsSinceEpoch(utc(2026, 3, 4, 21), Qt::UTC));
        FollowupQueue(db, clock).logContact(followupOf(db, QStringLiteral("d2")), QStringLiteral("Jonas"));
        clock.setNow(QDateTime::fromSecsSinceEpoch(utc(2026, 3, 10, 0), Qt::UTC));
        const SlaReport report = SlaReport::compute(db, clock);
        QCOMPARE(report.detractors, 2);
        QCOMPARE(report.due, 2);
        QCOMPARE(report.contactedInTime, 1);
        QCOMPARE(report.contactedInTimeRate().value(), 0.5);
        QCOMPARE(report.medianHoursToContact.value(), 35.0); // (10 + 60) / 2
        QCOMPARE(report.p90HoursToContact.value(), 60.0);    // nearest rank of 2 values
        QCOMPARE(report.byPeriod.size(), 1);
        QCOMPARE(report.byPeriod[0].period, QStringLiteral("2026Q1"));
    }

    void mailtoQuotesTheComment()
    {
        FollowupItem item;
        item.respondentName = QStringLiteral("Inés López");
        item.respondentEmail = QStringLiteral("ines@example.com");
        item.comment = QStringLiteral("Too expensive & slow");
        item.score = 3;
        const QUrl url = FollowupQueue::mailtoUrl(item, QStringLiteral("Maria"));
        QCOMPARE(url.scheme(), QStringLiteral("mailto"));
        QCOMPARE(url.path(), QStringLiteral("ines@example.com"));
        const QString body = QUrlQuery(url).queryItemValue(QStringLiteral("body"), QUrl::FullyDecoded);
        QVERIFY2(body.startsWith(QStringLiteral("Hi Inés,")), qPrintable(body));
        QVERIFY(body.contains(QStringLiteral("> Too expensive & slow")));
        QVERIFY(body.endsWith(QStringLiteral("Maria")));
    }

    void contactListsByGroup()
    {
        qint64 importId = 0;
        Database db;
        db.open(makeDatabase(&importId));
        const DataTable passives = contactList(db, QStringLiteral("passive"), {});
        QCOMPARE(passives.rows.size(), 1);
        QCOMPARE(passives.rows[0][0].toString(), QStringLiteral("p1@example.com"));
        QCOMPARE(contactList(db, QStringLiteral("detractor"), {}).rows.size(), 2);
        // Like every comment export, the list carries the star and the tags.
        QCOMPARE(passives.columns.mid(5),
                 (QStringList{QStringLiteral("comment"), QStringLiteral("starred"), QStringLiteral("tags")}));
        QCOMPARE(passives.rows[0][6].toBool(), false);
        QCOMPARE(passives.rows[0][7].toString(), QString());
        const qint64 response =
            sql::scalar(db.connection(),
                        QStringLiteral("SELECT r.id FROM responses r JOIN respondents p ON"
                                       " p.id = r.respondent_id WHERE p.email = ?"),
                        {QStringLiteral("p1@example.com")})
                .toLongLong();
        FixedClock clock(QDateTime::fromSecsSinceEpoch(utc(2026, 6, 1, 0), Qt::UTC));
        TagService tags(db, clock);
        tags.addTag(tags.create(QStringLiteral("Pricing")), {response});
        tags.addTag(tags.create(QStringLiteral("Case study")), {response});
        tags.setStarred({response}, true);
        const DataTable tagged = contactList(db, QStringLiteral("passive"), {});
        QCOMPARE(tagged.rows[0][6].toBool(), true);
        QCOMPARE(tagged.rows[0][7].toString(), QStringLiteral("Case study; Pricing"));
        QVERIFY_THROWS_EXCEPTION(Error, contactList(db, QStringLiteral("fans"), {}));
    }
};

QTEST_GUILESS_MAIN(TestFollowups)
#include "tst_followups.moc"
