#pragma once

#include "comments/CommentQuery.h"
#include "comments/CommentSearch.h"

#include <QAbstractListModel>
#include <QVector>

namespace nps::ui {

// The comments of a filter, loaded lazily in keyset pages off the GUI thread:
// the view asks canFetchMore()/fetchMore() as it scrolls, and only the pages
// scrolled through are ever held.
class CommentListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        ScoreRole,      // int
        GroupRole,      // int (NpsGroup)
        CommentRole,    // QString
        DateRole,       // QDateTime, invalid when unknown
        WaveRole,       // QString
        AttributesRole, // QStringList "Name: value"
        TagsRole,       // QVariantList of QVariantMap {id, name, color}
        StarredRole,    // bool
        HitsRole,       // QVariantList of QPoint(start, length): search hits in the comment
    };

    explicit CommentListModel(QObject *parent = nullptr);

    static constexpr int pageSize = 100;

    // Starts over with a new database and filter; the first page loads in the background.
    void setQuery(const QString &databasePath, const CommentFilter &filter);
    const CommentFilter &filter() const { return m_filter; }
    bool isLoading() const { return m_loading; }
    // Processes events until the pending page has arrived (tests, screenshots).
    void waitForPage();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

    qint64 idAt(int row) const;
    int rowOf(qint64 id) const;
    const CommentRow *rowData(int row) const;

    // Local updates after an edit, so the list does not reload.
    void setTag(const QVector<qint64> &ids, const TagRef &tag, bool present);
    void setStarred(const QVector<qint64> &ids, bool starred);
    void renameTag(qint64 tagId, const QString &name, const QString &color);

signals:
    void pageLoaded();
    void loadFailed(const QString &message);

private:
    void load();
    void rowsChanged(const QVector<qint64> &ids);

    QString m_path;
    CommentFilter m_filter;
    QVector<SearchTerm> m_terms;
    QVector<CommentRow> m_rows;
    bool m_loading = false;
    bool m_hasMore = false;
    quint64 m_generation = 0;
};

} // namespace nps::ui
