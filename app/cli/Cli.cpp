#include "Cli.h"

#include "CommandContext.h"
#include "Commands.h"
#include "GuiLauncher.h"
#include "common/Error.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>
#include <memory>

namespace nps::cli {

namespace {

struct CommandEntry
{
    const char *name;
    const char *summary;
    int (*run)(CommandContext &);
    bool draws; // needs a QGuiApplication (chart rendering)
};

// clang-format off
const CommandEntry commands[] = {
    {"info", "Schema version and counts of a database", runInfo, false},
    {"demo", "Write a deterministic demo dataset", runDemo, false},
    {"import", "Import survey exports (CSV, XLSX)", runImport, false},
    {"import-attributes", "Join respondent attributes from a CRM or users file", runImportAttributes, false},
    {"waves", "List survey waves; record how many were invited", runWaves, false},
    {"imports", "List past imports", runImports, false},
    {"rejected", "List the rows imports rejected", runRejected, false},
    {"nps", "NPS with confidence interval of filtered responses", runNps, false},
    {"pivot", "NPS by segment and period with significance", runPivot, false},
    {"trend", "NPS per period, overall or per segment", runTrend, false},
    {"metrics", "Key metrics per period", runMetrics, false},
    {"explain", "Split a change of NPS into rate and mix effects", runExplain, false},
    {"warnings", "Survey hygiene warnings", runWarnings, false},
    {"benchmarks", "List, add or remove NPS benchmark bands", runBenchmarks, false},
    {"queue", "The detractor follow-up queue: list, assign, set status, notes", runQueue, false},
    {"queue-report", "SLA report of the follow-up queue", runQueueReport, false},
    {"export-contacts", "Export passives, promoters or detractors for a targeted follow-up", runExportContacts, false},
    {"export-chart", "Render a trend, pivot or distribution chart to PNG, SVG or PDF", runExportChart, true},
    {"comments", "List and search comments with their tags and stars", runComments, false},
    {"tag", "Tag or star comments by id, or tag them by a rule", runTag, false},
    {"tags", "List the tags and how many responses carry each", runTags, false},
    {"themes", "Theme drivers: which tags drive detractors and promoters", runThemes, false},
    {"inspect", "Show how a survey export would be read (layout, mapping, sample rows)", runInspect, false},
};
// clang-format on

const CommandEntry *findCommand(const QString &name)
{
    for (const CommandEntry &entry : commands) {
        if (name == QLatin1String(entry.name))
            return &entry;
    }
    return nullptr;
}

QString usageText()
{
    QString text =
        QStringLiteral("Usage: npsdesk [FILE.npsdb] [--demo] [--db FILE --view NAME --screenshot FILE.png "
                       "[--size WxH]]\n"
                       "       npsdesk COMMAND --db FILE [options]   (npsdesk COMMAND --help for details)\n\n"
                       "NPS Desk: Net Promoter Score programs on the desktop.\n\nCommands:\n");
    for (const CommandEntry &entry : commands)
        text +=
            QStringLiteral("  %1%2\n")
                .arg(QString::fromLatin1(entry.name).leftJustified(18), QString::fromLatin1(entry.summary));
    text += QStringLiteral("\nExit codes: 0 success, 1 usage error, 2 bad input or data.\n");
    return text;
}

int runCommand(const CommandEntry &entry, int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> app;
    if (entry.draws)
        app = createDrawingApplication(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("npsdesk"));
    QCoreApplication::setOrganizationName(QStringLiteral("NPS Desk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NPSDESK_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeAt(1); // the subcommand; QCommandLineParser expects argv[0] first
    try {
        CommandContext context(QString::fromLatin1(entry.name), arguments, out, err);
        return entry.run(context);
    } catch (const Error &error) {
        out.flush();
        err << "npsdesk " << entry.name << ": " << error.message() << '\n';
        err.flush();
        return error.exitCode();
    }
}

} // namespace

int run(int argc, char *argv[])
{
    if (argc >= 2) {
        const QString first = QString::fromLocal8Bit(argv[1]);
        if (const CommandEntry *entry = findCommand(first))
            return runCommand(*entry, argc, argv);
        if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
            std::printf("npsdesk %s\n", NPSDESK_VERSION);
            return 0;
        }
        if (first == QLatin1String("--help") || first == QLatin1String("-h") ||
            first == QLatin1String("help")) {
            std::fputs(usageText().toLocal8Bit().constData(), stdout);
            return 0;
        }
        if (!first.startsWith(QLatin1Char('-')) &&
            !first.endsWith(QLatin1String(".npsdb"), Qt::CaseInsensitive)) {
            std::fprintf(stderr, "npsdesk: unknown command '%s'\n\n%s", argv[1],
                         usageText().toLocal8Bit().constData());
            return 1;
        }
    }
    return launchGui(argc, argv);
}

} // namespace nps::cli
