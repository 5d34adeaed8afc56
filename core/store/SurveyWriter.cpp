#include "SurveyWriter.h"

#include "Database.h"
#include "ResponseInterner.h"
#include "Sql.h"
#include "common/Digest.h"
#include "common/Error.h"

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
    , m_insertResponse(db.connection(),
                       "INSERT OR IGNORE INTO responses (respondent_id, wave_id, import_id, dedup_key,"
                       " external_id, submitted_at, score, comment, source_profile_id, profile_id, active,"
                       " source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11)")
    , m_insertRespondent(db.connection(),
                         "INSERT INTO respondents (user_id, email, name, created_at) VALUES (?, ?, ?, ?)")
    , m_findByUser(db.connection(), "SELECT id FROM respondents WHERE user_id = ?")
    , m_findByEmail(db.connection(), "SELECT id FROM respondents WHERE email = ? ORDER BY id LIMIT 1")
    , m_deleteRespondent(db.connection(), "DELETE FROM respondents WHERE id = ?")
    , m_insertRejected(db.connection(), "INSERT INTO rejected_rows (import_id, line, column_number,"
                                        " column_name, value, reason) VALUES (?, ?, ?, ?, ?, ?)")
{
    const QSqlDatabase c = db.connection();
    m_nowSecs = clock.now().toSecsSinceEpoch();
    // Into a file without respondents, every identity this writer meets is one
    // it created, so the caches answer alone and the lookups are skipped.
    m_knownRespondentsOnly =
        !sql::scalar(c, QStringLiteral("SELECT EXISTS (SELECT 1 FROM respondents)")).toBool();
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
    Digest hash(Digest::Algorithm::Sha1);
    hash.addData(respondentKey.toUtf8());
    hash.addData(QByteArrayView("\x1f", 1));
    hash.addData(submittedAt ? QByteArray::number(*submittedAt) : QByteArray("-"));
    hash.addData(QByteArrayView("\x1f", 1));
    hash.addData(QByteArray::number(score));
    hash.addData(QByteArrayView("\x1f", 1));
    hash.addData(comment.toUtf8());
    return QStringLiteral("c:") + QString::fromLatin1(hash.result().toHex().left(32));
}

void SurveyWriter::normalise(ResponseRecord &r)
{
    if (r.normalised)
        return;
    r.externalId = r.externalId.trimmed();
    r.userId = r.userId.trimmed();
    r.email = normalisedEmail(r.email);
    r.name = r.name.trimmed();
    if (!r.externalId.isEmpty()) {
        r.dedupKey = QLatin1String("id:") + r.externalId;
    } else {
        const QString respondentKey =
            !r.userId.isEmpty() ? QLatin1String("u:") + r.userId : QLatin1String("e:") + r.email;
        // Hashes the comment as read, before trimming: keys already stored in
        // users' files were made that way.
        r.dedupKey = contentKey(respondentKey, r.submittedAt, r.score, r.comment);
    }
    r.comment = r.comment.trimmed();
    for (auto it = r.attributes.begin(); it != r.attributes.end();) {
        it->second = it->second.trimmed();
        it = it->second.isEmpty() ? r.attributes.erase(it) : it + 1;
    }
    r.normalised = true;
}

qint64 SurveyWriter::respondentFor(const ResponseRecord &record, bool *created)
{
    if (created)
        *created = false;
    const QString userId = record.normalised ? record.userId : record.userId.trimmed();
    const QString email = record.normalised ? record.email : normalisedEmail(record.email);
    // User id first, else email; an identity seen once is cached for the rest of
    // the import, and looked up in the database only when it may exist there.
    const bool byUser = !userId.isEmpty();
    QHash<QString, qint64> &cache = byUser ? m_respondentsByUser : m_respondentsByEmail;
    const QString &key = byUser ? userId : email;
    if (!key.isEmpty()) {
        if (const auto it = cache.constFind(key); it != cache.cend())
            return it.value();
        if (!m_knownRespondentsOnly || m_uncachedRespondents) {
            NativeStatement &find = byUser ? m_findByUser : m_findByEmail;
            find.bind(1, key);
            const bool found = find.step();
            const qint64 id = found ? find.columnInt64(0) : 0;
            find.reset();
            if (found) {
                cache.insert(key, id);
                return id;
            }
        }
    }
    const qint64 id =
        insertRespondent(userId, email, record.normalised ? record.name : record.name.trimmed());
    if (!key.isEmpty())
        cache.insert(key, id);
    if (created)
        *created = true;
    return id;
}

