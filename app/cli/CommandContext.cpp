#include "CommandContext.h"

#include "clock/Clock.h"
#include "common/Error.h"

namespace nps::cli {

CommandContext::CommandContext(QString name, QStringList arguments, QTextStream &out, QTextStream &err)
    : m_name(std::move(name))
    , m_arguments(std::move(arguments))
    , m_out(out)
    , m_err(err)
{
    // A fixed "now" for scripts and tests: NPSDESK_NOW=2026-07-01T09:00:00Z.
    const QByteArray fixed = qgetenv("NPSDESK_NOW");
    if (!fixed.isEmpty()) {
        const QDateTime now = QDateTime::fromString(QString::fromUtf8(fixed), Qt::ISODate);
        if (!now.isValid())
            throw Error::usage(QStringLiteral("NPSDESK_NOW: '%1' is not an ISO 8601 date and time")
                                   .arg(QString::fromUtf8(fixed)));
        m_clock = std::make_unique<FixedClock>(now);
    }
}

CommandContext::~CommandContext() = default;

void CommandContext::addDatabaseOption(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("db"), QStringLiteral("The .npsdb database file."),
                                        QStringLiteral("FILE")));
}

void CommandContext::addFormatOption(QCommandLineParser &parser, const QStringList &formats,
                                     const QString &defaultFormat)
{
    parser.addOption(QCommandLineOption(QStringLiteral("format"),
                                        QStringLiteral("Output format: %1 (default %2).")
                                            .arg(formats.join(QStringLiteral(", ")), defaultFormat),
                                        QStringLiteral("FORMAT"), defaultFormat));
    m_formats = formats;
}

bool CommandContext::parse(QCommandLineParser &parser, const QString &description)
{
    parser.setApplicationDescription(description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(m_arguments))
        throw Error::usage(QStringLiteral("%1: %2").arg(m_name, parser.errorText()));
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // QCommandLineParser names the binary only; show the subcommand too.
        const qsizetype usageEnd = text.indexOf(QLatin1Char(' '), 7);
        if (text.startsWith(QLatin1String("Usage: ")) && usageEnd > 0)
            text.replace(7, usageEnd - 7, QStringLiteral("npsdesk %1").arg(m_name));
        m_out << text;
        m_out.flush();
        return false;
    }
    if (!m_formats.isEmpty() && !m_formats.contains(parser.value(QStringLiteral("format"))))
        throw Error::usage(
            QStringLiteral("%1: unknown --format '%2' (use %3)")
                .arg(m_name, parser.value(QStringLiteral("format")), m_formats.join(QStringLiteral(", "))));
    return true;
}

void CommandContext::addFilterOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("from"),
                      QStringLiteral("Only responses on or after this date (YYYY-MM-DD)."),
                      QStringLiteral("DATE")});
    parser.addOption({QStringLiteral("to"),
                      QStringLiteral("Only responses on or before this date (YYYY-MM-DD)."),
                      QStringLiteral("DATE")});
    parser.addOption({QStringLiteral("wave"), QStringLiteral("Only this survey wave (repeatable)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("kind"), QStringLiteral("Only relational or transactional surveys."),
                      QStringLiteral("KIND")});
    parser.addOption(
        {QStringLiteral("where"),
         QStringLiteral("Only responses whose attribute has this value, ATTR=VALUE (repeatable; values "
                        "of one attribute are OR-ed, attributes AND-ed)."),
         QStringLiteral("ATTR=VALUE")});
    parser.addOption(
        {QStringLiteral("active-only"), QStringLiteral("Leave out respondents marked inactive.")});
}

ResponseFilter CommandContext::filter(const QCommandLineParser &parser) const
{
    ResponseFilter f;
    auto date = [&](const QString &option) -> std::optional<QDate> {
        if (!parser.isSet(option))
            return std::nullopt;
        const QDate d = QDate::fromString(parser.value(option), Qt::ISODate);
        if (!d.isValid())
            throw Error::usage(QStringLiteral("%1: --%2 '%3' is not a date (use YYYY-MM-DD)")
                                   .arg(m_name, option, parser.value(option)));
        return d;
    };
    f.from = date(QStringLiteral("from"));
    f.to = date(QStringLiteral("to"));
    if (f.from && f.to && *f.from > *f.to)
        throw Error::usage(QStringLiteral("%1: --from is after --to").arg(m_name));
    f.waves = parser.values(QStringLiteral("wave"));
    if (parser.isSet(QStringLiteral("kind"))) {
        f.kind = waveKindFromName(parser.value(QStringLiteral("kind")));
        if (!f.kind)
            throw Error::usage(QStringLiteral("%1: --kind must be relational or transactional").arg(m_name));
    }
    for (const QString &where : parser.values(QStringLiteral("where"))) {
        if (!f.addWhere(where))
            throw Error::usage(
                QStringLiteral("%1: --where '%2' must look like ATTRIBUTE=VALUE, e.g. Plan=Enterprise")
                    .arg(m_name, where));
    }
    f.activeOnly = parser.isSet(QStringLiteral("active-only"));
    return f;
}

Database &CommandContext::database(const QCommandLineParser &parser, Database::Mode mode)
{
    if (m_database)
        return *m_database;
    const QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        throw Error::usage(QStringLiteral("%1: --db FILE is required").arg(m_name));
    auto db = std::make_unique<Database>();
    db->open(path, mode);
    m_database = std::move(db);
    return *m_database;
}

QString CommandContext::format(const QCommandLineParser &parser) const
{
    return parser.value(QStringLiteral("format"));
}

void CommandContext::print(const DataTable &table, const QString &format)
{
    DataTable::Format parsed;
    if (!DataTable::parseFormat(format, &parsed))
        throw Error::usage(
            QStringLiteral("%1: unknown --format '%2' (use table, csv or json)").arg(m_name, format));
    m_out << QString::fromUtf8(table.render(parsed));
    m_out.flush();
}

void CommandContext::printJson(const QJsonDocument &document)
{
    m_out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    m_out.flush();
}

const Clock &CommandContext::clock() const
{
    return m_clock ? *m_clock : systemClock();
}

} // namespace nps::cli
