#include "CommandContext.h"
#include "Commands.h"
#include "comments/TagService.h"

#include <QHash>

namespace nps::cli {

int runTags(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    if (!context.parse(parser,
                       QStringLiteral("List the tags with their colour, parent, pinned key and usage.")))
        return 0;
    TagService service(context.database(parser), context.clock());
    const QVector<Tag> tags = service.tags();
    QHash<qint64, QString> names;
    for (const Tag &t : tags)
        names.insert(t.id, t.name);
    DataTable table;
    table.columns = {QStringLiteral("id"),     QStringLiteral("name"),   QStringLiteral("color"),
                     QStringLiteral("parent"), QStringLiteral("pinned"), QStringLiteral("responses")};
    for (const Tag &t : tags)
        table.addRow({t.id, t.name, t.color, t.parentId ? names.value(*t.parentId) : QString(),
                      t.pinnedSlot ? QVariant(t.pinnedSlot) : QVariant(), t.count});
    context.print(table, context.format(parser));
    return 0;
}

} // namespace nps::cli
