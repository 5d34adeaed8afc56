#include "Period.h"

#include <QRegularExpression>

namespace nps {

QString periodKindName(PeriodKind kind)
{
    switch (kind) {
    case PeriodKind::None:
        return QStringLiteral("none");
    case PeriodKind::Month:
        return QStringLiteral("month");
    case PeriodKind::Quarter:
        return QStringLiteral("quarter");
    case PeriodKind::Year:
        return QStringLiteral("year");
    case PeriodKind::Wave:
        return QStringLiteral("wave");
    }
    return QStringLiteral("none");
}

std::optional<PeriodKind> periodKindFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    for (PeriodKind k :
         {PeriodKind::None, PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year, PeriodKind::Wave}) {
        if (n == periodKindName(k))
            return k;
    }
    return std::nullopt;
}

int periodOrdinal(PeriodKind kind, const QDate &date)
{
    switch (kind) {
    case PeriodKind::Month:
        return date.year() * 12 + date.month() - 1;
    case PeriodKind::Quarter:
        return date.year() * 4 + (date.month() - 1) / 3;
    case PeriodKind::Year:
        return date.year();
    case PeriodKind::None:
    case PeriodKind::Wave:
        return 0;
    }
    return 0;
}

QString periodLabel(PeriodKind kind, int ordinal)
{
    switch (kind) {
    case PeriodKind::Month:
        return QStringLiteral("%1-%2").arg(ordinal / 12).arg(ordinal % 12 + 1, 2, 10, QLatin1Char('0'));
    case PeriodKind::Quarter:
        return QStringLiteral("%1Q%2").arg(ordinal / 4).arg(ordinal % 4 + 1);
    case PeriodKind::Year:
        return QString::number(ordinal);
    case PeriodKind::None:
        return QStringLiteral("All");
    case PeriodKind::Wave:
        return QString();
    }
    return QString();
}

std::optional<int> parsePeriod(const QString &text, PeriodKind *kind)
{
    static const QRegularExpression quarter(QStringLiteral("^(\\d{4})\\s*-?\\s*[Qq]([1-4])$"));
    static const QRegularExpression month(QStringLiteral("^(\\d{4})-(\\d{1,2})$"));
    static const QRegularExpression year(QStringLiteral("^(\\d{4})$"));
    const QString t = text.trimmed();
    QRegularExpressionMatch m = quarter.match(t);
    if (m.hasMatch()) {
        *kind = PeriodKind::Quarter;
        return m.captured(1).toInt() * 4 + m.captured(2).toInt() - 1;
    }
    m = month.match(t);
    if (m.hasMatch()) {
        const int mo = m.captured(2).toInt();
        if (mo < 1 || mo > 12)
            return std::nullopt;
        *kind = PeriodKind::Month;
        return m.captured(1).toInt() * 12 + mo - 1;
    }
    m = year.match(t);
    if (m.hasMatch()) {
        *kind = PeriodKind::Year;
        return m.captured(1).toInt();
    }
    return std::nullopt;
}

QDate periodStart(PeriodKind kind, int ordinal)
{
    switch (kind) {
    case PeriodKind::Month:
        return QDate(ordinal / 12, ordinal % 12 + 1, 1);
    case PeriodKind::Quarter:
        return QDate(ordinal / 4, (ordinal % 4) * 3 + 1, 1);
    case PeriodKind::Year:
        return QDate(ordinal, 1, 1);
    case PeriodKind::None:
    case PeriodKind::Wave:
        return QDate();
    }
    return QDate();
}

QDate periodEnd(PeriodKind kind, int ordinal)
{
    switch (kind) {
    case PeriodKind::Month:
        return periodStart(kind, ordinal).addMonths(1).addDays(-1);
    case PeriodKind::Quarter:
        return periodStart(kind, ordinal).addMonths(3).addDays(-1);
    case PeriodKind::Year:
        return QDate(ordinal, 12, 31);
    case PeriodKind::None:
    case PeriodKind::Wave:
        return QDate();
    }
    return QDate();
}

} // namespace nps
