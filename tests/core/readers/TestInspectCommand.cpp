// `npsdesk inspect` end to end: the real binary on fixtures and a shared export.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};

Run npsdesk(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(NPSDESK_BINARY), arguments);
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QString fixture(const char *name)
{
    return QStringLiteral(NPSDESK_TEST_DATA "/readers/") + QLatin1String(name);
}

} // namespace

class TestInspectCommand : public QObject
{
    Q_OBJECT

private slots:
    void json()
    {
        const Run run =
            npsdesk({QStringLiteral("inspect"), fixture("qualtrics_nps.csv"), QStringLiteral("--format"),
                     QStringLiteral("json"), QStringLiteral("--rows"), QStringLiteral("3")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(o.value(QStringLiteral("preset")).toString(), QStringLiteral("qualtrics"));
        QCOMPARE(o.value(QStringLiteral("header_rows")).toInt(), 3);
        QCOMPARE(o.value(QStringLiteral("encoding")).toString(), QStringLiteral("utf-8"));
        const QJsonObject score = o.value(QStringLiteral("mapping")).toArray().at(0).toObject();
        QCOMPARE(score.value(QStringLiteral("field")).toString(), QStringLiteral("score"));
        QCOMPARE(score.value(QStringLiteral("column")).toString(), QStringLiteral("Q1"));
        const QJsonArray sample = o.value(QStringLiteral("sample")).toArray();
        QCOMPARE(sample.size(), 3);
        QCOMPARE(sample.at(0).toObject().value(QStringLiteral("score")).toInt(), 10);
        QCOMPARE(sample.at(2).toObject().value(QStringLiteral("problem")).toString(),
                 QStringLiteral("Qualtrics Status 1 (survey preview): not a real response"));
    }

    void overridesAndTable()
    {
        const Run run =
            npsdesk({QStringLiteral("inspect"), QStringLiteral(NPSDESK_SHARED_DATA "/01_NPSgame_nps.csv"),
                     QStringLiteral("--encoding"), QStringLiteral("latin1"), QStringLiteral("--map"),
                     QStringLiteral("score=satisfaction"), QStringLiteral("--rows"), QStringLiteral("2")});
        QCOMPARE(run.exitCode, 0);
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.contains(QStringLiteral("encoding     latin1 (set by the user")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("score    satisfaction  set by the user")));
    }

    void errors()
    {
        Run run = npsdesk({QStringLiteral("inspect"), fixture("typeform.csv"), QStringLiteral("--encoding"),
                           QStringLiteral("klingon")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("unknown --encoding 'klingon'"));
        run = npsdesk({QStringLiteral("inspect"), fixture("typeform.csv"), QStringLiteral("--map"),
                       QStringLiteral("score=Nope")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("no column named 'Nope'"));
        run = npsdesk({QStringLiteral("inspect"), fixture("does-not-exist.csv")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("does-not-exist.csv"));
    }
};

QTEST_GUILESS_MAIN(TestInspectCommand)
#include "TestInspectCommand.moc"
