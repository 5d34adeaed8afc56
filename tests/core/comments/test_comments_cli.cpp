#include "comments/CommentSearch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

// The comments, tag, tags and themes commands, run as the real binary.
class TestCommentsCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

    struct Result
    {
        int code;
        QByteArray out;
        QString err;
    };

    Result run(QStringList args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NPSDESK_NOW"), QStringLiteral("2026-12-01T10:00:00Z"));
        p.setProcessEnvironment(env);
        args.insert(1, QStringLiteral("--db"));
        args.insert(2, m_db);
        p.start(QStringLiteral(NPSDESK_BINARY), args);
        p.waitForFinished(60000);
        return {p.exitCode(), p.readAllStandardOutput(), QString::fromUtf8(p.readAllStandardError())};
    }

    QJsonArray json(const QStringList &args)
    {
        const Result r = run(args);
        if (r.code != 0)
            qWarning() << r.err;
        return QJsonDocument::fromJson(r.out).array();
    }

private slots:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("demo.npsdb"));
        QCOMPARE(run({QStringLiteral("demo"), QStringLiteral("--responses"), QStringLiteral("1200")}).code,
                 0);
    }

    void tagsList()
    {
        const QJsonArray tags =
            json({QStringLiteral("tags"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY(tags.size() >= 5);
        bool found = false;
        for (const QJsonValue &v : tags) {
            const QJsonObject t = v.toObject();
            if (t.value(QStringLiteral("name")).toString() == QLatin1String("Pricing")) {
                found = true;
                QCOMPARE(t.value(QStringLiteral("pinned")).toInt(), 1);
                QVERIFY(t.value(QStringLiteral("responses")).toInt() > 0);
            }
            if (t.value(QStringLiteral("name")).toString() == QLatin1String("Reporting"))
                QCOMPARE(t.value(QStringLiteral("parent")).toString(), QStringLiteral("Product"));
        }
        QVERIFY(found);
    }

    void searchAndExport()
    {
        const QJsonArray rows =
            json({QStringLiteral("comments"), QStringLiteral("--search"), QStringLiteral("decepcion"),
                  QStringLiteral("--limit"), QStringLiteral("0"), QStringLiteral("--format"),
                  QStringLiteral("json")});
        QVERIFY(!rows.isEmpty());
        for (const QJsonValue &v : rows) {
            const QJsonObject o = v.toObject();
            QVERIFY(nps::foldForMatching(o.value(QStringLiteral("comment")).toString())
                        .contains(QLatin1String("decepcion")));
            QVERIFY(o.contains(QStringLiteral("tags")));
            QVERIFY(o.contains(QStringLiteral("starred")));
        }
        const QJsonArray starred = json({QStringLiteral("comments"), QStringLiteral("--starred"),
                                         QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY(!starred.isEmpty());
        for (const QJsonValue &v : starred)
            QCOMPARE(v.toObject().value(QStringLiteral("starred")).toBool(), true);
        const QJsonArray limited =
            json({QStringLiteral("comments"), QStringLiteral("--group"), QStringLiteral("detractor"),
                  QStringLiteral("--limit"), QStringLiteral("7"), QStringLiteral("--format"),
                  QStringLiteral("json")});
        QCOMPARE(limited.size(), 7);
        for (const QJsonValue &v : limited)
            QVERIFY(v.toObject().value(QStringLiteral("score")).toInt() <= 6);
        const Result csv =
            run({QStringLiteral("comments"), QStringLiteral("--tag"), QStringLiteral("Pricing"),
                 QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(csv.code, 0);
        QVERIFY(csv.out.startsWith("id,submitted_at,score,group,wave,starred,tags,attributes,comment"));
        QVERIFY(csv.out.contains("Pricing"));
        // Hostile search text is only text.
        QCOMPARE(run({QStringLiteral("comments"), QStringLiteral("--search"),
                      QStringLiteral("\"; DROP TABLE responses; --")})
                     .code,
                 0);
        QCOMPARE(run({QStringLiteral("comments"), QStringLiteral("--search"),
                      QStringLiteral("NEAR(a b) \" * ^x:y")})
                     .code,
                 0);
    }

    void tagAddRemove()
    {
        const QJsonArray rows =
            json({QStringLiteral("comments"), QStringLiteral("--untagged"), QStringLiteral("--limit"),
                  QStringLiteral("2"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(rows.size(), 2);
        const QString ids = QStringLiteral("%1,%2")
                                .arg(rows[0].toObject().value(QStringLiteral("id")).toInteger())
                                .arg(rows[1].toObject().value(QStringLiteral("id")).toInteger());
        const QJsonArray added =
            json({QStringLiteral("tag"), QStringLiteral("add"), QStringLiteral("Needs reply"),
                  QStringLiteral("--ids"), ids, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(added[0].toObject().value(QStringLiteral("count")).toInt(), 2);
        QCOMPARE(json({QStringLiteral("comments"), QStringLiteral("--tag"), QStringLiteral("Needs reply"),
                       QStringLiteral("--format"), QStringLiteral("json")})
                     .size(),
                 2);
        const QJsonArray removed =
            json({QStringLiteral("tag"), QStringLiteral("remove"), QStringLiteral("Needs reply"),
                  QStringLiteral("--ids"), ids, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(removed[0].toObject().value(QStringLiteral("count")).toInt(), 2);
        QCOMPARE(run({QStringLiteral("tag"), QStringLiteral("remove"), QStringLiteral("No such tag"),
                      QStringLiteral("--ids"), ids})
                     .code,
                 2);
        QCOMPARE(run({QStringLiteral("tag"), QStringLiteral("add"), QStringLiteral("X"),
                      QStringLiteral("--ids"), QStringLiteral("1,abc")})
                     .code,
                 1);
    }

    void rulePreviewThenApply()
    {
        const Result preview =
            run({QStringLiteral("tag"), QStringLiteral("rule"), QStringLiteral("Slowness"),
                 QStringLiteral("--match"), QStringLiteral("\\bslow(ly)?\\b"), QStringLiteral("--regex"),
                 QStringLiteral("--preview"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(preview.code, 0);
        const QJsonObject p = QJsonDocument::fromJson(preview.out).object();
        const int wouldTag = p.value(QStringLiteral("would_tag")).toInt();
        QVERIFY(wouldTag > 0);
        QVERIFY(!p.value(QStringLiteral("samples")).toArray().isEmpty());
        const QJsonArray applied =
            json({QStringLiteral("tag"), QStringLiteral("rule"), QStringLiteral("Slowness"),
                  QStringLiteral("--match"), QStringLiteral("\\bslow(ly)?\\b"), QStringLiteral("--regex"),
                  QStringLiteral("--apply"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(applied[0].toObject().value(QStringLiteral("count")).toInt(), wouldTag);
        const Result bad =
            run({QStringLiteral("tag"), QStringLiteral("rule"), QStringLiteral("Broken"),
                 QStringLiteral("--match"), QStringLiteral("(unclosed"), QStringLiteral("--regex")});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains(QLatin1String("invalid regular expression")));
    }

    void themesAndUsage()
    {
        const Result csv = run({QStringLiteral("themes"), QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(csv.code, 0);
        QVERIFY(csv.out.startsWith("tag,responses,detractors,detractors_pct"));
        QVERIFY(csv.out.contains("nps_without_its_detractors"));
        const QJsonArray themes =
            json({QStringLiteral("themes"), QStringLiteral("--where"), QStringLiteral("Plan=Pro"),
                  QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY(!themes.isEmpty());
        QCOMPARE(run({QStringLiteral("comments"), QStringLiteral("--group"), QStringLiteral("nope")}).code,
                 1);
        QCOMPARE(run({QStringLiteral("comments"), QStringLiteral("--score"), QStringLiteral("11")}).code, 1);
        QCOMPARE(run({QStringLiteral("tag"), QStringLiteral("paint")}).code, 1);
    }
};

QTEST_GUILESS_MAIN(TestCommentsCli)
#include "test_comments_cli.moc"
