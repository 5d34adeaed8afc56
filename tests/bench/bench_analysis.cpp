// Analysis engine benchmark (issue 5).
//
//   bench_analysis FILE.npsdb [RAW.csv] [--runs N] [--attribute Plan] [--npsdesk PATH]
//
// In-process: cold load of the column store (from analysis_cache, and a full
// rebuild from SQL), then warm whole-file NPS and single-attribute x quarter
// pivots (with and without an attribute filter), each the median of N runs,
// for the cache engine and the plain SQL engine.
// Whole process: `npsdesk pivot --by ATTR --period quarter --format csv` against
// the sqlite3 shell's equivalent GROUP BY over the raw table imported from the
// same CSV (`.import --csv`), run side by side; prints the ratio.
#include "analysis/AnalysisService.h"
#include "analysis/ResponseColumns.h"
#include "common/Error.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <functional>
#include <vector>

using namespace nps;

namespace {

QTextStream out(stdout);

double medianMs(int runs, const std::function<void()> &work)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void report(const QString &what, double ms, const QString &note = {})
{
    out << QStringLiteral("%1 %2 ms")
               .arg(what.leftJustified(62, QLatin1Char('.')), QString::number(ms, 'f', 2).rightJustified(10));
    if (!note.isEmpty())
        out << "  " << note;
    out << Qt::endl;
}

// Wall time of a whole process, median of `runs`; stdin from `input` when given.
double processMs(int runs, const QString &program, const QStringList &args, const QByteArray &input = {})
{
    return medianMs(runs, [&] {
        QProcess p;
        p.setProgram(program);
        p.setArguments(args);
        p.setStandardOutputFile(QProcess::nullDevice());
        p.start();
        if (!input.isEmpty()) {
            p.write(input);
            p.closeWriteChannel();
        }
        if (!p.waitForFinished(600000) || p.exitCode() != 0) {
            out << "FAILED: " << program << ' ' << args.join(QLatin1Char(' ')) << ": "
                << p.readAllStandardError() << Qt::endl;
        }
    });
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int runs = 7;
    QString attribute = QStringLiteral("Plan");
    QString npsdesk = QStringLiteral(NPSDESK_BINARY);
    QStringList positional;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--runs") && i + 1 < args.size())
            runs = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--attribute") && i + 1 < args.size())
            attribute = args[++i];
        else if (args[i] == QLatin1String("--npsdesk") && i + 1 < args.size())
            npsdesk = args[++i];
        else
            positional << args[i];
    }
    if (positional.isEmpty()) {
        out << "usage: bench_analysis FILE.npsdb [RAW.csv] [--runs N] [--attribute Plan] [--npsdesk PATH]"
            << Qt::endl;
        return 1;
    }
    const QString dbPath = positional[0];
    const QString csvPath = positional.value(1);
    try {
        Database db;
        db.open(dbPath, Database::Mode::ExistingOnly);
        const qint64 responses =
            sql::scalar(db.connection(), QStringLiteral("SELECT COUNT(*) FROM responses")).toLongLong();
        out << "database " << dbPath << ": " << responses << " responses, data_version " << db.dataVersion()
            << ", " << runs << " runs per figure (median)" << Qt::endl;

        // Cold paths.
        {
            QElapsedTimer t;
            t.start();
            const auto built = ResponseColumns::build(db);
            report(QStringLiteral("column store: build from SQL (1 run)"), double(t.nsecsElapsed()) / 1e6,
                   QStringLiteral("%1 MB").arg(double(built->serialize().size()) / 1e6, 0, 'f', 1));
        }
        AnalysisService::clearMemoryCache();
        {
            QElapsedTimer t;
            t.start();
            AnalysisService(db).warm(); // persists when stale
            report(QStringLiteral("column store: first use (load or build+persist)"),
                   double(t.nsecsElapsed()) / 1e6);
        }
        report(QStringLiteral("column store: load from analysis_cache (cold memory)"), medianMs(runs, [&] {
                   AnalysisService::clearMemoryCache();
                   AnalysisService(db).warm();
               }));
        AnalysisService::clearMemoryCache();
        report(QStringLiteral("cold: whole-file NPS incl. cache load"),
               medianMs(1, [&] { AnalysisService(db).summary(ResponseFilter()); }));

        AnalysisService cached(db);
        cached.warm();
        AnalysisService plain(db, AnalysisService::Engine::Sql);
        PivotRequest byQuarter;
        byQuarter.attributes = {attribute};
        byQuarter.period = PeriodKind::Quarter;
        const QStringList values = cached.attributeValues(attribute);
        ResponseFilter filtered;
        QString filterAttribute;
        for (const QString &name : cached.attributeNames()) {
            if (name.compare(attribute, Qt::CaseInsensitive) != 0) {
                filterAttribute = name;
                break;
            }
        }
        if (!filterAttribute.isEmpty())
            filtered.attributes.insert(filterAttribute, {cached.attributeValues(filterAttribute).value(0)});
        ResponseFilter dated;
        dated.from = QDate(2025, 4, 1);
        dated.to = QDate(2025, 12, 31);
        dated.activeOnly = true;

        struct Op
        {
            QString name;
            std::function<void(AnalysisService &)> run;
        };
        const std::vector<Op> ops = {
            {QStringLiteral("whole-file NPS with CI"),
             [&](AnalysisService &s) { s.summary(ResponseFilter()); }},
            {QStringLiteral("pivot %1 x quarter").arg(attribute),
             [&](AnalysisService &s) { s.pivot(ResponseFilter(), byQuarter); }},
            {QStringLiteral("pivot %1 x quarter, filter %2=%3")
                 .arg(attribute, filterAttribute, filtered.attributes.value(filterAttribute).value(0)),
             [&](AnalysisService &s) { s.pivot(filtered, byQuarter); }},
            {QStringLiteral("pivot %1 x quarter, dates + active only").arg(attribute),
             [&](AnalysisService &s) { s.pivot(dated, byQuarter); }},
            {QStringLiteral("pivot %1 x %2 x month").arg(attribute, filterAttribute),
             [&](AnalysisService &s) {
                 PivotRequest r;
                 r.attributes = {attribute, filterAttribute};
                 r.period = PeriodKind::Month;
                 s.pivot(ResponseFilter(), r);
             }},
            {QStringLiteral("trend by %1 x quarter").arg(attribute),
             [&](AnalysisService &s) { s.trend(ResponseFilter(), PeriodKind::Quarter, attribute); }},
        };
        out << Qt::endl << "warm, in process          (cache engine | SQL engine | speed-up)" << Qt::endl;
        for (const Op &op : ops) {
            const double a = medianMs(runs, [&] { op.run(cached); });
            const double b = medianMs(std::max(1, runs / 3), [&] { op.run(plain); });
            report(op.name, a, QStringLiteral("| SQL %1 ms | x%2").arg(b, 0, 'f', 1).arg(b / a, 0, 'f', 0));
        }
        // The first call also sorts the answers by respondent (passive conversion, fatigue).
        report(QStringLiteral("key metrics per quarter, first call"),
               medianMs(1, [&] { cached.metrics(ResponseFilter(), PeriodKind::Quarter); }));
        report(
            QStringLiteral("key metrics per quarter, warm"),
            medianMs(runs, [&] { cached.metrics(ResponseFilter(), PeriodKind::Quarter); }),
            QStringLiteral("| SQL %1 ms")
                .arg(medianMs(1, [&] { plain.metrics(ResponseFilter(), PeriodKind::Quarter); }), 0, 'f', 1));
        report(QStringLiteral("hygiene warnings, warm"),
               medianMs(runs, [&] { cached.warnings(ResponseFilter()); }),
               QStringLiteral("| SQL %1 ms")
                   .arg(medianMs(1, [&] { plain.warnings(ResponseFilter()); }), 0, 'f', 1));
        Q_UNUSED(values);
        db.close();

        // Whole process, side by side with the sqlite3 shell.
        out << Qt::endl << "whole process" << Qt::endl;
        const QStringList pivotArgs = {QStringLiteral("pivot"),
                                       QStringLiteral("--db"),
                                       dbPath,
                                       QStringLiteral("--by"),
                                       attribute,
                                       QStringLiteral("--period"),
                                       QStringLiteral("quarter"),
                                       QStringLiteral("--format"),
                                       QStringLiteral("csv")};
        const double npsdeskMs = processMs(runs, npsdesk, pivotArgs);
        report(QStringLiteral("npsdesk pivot --by %1 --period quarter").arg(attribute), npsdeskMs);
        if (!csvPath.isEmpty()) {
            QTemporaryDir dir;
            const QString raw = dir.filePath(QStringLiteral("raw.sqlite"));
            QElapsedTimer t;
            t.start();
            const double importMs = processMs(1, QStringLiteral("sqlite3"), {raw},
                                              QStringLiteral(".import --csv %1 raw\n").arg(csvPath).toUtf8());
            report(QStringLiteral("sqlite3 .import --csv (1 run)"), importMs);
            // The same numbers the pivot's cells carry: n and the three groups per segment and quarter.
            const QByteArray created = "\"Created At (UTC)\"";
            const QString groupBy =
                QStringLiteral(
                    "SELECT \"%1\" AS segment,"
                    " substr(%2, 1, 4) || 'Q' || ((CAST(substr(%2, 6, 2) AS INTEGER) + 2) / 3) AS quarter,"
                    " COUNT(*), SUM(CAST(Score AS INTEGER) >= 9),"
                    " SUM(CAST(Score AS INTEGER) BETWEEN 7 AND 8), SUM(CAST(Score AS INTEGER) <= 6)"
                    " FROM raw GROUP BY 1, 2 ORDER BY 1, 2;")
                    .arg(attribute, QString::fromUtf8(created));
            const double sqliteMs = processMs(runs, QStringLiteral("sqlite3"), {raw, groupBy});
            report(QStringLiteral("sqlite3 shell GROUP BY %1, quarter on raw table").arg(attribute),
                   sqliteMs);
            out << QStringLiteral("ratio npsdesk / sqlite3 GROUP BY = %1 (target <= 0.5)")
                       .arg(npsdeskMs / sqliteMs, 0, 'f', 3)
                << Qt::endl;
        }
    } catch (const Error &e) {
        out << "error: " << e.message() << Qt::endl;
        return 2;
    }
    return 0;
}
