// Comment search and rule benchmark on a large database:
//   npsdesk demo --db /tmp/c1m.npsdb --responses 1000000
//   bench_comments /tmp/c1m.npsdb
// Prints the first-page latency of word, prefix, phrase and boolean searches,
// a full keyset scroll through every match of a word (rows held at once stay
// at one page), and the time to apply a keyword and a regex rule. The rule
// benchmark writes to the file (a tag "bench ..." is created and then deleted).
#include "comments/CommentQuery.h"
#include "comments/Suggestions.h"
#include "comments/TagService.h"
#include "comments/ThemeDrivers.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <algorithm>

using namespace nps;

namespace {

QTextStream out(stdout);

double median(QVector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        out << "usage: bench_comments FILE.npsdb\n";
        return 1;
    }
    Database db;
    db.open(QString::fromLocal8Bit(argv[1]), Database::Mode::ExistingOnly);
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
