// Every real export in ../shared/data, read in place (never copied): preset,
// encoding, header names, row count and mapping, or the clear refusal.
#include "common/Error.h"
#include "readers/SurveyFile.h"

#include <QtTest>

using namespace nps;

namespace {

QString shared(const char *name)
{
    return QStringLiteral(NPSDESK_SHARED_DATA "/") + QLatin1String(name);
}

struct Count
{
    qint64 rows = 0, ragged = 0, excluded = 0, scoreOk = 0, timeOk = 0, mismatches = 0;
    qint64 lastLine = 0;
};

Count countAll(const SurveyFile &file)
{
    Count c;
    RecordCursor cursor = file.records();
    while (cursor.next()) {
        const Record &r = cursor.record();
        ++c.rows;
        c.lastLine = r.line();
        const ScoreResult s = file.score(r);
        c.scoreOk += s.ok();
        c.timeOk += file.time(r).ok();
        c.mismatches += !file.groupMismatch(r, s).isEmpty();
    }
    c.ragged = cursor.raggedRows();
    c.excluded = cursor.excludedRows();
    return c;
}

QString columnName(const SurveyFile &f, const FieldChoice &choice)
{
    return choice.found() ? f.layout().columns[choice.column].name : QString();
}

} // namespace

class TestSharedData : public QObject
{
    Q_OBJECT

private slots:
    void npsGame()
    {
        const SurveyFile f = SurveyFile::open(shared("01_NPSgame_nps.csv"));
        QCOMPARE(f.layout().preset, Preset::Generic);
        QCOMPARE(f.layout().encoding, TextEncoding::Latin1Cp850Mixed);
        QCOMPARE(f.layout().delimiter, ',');
        QCOMPARE(f.layout().headerRows, 1);
        QCOMPARE(f.layout().columnNames(), QStringList({"Column 1", "id", "nps", "satisfaction", "intention",
                                                        "explication", "NbPassageKS", "CaTicket", "t"}));
        QCOMPARE(columnName(f, f.mapping().score), QStringLiteral("nps"));
        QCOMPARE(f.mapping().scale, ScoreScale::OneToTen);
        QVERIFY(!f.mapping().scaleWarning.isEmpty());
        QCOMPARE(columnName(f, f.mapping().comment), QStringLiteral("explication"));
        QCOMPARE(columnName(f, f.mapping().responseId), QStringLiteral("id"));
        QVERIFY(!f.mapping().time.found());
        // The 1-10 scale must be confirmed before import.
        QVERIFY_THROWS_EXCEPTION(Error, f.requireImportable());
        const Count c = countAll(f);
        QCOMPARE(c.rows, 13954);
        QCOMPARE(c.ragged, 0);
        QCOMPARE(c.scoreOk, 13954 - 342); // 342 literal NA
        QCOMPARE(c.lastLine, 13955);

        // Both encodings of "é" decode to the same letter: line 4 has 0xE9 and 0x82.
        RecordCursor cursor = f.records();
        QVERIFY(cursor.next() && cursor.next() && cursor.next() && cursor.next());
        QCOMPARE(cursor.record().line(), 5);
        const QString text = f.text(cursor.record(), 5);
        QVERIFY2(text.startsWith(QStringLiteral("j'ai achet\u00e9 une vigne")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("pour \u00e9change")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("m\u00eame produit")), qPrintable(text));
    }

    void npsGameOverrides()
    {
        SurveyFile f = SurveyFile::open(shared("01_NPSgame_nps.csv"));
        RecordCursor cursor = f.records();
        QVERIFY(cursor.next());
        QCOMPARE(f.text(cursor.record(), 5), QStringLiteral("NA"));
        QCOMPARE(f.comment(cursor.record()), QString()); // R's NA is no comment
        // Choosing another score column replaces the scale warning of the first.
        QVERIFY(f.layout().warnings.join('\n').contains(QStringLiteral("'nps' looks like a 1-10 scale")));
        MappingOverrides o;
        o.fields.insert(QStringLiteral("score"), QStringLiteral("satisfaction"));
        f.applyOverrides(o);
        QCOMPARE(f.mapping().score.column, 3);
        QVERIFY(!f.layout().warnings.join('\n').contains(QStringLiteral("'nps' looks like")));
    }

    void npsGameEncodingOverride()
    {
        ReadOptions options;
        options.encoding = TextEncoding::Windows1252;
        options.acceptNonStandardScale = true;
        const SurveyFile f = SurveyFile::open(shared("01_NPSgame_nps.csv"), options);
        QCOMPARE(f.layout().encoding, TextEncoding::Windows1252);
        QVERIFY(f.layout().encodingReason.startsWith(QStringLiteral("set by the user")));
        f.requireImportable(); // scale accepted
    }

