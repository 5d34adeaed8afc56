#include "CommandContext.h"
#include "Commands.h"
#include "common/Error.h"
#include "import/FileAttributeSource.h"
#include "import/FileImportSource.h"
#include "import/Importer.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <memory>

namespace nps::cli {

namespace {

void addReaderOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("preset"),
                      QStringLiteral("Survey tool layout: %1 (default: detected).")
                          .arg(presetNames().join(QStringLiteral(", "))),
                      QStringLiteral("NAME")});
    parser.addOption(
        {QStringLiteral("map"),
         QStringLiteral("Use COLUMN for FIELD (score, comment, time, id, user, email, name, active, group); "
                        "repeatable. An empty COLUMN or 'none' unmaps the field."),
         QStringLiteral("FIELD=COLUMN")});
    parser.addOption(
        {QStringLiteral("segment"),
         QStringLiteral("Keep COLUMN as a segment attribute (repeatable; replaces the detected ones)."),
         QStringLiteral("COLUMN")});
    parser.addOption({QStringLiteral("encoding"),
                      QStringLiteral("Text encoding (default: detected): %1.")
                          .arg(encodingNames().join(QStringLiteral(", "))),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("date-order"),
                      QStringLiteral("Order of slash dates: dmy, mdy or ymd (default: "
                                     "decided from the values)."),
                      QStringLiteral("ORDER")});
    parser.addOption({QStringLiteral("timezone"),
                      QStringLiteral("Time zone of times written without one (IANA name, default UTC)."),
                      QStringLiteral("TZ")});
    parser.addOption({QStringLiteral("sheet"),
                      QStringLiteral("XLSX: the sheet to read (default: the first)."),
                      QStringLiteral("NAME")});
}

ReadOptions readOptions(const QCommandLineParser &parser, const QString &command)
{
    ReadOptions options;
    if (parser.isSet(QStringLiteral("preset"))) {
        Preset preset;
        if (!presetFromName(parser.value(QStringLiteral("preset")), &preset))
            throw Error::usage(QStringLiteral("%1: unknown --preset '%2' (use %3)")
                                   .arg(command, parser.value(QStringLiteral("preset")),
                                        presetNames().join(QStringLiteral(", "))));
        options.preset = preset;
    }
    if (parser.isSet(QStringLiteral("encoding"))) {
        TextEncoding encoding;
        if (!encodingFromName(parser.value(QStringLiteral("encoding")), &encoding))
            throw Error::usage(QStringLiteral("%1: unknown --encoding '%2' (use %3)")
                                   .arg(command, parser.value(QStringLiteral("encoding")),
                                        encodingNames().join(QStringLiteral(", "))));
        options.encoding = encoding;
    }
    if (parser.isSet(QStringLiteral("date-order"))) {
        DateOrder order;
        if (!dateOrderFromName(parser.value(QStringLiteral("date-order")), &order) ||
            order == DateOrder::Auto)
            throw Error::usage(QStringLiteral("%1: --date-order must be dmy, mdy or ymd").arg(command));
        options.dateOrder = order;
    }
    if (parser.isSet(QStringLiteral("timezone"))) {
        const QTimeZone zone(parser.value(QStringLiteral("timezone")).toUtf8());
        if (!zone.isValid())
            throw Error::usage(
                QStringLiteral("%1: unknown --timezone '%2' (use an IANA name such as Europe/Paris)")
                    .arg(command, parser.value(QStringLiteral("timezone"))));
        options.timeZone = zone;
    }
    options.sheetName = parser.value(QStringLiteral("sheet"));
    return options;
}

MappingOverrides overrides(const QCommandLineParser &parser, const QString &command)
{
    MappingOverrides o;
    for (const QString &map : parser.values(QStringLiteral("map"))) {
        const qsizetype eq = map.indexOf(QLatin1Char('='));
        const QString field = eq > 0 ? map.left(eq).trimmed().toLower() : QString();
        if (field.isEmpty() || !mappableFields().contains(field))
            throw Error::usage(QStringLiteral("%1: --map '%2' must be FIELD=COLUMN with FIELD one of %3")
                                   .arg(command, map, mappableFields().join(QStringLiteral(", "))));
        o.fields.insert(field, map.mid(eq + 1).trimmed());
    }
    o.segments = parser.values(QStringLiteral("segment"));
    return o;
}

} // namespace

