#pragma once

#include <QVector>
#include <QtGlobal>
#include <array>

namespace nps {

// The pure statistics of NPS, as specified in DESIGN.md "Statistics". No I/O,
// no Qt types beyond QVector: the numbers executives see come from here only.

// Answers per group. Groups: detractor 0-6, passive 7-8, promoter 9-10.
struct NpsCounts
{
    qint64 promoters = 0;
    qint64 passives = 0;
    qint64 detractors = 0;

    qint64 n() const { return promoters + passives + detractors; }
    // NPS in points (-100..100); NaN when n == 0.
    double nps() const;
    static NpsCounts fromDistribution(const std::array<qint64, 11> &distribution);
    NpsCounts &operator+=(const NpsCounts &o);
    bool operator==(const NpsCounts &o) const
    {
        return promoters == o.promoters && passives == o.passives && detractors == o.detractors;
    }
};

// Var = p + d - (p - d)^2 for shares p (promoters) and d (detractors), per answer
// (so the NPS fraction has variance Var / n).
double npsVariance(double promoterShare, double detractorShare);

// Standard normal CDF and its inverse (Acklam's approximation refined by one
// Halley step against std::erfc: |error| < 1e-12 in the range we use).
double normalCdf(double x);
double inverseNormalCdf(double p);
// Two-sided critical value: 1.959964 for 0.95 (never the one-sided 1.645).
// `level` must be in (0, 1).
double zForConfidence(double level);

// Adjusted-Wald interval (Rocks 2016): n' = n + 3, promoters' = P + 3/4,
// detractors' = D + 3/4; NPS' +- z * sqrt(Var' / n'), in points, clamped to
// [-100, 100]. Defined even for n == 0 (then centred on 0) and for all-promoter
// samples, where the plain Wald interval collapses to a point.
struct ConfidenceInterval
{
    double low = 0;           // clamped
    double high = 0;          // clamped
    double margin = 0;        // z * SE' in points (half-width before clamping)
    double adjustedNps = 0;   // NPS' in points, the centre of the interval
    double standardError = 0; // SE' in points
};
ConfidenceInterval adjustedWaldInterval(const NpsCounts &counts, double level = 0.95);

// Two-sample z test of NPS(a) - NPS(b) with the same adjustment applied to each
// sample: z = (NPS'a - NPS'b) / sqrt(Var'a/n'a + Var'b/n'b), two-sided p.
struct ChangeTest
{
    double difference = 0; // raw NPS(a) - NPS(b) in points (NaN if either n == 0)
    double z = 0;
    double pValue = 1;
};
ChangeTest twoSampleTest(const NpsCounts &a, const NpsCounts &b);

// Multiple-comparison adjustment of a family of p-values; returns adjusted
// p-values in the same order (significant when adjusted p < alpha).
// Holm: step-down family-wise error control. BenjaminiHochberg: step-up false
// discovery rate control.
enum class Correction { None, Holm, BenjaminiHochberg };
QVector<double> adjustPValues(const QVector<double> &pValues, Correction correction);
const char *correctionName(Correction correction); // "none" | "holm" | "benjamini-hochberg"
bool correctionFromName(const QString &name, Correction *correction); // also accepts "bh"

} // namespace nps
