#pragma once

#include <QSqlDatabase>

namespace nps {

// The one RAII transaction guard. Begins IMMEDIATE so a writer takes the write
// lock up front (waiting out the busy timeout) instead of failing at its first
// write; rolls back unless commit() was called, so an exception or a
// cancellation leaves the file exactly as before.
class Transaction
{
public:
    explicit Transaction(const QSqlDatabase &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();
    void rollback();
    bool isActive() const { return m_active; }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace nps
