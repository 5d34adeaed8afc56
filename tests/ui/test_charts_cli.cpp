#include "clock/Clock.h"
#include "demo/DemoGenerator.h"
#include "store/Database.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace nps;

// `npsdesk export-chart` and `npsdesk pivot --format xlsx`, run as a user would.
class TestChartsCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

    int run(const QStringList &arguments, QString *out = nullptr, QString *err = nullptr)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(NPSDESK_BINARY), arguments);
        if (!process.waitForFinished(120000))
            return -1;
        if (out)
            *out = QString::fromUtf8(process.readAllStandardOutput());
        if (err)
            *err = QString::fromUtf8(process.readAllStandardError());
        return process.exitCode();
    }

    static QString tool(const QString &name, const QStringList &arguments)
    {
        QProcess process;
        process.start(name, arguments);
        if (!process.waitForFinished(30000) || process.exitCode() != 0)
            return {};
        return QString::fromUtf8(process.readAllStandardOutput());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("demo.npsdb"));
        Database db;
        db.open(m_db, Database::Mode::CreateIfMissing);
        FixedClock clock(QDateTime(QDate(2026, 11, 15), QTime(12, 0), Qt::UTC));
        DemoGenerator(db, clock).generate(DemoOptions{});
    }

    void trendPngAtSlideSizes_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QSize>("expected");
        QTest::newRow("default") << QStringList{} << QSize(1280, 720);
        QTest::newRow("1920x1080") << QStringList{QStringLiteral("--size"), QStringLiteral("1920x1080")}
                                   << QSize(1920, 1080);
        QTest::newRow("2x") << QStringList{QStringLiteral("--scale"), QStringLiteral("2")}
                            << QSize(2560, 1440);
    }

    void trendPngAtSlideSizes()
    {
        QFETCH(QStringList, extra);
        QFETCH(QSize, expected);
        const QString out = m_dir.filePath(QStringLiteral("trend.png"));
        QString err;
        QCOMPARE(run(QStringList{QStringLiteral("export-chart"), QStringLiteral("--db"), m_db,
                                 QStringLiteral("--chart"), QStringLiteral("trend"), QStringLiteral("--by"),
                                 QStringLiteral("Plan"), QStringLiteral("--period"),
                                 QStringLiteral("quarter"), QStringLiteral("--out"), out} +
                         extra,
                     nullptr, &err),
                 0);
        const QImage image(out);
        QCOMPARE(image.size(), expected);
        // The Enterprise line colour (second palette entry of three segments) is on the image.
        const QImage small = image.scaled(640, 360).convertToFormat(QImage::Format_RGB32);
        QSet<QRgb> colours;
        for (int y = 0; y < small.height(); y += 2)
            for (int x = 0; x < small.width(); x += 2)
                colours.insert(small.pixel(x, y));
        QVERIFY2(colours.size() > 50, "image looks blank");
    }

    void pivotSvgHasTitleAndFilter()
    {
        const QString out = m_dir.filePath(QStringLiteral("pivot.svg"));
        QCOMPARE(
            run({QStringLiteral("export-chart"), QStringLiteral("--db"), m_db, QStringLiteral("--chart"),
                 QStringLiteral("pivot"), QStringLiteral("--by"), QStringLiteral("Region"),
                 QStringLiteral("--where"), QStringLiteral("Plan=Enterprise"), QStringLiteral("--out"), out}),
            0);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QString text;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isCharacters())
                text += xml.text();
        }
        QVERIFY(!xml.hasError());
        QVERIFY(text.contains(QStringLiteral("NPS by Region")));
        QVERIFY(text.contains(QStringLiteral("Plan = Enterprise")));
        QVERIFY(text.contains(QStringLiteral("adjusted Wald")));
    }

    void distributionPdfHasOnePage()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty() ||
            QStandardPaths::findExecutable(QStringLiteral("pdfinfo")).isEmpty())
            QSKIP("poppler-utils not installed");
        const QString out = m_dir.filePath(QStringLiteral("distribution.pdf"));
        QCOMPARE(run({QStringLiteral("export-chart"), QStringLiteral("--db"), m_db, QStringLiteral("--chart"),
                      QStringLiteral("distribution"), QStringLiteral("--out"), out}),
                 0);
        QVERIFY(tool(QStringLiteral("pdfinfo"), {out})
                    .contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))));
        const QString text = tool(QStringLiteral("pdftotext"), {out, QStringLiteral("-")});
        QVERIFY2(text.contains(QStringLiteral("Score distribution")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("n = 6,000")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown chart") << QStringList{QStringLiteral("--chart"), QStringLiteral("pie"),
                                                      QStringLiteral("--out"), QStringLiteral("x.png")}
                                       << 1 << "--chart";
        QTest::newRow("bad extension") << QStringList{QStringLiteral("--chart"), QStringLiteral("trend"),
                                                      QStringLiteral("--out"), QStringLiteral("x.gif")}
                                       << 1 << ".png";
        QTest::newRow("bad size") << QStringList{QStringLiteral("--chart"), QStringLiteral("trend"),
                                                 QStringLiteral("--size"),  QStringLiteral("big"),
                                                 QStringLiteral("--out"),   QStringLiteral("x.png")}
                                  << 1 << "--size";
        QTest::newRow("pivot without by") << QStringList{QStringLiteral("--chart"), QStringLiteral("pivot"),
                                                         QStringLiteral("--out"), QStringLiteral("x.png")}
                                          << 1 << "--by";
        QTest::newRow("unknown attribute")
            << QStringList{QStringLiteral("--chart"), QStringLiteral("trend"), QStringLiteral("--by"),
                           QStringLiteral("Nope"),    QStringLiteral("--out"), QStringLiteral("x.png")}
            << 2 << "Nope";
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QString err;
        QCOMPARE(run(QStringList{QStringLiteral("export-chart"), QStringLiteral("--db"), m_db} + arguments,
                     nullptr, &err),
                 exitCode);
        QVERIFY2(err.contains(QStringLiteral("npsdesk export-chart: ")) && err.contains(message),
                 qPrintable(err));
    }

    void pivotXlsxHoldsTheNumbers()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
            QSKIP("unzip not installed");
        const QString out = m_dir.filePath(QStringLiteral("pivot.xlsx"));
        QCOMPARE(run({QStringLiteral("pivot"), QStringLiteral("--db"), m_db, QStringLiteral("--by"),
                      QStringLiteral("Plan"), QStringLiteral("--period"), QStringLiteral("none"),
                      QStringLiteral("--format"), QStringLiteral("xlsx"), QStringLiteral("--out"), out}),
                 0);
        QString json;
        QCOMPARE(run({QStringLiteral("pivot"), QStringLiteral("--db"), m_db, QStringLiteral("--by"),
                      QStringLiteral("Plan"), QStringLiteral("--period"), QStringLiteral("none"),
                      QStringLiteral("--format"), QStringLiteral("json")},
                     &json),
                 0);
        const QJsonArray rows = QJsonDocument::fromJson(json.toUtf8()).array();
        QVERIFY(!rows.isEmpty());
        const QString sheet = tool(QStringLiteral("unzip"),
                                   {QStringLiteral("-p"), out, QStringLiteral("xl/worksheets/sheet1.xml")});
        const QString strings = tool(QStringLiteral("unzip"),
                                     {QStringLiteral("-p"), out, QStringLiteral("xl/sharedStrings.xml")});
        QVERIFY(strings.contains(QStringLiteral("Enterprise")));
        QVERIFY(strings.contains(QStringLiteral("NPS by Plan")));
        // Every row's n is a numeric cell on the sheet.
        for (const QJsonValue &row : rows) {
            const qint64 n = row.toObject().value(QStringLiteral("n")).toInteger();
            QVERIFY2(sheet.contains(QStringLiteral("<v>%1</v>").arg(n)), qPrintable(QString::number(n)));
        }
        QCOMPARE(run({QStringLiteral("pivot"), QStringLiteral("--db"), m_db, QStringLiteral("--by"),
                      QStringLiteral("Plan"), QStringLiteral("--format"), QStringLiteral("xlsx")}),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestChartsCli)
#include "test_charts_cli.moc"
