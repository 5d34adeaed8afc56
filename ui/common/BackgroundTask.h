#pragma once

#include "common/Error.h"
#include "store/Database.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <functional>
#include <optional>

namespace nps::ui {

// Runs `work` on a pool thread with its own connection to the database at
// `path` (QSqlDatabase connections are per thread), then calls `done` with the
// result, or `failed` with the error message, on the GUI thread. Nothing is
// delivered if `receiver` is destroyed first. Returns the watcher so callers
// can wait on it (tests, screenshots).
template<typename Result>
QFutureWatcher<std::optional<Result>> *
runInBackground(QObject *receiver, const QString &path, std::function<Result(Database &)> work,
                std::function<void(const Result &)> done, std::function<void(const QString &)> failed = {})
{
    auto *watcher = new QFutureWatcher<std::optional<Result>>(receiver);
    auto errorText = std::make_shared<QString>();
    QObject::connect(watcher, &QFutureWatcherBase::finished, receiver, [watcher, done, failed, errorText]() {
        const std::optional<Result> result = watcher->result();
        if (result)
            done(*result);
        else if (failed)
            failed(*errorText);
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([path, work, errorText]() -> std::optional<Result> {
        try {
            Database db;
            db.open(path, Database::Mode::ExistingOnly);
            return work(db);
        } catch (const Error &error) {
            *errorText = error.message();
        } catch (const std::exception &error) {
            *errorText = QString::fromLocal8Bit(error.what());
        }
        return std::nullopt;
    }));
    return watcher;
}

} // namespace nps::ui
