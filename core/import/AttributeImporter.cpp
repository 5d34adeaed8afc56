#include "AttributeImporter.h"

#include "common/Error.h"
#include "store/Database.h"
#include "store/Sql.h"
#include "store/SurveyWriter.h"
#include "store/Transaction.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QMap>
#include <QSet>
#include <algorithm>

namespace nps {

QJsonObject AttributeImportReport::toJson() const
{
    QJsonArray conflictList;
    for (const AttributeConflict &c : conflicts) {
        QJsonArray lineList;
        for (qint64 l : c.lines)
            lineList.append(l);
        conflictList.append(QJsonObject{{QStringLiteral("key"), c.key},
                                        {QStringLiteral("attribute"), c.attribute},
                                        {QStringLiteral("values"), QJsonArray::fromStringList(c.values)},
                                        {QStringLiteral("lines"), lineList}});
    }
    return QJsonObject{
        {QStringLiteral("import_id"), importId},
        {QStringLiteral("file"), file},
        {QStringLiteral("as_of"), QDateTime::fromSecsSinceEpoch(asOf, Qt::UTC).toString(Qt::ISODate)},
        {QStringLiteral("rows"), rows},
        {QStringLiteral("matched"), matched},
        {QStringLiteral("unmatched"), unmatchedCount},
        {QStringLiteral("unmatched_keys"), QJsonArray::fromStringList(unmatched)},
        {QStringLiteral("conflicts"), conflictList},
        {QStringLiteral("responses_updated"), responsesUpdated}};
}

AttributeImporter::AttributeImporter(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{
}

AttributeImportReport AttributeImporter::run(AttributeSource &source, const AttributeImportOptions &options)
{
    const AttributeKey key = options.key;
    const qint64 asOf = options.asOf;
    // Shares of progressTotal: reading is most of the work on a big file.
    constexpr qint64 joinStart = progressTotal * 6 / 10;
    constexpr qint64 segmentStart = progressTotal * 8 / 10;
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const auto progress = [&](qint64 done, bool force = false) {
        if (!m_progress || (!force && sinceProgress.elapsed() < 50))
            return;
        sinceProgress.restart();
        if (!m_progress(std::min(done, progressTotal), progressTotal))
            throw Error::cancelled();
    };

    AttributeImportReport report;
    report.file = source.fileName();
    report.asOf = asOf;
    const QSqlDatabase c = m_db.connection();
    Transaction transaction(c);
    SurveyWriter writer(m_db, m_clock);
    ImportRecord record;
    record.kind = QStringLiteral("attributes");
    record.fileName = source.fileName();
    record.filePath = source.filePath();
    record.encoding = source.encoding();
    record.mappingJson = source.mappingJson();
    report.importId = writer.startImport(record);

    // Collect first: a key may appear on several lines, and only values that
    // agree across them are stored.
    struct KeyValues
    {
        QMap<QString, QStringList> values; // attribute -> distinct values in file order
        QMap<QString, QVector<qint64>> lines;
    };
    QHash<QString, KeyValues> byKey;
    QStringList keyOrder;
    AttributeRow row;
    while (source.next(row)) {
        ++report.rows;
        if ((report.rows & 255) == 0 && source.totalBytes() > 0)
            progress(joinStart * source.bytesRead() / source.totalBytes());
        const QString k =
            key == AttributeKey::Email ? SurveyWriter::normalisedEmail(row.key) : row.key.trimmed();
        if (k.isEmpty())
            continue;
        auto it = byKey.find(k);
        if (it == byKey.end()) {
            it = byKey.insert(k, {});
            keyOrder << k;
        }
        for (const auto &[name, value] : row.attributes) {
            const QString v = value.trimmed();
            if (v.isEmpty())
                continue;
            QStringList &list = it->values[name];
            if (!list.contains(v))
                list << v;
            it->lines[name] << row.line;
        }
    }

    QSqlQuery find = sql::prepare(c, key == AttributeKey::Email
                                         ? QStringLiteral("SELECT id FROM respondents WHERE email = ?")
                                         : QStringLiteral("SELECT id FROM respondents WHERE user_id = ?"));
    QSqlQuery store =
        sql::prepare(c, QStringLiteral("INSERT INTO respondent_attributes (respondent_id, attribute_id,"
                                       " value_id, as_of, import_id) VALUES (?, ?, ?, ?, ?)"
                                       " ON CONFLICT (respondent_id, attribute_id, as_of)"
                                       " DO UPDATE SET value_id = excluded.value_id,"
                                       " import_id = excluded.import_id"));
    QSet<qint64> touched;
    for (qsizetype i = 0; i < keyOrder.size(); ++i) {
        if ((i & 255) == 0)
            progress(joinStart + (segmentStart - joinStart) * i / keyOrder.size());
        const QString &k = keyOrder.at(i);
        const KeyValues &kv = byKey[k];
        QVector<qint64> respondents;
        find.addBindValue(k);
        sql::exec(find);
        while (find.next())
            respondents << find.value(0).toLongLong();
        find.finish();
        if (respondents.isEmpty()) {
            ++report.unmatchedCount;
            if (report.unmatched.size() < 100)
                report.unmatched << k;
            continue;
        }
        ++report.matched;
        for (auto it = kv.values.cbegin(); it != kv.values.cend(); ++it) {
            if (it.value().size() > 1) {
                report.conflicts.append({k, it.key(), it.value(), kv.lines.value(it.key())});
                continue;
            }
            const qint64 attribute = writer.attributeId(it.key());
            const qint64 value = writer.valueId(attribute, it.value().constFirst());
            for (qint64 respondent : respondents) {
                store.addBindValue(respondent);
                store.addBindValue(attribute);
                store.addBindValue(value);
                store.addBindValue(asOf);
                store.addBindValue(report.importId);
                sql::exec(store);
                touched.insert(respondent);
            }
        }
    }

    // Recompute the effective profile of every response of the touched respondents.
    QSqlQuery responses = sql::prepare(
        c,
        QStringLiteral("SELECT id, submitted_at, source_profile_id FROM responses WHERE respondent_id = ?"));
    QSqlQuery sourceValues = sql::prepare(
        c, QStringLiteral("SELECT attribute_id, value_id FROM profile_values WHERE profile_id = ?"));
    QSqlQuery snapshots =
        sql::prepare(c, QStringLiteral("SELECT attribute_id, value_id, as_of FROM respondent_attributes"
                                       " WHERE respondent_id = ? ORDER BY attribute_id, as_of"));
    QSqlQuery update = sql::prepare(c, QStringLiteral("UPDATE responses SET profile_id = ? WHERE id = ?"
                                                      " AND profile_id IS NOT ?"));
    qint64 segmented = 0;
    for (qint64 respondent : std::as_const(touched)) {
        if ((segmented++ & 63) == 0)
            progress(segmentStart + (progressTotal - segmentStart) * segmented / touched.size());
        struct Snapshot
        {
            qint64 attribute, value, asOf;
        };
        QVector<Snapshot> snaps;
        snapshots.addBindValue(respondent);
        sql::exec(snapshots);
        while (snapshots.next())
            snaps.append({snapshots.value(0).toLongLong(), snapshots.value(1).toLongLong(),
                          snapshots.value(2).toLongLong()});
        snapshots.finish();

        struct ResponseRow
        {
            qint64 id;
            std::optional<qint64> at;
            qint64 sourceProfile;
        };
        QVector<ResponseRow> rows;
        responses.addBindValue(respondent);
        sql::exec(responses);
        while (responses.next())
            rows.append({responses.value(0).toLongLong(),
                         responses.value(1).isNull() ? std::nullopt
                                                     : std::optional<qint64>(responses.value(1).toLongLong()),
                         responses.value(2).toLongLong()});
        responses.finish();

        for (const ResponseRow &r : rows) {
            QMap<qint64, qint64> effective; // attribute -> value
            // Snapshots are ordered by attribute, then as_of: per attribute, the
            // last one at or before the response, else the first one after.
            for (int i = 0; i < snaps.size(); ++i) {
                const Snapshot &s = snaps[i];
                const bool firstOfAttribute = i == 0 || snaps[i - 1].attribute != s.attribute;
                if (firstOfAttribute || !r.at || s.asOf <= *r.at)
                    effective[s.attribute] = s.value;
            }
            if (r.sourceProfile > 0) {
                sourceValues.addBindValue(r.sourceProfile);
                sql::exec(sourceValues);
                while (sourceValues.next())
                    effective[sourceValues.value(0).toLongLong()] = sourceValues.value(1).toLongLong();
                sourceValues.finish();
            }
            QVector<std::pair<qint64, qint64>> pairs;
            for (auto it = effective.cbegin(); it != effective.cend(); ++it)
                pairs.append({it.key(), it.value()});
            const qint64 profile = writer.profileFor(pairs);
            update.addBindValue(profile > 0 ? QVariant(profile) : QVariant());
            update.addBindValue(r.id);
            update.addBindValue(profile > 0 ? QVariant(profile) : QVariant());
            sql::exec(update);
            report.responsesUpdated += update.numRowsAffected();
        }
    }

    QStringList warnings;
    if (!report.conflicts.isEmpty())
        warnings << QStringLiteral("%1 conflicting values were not stored").arg(report.conflicts.size());
    if (report.unmatchedCount > 0)
        warnings << QStringLiteral("%1 keys matched no respondent").arg(report.unmatchedCount);
    writer.finishImport(report.importId, ImportCounts{report.rows, report.matched, 0, report.unmatchedCount},
                        warnings);
    if (report.responsesUpdated > 0)
        m_db.bumpDataVersion();
    // The last chance to cancel: after this the attributes are written.
    progress(progressTotal, true);
    if (options.dryRun) {
        report.importId = 0;
        transaction.rollback();
        return report;
    }
    transaction.commit();
    return report;
}

} // namespace nps
