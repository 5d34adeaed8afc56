#include "Deadline.h"

#include "store/Database.h"

#include <QDateTime>
#include <QStringList>

namespace nps {

SlaSettings SlaSettings::load(const Database &db)
{
    SlaSettings s;
    bool ok = false;
    const int hours = db.setting(QStringLiteral("sla_hours"), QStringLiteral("48")).toInt(&ok);
    if (ok && hours > 0)
        s.hours = hours;
    s.businessDaysOnly = db.setting(QStringLiteral("sla_business_days")) == QLatin1String("1");
    const QString days = db.setting(QStringLiteral("sla_working_days"));
    if (!days.isEmpty()) {
        QList<int> parsed;
        for (const QString &d : days.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const int day = d.toInt(&ok);
            if (ok && day >= 1 && day <= 7)
                parsed << day;
        }
        if (!parsed.isEmpty())
            s.workingDays = parsed;
    }
    const QTimeZone zone(db.setting(QStringLiteral("sla_time_zone"), QStringLiteral("UTC")).toUtf8());
    if (zone.isValid())
        s.zone = zone;
    const QString cutoff = db.setting(QStringLiteral("sla_untracked_before"));
    if (!cutoff.isEmpty())
        s.untrackedBefore = cutoff.toLongLong();
    s.includePassives = db.setting(QStringLiteral("followup_passives")) == QLatin1String("1");
    return s;
}

void SlaSettings::save(Database &db) const
{
    db.setSetting(QStringLiteral("sla_hours"), QString::number(hours));
    db.setSetting(QStringLiteral("sla_business_days"),
                  businessDaysOnly ? QStringLiteral("1") : QStringLiteral("0"));
    QStringList days;
    for (int d : workingDays)
        days << QString::number(d);
    db.setSetting(QStringLiteral("sla_working_days"), days.join(QLatin1Char(',')));
    db.setSetting(QStringLiteral("sla_time_zone"), QString::fromUtf8(zone.id()));
    db.setSetting(QStringLiteral("sla_untracked_before"),
                  untrackedBefore ? QString::number(*untrackedBefore) : QString());
    db.setSetting(QStringLiteral("followup_passives"),
                  includePassives ? QStringLiteral("1") : QStringLiteral("0"));
}

qint64 deadlineFor(qint64 submittedUtc, const SlaSettings &sla)
{
    const qint64 budget = qint64(sla.hours) * 3600;
    if (!sla.businessDaysOnly || sla.workingDays.isEmpty())
        return submittedUtc + budget;
    QDateTime t = QDateTime::fromSecsSinceEpoch(submittedUtc, sla.zone);
    qint64 remaining = budget;
    // Walk day by day in local time; at most a few weeks for any sane SLA.
    for (int guard = 0; guard < 3660; ++guard) {
        const QDate day = t.date();
        const QDateTime nextMidnight(day.addDays(1), QTime(0, 0), sla.zone);
        if (sla.workingDays.contains(day.dayOfWeek())) {
            const qint64 available = t.secsTo(nextMidnight);
            if (remaining <= available)
                return t.toSecsSinceEpoch() + remaining;
            remaining -= available;
        }
        t = nextMidnight;
    }
    return submittedUtc + budget;
}

std::optional<FollowupEntry> followupEntryFor(int score, std::optional<qint64> submittedAt, qint64 now,
                                              const SlaSettings &sla)
{
    const bool detractor = score <= 6;
    if (!detractor && !(sla.includePassives && score <= 8))
        return std::nullopt;
    const qint64 submitted = submittedAt.value_or(now);
    FollowupEntry entry;
    entry.list = detractor ? "detractor" : "passive";
    // Passives and history from before the cut-off keep no deadline: they are
    // for reading, not work against the SLA.
    entry.tracked = detractor && (!sla.untrackedBefore || submitted >= *sla.untrackedBefore);
    if (entry.tracked)
        entry.dueAt = deadlineFor(submitted, sla);
    return entry;
}

} // namespace nps
