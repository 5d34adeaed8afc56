#include "CommandContext.h"
#include "Commands.h"
#include "comments/CommentExport.h"
#include "common/Error.h"

namespace nps::cli {

namespace {

// The comment-specific options shared by `comments` and `themes`.
void addCommentFilterOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("search"),
                      QStringLiteral("Full-text search: words, prefix*, \"phrases\", AND/OR/NOT."),
                      QStringLiteral("QUERY")});
    parser.addOption({QStringLiteral("group"), QStringLiteral("detractor, passive or promoter."),
                      QStringLiteral("GROUP")});
    parser.addOption(
        {QStringLiteral("score"), QStringLiteral("Only this exact score (0-10)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("tag"), QStringLiteral("Only comments with this tag (or its sub-tags)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("untagged"), QStringLiteral("Only comments without any tag.")});
    parser.addOption({QStringLiteral("starred"), QStringLiteral("Only starred comments.")});
}

CommentFilter commentFilter(CommandContext &context, const QCommandLineParser &parser)
{
    CommentFilter f;
    f.base = context.filter(parser);
    f.search = parser.value(QStringLiteral("search"));
    if (parser.isSet(QStringLiteral("group"))) {
        f.group = npsGroupFromName(parser.value(QStringLiteral("group")));
        if (!f.group)
            throw Error::usage(QStringLiteral("--group must be detractor, passive or promoter"));
    }
    if (parser.isSet(QStringLiteral("score"))) {
        bool ok = false;
        const int s = parser.value(QStringLiteral("score")).toInt(&ok);
        if (!ok || s < 0 || s > 10)
            throw Error::usage(QStringLiteral("--score must be a whole number from 0 to 10"));
        f.score = s;
    }
    f.tag = parser.value(QStringLiteral("tag"));
    f.untagged = parser.isSet(QStringLiteral("untagged"));
    f.starred = parser.isSet(QStringLiteral("starred"));
    return f;
}

} // namespace

int runComments(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    context.addFilterOptions(parser);
    addCommentFilterOptions(parser);
    parser.addOption({QStringLiteral("limit"),
                      QStringLiteral("At most N comments, newest first (default 50, 0 = all)."),
                      QStringLiteral("N"), QStringLiteral("50")});
    if (!context.parse(parser, QStringLiteral("List comments with their score, tags and star.")))
        return 0;
    bool ok = false;
    const qint64 limit = parser.value(QStringLiteral("limit")).toLongLong(&ok);
    if (!ok || limit < 0)
        throw Error::usage(QStringLiteral("--limit needs a whole number, 0 for all"));
    const CommentFilter filter = commentFilter(context, parser);
    Database &db = context.database(parser);
    DataTable table;
    table.columns = CommentExport::columns();
    // Keyset pages: memory stays bounded by the output, never by the database.
    CommentExport::forEachPage(db, filter, limit,
                               [&table](const DataTable &page) { table.rows += page.rows; });
    context.print(table, context.format(parser));
    return 0;
}

} // namespace nps::cli
