#include "AnalysisTables.h"

#include <QJsonArray>
#include <cmath>

namespace nps {

namespace {

QVariant num(double value, bool rounded, int decimals = 1)
{
    if (std::isnan(value))
        return QVariant(std::nan(""));
    if (!rounded)
        return value;
    const double scale = std::pow(10.0, decimals);
    double r = std::round(value * scale) / scale;
    if (r == 0)
        r = 0; // no "-0"
    return r;
}

QVariant pValue(double p, bool rounded)
{
    if (std::isnan(p) || !rounded)
        return QVariant(p);
    if (p == 0)
        return 0.0;
    const int digits = 4 - 1 - int(std::floor(std::log10(std::fabs(p))));
    const double scale = std::pow(10.0, digits);
    return std::round(p * scale) / scale;
}

QString severityName(HygieneWarning::Severity s)
{
    return s == HygieneWarning::Severity::Info ? QStringLiteral("info") : QStringLiteral("warning");
}

} // namespace

DataTable summaryTable(const NpsSummary &s, bool rounded)
{
    DataTable t;
    t.columns = {QStringLiteral("n"),
                 QStringLiteral("promoters"),
                 QStringLiteral("passives"),
                 QStringLiteral("detractors"),
                 QStringLiteral("promoters_pct"),
                 QStringLiteral("passives_pct"),
                 QStringLiteral("detractors_pct"),
                 QStringLiteral("nps"),
                 QStringLiteral("ci_low"),
                 QStringLiteral("ci_high"),
                 QStringLiteral("margin"),
                 QStringLiteral("adjusted_nps"),
                 QStringLiteral("confidence"),
                 QStringLiteral("low_n")};
    for (int score = 0; score <= 10; ++score)
        t.columns << QStringLiteral("score_%1").arg(score);
    QVariantList row{s.n(),
                     s.counts.promoters,
                     s.counts.passives,
                     s.counts.detractors,
                     num(s.promoterPercent, rounded),
                     num(s.passivePercent, rounded),
                     num(s.detractorPercent, rounded),
                     num(s.nps, rounded),
                     num(s.ci.low, rounded),
                     num(s.ci.high, rounded),
                     num(s.ci.margin, rounded),
                     num(s.ci.adjustedNps, rounded),
                     s.confidence,
                     s.lowN};
    for (qint64 count : s.distribution)
        row << count;
    t.addRow(row);
    return t;
}

QJsonObject summaryJson(const NpsSummary &s, bool rounded)
{
    const DataTable t = summaryTable(s, rounded);
    QJsonObject o = t.toJson().first().toObject();
    QJsonArray distribution;
    for (qint64 count : s.distribution)
        distribution.append(count);
    for (int score = 0; score <= 10; ++score)
        o.remove(QStringLiteral("score_%1").arg(score));
    o.insert(QStringLiteral("distribution"), distribution);
    o.insert(QStringLiteral("interval"), QStringLiteral("adjusted-wald"));
    return o;
}

DataTable pivotTable(const PivotResult &pivot, bool rounded)
{
    DataTable t;
    for (const QString &attribute : pivot.attributes)
        t.columns << attribute;
    t.columns << QStringList{QStringLiteral("period"),
                             QStringLiteral("n"),
                             QStringLiteral("promoters"),
                             QStringLiteral("passives"),
                             QStringLiteral("detractors"),
                             QStringLiteral("nps"),
                             QStringLiteral("ci_low"),
                             QStringLiteral("ci_high"),
                             QStringLiteral("low_n"),
                             QStringLiteral("change"),
                             QStringLiteral("p_value"),
                             QStringLiteral("significant"),
                             QStringLiteral("p_adjusted"),
                             QStringLiteral("vs_total"),
                             QStringLiteral("vs_total_p_value"),
                             QStringLiteral("vs_total_significant"),
                             QStringLiteral("is_total_row"),
                             QStringLiteral("is_total_column"),
                             QStringLiteral("correction")};
    for (const PivotCell &c : pivot.cells) {
        QVariantList row;
        for (const QString &value : c.segment)
            row << value;
        row << c.period.label << c.summary.n() << c.summary.counts.promoters << c.summary.counts.passives
            << c.summary.counts.detractors << num(c.summary.nps, rounded) << num(c.summary.ci.low, rounded)
            << num(c.summary.ci.high, rounded) << c.summary.lowN << num(c.change, rounded)
            << pValue(c.changePValue, rounded) << c.significant << pValue(c.changeAdjustedP, rounded)
            << num(c.vsTotal, rounded) << pValue(c.vsRestPValue, rounded) << c.vsTotalSignificant
            << c.isTotalRow << c.isTotalColumn << QString::fromLatin1(correctionName(pivot.correction));
        t.addRow(row);
    }
    return t;
}

QString pivotFootnote(const PivotResult &pivot)
{
    return QStringLiteral(
               "NPS with %1% adjusted-Wald intervals; cells under %2 answers are low_n (no significance). "
               "change/p_value: vs the previous period, two-sample z test with the same adjustment; "
               "vs_total: vs the rest of the column. Significant after %3 correction at alpha %4 "
               "(%5 + %6 tests).")
        .arg(pivot.confidence * 100.0, 0, 'g', 4)
        .arg(lowSampleThreshold)
        .arg(pivot.correction == Correction::Holm                ? QStringLiteral("Holm")
             : pivot.correction == Correction::BenjaminiHochberg ? QStringLiteral("Benjamini-Hochberg")
                                                                 : QStringLiteral("no"))
        .arg(1.0 - pivot.confidence, 0, 'g', 4)
        .arg(pivot.changeTests)
        .arg(pivot.totalTests);
}

DataTable trendTable(const QVector<TrendSeries> &series, const QString &attribute, bool rounded)
{
    DataTable t;
    t.columns << QStringLiteral("series");
    if (!attribute.isEmpty())
        t.columns << attribute;
    t.columns << QStringList{QStringLiteral("period"),     QStringLiteral("n"),
                             QStringLiteral("promoters"),  QStringLiteral("passives"),
                             QStringLiteral("detractors"), QStringLiteral("nps"),
                             QStringLiteral("ci_low"),     QStringLiteral("ci_high"),
                             QStringLiteral("margin"),     QStringLiteral("low_n")};
    for (const TrendSeries &s : series) {
        for (const TrendPoint &p : s.points) {
            QVariantList row{s.label};
            if (!attribute.isEmpty())
                row << s.segment.value(0);
            row << p.period.label << p.summary.n() << p.summary.counts.promoters << p.summary.counts.passives
                << p.summary.counts.detractors << num(p.summary.nps, rounded)
                << num(p.summary.ci.low, rounded) << num(p.summary.ci.high, rounded)
                << num(p.summary.ci.margin, rounded) << p.summary.lowN;
            t.addRow(row);
        }
    }
    return t;
}

DataTable explanationTable(const Explanation &e, bool rounded)
{
    DataTable t;
    t.columns = {e.attribute.isEmpty() ? QStringLiteral("segment") : e.attribute,
                 QStringLiteral("n_from"),
                 QStringLiteral("n_to"),
                 QStringLiteral("share_from"),
                 QStringLiteral("share_to"),
                 QStringLiteral("nps_from"),
                 QStringLiteral("nps_to"),
                 QStringLiteral("rate_effect"),
                 QStringLiteral("mix_effect"),
                 QStringLiteral("total_effect")};
    for (const ExplainSegment &s : e.segments)
        t.addRow({s.segment, s.from.n(), s.to.n(), num(s.shareFrom * 100.0, rounded),
                  num(s.shareTo * 100.0, rounded), num(s.npsFrom, rounded), num(s.npsTo, rounded),
                  num(s.rateEffect, rounded, 2), num(s.mixEffect, rounded, 2), num(s.total(), rounded, 2)});
    t.addRow({QStringLiteral("Total"), e.fromSummary.n(), e.toSummary.n(), 100.0, 100.0,
              num(e.fromSummary.nps, rounded), num(e.toSummary.nps, rounded), num(e.rateEffect, rounded, 2),
              num(e.mixEffect, rounded, 2), num(e.totalChange, rounded, 2)});
    return t;
}

QJsonObject explanationJson(const Explanation &e, bool rounded)
{
    QJsonObject o;
    o.insert(QStringLiteral("attribute"), e.attribute);
    o.insert(QStringLiteral("from"), e.fromPeriod);
    o.insert(QStringLiteral("to"), e.toPeriod);
    o.insert(QStringLiteral("nps_from"), num(e.fromSummary.nps, rounded).toDouble());
    o.insert(QStringLiteral("nps_to"), num(e.toSummary.nps, rounded).toDouble());
    o.insert(QStringLiteral("n_from"), e.fromSummary.n());
    o.insert(QStringLiteral("n_to"), e.toSummary.n());
    o.insert(QStringLiteral("total_change"), num(e.totalChange, rounded, 2).toDouble());
    o.insert(QStringLiteral("rate_effect"), num(e.rateEffect, rounded, 2).toDouble());
    o.insert(QStringLiteral("mix_effect"), num(e.mixEffect, rounded, 2).toDouble());
    QJsonArray segments;
    for (const ExplainSegment &s : e.segments) {
        QJsonObject so;
        so.insert(QStringLiteral("segment"), s.segment);
        so.insert(QStringLiteral("n_from"), s.from.n());
        so.insert(QStringLiteral("n_to"), s.to.n());
        so.insert(QStringLiteral("share_from"), s.shareFrom);
        so.insert(QStringLiteral("share_to"), s.shareTo);
        so.insert(QStringLiteral("nps_from"),
                  std::isnan(s.npsFrom) ? QJsonValue() : QJsonValue(num(s.npsFrom, rounded).toDouble()));
        so.insert(QStringLiteral("nps_to"),
                  std::isnan(s.npsTo) ? QJsonValue() : QJsonValue(num(s.npsTo, rounded).toDouble()));
        so.insert(QStringLiteral("rate_effect"), num(s.rateEffect, rounded, 2).toDouble());
        so.insert(QStringLiteral("mix_effect"), num(s.mixEffect, rounded, 2).toDouble());
        so.insert(QStringLiteral("total_effect"), num(s.total(), rounded, 2).toDouble());
        segments.append(so);
    }
    o.insert(QStringLiteral("segments"), segments);
    o.insert(QStringLiteral("formula"), e.formula);
    return o;
}

DataTable metricsTable(const QVector<PeriodMetrics> &metrics, bool rounded)
{
    DataTable t;
    t.columns = {QStringLiteral("period"),
                 QStringLiteral("n"),
                 QStringLiteral("nps"),
                 QStringLiteral("ci_low"),
                 QStringLiteral("ci_high"),
                 QStringLiteral("detractor_rate"),
                 QStringLiteral("passives_followed_up"),
                 QStringLiteral("passives_converted"),
                 QStringLiteral("passive_conversion_rate"),
                 QStringLiteral("invited"),
                 QStringLiteral("invited_responses"),
                 QStringLiteral("response_rate"),
                 QStringLiteral("comments"),
                 QStringLiteral("comment_rate")};
    for (const PeriodMetrics &m : metrics)
        t.addRow({m.period.label, m.summary.n(), num(m.summary.nps, rounded), num(m.summary.ci.low, rounded),
                  num(m.summary.ci.high, rounded), num(m.detractorRate, rounded), m.passivesFollowedUp,
                  m.passivesConverted, num(m.passiveConversionRate, rounded),
                  m.invited > 0 ? QVariant(m.invited) : QVariant(),
                  m.invited > 0 ? QVariant(m.invitedResponses) : QVariant(), num(m.responseRate, rounded),
                  m.comments, num(m.commentRate, rounded)});
    return t;
}

DataTable warningsTable(const QVector<HygieneWarning> &warnings, bool rounded)
{
    DataTable t;
    t.columns = {QStringLiteral("code"),   QStringLiteral("severity"), QStringLiteral("subject"),
                 QStringLiteral("value"),  QStringLiteral("nps_all"),  QStringLiteral("nps_without_inactive"),
                 QStringLiteral("message")};
    for (const HygieneWarning &w : warnings)
        t.addRow({w.code, severityName(w.severity), w.subject, num(w.value, rounded), num(w.npsAll, rounded),
                  num(w.npsWithoutInactive, rounded), w.message});
    return t;
}

DataTable benchmarksTable(const QVector<BenchmarkBand> &bands)
{
    DataTable t;
    t.columns = {QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("low"), QStringLiteral("high"),
                 QStringLiteral("built_in")};
    for (const BenchmarkBand &b : bands)
        t.addRow({b.builtIn ? QVariant() : QVariant(b.id), b.label, b.low, b.high, b.builtIn});
    return t;
}

} // namespace nps
