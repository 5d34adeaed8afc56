#pragma once

#include <QDate>
#include <QString>
#include <optional>

namespace nps {

// How answers are grouped in time. Calendar periods are UTC.
enum class PeriodKind { None, Month, Quarter, Year, Wave };
QString periodKindName(PeriodKind kind); // none | month | quarter | year | wave
std::optional<PeriodKind> periodKindFromName(const QString &name);

// A calendar period as an ordinal that sorts in time (year * 12 + month - 1 for
// months, year * 4 + quarter - 1 for quarters, the year for years).
int periodOrdinal(PeriodKind kind, const QDate &date);
// "2026-07", "2026Q3", "2026" for the ordinal of that kind.
QString periodLabel(PeriodKind kind, int ordinal);
// Parses "2026Q3" / "2026-q3", "2026-07", "2026"; sets *kind to what was written.
std::optional<int> parsePeriod(const QString &text, PeriodKind *kind);
// First and last day of a calendar period.
QDate periodStart(PeriodKind kind, int ordinal);
QDate periodEnd(PeriodKind kind, int ordinal);

} // namespace nps
