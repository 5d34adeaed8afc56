// Data-driven rules for the per-cell parsers: scores, times, booleans, vendor groups.
#include "readers/ValueParsers.h"

#include <QDateTime>
#include <QTimeZone>
#include <QtTest>

using namespace nps;

Q_DECLARE_METATYPE(nps::ScoreProblem)
Q_DECLARE_METATYPE(nps::TimeProblem)
Q_DECLARE_METATYPE(nps::DateOrder)

namespace {

qint64 utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC).toSecsSinceEpoch();
}

} // namespace

class TestValueParsers : public QObject
{
    Q_OBJECT

private slots:
    void score_data()
    {
        QTest::addColumn<QByteArray>("cell");
        QTest::addColumn<int>("value");
        QTest::addColumn<ScoreProblem>("problem");
        QTest::addColumn<QString>("reason");
        QTest::newRow("integer") << QByteArray("8") << 8 << ScoreProblem::None << QString();
        QTest::newRow("zero") << QByteArray("0") << 0 << ScoreProblem::None << QString();
        QTest::newRow("ten") << QByteArray("10") << 10 << ScoreProblem::None << QString();
        QTest::newRow("spaces") << QByteArray("  9 ") << 9 << ScoreProblem::None << QString();
        QTest::newRow("decimal zero") << QByteArray("8.0") << 8 << ScoreProblem::None << QString();
        QTest::newRow("decimal comma") << QByteArray("7,00") << 7 << ScoreProblem::None << QString();
        QTest::newRow("label dash") << QByteArray("10 - Extremely likely") << 10 << ScoreProblem::None
                                    << QString();
        QTest::newRow("label paren") << QByteArray("0 (Not at all likely)") << 0 << ScoreProblem::None
                                     << QString();
        QTest::newRow("label equals")
            << QByteArray("9 = very likely") << 9 << ScoreProblem::None << QString();
        QTest::newRow("out of ten") << QByteArray("6/10") << 6 << ScoreProblem::None << QString();
        QTest::newRow("empty") << QByteArray("") << -1 << ScoreProblem::Empty
                               << QStringLiteral("empty score (a skipped answer, not a zero)");
        QTest::newRow("blank") << QByteArray("   ") << -1 << ScoreProblem::Empty
                               << QStringLiteral("empty score (a skipped answer, not a zero)");
        QTest::newRow("NA") << QByteArray("NA") << -1 << ScoreProblem::Missing
                            << QStringLiteral("score 'NA' means missing");
        QTest::newRow("n/a") << QByteArray("n/a") << -1 << ScoreProblem::Missing
                             << QStringLiteral("score 'n/a' means missing");
        QTest::newRow("null") << QByteArray("NULL") << -1 << ScoreProblem::Missing
                              << QStringLiteral("score 'NULL' means missing");
        QTest::newRow("eleven") << QByteArray("11") << -1 << ScoreProblem::OutOfRange
                                << QStringLiteral("score '11' is outside 0-10");
        QTest::newRow("negative") << QByteArray("-1") << -1 << ScoreProblem::OutOfRange
                                  << QStringLiteral("score '-1' is outside 0-10");
        QTest::newRow("huge") << QByteArray("123456789012") << -1 << ScoreProblem::OutOfRange
                              << QStringLiteral("score '123456789012' is outside 0-10");
        QTest::newRow("fraction") << QByteArray("8.5") << -1 << ScoreProblem::NotAnInteger
                                  << QStringLiteral("score '8.5' is not a whole number");
        QTest::newRow("word") << QByteArray("Very likely") << -1 << ScoreProblem::NotANumber
                              << QStringLiteral("score 'Very likely' is not a number");
        QTest::newRow("two numbers") << QByteArray("8 9") << -1 << ScoreProblem::NotANumber
                                     << QStringLiteral("score '8 9' is not a number");
        QTest::newRow("glued letters") << QByteArray("8x") << -1 << ScoreProblem::NotANumber
                                       << QStringLiteral("score '8x' is not a number");
    }
    void score()
    {
        QFETCH(QByteArray, cell);
        QFETCH(int, value);
        QFETCH(ScoreProblem, problem);
        QFETCH(QString, reason);
        const ScoreResult r = parseScore(cell);
        QCOMPARE(r.problem, problem);
        if (r.ok())
            QCOMPARE(r.value, value);
        QCOMPARE(r.reason(cell), reason);
    }

