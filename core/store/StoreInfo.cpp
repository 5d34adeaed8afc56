#include "StoreInfo.h"

#include "Database.h"
#include "Sql.h"

namespace nps {

StoreInfo StoreInfo::read(const Database &db)
{
    const QSqlDatabase c = db.connection();
    StoreInfo info;
    info.path = db.path();
    info.schemaVersion = db.schemaVersion();
    QSqlQuery query = sql::run(c, QStringLiteral("SELECT count(*), count(comment), min(submitted_at),"
                                                 " max(submitted_at) FROM responses"));
    if (query.next()) {
        info.responses = query.value(0).toLongLong();
        info.comments = query.value(1).toLongLong();
        info.firstResponseAt = query.value(2).toLongLong();
        info.lastResponseAt = query.value(3).toLongLong();
    }
    info.respondents = sql::scalar(c, QStringLiteral("SELECT count(*) FROM respondents")).toLongLong();
    info.waves = sql::scalar(c, QStringLiteral("SELECT count(*) FROM waves")).toLongLong();
    info.followups = sql::scalar(c, QStringLiteral("SELECT count(*) FROM followups")).toLongLong();
    info.imports = sql::scalar(c, QStringLiteral("SELECT count(*) FROM imports")).toLongLong();
    return info;
}

} // namespace nps
