#include "export/DataTable.h"

#include <QtTest>

using namespace nps;

// The table exports of the Segments and Trends screens go through DataTable::toCsv;
// these are the spreadsheet-formula cases a pasted-in comment or segment name can hit.
class TestCsvExport : public QObject
{
    Q_OBJECT

private slots:
    void neutralises_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("expected");
        QTest::newRow("equals") << "=1+2"
                                << "'=1+2";
        QTest::newRow("plus") << "+SUM(A1)"
                              << "'+SUM(A1)";
        QTest::newRow("at") << "@cmd"
                            << "'@cmd";
        QTest::newRow("minus formula") << "-2+3"
                                       << "'-2+3";
        QTest::newRow("negative number") << "-12.5"
                                         << "-12.5";
        QTest::newRow("tab") << "\tx"
                             << "'\tx";
        QTest::newRow("cr") << "\rx"
                            << "\"'\rx\"";
        QTest::newRow("plain") << "Enterprise"
                               << "Enterprise";
        QTest::newRow("quoted comma") << "a, b"
                                      << "\"a, b\"";
    }

    void neutralises()
    {
        QFETCH(QString, cell);
        QFETCH(QString, expected);
        DataTable table;
        table.columns = {QStringLiteral("segment"), QStringLiteral("nps")};
        table.addRow({cell, -3.5});
        const QString csv = QString::fromUtf8(table.toCsv());
        QCOMPARE(csv, QStringLiteral("segment,nps\r\n%1,-3.5\r\n").arg(expected));
    }
};

QTEST_GUILESS_MAIN(TestCsvExport)
#include "test_csv_export.moc"
