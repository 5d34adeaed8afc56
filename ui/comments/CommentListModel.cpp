#include "CommentListModel.h"

#include "common/BackgroundTask.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QPoint>
#include <QThread>
#include <algorithm>

namespace nps::ui {

namespace {

// Rows a user edits stay listed until the filter changes (see keep in
// CommentQuery). Past this many, after a bulk edit of a huge selection, the
// list follows the database instead: the statement binds each id.
constexpr int maxKept = 1000;

} // namespace

CommentListModel::CommentListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

CommentListModel::~CommentListModel() = default;

void CommentListModel::setQuery(const QString &databasePath, const CommentFilter &filter)
{
    beginResetModel();
    if (databasePath != m_path)
        m_db.reset();
    m_path = databasePath;
    m_filter = filter;
    m_terms = parseSearch(filter.search).terms;
    m_index.reset();
    m_pages.clear();
    m_rowOfId.clear();
    m_wanted.clear();
    m_kept.clear();
    m_fetching = -1;
    m_indexing = false;
    m_locate = 0;
    m_peakRows = 0;
    ++m_generation; // results of older queries are dropped when they arrive
    endResetModel();
    if (m_path.isEmpty())
        return;
    // The first page is one short read, the index a walk over every match:
    // both start now, so the newest rows show before the count is known.
    want(0);
    fetchNext();
    fetchIndex();
}

bool CommentListModel::isLoading() const
{
    return m_indexing || m_fetching >= 0 || m_scheduled || !m_wanted.isEmpty();
}

void CommentListModel::waitForPage()
{
    const QDeadlineTimer deadline(60000);
    while (isLoading() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (isLoading())
            QThread::msleep(1);
    }
}

void CommentListModel::want(int page) const
{
    if (m_pages.contains(page) || page == m_fetching || (!m_index && page != 0))
        return;
    m_wanted.removeOne(page);
    m_wanted.append(page);
    // Pages asked for and scrolled past before their turn are not read.
    if (m_wanted.size() > maxPages)
        m_wanted.removeFirst();
    if (!m_scheduled) {
        m_scheduled = true;
        // data() is const and may run inside a paint: the read starts from the event loop.
        auto *self = const_cast<CommentListModel *>(this);
        QMetaObject::invokeMethod(
            self, [self]() { self->fetchNext(); }, Qt::QueuedConnection);
    }
}

void CommentListModel::fetchNext()
{
    m_scheduled = false;
    // One read at a time, the most recently wanted page first: while the
    // scroll bar is dragged, only pages still wanted when a read ends are read.
    // While a fresh index is being read, page bounds are not to be trusted.
    if (m_fetching >= 0 || m_path.isEmpty() || (m_index && m_indexing))
        return;
    while (!m_wanted.isEmpty() && m_pages.contains(m_wanted.constLast()))
        m_wanted.removeLast();
    if (m_wanted.isEmpty())
        return;
    const int page = m_wanted.takeLast();
    m_fetching = page;
    const quint64 generation = m_generation;
    const CommentFilter filter = m_filter;
    const QVector<qint64> keep(m_kept.cbegin(), m_kept.cend());
    // Before the index is in, page 0 is the newest matches. After, a page is
    // its id range, read with one row to spare to notice that it has grown.
    const IdRange range = m_index ? m_index->bounds(page) : IdRange{};
    const int limit = m_index ? m_index->rowsIn(page) + 1 : pageSize;
    runInBackground<QVector<CommentRow>>(
        this, m_path,
        [filter, range, limit, keep](Database &db) {
            return CommentQuery(db).rows(filter, range, limit, keep);
        },
        [this, generation, page](const QVector<CommentRow> &rows) {
            if (generation == m_generation)
                pageArrived(page, rows);
        },
        [this, generation](const QString &message) {
            if (generation == m_generation)
                failed(message);
        });
}

void CommentListModel::fetchIndex()
{
    m_indexing = true;
    const quint64 generation = m_generation;
    const CommentFilter filter = m_filter;
    const QVector<qint64> keep(m_kept.cbegin(), m_kept.cend());
    runInBackground<CommentPageIndex>(
        this, m_path,
        [filter, keep](Database &db) { return CommentQuery(db).pageIndex(filter, pageSize, keep); },
        [this, generation](const CommentPageIndex &index) {
            if (generation == m_generation)
                indexArrived(index);
        },
        [this, generation](const QString &message) {
            if (generation == m_generation)
                failed(message);
        });
}

void CommentListModel::pageArrived(int page, const QVector<CommentRow> &rows)
{
    m_fetching = -1;
    if (!m_index) {
        // The first page, ahead of the index.
        if (!rows.isEmpty()) {
            beginInsertRows({}, 0, int(rows.size()) - 1);
            store(0, rows);
            endInsertRows();
        }
    } else if (rows.size() != m_index->rowsIn(page) ||
               (!rows.isEmpty() && rows.constFirst().id != m_index->firstIds.at(page))) {
        // Rows were added, deleted or re-tagged elsewhere since the index was
        // read: row numbers would no longer be stable, so read it again.
        fetchIndex();
        return;
    } else if (!rows.isEmpty()) {
        store(page, rows);
        const int first = page * pageSize;
        emit dataChanged(index(first), index(first + int(rows.size()) - 1));
    }
    emit pageLoaded();
    tryLocate();
    fetchNext();
}

void CommentListModel::indexArrived(const CommentPageIndex &index)
{
    m_indexing = false;
    const auto first = m_pages.constFind(0);
    const bool firstPageFits =
        first == m_pages.cend() ||
        (first->rows.size() == index.rowsIn(0) && first->rows.constFirst().id == index.firstIds.value(0));
    if (!m_index && firstPageFits) {
        const int shown = rowCount();
        if (index.total > shown) {
            beginInsertRows({}, shown, int(index.total) - 1);
            m_index = index;
            endInsertRows();
        } else {
            m_index = index;
        }
    } else {
        emit aboutToRebuild();
        beginResetModel();
        m_index = index;
        m_pages.clear();
        m_rowOfId.clear();
        endResetModel();
    }
    emit countKnown(index.total);
    tryLocate();
    fetchNext();
}

void CommentListModel::store(int page, const QVector<CommentRow> &rows)
{
    m_pages.insert(page, Page{rows, ++m_useClock});
    for (int i = 0; i < rows.size(); ++i)
        m_rowOfId.insert(rows.at(i).id, page * pageSize + i);
    while (m_pages.size() > maxPages) {
        auto oldest = m_pages.end();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it.key() != page && (oldest == m_pages.end() || it->used < oldest->used))
                oldest = it;
        }
        for (const CommentRow &row : std::as_const(oldest->rows))
            m_rowOfId.remove(row.id);
        m_pages.erase(oldest);
    }
    m_peakRows = std::max(m_peakRows, cachedRowCount());
}

