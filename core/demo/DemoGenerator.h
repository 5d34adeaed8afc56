#pragma once

#include <QDateTime>
#include <QString>

class QRandomGenerator;

namespace nps {

class Clock;
class Database;

struct DemoOptions
{
    int responses = 6000;
    quint32 seed = 2026;
};

struct DemoSummary
{
    int responses = 0;
    int respondents = 0;
    int waves = 0;
};

// Writes a deterministic demo dataset: the same options and the same clock give
// the same rows. Eight quarterly waves ending with the clock's current quarter;
// Enterprise NPS rises and Starter (SMB) falls over them; comments whose themes
// differ between promoters and detractors (a few in Spanish and French);
// inactive respondents who score lower; a few customers who moved up a plan
// between waves; invited counts per wave. One transaction.
class DemoGenerator
{
public:
    DemoGenerator(Database &db, const Clock &clock);
    DemoSummary generate(const DemoOptions &options);

private:
    void seedFollowups(qint64 importId, QRandomGenerator &rng);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace nps
