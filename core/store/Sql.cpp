#include "Sql.h"

#include "common/Error.h"

#include <QSqlError>
#include <QVariant>

namespace nps::sql {

namespace {
QString describe(const QSqlError &error, const QString &statement)
{
    return QStringLiteral("Database error: %1 (in: %2)").arg(error.text(), statement.simplified().left(160));
}
} // namespace

QSqlQuery prepare(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.prepare(statement))
        throw Error::storage(describe(query.lastError(), statement));
    return query;
}

void exec(QSqlQuery &query)
{
    if (!query.exec())
        throw Error::storage(describe(query.lastError(), query.lastQuery()));
}

QSqlQuery run(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery query = prepare(db, statement);
    for (const QVariant &value : values)
        query.addBindValue(value);
    exec(query);
    return query;
}

QVariant scalar(const QSqlDatabase &db, const QString &statement, const QVariantList &values,
                const QVariant &fallback)
{
    QSqlQuery query = run(db, statement, values);
    return query.next() ? query.value(0) : fallback;
}

} // namespace nps::sql
