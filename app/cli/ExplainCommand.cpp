#include "CommandContext.h"
#include "Commands.h"
#include "analysis/AnalysisService.h"
#include "analysis/AnalysisTables.h"
#include "common/Error.h"

namespace nps::cli {

int runExplain(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    // --from/--to name the two periods here, so only the non-date filters apply.
    parser.addOption({QStringLiteral("by"),
                      QStringLiteral("The attribute whose segments explain the change."),
                      QStringLiteral("ATTR")});
    parser.addOption({QStringLiteral("from"),
                      QStringLiteral("Earlier period: 2026Q2, 2026-05, 2026 or a wave name."),
                      QStringLiteral("PERIOD")});
    parser.addOption(
        {QStringLiteral("to"), QStringLiteral("Later period, of the same kind."), QStringLiteral("PERIOD")});
    parser.addOption({QStringLiteral("wave"), QStringLiteral("Only this survey wave (repeatable)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("kind"), QStringLiteral("Only relational or transactional surveys."),
                      QStringLiteral("KIND")});
    parser.addOption({QStringLiteral("where"), QStringLiteral("Only responses with ATTR=VALUE (repeatable)."),
                      QStringLiteral("ATTR=VALUE")});
    parser.addOption(
        {QStringLiteral("active-only"), QStringLiteral("Leave out respondents marked inactive.")});
    if (!context.parse(parser,
                       QStringLiteral("Split the change of overall NPS between two periods into a rate "
                                      "effect (segments' own NPS moved) and a mix effect (the respondent mix "
                                      "moved), per segment. They add up to the total change.")))
        return 0;
    const QString attribute = parser.value(QStringLiteral("by"));
    const QString from = parser.value(QStringLiteral("from"));
    const QString to = parser.value(QStringLiteral("to"));
    if (attribute.isEmpty() || from.isEmpty() || to.isEmpty())
        throw Error::usage(QStringLiteral("explain needs --by ATTR --from PERIOD --to PERIOD"));
    ResponseFilter filter;
    filter.waves = parser.values(QStringLiteral("wave"));
    if (parser.isSet(QStringLiteral("kind"))) {
        filter.kind = waveKindFromName(parser.value(QStringLiteral("kind")));
        if (!filter.kind)
            throw Error::usage(QStringLiteral("--kind must be relational or transactional"));
    }
    for (const QString &where : parser.values(QStringLiteral("where"))) {
        if (!filter.addWhere(where))
            throw Error::usage(QStringLiteral("--where needs ATTR=VALUE (got '%1')").arg(where));
    }
    filter.activeOnly = parser.isSet(QStringLiteral("active-only"));
    AnalysisService service(context.database(parser));
    const Explanation e = service.explain(filter, attribute, from, to);
    const QString format = context.format(parser);
    if (format == QLatin1String("json")) {
        context.printJson(QJsonDocument(explanationJson(e, false)));
        return 0;
    }
    const bool table = format == QLatin1String("table");
    context.print(explanationTable(e, table), format);
    if (table)
        context.out() << '\n' << e.formula << '\n';
    return 0;
}

} // namespace nps::cli
