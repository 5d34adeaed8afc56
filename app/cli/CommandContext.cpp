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
        throw Error::usage(QStringLiteral("%1: unknown --format '%2' (use %3)")
                               .arg(m_name, parser.value(QStringLiteral("format")), m_formats.join(QStringLiteral(", "))));
    return true;
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
        throw Error::usage(QStringLiteral("%1: unknown --format '%2' (use table, csv or json)").arg(m_name, format));
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
