#pragma once

#include <QSqlDatabase>

namespace nps::migrations {

// PRAGMA application_id of every .npsdb file ("NPSD"), so a foreign SQLite
// database is told apart from ours.
constexpr int applicationId = 0x4E505344;

// The trigger that keeps comments_fts in step with new responses. A bulk import
// drops it inside its transaction, indexes its comments in one statement (much
// faster than row by row), and creates it again before committing.
QString commentIndexTrigger();

// The schema version this build writes; files from a newer build are refused.
int latestVersion();

// Applies every migration above the file's user_version up to `target`
// (default: latest), each in its own transaction that also bumps user_version.
void migrate(const QSqlDatabase &db, int target = -1);

} // namespace nps::migrations
