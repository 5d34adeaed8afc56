#include "Transaction.h"

#include "Sql.h"

namespace nps {

Transaction::Transaction(const QSqlDatabase &db)
    : m_db(db)
{
    sql::run(m_db, QStringLiteral("BEGIN IMMEDIATE"));
    m_active = true;
}

Transaction::~Transaction()
{
    if (m_active) {
        QSqlQuery query(m_db);
        query.exec(QStringLiteral("ROLLBACK"));
    }
}

void Transaction::commit()
{
    if (!m_active)
        return;
    sql::run(m_db, QStringLiteral("COMMIT"));
    m_active = false;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    sql::run(m_db, QStringLiteral("ROLLBACK"));
}

} // namespace nps
