#include "Clock.h"

namespace nps {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

FixedClock::FixedClock(QDateTime now)
    : m_now(now.toUTC())
{
}

QDateTime FixedClock::now() const
{
    return m_now;
}

void FixedClock::setNow(QDateTime now)
{
    m_now = now.toUTC();
}

void FixedClock::advanceSeconds(qint64 seconds)
{
    m_now = m_now.addSecs(seconds);
}

const Clock &systemClock()
{
    static const SystemClock clock;
    return clock;
}

} // namespace nps
