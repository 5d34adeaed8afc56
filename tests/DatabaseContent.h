#pragma once

#include "store/Database.h"
#include "store/Sql.h"

#include <QCryptographicHash>
#include <QSqlRecord>
#include <QStringList>

namespace nps::test {

// A digest of every table an import writes, to show that a dry run or a
// cancelled import left the database exactly as it was.
inline QByteArray contentDigest(const QString &path)
{
    Database db;
    db.open(path, Database::Mode::ExistingOnly);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const char *table :
         {"meta", "imports", "respondents", "attributes", "attribute_values", "profiles", "profile_values",
          "respondent_attributes", "responses", "rejected_rows", "waves"}) {
        QSqlQuery query =
            sql::prepare(db.connection(), QStringLiteral("SELECT * FROM %1").arg(QLatin1String(table)));
        sql::exec(query);
        // Sorted as text: WITHOUT ROWID tables have no natural order to rely on.
        QStringList rows;
        while (query.next()) {
            QStringList cells;
            for (int c = 0; c < query.record().count(); ++c)
                cells << (query.value(c).isNull() ? QStringLiteral("<null>") : query.value(c).toString());
            rows << cells.join(QLatin1Char('|'));
        }
        rows.sort();
        hash.addData(QByteArray(table));
        hash.addData(rows.join(QLatin1Char('\n')).toUtf8());
    }
    return hash.result().toHex();
}

} // namespace nps::test