    void time_data()
    {
        QTest::addColumn<QByteArray>("cell");
        QTest::addColumn<DateOrder>("order");
        QTest::addColumn<qint64>("expected");
        QTest::addColumn<TimeProblem>("problem");
        const DateOrder a = DateOrder::Auto;
        QTest::newRow("iso date") << QByteArray("2024-03-05") << a << utc(2024, 3, 5) << TimeProblem::None;
        QTest::newRow("iso T Z") << QByteArray("2024-03-05T14:05:09Z") << a << utc(2024, 3, 5, 14, 5, 9)
                                 << TimeProblem::None;
        QTest::newRow("iso offset") << QByteArray("2024-03-05T14:05:09+02:00") << a
                                    << utc(2024, 3, 5, 12, 5, 9) << TimeProblem::None;
        QTest::newRow("iso offset compact")
            << QByteArray("2024-03-05T14:05-0130") << a << utc(2024, 3, 5, 15, 35) << TimeProblem::None;
        QTest::newRow("iso millis") << QByteArray("2024-03-05T14:05:09.123Z") << a
                                    << utc(2024, 3, 5, 14, 5, 9) << TimeProblem::None;
        QTest::newRow("sql datetime")
            << QByteArray("2026-01-21 09:24:53") << a << utc(2026, 1, 21, 9, 24, 53) << TimeProblem::None;
        QTest::newRow("utc suffix") << QByteArray("2026-01-21 09:24:53 UTC") << a
                                    << utc(2026, 1, 21, 9, 24, 53) << TimeProblem::None;
        QTest::newRow("unix seconds")
            << QByteArray("1700000000") << a << qint64(1700000000) << TimeProblem::None;
        QTest::newRow("unix millis") << QByteArray("1700000000123") << a << qint64(1700000000)
                                     << TimeProblem::None;
        QTest::newRow("excel serial") << QByteArray("45356") << a << utc(2024, 3, 5) << TimeProblem::None;
        QTest::newRow("excel serial time")
            << QByteArray("45356.5") << a << utc(2024, 3, 5, 12) << TimeProblem::None;
        QTest::newRow("slash dmy auto")
            << QByteArray("25/03/2024") << a << utc(2024, 3, 25) << TimeProblem::None;
        QTest::newRow("slash mdy auto")
            << QByteArray("03/25/2024 14:05:09") << a << utc(2024, 3, 25, 14, 5, 9) << TimeProblem::None;
        QTest::newRow("slash dmy forced")
            << QByteArray("05/03/2024") << DateOrder::DayMonthYear << utc(2024, 3, 5) << TimeProblem::None;
        QTest::newRow("slash mdy forced")
            << QByteArray("05/03/2024") << DateOrder::MonthDayYear << utc(2024, 5, 3) << TimeProblem::None;
        QTest::newRow("slash pm") << QByteArray("3/5/2024 2:05 PM") << DateOrder::MonthDayYear
                                  << utc(2024, 3, 5, 14, 5) << TimeProblem::None;
        QTest::newRow("slash 12 am") << QByteArray("3/5/2024 12:30 AM") << DateOrder::MonthDayYear
                                     << utc(2024, 3, 5, 0, 30) << TimeProblem::None;
        QTest::newRow("dot german") << QByteArray("5.3.24 08:00") << DateOrder::DayMonthYear
                                    << utc(2024, 3, 5, 8) << TimeProblem::None;
        QTest::newRow("ymd slash") << QByteArray("2024/03/05 10:00") << a << utc(2024, 3, 5, 10)
                                   << TimeProblem::None;
        QTest::newRow("empty") << QByteArray(" ") << a << qint64(0) << TimeProblem::Empty;
        QTest::newRow("words") << QByteArray("yesterday") << a << qint64(0) << TimeProblem::Unrecognised;
        QTest::newRow("feb 30") << QByteArray("2024-02-30") << a << qint64(0) << TimeProblem::InvalidDate;
        QTest::newRow("month 13 forced")
            << QByteArray("13/05/2024") << DateOrder::MonthDayYear << qint64(0) << TimeProblem::InvalidDate;
        QTest::newRow("hour 25") << QByteArray("2024-03-05 25:00") << a << qint64(0)
                                 << TimeProblem::Unrecognised;
        QTest::newRow("trailing junk")
            << QByteArray("2024-03-05 foo") << a << qint64(0) << TimeProblem::Unrecognised;
        QTest::newRow("leap day") << QByteArray("2024-02-29") << a << utc(2024, 2, 29) << TimeProblem::None;
    }
    void time()
    {
        QFETCH(QByteArray, cell);
        QFETCH(DateOrder, order);
        QFETCH(qint64, expected);
        QFETCH(TimeProblem, problem);
        const TimeResult r = parseTime(cell, order);
        QCOMPARE(r.problem, problem);
        if (r.ok())
            QCOMPARE(r.utcSeconds, expected);
        else
            QVERIFY(!r.reason(cell).isEmpty());
    }

