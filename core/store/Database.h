#pragma once

#include <QSqlDatabase>
#include <QString>

namespace nps {

class SqlDialect;

// One open .npsdb file: an SQLite database in WAL mode with foreign keys on,
// migrated to the latest schema. A QSqlDatabase connection may only be used in
// the thread that opened it, so background work opens its own Database on the
// same path.
class Database
{
public:
    enum class Mode {
        CreateIfMissing, // a new path becomes a new, empty database
        ExistingOnly     // refuse a path that does not exist
    };

    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (and if needed creates and migrates) `path`. Throws nps::Error with a
    // message naming the file when it is not ours, damaged, or from a newer
    // version; such a file is left untouched.
    void open(const QString &path, Mode mode = Mode::CreateIfMissing);
    void close();

    bool isOpen() const;
    QString path() const { return m_path; }
    QSqlDatabase connection() const;
    const SqlDialect &dialect() const;
    int schemaVersion() const;

    // A counter bumped by every change to responses or their attributes, so
    // caches of derived data know when they are stale.
    qint64 dataVersion() const;
    void bumpDataVersion();

    // Per-database settings (the `settings` table).
    QString setting(const QString &key, const QString &fallback = {}) const;
    void setSetting(const QString &key, const QString &value);

private:
    QString m_connectionName;
    QString m_path;
};

} // namespace nps
