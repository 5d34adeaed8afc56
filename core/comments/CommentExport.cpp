#include "CommentExport.h"

#include "common/Error.h"

#include <QDateTime>
#include <QIODevice>

namespace nps::CommentExport {

QStringList columns()
{
    return {QStringLiteral("id"),    QStringLiteral("submitted_at"), QStringLiteral("score"),
            QStringLiteral("group"), QStringLiteral("wave"),         QStringLiteral("starred"),
            QStringLiteral("tags"),  QStringLiteral("attributes"),   QStringLiteral("comment")};
}

QVariantList row(const CommentRow &comment)
{
    QStringList tags, attributes;
    for (const TagRef &t : comment.tags)
        tags << t.name;
    for (const auto &a : comment.attributes)
        attributes << QStringLiteral("%1=%2").arg(a.first, a.second);
    return {comment.id,
            comment.submittedAt
                ? QDateTime::fromSecsSinceEpoch(*comment.submittedAt, Qt::UTC).toString(Qt::ISODate)
                : QString(),
            comment.score,
            npsGroupName(npsGroupOf(comment.score)),
            comment.wave,
            comment.starred,
            tags.join(QStringLiteral("; ")),
            attributes.join(QStringLiteral("; ")),
            comment.comment};
}

qint64 forEachPage(Database &db, const CommentFilter &filter, qint64 limit,
                   const std::function<void(const DataTable &page)> &page,
                   const std::function<bool()> &cancelled)
{
    CommentQuery query(db);
    qint64 before = 0;
    qint64 written = 0;
    while (limit == 0 || written < limit) {
        if (cancelled && cancelled())
            throw Error::cancelled();
        const int pageSize = int(limit == 0 ? 1000 : std::min<qint64>(1000, limit - written));
        const QVector<CommentRow> rows = query.page(filter, before, pageSize);
        DataTable table;
        table.columns = columns();
        for (const CommentRow &comment : rows) {
            table.addRow(row(comment));
            before = comment.id;
        }
        written += rows.size();
        page(table);
        if (rows.size() < pageSize)
            break;
    }
    return written;
}

qint64 writeCsv(Database &db, const CommentFilter &filter, QIODevice &out,
                const std::function<bool()> &cancelled)
{
    bool first = true;
    return forEachPage(
        db, filter, 0,
        [&](const DataTable &page) {
            QByteArray csv = page.toCsv();
            if (!first)
                csv.remove(0, csv.indexOf('\n') + 1); // the header once
            first = false;
            if (out.write(csv) != csv.size())
                throw Error::storage(QStringLiteral("cannot write the comments: %1").arg(out.errorString()));
        },
        cancelled);
}

} // namespace nps::CommentExport
