#include "CommentListModel.h"

#include "common/BackgroundTask.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QPoint>
#include <QThread>

namespace nps::ui {

CommentListModel::CommentListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void CommentListModel::setQuery(const QString &databasePath, const CommentFilter &filter)
{
    beginResetModel();
    m_path = databasePath;
    m_filter = filter;
    m_terms = parseSearch(filter.search).terms;
    m_rows.clear();
    m_hasMore = !databasePath.isEmpty();
    m_loading = false;
    ++m_generation; // results of older queries are dropped when they arrive
    endResetModel();
    if (m_hasMore)
        load();
}

void CommentListModel::load()
{
    if (m_loading || !m_hasMore)
        return;
    m_loading = true;
    const quint64 generation = m_generation;
    const CommentFilter filter = m_filter;
    const qint64 before = m_rows.isEmpty() ? 0 : m_rows.constLast().id;
    runInBackground<QVector<CommentRow>>(
        this, m_path,
        [filter, before](Database &db) { return CommentQuery(db).page(filter, before, pageSize); },
        [this, generation](const QVector<CommentRow> &rows) {
            if (generation != m_generation)
                return;
            m_loading = false;
            m_hasMore = rows.size() == pageSize;
            if (!rows.isEmpty()) {
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
                m_rows += rows;
                endInsertRows();
            }
            emit pageLoaded();
        },
        [this, generation](const QString &message) {
            if (generation != m_generation)
                return;
            m_loading = false;
            m_hasMore = false;
            emit loadFailed(message);
        });
}

void CommentListModel::waitForPage()
{
    while (m_loading) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(1);
    }
}

int CommentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant CommentListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() != 0)
        return {};
    const CommentRow &r = m_rows.at(index.row());
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

bool CommentListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_loading;
}

void CommentListModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        load();
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
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int CommentListModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

const CommentRow *CommentListModel::rowData(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

void CommentListModel::rowsChanged(const QVector<qint64> &ids)
{
    for (qint64 id : ids) {
        const int row = rowOf(id);
        if (row >= 0)
            emit dataChanged(index(row), index(row));
    }
}

void CommentListModel::setTag(const QVector<qint64> &ids, const TagRef &tag, bool present)
{
    for (qint64 id : ids) {
        const int row = rowOf(id);
        if (row < 0)
            continue;
        QVector<TagRef> &tags = m_rows[row].tags;
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
    }
    rowsChanged(ids);
}

void CommentListModel::setStarred(const QVector<qint64> &ids, bool starred)
{
    for (qint64 id : ids) {
        const int row = rowOf(id);
        if (row >= 0)
            m_rows[row].starred = starred;
    }
    rowsChanged(ids);
}

void CommentListModel::renameTag(qint64 tagId, const QString &name, const QString &color)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        for (TagRef &t : m_rows[i].tags) {
            if (t.id == tagId) {
                t.name = name;
                t.color = color;
                emit dataChanged(index(i), index(i));
            }
        }
    }
}

} // namespace nps::ui