qint64 SurveyWriter::insertRespondent(const QString &userId, const QString &email, const QString &name)
{
    m_insertRespondent.bind(1, userId);
    m_insertRespondent.bind(2, email);
    m_insertRespondent.bind(3, name);
    m_insertRespondent.bind(4, m_nowSecs);
    m_insertRespondent.step();
    m_insertRespondent.reset();
    return m_insertRespondent.lastInsertRowId();
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

qint64 SurveyWriter::profileOf(const ResponseRecord &record)
{
    m_scratch.clear();
    for (const auto &[name, value] : record.attributes) {
        const qint64 attribute = attributeId(name);
        m_scratch.append({attribute, valueId(attribute, value)});
    }
    return profileFor(m_scratch);
}

qint64 SurveyWriter::firstSightOfSlot(const ResponseRecord &record, bool *created)
{
    if (!m_knownRespondentsOnly)
        return respondentFor(record, created);
    // The file had no respondents and the interner numbers each identity once,
    // so this one is new, unless a record added without a slot made it first.
    const bool byUser = !record.userId.isEmpty();
    const QHash<QString, qint64> &cache = byUser ? m_respondentsByUser : m_respondentsByEmail;
    if (const auto it = cache.constFind(byUser ? record.userId : record.email); it != cache.cend()) {
        *created = false;
        return it.value();
    }
    m_uncachedRespondents = true;
    *created = true;
    return insertRespondent(record.userId, record.email, record.name);
}

SurveyWriter::Outcome SurveyWriter::add(qint64 waveId, qint64 importId, const ResponseRecord &record,
                                        qint64 *responseId)
{
    ResponseRecord copy;
    if (!record.normalised) {
        copy = record;
        normalise(copy);
    }
    const ResponseRecord &r = record.normalised ? record : copy;
    if (r.score < 0 || r.score > 10)
        throw Error::badInput(QStringLiteral("score %1 is outside 0-10").arg(r.score));
    PreparedResponse prepared;
    prepared.setText(r);
    bool createdRespondent = false;
    WrittenResponse written;
    written.respondentId = respondentFor(r, &createdRespondent);
    written.profileId = profileOf(r);
    const Outcome outcome = insert(waveId, importId, r, prepared, createdRespondent, written);
    if (responseId && outcome == Outcome::Added)
        *responseId = written.id;
    return outcome;
}

SurveyWriter::Outcome SurveyWriter::add(qint64 waveId, qint64 importId, const ResponseRecord &record,
                                        const PreparedResponse &prepared, WrittenResponse *written)
{
    Q_ASSERT(record.normalised);
    if (record.score < 0 || record.score > 10)
        throw Error::badInput(QStringLiteral("score %1 is outside 0-10").arg(record.score));
    bool createdRespondent = false;
    qint64 respondent = 0;
    if (prepared.respondentSlot < 0) {
        respondent = respondentFor(record, &createdRespondent);
    } else {
        const auto slot = size_t(prepared.respondentSlot);
        if (slot >= m_respondentBySlot.size())
            m_respondentBySlot.resize(slot + 1, 0);
        if (m_respondentBySlot[slot] == 0)
            m_respondentBySlot[slot] = firstSightOfSlot(record, &createdRespondent);
        respondent = m_respondentBySlot[slot];
    }
    qint64 profile = 0;
    if (prepared.profileSlot >= 0) {
        const auto slot = size_t(prepared.profileSlot);
        if (slot >= m_profileBySlot.size())
            m_profileBySlot.resize(slot + 1, 0);
        if (m_profileBySlot[slot] == 0)
            m_profileBySlot[slot] = profileOf(record);
        profile = m_profileBySlot[slot];
    }
    WrittenResponse where;
    where.respondentId = respondent;
    where.profileId = profile;
    const Outcome outcome = insert(waveId, importId, record, prepared, createdRespondent, where);
    if (written && outcome == Outcome::Added)
        *written = where;
    return outcome;
}

SurveyWriter::Outcome SurveyWriter::insert(qint64 waveId, qint64 importId, const ResponseRecord &r,
                                           const PreparedResponse &prepared, bool createdRespondent,
                                           WrittenResponse &written)
{
    m_insertResponse.bind(1, written.respondentId);
    m_insertResponse.bind(2, waveId);
    if (importId > 0)
        m_insertResponse.bind(3, importId);
    m_insertResponse.bindUtf8(4, prepared.dedupKey);
    m_insertResponse.bindUtf8(5, prepared.externalId);
    if (r.submittedAt)
        m_insertResponse.bind(6, *r.submittedAt);
    m_insertResponse.bind(7, qint64(r.score));
    m_insertResponse.bindUtf8(8, prepared.comment);
    if (written.profileId > 0)
        m_insertResponse.bind(9, written.profileId);
    if (r.active)
        m_insertResponse.bind(10, qint64(*r.active ? 1 : 0));
    if (r.sourceLine > 0)
        m_insertResponse.bind(11, r.sourceLine);
    m_insertResponse.step();
    const bool added = m_insertResponse.changes() > 0;
    const qint64 newId = m_insertResponse.lastInsertRowId();
    m_insertResponse.reset();
    if (!added) {
        if (createdRespondent && r.userId.isEmpty() && r.email.isEmpty()) {
            // An anonymous identity exists only for its one response.
            m_deleteRespondent.bind(1, written.respondentId);
            m_deleteRespondent.step();
            m_deleteRespondent.reset();
        }
        return Outcome::Duplicate;
    }
    written.id = newId;
    return Outcome::Added;
}

void SurveyWriter::addRejected(qint64 importId, qint64 line, int column, const QString &columnName,
                               const QString &value, const QString &reason)
{
    if (line > 0)
        m_insertRejected.bind(2, line);
    if (column > 0)
        m_insertRejected.bind(3, qint64(column));
    m_insertRejected.bind(1, importId);
    m_insertRejected.bind(4, columnName);
    // A rejected cell keeps what it held, even when that was nothing.
    m_insertRejected.bindText(5, value);
    m_insertRejected.bindText(6, reason);
    m_insertRejected.step();
    m_insertRejected.reset();
}

} // namespace nps
