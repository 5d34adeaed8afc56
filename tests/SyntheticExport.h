#pragma once

#include <QProcess>
#include <QString>

namespace nps::test {

// Writes the shared deterministic survey export (../shared/bench/make_responses.py)
// with `rows` rows to `path`; an empty result means success, else what went wrong.
inline QString makeSyntheticExport(const QString &path, int rows)
{
    QProcess python;
    python.start(
        QStringLiteral("python3"),
        {QStringLiteral(NPSDESK_SHARED_DATA "/../bench/make_responses.py"), QString::number(rows), path});
    if (!python.waitForFinished(120000))
        return QStringLiteral("make_responses.py did not finish: %1").arg(python.errorString());
    if (python.exitCode() != 0)
        return QString::fromLocal8Bit(python.readAllStandardError());
    return {};
}

} // namespace nps::test
