#pragma once

#include "AnalysisTypes.h"
#include "query/ResponseFilter.h"

#include <memory>

namespace nps {

class Database;
class ResponseColumns;

// Every number of the analysis screens and commands. Construct on the thread that
// owns the Database connection (one per background task); cheap to construct.
//
// Two engines give identical results (tests/core/analysis check it):
//  - Engine::Auto (default): a compact column store of all responses, built once
//    per data_version, persisted in `analysis_cache` and shared in memory by
//    every service on the same file. Filters on tags fall back to SQL.
//  - Engine::Sql: plain GROUP BY queries, for verification and benchmarks.
// Methods throw nps::Error (BadInput for an unknown attribute, period or wave;
// Storage for database failures).
class AnalysisService
{
public:
    enum class Engine { Auto, Sql };

    explicit AnalysisService(Database &db, Engine engine = Engine::Auto);
    ~AnalysisService();
    AnalysisService(const AnalysisService &) = delete;
    AnalysisService &operator=(const AnalysisService &) = delete;

    // NPS, groups, distribution and CI of the filtered responses.
    NpsSummary summary(const ResponseFilter &filter, double confidence = defaultConfidence);

    // Segments by 0-2 attributes x period, with totals, changes and significance.
    PivotResult pivot(const ResponseFilter &filter, const PivotRequest &request);

    // NPS with CI per period, one series for everyone (attribute empty) or one per
    // value of `attribute` (largest first), for charts.
    QVector<TrendSeries> trend(const ResponseFilter &filter, PeriodKind period, const QString &attribute = {},
                               double confidence = defaultConfidence);

    // Change of overall NPS from period `from` to period `to` (same kind, e.g.
    // "2026Q2" and "2026Q3", or two wave names) split per value of `attribute`:
    //   w_s = segment share, N_s = segment NPS, T = overall NPS = sum w_s N_s,
    //   rate_s = (N_s,to - N_s,from) * (w_s,from + w_s,to) / 2
    //   mix_s  = (w_s,to - w_s,from) * ((N_s,from + N_s,to) / 2 - (T_from + T_to) / 2)
    // sum(rate_s + mix_s) = T_to - T_from exactly (the centring term adds zero since
    // the shares sum to 1 in both periods). A segment absent from one period takes
    // its NPS from the other (rate 0, all mix). Mix is positive when a segment that
    // scores above the average gains share.
    Explanation explain(const ResponseFilter &filter, const QString &attribute, const QString &from,
                        const QString &to);

    // Key metrics per period (PeriodKind::None: one row for everything).
    QVector<PeriodMetrics> metrics(const ResponseFilter &filter, PeriodKind period = PeriodKind::Quarter);

    // Mistakes a user should see (DESIGN.md), checked over the filtered responses;
    // `period` is the grouping of the "period with fewer than 30 answers" check.
    QVector<HygieneWarning> warnings(const ResponseFilter &filter, PeriodKind period = PeriodKind::Quarter);

    // Attribute names in the file and the values of one (sorted).
    QStringList attributeNames();
    QStringList attributeValues(const QString &attribute);

    // Drops the in-memory column stores of every file (tests, benchmarks).
    static void clearMemoryCache();
    // Builds or loads the column store now (a no-op when warm); the Auto engine
    // otherwise does it on first use.
    void warm();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Built-in B2B SaaS bands and the user's own (table `benchmarks`).
class BenchmarkStore
{
public:
    explicit BenchmarkStore(Database &db);
    static QVector<BenchmarkBand> builtInBands();
    QVector<BenchmarkBand> userBands();
    QVector<BenchmarkBand> allBands(); // built-in first, then the user's by position
    // Bands containing `nps` (reference lines included when equal).
    QVector<BenchmarkBand> bandsFor(double nps);
    // Throws BadInput when low/high are outside -100..100 or low > high, or the label is empty.
    qint64 add(const QString &label, double low, double high);
    // Throws BadInput when there is no such user band.
    void remove(qint64 id);

private:
    Database &m_db;
};

} // namespace nps
