#include "ProgressHandler.h"

#include "NativeStatement.h"

#include <sqlite3.h>

namespace nps {

namespace {
// Virtual machine steps between calls: about a tenth of a millisecond of work,
// so the clock check inside keepGoing costs nothing measurable.
constexpr int stepsPerCall = 10000;
} // namespace

ProgressHandler::ProgressHandler(const QSqlDatabase &db, std::function<bool()> keepGoing)
    : m_db(NativeStatement::handleOf(db))
    , m_keepGoing(std::move(keepGoing))
{
    sqlite3_progress_handler(m_db, stepsPerCall, &ProgressHandler::callback, this);
}

ProgressHandler::~ProgressHandler()
{
    sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
}

void ProgressHandler::interrupt(const QSqlDatabase &db)
{
    if (sqlite3 *handle = NativeStatement::handleOf(db))
        sqlite3_interrupt(handle);
}

int ProgressHandler::callback(void *self)
{
    auto *handler = static_cast<ProgressHandler *>(self);
    if (!handler->m_cancelled && !handler->m_keepGoing())
        handler->m_cancelled = true;
    return handler->m_cancelled ? 1 : 0;
}

} // namespace nps
