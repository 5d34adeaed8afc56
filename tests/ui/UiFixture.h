#pragma once

#include "clock/Clock.h"
#include "demo/DemoGenerator.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace nps::test {

// Settings of GUI tests go to a throwaway folder, never the user's.
inline void isolateSettings(const QTemporaryDir &dir)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("NPS Desk Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("npsdesk-tests"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath(QStringLiteral("settings")));
    QSettings().clear();
}

inline QDateTime demoNow()
{
    return QDateTime(QDate(2026, 12, 4), QTime(12, 0), Qt::UTC);
}

// A real demo database file: eight quarters, plans, inactive respondents, comments.
inline QString makeDemoDatabase(const QTemporaryDir &dir, const QString &name = QStringLiteral("demo.npsdb"),
                                int responses = 2000)
{
    const QString path = dir.filePath(name);
    Database db;
    db.open(path);
    FixedClock clock(demoNow());
    DemoOptions options;
    options.responses = responses;
    DemoGenerator(db, clock).generate(options);
    return path;
}

} // namespace nps::test
