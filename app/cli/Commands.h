#pragma once

namespace nps::cli {

class CommandContext;

// One function per subcommand, each in its own <Name>Command.cpp. The table in
// Cli.cpp names them; add a line there when adding a command.
int runInfo(CommandContext &context);
int runDemo(CommandContext &context);
int runQueue(CommandContext &context);
int runQueueReport(CommandContext &context);
int runExportContacts(CommandContext &context);

} // namespace nps::cli
