#pragma once

#include <QDateTime>

namespace nps {

// Everything that reads the time asks a Clock, so deadlines and "now"-relative
// views can be tested and scripted (`--now`) deterministically.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // always UTC
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
};

class FixedClock final : public Clock
{
public:
    explicit FixedClock(QDateTime now);
    QDateTime now() const override;
    void setNow(QDateTime now);
    void advanceSeconds(qint64 seconds);

private:
    QDateTime m_now;
};

// The process-wide default, a SystemClock. Services take a `const Clock &` so
// tests pass a FixedClock instead.
const Clock &systemClock();

} // namespace nps
