#include "CommandContext.h"
#include "Commands.h"
#include "comments/CommentQuery.h"
#include "comments/ThemeDrivers.h"

namespace nps::cli {

int runThemes(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")},
                            QStringLiteral("table"));
    context.addFilterOptions(parser);
    if (!context.parse(parser,
                       QStringLiteral("Theme drivers: per tag, mentions among detractors, passives and "
                                      "promoters, the NPS of tagged responses, its difference from the "
                                      "overall NPS with a 95% interval, and the NPS without the theme's "
                                      "detractors.")))
        return 0;
    CommentFilter filter;
    filter.base = context.filter(parser);
    const ThemeDriversResult result = ThemeDrivers::compute(context.database(parser), filter);
    context.print(ThemeDrivers::toTable(result), context.format(parser));
    return 0;
}

} // namespace nps::cli
