#pragma once

#include "store/SurveyWriter.h"

#include <QDate>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <optional>

namespace nps {

// Which responses a screen, a command or an export looks at. Shared by every
// screen (the filter bar), the command line (--from --to --wave --kind --where
// --active-only) and saved views (JSON).
struct ResponseFilter
{
    std::optional<QDate> from; // inclusive, UTC calendar day of submitted_at
    std::optional<QDate> to;   // inclusive
    QStringList waves;         // wave names, OR-ed
    std::optional<WaveKind> kind;
    QMap<QString, QStringList> attributes; // attribute -> values: values OR-ed, attributes AND-ed
    bool activeOnly = false;               // exclude responses marked inactive (unknown stays in)
    bool hasComment = false;
    QStringList tags; // any of these tag names

    bool isEmpty() const;
    bool operator==(const ResponseFilter &other) const;
    bool operator!=(const ResponseFilter &other) const { return !(*this == other); }

    // "Plan = Enterprise, Pro; 2026-01-01 to 2026-03-31; active only", or
    // "All responses". Used on screens and as the footnote of exports.
    QString describe() const;

    QString toJson() const;
    static ResponseFilter fromJson(const QString &json, bool *ok = nullptr);

    // Parses "ATTR=VALUE" (the --where option) into `attributes`; false when malformed.
    bool addWhere(const QString &expression);
};

// A WHERE fragment over `responses` aliased `alias`, with its positional values.
struct SqlCondition
{
    QString where; // "1" when the filter is empty
    QVariantList values;
};

SqlCondition buildCondition(const ResponseFilter &filter, const QString &alias = QStringLiteral("r"));

// First and one-past-last Unix second of the filter's date range (UTC).
std::optional<qint64> filterStartSecs(const ResponseFilter &filter);
std::optional<qint64> filterEndSecs(const ResponseFilter &filter);

} // namespace nps
