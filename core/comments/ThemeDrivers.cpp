#include "ThemeDrivers.h"

#include "CommentQuery.h"
#include "analysis/NpsMath.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QHash>
#include <QVarLengthArray>
#include <QVariant>
#include <algorithm>
#include <cmath>

namespace nps {

namespace {

double npsOf(qint64 p, qint64 d, qint64 n)
{
    return n > 0 ? 100.0 * double(p - d) / double(n) : 0.0;
}

struct Adjusted
{
    double nps; // share, -1..1
    double variance;
    double n;
};

Adjusted adjusted(qint64 p, qint64 d, qint64 n)
{
    const double nn = double(n) + 3.0;
    const double pp = (double(p) + 0.75) / nn;
    const double dd = (double(d) + 0.75) / nn;
    return {pp - dd, pp + dd - (pp - dd) * (pp - dd), nn};
}

double pct(qint64 part, qint64 whole)
{
    return whole > 0 ? 100.0 * double(part) / double(whole) : 0.0;
}

} // namespace

ThemeDriversResult ThemeDrivers::compute(Database &db, const CommentFilter &filter, double confidence)
{
    ThemeDriversResult result;
    result.confidence = confidence;
    const double z = zForConfidence(confidence);
    const SqlCondition c = buildCondition(filter.base, QStringLiteral("r"));
    const QSqlDatabase conn = db.connection();
    QSqlQuery totals =
        sql::run(conn,
                 QStringLiteral("SELECT"
                                " sum(CASE WHEN r.score <= 6 THEN 1 ELSE 0 END),"
                                " sum(CASE WHEN r.score BETWEEN 7 AND 8 THEN 1 ELSE 0 END),"
                                " sum(CASE WHEN r.score >= 9 THEN 1 ELSE 0 END),"
                                " sum(CASE WHEN r.score <= 6 AND r.comment IS NOT NULL THEN 1 ELSE 0 END),"
                                " sum(CASE WHEN r.score BETWEEN 7 AND 8 AND r.comment IS NOT NULL"
                                "   THEN 1 ELSE 0 END),"
                                " sum(CASE WHEN r.score >= 9 AND r.comment IS NOT NULL THEN 1 ELSE 0 END)"
                                " FROM responses r WHERE %1")
                     .arg(c.where),
                 c.values);
    if (totals.next()) {
        result.detractors = totals.value(0).toLongLong();
        result.passives = totals.value(1).toLongLong();
        result.promoters = totals.value(2).toLongLong();
        result.commentedDetractors = totals.value(3).toLongLong();
        result.commentedPassives = totals.value(4).toLongLong();
        result.commentedPromoters = totals.value(5).toLongLong();
    }
    result.total = result.detractors + result.passives + result.promoters;
    result.overallNps = npsOf(result.promoters, result.detractors, result.total);

    QHash<qint64, ThemeDriver> byTag;
    QSqlQuery tags = sql::run(conn, QStringLiteral("SELECT id, name, color, parent_id FROM tags"));
    while (tags.next()) {
        ThemeDriver d;
        d.tagId = tags.value(0).toLongLong();
        d.tag = tags.value(1).toString();
        d.color = tags.value(2).toString();
        if (!tags.value(3).isNull())
            d.parentId = tags.value(3).toLongLong();
        byTag.insert(d.tagId, d);
    }
    // One ordered pass over the tagged responses of the filter (response_tags
    // is keyed by response id), counting each response once per theme; a
    // parent theme counts the responses of its sub-tags once each.
    QSqlQuery counts = sql::prepare(conn, QStringLiteral("SELECT r.id, r.score, rt.tag_id FROM responses r"
                                                         " JOIN response_tags rt ON rt.response_id = r.id"
                                                         " WHERE %1 ORDER BY r.id")
                                              .arg(c.where));
    counts.setForwardOnly(true);
    for (const QVariant &v : c.values)
        counts.addBindValue(v);
    sql::exec(counts);
    qint64 current = -1;
    int score = 0;
    QVarLengthArray<qint64, 16> themes;
    auto flush = [&]() {
        for (qint64 id : themes) {
            auto it = byTag.find(id);
            if (it == byTag.end())
                continue;
            if (score <= 6)
                ++it->detractors;
            else if (score <= 8)
                ++it->passives;
            else
                ++it->promoters;
        }
        themes.clear();
    };
    auto addTheme = [&](qint64 id) {
        if (std::find(themes.cbegin(), themes.cend(), id) == themes.cend())
            themes.append(id);
    };
    while (counts.next()) {
        const qint64 id = counts.value(0).toLongLong();
        if (id != current) {
            flush();
            current = id;
            score = counts.value(1).toInt();
        }
        const qint64 tag = counts.value(2).toLongLong();
        addTheme(tag);
        if (const auto parent = byTag.constFind(tag); parent != byTag.cend() && parent->parentId)
            addTheme(*parent->parentId);
    }
    flush();
    for (ThemeDriver d : std::as_const(byTag)) {
        const qint64 n = d.n();
        if (n == 0)
            continue;
        d.detractorPct = pct(d.detractors, result.commentedDetractors);
        d.passivePct = pct(d.passives, result.commentedPassives);
        d.promoterPct = pct(d.promoters, result.commentedPromoters);
        d.nps = npsOf(d.promoters, d.detractors, n);
        d.difference = n > 0 ? d.nps - result.overallNps : 0.0;
        d.reliable = n >= 30;
        const qint64 restN = result.total - n;
        if (n > 0 && restN > 0) {
            const double f = double(n) / double(result.total);
            const Adjusted t = adjusted(d.promoters, d.detractors, n);
            const Adjusted r =
                adjusted(result.promoters - d.promoters, result.detractors - d.detractors, restN);
            const double centre = 100.0 * (1.0 - f) * (t.nps - r.nps);
            const double se = 100.0 * (1.0 - f) * std::sqrt(t.variance / t.n + r.variance / r.n);
            // A difference from the overall can only range over what keeps the
            // tagged NPS within -100..100.
            d.differenceLow = std::max(-100.0 - result.overallNps, centre - z * se);
            d.differenceHigh = std::min(100.0 - result.overallNps, centre + z * se);
        }
        d.npsWithoutDetractors =
            npsOf(result.promoters, result.detractors - d.detractors, result.total - d.detractors);
        result.drivers.append(d);
    }
    std::sort(result.drivers.begin(), result.drivers.end(), [](const ThemeDriver &a, const ThemeDriver &b) {
        return a.n() != b.n() ? a.n() > b.n() : a.tag.compare(b.tag, Qt::CaseInsensitive) < 0;
    });
    return result;
}

DataTable ThemeDrivers::toTable(const ThemeDriversResult &result)
{
    DataTable table;
    table.columns = {QStringLiteral("tag"),
                     QStringLiteral("responses"),
                     QStringLiteral("detractors"),
                     QStringLiteral("detractors_pct"),
                     QStringLiteral("passives"),
                     QStringLiteral("passives_pct"),
                     QStringLiteral("promoters"),
                     QStringLiteral("promoters_pct"),
                     QStringLiteral("nps"),
                     QStringLiteral("overall_nps"),
                     QStringLiteral("difference"),
                     QStringLiteral("difference_ci_low"),
                     QStringLiteral("difference_ci_high"),
                     QStringLiteral("reliable"),
                     QStringLiteral("nps_without_its_detractors")};
    auto r1 = [](double v) { return std::round(v * 10.0) / 10.0; };
    for (const ThemeDriver &d : result.drivers) {
        table.addRow({d.tag, d.n(), d.detractors, r1(d.detractorPct), d.passives, r1(d.passivePct),
                      d.promoters, r1(d.promoterPct), r1(d.nps), r1(result.overallNps), r1(d.difference),
                      r1(d.differenceLow), r1(d.differenceHigh), d.reliable, r1(d.npsWithoutDetractors)});
    }
    return table;
}

QString ThemeDrivers::methodTooltip()
{
    return QStringLiteral("Mentions: tagged responses per group, and the share of that group's commented "
                          "responses carrying the tag. "
                          "NPS: of the tagged responses. Difference: tagged NPS minus the overall NPS of the "
                          "filter, with its interval (95% unless another confidence level is chosen) "
                          "from the tagged-vs-rest comparison (adjusted Wald: n+3, counts+3/4); "
                          "below 30 responses a row is "
                          "marked unreliable. Without its detractors: the overall NPS if this theme's "
                          "detractors had not answered.");
}

} // namespace nps
