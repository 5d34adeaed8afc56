// Presets, layout and mapping on small fixtures written for this project
// (tests/data/readers), XLSX reading, overrides, and the streaming cursor.
#include "common/Error.h"
#include "readers/SurveyFile.h"
#include "readers/XlsxReader.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace nps;

Q_DECLARE_METATYPE(nps::Preset)

namespace {

QString fixture(const QString &name)
{
    return QStringLiteral(NPSDESK_TEST_DATA "/readers/") + name;
}

QString nameOf(const SurveyFile &f, const FieldChoice &c)
{
    return c.found() ? f.layout().columns[c.column].name : QStringLiteral("-");
}

qint64 utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC).toSecsSinceEpoch();
}

QString writeTemp(QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace

class TestSurveyFile : public QObject
{
    Q_OBJECT

private slots:
    // One row per preset: detection, header rows and the mapped fields.
    void presets_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<Preset>("preset");
        QTest::addColumn<int>("headerRows");
        QTest::addColumn<QString>("score");
        QTest::addColumn<QString>("comment");
        QTest::addColumn<QString>("time");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("email");
        QTest::addColumn<int>("rows");
        QTest::newRow("qualtrics") << "qualtrics_nps.csv" << Preset::Qualtrics << 3 << "Q1"
                                   << "Q2"
                                   << "RecordedDate"
                                   << "ResponseId"
                                   << "RecipientEmail" << 5;
        QTest::newRow("surveymonkey")
            << "surveymonkey_nps.csv" << Preset::SurveyMonkey << 2
            << "How likely is it that you would recommend us to a friend or colleague?"
            << "Why did you give that score?"
            << "End Date"
            << "Respondent ID"
            << "Email Address" << 3;
        QTest::newRow("typeform") << "typeform.csv" << Preset::Typeform << 1
                                  << "How likely are you to recommend Acme to a friend?"
                                  << "What could we do better?"
                                  << "Submit Date (UTC)"
                                  << "#"
                                  << "-" << 3;
        QTest::newRow("google forms") << "google_forms.csv" << Preset::GoogleForms << 1
                                      << "How likely are you to recommend our service?"
                                      << "Why?"
                                      << "Timestamp"
                                      << "-"
                                      << "Email Address" << 3;
        QTest::newRow("formbricks") << "formbricks.csv" << Preset::Formbricks << 1
                                    << "How likely are you to recommend Formbricks to a friend or colleague?"
                                    << "What is the main reason?"
                                    << "Timestamp"
                                    << "Response ID"
                                    << "-" << 2;
        QTest::newRow("delighted") << "delighted.csv" << Preset::Delighted << 1 << "score"
                                   << "comment"
                                   << "created_at"
                                   << "id"
                                   << "person_email" << 2;
        QTest::newRow("limesurvey") << "limesurvey.csv" << Preset::LimeSurvey << 1 << "NPS1"
                                    << "COMMENT"
                                    << "submitdate"
                                    << "id"
                                    << "-" << 2;
        QTest::newRow("generic utf-16 tsv") << "generic_utf16.tsv" << Preset::Generic << 1 << "Score"
                                            << "Comment"
                                            << "Survey Date"
                                            << "-"
                                            << "-" << 3;
        QTest::newRow("xlsx") << "responses.xlsx" << Preset::Generic << 1
                              << "How likely are you to recommend us?"
                              << "Comment"
                              << "Submitted"
                              << "Response ID"
                              << "-" << 3;
    }
    void presets()
    {
        QFETCH(QString, file);
        QFETCH(Preset, preset);
        QFETCH(int, headerRows);
        const SurveyFile f = SurveyFile::open(fixture(file));
        QCOMPARE(presetName(f.layout().preset), presetName(preset));
        QVERIFY(f.layout().confidence > 0.4);
        QVERIFY(!f.layout().presetReason.isEmpty());
        QCOMPARE(f.layout().headerRows, headerRows);
        QTEST(nameOf(f, f.mapping().score), "score");
        QTEST(nameOf(f, f.mapping().comment), "comment");
        QTEST(nameOf(f, f.mapping().time), "time");
        QTEST(nameOf(f, f.mapping().responseId), "id");
        QTEST(nameOf(f, f.mapping().email), "email");
        QVERIFY(!f.mapping().score.reason.isEmpty());
        qint64 rows = 0;
        RecordCursor cursor = f.records();
        while (cursor.next())
            ++rows;
        QTEST(int(rows), "rows");
        QCOMPARE(cursor.raggedRows(),
                 preset == Preset::Generic && file.endsWith(QLatin1String(".tsv")) ? 1 : 0);
    }

    void presetOverride()
    {
        ReadOptions options;
        options.preset = Preset::Generic;
        const SurveyFile f = SurveyFile::open(fixture(QStringLiteral("qualtrics_nps.csv")), options);
        QCOMPARE(f.layout().preset, Preset::Generic);
        QCOMPARE(f.layout().headerRows, 1);
        QCOMPARE(f.layout().confidence, 1.0);
        QVERIFY(f.layout().presetReason.contains(QStringLiteral("qualtrics")));
    }

    void qualtricsStatusAndGroup()
    {
        const SurveyFile f = SurveyFile::open(fixture(QStringLiteral("qualtrics_nps.csv")));
        QCOMPARE(f.layout().columns[11].label,
                 QStringLiteral("How likely are you to recommend Acme to a friend or colleague?"));
        QCOMPARE(nameOf(f, f.mapping().group), QStringLiteral("Q1_NPS_GROUP"));
        QCOMPARE(nameOf(f, f.mapping().userId), QStringLiteral("ExternalReference"));
        QStringList exclusions, mismatches;
        RecordCursor cursor = f.records();
        while (cursor.next()) {
            const Record &r = cursor.record();
            if (!r.exclusion().isEmpty())
                exclusions << QStringLiteral("%1: %2").arg(r.line()).arg(r.exclusion());
            const QString m = f.groupMismatch(r, f.score(r));
            if (!m.isEmpty())
                mismatches << m;
        }
        QCOMPARE(exclusions, QStringList({"6: Qualtrics Status 1 (survey preview): not a real response",
                                          "8: Qualtrics Status 8 (spam): not a real response"}));
        QCOMPARE(cursor.excludedRows(), 2);
        QCOMPARE(mismatches, QStringList({"Q1_NPS_GROUP says Promoter but score 8 is a passive"}));
        QVERIFY(f.layout().warnings.join('\n').contains(QStringLiteral("disagrees with the score")));
    }

    void surveyMonkeyMergedNames()
    {
        const SurveyFile f = SurveyFile::open(fixture(QStringLiteral("surveymonkey_nps.csv")));
        const QStringList names = f.layout().columnNames();
        QCOMPARE(names.mid(10, 3),
                 QStringList({"Which features do you use? - Reports", "Which features do you use? - Alerts",
                              "Which features do you use? - API"}));
        // 03/05..03/07 never say which part is the day: reported as ambiguous.
        QVERIFY(f.mapping().dateOrderAmbiguous);
        // The 11-digit respondent id survives as text.
        RecordCursor cursor = f.records();
        QVERIFY(cursor.next());
        QCOMPARE(f.text(cursor.record(), f.mapping().responseId.column), QStringLiteral("11405234567"));
        QCOMPARE(f.score(cursor.record()).value, 10);
    }

    void typeformEmbeddedNewline()
    {
        const SurveyFile f = SurveyFile::open(fixture(QStringLiteral("typeform.csv")));
        RecordCursor cursor = f.records();
        QVERIFY(cursor.next() && cursor.next());
        QCOMPARE(cursor.record().line(), 3);
        QCOMPARE(f.text(cursor.record(), f.mapping().comment.column),
                 QStringLiteral("Billing is confusing,\nand the invoices are late"));
        QVERIFY(cursor.next());
        QCOMPARE(cursor.record().line(), 5);
        QCOMPARE(f.time(cursor.record()).utcSeconds, utc(2024, 4, 3, 10, 1));
    }

    void googleFormsDayFirst()
    {
        const SurveyFile f = SurveyFile::open(fixture(QStringLiteral("google_forms.csv")));
        QCOMPARE(f.mapping().dateOrder, DateOrder::DayMonthYear);
        QVERIFY(!f.mapping().dateOrderAmbiguous);
        QVERIFY(f.mapping().dateOrderReason.contains(QStringLiteral("first part over 12")));
        RecordCursor cursor = f.records();
        QVERIFY(cursor.next());
        QCOMPARE(f.time(cursor.record()).utcSeconds, utc(2024, 3, 5, 14, 5, 9));
        QStringList segments;
        for (const FieldChoice &s : f.mapping().segments)
            segments << nameOf(f, s);
        QCOMPARE(segments, QStringList({"Team size"}));
    }

    void dateOrderAmbiguousAndOverride()
    {
        const SurveyFile ambiguous = SurveyFile::open(fixture(QStringLiteral("ambiguous_dates.csv")));
        QVERIFY(ambiguous.mapping().dateOrderAmbiguous);
        QCOMPARE(ambiguous.mapping().dateOrder, localeDateOrder());
        QVERIFY(ambiguous.layout().warnings.join('\n').contains(QStringLiteral("ambiguous")));
        ReadOptions options;
        options.dateOrder = DateOrder::DayMonthYear;
        const SurveyFile forced = SurveyFile::open(fixture(QStringLiteral("ambiguous_dates.csv")), options);
        QVERIFY(!forced.mapping().dateOrderAmbiguous);
        RecordCursor cursor = forced.records();
        QVERIFY(cursor.next());
        QCOMPARE(forced.time(cursor.record()).utcSeconds, utc(2024, 4, 3));
    }

    // The day/month order comes from all values: the deciding value is far past the sample.
    void dateOrderFromWholeFile()
    {
        QTemporaryDir dir;
        QByteArray data = "when,nps\n";
        for (int i = 0; i < 3000; ++i)
            data += "01/02/2024,9\n";
        data += "28/02/2024,7\n";
        const SurveyFile f = SurveyFile::open(writeTemp(dir, QStringLiteral("late.csv"), data));
        QCOMPARE(f.mapping().dateOrder, DateOrder::DayMonthYear);
        QVERIFY(!f.mapping().dateOrderAmbiguous);
    }

    // Numbers count as times under a date header; formats may mix in one column.
    void numericAndMixedTimeColumns_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QList<qint64>>("times");
        QTest::newRow("excel serial") << QByteArray("Response Date,Score\n45356,9\n45357.5,10\n")
                                      << QList<qint64>{utc(2024, 3, 5), utc(2024, 3, 6, 12)};
        QTest::newRow("unix millis") << QByteArray("created_at,nps\n1709640000000,9\n1709726400000,3\n")
                                     << QList<qint64>{1709640000, 1709726400};
        QTest::newRow("mixed") << QByteArray("Date,Score\n2024-03-05,9\n1709726400,3\n25/03/2024 10:00,7\n"
                                             "2024-03-07T10:00:00+01:00,8\n45358,5\n")
                               << QList<qint64>{utc(2024, 3, 5), 1709726400, utc(2024, 3, 25, 10),
                                                utc(2024, 3, 7, 9), utc(2024, 3, 7)};
    }
    void numericAndMixedTimeColumns()
    {
        QFETCH(QByteArray, data);
        QFETCH(QList<qint64>, times);
        QTemporaryDir dir;
        const SurveyFile f = SurveyFile::open(writeTemp(dir, QStringLiteral("t.csv"), data));
        QCOMPARE(f.mapping().time.column, 0);
        QList<qint64> actual;
        RecordCursor cursor = f.records();
        while (cursor.next()) {
            const TimeResult t = f.time(cursor.record());
            QVERIFY2(t.ok(), qPrintable(t.reason(cursor.record().cell(0))));
            actual << t.utcSeconds;
        }
        QCOMPARE(actual, times);
    }

    void qualtricsGroupCodes()
    {
        QTemporaryDir dir;
        const SurveyFile f =
            SurveyFile::open(writeTemp(dir, QStringLiteral("codes.csv"),
                                       "Q1 How likely to recommend,Q1_NPS_GROUP\n10,3\n5,1\n8,2\n9,2\n"));
        QCOMPARE(nameOf(f, f.mapping().group), QStringLiteral("Q1_NPS_GROUP"));
        QStringList mismatches;
        RecordCursor cursor = f.records();
        while (cursor.next()) {
            const QString m = f.groupMismatch(cursor.record(), f.score(cursor.record()));
            if (!m.isEmpty())
                mismatches << m;
        }
        QCOMPARE(mismatches, QStringList({"Q1_NPS_GROUP says 2 but score 9 is a promoter"}));
    }

    // An id column of 9-digit numbers is not a Unix time without a date header.
    void idIsNotATime()
    {
        QTemporaryDir dir;
        const SurveyFile f = SurveyFile::open(
            writeTemp(dir, QStringLiteral("ids.csv"), "ID,Score\n123017667,9\n124169197,3\n"));
        QVERIFY(!f.mapping().time.found());
        QCOMPARE(f.mapping().responseId.column, 0);
    }

    void delightedUnixTime()
    {
        const SurveyFile f = SurveyFile::open(fixture(QStringLiteral("delighted.csv")));
        QCOMPARE(nameOf(f, f.mapping().name), QStringLiteral("person_name"));
        QCOMPARE(nameOf(f, f.mapping().userId), QStringLiteral("person_id"));
        // Ids, names, links, tags and notes are never segments.
        QCOMPARE(f.mapping().segments.size(), 1);
        QCOMPARE(nameOf(f, f.mapping().segments.first()), QStringLiteral("plan"));
        RecordCursor cursor = f.records();
        QVERIFY(cursor.next());
        QCOMPARE(f.time(cursor.record()).utcSeconds, qint64(1709290800));
        QVERIFY(cursor.next());
        QCOMPARE(f.score(cursor.record()).value, 0);
        QCOMPARE(f.score(cursor.record()).column, 4);
        QCOMPARE(f.time(cursor.record()).column, 6);
    }

    void limeSurveySemicolon()
    {
        const SurveyFile f = SurveyFile::open(fixture(QStringLiteral("limesurvey.csv")));
        QCOMPARE(f.layout().delimiter, ';');
        RecordCursor cursor = f.records();
        QVERIFY(cursor.next());
        QCOMPARE(f.text(cursor.record(), f.mapping().comment.column), QStringLiteral("Gut; aber teuer"));
        QVERIFY(cursor.next());
        QCOMPARE(f.text(cursor.record(), f.layout().columnIndex(QStringLiteral("REGION"))),
                 QStringLiteral("S\u00fcd"));
    }

    void genericUtf16()
    {
        const SurveyFile f = SurveyFile::open(fixture(QStringLiteral("generic_utf16.tsv")));
        QCOMPARE(f.layout().encoding, TextEncoding::Utf16LE);
        QCOMPARE(f.layout().delimiter, '\t');
        // Trimmed, duplicate and blank headers get stable names.
        QCOMPARE(f.layout().columnNames(),
                 QStringList({"Customer ID", "Signup Date", "Survey Date", "Score", "Comment", "Comment (2)",
                              "Column 7", "Last Active", "Plan"}));
        QCOMPARE(nameOf(f, f.mapping().userId), QStringLiteral("Customer ID"));
        QCOMPARE(nameOf(f, f.mapping().active), QStringLiteral("Last Active"));
        QCOMPARE(f.mapping().activeKind, ActiveKind::LastActiveDate);
        RecordCursor cursor = f.records();
        QVERIFY(cursor.next());
        const Record &r = cursor.record();
        QCOMPARE(f.text(r, 0), QStringLiteral("9007199254740993123")); // 19 digits, exact
        QCOMPARE(f.active(r, f.time(r)), std::optional<bool>(true));
        QVERIFY(cursor.next());
        QCOMPARE(f.active(cursor.record(), f.time(cursor.record())), std::optional<bool>(false));
        QVERIFY(cursor.next());
        QVERIFY(cursor.record().isRagged());
        QCOMPARE(cursor.record().raggedMessage(), QStringLiteral("line 4: 5 cells, the header has 9"));
    }

    void scaleFlagged()
    {
        const SurveyFile f = SurveyFile::open(fixture(QStringLiteral("scale_1to5.csv")));
        QCOMPARE(f.mapping().scale, ScoreScale::OneToFive);
        QVERIFY(f.mapping().scaleWarning.contains(QStringLiteral("1-5")));
        QVERIFY_THROWS_EXCEPTION(Error, f.requireImportable());
        ReadOptions accept;
        accept.acceptNonStandardScale = true;
        SurveyFile::open(fixture(QStringLiteral("scale_1to5.csv")), accept).requireImportable();
    }

    void overrides()
    {
        SurveyFile f = SurveyFile::open(fixture(QStringLiteral("google_forms.csv")));
        MappingOverrides o;
        o.fields.insert(QStringLiteral("comment"), QStringLiteral("none"));
        o.fields.insert(QStringLiteral("user"), QStringLiteral("email address"));
        o.segments << QStringLiteral("Why?");
        f.applyOverrides(o);
        QVERIFY(!f.mapping().comment.found());
        QCOMPARE(nameOf(f, f.mapping().userId), QStringLiteral("Email Address"));
        QCOMPARE(f.mapping().userId.reason, QStringLiteral("set by the user"));
        QCOMPARE(f.mapping().segments.size(), 1);
        MappingOverrides bad;
        bad.fields.insert(QStringLiteral("score"), QStringLiteral("Nope"));
        try {
            f.applyOverrides(bad);
            QFAIL("unknown column accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::Usage);
            QVERIFY(e.message().contains(QStringLiteral("Timestamp")));
        }
        MappingOverrides badField;
        badField.fields.insert(QStringLiteral("colour"), QStringLiteral("Why?"));
        QVERIFY_THROWS_EXCEPTION(Error, f.applyOverrides(badField));
    }

    void xlsxCells()
    {
        QCOMPARE(XlsxReader::sheetNames(fixture(QStringLiteral("responses.xlsx"))),
                 QStringList({"Responses", "Other"}));
        const SurveyFile f = SurveyFile::open(fixture(QStringLiteral("responses.xlsx")));
        QVERIFY(f.layout().xlsx);
        QCOMPARE(f.layout().sheetName, QStringLiteral("Responses"));
        QCOMPARE(f.layout().columnNames(),
                 QStringList({"Response ID", "Submitted", "How likely are you to recommend us?", "Comment",
                              "Active", "Plan", "Signup"}));
        QCOMPARE(nameOf(f, f.mapping().active), QStringLiteral("Active"));
        RecordCursor cursor = f.records();
        QVERIFY(cursor.next());
        const Record &r = cursor.record();
        QCOMPARE(r.line(), 2);
        QCOMPARE(f.text(r, 0), QStringLiteral("9007199254740993123"));
        QCOMPARE(f.text(r, 1), QStringLiteral("2024-03-05T12:00:00"));
        QCOMPARE(f.time(r).utcSeconds, utc(2024, 3, 5, 12));
        QCOMPARE(f.score(r).value, 9);
        QCOMPARE(f.text(r, 3), QStringLiteral("Rich text"));
        QCOMPARE(f.text(r, 4), QStringLiteral("TRUE"));
        QCOMPARE(f.active(r, f.time(r)), std::optional<bool>(true));
        QCOMPARE(f.text(r, 6), QStringLiteral("2023-01-01"));
        QVERIFY(cursor.next());
        QCOMPARE(cursor.record().text(3), QString()); // missing cell
        QCOMPARE(cursor.record().text(4), QStringLiteral("FALSE"));
        QCOMPARE(cursor.record().cellCount(), 7); // blank trailing cell dropped
        QVERIFY(!cursor.record().isRagged());
        QVERIFY(cursor.next());
        QCOMPARE(cursor.record().line(), 5); // row 4 is absent
        QCOMPARE(cursor.record().text(3), QStringLiteral("Fine & \"quoted\" <ok>"));
        QCOMPARE(f.time(cursor.record()).utcSeconds, utc(2024, 3, 7, 6));
        QVERIFY(!cursor.next());
    }

    void xlsxSheetAnd1904()
    {
        ReadOptions options;
        options.sheetName = QStringLiteral("Other");
        const SurveyFile other = SurveyFile::open(fixture(QStringLiteral("responses.xlsx")), options);
        QCOMPARE(other.layout().columnNames(), QStringList({"x"}));
        options.sheetName = QStringLiteral("Missing");
        try {
            SurveyFile::open(fixture(QStringLiteral("responses.xlsx")), options);
            QFAIL("unknown sheet accepted");
        } catch (const Error &e) {
            QVERIFY(e.message().contains(QStringLiteral("Responses, Other")));
        }
        const SurveyFile f = SurveyFile::open(fixture(QStringLiteral("date1904.xlsx")));
        RecordCursor cursor = f.records();
        QVERIFY(cursor.next());
        QCOMPARE(cursor.record().text(0), QStringLiteral("1904-01-01"));
        QVERIFY(cursor.next());
        QCOMPARE(cursor.record().text(0), QStringLiteral("2024-03-01T18:00:00"));
        QCOMPARE(f.score(cursor.record()).value, 8);
    }

    void refusalsAndErrors()
    {
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(Error, SurveyFile::open(dir.filePath(QStringLiteral("missing.csv"))));
        QVERIFY_THROWS_EXCEPTION(Error, SurveyFile::open(writeTemp(dir, QStringLiteral("empty.csv"), {})));
        const QString broken =
            writeTemp(dir, QStringLiteral("broken.xlsx"), QByteArray("PK\x03\x04garbage", 11));
        QVERIFY_THROWS_EXCEPTION(Error, SurveyFile::open(broken));
        const SurveyFile noScore =
            SurveyFile::open(writeTemp(dir, QStringLiteral("ns.csv"), "name,rank\nA,1\nB,2\nC,3\n"));
        try {
            noScore.requireImportable();
            QFAIL("no score column accepted");
        } catch (const Error &e) {
            QVERIFY(e.message().contains(QStringLiteral("no 0-10 question found")));
            QVERIFY(e.message().contains(QStringLiteral("'rank': values 1-3 only and no header word")));
        }
    }

    void progressAndCancel()
    {
        QTemporaryDir dir;
        QByteArray data = "id,score\n";
        for (int i = 0; i < 200000; ++i)
            data += QByteArray::number(i) + ",9\n";
        const QString path = writeTemp(dir, QStringLiteral("big.csv"), data);
        const SurveyFile f = SurveyFile::open(path);
        RecordCursor cursor = f.records();
        QList<qint64> reports;
        cursor.setProgress([&](qint64 done, qint64 total) {
            QCOMPARE(total, qint64(data.size()));
            reports << done;
        });
        qint64 rows = 0;
        while (cursor.next())
            ++rows;
        QCOMPARE(rows, 200000);
        QVERIFY(reports.size() >= 2);
        QCOMPARE(reports.last(), qint64(data.size()));

        std::atomic_bool cancel{false};
        RecordCursor second = f.records();
        second.setCancelFlag(&cancel);
        QVERIFY(second.next());
        cancel = true;
        try {
            second.next();
            QFAIL("not cancelled");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::Cancelled);
        }
    }
};

QTEST_GUILESS_MAIN(TestSurveyFile)
#include "TestSurveyFile.moc"
