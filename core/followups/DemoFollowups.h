#pragma once

#include <QtGlobal>

namespace nps {

class Clock;
class Database;

// Gives the demo database a lived-in follow-up queue: detractors queued (and
// the passive list), owners, notes, contacts and closures with root causes for
// older items, a few left overdue, recent ones new or contacted so some are
// due soon relative to the clock. Runs inside the demo generator's
// transaction; deterministic for a seed and a clock.
void generateDemoFollowups(Database &db, const Clock &clock, qint64 importId, quint32 seed);

} // namespace nps
