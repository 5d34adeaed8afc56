#pragma once

#include "export/DataTable.h"
#include "query/ResponseFilter.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QStringList>
#include <QTextStream>
#include <memory>

namespace nps {
class Clock;
}

namespace nps::cli {

// What a subcommand gets: its arguments, the output streams, and the helpers
// every command shares (the --db and --format options, opening the database,
// printing a table). Errors are thrown as nps::Error and turned into a message
// and exit code by the dispatcher.
class CommandContext
{
public:
    CommandContext(QString name, QStringList arguments, QTextStream &out, QTextStream &err);
    ~CommandContext();

    QString name() const { return m_name; }
    // "npsdesk <command>" followed by the command's own arguments.
    QStringList arguments() const { return m_arguments; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    // Sets up `parser` with the common options, parses, handles --help, and throws
    // a usage Error for unknown options. `formats` empty means no --format option.
    void addDatabaseOption(QCommandLineParser &parser);
    void addFormatOption(QCommandLineParser &parser, const QStringList &formats,
                         const QString &defaultFormat = QStringLiteral("table"));
    // Returns false when --help was printed and the command should return 0.
    bool parse(QCommandLineParser &parser, const QString &description);

    // The shared filter options: --from DATE --to DATE --wave NAME --kind KIND
    // --where ATTR=VALUE --active-only (--wave and --where repeat).
    void addFilterOptions(QCommandLineParser &parser);
    ResponseFilter filter(const QCommandLineParser &parser) const;

    // Opens --db (required), existing or new as the command allows.
    Database &database(const QCommandLineParser &parser, Database::Mode mode = Database::Mode::ExistingOnly);
    QString format(const QCommandLineParser &parser) const;

    // Prints a table in the chosen format (table, csv, json).
    void print(const DataTable &table, const QString &format);
    void printJson(const QJsonDocument &document);

    // The clock of this run: the system's, or the one fixed by a global --now.
    const Clock &clock() const;

private:
    QString m_name;
    QStringList m_arguments;
    QTextStream &m_out;
    QTextStream &m_err;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<Clock> m_clock;
    QStringList m_formats;
};

} // namespace nps::cli
