#include "FileImportSource.h"

#include "common/Digest.h"
#include "common/Error.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace nps {

FileImportSource::FileImportSource(const QString &path, const ReadOptions &options,
                                   const MappingOverrides &overrides)
    : m_file(SurveyFile::open(path, options))
{
    if (!overrides.fields.isEmpty() || !overrides.segments.isEmpty())
        m_file.applyOverrides(overrides);
    m_file.requireImportable();
    m_cursor.emplace(m_file.records());
    m_hash = std::async(std::launch::async, &Digest::sha256OfFile, path);
}

FileImportSource::~FileImportSource()
{
    if (m_hash.valid())
        m_hash.wait();
}

QString FileImportSource::fileName() const
{
    return QFileInfo(m_file.path()).fileName();
}

QString FileImportSource::preset() const
{
    return presetName(m_file.layout().preset);
}

QString FileImportSource::encoding() const
{
    return m_file.layout().xlsx ? QStringLiteral("xlsx") : encodingName(m_file.layout().encoding);
}

QString FileImportSource::sha256()
{
    return m_hash.valid() ? m_hash.get() : QString();
}

QString FileImportSource::mappingJson() const
{
    const Layout &layout = m_file.layout();
    const FieldMapping &mapping = m_file.mapping();
    auto field = [&](const FieldChoice &choice) {
        if (!choice.found())
            return QJsonValue();
        return QJsonValue(QJsonObject{{QStringLiteral("column"), layout.columns.value(choice.column).name},
                                      {QStringLiteral("reason"), choice.reason}});
    };
    QJsonArray segments;
    for (const FieldChoice &s : mapping.segments)
        segments.append(layout.columns.value(s.column).name);
    QJsonObject o{{QStringLiteral("score"), field(mapping.score)},
                  {QStringLiteral("comment"), field(mapping.comment)},
                  {QStringLiteral("time"), field(mapping.time)},
                  {QStringLiteral("id"), field(mapping.responseId)},
                  {QStringLiteral("user"), field(mapping.userId)},
                  {QStringLiteral("email"), field(mapping.email)},
                  {QStringLiteral("name"), field(mapping.name)},
                  {QStringLiteral("active"), field(mapping.active)},
                  {QStringLiteral("group"), field(mapping.group)},
                  {QStringLiteral("segments"), segments},
                  {QStringLiteral("scale"), scoreScaleName(mapping.scale)},
                  {QStringLiteral("date_order"), dateOrderName(mapping.dateOrder)},
                  {QStringLiteral("date_order_ambiguous"), mapping.dateOrderAmbiguous},
                  {QStringLiteral("preset_confidence"), layout.confidence},
                  {QStringLiteral("header_rows"), layout.headerRows},
                  {QStringLiteral("delimiter"), QString(QLatin1Char(layout.delimiter))}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QStringList FileImportSource::warnings() const
{
    QStringList list = m_file.layout().warnings;
    const FieldMapping &mapping = m_file.mapping();
    if (!mapping.scaleWarning.isEmpty())
        list << mapping.scaleWarning;
    if (mapping.time.found() && mapping.dateOrderAmbiguous)
        list << QStringLiteral(
                    "Date order of '%1' is ambiguous: read as %2 (%3); use --date-order to change it")
                    .arg(m_file.layout().columns.value(mapping.time.column).name,
                         dateOrderName(mapping.dateOrder), mapping.dateOrderReason);
    if (m_cursor && m_cursor->invalidBytes() > 0)
        list << QStringLiteral("%1 bytes were not valid UTF-8 and were read as Windows-1252")
                    .arg(m_cursor->invalidBytes());
    if (m_groupMismatches > 0)
        list << QStringLiteral("The vendor NPS group disagrees with the score on %1 rows (first: %2)")
                    .arg(m_groupMismatches)
                    .arg(m_firstGroupMismatch);
    if (m_badTimes > 0)
        list << QStringLiteral("%1 rows have an unreadable time; they are imported without one")
                    .arg(m_badTimes);
    return list;
}

void FileImportSource::reject(Rejection &rejection, const Record &r, int column, const QString &reason) const
{
    rejection.line = r.line();
    rejection.column = column >= 0 ? column + 1 : 0;
    rejection.columnName = column >= 0 ? m_file.layout().columns.value(column).name : QString();
    rejection.value = column >= 0 ? r.text(column) : QString();
    rejection.reason = reason;
}

ImportSource::Next FileImportSource::next(ResponseRecord &out, Rejection &rejection)
{
    if (!m_cursor->next())
        return Next::End;
    const Record &r = m_cursor->record();
    const FieldMapping &m = m_file.mapping();
    if (!r.exclusion().isEmpty()) {
        reject(rejection, r, -1, r.exclusion());
        return Next::Rejected;
    }
    if (r.isRagged()) {
        reject(rejection, r, -1, r.raggedMessage());
        return Next::Rejected;
    }
    const ScoreResult score = m_file.score(r);
    if (!score.ok()) {
        reject(rejection, r, m.score.column, score.reason(r.cell(m.score.column)));
        return Next::Rejected;
    }
    const TimeResult time = m_file.time(r);
    out.score = score.value;
    out.submittedAt.reset();
    if (time.ok()) {
        out.submittedAt = time.utcSeconds;
    } else if (time.problem != TimeProblem::Empty && m.time.found()) {
        ++m_badTimes;
    }
    const auto textOf = [&](const FieldChoice &choice) {
        return choice.found() ? r.text(choice.column) : QString();
    };
    out.externalId = textOf(m.responseId);
    out.userId = textOf(m.userId);
    out.email = textOf(m.email);
    out.name = textOf(m.name);
    out.comment = m_file.comment(r);
    out.active = m.active.found() ? m_file.active(r, time) : std::nullopt;
    out.sourceLine = r.line();
    out.attributes.clear();
    for (const FieldChoice &segment : m.segments)
        out.attributes.append({m_file.layout().columns.value(segment.column).name, r.text(segment.column)});
    if (m.group.found()) {
        const QString mismatch = m_file.groupMismatch(r, score);
        if (!mismatch.isEmpty()) {
            if (m_groupMismatches++ == 0)
                m_firstGroupMismatch = QStringLiteral("line %1: %2").arg(r.line()).arg(mismatch);
        }
    }
    return Next::Record;
}

qint64 FileImportSource::bytesRead() const
{
    return m_cursor ? m_cursor->bytesRead() : 0;
}

qint64 FileImportSource::totalBytes() const
{
    return m_cursor ? m_cursor->totalBytes() : QFileInfo(m_file.path()).size();
}

} // namespace nps
