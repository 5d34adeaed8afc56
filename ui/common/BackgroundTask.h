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

// Runs `work` on a pool thread, then calls `done` with its value, or `failed`
// with the error message, on the GUI thread. `cancelled` tells a user's
// Cancel (Error::cancelled()) from a failure. Nothing is delivered if
// `receiver` is destroyed first.
template<typename Result>
void runWork(QObject *receiver, std::function<Result()> work, std::function<void(const Result &)> done,
             std::function<void(const QString &error, bool cancelled)> failed = {})
{
    struct Outcome
    {
        std::optional<Result> value;
        QString error;
        bool cancelled = false;
    };
    auto *watcher = new QFutureWatcher<Outcome>(receiver);
    QObject::connect(watcher, &QFutureWatcherBase::finished, receiver, [watcher, done, failed]() {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        if (outcome.value)
            done(*outcome.value);
        else if (failed)
            failed(outcome.error, outcome.cancelled);
    });
    watcher->setFuture(QtConcurrent::run([work]() -> Outcome {
        Outcome outcome;
        try {
            outcome.value = work();
        } catch (const Error &error) {
            outcome.error = error.message();
            outcome.cancelled = error.kind() == Error::Kind::Cancelled;
        } catch (const std::exception &error) {
            outcome.error = QString::fromLocal8Bit(error.what());
        }
        return outcome;
    }));
}

// runWork with its own connection to the database at `path` (QSqlDatabase
// connections are per thread).
template<typename Result>
void runInBackground(QObject *receiver, const QString &path, std::function<Result(Database &)> work,
                     std::function<void(const Result &)> done,
                     std::function<void(const QString &error, bool cancelled)> failed = {})
{
    runWork<Result>(
        receiver,
        [path, work]() {
            Database db;
            db.open(path, Database::Mode::ExistingOnly);
            return work(db);
        },
        std::move(done), std::move(failed));
}

// The same for callers that treat a cancellation like any failure.
template<typename Result>
void runInBackground(QObject *receiver, const QString &path, std::function<Result(Database &)> work,
                     std::function<void(const Result &)> done, std::function<void(const QString &)> failed)
{
    runInBackground<Result>(receiver, path, std::move(work), std::move(done),
                            [failed](const QString &error, bool) { failed(error); });
}

} // namespace nps::ui
