#include "SurveyWriter.h"

#include "Database.h"
#include "Sql.h"
#include "common/Error.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace nps {

QString waveKindName(WaveKind kind)
{
    return kind == WaveKind::Transactional ? QStringLiteral("transactional") : QStringLiteral("relational");
}

std::optional<WaveKind> waveKindFromName(const QString &name)
{
    if (name.compare(QLatin1String("relational"), Qt::CaseInsensitive) == 0)
        return WaveKind::Relational;
    if (name.compare(QLatin1String("transactional"), Qt::CaseInsensitive) == 0)
        return WaveKind::Transactional;
    return std::nullopt;
}

SurveyWriter::SurveyWriter(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{
    const QSqlDatabase c = db.connection();
    m_insertResponse = sql::prepare(
        c, QStringLiteral(
               "INSERT OR IGNORE INTO responses (respondent_id, wave_id, import_id, dedup_key, external_id,"
               " submitted_at, score, comment, source_profile_id, profile_id, active, source_line)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    m_insertRespondent = sql::prepare(
        c, QStringLiteral("INSERT INTO respondents (user_id, email, name, created_at) VALUES (?, ?, ?, ?)"));
    m_findByUser = sql::prepare(c, QStringLiteral("SELECT id FROM respondents WHERE user_id = ?"));
    m_findByEmail =
        sql::prepare(c, QStringLiteral("SELECT id FROM respondents WHERE email = ? ORDER BY id LIMIT 1"));
    m_deleteRespondent = sql::prepare(c, QStringLiteral("DELETE FROM respondents WHERE id = ?"));
    m_insertValue = sql::prepare(
        c, QStringLiteral("INSERT OR IGNORE INTO attribute_values (attribute_id, value) VALUES (?, ?)"));
    m_findValue = sql::prepare(
        c, QStringLiteral("SELECT id FROM attribute_values WHERE attribute_id = ? AND value = ?"));
    m_insertProfile =
        sql::prepare(c, QStringLiteral("INSERT OR IGNORE INTO profiles (signature) VALUES (?)"));
    m_findProfile = sql::prepare(c, QStringLiteral("SELECT id FROM profiles WHERE signature = ?"));
    m_insertProfileValue = sql::prepare(
        c, QStringLiteral(
               "INSERT OR IGNORE INTO profile_values (profile_id, attribute_id, value_id) VALUES (?, ?, ?)"));
    m_insertRejected =
        sql::prepare(c, QStringLiteral("INSERT INTO rejected_rows (import_id, line, column_number,"
                                       " column_name, value, reason) VALUES (?, ?, ?, ?, ?, ?)"));
}

qint64 SurveyWriter::ensureWave(const QString &name, WaveKind kind)
{
    const QSqlDatabase c = m_db.connection();
    const QVariant existing = sql::scalar(c, QStringLiteral("SELECT id FROM waves WHERE name = ?"), {name});
    if (existing.isValid())
        return existing.toLongLong();
    QSqlQuery insert =
        sql::run(c, QStringLiteral("INSERT INTO waves (name, kind, created_at) VALUES (?, ?, ?)"),
                 {name, waveKindName(kind), m_clock.now().toSecsSinceEpoch()});
    return insert.lastInsertId().toLongLong();
}

qint64 SurveyWriter::startImport(const ImportRecord &r)
{
    QSqlQuery insert =
        sql::run(m_db.connection(),
                 QStringLiteral("INSERT INTO imports (kind, file_name, file_path, file_size, sha256,"
                                " preset, encoding, mapping, started_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {r.kind, r.fileName, r.filePath, r.fileSize, r.sha256, r.preset, r.encoding, r.mappingJson,
                  m_clock.now().toSecsSinceEpoch()});
    return insert.lastInsertId().toLongLong();
}

void SurveyWriter::finishImport(qint64 importId, const ImportCounts &counts, const QStringList &warnings)
{
    const QString warningsJson =
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(warnings)).toJson(QJsonDocument::Compact));
    sql::run(m_db.connection(),
             QStringLiteral("UPDATE imports SET rows_read = ?, imported = ?, duplicates = ?, rejected = ?,"
                            " warnings = ?, finished_at = ? WHERE id = ?"),
             {counts.rowsRead, counts.imported, counts.duplicates, counts.rejected, warningsJson,
              m_clock.now().toSecsSinceEpoch(), importId});
    if (counts.imported > 0)
        m_db.bumpDataVersion();
}

