#pragma once

#include "query/ResponseFilter.h"

#include <QString>
#include <QVector>

namespace nps {

class Clock;
class Database;

struct SavedView
{
    qint64 id = 0;
    QString name;
    ResponseFilter filter;
    qint64 createdAt = 0; // Unix seconds
};

// Named filters (the `saved_views` table), shared by everyone using the file.
// Names are unique without regard to case; saving an existing name replaces its filter.
class SavedViews
{
public:
    SavedViews(Database &db, const Clock &clock);

    QVector<SavedView> list() const; // by name
    // Throws BadInput when the name is empty after trimming. Returns the view's id.
    qint64 save(const QString &name, const ResponseFilter &filter);
    // False when there is no such view.
    bool remove(const QString &name);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace nps
