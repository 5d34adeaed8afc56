#pragma once

#include <QString>

namespace nps {

class Database;

struct StoreInfo
{
    QString path;
    int schemaVersion = 0;
    qint64 responses = 0;
    qint64 respondents = 0;
    qint64 waves = 0;
    qint64 comments = 0;
    qint64 followups = 0;
    qint64 imports = 0;
    qint64 firstResponseAt = 0; // Unix seconds; 0 when unknown
    qint64 lastResponseAt = 0;

    static StoreInfo read(const Database &db);
};

} // namespace nps