void SurveyWriter::setImportHash(qint64 importId, const QString &sha256)
{
    sql::run(m_db.connection(), QStringLiteral("UPDATE imports SET sha256 = ? WHERE id = ?"),
             {sha256, importId});
}

QString SurveyWriter::normalisedEmail(const QString &email)
{
    return email.trimmed().toLower();
}

QString SurveyWriter::contentKey(const QString &respondentKey, std::optional<qint64> submittedAt, int score,
                                 const QString &comment)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(respondentKey.toUtf8());
    hash.addData(QByteArrayView("\x1f", 1));
    hash.addData(submittedAt ? QByteArray::number(*submittedAt) : QByteArray("-"));
    hash.addData(QByteArrayView("\x1f", 1));
    hash.addData(QByteArray::number(score));
    hash.addData(QByteArrayView("\x1f", 1));
    hash.addData(comment.toUtf8());
    return QStringLiteral("c:") + QString::fromLatin1(hash.result().toHex().left(32));
}

qint64 SurveyWriter::respondentFor(const ResponseRecord &record, bool *created)
{
    if (created)
        *created = false;
    const QString userId = record.userId.trimmed();
    const QString email = normalisedEmail(record.email);
    // User id first, else email; an identity seen once is cached for the rest of
    // the import, and looked up in the database only when it may exist there.
    const bool byUser = !userId.isEmpty();
    QHash<QString, qint64> &cache = byUser ? m_respondentsByUser : m_respondentsByEmail;
    const QString &key = byUser ? userId : email;
    if (!key.isEmpty()) {
        if (const auto it = cache.constFind(key); it != cache.cend())
            return it.value();
        if (!m_knownRespondentsOnly) {
            QSqlQuery &find = byUser ? m_findByUser : m_findByEmail;
            find.addBindValue(key);
            sql::exec(find);
            const bool found = find.next();
            const qint64 id = found ? find.value(0).toLongLong() : 0;
            find.finish();
            if (found) {
                cache.insert(key, id);
                return id;
            }
        }
    }
    m_insertRespondent.addBindValue(userId.isEmpty() ? QVariant() : QVariant(userId));
    m_insertRespondent.addBindValue(email.isEmpty() ? QVariant() : QVariant(email));
    m_insertRespondent.addBindValue(record.name.trimmed().isEmpty() ? QVariant()
                                                                    : QVariant(record.name.trimmed()));
    m_insertRespondent.addBindValue(m_nowSecs);
    sql::exec(m_insertRespondent);
    const qint64 id = m_insertRespondent.lastInsertId().toLongLong();
    if (!key.isEmpty())
        cache.insert(key, id);
    if (created)
        *created = true;
    return id;
}

qint64 SurveyWriter::attributeId(const QString &name)
{
    if (const auto it = m_attributesVerbatim.constFind(name); it != m_attributesVerbatim.cend())
        return it.value();
    const QString key = name.trimmed().toLower();
    qint64 id = m_attributes.value(key);
    if (id == 0) {
        const QSqlDatabase c = m_db.connection();
        sql::run(c, QStringLiteral("INSERT OR IGNORE INTO attributes (name) VALUES (?)"), {name.trimmed()});
        id = sql::scalar(c, QStringLiteral("SELECT id FROM attributes WHERE name = ?"), {name.trimmed()})
                 .toLongLong();
        m_attributes.insert(key, id);
    }
    m_attributesVerbatim.insert(name, id);
    return id;
}

qint64 SurveyWriter::valueId(qint64 attribute, const QString &value)
{
    QHash<QString, qint64> &values = m_values[attribute];
    if (const auto it = values.constFind(value); it != values.cend())
        return it.value();
    m_insertValue.addBindValue(attribute);
    m_insertValue.addBindValue(value);
    sql::exec(m_insertValue);
    m_findValue.addBindValue(attribute);
    m_findValue.addBindValue(value);
    sql::exec(m_findValue);
    if (!m_findValue.next())
        throw Error::storage(QStringLiteral("attribute value vanished while importing"));
    const qint64 id = m_findValue.value(0).toLongLong();
    m_findValue.finish();
    values.insert(value, id);
    return id;
}

