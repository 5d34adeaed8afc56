#pragma once

#include <QSqlDatabase>
#include <functional>

struct sqlite3;

namespace nps {

// While it lives, SQLite calls `keepGoing` every few thousand steps of the
// running statement, so a single long statement (indexing a million comments)
// still reports progress and can be cancelled: when keepGoing returns false the
// statement stops with an error and cancelled() turns true, for the caller to
// report a cancellation rather than a storage failure.
class ProgressHandler
{
public:
    ProgressHandler(const QSqlDatabase &db, std::function<bool()> keepGoing);
    ~ProgressHandler();
    ProgressHandler(const ProgressHandler &) = delete;
    ProgressHandler &operator=(const ProgressHandler &) = delete;

    bool cancelled() const { return m_cancelled; }

    // Stops the statement running on `db` as soon as SQLite next looks; callable
    // from any thread, which is the point: the caller is not the one stepping.
    static void interrupt(const QSqlDatabase &db);

private:
    static int callback(void *self);

    sqlite3 *m_db;
    std::function<bool()> m_keepGoing;
    bool m_cancelled = false;
};

} // namespace nps
