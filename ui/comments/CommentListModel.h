#pragma once

#include "comments/CommentQuery.h"
#include "comments/CommentSearch.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSet>
#include <QVector>
#include <memory>
#include <optional>

namespace nps {
class Database;
}

namespace nps::ui {

// The comments of a filter as a window onto the database: rowCount() is every
// match (so the scroll bar spans the whole result), but only a few pages of
// rows are held at a time. A page is read off the GUI thread when a row of it
// is first asked for, located through the filter's page index (one id per
// page, see CommentPageIndex) so a page deep in a million matches costs what
// the first one does; the page used longest ago is dropped when more than
// `maxPages` are held. Rows are identified by response id: callers keep ids,
// not rows, across reloads.
class CommentListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64; invalid while the row's page is not loaded
        ScoreRole,                 // int
        GroupRole,                 // int (NpsGroup)
        CommentRole,               // QString
        DateRole,                  // QDateTime, invalid when unknown
        WaveRole,                  // QString
        AttributesRole,            // QStringList "Name: value"
        TagsRole,                  // QVariantList of QVariantMap {id, name, color}
        StarredRole,               // bool
        HitsRole,                  // QVariantList of QPoint(start, length): search hits in the comment
    };

    explicit CommentListModel(QObject *parent = nullptr);
    ~CommentListModel() override;

    static constexpr int pageSize = 200;
    static constexpr int maxPages = 6;
    static constexpr int maxCachedRows = pageSize * maxPages;

    // Starts over with a new database and filter. The first page and the page
    // index load in the background; until the index is in, rowCount() is the
    // first page.
    void setQuery(const QString &databasePath, const CommentFilter &filter);
    const CommentFilter &filter() const { return m_filter; }
    // Every match, -1 until the page index is in.
    qint64 totalCount() const { return m_index ? m_index->total : -1; }
    bool isLoading() const;
    // Processes events until nothing is being read (tests, screenshots).
    void waitForPage();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool isRowLoaded(int row) const { return rowData(row) != nullptr; }
    int cachedRowCount() const;
    int peakCachedRowCount() const { return m_peakRows; }

    qint64 idAt(int row) const; // 0 while the row's page is not loaded
    int rowOf(qint64 id) const; // among the loaded rows, -1 elsewhere
    const CommentRow *rowData(int row) const;
    // The ids of rows first..last in order; pages not loaded are read here,
    // ids only (a selection can span more than the window holds).
    QVector<qint64> idsOfRows(int first, int last);
    // Finds the row of a response (loading its page when needed) and emits
    // located(id, row) later, with row -1 when it is not in the list.
    void locate(qint64 id);

    // Local updates after an edit, so the list does not reload. Edited rows
    // stay listed until the filter changes, even when they no longer match.
    void setTag(const QVector<qint64> &ids, const TagRef &tag, bool present);
    void setStarred(const QVector<qint64> &ids, bool starred);
    void renameTag(qint64 tagId, const QString &name, const QString &color);

signals:
    void pageLoaded();
    void countKnown(qint64 total);
    void located(qint64 id, int row);
    // The rows no longer matched the database (edited elsewhere): the model is
    // about to reset onto a fresh index. Remember the current id now.
    void aboutToRebuild();
    void loadFailed(const QString &message);

private:
    struct Page
    {
        QVector<CommentRow> rows;
        quint64 used = 0;
    };

    void want(int page) const;
    void fetchNext();
    void fetchIndex();
    void pageArrived(int page, const QVector<CommentRow> &rows);
    void indexArrived(const CommentPageIndex &index);
    void store(int page, const QVector<CommentRow> &rows);
    void tryLocate();
    void failed(const QString &message);
    void keep(qint64 id);
    CommentRow *findRow(qint64 id, int *row = nullptr) const;
    Database &connection();

    QString m_path;
    CommentFilter m_filter;
    QVector<SearchTerm> m_terms;
    std::optional<CommentPageIndex> m_index;
    mutable QHash<int, Page> m_pages;
    QHash<qint64, int> m_rowOfId; // the loaded rows
    mutable quint64 m_useClock = 0;
    mutable QVector<int> m_wanted; // pages asked for, most recent last
    mutable bool m_scheduled = false;
    int m_fetching = -1;
    bool m_indexing = false;
    QSet<qint64> m_kept;
    qint64 m_locate = 0;
    int m_peakRows = 0;
    quint64 m_generation = 0;
    std::unique_ptr<Database> m_db; // GUI-thread connection for idsOfRows()
};

} // namespace nps::ui
