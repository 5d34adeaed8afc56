// Switching the attribute or the period of the Segments and Trends screens on a
// large database, from the user's change to a repainted screen (query off the
// GUI thread, model reset, charts rebuilt, the widget painted).
//
//   npsdesk demo --db /tmp/s1m.npsdb --responses 1000000
//   bench_segments /tmp/s1m.npsdb [runs]
// Target (issue 7): every switch under 200 ms.

#include "analysis/AnalysisService.h"
#include "segments/SegmentsScreen.h"
#include "store/Database.h"
#include "trends/TrendsScreen.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>
#include <algorithm>
#include <cstdio>
#include <functional>

using namespace nps;
using namespace nps::ui;

namespace {

struct Stats
{
    QVector<double> ms;
    void add(double v) { ms.append(v); }
    double median() const
    {
        QVector<double> s = ms;
        std::sort(s.begin(), s.end());
        return s.isEmpty() ? 0 : s[s.size() / 2];
    }
    double max() const { return ms.isEmpty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

double timeSwitch(Screen &screen, const std::function<void()> &change)
{
    QElapsedTimer timer;
    timer.start();
    change();
    screen.waitUntilLoaded();
    // Paint now, as the next frame would.
    const QPixmap frame = screen.grab();
    Q_UNUSED(frame);
    return double(timer.nsecsElapsed()) / 1e6;
}

void report(const char *what, const Stats &stats)
{
    std::printf("%-42s median %7.1f ms   max %7.1f ms   (%lld switches)%s\n", what, stats.median(),
                stats.max(), static_cast<long long>(stats.ms.size()),
                stats.max() < 200 ? "" : "   OVER 200 ms");
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_segments DB [runs]\n");
        return 1;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 2 ? std::max(1, atoi(argv[2])) : 3;

    QStringList attributes;
    qint64 responses = 0;
    {
        Database db;
        db.open(path, Database::Mode::ExistingOnly);
        AnalysisService service(db);
        QElapsedTimer warm;
        warm.start();
        service.warm(); // the first open builds or loads the column store; not what a switch costs
        attributes = service.attributeNames();
        responses = service.summary(ResponseFilter{}).n();
        std::printf("%s: %lld responses, attributes %s; engine warm-up %.0f ms\n", qPrintable(path),
                    static_cast<long long>(responses), qPrintable(attributes.join(QStringLiteral(", "))),
                    double(warm.nsecsElapsed()) / 1e6);
    }
    const ScreenContext context{path, ResponseFilter{}, nullptr};
    const QList<PeriodKind> periods = {PeriodKind::Quarter, PeriodKind::Month, PeriodKind::Year,
                                       PeriodKind::Wave};

    SegmentsScreen segments;
    segments.resize(1260, 860);
    segments.show();
    segments.setContext(context);
    segments.waitUntilLoaded();
    Stats segAttribute, segPeriod;
    for (int run = 0; run < runs; ++run) {
        for (const QString &attribute : attributes)
            segAttribute.add(timeSwitch(segments, [&]() { segments.setRowAttributes({attribute}); }));
        for (PeriodKind period : periods)
            segPeriod.add(timeSwitch(segments, [&]() { segments.setPeriod(period); }));
    }
    segments.setPeriod(PeriodKind::Quarter);
    segments.waitUntilLoaded();

    TrendsScreen trends;
    trends.resize(1260, 860);
    trends.show();
    trends.setContext(context);
    trends.waitUntilLoaded();
    Stats trendAttribute, trendPeriod;
    for (int run = 0; run < runs; ++run) {
        for (const QString &attribute : attributes)
            trendAttribute.add(timeSwitch(trends, [&]() { trends.setAttribute(attribute); }));
        for (PeriodKind period : periods)
            trendPeriod.add(timeSwitch(trends, [&]() { trends.setPeriod(period); }));
    }

    report("Segments: switch attribute (pivot+explain)", segAttribute);
    report("Segments: switch period (pivot+explain)", segPeriod);
    report("Trends: switch attribute", trendAttribute);
    report("Trends: switch period", trendPeriod);
    const bool ok = segAttribute.max() < 200 && segPeriod.max() < 200 && trendAttribute.max() < 200 &&
                    trendPeriod.max() < 200;
    return ok ? 0 : 3;
}
