#include "FollowupFixture.h"
#include "store/Sql.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace nps;
using namespace nps::test;

// Runs the real npsdesk binary, as a script would.
class TestFollowupCli : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode;
        QByteArray out;
        QByteArray err;
    };

    Run npsdesk(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NPSDESK_NOW"), QStringLiteral("2026-03-06T12:00:00Z"));
        env.insert(QStringLiteral("NPSDESK_OWNER"), QStringLiteral("Cli Tester"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(NPSDESK_BINARY), arguments);
        if (!process.waitForFinished(60000))
            return {-1, {}, {}};
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

    QString status(qint64 id)
    {
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        return sql::scalar(db.connection(), QStringLiteral("SELECT status FROM followups WHERE id = ?"), {id})
            .toString();
    }

    int events()
    {
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        return sql::scalar(db.connection(), QStringLiteral("SELECT count(*) FROM followup_events")).toInt();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("cli.npsdb"));
        Database db;
        db.open(m_path);
        FixedClock clock(QDateTime::fromString(QStringLiteral("2026-03-06T12:00:00Z"), Qt::ISODate));
        importAnswers(
            db, clock,
            {{QStringLiteral("U1"), QStringLiteral("2026-03-03T10:00:00Z"), 1, QStringLiteral("Too slow")},
             {QStringLiteral("U2"), QStringLiteral("2026-03-04T20:00:00Z"), 5, {}},
             {QStringLiteral("U3"), QStringLiteral("2026-03-06T10:00:00Z"), 6, {}},
             {QStringLiteral("U4"), QStringLiteral("2026-03-06T10:00:00Z"), 8, {}},
             {QStringLiteral("U5"), QStringLiteral("2026-03-06T10:00:00Z"), 10, QStringLiteral("=1+1")}});
    }

    void listsTheQueueAsJson()
    {
        const Run run = npsdesk({QStringLiteral("queue"), QStringLiteral("--db"), m_path,
                                 QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray items = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(items.size(), 3);
        const QJsonObject first = items[0].toObject();
        // The keys the issue names (the queue may add more, e.g. later_score).
        for (const char *key : {"id", "response_id", "respondent", "score", "comment", "submitted", "due",
                                "status", "owner", "time_left_hours"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QCOMPARE(first[QStringLiteral("respondent")].toString(), QStringLiteral("U1 Tester"));
        QCOMPARE(first[QStringLiteral("due")].toString(), QStringLiteral("2026-03-05T10:00:00Z"));
        QCOMPARE(first[QStringLiteral("time_left_hours")].toDouble(), -26.0);
        QCOMPARE(first[QStringLiteral("status")].toString(), QStringLiteral("new"));
    }

    void viewsAndNow()
    {
        const auto count = [this](const QStringList &extra) {
            const Run run = npsdesk(QStringList{QStringLiteral("queue"), QStringLiteral("--db"), m_path,
                                                QStringLiteral("--format"), QStringLiteral("json")} +
                                    extra);
            return run.exitCode == 0 ? int(QJsonDocument::fromJson(run.out).array().size()) : -1;
        };
        QCOMPARE(count({QStringLiteral("--view"), QStringLiteral("overdue")}), 1);
        QCOMPARE(count({QStringLiteral("--view"), QStringLiteral("due-soon")}), 1); // U2, due at 20:00
        QCOMPARE(count({QStringLiteral("--view"), QStringLiteral("overdue"), QStringLiteral("--now"),
                        QStringLiteral("2026-03-07T07:00:00Z")}),
                 2);
        const Run bad = npsdesk({QStringLiteral("queue"), QStringLiteral("--db"), m_path,
                                 QStringLiteral("--view"), QStringLiteral("someday")});
        QCOMPARE(bad.exitCode, 1);
    }

    void assignSetNote()
    {
        const QStringList base{QStringLiteral("queue"), QStringLiteral("--db"), m_path};
        QCOMPARE(
            npsdesk(base + QStringList{QStringLiteral("assign"), QStringLiteral("1"), QStringLiteral("Ana")})
                .exitCode,
            0);
        const int before = events();
        // Closing without a root cause, an unknown id, a refused transition: exit 2, nothing changes.
        Run run = npsdesk(
            base + QStringList{QStringLiteral("set"), QStringLiteral("1"), QStringLiteral("wont-fix")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("root cause"));
        run = npsdesk(base +
                      QStringList{QStringLiteral("set"), QStringLiteral("99"), QStringLiteral("contacted")});
        QCOMPARE(run.exitCode, 2);
        run =
            npsdesk(base + QStringList{QStringLiteral("set"), QStringLiteral("1"), QStringLiteral("resolved"),
                                       QStringLiteral("--root-cause"), QStringLiteral("Weather")});
        QCOMPARE(run.exitCode, 2);
        run = npsdesk(base +
                      QStringList{QStringLiteral("note"), QStringLiteral("99"), QStringLiteral("hello")});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(status(1), QStringLiteral("new"));
        QCOMPARE(events(), before);

        QCOMPARE(npsdesk(base + QStringList{QStringLiteral("set"), QStringLiteral("1"),
                                            QStringLiteral("contacted"), QStringLiteral("--note"),
                                            QStringLiteral("Called")})
                     .exitCode,
                 0);
        QCOMPARE(npsdesk(base + QStringList{QStringLiteral("note"), QStringLiteral("1"),
                                            QStringLiteral("Sent docs")})
                     .exitCode,
                 0);
        QCOMPARE(
            npsdesk(base + QStringList{QStringLiteral("set"), QStringLiteral("1"), QStringLiteral("resolved"),
                                       QStringLiteral("--root-cause"), QStringLiteral("Bug")})
                .exitCode,
            0);
        QCOMPARE(status(1), QStringLiteral("resolved"));
        QCOMPARE(events(), before + 3); // status (with its note), note, status
        // A closed item takes no new state but "open".
        run = npsdesk(base +
                      QStringList{QStringLiteral("set"), QStringLiteral("1"), QStringLiteral("contacted")});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(status(1), QStringLiteral("resolved"));
        run = npsdesk(base + QStringList{QStringLiteral("set"), QStringLiteral("1"), QStringLiteral("open")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(status(1), QStringLiteral("contacted"));

        run = npsdesk({QStringLiteral("queue"), QStringLiteral("--db"), m_path, QStringLiteral("--view"),
                       QStringLiteral("mine"), QStringLiteral("--owner"), QStringLiteral("Ana"),
                       QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.count('\n'), 2);
        QVERIFY(run.out.contains(",contacted,Ana,"));
    }

    void report()
    {
        const Run run = npsdesk({QStringLiteral("queue-report"), QStringLiteral("--db"), m_path,
                                 QStringLiteral("--period"), QStringLiteral("quarter"),
                                 QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(report[QStringLiteral("detractors")].toInt(), 3);
        // U1 contacted at 12:00 on the 6th, 26 h after its deadline; U2 due at 20:00.
        QCOMPARE(report[QStringLiteral("due")].toInt(), 1);
        QCOMPARE(report[QStringLiteral("contacted_in_time")].toInt(), 0);
        QCOMPARE(report[QStringLiteral("contacted_in_time_rate")].toDouble(), 0.0);
        QCOMPARE(report[QStringLiteral("median_hours_to_contact")].toDouble(), 74.0);
        QVERIFY(report.contains(QStringLiteral("p90_hours_to_contact")));
        QVERIFY(!report[QStringLiteral("backlog_by_age")].toArray().isEmpty());
        QVERIFY(report.contains(QStringLiteral("backlog_by_owner")));
        QCOMPARE(report[QStringLiteral("by_period")].toArray().size(), 1);
        QVERIFY(report.contains(QStringLiteral("recovered")));
        QCOMPARE(npsdesk({QStringLiteral("queue-report"), QStringLiteral("--db"), m_path,
                          QStringLiteral("--period"), QStringLiteral("decade")})
                     .exitCode,
                 1);
    }

    void slaSettings()
    {
        // Friday 2026-03-06 10:00 UTC + 24 h on working days = Monday 10:00.
        const Run r =
            npsdesk({QStringLiteral("queue"), QStringLiteral("--db"), m_path, QStringLiteral("sla"),
                     QStringLiteral("--hours"), QStringLiteral("24"), QStringLiteral("--business-days"),
                     QStringLiteral("on"), QStringLiteral("--timezone"), QStringLiteral("UTC")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        Database db;
        db.open(m_path, Database::Mode::ExistingOnly);
        QCOMPARE(db.setting(QStringLiteral("sla_hours")), QStringLiteral("24"));
        QCOMPARE(sql::scalar(db.connection(),
                             QStringLiteral("SELECT max(due_at) FROM followups f JOIN responses r"
                                            " ON r.id = f.response_id WHERE f.status = 'new'"
                                            " AND r.submitted_at = ?"),
                             {QDateTime(QDate(2026, 3, 6), QTime(10, 0), Qt::UTC).toSecsSinceEpoch()})
                     .toLongLong(),
                 QDateTime(QDate(2026, 3, 9), QTime(10, 0), Qt::UTC).toSecsSinceEpoch());
        const Run bad =
            npsdesk({QStringLiteral("queue"), QStringLiteral("--db"), m_path, QStringLiteral("sla"),
                     QStringLiteral("--business-days"), QStringLiteral("maybe")});
        QCOMPARE(bad.exitCode, 1);
        // Back to the default so the other cases see 48 h deadlines.
        QCOMPARE(npsdesk({QStringLiteral("queue"), QStringLiteral("--db"), m_path, QStringLiteral("sla"),
                          QStringLiteral("--hours"), QStringLiteral("48"), QStringLiteral("--business-days"),
                          QStringLiteral("off")})
                     .exitCode,
                 0);
    }

    void exportContacts()
    {
        const QString out = m_dir.filePath(QStringLiteral("promoters.csv"));
        const Run run =
            npsdesk({QStringLiteral("export-contacts"), QStringLiteral("--db"), m_path,
                     QStringLiteral("--group"), QStringLiteral("promoter"), QStringLiteral("--out"), out});
        QCOMPARE(run.exitCode, 0);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray csv = file.readAll();
        QVERIFY(csv.startsWith("email,name,"));
        QVERIFY(csv.contains("u5@example.com,U5 Tester"));
        QVERIFY(csv.contains("'=1+1"));
        QCOMPARE(npsdesk({QStringLiteral("export-contacts"), QStringLiteral("--db"), m_path,
                          QStringLiteral("--group"), QStringLiteral("fans"), QStringLiteral("--out"), out})
                     .exitCode,
                 1);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestFollowupCli)
#include "tst_followupcli.moc"
