// Comment search and rule benchmark on a large database:
//   npsdesk import --db /tmp/cw-1m.npsdb /tmp/responses-1m.csv   (or npsdesk demo --responses 1000000)
//   bench_comments /tmp/cw-1m.npsdb
// Prints the first-page latency of word, prefix, phrase and boolean searches,
// a full keyset scroll through every match of a word (rows held at once stay
// at one page), the Comments window's model scrolled over every match of a
// word (peak rows held, time per page at the start, middle and end, also for
// every comment), and the time to apply a keyword and a regex rule. The rule
// benchmark writes to the file (a tag "bench ..." is created and then deleted).
#include "comments/CommentListModel.h"
#include "comments/CommentQuery.h"
#include "comments/Suggestions.h"
#include "comments/TagService.h"
#include "comments/ThemeDrivers.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <QThread>
#include <algorithm>
#include <functional>
#include <limits>

using namespace nps;

namespace {

QTextStream out(stdout);

double median(QVector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

void waitFor(const std::function<bool()> &done)
{
    while (!done()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::usleep(50);
    }
}

// Loads `row` through the model as the list view does (data() on a row not
// held asks for its page); returns the milliseconds until the page was in,
// 0 when it was held already.
double loadRow(ui::CommentListModel &model, int row)
{
    if (model.isRowLoaded(row))
        return 0;
    QElapsedTimer t;
    t.start();
    model.index(row).data(ui::CommentListModel::IdRole);
    waitFor([&]() { return model.isRowLoaded(row); });
    return msSince(t);
}

QString startMiddleEnd(const QVector<double> &pageMs)
{
    const qsizetype n = pageMs.size();
    const qsizetype k = std::min<qsizetype>(10, std::max<qsizetype>(1, n / 3));
    return QStringLiteral("start %1 ms, middle %2 ms, end %3 ms (medians of %4 pages)")
        .arg(median(pageMs.mid(0, k)), 0, 'f', 2)
        .arg(median(pageMs.mid(n / 2 - k / 2, k)), 0, 'f', 2)
        .arg(median(pageMs.mid(n - k, k)), 0, 'f', 2)
        .arg(k);
}

// The Comments window's model over every match of `filter`: time to the
// first rows and to the count, then, with `everyRow`, data() on every row top
// to bottom (as a scroll does), else a jump to pages at the start, middle and end.
void benchWindow(const QString &path, const QString &label, const CommentFilter &filter, bool everyRow)
{
    ui::CommentListModel model;
    QElapsedTimer t;
    t.start();
    model.setQuery(path, filter);
    waitFor([&]() { return model.rowCount() > 0; });
    const double firstRows = msSince(t);
    waitFor([&]() { return model.totalCount() >= 0; });
    const double counted = msSince(t);
    const int rows = model.rowCount();
    const int pages = (rows + ui::CommentListModel::pageSize - 1) / ui::CommentListModel::pageSize;
    out << QStringLiteral("window over %1: first rows in %2 ms, %3 matches counted and paged in %4 ms"
                          " (page index: %5 ids, %6 KiB)\n")
               .arg(label)
               .arg(firstRows, 0, 'f', 1)
               .arg(rows)
               .arg(counted, 0, 'f', 1)
               .arg(pages)
               .arg(double(pages) * 8 / 1024, 0, 'f', 1);
    QVector<double> pageMs;
    t.restart();
    qint64 seen = 0, previous = std::numeric_limits<qint64>::max();
    bool ordered = true;
    if (everyRow) {
        for (int row = 0; row < rows; ++row) {
            const double ms = loadRow(model, row);
            if (ms > 0)
                pageMs.append(ms);
            const qint64 id = model.idAt(row);
            ordered = ordered && id > 0 && id < previous;
            previous = id;
            ++seen;
        }
    } else {
        // Page 0 came with the first rows: five pages after it, five in the middle, the last five.
        for (int page : {1, 2, 3, 4, 5, pages / 2 - 2, pages / 2 - 1, pages / 2, pages / 2 + 1, pages / 2 + 2,
                         pages - 5, pages - 4, pages - 3, pages - 2, pages - 1})
            pageMs.append(loadRow(model, std::max(0, page) * ui::CommentListModel::pageSize));
    }
    out << QStringLiteral("  %1: %2 rows read in order%3 in %4 ms, %5 page reads; per page %6;"
                          " peak rows held %7 (bound %8)\n")
               .arg(everyRow ? QStringLiteral("scroll") : QStringLiteral("jumps"))
               .arg(seen)
               .arg(ordered ? QString() : QStringLiteral(" (OUT OF ORDER)"))
               .arg(t.elapsed())
               .arg(pageMs.size())
               .arg(startMiddleEnd(pageMs))
               .arg(model.peakCachedRowCount())
               .arg(ui::CommentListModel::maxCachedRows);

    // The same pages read straight through core (no thread hop, no connection to open).
    Database db;
    db.open(path, Database::Mode::ExistingOnly);
    CommentQuery query(db);
    const CommentPageIndex index = query.pageIndex(filter, ui::CommentListModel::pageSize);
    QVector<double> coreMs;
    for (int page = 0; page < index.pageCount(); page += std::max(1, index.pageCount() / 60)) {
        QElapsedTimer c;
        c.start();
        query.rows(filter, index.bounds(page), index.rowsIn(page) + 1);
        coreMs.append(msSince(c));
    }
    const int n = int(coreMs.size());
    out << QStringLiteral("  core page reads (one page in %1): start %2 ms, middle %3 ms, end %4 ms\n")
               .arg(std::max(1, index.pageCount() / 60))
               .arg(median(coreMs.mid(0, 5)), 0, 'f', 2)
               .arg(median(coreMs.mid(n / 2 - 2, 5)), 0, 'f', 2)
               .arg(median(coreMs.mid(n - 5, 5)), 0, 'f', 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        out << "usage: bench_comments FILE.npsdb\n";
        return 1;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    Database db;
    db.open(path, Database::Mode::ExistingOnly);
    CommentQuery query(db);
    const qint64 comments =
        sql::scalar(db.connection(),
                    QStringLiteral("SELECT count(*) FROM responses WHERE comment IS NOT NULL"))
            .toLongLong();
    out << "database: " << argv[1] << ", " << comments << " comments\n";

    const QStringList searches = {QStringLiteral("support"),         QStringLiteral("outage"),
                                  QStringLiteral("onboard*"),        QStringLiteral("\"nobody replied\""),
                                  QStringLiteral("decepcion"),       QStringLiteral("slow OR expensive"),
                                  QStringLiteral("support NOT slow")};
    for (const QString &s : searches) {
        CommentFilter f;
        f.search = s;
        QVector<double> times;
        int rows = 0;
        for (int i = 0; i < 21; ++i) {
            QElapsedTimer t;
            t.start();
            rows = int(query.page(f, 0, 50).size());
            times.append(double(t.nsecsElapsed()) / 1e6);
        }
        QElapsedTimer t;
        t.start();
        const qint64 total = query.count(f);
        const double countMs = double(t.nsecsElapsed()) / 1e6;
        out << QStringLiteral(
                   "first page (50 rows) of %1: median %2 ms, first run %3 ms; count %4 in %5 ms\n")
                   .arg(s.leftJustified(22))
                   .arg(median(times), 0, 'f', 2)
                   .arg(times.first(), 0, 'f', 2)
                   .arg(total)
                   .arg(countMs, 0, 'f', 1);
        Q_UNUSED(rows);
    }
    {
        // A filtered search: detractors on one plan.
        CommentFilter f;
        f.search = QStringLiteral("support");
        f.group = NpsGroup::Detractor;
        f.base.attributes.insert(QStringLiteral("Plan"), {QStringLiteral("Enterprise")});
        QVector<double> times;
        for (int i = 0; i < 21; ++i) {
            QElapsedTimer t;
            t.start();
            query.page(f, 0, 50);
            times.append(double(t.nsecsElapsed()) / 1e6);
        }
        out << QStringLiteral("first page of support + detractors + Plan=Enterprise: median %1 ms\n")
                   .arg(median(times), 0, 'f', 2);
    }
    {
        CommentFilter f;
        f.search = QStringLiteral("support");
        QElapsedTimer t;
        t.start();
        qint64 before = 0, walked = 0, pages = 0;
        int maxHeld = 0;
        for (;;) {
            const QVector<CommentRow> page = query.page(f, before, 200);
            maxHeld = std::max(maxHeld, int(page.size()));
            walked += page.size();
            ++pages;
            if (page.size() < 200)
                break;
            before = page.last().id;
        }
        out << QStringLiteral("scroll through every 'support' comment: %1 rows in %2 pages of 200, %3 ms"
                              " (%4 ms per page), at most %5 rows held\n")
                   .arg(walked)
                   .arg(pages)
                   .arg(t.elapsed())
                   .arg(double(t.elapsed()) / double(pages), 0, 'f', 2)
                   .arg(maxHeld);
    }
    {
        CommentFilter word;
        word.search = QStringLiteral("support");
        benchWindow(path, QStringLiteral("'support'"), word, true);
        benchWindow(path, QStringLiteral("every comment"), CommentFilter{}, false);
        out.flush();
    }
    TagService tags(db);
    auto runRule = [&](const QString &name, const QString &pattern, RuleKind kind) {
        const qint64 tag = tags.create(name);
        QElapsedTimer t;
        t.start();
        const RulePreview preview = tags.preview(tag, pattern, kind, 5);
        const qint64 previewMs = t.elapsed();
        const qint64 rule = tags.addRule(tag, pattern, kind);
        t.restart();
        const qint64 added = tags.applyRule(rule);
        const qint64 applyMs = t.elapsed();
        out << QStringLiteral(
                   "%1 rule '%2': preview %3 ms (would tag %4), apply %5 ms (tagged %6), over %7 comments\n")
                   .arg(ruleKindName(kind), pattern)
                   .arg(previewMs)
                   .arg(preview.newTags)
                   .arg(applyMs)
                   .arg(added)
                   .arg(comments);
        tags.remove(tag);
    };
    runRule(QStringLiteral("bench keyword"), QStringLiteral("support"), RuleKind::Keyword);
    runRule(QStringLiteral("bench regex"), QStringLiteral("\\b(slow(ly)?|freez\\w+|time out)\\b"),
            RuleKind::Regex);
    {
        QElapsedTimer t;
        t.start();
        const ThemeDriversResult themes = ThemeDrivers::compute(db, CommentFilter{});
        out << QStringLiteral("theme drivers over %1 responses, %2 tags: %3 ms\n")
                   .arg(themes.total)
                   .arg(themes.drivers.size())
                   .arg(t.elapsed());
        t.restart();
        const SuggestionResult suggestions = Suggestions::compute(db, CommentFilter{});
        out << QStringLiteral("suggestions (log-odds) over the %1 most recent comments: %2 ms\n")
                   .arg(suggestions.commentsRead)
                   .arg(t.elapsed());
    }
    out.flush();
    return 0;
}