    void serialOnlyWhenAllowed()
    {
        QVERIFY(parseTime("45356", DateOrder::Auto, nullptr, true).ok());
        QCOMPARE(parseTime("45356", DateOrder::Auto, nullptr, false).problem, TimeProblem::Unrecognised);
        // Unix seconds stay recognised without the serial permission.
        QVERIFY(parseTime("1700000000", DateOrder::Auto, nullptr, false).ok());
    }

    void zoneForZonelessTimes()
    {
        const QTimeZone paris("Europe/Paris");
        QVERIFY(paris.isValid());
        // Winter: UTC+1; summer: UTC+2; an explicit zone wins over the default.
        QCOMPARE(parseTime("2024-01-10 12:00:00", DateOrder::Auto, &paris).utcSeconds, utc(2024, 1, 10, 11));
        QCOMPARE(parseTime("2024-07-10 12:00:00", DateOrder::Auto, &paris).utcSeconds, utc(2024, 7, 10, 10));
        QCOMPARE(parseTime("2024-07-10T12:00:00Z", DateOrder::Auto, &paris).utcSeconds, utc(2024, 7, 10, 12));
    }

    void slashEvidence_data()
    {
        QTest::addColumn<QByteArray>("cell");
        QTest::addColumn<int>("evidence");
        QTest::newRow("day first") << QByteArray("25/03/2024") << 1;
        QTest::newRow("month first") << QByteArray("03/25/2024") << 2;
        QTest::newRow("ambiguous") << QByteArray("03/05/2024") << 0;
        QTest::newRow("iso") << QByteArray("2024-03-25") << 0;
        QTest::newRow("dots") << QByteArray("31.12.2023") << 1;
    }
    void slashEvidence()
    {
        QFETCH(QByteArray, cell);
        QFETCH(int, evidence);
        QCOMPARE(slashDateEvidence(cell), evidence);
    }

    void boolean_data()
    {
        QTest::addColumn<QByteArray>("cell");
        QTest::addColumn<int>("expected"); // 1 true, 0 false, -1 unknown
        QTest::newRow("yes") << QByteArray("yes") << 1;
        QTest::newRow("Yes") << QByteArray(" Yes ") << 1;
        QTest::newRow("TRUE") << QByteArray("TRUE") << 1;
        QTest::newRow("1") << QByteArray("1") << 1;
        QTest::newRow("si accent") << QByteArray("S\xc3\xad") << 1;
        QTest::newRow("oui") << QByteArray("oui") << 1;
        QTest::newRow("no") << QByteArray("No") << 0;
        QTest::newRow("false") << QByteArray("false") << 0;
        QTest::newRow("0") << QByteArray("0") << 0;
        QTest::newRow("nein") << QByteArray("nein") << 0;
        QTest::newRow("empty") << QByteArray("") << -1;
        QTest::newRow("maybe") << QByteArray("maybe") << -1;
    }
    void boolean()
    {
        QFETCH(QByteArray, cell);
        QFETCH(int, expected);
        const std::optional<bool> b = parseBoolean(cell);
        QCOMPARE(b.has_value() ? int(*b) : -1, expected);
    }

    void group_data()
    {
        QTest::addColumn<QByteArray>("cell");
        QTest::addColumn<int>("group");
        QTest::newRow("PROMOTOR") << QByteArray("PROMOTOR") << 2;
        QTest::newRow("Promoter") << QByteArray("Promoter") << 2;
        QTest::newRow("PASIVO") << QByteArray("PASIVO") << 1;
        QTest::newRow("Passive") << QByteArray("Passive") << 1;
        QTest::newRow("DETRACTOR") << QByteArray("DETRACTOR") << 0;
        QTest::newRow("Detracteur") << QByteArray("D\xc3\xa9tracteur") << 0;
        QTest::newRow("other") << QByteArray("Neither") << -1;
    }
    void group()
    {
        QFETCH(QByteArray, cell);
        QFETCH(int, group);
        QCOMPARE(parseNpsGroup(cell), group);
    }

    void missing()
    {
        for (const char *m : {"", " ", "NA", "n/a", "#N/A", "null", "NaN", ".", "-"})
            QVERIFY2(isMissingValue(m), m);
        for (const char *v : {"0", "no", "nan bread", "KKKK"})
            QVERIFY2(!isMissingValue(v), v);
    }

    void names()
    {
        DateOrder order = DateOrder::Auto;
        QVERIFY(dateOrderFromName(QStringLiteral("dmy"), &order));
        QCOMPARE(order, DateOrder::DayMonthYear);
        QVERIFY(!dateOrderFromName(QStringLiteral("dym"), &order));
        QCOMPARE(scoreScaleName(ScoreScale::OneToTen), QStringLiteral("1-10"));
    }
};

QTEST_GUILESS_MAIN(TestValueParsers)
#include "TestValueParsers.moc"
