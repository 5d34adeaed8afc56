#include "common/Error.h"
#include "export/XlsxWriter.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace nps;

namespace {

// Reads one member of the zip archive with the unzip tool (poppler-free, always in CI).
QByteArray unzipMember(const QString &archive, const QString &member)
{
    QProcess unzip;
    unzip.start(QStringLiteral("unzip"), {QStringLiteral("-p"), archive, member});
    if (!unzip.waitForFinished(30000) || unzip.exitCode() != 0)
        return {};
    return unzip.readAllStandardOutput();
}

} // namespace

class TestXlsxWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
            QSKIP("the unzip tool is not installed");
    }

    void writesNumbersAndText()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("pivot.xlsx"));
        DataTable table;
        table.columns = {QStringLiteral("plan"), QStringLiteral("nps"), QStringLiteral("n")};
        table.addRow({QStringLiteral("Enterprise"), 42.5, 1234});
        table.addRow({QStringLiteral("=HYPERLINK(\"x\")"), -12.25, qint64(77)});
        table.addRow({QStringLiteral("Empty"), QVariant(), 0});
        writeXlsx(table, path,
                  XlsxOptions{QStringLiteral("Pivot"),
                              QStringLiteral("NPS by plan"),
                              {QStringLiteral("Filter: All responses")}});
        QVERIFY(QFileInfo(path).size() > 0);

        const QString sheet =
            QString::fromUtf8(unzipMember(path, QStringLiteral("xl/worksheets/sheet1.xml")));
        QVERIFY2(!sheet.isEmpty(), "sheet1.xml missing");
        // Title on row 1, header on row 3, data from row 4; numbers are numeric cells.
        QVERIFY(sheet.contains(QStringLiteral("<c r=\"B4\"><v>42.5</v></c>")));
        QVERIFY(sheet.contains(QStringLiteral("<c r=\"C4\"><v>1234</v></c>")));
        QVERIFY(sheet.contains(QStringLiteral("<c r=\"B5\"><v>-12.25</v></c>")));
        QVERIFY(sheet.contains(QStringLiteral("<c r=\"C6\"><v>0</v></c>")));
        QVERIFY(!sheet.contains(QStringLiteral("r=\"B6\"")));
        // Text is never a formula.
        QVERIFY(!sheet.contains(QStringLiteral("<f>")));

        const QString strings = QString::fromUtf8(unzipMember(path, QStringLiteral("xl/sharedStrings.xml")));
        QVERIFY(strings.contains(QStringLiteral("Enterprise")));
        QVERIFY(strings.contains(QStringLiteral("NPS by plan")));
        QVERIFY(strings.contains(QStringLiteral("Filter: All responses")));
        QVERIFY(strings.contains(QStringLiteral("=HYPERLINK(&quot;x&quot;)")) ||
                strings.contains(QStringLiteral("=HYPERLINK(\"x\")")));

        const QString workbook = QString::fromUtf8(unzipMember(path, QStringLiteral("xl/workbook.xml")));
        QVERIFY(workbook.contains(QStringLiteral("name=\"Pivot\"")));
    }

    void unwritablePathThrows()
    {
        DataTable table;
        table.columns = {QStringLiteral("a")};
        table.addRow({1});
        try {
            writeXlsx(table, QStringLiteral("/nonexistent-folder/x.xlsx"));
            QFAIL("no error thrown");
        } catch (const Error &error) {
            QCOMPARE(error.kind(), Error::Kind::Storage);
            QVERIFY(error.message().contains(QStringLiteral("x.xlsx")));
        }
    }
};

QTEST_GUILESS_MAIN(TestXlsxWriter)
#include "test_xlsx_writer.moc"
