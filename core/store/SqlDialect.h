#pragma once

#include <QString>

namespace nps {

// The seam for what differs between SQLite and PostgreSQL (team mode): upserts
// and full-text search. Everything else in core is portable SQL.
class SqlDialect
{
public:
    virtual ~SqlDialect() = default;
    static const SqlDialect &sqlite();

    // INSERT-or-replace of a (key, value) pair, two positional bind values.
    virtual QString upsertMeta() const = 0;
    virtual QString upsertSetting() const = 0;

    // A condition on responses (aliased `alias`) that is true when the comment
    // matches the full-text query bound as one positional value.
    virtual QString commentMatches(const QString &alias) const = 0;
};

} // namespace nps
