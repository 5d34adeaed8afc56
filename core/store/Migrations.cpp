#include "Migrations.h"

#include "Sql.h"
#include "Transaction.h"
#include "common/Error.h"

#include <QStringList>
#include <vector>

namespace nps::migrations {

namespace {

struct Migration
{
    int version;
    const char *summary;
    QStringList statements;
};

// Ordered and append-only: a released migration is never edited, a change is a
// new entry. Each runs in its own transaction together with its user_version.
const std::vector<Migration> &all()
{
    static const std::vector<Migration> list = {
        {1,
         "survey store: waves, respondents, attributes, responses, imports, tags, follow-ups",
         {
             QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"),
             // Per-database preferences shared by the team using this file (SLA hours,
             // time zone, ...); per-user ones live in QSettings.
             QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID"),
             QStringLiteral("CREATE TABLE waves ("
                            " id INTEGER PRIMARY KEY,"
                            " name TEXT NOT NULL UNIQUE,"
                            " kind TEXT NOT NULL DEFAULT 'relational'"
                            "   CHECK (kind IN ('relational', 'transactional')),"
                            " invited INTEGER CHECK (invited IS NULL OR invited >= 0),"
                            " created_at INTEGER NOT NULL)"),
             // A person across files and waves: user id first, else a normalised email,
             // else an anonymous identity of one response.
             QStringLiteral("CREATE TABLE respondents ("
                            " id INTEGER PRIMARY KEY,"
                            " user_id TEXT,"
                            " email TEXT,"
                            " name TEXT,"
                            " created_at INTEGER NOT NULL)"),
             QStringLiteral("CREATE UNIQUE INDEX respondents_user ON respondents (user_id)"
                            " WHERE user_id IS NOT NULL"),
             QStringLiteral("CREATE INDEX respondents_email ON respondents (email) WHERE email IS NOT NULL"),
             QStringLiteral("CREATE TABLE attributes ("
                            " id INTEGER PRIMARY KEY,"
                            " name TEXT NOT NULL UNIQUE COLLATE NOCASE)"),
             QStringLiteral("CREATE TABLE attribute_values ("
                            " id INTEGER PRIMARY KEY,"
                            " attribute_id INTEGER NOT NULL REFERENCES attributes (id) ON DELETE CASCADE,"
                            " value TEXT NOT NULL,"
                            " UNIQUE (attribute_id, value))"),
             // A profile is one combination of attribute values as a respondent had them
             // when answering. Responses point at a profile, so "Pro last year,
             // Enterprise now" stays true for each answer, and thousands of responses
             // share a handful of profiles.
             QStringLiteral("CREATE TABLE profiles (id INTEGER PRIMARY KEY, signature TEXT NOT NULL UNIQUE)"),
             QStringLiteral("CREATE TABLE profile_values ("
                            " profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
                            " attribute_id INTEGER NOT NULL REFERENCES attributes (id),"
                            " value_id INTEGER NOT NULL REFERENCES attribute_values (id),"
                            " PRIMARY KEY (profile_id, attribute_id)) WITHOUT ROWID"),
             QStringLiteral("CREATE INDEX profile_values_value ON profile_values (value_id)"),
             QStringLiteral("CREATE TABLE imports ("
                            " id INTEGER PRIMARY KEY,"
                            " kind TEXT NOT NULL DEFAULT 'responses'"
                            "   CHECK (kind IN ('responses', 'attributes', 'demo')),"
                            " file_name TEXT NOT NULL,"
                            " file_path TEXT,"
                            " file_size INTEGER,"
                            " sha256 TEXT,"
                            " preset TEXT,"
                            " encoding TEXT,"
                            " mapping TEXT,"
                            " warnings TEXT,"
                            " rows_read INTEGER NOT NULL DEFAULT 0,"
                            " imported INTEGER NOT NULL DEFAULT 0,"
                            " duplicates INTEGER NOT NULL DEFAULT 0,"
                            " rejected INTEGER NOT NULL DEFAULT 0,"
                            " started_at INTEGER NOT NULL,"
                            " finished_at INTEGER)"),
             QStringLiteral("CREATE TABLE responses ("
                            " id INTEGER PRIMARY KEY,"
                            " respondent_id INTEGER NOT NULL REFERENCES respondents (id),"
                            " wave_id INTEGER NOT NULL REFERENCES waves (id),"
                            " import_id INTEGER REFERENCES imports (id),"
                            " dedup_key TEXT NOT NULL UNIQUE,"
                            " external_id TEXT,"
                            " submitted_at INTEGER,"
                            " score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),"
                            " comment TEXT,"
                            " source_profile_id INTEGER REFERENCES profiles (id),"
                            " profile_id INTEGER REFERENCES profiles (id),"
                            " active INTEGER CHECK (active IN (0, 1)),"
                            " starred INTEGER NOT NULL DEFAULT 0,"
                            " source_line INTEGER)"),
             QStringLiteral("CREATE INDEX responses_time ON responses (submitted_at)"),
             QStringLiteral("CREATE INDEX responses_respondent ON responses (respondent_id, submitted_at)"),
             // Attributes from a separate CRM file, valid from `as_of`; responses'
             // effective profile_id merges them with the survey file's own values.
             QStringLiteral("CREATE TABLE respondent_attributes ("
                            " respondent_id INTEGER NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,"
                            " attribute_id INTEGER NOT NULL REFERENCES attributes (id),"
                            " value_id INTEGER NOT NULL REFERENCES attribute_values (id),"
                            " as_of INTEGER NOT NULL,"
                            " import_id INTEGER REFERENCES imports (id),"
                            " PRIMARY KEY (respondent_id, attribute_id, as_of)) WITHOUT ROWID"),
             QStringLiteral("CREATE TABLE rejected_rows ("
                            " id INTEGER PRIMARY KEY,"
                            " import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
                            " line INTEGER,"
                            " column_number INTEGER,"
                            " column_name TEXT,"
                            " value TEXT,"
                            " reason TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX rejected_rows_import ON rejected_rows (import_id, line)"),
             // Comment search. External content: the text lives once, in responses.
             QStringLiteral("CREATE VIRTUAL TABLE comments_fts USING fts5 ("
                            " comment, content='responses', content_rowid='id',"
                            " tokenize='unicode61 remove_diacritics 2')"),
             commentIndexTrigger(),
             QStringLiteral("CREATE TRIGGER responses_fts_delete AFTER DELETE ON responses"
                            " WHEN old.comment IS NOT NULL BEGIN"
                            " INSERT INTO comments_fts (comments_fts, rowid, comment)"
                            " VALUES ('delete', old.id, old.comment); END"),
             QStringLiteral("CREATE TRIGGER responses_fts_update AFTER UPDATE OF comment ON responses BEGIN"
                            " INSERT INTO comments_fts (comments_fts, rowid, comment)"
                            "   SELECT 'delete', old.id, old.comment WHERE old.comment IS NOT NULL;"
                            " INSERT INTO comments_fts (rowid, comment)"
                            "   SELECT new.id, new.comment WHERE new.comment IS NOT NULL; END"),
             QStringLiteral("CREATE TABLE tags ("
                            " id INTEGER PRIMARY KEY,"
                            " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                            " color TEXT NOT NULL DEFAULT '#7f8c8d',"
                            " parent_id INTEGER REFERENCES tags (id) ON DELETE SET NULL,"
                            " pinned_slot INTEGER UNIQUE CHECK (pinned_slot BETWEEN 1 AND 9),"
                            " created_at INTEGER NOT NULL)"),
             QStringLiteral("CREATE TABLE response_tags ("
                            " response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,"
                            " tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
                            " source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'rule')),"
                            " created_at INTEGER NOT NULL,"
                            " PRIMARY KEY (response_id, tag_id)) WITHOUT ROWID"),
             QStringLiteral("CREATE INDEX response_tags_tag ON response_tags (tag_id, response_id)"),
             QStringLiteral("CREATE TABLE tag_rules ("
                            " id INTEGER PRIMARY KEY,"
                            " tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
                            " pattern TEXT NOT NULL,"
                            " kind TEXT NOT NULL CHECK (kind IN ('keyword', 'phrase', 'regex')),"
                            " created_at INTEGER NOT NULL,"
                            " last_applied_at INTEGER,"
                            " last_applied_count INTEGER)"),
             QStringLiteral(
                 "CREATE TABLE followups ("
                 " id INTEGER PRIMARY KEY,"
                 " response_id INTEGER NOT NULL UNIQUE REFERENCES responses (id) ON DELETE CASCADE,"
                 " list TEXT NOT NULL DEFAULT 'detractor' CHECK (list IN ('detractor', 'passive')),"
                 " status TEXT NOT NULL DEFAULT 'new'"
                 "   CHECK (status IN ('new', 'contacted', 'resolved', 'wont_fix', 'unreachable')),"
                 " tracked INTEGER NOT NULL DEFAULT 1,"
                 " owner TEXT,"
                 " due_at INTEGER,"
                 " root_cause TEXT,"
                 " created_at INTEGER NOT NULL,"
                 " first_contact_at INTEGER,"
                 " closed_at INTEGER,"
                 " updated_at INTEGER NOT NULL)"),
             QStringLiteral("CREATE INDEX followups_queue ON followups (list, status, due_at)"),
             QStringLiteral(
                 "CREATE TABLE followup_events ("
                 " id INTEGER PRIMARY KEY,"
                 " followup_id INTEGER NOT NULL REFERENCES followups (id) ON DELETE CASCADE,"
                 " at INTEGER NOT NULL,"
                 " actor TEXT,"
                 " kind TEXT NOT NULL CHECK (kind IN ('created', 'status', 'assign', 'note', 'contact')),"
                 " from_status TEXT,"
                 " to_status TEXT,"
                 " text TEXT)"),
             QStringLiteral("CREATE INDEX followup_events_followup ON followup_events (followup_id, at)"),
             QStringLiteral("CREATE TABLE root_causes ("
                            " id INTEGER PRIMARY KEY,"
                            " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                            " position INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("INSERT INTO root_causes (name, position) VALUES"
                            " ('Product gap', 1), ('Bug', 2), ('Pricing', 3), ('Support experience', 4),"
                            " ('Onboarding', 5), ('Other', 6)"),
         }},
        {2,
         "saved views, user benchmark bands and the analysis cache",
         {
             QStringLiteral("CREATE TABLE saved_views ("
                            " id INTEGER PRIMARY KEY,"
                            " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                            " filter TEXT NOT NULL,"
                            " created_at INTEGER NOT NULL)"),
             QStringLiteral("CREATE TABLE benchmarks ("
                            " id INTEGER PRIMARY KEY,"
                            " label TEXT NOT NULL,"
                            " low REAL NOT NULL CHECK (low BETWEEN -100 AND 100),"
                            " high REAL NOT NULL CHECK (high BETWEEN -100 AND 100 AND high >= low),"
                            " position INTEGER NOT NULL DEFAULT 0)"),
             // Derived data that is expensive to rebuild (compact response columns for
             // pivots). Valid only while its data_version equals meta.data_version.
             QStringLiteral("CREATE TABLE analysis_cache ("
                            " key TEXT PRIMARY KEY,"
                            " data_version INTEGER NOT NULL,"
                            " payload BLOB NOT NULL)"),
             QStringLiteral("INSERT OR IGNORE INTO meta (key, value) VALUES ('data_version', '0')"),
         }},
    };
    return list;
}

int userVersion(const QSqlDatabase &db)
{
    return sql::scalar(db, QStringLiteral("PRAGMA user_version"), {}, 0).toInt();
}

} // namespace

QString commentIndexTrigger()
{
    return QStringLiteral("CREATE TRIGGER responses_fts_insert AFTER INSERT ON responses"
                          " WHEN new.comment IS NOT NULL BEGIN"
                          " INSERT INTO comments_fts (rowid, comment) VALUES (new.id, new.comment); END");
}

int latestVersion()
{
    return all().back().version;
}

void migrate(const QSqlDatabase &db, int target)
{
    if (target < 0)
        target = latestVersion();
    for (const Migration &migration : all()) {
        if (migration.version > target)
            break;
        if (migration.version <= userVersion(db))
            continue;
        Transaction transaction(db);
        // Checked again inside the write lock: another process may have migrated
        // the file between our read and the lock.
        if (migration.version <= userVersion(db))
            continue;
        for (const QString &statement : migration.statements)
            sql::run(db, statement);
        if (migration.version == 1)
            sql::run(db, QStringLiteral("PRAGMA application_id = %1").arg(applicationId));
        sql::run(db, QStringLiteral("PRAGMA user_version = %1").arg(migration.version));
        transaction.commit();
    }
}

} // namespace nps::migrations
