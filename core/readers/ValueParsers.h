#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

class QTimeZone;

namespace nps {

// ---- Scores -------------------------------------------------------------

enum class ScoreScale {
    Unknown,
    ZeroToTen, // the NPS scale
    OneToTen,  // no zeros seen: breaks the 0-6 / 7-8 / 9-10 grouping
    OneToFive, // not an NPS scale at all
};
QString scoreScaleName(ScoreScale scale); // "0-10", "1-10", "1-5", "unknown"

enum class ScoreProblem { None, Empty, Missing, NotANumber, NotAnInteger, OutOfRange };

struct ScoreResult
{
    int value = -1;
    ScoreProblem problem = ScoreProblem::None;
    int column = -1; // 0-based column it came from (set by SurveyFile::score), -1 if none
    bool ok() const { return problem == ScoreProblem::None; }
    // Human reason for a rejection, e.g. "score 11 is outside 0-10",
    // "empty score (a skipped answer, not a zero)", "score 'NA' is missing".
    QString reason(QByteArrayView cell) const;
};

// Parses a score cell: "8", " 8 ", "8.0", "10 - Extremely likely",
// "0 (Not at all likely)", "9 = very likely". Rejects empty, NA/N/A/null/-,
// non-numbers, fractions (8.5) and values outside 0..10. No allocation.
ScoreResult parseScore(QByteArrayView cell);

// ---- Times --------------------------------------------------------------

// Order of day, month and year in slash (or dot) dates like 03/04/2024.
enum class DateOrder { Auto, DayMonthYear, MonthDayYear, YearMonthDay };
QString dateOrderName(DateOrder order); // "auto", "dmy", "mdy", "ymd"
bool dateOrderFromName(const QString &name, DateOrder *order);
// The order of the system locale's short date format (used for ambiguous columns).
DateOrder localeDateOrder();

enum class TimeProblem { None, Empty, Unrecognised, InvalidDate };

struct TimeResult
{
    qint64 utcSeconds = 0;
    TimeProblem problem = TimeProblem::None;
    int column = -1; // 0-based column it came from (set by SurveyFile::time/timeOf), -1 if none
    bool ok() const { return problem == TimeProblem::None; }
    QString reason(QByteArrayView cell) const;
};

// Parses one time value, each format on its own so a column may mix them:
//  - ISO 8601 "2024-03-05", "2024-03-05T14:05[:09[.123]]", with "Z", "+02:00",
//    "+0200" or no zone; the "T" may be a space ("YYYY-MM-DD HH:MM:SS").
//  - Unix seconds (9-11 digits) and milliseconds (12-14 digits), optional fraction.
//  - Excel serial days (1900 system), a number 1..2958465 with optional fraction,
//    only when `allowSerial` (a column of small plain numbers is more likely a
//    count than a date: the mapping decides).
//  - Slash/dot dates "05/03/2024", "5.3.24", "2024/03/05" with optional time
//    "14:05[:09]" and AM/PM; `order` gives the part order (Auto = day-first when the
//    first part is over 12, month-first when the second is, else month-first).
// Zone-less values are read in `zone` (nullptr = UTC).
TimeResult parseTime(QByteArrayView cell, DateOrder order = DateOrder::Auto, const QTimeZone *zone = nullptr,
                     bool allowSerial = true);

// What a slash date says about the part order: 1 = first part > 12 (day-first),
// 2 = second part > 12 (month-first), 0 = no information or not a slash date.
int slashDateEvidence(QByteArrayView cell);

// True for the markers tools and R/pandas write for "no value": NA, N/A, #N/A,
// null, none, NaN, "-", "--", "." (case-insensitive, spaces trimmed) and empty.
bool isMissingValue(QByteArrayView cell);

// ---- Active flags -------------------------------------------------------

// yes/no, true/false, 1/0, y/n, active/inactive, si/sí/no, oui/non, ja/nein.
// Empty or anything else: std::nullopt (unknown).
std::optional<bool> parseBoolean(QByteArrayView cell);

// ---- Vendor NPS groups --------------------------------------------------

// "Promoter"/"PROMOTOR"/"Promoteur", "Passive"/"PASIVO"/"Passif"/"Neutral",
// "Detractor"/"DETRACTOR"/"Détracteur"/"Kritiker": 2 promoter, 1 passive, 0 detractor;
// -1 for anything else.
int parseNpsGroup(QByteArrayView cell);
// Group of a 0-10 score: 0 detractor (0-6), 1 passive (7-8), 2 promoter (9-10).
inline int npsGroupOfScore(int score)
{
    return score >= 9 ? 2 : score >= 7 ? 1 : 0;
}

} // namespace nps
