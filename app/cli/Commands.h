#pragma once

#include "analysis/Period.h"

#include <QString>

namespace nps::cli {

class CommandContext;

// One function per subcommand, each in its own <Name>Command.cpp. The table in
// Cli.cpp names them; add a line there when adding a command.
int runInfo(CommandContext &context);
int runDemo(CommandContext &context);
int runImport(CommandContext &context);
int runImportAttributes(CommandContext &context);
int runWaves(CommandContext &context);
int runImports(CommandContext &context);
int runRejected(CommandContext &context);
int runNps(CommandContext &context);
int runPivot(CommandContext &context);
int runTrend(CommandContext &context);
int runMetrics(CommandContext &context);
int runExplain(CommandContext &context);
int runWarnings(CommandContext &context);
int runBenchmarks(CommandContext &context);
int runQueue(CommandContext &context);
int runQueueReport(CommandContext &context);
int runExportContacts(CommandContext &context);
int runExportChart(CommandContext &context);

// Shared option parsing of the analysis commands (defined in NpsCommand.cpp);
// both throw a usage Error on bad text.
double parseConfidence(const QString &text);
PeriodKind parsePeriodKind(const QString &text);
int runComments(CommandContext &context);
int runTag(CommandContext &context);
int runTags(CommandContext &context);
int runThemes(CommandContext &context);
int runInspect(CommandContext &context);

} // namespace nps::cli