int runImport(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("json")});
    addReaderOptions(parser);
    parser.addOption({QStringLiteral("wave"),
                      QStringLiteral("Survey wave for these responses (default: one wave per file, "
                                     "named after it)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("kind"), QStringLiteral("relational (default) or transactional."),
                      QStringLiteral("KIND"), QStringLiteral("relational")});
    parser.addOption(
        {QStringLiteral("accept-scale"),
         QStringLiteral("Confirm a score column that is not 0-10 (1-10, 1-5); the warning is kept.")});
    parser.addOption(
        {QStringLiteral("dry-run"), QStringLiteral("Read and validate everything, write nothing.")});
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("CSV or XLSX survey exports."),
                                 QStringLiteral("FILE..."));
    if (!context.parse(parser,
                       QStringLiteral("Import survey exports into the database: all rows of all files in one "
                                      "transaction, or nothing. Rejected rows are listed with line, column "
                                      "and reason; rows already imported are skipped as duplicates.")))
        return 0;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        throw Error::usage(QStringLiteral("import: name at least one FILE"));
    const auto kind = waveKindFromName(parser.value(QStringLiteral("kind")));
    if (!kind)
        throw Error::usage(QStringLiteral("import: --kind must be relational or transactional"));
    ReadOptions options = readOptions(parser, QStringLiteral("import"));
    options.acceptNonStandardScale = parser.isSet(QStringLiteral("accept-scale"));
    const MappingOverrides mapping = overrides(parser, QStringLiteral("import"));

    // Open and check every file before touching the database, so one bad file
    // refuses the whole import with a message naming it.
    std::vector<std::unique_ptr<FileImportSource>> sources;
    QVector<ImportSource *> list;
    for (const QString &file : files) {
        if (!QFileInfo(file).isFile())
            throw Error::badInput(QStringLiteral("%1: no such file").arg(file));
        sources.push_back(std::make_unique<FileImportSource>(file, options, mapping));
        list << sources.back().get();
    }
    ImportOptions importOptions;
    importOptions.waveName = parser.value(QStringLiteral("wave"));
    importOptions.kind = *kind;
    importOptions.dryRun = parser.isSet(QStringLiteral("dry-run"));
    Database &db = context.database(parser, Database::Mode::CreateIfMissing);
    Importer importer(db, context.clock());
    const QVector<ImportReport> reports = importer.run(list, importOptions);

    if (context.format(parser) == QLatin1String("json")) {
        QJsonArray array;
        for (const ImportReport &r : reports)
            array.append(r.toJson());
        context.printJson(QJsonDocument(array));
        return 0;
    }
    for (const ImportReport &r : reports) {
        context.out() << QStringLiteral(
                             "%1: %2 rows, %3 imported, %4 duplicates, %5 rejected (preset %6, %7)%8\n")
                             .arg(r.file)
                             .arg(r.rows)
                             .arg(r.imported)
                             .arg(r.duplicates)
                             .arg(r.rejected)
                             .arg(r.preset, r.encoding,
                                  importOptions.dryRun ? QStringLiteral(" [dry run: nothing written]")
                                                       : QString());
        for (const QString &w : r.warnings)
            context.out() << QStringLiteral("  warning: %1\n").arg(w);
        for (const Rejection &x : r.rejections)
            context.out() << QStringLiteral("  %1:%2:%3: rejected: %4\n")
                                 .arg(r.file)
                                 .arg(x.line)
                                 .arg(x.column)
                                 .arg(x.reason);
        if (r.rejected > r.rejections.size())
            context.out() << QStringLiteral("  ... %1 more (npsdesk rejected --db %2 --import %3)\n")
                                 .arg(r.rejected - r.rejections.size())
                                 .arg(db.path())
                                 .arg(r.importId);
    }
    return 0;
}

int runImportAttributes(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("json")});
    addReaderOptions(parser);
    parser.addOption({QStringLiteral("key"), QStringLiteral("Join on email (default) or user (user id)."),
                      QStringLiteral("email|user"), QStringLiteral("email")});
    parser.addOption(
        {QStringLiteral("as-of"),
         QStringLiteral("Date the attributes describe (YYYY-MM-DD; default: the file's modification date)."),
         QStringLiteral("DATE")});
    parser.addOption(
        {QStringLiteral("dry-run"), QStringLiteral("Join and report everything, write nothing.")});
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("A users or accounts file (CSV or XLSX)."),
                                 QStringLiteral("FILE"));
    if (!context.parse(parser,
                       QStringLiteral("Join respondent attributes (plan, role, company size, ARR...) from a "
                                      "CRM or users export on email or user id. Conflicts and unmatched keys "
                                      "are reported, not guessed.")))
        return 0;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        throw Error::usage(QStringLiteral("import-attributes: name exactly one FILE"));
    const QString key = parser.value(QStringLiteral("key"));
    if (key != QLatin1String("email") && key != QLatin1String("user"))
        throw Error::usage(QStringLiteral("import-attributes: --key must be email or user"));
    const QFileInfo info(files.first());
    if (!info.isFile())
        throw Error::badInput(QStringLiteral("%1: no such file").arg(files.first()));
    AttributeImportOptions options;
    options.key = key == QLatin1String("email") ? AttributeKey::Email : AttributeKey::UserId;
    QDate date;
    if (parser.isSet(QStringLiteral("as-of"))) {
        date = QDate::fromString(parser.value(QStringLiteral("as-of")), Qt::ISODate);
        if (!date.isValid())
            throw Error::usage(QStringLiteral("import-attributes: --as-of must be a date, YYYY-MM-DD"));
    }
    options.asOf = FileAttributeSource::asOf(files.first(), date);
    options.dryRun = parser.isSet(QStringLiteral("dry-run"));
    FileAttributeSource source(files.first(), options.key,
                               readOptions(parser, QStringLiteral("import-attributes")),
                               overrides(parser, QStringLiteral("import-attributes")));
    const AttributeImportReport report =
        AttributeImporter(context.database(parser), context.clock()).run(source, options);
    if (context.format(parser) == QLatin1String("json")) {
        context.printJson(QJsonDocument(report.toJson()));
        return 0;
    }
    context.out()
        << QStringLiteral(
               "%1: %2 rows, %3 keys matched, %4 unmatched, %5 conflicts, %6 responses re-segmented\n")
               .arg(report.file)
               .arg(report.rows)
               .arg(report.matched)
               .arg(report.unmatchedCount)
               .arg(report.conflicts.size())
               .arg(report.responsesUpdated);
    if (options.dryRun)
        context.out() << QStringLiteral("  dry run: nothing was written\n");
    for (const AttributeConflict &c : report.conflicts)
        context.out() << QStringLiteral("  conflict: %1 has %2 = %3 (not stored)\n")
                             .arg(c.key, c.attribute, c.values.join(QStringLiteral(" / ")));
    for (const QString &k : report.unmatched)
        context.out() << QStringLiteral("  unmatched: %1\n").arg(k);
    return 0;
}

} // namespace nps::cli
