// How often an import reports progress, and how long each part of it takes (issue 4:
// "a progress callback fires at least every 100 ms of work").
//   python3 ../shared/bench/make_responses.py 1000000 /tmp/responses-1m.csv
//   build/release/tests/bench/bench_import [/tmp/responses-1m.csv]
// Imports the file into a fresh database in a temporary folder, as the window's
// wizard does, with the window's 50 ms progress interval, and prints the number of
// progress calls, the longest gap between two of them (from the start of the run to
// the bar's last update), and the whole time. Run with NPSDESK_TRACE_IMPORT=1 for the
// time of each phase.
#include "import/FileImportSource.h"
#include "import/Importer.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace nps;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/responses-1m.csv");
    QTemporaryDir dir;
    try {
        Database db;
        db.open(dir.filePath(QStringLiteral("bench.npsdb")));
        FileImportSource source(path, ReadOptions{});
        Importer importer(db);

        QElapsedTimer sinceStart;
        QElapsedTimer sinceLast;
        qint64 calls = 0;
        qint64 longestGap = 0;
        qint64 atLongestGap = 0;
        importer.setProgress([&](qint64 done, qint64 total) {
            const qint64 gap = sinceLast.restart();
            if (gap > longestGap) {
                longestGap = gap;
                atLongestGap = total > 0 ? 100 * done / total : 0;
            }
            ++calls;
            return true;
        });
        sinceStart.start();
        sinceLast.start();
        const QVector<ImportReport> reports = importer.run({&source}, ImportOptions{});
        const qint64 whole = sinceStart.elapsed();
        std::printf("imported %lld of %lld rows in %.2f s\n",
                    static_cast<long long>(reports.value(0).imported),
                    static_cast<long long>(reports.value(0).rows), double(whole) / 1000.0);
        std::printf("progress calls: %lld; longest gap %lld ms (ending at %lld%% of the bar); "
                    "after the bar was full: %lld ms (the analysis cache, after the commit)\n",
                    static_cast<long long>(calls), static_cast<long long>(longestGap),
                    static_cast<long long>(atLongestGap), static_cast<long long>(sinceLast.elapsed()));
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_import: %s\n", e.what());
        return 1;
    }
    return 0;
}
