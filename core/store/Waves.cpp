#include "Waves.h"

#include "Database.h"
#include "Sql.h"
#include "common/Error.h"

namespace nps {

std::optional<double> WaveInfo::responseRate() const
{
    if (!invited || *invited <= 0)
        return std::nullopt;
    return double(responses) / double(*invited);
}

Waves::Waves(Database &db)
    : m_db(db)
{
}

QVector<WaveInfo> Waves::list() const
{
    QSqlQuery q = sql::prepare(
        m_db.connection(), QStringLiteral("SELECT w.id, w.name, w.kind, w.invited, count(r.id),"
                                          " min(r.submitted_at), max(r.submitted_at)"
                                          " FROM waves w LEFT JOIN responses r ON r.wave_id = w.id"
                                          " GROUP BY w.id ORDER BY coalesce(min(r.submitted_at), 0), w.id"));
    q.setForwardOnly(true);
    sql::exec(q);
    QVector<WaveInfo> waves;
    while (q.next()) {
        WaveInfo w;
        w.id = q.value(0).toLongLong();
        w.name = q.value(1).toString();
        w.kind = waveKindFromName(q.value(2).toString()).value_or(WaveKind::Relational);
        if (!q.value(3).isNull())
            w.invited = q.value(3).toLongLong();
        w.responses = q.value(4).toLongLong();
        w.firstResponseAt = q.value(5).toLongLong();
        w.lastResponseAt = q.value(6).toLongLong();
        waves.append(w);
    }
    return waves;
}

void Waves::setInvited(const QString &wave, qint64 invited)
{
    if (invited < 0)
        throw Error::badInput(QStringLiteral("the number invited cannot be negative"));
    QSqlQuery q = sql::run(m_db.connection(), QStringLiteral("UPDATE waves SET invited = ? WHERE name = ?"),
                           {invited, wave});
    if (q.numRowsAffected() == 0)
        throw Error::badInput(QStringLiteral("there is no wave named '%1'").arg(wave));
}

void Waves::setKind(const QString &wave, WaveKind kind)
{
    QSqlQuery q = sql::run(m_db.connection(), QStringLiteral("UPDATE waves SET kind = ? WHERE name = ?"),
                           {waveKindName(kind), wave});
    if (q.numRowsAffected() == 0)
        throw Error::badInput(QStringLiteral("there is no wave named '%1'").arg(wave));
}

} // namespace nps
