#include "SqlDialect.h"

namespace nps {

namespace {

class SqliteDialect final : public SqlDialect
{
public:
    QString upsertMeta() const override
    {
        return QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"
                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    }
    QString upsertSetting() const override
    {
        return QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"
                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    }
    QString commentMatches(const QString &alias) const override
    {
        return QStringLiteral("%1.id IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?)")
            .arg(alias);
    }
};

} // namespace

const SqlDialect &SqlDialect::sqlite()
{
    static const SqliteDialect dialect;
    return dialect;
}

} // namespace nps