    void thermal()
    {
        const SurveyFile f = SurveyFile::open(shared("05_nps_thermal_senda_mx_sample.csv"));
        QCOMPARE(f.layout().preset, Preset::Generic);
        QCOMPARE(f.layout().encoding, TextEncoding::Utf8);
        QCOMPARE(f.layout().columnNames(),
                 QStringList({"Fecha", "ID", "NPS Group", "NPS", "Comment",
                              QStringLiteral("UsuarioDecisi\u00f3n"), "Canal", "Palanca", "Subpalanca"}));
        QCOMPARE(columnName(f, f.mapping().score), QStringLiteral("NPS"));
        QCOMPARE(f.mapping().scale, ScoreScale::ZeroToTen);
        QCOMPARE(columnName(f, f.mapping().comment), QStringLiteral("Comment"));
        QCOMPARE(columnName(f, f.mapping().time), QStringLiteral("Fecha"));
        QCOMPARE(columnName(f, f.mapping().responseId), QStringLiteral("ID"));
        QCOMPARE(columnName(f, f.mapping().group), QStringLiteral("NPS Group"));
        QStringList segments;
        for (const FieldChoice &s : f.mapping().segments)
            segments << f.layout().columns[s.column].name;
        QVERIFY2(segments.contains(QStringLiteral("Canal")), qPrintable(segments.join(',')));
        QVERIFY(segments.contains(QStringLiteral("UsuarioDecisi\u00f3n")));
        f.requireImportable();
        const Count c = countAll(f);
        QCOMPARE(c.rows, 5000);
        QCOMPARE(c.scoreOk, 5000);
        QCOMPARE(c.timeOk, 5000);
        QCOMPARE(c.mismatches, 0);
        // First row: 2026-01-21 09:24:53 UTC, id kept as text.
        RecordCursor cursor = f.records();
        QVERIFY(cursor.next());
        QCOMPARE(f.time(cursor.record()).utcSeconds,
                 QDateTime(QDate(2026, 1, 21), QTime(9, 24, 53), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(f.text(cursor.record(), f.mapping().responseId.column), QStringLiteral("123017667"));
    }

    void qualtrics()
    {
        const SurveyFile f = SurveyFile::open(shared("07_qualtrics_sample.csv"));
        QCOMPARE(f.layout().preset, Preset::Qualtrics);
        QVERIFY(f.layout().confidence > 0.9);
        QCOMPARE(f.layout().headerRows, 3);
        QCOMPARE(f.layout().encoding, TextEncoding::Utf8);
        const QStringList names = f.layout().columnNames();
        QCOMPARE(names.size(), 20);
        QCOMPARE(names.first(), QStringLiteral("StartDate"));
        QCOMPARE(names.at(17), QStringLiteral("Q1"));
        QCOMPARE(f.layout().columns[9].label, QStringLiteral("Nachname des Empf\u00e4ngers"));
        QCOMPARE(columnName(f, f.mapping().time), QStringLiteral("RecordedDate"));
        QCOMPARE(columnName(f, f.mapping().responseId), QStringLiteral("ResponseId"));
        QCOMPARE(columnName(f, f.mapping().email), QStringLiteral("RecipientEmail"));
        QVERIFY(!f.mapping().score.found()); // no NPS question in this sample
        QVERIFY_THROWS_EXCEPTION(Error, f.requireImportable());
        QCOMPARE(countAll(f).rows, 1);
    }

    void qualtricsLegacy()
    {
        const SurveyFile f = SurveyFile::open(shared("07b_qualtrics_sample_legacy.csv"));
        QCOMPARE(f.layout().preset, Preset::QualtricsLegacy);
        QCOMPARE(f.layout().headerRows, 2);
        QCOMPARE(f.layout().bomLength, 3);
        QCOMPARE(f.layout().encoding, TextEncoding::Utf8);
        QVERIFY(f.layout().trailingDelimiter);
        QCOMPARE(f.layout().columnNames(),
                 QStringList({"ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress",
                              "IPAddress", "Status", "StartDate", "EndDate", "Finished", "Q1", "Q2",
                              "LocationLatitude", "LocationLongitude", "LocationAccuracy"}));
        QCOMPARE(columnName(f, f.mapping().responseId), QStringLiteral("ResponseID"));
        QCOMPARE(columnName(f, f.mapping().time), QStringLiteral("EndDate"));
        QVERIFY(!f.mapping().score.found());
        const Count c = countAll(f);
        QCOMPARE(c.rows, 1);
        QCOMPARE(c.ragged, 0);
    }

    void starWarsRefused()
    {
        const SurveyFile f = SurveyFile::open(shared("08_StarWars.csv"));
        QCOMPARE(f.layout().preset, Preset::SurveyMonkey);
        QCOMPARE(f.layout().headerRows, 2);
        QCOMPARE(f.layout().encoding, TextEncoding::Windows1252);
        const QStringList names = f.layout().columnNames();
        QCOMPARE(names.size(), 38);
        QCOMPARE(names.first(), QStringLiteral("RespondentID"));
        QCOMPARE(names.at(3),
                 QStringLiteral("Which of the following Star Wars films have you seen? Please select all "
                                "that apply. - Star Wars: Episode I The Phantom Menace"));
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), 38);
        QVERIFY(!f.mapping().score.found());
        QCOMPARE(f.mapping().consideredForScore.size(), 38);
        try {
            f.requireImportable();
            QFAIL("08_StarWars.csv must be refused");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::BadInput);
            QVERIFY2(e.message().contains(QStringLiteral("no 0-10 question found")), qPrintable(e.message()));
            QVERIFY(e.message().contains(QStringLiteral("'Gender'")));
            QVERIFY(e.message().contains(QStringLiteral("'RespondentID'")));
        }
        const Count c = countAll(f);
        QCOMPARE(c.rows, 1186);
        QCOMPARE(c.ragged, 0);
    }
};

QTEST_GUILESS_MAIN(TestSharedData)
#include "TestSharedData.moc"
