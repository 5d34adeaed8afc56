#include "charts/ChartExporter.h"
#include "charts/ExportActions.h"
#include "charts/TableExport.h"

#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QClipboard>
#include <QLineSeries>
#include <QMenu>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace nps;
using namespace nps::ui;

namespace {

QChart *sampleChart()
{
    auto *chart = new QChart;
    auto *line = new QLineSeries;
    line->setName(QStringLiteral("Enterprise"));
    line->append(0, 10);
    line->append(1, 35);
    line->append(2, 20);
    chart->addSeries(line);
    chart->createDefaultAxes();
    chart->setTitle(QStringLiteral("On-screen title"));
    return chart;
}

ChartExportOptions sampleOptions(QSize size)
{
    ChartExportOptions options;
    options.size = size;
    options.title = QStringLiteral("NPS by quarter");
    options.filterText = QStringLiteral("Plan = Enterprise");
    options.n = 6000;
    options.ciMethod = QStringLiteral("95% CI, adjusted Wald");
    return options;
}

QString runTool(const QString &tool, const QStringList &arguments)
{
    QProcess process;
    process.start(tool, arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

class TestChartsExport : public QObject
{
    Q_OBJECT

private slots:
    void pngHasRequestedSizeAndIsNotBlank_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<qreal>("scale");
        QTest::newRow("1920x1080") << ChartExportOptions::fullHd() << 1.0;
        QTest::newRow("1280x720") << ChartExportOptions::hd() << 1.0;
        QTest::newRow("1280x720@2x") << ChartExportOptions::hd() << 2.0;
        QTest::newRow("custom") << QSize(800, 600) << 1.0;
    }

    void pngHasRequestedSizeAndIsNotBlank()
    {
        QFETCH(QSize, size);
        QFETCH(qreal, scale);
        QTemporaryDir dir;
        std::unique_ptr<QChart> chart(sampleChart());
        ChartExportOptions options = sampleOptions(size);
        options.scale = scale;
        const QString path = dir.filePath(QStringLiteral("chart.png"));
        QString error;
        QVERIFY2(exportChart(chart.get(), path, options, &error), qPrintable(error));
        QImage image(path);
        QCOMPARE(image.size(), size * scale);
        // Not blank: a good share of pixels differ from the white page.
        int inked = 0;
        const QImage scaled = image.scaled(200, 150).convertToFormat(QImage::Format_RGB32);
        for (int y = 0; y < scaled.height(); ++y)
            for (int x = 0; x < scaled.width(); ++x)
                if (scaled.pixel(x, y) != qRgb(255, 255, 255))
                    ++inked;
        QVERIFY2(inked > 300, qPrintable(QString::number(inked)));
        // The chart's own title is restored after the export.
        QCOMPARE(chart->title(), QStringLiteral("On-screen title"));
        QCOMPARE(chart->animationOptions(), QChart::NoAnimation);
    }

    void svgParsesAndHasTitle()
    {
        QTemporaryDir dir;
        std::unique_ptr<QChart> chart(sampleChart());
        const QString path = dir.filePath(QStringLiteral("chart.svg"));
        QVERIFY(exportChart(chart.get(), path, sampleOptions(ChartExportOptions::hd())));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QString text;
        bool rootIsSvg = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("svg"))
                rootIsSvg = true;
            if (xml.isCharacters())
                text += xml.text();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(rootIsSvg);
        QVERIFY(text.contains(QStringLiteral("NPS by quarter")));
        QVERIFY(text.contains(QStringLiteral("Plan = Enterprise")));
        QVERIFY(text.contains(QStringLiteral("adjusted Wald")));
    }

    void pdfHasOnePageWithTitle()
    {
        const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdfinfo.isEmpty() || pdftotext.isEmpty())
            QSKIP("poppler-utils (pdfinfo, pdftotext) not installed");
        QTemporaryDir dir;
        std::unique_ptr<QChart> chart(sampleChart());
        const QString path = dir.filePath(QStringLiteral("chart.pdf"));
        QVERIFY(exportChart(chart.get(), path, sampleOptions(ChartExportOptions::hd())));
        const QString info = runTool(pdfinfo, {path});
        QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))), qPrintable(info));
        const QString text = runTool(pdftotext, {path, QStringLiteral("-")});
        QVERIFY2(text.contains(QStringLiteral("NPS by quarter")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("n = 6,000")));
    }

    void rejectsUnknownExtension()
    {
        std::unique_ptr<QChart> chart(sampleChart());
        QString error;
        QVERIFY(!exportChart(chart.get(), QStringLiteral("/tmp/x.gif"), sampleOptions({800, 600}), &error));
        QVERIFY(error.contains(QStringLiteral(".png")));
    }

    void parsesSizes()
    {
        QCOMPARE(parseChartSize(QStringLiteral("1920x1080")), QSize(1920, 1080));
        QVERIFY(!parseChartSize(QStringLiteral("19x10")).isValid());
        QVERIFY(!parseChartSize(QStringLiteral("abc")).isValid());
    }

    void exportMenusWriteTheChosenFiles()
    {
        QTemporaryDir dir;
        std::unique_ptr<QChart> chart(sampleChart());
        QString nextPath;
        setSaveFileChooser(
            [&nextPath](QWidget *, const QString &, const QString &, const QString &) { return nextPath; });
        setSizeChooser([](QWidget *, const QSize &) { return QSize(800, 600); });
        QStringList messages;
        QWidget parent;
        ChartSource source;
        source.chart = [&chart]() { return chart.get(); };
        source.options = []() { return sampleOptions(ChartExportOptions::hd()); };
        source.baseName = QStringLiteral("chart");
        std::unique_ptr<QMenu> menu(
            createChartExportMenu(&parent, source, [&messages](const QString &m) { messages << m; }));
        auto action = [&menu](const QString &prefix) -> QAction * {
            for (QAction *a : menu->actions())
                if (a->text().startsWith(prefix))
                    return a;
            return nullptr;
        };
        nextPath = dir.filePath(QStringLiteral("slides.png"));
        action(QStringLiteral("PNG 1920"))->trigger();
        QCOMPARE(QImage(nextPath).size(), QSize(1920, 1080));
        nextPath = dir.filePath(QStringLiteral("retina.png"));
        action(QStringLiteral("PNG 1280 x 720 at 2x"))->trigger();
        QCOMPARE(QImage(nextPath).size(), QSize(2560, 1440));
        nextPath = dir.filePath(QStringLiteral("custom.png"));
        action(QStringLiteral("PNG custom"))->trigger();
        QCOMPARE(QImage(nextPath).size(), QSize(800, 600));
        nextPath = QString(); // cancelled: nothing written, nothing reported
        const int before = int(messages.size());
        action(QStringLiteral("SVG"))->trigger();
        QCOMPARE(messages.size(), before);

        DataTable table;
        table.columns = {QStringLiteral("plan"), QStringLiteral("nps")};
        table.addRow({QStringLiteral("@SUM(1)"), 12.5});
        TableSource tableSource;
        tableSource.table = [&table]() { return table; };
        tableSource.baseName = QStringLiteral("table");
        std::unique_ptr<QMenu> tableMenu(
            createTableExportMenu(&parent, tableSource, [&messages](const QString &m) { messages << m; }));
        nextPath = dir.filePath(QStringLiteral("table.csv"));
        tableMenu->actions().at(0)->trigger();
        QFile csv(nextPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll(), QByteArray("plan,nps\r\n'@SUM(1),12.5\r\n"));
        nextPath = dir.filePath(QStringLiteral("table.xlsx"));
        tableMenu->actions().at(1)->trigger();
        QVERIFY(QFileInfo(nextPath).size() > 1000);
        QVERIFY(messages.last().contains(QStringLiteral("table.xlsx")));
        setSaveFileChooser({});
        setSizeChooser({});
    }

    void tsvPastesIntoSpreadsheet()
    {
        DataTable table;
        table.columns = {QStringLiteral("segment"), QStringLiteral("nps")};
        table.addRow({QStringLiteral("=cmd|x"), 12.5});
        table.addRow({QStringLiteral("multi\nline\tcell"), -4});
        const QString tsv = toTsv(table);
        QCOMPARE(tsv, QStringLiteral("segment\tnps\n'=cmd|x\t12.5\nmulti line cell\t-4\n"));
        copyToClipboard(table);
        QCOMPARE(QGuiApplication::clipboard()->text(), tsv);
    }
};

QTEST_MAIN(TestChartsExport)
#include "test_charts_export.moc"
