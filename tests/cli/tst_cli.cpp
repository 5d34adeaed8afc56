#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

// Runs the real npsdesk binary, as users' scripts do.
class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demo;

    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Result npsdesk(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NPSDESK_NOW"), QStringLiteral("2026-11-20T09:30:00Z"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(NPSDESK_BINARY), arguments);
        if (!process.waitForFinished(120000))
            return {};
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    static QStringList commandNames()
    {
        const Result help = npsdesk({QStringLiteral("--help")});
        QStringList names;
        const QRegularExpression line(QStringLiteral("^  ([a-z-]+)\\s{2,}"),
                                      QRegularExpression::MultilineOption);
        auto it = line.globalMatch(help.out);
        while (it.hasNext())
            names << it.next().captured(1);
        return names;
    }

private slots:
    void initTestCase()
    {
        m_demo = m_dir.filePath(QStringLiteral("demo.npsdb"));
        const Result r =
            npsdesk({QStringLiteral("demo"), QStringLiteral("--db"), m_demo, QStringLiteral("--responses"),
                     QStringLiteral("3000"), QStringLiteral("--seed"), QStringLiteral("11")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("Wrote 3000 responses")));
    }

    void version()
    {
        const Result r = npsdesk({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(
            QRegularExpression(QStringLiteral("^npsdesk \\d+\\.\\d+\\.\\d+\\n$")).match(r.out).hasMatch());
    }

    void infoJson()
    {
        const Result r = npsdesk({QStringLiteral("info"), QStringLiteral("--db"), m_demo,
                                  QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("responses")).toInt(), 3000);
        QCOMPARE(o.value(QStringLiteral("waves")).toInt(), 8);
        QVERIFY(o.value(QStringLiteral("respondents")).toInt() > 500);
        QVERIFY(o.value(QStringLiteral("comments")).toInt() > 500);
        QVERIFY(o.contains(QStringLiteral("followups")));
        QVERIFY(o.value(QStringLiteral("schema_version")).toInt() >= 2);
    }

    void demoIsDeterministic()
    {
        const QString other = m_dir.filePath(QStringLiteral("again.npsdb"));
        const Result r =
            npsdesk({QStringLiteral("demo"), QStringLiteral("--db"), other, QStringLiteral("--responses"),
                     QStringLiteral("3000"), QStringLiteral("--seed"), QStringLiteral("11")});
        QCOMPARE(r.exitCode, 0);
        const auto info = [](const QString &db) {
            QJsonObject o =
                QJsonDocument::fromJson(npsdesk({QStringLiteral("info"), QStringLiteral("--db"), db,
                                                 QStringLiteral("--format"), QStringLiteral("json")})
                                            .out.toUtf8())
                    .object();
            o.remove(QStringLiteral("path"));
            return o;
        };
        QCOMPARE(info(other), info(m_demo));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrFragment");
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << 1 << "unknown command";
        QTest::newRow("missing --db") << QStringList{"info"} << 1 << "--db FILE is required";
        QTest::newRow("unknown option") << QStringList{"info", "--bogus"} << 1 << "bogus";
        QTest::newRow("bad format") << QStringList{"info", "--db", "x.npsdb", "--format", "xml"} << 1
                                    << "xml";
        QTest::newRow("missing file")
            << QStringList{"info", "--db", "/nonexistent/x.npsdb"} << 2 << "/nonexistent/x.npsdb";
        QTest::newRow("not a database")
            << QStringList{"info", "--db", QStringLiteral(NPSDESK_BINARY)} << 2 << "not an SQLite database";
        QTest::newRow("bad demo size")
            << QStringList{"demo", "--db", "x.npsdb", "--responses", "many"} << 1 << "--responses";
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrFragment);
        const Result r = npsdesk(arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(stderrFragment), qPrintable(r.err));
    }

    void everyCommandHasHelp()
    {
        const QStringList names = commandNames();
        QVERIFY2(names.contains(QStringLiteral("info")) && names.contains(QStringLiteral("demo")),
                 qPrintable(names.join(QLatin1Char(','))));
        for (const QString &name : names) {
            const Result r = npsdesk({name, QStringLiteral("--help")});
            QVERIFY2(r.exitCode == 0, qPrintable(name));
            QVERIFY2(r.out.startsWith(QStringLiteral("Usage: npsdesk %1").arg(name)), qPrintable(r.out));
        }
    }

    void screenshotOfEveryView()
    {
        for (const QString &view :
             {QStringLiteral("overview"), QStringLiteral("segments"), QStringLiteral("trends"),
              QStringLiteral("comments"), QStringLiteral("followups"), QStringLiteral("imports")}) {
            const QString png = m_dir.filePath(view + QStringLiteral(".png"));
            const Result r = npsdesk({QStringLiteral("--db"), m_demo, QStringLiteral("--view"), view,
                                      QStringLiteral("--screenshot"), png, QStringLiteral("--size"),
                                      QStringLiteral("1440x900")});
            QVERIFY2(r.exitCode == 0, qPrintable(view + QStringLiteral(": ") + r.err));
            QImage image(png);
            QVERIFY2(!image.isNull(), qPrintable(view));
            QCOMPARE(image.size(), QSize(1440, 900));
            // Not a blank canvas: the window draws text and widgets in several colours.
            QSet<QRgb> colours;
            for (int y = 0; y < image.height(); y += 7)
                for (int x = 0; x < image.width(); x += 7)
                    colours.insert(image.pixel(x, y));
            QVERIFY2(colours.size() > 4, qPrintable(view));
        }
    }

    void screenshotOfBadFileFails()
    {
        const Result r = npsdesk({QStringLiteral("--db"), QStringLiteral(NPSDESK_BINARY),
                                  QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("bad.png"))});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
