// Time from opening a database in the main window to the Overview being filled
// (headline, cards, distribution, trend, warnings), offscreen.
//
//   npsdesk demo --db /tmp/o1m.npsdb --responses 1000000
//   bench_overview /tmp/o1m.npsdb [runs]
//
// Three cases, each in a fresh window:
//  - first open after an import: no persisted analysis cache (run on a copy
//    whose cache rows are removed), the column store is built from the responses;
//  - a usual start: the persisted column store is loaded, nothing in memory;
//  - reopening in the same process: the column store is already in memory.
#include "analysis/AnalysisService.h"
#include "clock/Clock.h"
#include "followups/FollowupQueue.h"
#include "mainwindow/MainWindow.h"
#include "overview/OverviewScreen.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/StoreInfo.h"
#include "store/Waves.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QThreadPool>
#include <algorithm>
#include <cstdio>
#include <functional>

using namespace nps;

namespace {

double openUntilFilled(const QString &path)
{
    ui::MainWindow window;
    window.setPersistent(false);
    window.resize(1440, 900);
    window.show();
    window.selectView(ui::MainWindow::View::Overview);
    QApplication::processEvents();
    QElapsedTimer timer;
    timer.start();
    if (!window.openDatabase(path)) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), qPrintable(window.errorText()));
        std::exit(2);
    }
    const double opened = double(timer.nsecsElapsed()) / 1e6;
    auto *screen = window.screen(ui::MainWindow::View::Overview);
    screen->waitUntilLoaded();
    const double overviewDone = double(timer.nsecsElapsed()) / 1e6;
    window.waitUntilLoaded();
    QApplication::processEvents(); // the paint of the filled screen
    if (qEnvironmentVariableIsSet("BENCH_VERBOSE"))
        std::printf("    openDatabase %.0f ms, overview data %.0f ms, filter choices %.0f ms\n", opened,
                    overviewDone, double(timer.nsecsElapsed()) / 1e6);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    auto *overview = qobject_cast<ui::OverviewScreen *>(window.screen(ui::MainWindow::View::Overview));
    if (!overview || !overview->data() || overview->data()->summary.n() == 0) {
        std::fprintf(stderr, "the overview was not filled\n");
        std::exit(2);
    }
    // Queries still running for this window must not slow the next run.
    QThreadPool::globalInstance()->waitForDone();
    return ms;
}

// Where the time goes: each core call the window makes, with the column store warm.
void breakdown(const QString &path)
{
    Database db;
    db.open(path, Database::Mode::ExistingOnly);
    AnalysisService analysis(db);
    analysis.warm();
    QElapsedTimer t;
    auto step = [&t](const char *name, const std::function<void()> &work) {
        t.start();
        work();
        std::printf("  %-34s %8.1f ms\n", name, double(t.nsecsElapsed()) / 1e6);
    };
    const ResponseFilter all;
    step("summary", [&] { analysis.summary(all); });
    step("trend by quarter", [&] { analysis.trend(all, PeriodKind::Quarter); });
    step("metrics (whole range)", [&] { analysis.metrics(all, PeriodKind::None); });
    step("warnings", [&] { analysis.warnings(all, PeriodKind::Quarter); });
    step("benchmark bands", [&] { BenchmarkStore(db).allBands(); });
    step("waves", [&] { Waves(db).list(); });
    step("follow-up counts", [&] { FollowupQueue(db, systemClock()).counts(); });
    step("attribute names and values", [&] {
        for (const QString &a : analysis.attributeNames())
            analysis.attributeValues(a);
    });
    step("store info", [&] { StoreInfo::read(db); });
}

double median(QVector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("NPS Desk Bench"));
    QTemporaryDir settings;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_overview FILE.npsdb [runs]\n");
        return 1;
    }
    const QString path = args.at(1);
    const int runs = args.size() > 2 ? qMax(1, args.at(2).toInt()) : 3;
    qint64 responses = 0;
    {
        Database db;
        db.open(path, Database::Mode::ExistingOnly);
        responses =
            sql::scalar(db.connection(), QStringLiteral("SELECT COUNT(*) FROM responses")).toLongLong();
        AnalysisService(db).warm(); // make sure the persisted cache exists for the "usual start" case
    }
    std::printf("database: %s (%lld responses)\n", qPrintable(path), responses);

    QVector<double> first, usual, reopen;
    QTemporaryDir scratch(QFileInfo(path).absolutePath() + QStringLiteral("/bench_overview-XXXXXX"));
    for (int i = 0; i < runs; ++i) {
        const QString copy = scratch.filePath(QStringLiteral("copy-%1.npsdb").arg(i));
        QFile::copy(path, copy);
        {
            Database db;
            db.open(copy, Database::Mode::ExistingOnly);
            sql::run(db.connection(), QStringLiteral("DELETE FROM analysis_cache"));
        }
        AnalysisService::clearMemoryCache();
        first.append(openUntilFilled(copy));
        AnalysisService::clearMemoryCache();
        QFile::remove(copy);
        usual.append(openUntilFilled(path));
        reopen.append(openUntilFilled(path));
        AnalysisService::clearMemoryCache();
    }
    std::printf("core calls behind the window (warm):\n");
    breakdown(path);
    std::printf("open -> overview filled, median of %d runs:\n", runs);
    std::printf("  first open after import (no cache)   %8.0f ms\n", median(first));
    std::printf("  usual start (persisted cache)        %8.0f ms\n", median(usual));
    std::printf("  reopen in the same process           %8.0f ms\n", median(reopen));
    return 0;
}
