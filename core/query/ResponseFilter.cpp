#include "ResponseFilter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace nps {

bool ResponseFilter::isEmpty() const
{
    return !from && !to && waves.isEmpty() && !kind && attributes.isEmpty() && !activeOnly && !hasComment &&
           tags.isEmpty();
}

bool ResponseFilter::operator==(const ResponseFilter &o) const
{
    return from == o.from && to == o.to && waves == o.waves && kind == o.kind && attributes == o.attributes &&
           activeOnly == o.activeOnly && hasComment == o.hasComment && tags == o.tags;
}

QString ResponseFilter::describe() const
{
    QStringList parts;
    if (from && to)
        parts << QStringLiteral("%1 to %2").arg(from->toString(Qt::ISODate), to->toString(Qt::ISODate));
    else if (from)
        parts << QStringLiteral("from %1").arg(from->toString(Qt::ISODate));
    else if (to)
        parts << QStringLiteral("until %1").arg(to->toString(Qt::ISODate));
    if (!waves.isEmpty())
        parts << QStringLiteral("wave %1").arg(waves.join(QStringLiteral(" or ")));
    if (kind)
        parts << QStringLiteral("%1 surveys").arg(waveKindName(*kind));
    for (auto it = attributes.cbegin(); it != attributes.cend(); ++it)
        parts << QStringLiteral("%1 = %2").arg(it.key(), it.value().join(QStringLiteral(" or ")));
    if (!tags.isEmpty())
        parts << QStringLiteral("tagged %1").arg(tags.join(QStringLiteral(" or ")));
    if (activeOnly)
        parts << QStringLiteral("active respondents only");
    if (hasComment)
        parts << QStringLiteral("with a comment");
    return parts.isEmpty() ? QStringLiteral("All responses") : parts.join(QStringLiteral("; "));
}

QString ResponseFilter::toJson() const
{
    QJsonObject o;
    if (from)
        o.insert(QStringLiteral("from"), from->toString(Qt::ISODate));
    if (to)
        o.insert(QStringLiteral("to"), to->toString(Qt::ISODate));
    if (!waves.isEmpty())
        o.insert(QStringLiteral("waves"), QJsonArray::fromStringList(waves));
    if (kind)
        o.insert(QStringLiteral("kind"), waveKindName(*kind));
    if (!attributes.isEmpty()) {
        QJsonObject attrs;
        for (auto it = attributes.cbegin(); it != attributes.cend(); ++it)
            attrs.insert(it.key(), QJsonArray::fromStringList(it.value()));
        o.insert(QStringLiteral("attributes"), attrs);
    }
    if (activeOnly)
        o.insert(QStringLiteral("active_only"), true);
    if (hasComment)
        o.insert(QStringLiteral("has_comment"), true);
    if (!tags.isEmpty())
        o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(tags));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

ResponseFilter ResponseFilter::fromJson(const QString &json, bool *ok)
{
    ResponseFilter f;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (ok)
        *ok = error.error == QJsonParseError::NoError && doc.isObject();
    const QJsonObject o = doc.object();
    auto strings = [](const QJsonValue &v) {
        QStringList list;
        for (const QJsonValue &item : v.toArray())
            list << item.toString();
        return list;
    };
    const QDate from = QDate::fromString(o.value(QStringLiteral("from")).toString(), Qt::ISODate);
    const QDate to = QDate::fromString(o.value(QStringLiteral("to")).toString(), Qt::ISODate);
    if (from.isValid())
        f.from = from;
    if (to.isValid())
        f.to = to;
    f.waves = strings(o.value(QStringLiteral("waves")));
    f.kind = waveKindFromName(o.value(QStringLiteral("kind")).toString());
    const QJsonObject attrs = o.value(QStringLiteral("attributes")).toObject();
    for (auto it = attrs.begin(); it != attrs.end(); ++it)
        f.attributes.insert(it.key(), strings(it.value()));
    f.activeOnly = o.value(QStringLiteral("active_only")).toBool();
    f.hasComment = o.value(QStringLiteral("has_comment")).toBool();
    f.tags = strings(o.value(QStringLiteral("tags")));
    return f;
}

bool ResponseFilter::addWhere(const QString &expression)
{
    const qsizetype eq = expression.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return false;
    const QString name = expression.left(eq).trimmed();
    const QString value = expression.mid(eq + 1).trimmed();
    if (name.isEmpty() || value.isEmpty())
        return false;
    QStringList &values = attributes[name];
    if (!values.contains(value))
        values << value;
    return true;
}

std::optional<qint64> filterStartSecs(const ResponseFilter &filter)
{
    if (!filter.from)
        return std::nullopt;
    return QDateTime(*filter.from, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
}

std::optional<qint64> filterEndSecs(const ResponseFilter &filter)
{
    if (!filter.to)
        return std::nullopt;
    return QDateTime(filter.to->addDays(1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
}

SqlCondition buildCondition(const ResponseFilter &filter, const QString &alias)
{
    SqlCondition c;
    QStringList parts;
    auto placeholders = [](qsizetype n) {
        QStringList marks;
        for (qsizetype i = 0; i < n; ++i)
            marks << QStringLiteral("?");
        return marks.join(QStringLiteral(", "));
    };
    if (const auto start = filterStartSecs(filter)) {
        parts << QStringLiteral("%1.submitted_at >= ?").arg(alias);
        c.values << *start;
    }
    if (const auto end = filterEndSecs(filter)) {
        parts << QStringLiteral("%1.submitted_at < ?").arg(alias);
        c.values << *end;
    }
    if (!filter.waves.isEmpty() || filter.kind) {
        QString waveWhere;
        QStringList waveParts;
        if (!filter.waves.isEmpty()) {
            waveParts << QStringLiteral("name IN (%1)").arg(placeholders(filter.waves.size()));
            for (const QString &w : filter.waves)
                c.values << w;
        }
        if (filter.kind) {
            waveParts << QStringLiteral("kind = ?");
            c.values << waveKindName(*filter.kind);
        }
        parts << QStringLiteral("%1.wave_id IN (SELECT id FROM waves WHERE %2)")
                     .arg(alias, waveParts.join(QStringLiteral(" AND ")));
    }
    for (auto it = filter.attributes.cbegin(); it != filter.attributes.cend(); ++it) {
        parts << QStringLiteral("%1.profile_id IN (SELECT pv.profile_id FROM profile_values pv"
                                " JOIN attributes a ON a.id = pv.attribute_id"
                                " JOIN attribute_values v ON v.id = pv.value_id"
                                " WHERE a.name = ? AND v.value IN (%2))")
                     .arg(alias, placeholders(it.value().size()));
        c.values << it.key();
        for (const QString &v : it.value())
            c.values << v;
    }
    if (filter.activeOnly)
        parts << QStringLiteral("(%1.active IS NULL OR %1.active = 1)").arg(alias);
    if (filter.hasComment)
        parts << QStringLiteral("%1.comment IS NOT NULL").arg(alias);
    if (!filter.tags.isEmpty()) {
        parts << QStringLiteral(
                     "%1.id IN (SELECT rt.response_id FROM response_tags rt JOIN tags t ON t.id = rt.tag_id"
                     " WHERE t.name IN (%2))")
                     .arg(alias, placeholders(filter.tags.size()));
        for (const QString &t : filter.tags)
            c.values << t;
    }
    c.where = parts.isEmpty() ? QStringLiteral("1") : parts.join(QStringLiteral(" AND "));
    return c;
}

} // namespace nps
