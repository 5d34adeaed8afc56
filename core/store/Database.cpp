#include "Database.h"

#include "Migrations.h"
#include "Sql.h"
#include "SqlDialect.h"
#include "common/Error.h"

#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>

namespace nps {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("npsdesk-%1").arg(counter.fetchAndAddRelaxed(1));
}

// Reads the 16-byte SQLite header without opening the file through SQLite, so a
// file that is not a database is refused before anything could write to it.
bool looksLikeSqlite(const QString &path, QString *problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = file.errorString();
        return false;
    }
    const QByteArray header = file.read(100);
    if (header.size() < 100 || !header.startsWith(QByteArrayLiteral("SQLite format 3\0"))) {
        *problem = QStringLiteral("it is not an SQLite database");
        return false;
    }
    return true;
}

} // namespace

Database::Database()
    : m_connectionName(nextConnectionName())
{
}

Database::~Database()
{
    close();
}

void Database::open(const QString &path, Mode mode)
{
    close();
    const QFileInfo info(path);
    const bool exists = info.exists();
    if (!exists && mode == Mode::ExistingOnly)
        throw Error::badInput(QStringLiteral("%1: no such file").arg(path));
    if (exists && info.isDir())
        throw Error::badInput(QStringLiteral("%1: is a folder, not a database file").arg(path));
    // An empty file is what a "Save as" dialog leaves behind: treat it as new.
    const bool isNew = !exists || info.size() == 0;
    QString problem;
    if (!isNew && !looksLikeSqlite(path, &problem))
        throw Error::badInput(
            QStringLiteral("%1: cannot open as an NPS Desk database: %2").arg(path, problem));

    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(path);
        // Another process (a second window, a script) may hold the write lock for
        // a while; wait for it instead of failing.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!db.open()) {
            const QString message = db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            throw Error::storage(QStringLiteral("%1: cannot open: %2").arg(path, message));
        }
    }
    m_path = path;
    QSqlDatabase db = connection();
    try {
        if (!isNew) {
            // Reading the schema is the first thing that touches the pages; a
            // truncated or damaged file fails here, before we write anything.
            const int tables = sql::scalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master")).toInt();
            const int appId = sql::scalar(db, QStringLiteral("PRAGMA application_id")).toInt();
            const int version = sql::scalar(db, QStringLiteral("PRAGMA user_version")).toInt();
            if (appId != migrations::applicationId && !(appId == 0 && tables == 0))
                throw Error::badInput(
                    QStringLiteral("%1: this is an SQLite database, but not an NPS Desk database").arg(path));
            if (version > migrations::latestVersion())
                throw Error::badInput(
                    QStringLiteral("%1: this database was written by a newer NPS Desk (schema "
                                   "version %2; this version reads up to %3). Update NPS Desk "
                                   "to open it.")
                        .arg(path)
                        .arg(version)
                        .arg(migrations::latestVersion()));
        }
        sql::scalar(db, QStringLiteral("PRAGMA journal_mode = WAL"));
        sql::run(db, QStringLiteral("PRAGMA foreign_keys = ON"));
        // NORMAL is crash-safe in WAL mode: a kill loses nothing committed.
        sql::run(db, QStringLiteral("PRAGMA synchronous = NORMAL"));
        sql::run(db, QStringLiteral("PRAGMA temp_store = MEMORY"));
        // 64 MiB of page cache: enough for the hot index pages of a million-row import
        // while keeping its peak memory under 250 MB.
        sql::run(db, QStringLiteral("PRAGMA cache_size = -65536"));
        migrations::migrate(db);
    } catch (const Error &error) {
        close();
        if (error.kind() == Error::Kind::Storage)
            throw Error::badInput(
                QStringLiteral("%1: cannot open as an NPS Desk database: the file is damaged "
                               "or incomplete (%2)")
                    .arg(path, error.message()));
        throw;
    }
}

void Database::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_path.clear();
}

bool Database::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) &&
           QSqlDatabase::database(m_connectionName, false).isOpen();
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

const SqlDialect &Database::dialect() const
{
    return SqlDialect::sqlite();
}

int Database::schemaVersion() const
{
    return sql::scalar(connection(), QStringLiteral("PRAGMA user_version"), {}, 0).toInt();
}

qint64 Database::dataVersion() const
{
    return sql::scalar(connection(), QStringLiteral("SELECT value FROM meta WHERE key = 'data_version'"), {},
                       0)
        .toLongLong();
}

void Database::bumpDataVersion()
{
    sql::run(connection(), dialect().upsertMeta(), {QStringLiteral("data_version"), dataVersion() + 1});
}

QString Database::setting(const QString &key, const QString &fallback) const
{
    const QVariant value =
        sql::scalar(connection(), QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    return value.isValid() && !value.isNull() ? value.toString() : fallback;
}

void Database::setSetting(const QString &key, const QString &value)
{
    sql::run(connection(), dialect().upsertSetting(), {key, value});
}

} // namespace nps
