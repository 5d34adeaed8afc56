#pragma once

#include <QByteArrayView>
#include <QSqlDatabase>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace nps {

// A statement prepared directly on the SQLite handle under a QSqlDatabase
// connection, for the few loops that run a million times (the import's
// inserts). QSqlQuery costs more per row than SQLite itself: every bind goes
// through a QVariant and a generated placeholder name. Shares the
// connection's transaction and thread rules; everything else in core stays on
// QtSql.
//
// Bound text is not copied: it must stay alive and unchanged until step().
class NativeStatement
{
public:
    NativeStatement(const QSqlDatabase &db, const char *statement);
    ~NativeStatement();
    NativeStatement(NativeStatement &&other) noexcept;
    NativeStatement &operator=(NativeStatement &&other) noexcept;
    NativeStatement(const NativeStatement &) = delete;
    NativeStatement &operator=(const NativeStatement &) = delete;

    // Parameters are numbered from 1, as in SQLite.
    void bind(int index, qint64 value);
    void bind(int index, const QString &text);     // empty text binds NULL
    void bindText(int index, const QString &text); // empty text binds ''
    void bindUtf8(int index, QByteArrayView utf8);
    void bindNull(int index);

    // Runs the statement; true while it yields a row. Throws nps::Error
    // (Storage) on failure, with SQLite's message and the statement.
    bool step();
    // Ready for the next bindings; clears the previous ones.
    void reset();

    qint64 columnInt64(int column) const; // NULL reads as 0
    bool columnIsNull(int column) const;
    int changes() const;
    qint64 lastInsertRowId() const;

    // The SQLite handle of a QtSql connection to an SQLite database.
    static sqlite3 *handleOf(const QSqlDatabase &db);

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
};

} // namespace nps
