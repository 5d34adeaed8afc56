#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace nps::sql {

// Prepares `statement` on `db`, throwing nps::Error (Storage) with the driver's
// message when it does not compile. Every statement in core goes through here.
QSqlQuery prepare(const QSqlDatabase &db, const QString &statement);

// Executes a prepared query, throwing nps::Error (Storage) on failure.
void exec(QSqlQuery &query);

// Prepares, binds positionally and executes in one call; for one-off statements.
QSqlQuery run(const QSqlDatabase &db, const QString &statement, const QVariantList &values = {});

// The first column of the first row, or `fallback` when there is no row.
QVariant scalar(const QSqlDatabase &db, const QString &statement, const QVariantList &values = {},
                const QVariant &fallback = {});

} // namespace nps::sql
