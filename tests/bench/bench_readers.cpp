// Throughput of the readers on the 1M-row reference file (not a timed test).
//   python3 ../shared/bench/make_responses.py 1000000 /tmp/responses-1m.csv
//   build/release/tests/bench/bench_readers [/tmp/responses-1m.csv]
// Prints MB/s for: parsing only; parsing + typing (score, time, active); and
// parsing + typing + converting every other mapped text cell to QString (what
// the importer does). One thread; the file is read once before timing so the
// figures measure the parser, not the disk.
#include "readers/CsvReader.h"
#include "readers/SurveyFile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <ctime>

using namespace nps;

namespace {

// CPU time of this process: on a shared machine wall time also counts the
// time other processes held the core, so both are printed.
double cpuSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

void report(const char *what, qint64 bytes, qint64 rows, qint64 nsecs, double cpu)
{
    const double seconds = double(nsecs) / 1e9;
    std::printf("%-40s %7.1f MB/s wall %7.1f MB/s cpu  %9.0f rows/s  (%lld rows, %.3f s)\n", what,
                double(bytes) / 1e6 / seconds, double(bytes) / 1e6 / cpu, double(rows) / seconds,
                static_cast<long long>(rows), seconds);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/responses-1m.csv");
    QFile warm(path);
    if (!warm.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot open %s: generate it with make_responses.py\n", qPrintable(path));
        return 1;
    }
    const qint64 bytes = warm.size();
    while (!warm.read(1 << 24).isEmpty()) {
    }

    QElapsedTimer timer;
    timer.start();
    const SurveyFile file = SurveyFile::open(path);
    std::printf("open + detect: %.1f ms; preset %s, encoding %s, score '%s', time '%s'\n",
                double(timer.nsecsElapsed()) / 1e6, qPrintable(presetName(file.layout().preset)),
                qPrintable(encodingName(file.layout().encoding)),
                qPrintable(file.layout().columns.value(file.mapping().score.column).name),
                qPrintable(file.layout().columns.value(file.mapping().time.column).name));

    {
        CsvOptions options;
        options.delimiter = file.layout().delimiter;
        CsvReader reader(path, options);
        Record record;
        qint64 rows = 0, cells = 0;
        timer.restart();
        const double cpu0 = cpuSeconds();
        while (reader.next(record)) {
            ++rows;
            cells += record.cellCount();
        }
        report("CSV parse only", bytes, rows, timer.nsecsElapsed(), cpuSeconds() - cpu0);
    }
    {
        qint64 rows = 0, scores = 0, times = 0, actives = 0;
        timer.restart();
        const double cpu0 = cpuSeconds();
        RecordCursor cursor = file.records();
        while (cursor.next()) {
            const Record &r = cursor.record();
            ++rows;
            const ScoreResult s = file.score(r);
            const TimeResult t = file.time(r);
            scores += s.ok() ? s.value : 0;
            times += t.ok();
            actives += file.active(r, t).value_or(false);
        }
        report("parse + typing (score, time, active)", bytes, rows, timer.nsecsElapsed(),
               cpuSeconds() - cpu0);
        if (times != rows)
            std::printf("warning: %lld times did not parse\n", static_cast<long long>(rows - times));
        Q_UNUSED(scores)
        Q_UNUSED(actives)
    }
    {
        const FieldMapping &m = file.mapping();
        std::vector<int> textColumns{m.comment.column, m.responseId.column, m.userId.column, m.email.column};
        for (const FieldChoice &s : m.segments)
            textColumns.push_back(s.column);
        qint64 rows = 0, chars = 0;
        timer.restart();
        const double cpu0 = cpuSeconds();
        RecordCursor cursor = file.records();
        while (cursor.next()) {
            const Record &r = cursor.record();
            ++rows;
            const ScoreResult s = file.score(r);
            const TimeResult t = file.time(r);
            chars += s.value + t.ok() + file.active(r, t).value_or(false);
            for (const int c : textColumns) {
                if (c >= 0)
                    chars += r.text(c).size();
            }
        }
        report("parse + typing + text cells as QString", bytes, rows, timer.nsecsElapsed(),
               cpuSeconds() - cpu0);
        Q_UNUSED(chars)
    }
    return 0;
}