qint64 SurveyWriter::profileFor(QVector<std::pair<qint64, qint64>> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const QByteArray key(reinterpret_cast<const char *>(values.constData()),
                         values.size() * qsizetype(sizeof(std::pair<qint64, qint64>)));
    if (const auto it = m_profiles.constFind(key); it != m_profiles.cend())
        return it.value();
    QString signature;
    for (const auto &[attribute, value] : values) {
        if (!signature.isEmpty())
            signature += QLatin1Char(',');
        signature += QString::number(attribute) + QLatin1Char(':') + QString::number(value);
    }
    m_insertProfile.addBindValue(signature);
    sql::exec(m_insertProfile);
    m_findProfile.addBindValue(signature);
    sql::exec(m_findProfile);
    if (!m_findProfile.next())
        throw Error::storage(QStringLiteral("profile vanished while importing"));
    const qint64 id = m_findProfile.value(0).toLongLong();
    m_findProfile.finish();
    for (const auto &[attribute, value] : values) {
        m_insertProfileValue.addBindValue(id);
        m_insertProfileValue.addBindValue(attribute);
        m_insertProfileValue.addBindValue(value);
        sql::exec(m_insertProfileValue);
    }
    m_profiles.insert(key, id);
    return id;
}

SurveyWriter::Outcome SurveyWriter::add(qint64 waveId, qint64 importId, const ResponseRecord &r,
                                        qint64 *responseId)
{
    if (r.score < 0 || r.score > 10)
        throw Error::badInput(QStringLiteral("score %1 is outside 0-10").arg(r.score));
    bool createdRespondent = false;
    const qint64 respondent = respondentFor(r, &createdRespondent);

    m_scratch.clear();
    for (const auto &[name, value] : r.attributes) {
        const QString trimmed = value.trimmed();
        if (trimmed.isEmpty())
            continue;
        const qint64 attribute = attributeId(name);
        m_scratch.append({attribute, valueId(attribute, trimmed)});
    }
    const qint64 profile = profileFor(m_scratch);

    QString dedupKey;
    const QString externalId = r.externalId.trimmed();
    if (!externalId.isEmpty()) {
        dedupKey = QStringLiteral("id:") + externalId;
    } else {
        const QString userId = r.userId.trimmed();
        const QString respondentKey = !userId.isEmpty() ? QStringLiteral("u:") + userId
                                                        : QStringLiteral("e:") + normalisedEmail(r.email);
        dedupKey = contentKey(respondentKey, r.submittedAt, r.score, r.comment);
    }
    const QVariant profileValue = profile > 0 ? QVariant(profile) : QVariant();
    const QString comment = r.comment.trimmed();
    m_insertResponse.addBindValue(respondent);
    m_insertResponse.addBindValue(waveId);
    m_insertResponse.addBindValue(importId > 0 ? QVariant(importId) : QVariant());
    m_insertResponse.addBindValue(dedupKey);
    m_insertResponse.addBindValue(externalId.isEmpty() ? QVariant() : QVariant(externalId));
    m_insertResponse.addBindValue(r.submittedAt ? QVariant(*r.submittedAt) : QVariant());
    m_insertResponse.addBindValue(r.score);
    m_insertResponse.addBindValue(comment.isEmpty() ? QVariant() : QVariant(comment));
    m_insertResponse.addBindValue(profileValue);
    m_insertResponse.addBindValue(profileValue);
    m_insertResponse.addBindValue(r.active ? QVariant(*r.active ? 1 : 0) : QVariant());
    m_insertResponse.addBindValue(r.sourceLine > 0 ? QVariant(r.sourceLine) : QVariant());
    sql::exec(m_insertResponse);
    if (m_insertResponse.numRowsAffected() == 0) {
        if (createdRespondent && r.userId.trimmed().isEmpty() && normalisedEmail(r.email).isEmpty()) {
            // An anonymous identity exists only for its one response.
            m_deleteRespondent.addBindValue(respondent);
            sql::exec(m_deleteRespondent);
        }
        return Outcome::Duplicate;
    }
    if (responseId)
        *responseId = m_insertResponse.lastInsertId().toLongLong();
    return Outcome::Added;
}

void SurveyWriter::addRejected(qint64 importId, qint64 line, int column, const QString &columnName,
                               const QString &value, const QString &reason)
{
    m_insertRejected.addBindValue(importId);
    m_insertRejected.addBindValue(line > 0 ? QVariant(line) : QVariant());
    m_insertRejected.addBindValue(column > 0 ? QVariant(column) : QVariant());
    m_insertRejected.addBindValue(columnName.isEmpty() ? QVariant() : QVariant(columnName));
    m_insertRejected.addBindValue(value);
    m_insertRejected.addBindValue(reason);
    sql::exec(m_insertRejected);
}

} // namespace nps
