#pragma once

#include "comments/CommentQuery.h"
#include "export/DataTable.h"

#include <functional>

class QIODevice;

namespace nps {

class Database;

// Comments as every export writes them (the command line's `comments`, the
// reader's Export): one row per response with its score, group, wave, star,
// tags and attributes, newest first.
namespace CommentExport {

QStringList columns();
QVariantList row(const CommentRow &comment);

// Calls `page` with the rows of each keyset page of the filter's comments,
// up to `limit` rows (0: all); memory stays at one page whatever the count.
// Stops early (throwing Error::cancelled()) when `cancelled` returns true.
// Returns how many rows were read.
qint64 forEachPage(Database &db, const CommentFilter &filter, qint64 limit,
                   const std::function<void(const DataTable &page)> &page,
                   const std::function<bool()> &cancelled = {});

// Streams them as CSV (formulas neutralised) to `out`; returns the rows written.
qint64 writeCsv(Database &db, const CommentFilter &filter, QIODevice &out,
                const std::function<bool()> &cancelled = {});

} // namespace CommentExport

} // namespace nps
