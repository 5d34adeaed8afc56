#include "NativeStatement.h"

#include "common/Error.h"

#include <QSqlDriver>
#include <QVariant>
#include <sqlite3.h>
#include <utility>

namespace nps {

sqlite3 *NativeStatement::handleOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        throw Error::storage(QStringLiteral("Database error: not an SQLite connection"));
    sqlite3 *native = *static_cast<sqlite3 *const *>(handle.constData());
    if (!native)
        throw Error::storage(QStringLiteral("Database error: the connection is closed"));
    return native;
}

NativeStatement::NativeStatement(const QSqlDatabase &db, const char *statement)
    : m_db(handleOf(db))
{
    if (sqlite3_prepare_v3(m_db, statement, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) !=
        SQLITE_OK) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        throw Error::storage(QStringLiteral("Database error: %1 (in: %2)")
                                 .arg(message, QString::fromUtf8(statement).simplified().left(160)));
    }
}

NativeStatement::~NativeStatement()
{
    sqlite3_finalize(m_statement);
}

NativeStatement::NativeStatement(NativeStatement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_statement(std::exchange(other.m_statement, nullptr))
{
}

NativeStatement &NativeStatement::operator=(NativeStatement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_db = std::exchange(other.m_db, nullptr);
        m_statement = std::exchange(other.m_statement, nullptr);
    }
    return *this;
}

void NativeStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void NativeStatement::bind(int index, const QString &text)
{
    if (text.isEmpty())
        sqlite3_bind_null(m_statement, index);
    else
        sqlite3_bind_text16(m_statement, index, text.utf16(), int(text.size() * 2), SQLITE_STATIC);
}

void NativeStatement::bindText(int index, const QString &text)
{
    static const ushort empty = 0;
    sqlite3_bind_text16(m_statement, index, text.isEmpty() ? &empty : text.utf16(), int(text.size() * 2),
                        SQLITE_STATIC);
}

void NativeStatement::bindUtf8(int index, QByteArrayView utf8)
{
    if (utf8.isEmpty())
        sqlite3_bind_null(m_statement, index);
    else
        sqlite3_bind_text(m_statement, index, utf8.data(), int(utf8.size()), SQLITE_STATIC);
}

void NativeStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

bool NativeStatement::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
    const QString statement = QString::fromUtf8(sqlite3_sql(m_statement)).simplified().left(160);
    sqlite3_reset(m_statement);
    throw Error::storage(QStringLiteral("Database error: %1 (in: %2)").arg(message, statement));
}

void NativeStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

qint64 NativeStatement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

bool NativeStatement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

int NativeStatement::changes() const
{
    return sqlite3_changes(m_db);
}

qint64 NativeStatement::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

} // namespace nps
