#pragma once

#include "SurveyWriter.h"

#include <QString>
#include <QVector>
#include <optional>

namespace nps {

class Database;

struct WaveInfo
{
    qint64 id = 0;
    QString name;
    WaveKind kind = WaveKind::Relational;
    std::optional<qint64> invited;
    qint64 responses = 0;
    qint64 firstResponseAt = 0; // Unix seconds; 0 when unknown
    qint64 lastResponseAt = 0;
    // responses / invited, when the invited count is known.
    std::optional<double> responseRate() const;
};

// Survey waves: listing, and the number invited that the response rate needs.
class Waves
{
public:
    explicit Waves(Database &db);
    QVector<WaveInfo> list() const;
    // Throws Error::badInput when there is no wave of that name.
    void setInvited(const QString &wave, qint64 invited);
    void setKind(const QString &wave, WaveKind kind);

private:
    Database &m_db;
};

} // namespace nps
