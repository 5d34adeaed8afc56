// Data-driven rules of the streaming CSV reader, the encodings and the delimiter detection.
#include "readers/CsvReader.h"
#include "readers/Encoding.h"

#include <QtTest>

using namespace nps;

Q_DECLARE_METATYPE(nps::TextEncoding)

namespace {

using Rows = QList<QStringList>;

Rows readAll(const QByteArray &data, char delimiter, QList<qint64> *lines = nullptr,
             TextEncoding encoding = TextEncoding::Utf8, int skip = 0)
{
    CsvOptions options;
    options.delimiter = delimiter;
    options.encoding = encoding;
    options.skipBytes = skip;
    CsvReader reader(data, options);
    Record record;
    Rows rows;
    while (reader.next(record)) {
        QStringList cells;
        for (int i = 0; i < record.cellCount(); ++i)
            cells << record.text(i);
        rows << cells;
        if (lines)
            *lines << record.line();
    }
    return rows;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void records_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("delimiter");
        QTest::addColumn<Rows>("rows");
        QTest::addColumn<QList<qint64>>("lines");
        QTest::newRow("lf") << QByteArray("a,b\n1,2\n") << "," << Rows{{"a", "b"}, {"1", "2"}}
                            << QList<qint64>{1, 2};
        QTest::newRow("crlf") << QByteArray("a,b\r\n1,2\r\n") << "," << Rows{{"a", "b"}, {"1", "2"}}
                              << QList<qint64>{1, 2};
        QTest::newRow("cr only") << QByteArray("a,b\r1,2\r3,4") << ","
                                 << Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}} << QList<qint64>{1, 2, 3};
        QTest::newRow("mixed endings") << QByteArray("a\r\nb\nc\rd") << ","
                                       << Rows{{"a"}, {"b"}, {"c"}, {"d"}} << QList<qint64>{1, 2, 3, 4};
        QTest::newRow("no final newline")
            << QByteArray("a,b\n1,2") << "," << Rows{{"a", "b"}, {"1", "2"}} << QList<qint64>{1, 2};
        QTest::newRow("embedded newline")
            << QByteArray("a,b\n\"x\ny\",2\n3,4\n") << "," << Rows{{"a", "b"}, {"x\ny", "2"}, {"3", "4"}}
            << QList<qint64>{1, 2, 4};
        QTest::newRow("embedded crlf") << QByteArray("h\r\n\"x\r\ny\"\r\nz\r\n") << ","
                                       << Rows{{"h"}, {"x\r\ny"}, {"z"}} << QList<qint64>{1, 2, 4};
        QTest::newRow("doubled quotes") << QByteArray("\"he said \"\"hi\"\"\",2\n") << ","
                                        << Rows{{"he said \"hi\"", "2"}} << QList<qint64>{1};
        QTest::newRow("quoted delimiter")
            << QByteArray("\"a,b\",c\n") << "," << Rows{{"a,b", "c"}} << QList<qint64>{1};
        QTest::newRow("trailing delimiter") << QByteArray("a,b,\n1,2,\n") << ","
                                            << Rows{{"a", "b", ""}, {"1", "2", ""}} << QList<qint64>{1, 2};
        QTest::newRow("empty cells") << QByteArray(",,\n") << "," << Rows{{"", "", ""}} << QList<qint64>{1};
        QTest::newRow("empty quoted") << QByteArray("\"\",x\n") << "," << Rows{{"", "x"}} << QList<qint64>{1};
        QTest::newRow("stray quote") << QByteArray("ab\"c,d\n") << "," << Rows{{"ab\"c", "d"}}
                                     << QList<qint64>{1};
        QTest::newRow("text after quote")
            << QByteArray("\"ab\"c,d\n") << "," << Rows{{"abc", "d"}} << QList<qint64>{1};
        QTest::newRow("unterminated quote")
            << QByteArray("x\n\"abc\ndef") << "," << Rows{{"x"}, {"abc\ndef"}} << QList<qint64>{1, 2};
        QTest::newRow("blank line") << QByteArray("a\n\nb\n") << "," << Rows{{"a"}, {""}, {"b"}}
                                    << QList<qint64>{1, 2, 3};
        QTest::newRow("semicolon") << QByteArray("a;b,c\n") << ";" << Rows{{"a", "b,c"}} << QList<qint64>{1};
        QTest::newRow("tab") << QByteArray("a\tb\n") << "\t" << Rows{{"a", "b"}} << QList<qint64>{1};
        QTest::newRow("pipe") << QByteArray("a|\"b|c\"\n") << "|" << Rows{{"a", "b|c"}} << QList<qint64>{1};
        QTest::newRow("empty input") << QByteArray() << "," << Rows{} << QList<qint64>{};
    }
    void records()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, delimiter);
        QFETCH(Rows, rows);
        QFETCH(QList<qint64>, lines);
        QList<qint64> actualLines;
        QCOMPARE(readAll(data, delimiter.at(0).toLatin1(), &actualLines), rows);
        QCOMPARE(actualLines, lines);
    }

    // A field longer than the 1 MiB read chunk, and records straddling chunks.
    void longFieldsAcrossChunks()
    {
        const QByteArray big(3 * 1024 * 1024 + 17, 'x');
        QByteArray data = "id,text\n1,\"" + big + "\"\n2,short\n";
        for (int i = 3; i < 60000; ++i)
            data += QByteArray::number(i) + ",\"line one\r\nline two\"\r\n";
        QList<qint64> lines;
        const Rows rows = readAll(data, ',', &lines);
        QCOMPARE(rows.size(), 60000);
        QCOMPARE(rows.at(1).at(1).size(), big.size());
        QCOMPARE(rows.at(2), QStringList({"2", "short"}));
        QCOMPARE(rows.last(), QStringList({"59999", "line one\r\nline two"}));
        QCOMPARE(lines.at(3), 4);
        QCOMPARE(lines.last(), 4 + 2 * (59999 - 3));
    }

    void encodings_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<int>("bom");
        QTest::addColumn<QString>("text");
        const QString cafe = QStringLiteral("caf\u00e9,na\u00efve");
        QTest::newRow("ascii") << QByteArray("plain,text") << TextEncoding::Utf8 << 0
                               << QStringLiteral("plain,text");
        QTest::newRow("utf8") << cafe.toUtf8() << TextEncoding::Utf8 << 0 << cafe;
        QTest::newRow("utf8 bom") << QByteArray("\xEF\xBB\xBF") + cafe.toUtf8() << TextEncoding::Utf8 << 3
                                  << cafe;
        QByteArray le("\xFF\xFE", 2), be("\xFE\xFF", 2);
        for (const QChar c : cafe + QStringLiteral(" \U0001F600")) {
            le.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
            be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xFF));
        }
        QTest::newRow("utf16le bom") << le << TextEncoding::Utf16LE << 2
                                     << cafe + QStringLiteral(" \U0001F600");
        QTest::newRow("utf16be bom") << be << TextEncoding::Utf16BE << 2
                                     << cafe + QStringLiteral(" \U0001F600");
        QTest::newRow("windows-1252")
            << QByteArray("He said \x93hello\x94, don\x92t; caf\xe9 \x80 5") << TextEncoding::Windows1252 << 0
            << QStringLiteral("He said \u201chello\u201d, don\u2019t; caf\u00e9 \u20ac 5");
        QTest::newRow("latin1 only") << QByteArray("caf\xe9,na\xefve") << TextEncoding::Windows1252 << 0
                                     << cafe;
        QTest::newRow("cp850") << QByteArray("caf\x82 d\x82j\x85 \x85 c\x93t\x82, r\x82sum\x82 \x82t\x82")
                               << TextEncoding::Cp850 << 0
                               << QStringLiteral(
                                      "caf\u00e9 d\u00e9j\u00e0 \u00e0 c\u00f4t\u00e9, r\u00e9sum\u00e9 "
                                      "\u00e9t\u00e9");
        QTest::newRow("latin1+cp850 mixed")
            << QByteArray("achet\xe9 pour \x82"
                          "change, tr\xe8s d\x82j\x85 m\xea"
                          "me \x82t\x82 caf\xe9")
            << TextEncoding::Latin1Cp850Mixed << 0
            << QStringLiteral(
                   "achet\u00e9 pour \u00e9change, tr\u00e8s d\u00e9j\u00e0 m\u00eame \u00e9t\u00e9 "
                   "caf\u00e9");
    }
    void encodings()
    {
        QFETCH(QByteArray, data);
        QFETCH(TextEncoding, encoding);
        QFETCH(int, bom);
        QFETCH(QString, text);
        const EncodingGuess guess = detectEncoding(data);
        QCOMPARE(guess.encoding, encoding);
        QCOMPARE(guess.bomLength, bom);
        QVERIFY(!guess.reason.isEmpty());
        const Rows rows = readAll(data, '\t', nullptr, guess.encoding, guess.bomLength);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().first(), text);
    }

    // Stray invalid bytes in a UTF-8 file are read as Windows-1252 and counted,
    // also when a multi-byte sequence is split by a chunk boundary.
    void invalidUtf8IsRecovered()
    {
        QByteArray data(1024 * 1024 - 1, 'a');
        data += "\xC3\xA9"; // é split across the 1 MiB chunk boundary
        data += ",b\xE9z\n";
        CsvReader reader(data, CsvOptions{});
        Record record;
        QVERIFY(reader.next(record));
        QVERIFY(record.text(0).endsWith(QStringLiteral("a\u00e9")));
        QCOMPARE(record.text(1), QStringLiteral("b\u00e9z"));
        QCOMPARE(reader.invalidBytes(), 1);
    }

    void encodingNamesRoundTrip()
    {
        for (const QString &name : encodingNames()) {
            TextEncoding e;
            QVERIFY2(encodingFromName(name, &e), qPrintable(name));
            QCOMPARE(encodingName(e), name);
        }
        TextEncoding e;
        QVERIFY(encodingFromName(QStringLiteral("ISO-8859-1"), &e));
        QCOMPARE(e, TextEncoding::Latin1);
        QVERIFY(!encodingFromName(QStringLiteral("ebcdic"), &e));
    }

    void delimiter_data()
    {
        QTest::addColumn<QByteArray>("sample");
        QTest::addColumn<QString>("delimiter");
        QTest::newRow("comma") << QByteArray("a,b,c\n1,2,3\n") << ",";
        QTest::newRow("semicolon with decimal commas") << QByteArray("a;b;c\n1,5;2,5;3\n4;5,1;6\n") << ";";
        QTest::newRow("tab") << QByteArray("a\tb, c\n1\t2, 3\n") << "\t";
        QTest::newRow("pipe") << QByteArray("a|b|c\n1|2|3\n") << "|";
        QTest::newRow("quoted commas in semicolon file")
            << QByteArray("a;b\n\"x, y, z\";2\n\"p, q\";3\n") << ";";
        QTest::newRow("single column") << QByteArray("score\n9\n10\n") << ",";
    }
    void delimiter()
    {
        QFETCH(QByteArray, sample);
        QFETCH(QString, delimiter);
        const DelimiterGuess guess = detectDelimiter(sample);
        QCOMPARE(QString(QLatin1Char(guess.delimiter)), delimiter);
        QVERIFY(!guess.reason.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "TestCsvReader.moc"