void CommentListModel::failed(const QString &message)
{
    m_indexing = false;
    m_fetching = -1;
    m_wanted.clear();
    emit loadFailed(message);
}

int CommentListModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    if (m_index)
        return int(m_index->total);
    const auto first = m_pages.constFind(0);
    return first == m_pages.cend() ? 0 : int(first->rows.size());
}

int CommentListModel::cachedRowCount() const
{
    int n = 0;
    for (const Page &page : std::as_const(m_pages))
        n += int(page.rows.size());
    return n;
}

const CommentRow *CommentListModel::rowData(int row) const
{
    if (row < 0)
        return nullptr;
    const auto page = m_pages.find(row / pageSize);
    if (page == m_pages.end() || row % pageSize >= page->rows.size())
        return nullptr;
    page->used = ++m_useClock;
    return &page->rows.at(row % pageSize);
}

QVariant CommentListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() != 0 || index.row() >= rowCount())
        return {};
    const CommentRow *found = rowData(index.row());
    if (!found) {
        want(index.row() / pageSize);
        return {};
    }
    const CommentRow &r = *found;
    switch (role) {
    case Qt::DisplayRole:
    case CommentRole:
        return r.comment;
    case Qt::ToolTipRole:
        return QStringLiteral("Score %1, %2").arg(r.score).arg(npsGroupName(npsGroupOf(r.score)));
    case IdRole:
        return r.id;
    case ScoreRole:
        return r.score;
    case GroupRole:
        return int(npsGroupOf(r.score));
    case DateRole:
        return r.submittedAt ? QDateTime::fromSecsSinceEpoch(*r.submittedAt, Qt::UTC) : QDateTime();
    case WaveRole:
        return r.wave;
    case AttributesRole: {
        QStringList list;
        for (const auto &a : r.attributes)
            list << QStringLiteral("%1: %2").arg(a.first, a.second);
        return list;
    }
    case TagsRole: {
        QVariantList list;
        for (const TagRef &t : r.tags)
            list << QVariantMap{{QStringLiteral("id"), t.id},
                                {QStringLiteral("name"), t.name},
                                {QStringLiteral("color"), t.color}};
        return list;
    }
    case StarredRole:
        return r.starred;
    case HitsRole: {
        QVariantList list;
        for (const auto &hit : searchHits(r.comment, m_terms))
            list << QPoint(hit.first, hit.second);
        return list;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> CommentListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(ScoreRole, "score");
    names.insert(GroupRole, "group");
    names.insert(CommentRole, "comment");
    names.insert(DateRole, "date");
    names.insert(WaveRole, "wave");
    names.insert(AttributesRole, "attributes");
    names.insert(TagsRole, "tags");
    names.insert(StarredRole, "starred");
    names.insert(HitsRole, "hits");
    return names;
}

qint64 CommentListModel::idAt(int row) const
{
    const CommentRow *r = rowData(row);
    return r ? r->id : 0;
}

CommentRow *CommentListModel::findRow(qint64 id, int *row) const
{
    const int at = m_rowOfId.value(id, -1);
    if (at < 0)
        return nullptr;
    if (row)
        *row = at;
    return &m_pages[at / pageSize].rows[at % pageSize];
}

int CommentListModel::rowOf(qint64 id) const
{
    int row = -1;
    findRow(id, &row);
    return row;
}

Database &CommentListModel::connection()
{
    if (!m_db) {
        auto db = std::make_unique<Database>();
        db->open(m_path, Database::Mode::ExistingOnly);
        m_db = std::move(db);
    }
    return *m_db;
}

QVector<qint64> CommentListModel::idsOfRows(int first, int last)
{
    QVector<qint64> ids;
    first = std::max(first, 0);
    last = std::min(last, rowCount() - 1);
    if (first > last)
        return ids;
    const int firstPage = first / pageSize;
    const int lastPage = last / pageSize;
    bool loaded = true;
    for (int page = firstPage; page <= lastPage && loaded; ++page)
        loaded = m_pages.contains(page);
    if (loaded || !m_index) {
        for (int row = first; row <= last; ++row)
            ids.append(idAt(row));
        return ids;
    }
    // One read of the span's ids. They line up with the rows as long as the
    // index holds, and the rows edited here are kept as they are in the pages.
    const IdRange range{m_index->bounds(lastPage).low, m_index->bounds(firstPage).high};
    QVector<qint64> span;
    try {
        span =
            CommentQuery(connection()).ids(m_filter, range, QVector<qint64>(m_kept.cbegin(), m_kept.cend()));
    } catch (const Error &error) {
        emit loadFailed(error.message());
        return ids;
    }
    const int count = last - first + 1;
    ids = span.mid(first - firstPage * pageSize, count);
    return ids;
}

void CommentListModel::locate(qint64 id)
{
    // From the event loop: a caller about to see a reset (aboutToRebuild)
    // gets its answer from the rows after it.
    m_locate = id;
    QMetaObject::invokeMethod(
        this, [this]() { tryLocate(); }, Qt::QueuedConnection);
}

void CommentListModel::tryLocate()
{
    if (m_locate <= 0)
        return;
    const qint64 id = m_locate;
    int row = -1;
    if (!findRow(id, &row)) {
        if (!m_index)
            return; // the first page did not have it: wait for the index
        const int page = m_index->pageOf(id);
        if (page >= 0 && !m_pages.contains(page)) {
            want(page);
            return;
        }
        row = -1;
    }
    m_locate = 0;
    emit located(id, row);
}

void CommentListModel::keep(qint64 id)
{
    if (m_kept.size() < maxKept)
        m_kept.insert(id);
}

void CommentListModel::setTag(const QVector<qint64> &ids, const TagRef &tag, bool present)
{
    for (qint64 id : ids) {
        int row = -1;
        CommentRow *r = findRow(id, &row);
        if (!r)
            continue;
        QVector<TagRef> &tags = r->tags;
        const auto it =
            std::find_if(tags.begin(), tags.end(), [&](const TagRef &t) { return t.id == tag.id; });
        if (present && it == tags.end()) {
            tags.append(tag);
            std::sort(tags.begin(), tags.end(), [](const TagRef &a, const TagRef &b) {
                return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
            });
        } else if (!present && it != tags.end()) {
            tags.erase(it);
        }
        keep(id);
        emit dataChanged(index(row), index(row));
    }
}

void CommentListModel::setStarred(const QVector<qint64> &ids, bool starred)
{
    for (qint64 id : ids) {
        int row = -1;
        if (CommentRow *r = findRow(id, &row)) {
            r->starred = starred;
            keep(id);
            emit dataChanged(index(row), index(row));
        }
    }
}

void CommentListModel::renameTag(qint64 tagId, const QString &name, const QString &color)
{
    for (auto page = m_pages.begin(); page != m_pages.end(); ++page) {
        for (int i = 0; i < page->rows.size(); ++i) {
            for (TagRef &t : page->rows[i].tags) {
                if (t.id == tagId) {
                    t.name = name;
                    t.color = color;
                    const int row = page.key() * pageSize + i;
                    emit dataChanged(index(row), index(row));
                }
            }
        }
    }
}

} // namespace nps::ui
