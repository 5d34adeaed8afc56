#include "FollowupFixture.h"
#include "common/Error.h"
#include "store/Sql.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace nps;
using namespace nps::test;

Q_DECLARE_METATYPE(nps::FollowupStatus)

namespace {

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

int countRows(Database &db, const QString &statement, const QVariantList &values = {})
{
    return sql::scalar(db.connection(), statement, values).toInt();
}

} // namespace

class TestFollowupQueue : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = std::make_unique<Database>();
        m_path = m_dir.filePath(QStringLiteral("q%1.npsdb").arg(++m_counter));
        m_db->open(m_path);
        m_clock.setNow(utc("2026-03-06T12:00:00Z"));
    }
    void cleanup() { m_db.reset(); }

    void deadline_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<bool>("business");
        QTest::addColumn<QVector<int>>("days");
        QTest::addColumn<QString>("submitted");
        QTest::addColumn<QString>("expected");
        const QVector<int> weekdays{1, 2, 3, 4, 5};
        const QVector<int> everyDay{1, 2, 3, 4, 5, 6, 7};
        QTest::newRow("48h across a weekend")
            << QByteArray("UTC") << false << weekdays << "2026-03-06T10:00:00Z"
            << "2026-03-08T10:00:00Z";
        QTest::newRow("48 business hours from Friday")
            << QByteArray("UTC") << true << weekdays << "2026-03-06T10:00:00Z"
            << "2026-03-10T10:00:00Z";
        QTest::newRow("answered on Saturday")
            << QByteArray("UTC") << true << weekdays << "2026-03-07T12:00:00Z"
            << "2026-03-11T00:00:00Z";
        QTest::newRow("Sunday-Thursday week")
            << QByteArray("Asia/Dubai") << true << QVector<int>{7, 1, 2, 3, 4} << "2026-03-05T06:00:00Z"
            << "2026-03-09T06:00:00Z";
        QTest::newRow("DST spring, elapsed hours")
            << QByteArray("Europe/Berlin") << false << weekdays << "2026-03-28T11:00:00Z"
            << "2026-03-30T11:00:00Z";
        QTest::newRow("DST spring, business days")
            << QByteArray("Europe/Berlin") << true << weekdays << "2026-03-27T09:00:00Z"
            << "2026-03-31T08:00:00Z";
        QTest::newRow("DST spring, 23h Sunday counted")
            << QByteArray("Europe/Berlin") << true << everyDay << "2026-03-28T11:00:00Z"
            << "2026-03-30T11:00:00Z";
        QTest::newRow("DST autumn, business days")
            << QByteArray("America/New_York") << true << weekdays << "2026-10-30T14:00:00Z"
            << "2026-11-03T15:00:00Z";
    }
    void deadline()
    {
        QFETCH(QByteArray, zone);
        QFETCH(bool, business);
        QFETCH(QVector<int>, days);
        QFETCH(QString, submitted);
        QFETCH(QString, expected);
        SlaSettings sla;
        sla.timeZone = zone;
        sla.businessHours = business;
        sla.workingDays = days;
        QCOMPARE(computeDeadline(QDateTime::fromString(submitted, Qt::ISODate), sla).toString(Qt::ISODate),
                 expected);

        // The import path stores the same deadline.
        FollowupQueue queue(*m_db, m_clock);
        queue.setSettings(sla);
        importAnswers(*m_db, m_clock, {{QStringLiteral("U1"), submitted, 3, {}}});
        const QVector<FollowupItem> items = queue.list(QueueView::Open);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0].due.toString(Qt::ISODate), expected);
    }

    void slaChangedAfterImport()
    {
        FollowupQueue queue(*m_db, m_clock);
        importAnswers(*m_db, m_clock,
                      {{QStringLiteral("U1"), QStringLiteral("2026-03-05T10:00:00Z"), 2, {}},
                       {QStringLiteral("U2"), QStringLiteral("2026-03-05T11:00:00Z"), 4, {}}});
        const QVector<FollowupItem> before = queue.list(QueueView::Open);
        QCOMPARE(before[0].due, utc("2026-03-07T10:00:00Z"));
        queue.setStatus(before[1].id, FollowupStatus::Contacted, QStringLiteral("Ana"));
        SlaSettings sla = queue.settings();
        sla.hours = 24;
        queue.setSettings(sla);
        QCOMPARE(queue.settings().hours, 24);
        QCOMPARE(queue.item(before[0].id).due, utc("2026-03-06T10:00:00Z"));
        // Already contacted: judged by the deadline it had.
        QCOMPARE(queue.item(before[1].id).due, utc("2026-03-07T11:00:00Z"));
        // Overdue now (12:00 on the 6th) under the new SLA.
        QCOMPARE(queue.counts().overdue, 1);
    }

    void enqueueIsIdempotent()
    {
        const QVector<Answer> answers{{QStringLiteral("U1"), QStringLiteral("2026-03-05T10:00:00Z"), 2, {}},
                                      {QStringLiteral("U2"), QStringLiteral("2026-03-05T10:00:00Z"), 7, {}},
                                      {QStringLiteral("U3"), QStringLiteral("2026-03-05T10:00:00Z"), 10, {}},
                                      {QStringLiteral("U4"), QStringLiteral("2026-03-05T10:00:00Z"), 6, {}}};
        const qint64 importId = importAnswers(*m_db, m_clock, answers);
        QCOMPARE(countRows(*m_db, QStringLiteral("SELECT count(*) FROM followups")), 2);
        FollowupQueue queue(*m_db, m_clock);
        {
            Transaction t(m_db->connection());
            QCOMPARE(queue.enqueueForImport(importId), 0);
            t.commit();
        }
        // The same file again: the writer skips the duplicates, the queue too.
        importAnswers(*m_db, m_clock, answers);
        QCOMPARE(queue.enqueueAll(), 0);
        QCOMPARE(countRows(*m_db, QStringLiteral("SELECT count(*) FROM followups")), 2);
        QCOMPARE(
            countRows(*m_db, QStringLiteral("SELECT count(*) FROM followup_events WHERE kind = 'created'")),
            2);
        // Passives join their own list once the setting is on; promoters never.
        SlaSettings sla = queue.settings();
        sla.enqueuePassives = true;
        queue.setSettings(sla);
        QCOMPARE(queue.enqueueAll(), 1);
        const QVector<FollowupItem> passives = queue.list(QueueView::Passives);
        QCOMPARE(passives.size(), 1);
        QCOMPARE(passives[0].score, 7);
        QVERIFY(!passives[0].due.isValid());
        QCOMPARE(queue.list(QueueView::Open).size(), 2);
    }

    void cutoffEntersNotTracked()
    {
        FollowupQueue queue(*m_db, m_clock);
        SlaSettings sla;
        sla.trackCutoffDays = 30;
        queue.setSettings(sla);
        importAnswers(*m_db, m_clock,
                      {{QStringLiteral("Old"), QStringLiteral("2025-06-01T10:00:00Z"), 1, {}},
                       {QStringLiteral("New"), QStringLiteral("2026-03-01T10:00:00Z"), 1, {}}});
        const QVector<FollowupItem> open = queue.list(QueueView::Open);
        QCOMPARE(open.size(), 2);
        QCOMPARE(open[0].name, QStringLiteral("New Tester"));
        QVERIFY(open[0].tracked);
        QVERIFY(!open[1].tracked);
        QVERIFY(!open[1].due.isValid());
        QCOMPARE(queue.list(QueueView::Overdue).size(), 1);
        QCOMPARE(queue.counts().overdue, 1);
        QCOMPARE(queue.report().detractors, 1);
    }

    void transitions_data()
    {
        QTest::addColumn<FollowupStatus>("from");
        QTest::addColumn<FollowupStatus>("to");
        QTest::addColumn<bool>("allowed");
        using S = FollowupStatus;
        const QVector<S> all{S::New, S::Contacted, S::Resolved, S::WontFix, S::Unreachable};
        const QVector<QPair<S, S>> allowed{
            {S::New, S::Contacted},      {S::New, S::WontFix},        {S::New, S::Unreachable},
            {S::Contacted, S::Resolved}, {S::Contacted, S::WontFix},  {S::Contacted, S::Unreachable},
            {S::Resolved, S::New},       {S::Resolved, S::Contacted}, {S::WontFix, S::New},
            {S::WontFix, S::Contacted},  {S::Unreachable, S::New},    {S::Unreachable, S::Contacted}};
        for (S from : all) {
            for (S to : all) {
                QTest::addRow("%s -> %s", qPrintable(statusKey(from)), qPrintable(statusKey(to)))
                    << from << to << allowed.contains(qMakePair(from, to));
            }
        }
    }
    void transitions()
    {
        QFETCH(FollowupStatus, from);
        QFETCH(FollowupStatus, to);
        QFETCH(bool, allowed);
        QCOMPARE(isTransitionAllowed(from, to), allowed);
        importAnswers(*m_db, m_clock,
                      {{QStringLiteral("U1"), QStringLiteral("2026-03-05T10:00:00Z"), 2, {}}});
        FollowupQueue queue(*m_db, m_clock);
        const qint64 id = queue.list(QueueView::Open).first().id;
        const QString cause = QStringLiteral("Bug");
        if (from == FollowupStatus::Contacted || from == FollowupStatus::Resolved)
            queue.setStatus(id, FollowupStatus::Contacted, QStringLiteral("Ana"));
        if (from != FollowupStatus::New && from != FollowupStatus::Contacted)
            queue.setStatus(id, from, QStringLiteral("Ana"), cause);
        QCOMPARE(queue.item(id).status, from);
        m_clock.advanceSeconds(3600);
        const int eventsBefore = queue.history(id).size();
        bool refused = false;
        try {
            queue.setStatus(id, to, QStringLiteral("Ben"), cause, QStringLiteral("why"));
        } catch (const Error &error) {
            QCOMPARE(error.kind(), Error::Kind::BadInput);
            QCOMPARE(error.exitCode(), 2);
            refused = true;
        }
        QCOMPARE(refused, !allowed);
        const FollowupItem item = queue.item(id);
        const QVector<FollowupEvent> history = queue.history(id);
        if (!allowed) {
            QCOMPARE(item.status, from);
            QCOMPARE(history.size(), eventsBefore);
            return;
        }
        QCOMPARE(item.status, to);
        QCOMPARE(history.size(), eventsBefore + 2);
        const FollowupEvent &change = history[history.size() - 2];
        QCOMPARE(change.kind, QStringLiteral("status"));
        QCOMPARE(change.fromStatus, statusKey(from));
        QCOMPARE(change.toStatus, statusKey(to));
        QCOMPARE(change.actor, QStringLiteral("Ben"));
        QCOMPARE(change.at, m_clock.now());
        QCOMPARE(history.last().text, QStringLiteral("why"));
        QCOMPARE(item.rootCause, isClosed(to) ? cause : QString());
        QCOMPARE(item.closed.isValid(), isClosed(to));
    }

    void closingNeedsKnownRootCause()
    {
        importAnswers(*m_db, m_clock,
                      {{QStringLiteral("U1"), QStringLiteral("2026-03-05T10:00:00Z"), 2, {}}});
        FollowupQueue queue(*m_db, m_clock);
        const qint64 id = queue.list(QueueView::Open).first().id;
        queue.setStatus(id, FollowupStatus::Contacted, QStringLiteral("Ana"));
        const int events = queue.history(id).size();
        QVERIFY_THROWS_EXCEPTION(Error, queue.setStatus(id, FollowupStatus::Resolved, QStringLiteral("Ana")));
        QVERIFY_THROWS_EXCEPTION(Error, queue.setStatus(id, FollowupStatus::Resolved, QStringLiteral("Ana"),
                                                        QStringLiteral("Weather")));
        QCOMPARE(queue.item(id).status, FollowupStatus::Contacted);
        QCOMPARE(queue.history(id).size(), events);
        // The team edits the list.
        queue.addRootCause(QStringLiteral("Weather"));
        QVERIFY(queue.rootCauses().contains(QStringLiteral("Weather")));
        queue.setStatus(id, FollowupStatus::Resolved, QStringLiteral("Ana"), QStringLiteral("weather"));
        QCOMPARE(queue.item(id).rootCause, QStringLiteral("Weather"));
        // Reopening a contacted item returns it to Contacted and keeps the first contact.
        const QDateTime contact = queue.item(id).firstContact;
        queue.reopen(id, QStringLiteral("Ana"));
        QCOMPARE(queue.item(id).status, FollowupStatus::Contacted);
        QCOMPARE(queue.item(id).firstContact, contact);
        QVERIFY_THROWS_EXCEPTION(Error, queue.reopen(id, QStringLiteral("Ana")));
    }

    void unknownIdIsRefused()
    {
        FollowupQueue queue(*m_db, m_clock);
        QVERIFY_THROWS_EXCEPTION(Error,
                                 queue.setStatus(42, FollowupStatus::Contacted, QStringLiteral("Ana")));
        QVERIFY_THROWS_EXCEPTION(Error, queue.addNote(42, QStringLiteral("x"), QStringLiteral("Ana")));
        QVERIFY_THROWS_EXCEPTION(Error, queue.assign(42, QStringLiteral("Ana"), QStringLiteral("Ana")));
        QCOMPARE(countRows(*m_db, QStringLiteral("SELECT count(*) FROM followup_events")), 0);
    }

    void notesSurviveReopeningTheDatabase()
    {
        importAnswers(*m_db, m_clock,
                      {{QStringLiteral("U1"), QStringLiteral("2026-03-05T10:00:00Z"), 2, {}}});
        qint64 id = 0;
        {
            FollowupQueue queue(*m_db, m_clock);
            id = queue.list(QueueView::Open).first().id;
            queue.assign(id, QStringLiteral("Ana"), QStringLiteral("Lead"));
            queue.addNote(id, QStringLiteral("Called, left a voicemail"), QStringLiteral("Ana"));
            m_clock.advanceSeconds(60);
            queue.logContact(id, QStringLiteral("Ana"), {});
            queue.addNote(id, QStringLiteral("Offered a training session — accepted"), QStringLiteral("Ana"));
        }
        m_db->close();
        Database reopened;
        reopened.open(m_path, Database::Mode::ExistingOnly);
        FollowupQueue queue(reopened, m_clock);
        const QVector<FollowupEvent> history = queue.history(id);
        QStringList kinds, notes;
        for (const FollowupEvent &e : history) {
            kinds << e.kind;
            if (e.kind == QLatin1String("note"))
                notes << e.text;
        }
        QCOMPARE(kinds, (QStringList{"created", "assign", "note", "contact", "status", "note"}));
        QCOMPARE(notes, (QStringList{"Called, left a voicemail", "Offered a training session — accepted"}));
        QCOMPARE(history[1].actor, QStringLiteral("Lead"));
        const FollowupItem item = queue.item(id);
        QCOMPARE(item.owner, QStringLiteral("Ana"));
        QCOMPARE(item.status, FollowupStatus::Contacted);
        QCOMPARE(item.firstContact, m_clock.now());
        QCOMPARE(item.attributes.size(), 1);
        QCOMPARE(item.attributes[0].second, QStringLiteral("Pro"));
    }

    void laterAnswerUpdatesRecovered()
    {
        importAnswers(*m_db, m_clock,
                      {{QStringLiteral("U1"), QStringLiteral("2025-10-05T10:00:00Z"), 2, {}},
                       {QStringLiteral("U2"), QStringLiteral("2025-10-05T10:00:00Z"), 5, {}}});
        FollowupQueue queue(*m_db, m_clock);
        QCOMPARE(queue.report().recovered, 0);
        importAnswers(*m_db, m_clock,
                      {{QStringLiteral("U1"), QStringLiteral("2026-01-05T10:00:00Z"), 8, {}},
                       {QStringLiteral("U2"), QStringLiteral("2026-01-06T10:00:00Z"), 6, {}}},
                      QStringLiteral("q1.csv"));
        const QVector<FollowupItem> items = queue.list(QueueView::Open);
        QCOMPARE(items.size(), 3); // U2's second answer is a detractor again
        QHash<QString, FollowupItem> byUser;
        for (const FollowupItem &item : items)
            if (item.submitted.date().year() == 2025)
                byUser.insert(item.userId, item);
        QCOMPARE(byUser.value(QStringLiteral("U1")).laterScore, 8);
        QVERIFY(byUser.value(QStringLiteral("U1")).recovered);
        QCOMPARE(byUser.value(QStringLiteral("U2")).laterScore, 6);
        QVERIFY(!byUser.value(QStringLiteral("U2")).recovered);
        QCOMPARE(queue.report().recovered, 1);
    }

    void takeNextPicksEarliestDeadline()
    {
        importAnswers(*m_db, m_clock,
                      {{QStringLiteral("U1"), QStringLiteral("2026-03-05T10:00:00Z"), 2, {}},
                       {QStringLiteral("U2"), QStringLiteral("2026-03-04T10:00:00Z"), 2, {}},
                       {QStringLiteral("U3"), QStringLiteral("2026-03-03T10:00:00Z"), 2, {}}});
        FollowupQueue queue(*m_db, m_clock);
        const QVector<FollowupItem> open = queue.list(QueueView::Open);
        queue.assign(open[0].id, QStringLiteral("Ben"), QStringLiteral("Ben"));
        const auto taken = queue.takeNext(QStringLiteral("Ana"));
        QVERIFY(taken);
        QCOMPARE(*taken, open[1].id);
        QCOMPARE(queue.list(QueueView::Mine, QStringLiteral("Ana")).size(), 1);
        QVERIFY_THROWS_EXCEPTION(Error, queue.takeNext(QString()));
    }

    void slaReport()
    {
        importAnswers(*m_db, m_clock,
                      {{QStringLiteral("U1"), QStringLiteral("2026-03-01T00:00:00Z"), 2, {}},
                       {QStringLiteral("U2"), QStringLiteral("2026-03-01T00:00:00Z"), 2, {}},
                       {QStringLiteral("U3"), QStringLiteral("2026-03-01T00:00:00Z"), 2, {}},
                       {QStringLiteral("U4"), QStringLiteral("2026-03-01T00:00:00Z"), 2, {}},
                       {QStringLiteral("U5"), QStringLiteral("2026-03-06T06:00:00Z"), 2, {}}});
        FollowupQueue queue(*m_db, m_clock);
        const QVector<FollowupItem> items = queue.list(QueueView::Open);
        const int hours[] = {10, 20, 60};
        for (int i = 0; i < 3; ++i) {
            m_clock.setNow(utc("2026-03-01T00:00:00Z").addSecs(hours[i] * 3600));
            queue.setStatus(items[i].id, FollowupStatus::Contacted, QStringLiteral("Ana"));
        }
        m_clock.setNow(utc("2026-03-06T12:00:00Z"));
        const SlaReport report = queue.report();
        QCOMPARE(report.detractors, 5);
        QCOMPARE(report.judged, 4); // U5 is neither contacted nor due yet
        QCOMPARE(report.contactedInTime, 2);
        QCOMPARE(report.contactedInTimePercent, 50.0);
        QCOMPARE(*report.medianHoursToContact, 20.0);
        QCOMPARE(*report.p90HoursToContact, 52.0);
        QCOMPARE(report.open, 5);
        QCOMPARE(report.byPeriod.rows.size(), 1);
        QCOMPARE(report.byPeriod.rows[0][0].toString(), QStringLiteral("2026-Q1"));
        QCOMPARE(report.byAge.rows[0][1].toInt(), 1); // U5: six hours old
        QCOMPARE(report.byAge.rows[3][1].toInt(), 0);
        QCOMPARE(report.byAge.rows[2][1].toInt(), 4);
    }

    void mailtoQuotesTheComment()
    {
        FollowupItem item;
        item.name = QStringLiteral("Chloé Dubois");
        item.email = QStringLiteral("chloe@example.com");
        item.comment = QStringLiteral("Sync breaks & support is slow");
        item.submitted = utc("2026-03-01T09:00:00Z");
        const QUrl url = mailtoUrl(item, MailTemplate(), QStringLiteral("Ana"));
        QCOMPARE(url.scheme(), QStringLiteral("mailto"));
        QCOMPARE(url.path(), QStringLiteral("chloe@example.com"));
        const QUrlQuery query(url);
        const QString body = query.queryItemValue(QStringLiteral("body"), QUrl::FullyDecoded);
        QVERIFY2(body.startsWith(QStringLiteral("Hi Chloé,")), qPrintable(body));
        QVERIFY(body.contains(QStringLiteral("> Sync breaks & support is slow")));
        QVERIFY(body.endsWith(QStringLiteral("Ana")));
        QVERIFY(body.contains(QStringLiteral("2026-03-01")));
        QVERIFY(!url.toString(QUrl::FullyEncoded).contains(QLatin1Char(' ')));
    }

    void contactsExportNeutralisesFormulas()
    {
        importAnswers(*m_db, m_clock,
                      {{QStringLiteral("U1"), QStringLiteral("2026-01-01T00:00:00Z"), 7,
                        QStringLiteral("=HYPERLINK(1)")},
                       {QStringLiteral("U2"), QStringLiteral("2026-01-01T00:00:00Z"), 8, {}},
                       {QStringLiteral("U2"), QStringLiteral("2026-02-01T00:00:00Z"), 10, {}},
                       {QStringLiteral("U3"), QStringLiteral("2026-01-01T00:00:00Z"), 9, {}}});
        FollowupQueue queue(*m_db, m_clock);
        const DataTable passives = queue.contacts(QStringLiteral("passive"));
        QCOMPARE(passives.rows.size(), 1); // U2 answered 10 since
        QCOMPARE(passives.rows[0][0].toString(), QStringLiteral("u1@example.com"));
        QVERIFY(passives.toCsv().contains("'=HYPERLINK(1)"));
        QCOMPARE(queue.contacts(QStringLiteral("promoter")).rows.size(), 2);
        QVERIFY_THROWS_EXCEPTION(Error, queue.contacts(QStringLiteral("fans")));
    }

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString m_path;
    std::unique_ptr<Database> m_db;
    FixedClock m_clock{QDateTime()};
};

QTEST_GUILESS_MAIN(TestFollowupQueue)
#include "tst_followupqueue.moc"
