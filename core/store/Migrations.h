#pragma once

#include <QSqlDatabase>

namespace nps::migrations {

// PRAGMA application_id of every .npsdb file ("NPSD"), so a foreign SQLite
// database is told apart from ours.
constexpr int applicationId = 0x4E505344;

// The schema version this build writes; files from a newer build are refused.
int latestVersion();

// Applies every migration above the file's user_version up to `target`
// (default: latest), each in its own transaction that also bumps user_version.
void migrate(const QSqlDatabase &db, int target = -1);

} // namespace nps::migrations
