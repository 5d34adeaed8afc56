#pragma once

#include "NpsMath.h"
#include "Period.h"

#include <QString>
#include <QStringList>
#include <QVector>
#include <array>
#include <cmath>

namespace nps {

// Value types returned by AnalysisService. All NPS values are in points
// (-100..100). A double that has no meaning (NPS of an empty set, a change with
// no previous period, a p-value that was not computed) is NaN: check with
// std::isnan, and print it as empty / JSON null.

// NPS of one set of responses.
struct NpsSummary
{
    NpsCounts counts;
    std::array<qint64, 11> distribution{}; // answers per score 0..10
    double nps = std::nan("");             // raw NPS
    double promoterPercent = std::nan("");
    double passivePercent = std::nan("");
    double detractorPercent = std::nan("");
    double confidence = 0.95;
    ConfidenceInterval ci; // adjusted Wald at `confidence`; ci.low/high NaN when n == 0
    bool lowN = true;      // n < lowSampleThreshold: unreliable, never flagged significant

    qint64 n() const { return counts.n(); }
    static NpsSummary fromDistribution(const std::array<qint64, 11> &distribution, double confidence);
};

constexpr qint64 lowSampleThreshold = 30;
constexpr double defaultConfidence = 0.95;

// One column of a pivot or one point of a trend.
struct PeriodInfo
{
    int ordinal = 0;      // PeriodKind ordinal, or the wave id for PeriodKind::Wave
    QString label;        // "2026Q3", "2026-07", "2026", the wave name, "(no date)"
    bool undated = false; // responses without a submitted_at (calendar periods only)
};

struct PivotRequest
{
    QStringList attributes; // 0, 1 or 2 attribute names (rows)
    PeriodKind period = PeriodKind::Quarter;
    double confidence = defaultConfidence;
    Correction correction = Correction::Holm;
};

// One cell of a pivot: a segment (row) in a period (column). Total row: isTotalRow,
// segment values "Total". Total column: isTotalColumn, period label "Total".
struct PivotCell
{
    QStringList segment; // values, one per request attribute; "(not set)" when missing
    bool isTotalRow = false;
    bool isTotalColumn = false;
    PeriodInfo period;
    NpsSummary summary;
    // Against the previous period column of the same row (when that cell exists).
    double change = std::nan("");          // NPS(this) - NPS(previous), points
    double changePValue = std::nan("");    // raw two-sided p of the adjusted two-sample z test
    double changeAdjustedP = std::nan(""); // after the request's correction
    bool significant = false;              // changeAdjustedP < 1 - confidence, neither cell low-n
    // Against the same period's total: the difference to the total, tested against
    // the rest of the respondents (total minus this segment) so the samples are
    // independent. Not computed for total rows.
    double vsTotal = std::nan("");
    double vsRestPValue = std::nan("");
    double vsRestAdjustedP = std::nan("");
    bool vsTotalSignificant = false;
};

struct PivotResult
{
    QStringList attributes;
    PeriodKind periodKind = PeriodKind::None;
    QVector<PeriodInfo> periods;   // columns in time order, excluding the total column
    QVector<QStringList> segments; // rows in order (largest n first), excluding the total row
    QVector<PivotCell> cells;      // row-major: for each segment then the total row,
                                   // each period then the total column; empty cells omitted
    double confidence = defaultConfidence;
    Correction correction = Correction::Holm;
    int changeTests = 0; // size of the change-vs-previous family
    int totalTests = 0;  // size of the vs-total family

    const PivotCell *cell(const QStringList &segment, const QString &periodLabel) const;
};

struct TrendPoint
{
    PeriodInfo period;
    NpsSummary summary;
};

struct TrendSeries
{
    QString label;       // segment values joined by " / ", or "All responses"
    QStringList segment; // empty for the overall series
    QVector<TrendPoint> points;
};

// Change in overall NPS between two periods split per segment (see
// AnalysisService::explain for the formula).
struct ExplainSegment
{
    QString segment;
    NpsCounts from, to;
    double shareFrom = 0, shareTo = 0;                   // share of the period's answers (0..1)
    double npsFrom = std::nan(""), npsTo = std::nan(""); // NaN when absent in that period
    double rateEffect = 0;                               // points of total change
    double mixEffect = 0;                                // points of total change
    double total() const { return rateEffect + mixEffect; }
};

struct Explanation
{
    QString attribute;
    QString fromPeriod, toPeriod;
    NpsSummary fromSummary, toSummary;
    double totalChange = 0; // NPS(to) - NPS(from)
    double rateEffect = 0;  // sum over segments
    double mixEffect = 0;   // sum over segments
    QVector<ExplainSegment> segments;
    QString formula; // the decomposition, in words, for display
};

struct PeriodMetrics
{
    PeriodInfo period;
    NpsSummary summary;
    double detractorRate = std::nan(""); // percent of answers
    // Respondents whose previous answer (in an earlier wave) was passive and who
    // answered in this period; converted = those answering 9-10 now.
    qint64 passivesFollowedUp = 0;
    qint64 passivesConverted = 0;
    double passiveConversionRate = std::nan(""); // percent
    // Waves attributed to this period (by their first answer) whose invited count is known.
    qint64 invited = 0;
    qint64 invitedResponses = 0; // all answers of those waves (unfiltered: invitations are not segmented)
    double responseRate = std::nan(""); // percent
    qint64 comments = 0;
    double commentRate = std::nan(""); // percent
};

struct HygieneWarning
{
    enum class Severity { Info, Warning };
    QString code; // inactive_respondents | survey_fatigue | low_response_rate | low_sample_period | scale
    Severity severity = Severity::Warning;
    QString message;             // one sentence a user can act on
    QString subject;             // the wave, period or import concerned, when there is one
    double value = std::nan(""); // the figure behind the warning (share, rate, count)
    // inactive_respondents only: NPS of everyone and of the known-active/unknown only.
    double npsAll = std::nan("");
    double npsWithoutInactive = std::nan("");
};

struct BenchmarkBand
{
    qint64 id = 0; // 0 for built-in bands, else benchmarks.id
    QString label;
    double low = 0;  // inclusive, points
    double high = 0; // inclusive, points; low == high is a reference line
    bool builtIn = false;
    bool contains(double nps) const { return nps >= low && nps <= high; }
};

} // namespace nps
