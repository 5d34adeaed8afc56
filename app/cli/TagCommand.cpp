#include "CommandContext.h"
#include "Commands.h"
#include "comments/TagService.h"
#include "common/Error.h"

#include <QJsonArray>
#include <QJsonObject>

namespace nps::cli {

namespace {

QVector<qint64> parseIds(const QString &text)
{
    QVector<qint64> ids;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 id = part.trimmed().toLongLong(&ok);
        if (!ok || id <= 0)
            throw Error::usage(
                QStringLiteral("--ids needs response ids separated by commas, not '%1'").arg(part));
        ids.append(id);
    }
    if (ids.isEmpty())
        throw Error::usage(QStringLiteral("--ids needs at least one response id"));
    return ids;
}

} // namespace

int runTag(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("json")});
    parser.addOption(
        {QStringLiteral("ids"), QStringLiteral("Response ids, comma separated."), QStringLiteral("ID,...")});
    parser.addOption({QStringLiteral("match"),
                      QStringLiteral("The rule's keyword(s), phrase or regular expression."),
                      QStringLiteral("PATTERN")});
    parser.addOption({QStringLiteral("regex"), QStringLiteral("The pattern is a regular expression.")});
    parser.addOption({QStringLiteral("phrase"), QStringLiteral("The pattern is an exact phrase.")});
    parser.addOption({QStringLiteral("apply"), QStringLiteral("Save the rule and tag what it matches.")});
    parser.addOption(
        {QStringLiteral("preview"), QStringLiteral("Only show what the rule would tag (default).")});
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("add | remove | rule | rerun | star | unstar"));
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("Tag name (add, remove, rule)."));
    if (!context.parse(parser,
                       QStringLiteral("Tag comments by id, star them, or tag them by a rule:\n"
                                      "  tag --db F add|remove NAME --ids ID,...\n"
                                      "  tag --db F star|unstar --ids ID,...\n"
                                      "  tag --db F rerun   (re-run every saved rule, after an import)\n"
                                      "  tag --db F rule NAME --match PATTERN [--regex|--phrase] "
                                      "[--apply|--preview]")))
        return 0;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    const QString name = args.value(1).trimmed();
    Database &db = context.database(parser);
    TagService service(db, context.clock());
    DataTable table;
    table.columns = {QStringLiteral("action"), QStringLiteral("tag"), QStringLiteral("count")};

    if (action == QLatin1String("rerun")) {
        // After an import: every saved rule tags the comments it matches that
        // do not carry its tag yet.
        table.addRow({action, QString(), service.applyAllRules()});
    } else if (action == QLatin1String("star") || action == QLatin1String("unstar")) {
        const QVector<qint64> changed = service.setStarred(parseIds(parser.value(QStringLiteral("ids"))),
                                                           action == QLatin1String("star"));
        table.addRow({action, QString(), qint64(changed.size())});
    } else if (action == QLatin1String("add") || action == QLatin1String("remove")) {
        if (name.isEmpty())
            throw Error::usage(QStringLiteral("%1 needs a tag name").arg(action));
        const QVector<qint64> ids = parseIds(parser.value(QStringLiteral("ids")));
        std::optional<Tag> tag = service.tagByName(name);
        if (action == QLatin1String("add")) {
            const qint64 tagId = tag ? tag->id : service.create(name);
            table.addRow({action, name, qint64(service.addTag(tagId, ids).size())});
        } else {
            if (!tag)
                throw Error::badInput(QStringLiteral("no tag named '%1'").arg(name));
            table.addRow({action, tag->name, qint64(service.removeTag(tag->id, ids).size())});
        }
    } else if (action == QLatin1String("rule")) {
        if (name.isEmpty() || !parser.isSet(QStringLiteral("match")))
            throw Error::usage(QStringLiteral("rule needs a tag name and --match PATTERN"));
        if (parser.isSet(QStringLiteral("apply")) && parser.isSet(QStringLiteral("preview")))
            throw Error::usage(QStringLiteral("use either --apply or --preview"));
        if (parser.isSet(QStringLiteral("regex")) && parser.isSet(QStringLiteral("phrase")))
            throw Error::usage(QStringLiteral("use either --regex or --phrase"));
        const RuleKind kind = parser.isSet(QStringLiteral("regex"))    ? RuleKind::Regex
                              : parser.isSet(QStringLiteral("phrase")) ? RuleKind::Phrase
                                                                       : RuleKind::Keyword;
        const QString pattern = parser.value(QStringLiteral("match"));
        std::optional<Tag> tag = service.tagByName(name);
        if (parser.isSet(QStringLiteral("apply"))) {
            const qint64 tagId = tag ? tag->id : service.create(name);
            const qint64 rule = service.addRule(tagId, pattern, kind);
            table.addRow({QStringLiteral("applied"), name, service.applyRule(rule)});
        } else {
            const RulePreview preview = service.preview(tag ? tag->id : 0, pattern, kind, 5);
            if (context.format(parser) == QLatin1String("json")) {
                QJsonArray samples;
                for (const auto &s : preview.samples)
                    samples.append(
                        QJsonObject{{QStringLiteral("id"), s.first}, {QStringLiteral("comment"), s.second}});
                context.printJson(QJsonDocument(QJsonObject{{QStringLiteral("tag"), name},
                                                            {QStringLiteral("pattern"), pattern},
                                                            {QStringLiteral("kind"), ruleKindName(kind)},
                                                            {QStringLiteral("matches"), preview.matches},
                                                            {QStringLiteral("would_tag"), preview.newTags},
                                                            {QStringLiteral("samples"), samples}}));
                return 0;
            }
            table.columns = {QStringLiteral("id"), QStringLiteral("comment")};
            for (const auto &s : preview.samples)
                table.addRow({s.first, s.second});
            context.out() << QStringLiteral("Rule %1 '%2' matches %3 comments; applying would tag %4.\n")
                                 .arg(ruleKindName(kind), pattern)
                                 .arg(preview.matches)
                                 .arg(preview.newTags);
            context.print(table, QStringLiteral("table"));
            return 0;
        }
    } else {
        throw Error::usage(QStringLiteral("the action must be add, remove, rule, rerun, star or unstar"));
    }
    context.print(table, context.format(parser));
    return 0;
}

} // namespace nps::cli
