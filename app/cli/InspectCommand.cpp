#include "CommandContext.h"
#include "Commands.h"
#include "common/Error.h"
#include "readers/SurveyFile.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace nps::cli {

namespace {

QString isoTime(const TimeResult &t)
{
    return t.ok() ? QDateTime::fromSecsSinceEpoch(t.utcSeconds, Qt::UTC).toString(Qt::ISODate) : QString();
}

QString delimiterText(char d)
{
    switch (d) {
    case '\t':
        return QStringLiteral("tab");
    case 0:
        return QString();
    default:
        return QString(QLatin1Char(d));
    }
}

} // namespace

// Shows what the readers make of a survey export, without importing it: the
// layout (preset, encoding, delimiter, columns), the detected mapping with its
// reasons, and a few typed sample rows. Exit code 2 when the file cannot be read.
int runInspect(CommandContext &context)
{
    QCommandLineParser parser;
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("json")});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("CSV, TSV or XLSX survey export."));
    parser.addOption({QStringLiteral("encoding"),
                      QStringLiteral("Text encoding: %1.").arg(encodingNames().join(QStringLiteral(", "))),
                      QStringLiteral("E")});
    parser.addOption({QStringLiteral("preset"),
                      QStringLiteral("Layout: %1.").arg(presetNames().join(QStringLiteral(", "))),
                      QStringLiteral("P")});
    parser.addOption({QStringLiteral("sheet"), QStringLiteral("XLSX sheet name (default: the first)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("date-order"), QStringLiteral("Order of slash dates: dmy, mdy or ymd."),
                      QStringLiteral("ORDER")});
    parser.addOption({QStringLiteral("map"),
                      QStringLiteral("Map a field to a column: FIELD=COLUMN, FIELD one of %1.")
                          .arg(mappableFields().join(QStringLiteral(", "))),
                      QStringLiteral("FIELD=COLUMN")});
    parser.addOption({QStringLiteral("segment"), QStringLiteral("Use COLUMN as a segment (repeatable)."),
                      QStringLiteral("COLUMN")});
    parser.addOption({QStringLiteral("rows"), QStringLiteral("Sample rows to show (default 5)."),
                      QStringLiteral("N"), QStringLiteral("5")});
    if (!context.parse(
            parser, QStringLiteral("Show how a survey export would be read: layout, mapping, sample rows.")))
        return 0;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        throw Error::usage(QStringLiteral("inspect: give exactly one FILE"));

    ReadOptions options;
    if (parser.isSet(QStringLiteral("encoding"))) {
        TextEncoding e;
        if (!encodingFromName(parser.value(QStringLiteral("encoding")), &e))
            throw Error::usage(QStringLiteral("unknown --encoding '%1'; use one of %2")
                                   .arg(parser.value(QStringLiteral("encoding")),
                                        encodingNames().join(QStringLiteral(", "))));
        options.encoding = e;
    }
    if (parser.isSet(QStringLiteral("preset"))) {
        Preset p;
        if (!presetFromName(parser.value(QStringLiteral("preset")), &p))
            throw Error::usage(
                QStringLiteral("unknown --preset '%1'; use one of %2")
                    .arg(parser.value(QStringLiteral("preset")), presetNames().join(QStringLiteral(", "))));
        options.preset = p;
    }
    if (parser.isSet(QStringLiteral("date-order")) &&
        !dateOrderFromName(parser.value(QStringLiteral("date-order")), &options.dateOrder))
        throw Error::usage(QStringLiteral("unknown --date-order '%1'; use dmy, mdy or ymd")
                               .arg(parser.value(QStringLiteral("date-order"))));
    options.sheetName = parser.value(QStringLiteral("sheet"));
    bool rowsOk = false;
    const int sampleRows = parser.value(QStringLiteral("rows")).toInt(&rowsOk);
    if (!rowsOk || sampleRows < 0)
        throw Error::usage(QStringLiteral("--rows needs a number"));

    SurveyFile file = SurveyFile::open(positional.first(), options);
    MappingOverrides overrides;
    for (const QString &map : parser.values(QStringLiteral("map"))) {
        const qsizetype eq = map.indexOf(QLatin1Char('='));
        if (eq <= 0)
            throw Error::usage(QStringLiteral("--map needs FIELD=COLUMN, got '%1'").arg(map));
        overrides.fields.insert(map.left(eq).trimmed(), map.mid(eq + 1).trimmed());
    }
    overrides.segments = parser.values(QStringLiteral("segment"));
    file.applyOverrides(overrides);

    const Layout &layout = file.layout();
    const FieldMapping &m = file.mapping();
    const auto columnName = [&](const FieldChoice &c) {
        return c.found() ? layout.columns[c.column].name : QString();
    };
    const QList<QPair<QString, const FieldChoice *>> fields = {
        {QStringLiteral("score"), &m.score}, {QStringLiteral("comment"), &m.comment},
        {QStringLiteral("time"), &m.time},   {QStringLiteral("id"), &m.responseId},
        {QStringLiteral("user"), &m.userId}, {QStringLiteral("email"), &m.email},
        {QStringLiteral("name"), &m.name},   {QStringLiteral("active"), &m.active},
        {QStringLiteral("group"), &m.group}};

    // Typed sample rows, streamed like an import would.
    DataTable sample;
    sample.columns = {QStringLiteral("line"),   QStringLiteral("score"),   QStringLiteral("time"),
                      QStringLiteral("active"), QStringLiteral("comment"), QStringLiteral("problem")};
    RecordCursor cursor = file.records();
    while (sample.rows.size() < sampleRows && cursor.next()) {
        const Record &r = cursor.record();
        const ScoreResult s = file.score(r);
        const TimeResult t = file.time(r);
        const std::optional<bool> active = file.active(r, t);
        QString problem = r.isRagged() ? r.raggedMessage() : r.exclusion();
        if (problem.isEmpty() && m.score.found() && !s.ok())
            problem = s.reason(r.cell(m.score.column));
        if (problem.isEmpty() && m.time.found() && !t.ok())
            problem = t.reason(r.cell(m.time.column));
        QString comment = file.comment(r).simplified();
        if (comment.size() > 60)
            comment = comment.left(57) + QStringLiteral("...");
        sample.addRow({r.line(), s.ok() ? QVariant(s.value) : QVariant(), isoTime(t),
                       active ? QVariant(*active ? QStringLiteral("yes") : QStringLiteral("no")) : QVariant(),
                       comment, problem});
    }

    if (context.format(parser) == QLatin1String("json")) {
        QJsonObject object = file.describe();
        object.insert(QStringLiteral("file"), file.path());
        object.insert(QStringLiteral("sample"), sample.toJson());
        context.printJson(QJsonDocument(object));
        return 0;
    }

    DataTable summary;
    summary.columns = {QStringLiteral("property"), QStringLiteral("value")};
    summary.addRow({QStringLiteral("file"), file.path()});
    summary.addRow({QStringLiteral("preset"), QStringLiteral("%1 (confidence %2: %3)")
                                                  .arg(presetName(layout.preset))
                                                  .arg(layout.confidence, 0, 'f', 2)
                                                  .arg(layout.presetReason)});
    if (layout.xlsx)
        summary.addRow({QStringLiteral("sheet"), layout.sheetName});
    else
        summary.addRow({QStringLiteral("encoding"),
                        QStringLiteral("%1 (%2)").arg(encodingName(layout.encoding), layout.encodingReason)});
    if (!layout.xlsx)
        summary.addRow(
            {QStringLiteral("delimiter"),
             QStringLiteral("%1 (%2)").arg(delimiterText(layout.delimiter), layout.delimiterReason)});
    summary.addRow({QStringLiteral("header rows"), layout.headerRows});
    summary.addRow({QStringLiteral("columns"), layout.columnNames().join(QStringLiteral(" | "))});
    summary.addRow({QStringLiteral("scale"), scoreScaleName(m.scale)});
    summary.addRow({QStringLiteral("date order"),
                    QStringLiteral("%1 (%2)").arg(dateOrderName(m.dateOrder), m.dateOrderReason)});
    for (const QString &w : layout.warnings)
        summary.addRow({QStringLiteral("warning"), w});
    context.print(summary, QStringLiteral("table"));
    context.out() << '\n';

    DataTable mapping;
    mapping.columns = {QStringLiteral("field"), QStringLiteral("column"), QStringLiteral("reason")};
    for (const auto &[field, choice] : fields)
        mapping.addRow({field, columnName(*choice), choice->reason});
    for (const FieldChoice &s : m.segments)
        mapping.addRow({QStringLiteral("segment"), columnName(s), s.reason});
    context.print(mapping, QStringLiteral("table"));
    context.out() << '\n';
    context.print(sample, QStringLiteral("table"));
    return 0;
}

} // namespace nps::cli
