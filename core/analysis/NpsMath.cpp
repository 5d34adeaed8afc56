#include "NpsMath.h"

#include <QString>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace nps {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
}

double NpsCounts::nps() const
{
    const qint64 total = n();
    return total == 0 ? nan : 100.0 * double(promoters - detractors) / double(total);
}

NpsCounts NpsCounts::fromDistribution(const std::array<qint64, 11> &distribution)
{
    NpsCounts c;
    for (int s = 0; s <= 10; ++s) {
        if (s <= 6)
            c.detractors += distribution[size_t(s)];
        else if (s <= 8)
            c.passives += distribution[size_t(s)];
        else
            c.promoters += distribution[size_t(s)];
    }
    return c;
}

NpsCounts &NpsCounts::operator+=(const NpsCounts &o)
{
    promoters += o.promoters;
    passives += o.passives;
    detractors += o.detractors;
    return *this;
}

double npsVariance(double p, double d)
{
    return p + d - (p - d) * (p - d);
}

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

double inverseNormalCdf(double p)
{
    if (!(p > 0.0 && p < 1.0))
        return p == 0.0   ? -std::numeric_limits<double>::infinity()
               : p == 1.0 ? std::numeric_limits<double>::infinity()
                          : nan;
    // Acklam's rational approximation (relative error 1.15e-9) ...
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                               1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                               6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                               -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static const double e[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    const double low = 0.02425;
    double x;
    if (p < low) {
        const double q = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((e[0] * q + e[1]) * q + e[2]) * q + e[3]) * q + 1);
    } else if (p <= 1 - low) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        const double q = std::sqrt(-2 * std::log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((e[0] * q + e[1]) * q + e[2]) * q + e[3]) * q + 1);
    }
    // ... refined by one Halley step against the exact CDF, to full double precision.
    const double error = normalCdf(x) - p;
    const double u = error * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

double zForConfidence(double level)
{
    return inverseNormalCdf(1.0 - (1.0 - level) / 2.0);
}

namespace {

struct Adjusted
{
    double n;
    double nps; // fraction
    double variance;
};

Adjusted adjust(const NpsCounts &counts)
{
    Adjusted a;
    a.n = double(counts.n()) + 3.0;
    const double p = (double(counts.promoters) + 0.75) / a.n;
    const double d = (double(counts.detractors) + 0.75) / a.n;
    a.nps = p - d;
    a.variance = npsVariance(p, d);
    return a;
}

} // namespace

ConfidenceInterval adjustedWaldInterval(const NpsCounts &counts, double level)
{
    const Adjusted a = adjust(counts);
    const double z = zForConfidence(level);
    ConfidenceInterval ci;
    ci.adjustedNps = 100.0 * a.nps;
    ci.standardError = 100.0 * std::sqrt(a.variance / a.n);
    ci.margin = z * ci.standardError;
    ci.low = std::clamp(ci.adjustedNps - ci.margin, -100.0, 100.0);
    ci.high = std::clamp(ci.adjustedNps + ci.margin, -100.0, 100.0);
    return ci;
}

ChangeTest twoSampleTest(const NpsCounts &a, const NpsCounts &b)
{
    ChangeTest t;
    t.difference = a.nps() - b.nps();
    const Adjusted x = adjust(a);
    const Adjusted y = adjust(b);
    const double se = std::sqrt(x.variance / x.n + y.variance / y.n);
    t.z = se > 0 ? (x.nps - y.nps) / se : 0.0;
    t.pValue = std::erfc(std::fabs(t.z) / std::sqrt(2.0));
    return t;
}

QVector<double> adjustPValues(const QVector<double> &p, Correction correction)
{
    const int m = int(p.size());
    QVector<double> adjusted(p);
    if (correction == Correction::None || m == 0)
        return adjusted;
    QVector<int> order(m);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int i, int j) { return p[i] < p[j]; });
    if (correction == Correction::Holm) {
        // p_(k) * (m - k + 1), made monotone non-decreasing in rank.
        double running = 0;
        for (int k = 0; k < m; ++k) {
            running = std::max(running, std::min(1.0, p[order[k]] * double(m - k)));
            adjusted[order[k]] = running;
        }
    } else {
        // p_(k) * m / k, made monotone non-increasing from the largest rank down.
        double running = 1.0;
        for (int k = m - 1; k >= 0; --k) {
            running = std::min(running, std::min(1.0, p[order[k]] * double(m) / double(k + 1)));
            adjusted[order[k]] = running;
        }
    }
    return adjusted;
}

const char *correctionName(Correction correction)
{
    switch (correction) {
    case Correction::None:
        return "none";
    case Correction::Holm:
        return "holm";
    case Correction::BenjaminiHochberg:
        return "benjamini-hochberg";
    }
    return "none";
}

bool correctionFromName(const QString &name, Correction *correction)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("none"))
        *correction = Correction::None;
    else if (n == QLatin1String("holm"))
        *correction = Correction::Holm;
    else if (n == QLatin1String("bh") || n == QLatin1String("benjamini-hochberg") ||
             n == QLatin1String("fdr"))
        *correction = Correction::BenjaminiHochberg;
    else
        return false;
    return true;
}

} // namespace nps
