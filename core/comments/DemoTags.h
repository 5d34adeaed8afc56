#pragma once

namespace nps {

class Clock;
class Database;

// The demo's tags: a few pinned themes with colours, one parent with sub-tags,
// rules for each (keyword, phrase and regex) applied to the comments, and a
// handful of starred quotes. Runs inside the demo generator's transaction.
void addDemoTags(Database &db, const Clock &clock);

} // namespace nps
