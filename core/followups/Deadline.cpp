#include "Deadline.h"

#include "common/Error.h"
#include "store/Database.h"

#include <QStringList>

namespace nps {

namespace {
const QString keyHours = QStringLiteral("followups.sla_hours");
const QString keyBusiness = QStringLiteral("followups.business_hours");
const QString keyDays = QStringLiteral("followups.working_days");
const QString keyZone = QStringLiteral("followups.time_zone");
const QString keyCutoff = QStringLiteral("followups.track_cutoff_days");
const QString keyPassives = QStringLiteral("followups.enqueue_passives");
} // namespace

SlaSettings SlaSettings::load(const Database &db)
{
    SlaSettings s;
    s.hours = db.setting(keyHours, QStringLiteral("48")).toInt();
    if (s.hours <= 0)
        s.hours = 48;
    s.businessHours = db.setting(keyBusiness, QStringLiteral("0")) == QLatin1String("1");
    const QStringList days =
        db.setting(keyDays, QStringLiteral("1,2,3,4,5")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    s.workingDays.clear();
    for (const QString &d : days) {
        const int n = d.trimmed().toInt();
        if (n >= 1 && n <= 7)
            s.workingDays.append(n);
    }
    s.timeZone = db.setting(keyZone, QStringLiteral("UTC")).toUtf8();
    if (!QTimeZone(s.timeZone).isValid())
        s.timeZone = "UTC";
    s.trackCutoffDays = std::max(0, db.setting(keyCutoff, QStringLiteral("0")).toInt());
    s.enqueuePassives = db.setting(keyPassives, QStringLiteral("0")) == QLatin1String("1");
    return s;
}

void SlaSettings::save(Database &db) const
{
    if (hours <= 0)
        throw Error::badInput(QStringLiteral("the SLA must be at least one hour"));
    if (!QTimeZone(timeZone).isValid())
        throw Error::badInput(QStringLiteral("unknown time zone '%1'").arg(QString::fromUtf8(timeZone)));
    if (businessHours && workingDays.isEmpty())
        throw Error::badInput(QStringLiteral("business hours need at least one working day"));
    QStringList days;
    for (int d : workingDays)
        days << QString::number(d);
    db.setSetting(keyHours, QString::number(hours));
    db.setSetting(keyBusiness, businessHours ? QStringLiteral("1") : QStringLiteral("0"));
    db.setSetting(keyDays, days.join(QLatin1Char(',')));
    db.setSetting(keyZone, QString::fromUtf8(timeZone));
    db.setSetting(keyCutoff, QString::number(trackCutoffDays));
    db.setSetting(keyPassives, enqueuePassives ? QStringLiteral("1") : QStringLiteral("0"));
}

DeadlineCalculator::DeadlineCalculator(SlaSettings settings)
    : m_settings(std::move(settings))
    , m_zone(m_settings.timeZone)
{
    if (!m_zone.isValid())
        m_zone = QTimeZone::utc();
}

qint64 DeadlineCalculator::nextMidnight(qint64 secs, QDate *day)
{
    const QDateTime local = QDateTime::fromSecsSinceEpoch(secs, m_zone);
    *day = local.date();
    // startOfDay handles zones whose midnight does not exist on a DST day.
    return local.date().addDays(1).startOfDay(m_zone).toSecsSinceEpoch();
}

qint64 DeadlineCalculator::deadline(qint64 submittedSecs)
{
    qint64 remaining = qint64(m_settings.hours) * 3600;
    if (!m_settings.businessHours || m_settings.workingDays.isEmpty())
        return submittedSecs + remaining;
    qint64 at = submittedSecs;
    // Bounded: at most a year of days even with one working day a week.
    for (int guard = 0; guard < 4000; ++guard) {
        QDate day;
        const qint64 end = nextMidnight(at, &day);
        if (m_settings.workingDays.contains(day.dayOfWeek())) {
            if (at + remaining <= end)
                return at + remaining;
            remaining -= end - at;
        }
        at = end;
    }
    return at;
}

QDateTime computeDeadline(const QDateTime &submitted, const SlaSettings &settings)
{
    DeadlineCalculator calculator(settings);
    return QDateTime::fromSecsSinceEpoch(calculator.deadline(submitted.toSecsSinceEpoch()), Qt::UTC);
}

} // namespace nps
