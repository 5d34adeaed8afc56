#include "CommandContext.h"
#include "Commands.h"
#include "clock/Clock.h"
#include "common/Error.h"
#include "followups/FollowupQueue.h"

#include <QJsonArray>
#include <QJsonObject>
#include <cmath>

namespace nps::cli {

namespace {

// The command line spells the states with a dash; the database with an underscore.
QString cliStatus(FollowupStatus status)
{
    return statusKey(status).replace(QLatin1Char('_'), QLatin1Char('-'));
}

qint64 parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        throw Error::badInput(QStringLiteral("'%1' is not a follow-up id").arg(text));
    return id;
}

QString isoOrEmpty(const QDateTime &time)
{
    return time.isValid() ? time.toString(Qt::ISODate) : QString();
}

} // namespace

int runQueue(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    parser.addOption(QCommandLineOption(QStringLiteral("now"),
                                        QStringLiteral("Treat TIME (ISO 8601) as the current time."),
                                        QStringLiteral("TIME")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("view"), QStringLiteral("open (default), overdue, due-soon, closed, mine, passives."),
        QStringLiteral("VIEW"), QStringLiteral("open")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("owner"), QStringLiteral("Only items of this owner (with --view mine: whose queue)."),
        QStringLiteral("NAME")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("root-cause"),
                           QStringLiteral("Root cause when closing (set ... resolved|wont-fix|unreachable)."),
                           QStringLiteral("NAME")));
    parser.addOption(QCommandLineOption(QStringLiteral("note"),
                                        QStringLiteral("A note to add with a state change."),
                                        QStringLiteral("TEXT")));
    parser.addOption(QCommandLineOption(QStringLiteral("as"),
                                        QStringLiteral("Name the change is attributed to (default: $USER)."),
                                        QStringLiteral("NAME")));
    parser.addPositionalArgument(
        QStringLiteral("action"),
        QStringLiteral("Nothing to list; or: assign ID OWNER | set ID "
                       "contacted|resolved|wont-fix|unreachable|open | note ID TEXT | "
                       "take OWNER | enqueue"));
    if (!context.parse(parser, QStringLiteral("List and work the detractor follow-up queue.")))
        return 0;

    std::unique_ptr<FixedClock> fixed;
    if (parser.isSet(QStringLiteral("now"))) {
        const QDateTime now = QDateTime::fromString(parser.value(QStringLiteral("now")), Qt::ISODate);
        if (!now.isValid())
            throw Error::usage(QStringLiteral("--now: '%1' is not an ISO 8601 date and time")
                                   .arg(parser.value(QStringLiteral("now"))));
        fixed = std::make_unique<FixedClock>(now);
    }
    const Clock &clock = fixed ? static_cast<const Clock &>(*fixed) : context.clock();
    Database &db = context.database(parser);
    FollowupQueue queue(db, clock);
    QString actor = parser.value(QStringLiteral("as"));
    if (actor.isEmpty())
        actor = qEnvironmentVariable("USER");

    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) {
        const QString action = args.first();
        if (action == QLatin1String("assign")) {
            if (args.size() != 3)
                throw Error::usage(QStringLiteral("usage: queue assign ID OWNER"));
            queue.assign(parseId(args[1]), args[2], actor);
            context.out() << QStringLiteral("Follow-up %1 assigned to %2\n").arg(args[1], args[2]);
        } else if (action == QLatin1String("set")) {
            if (args.size() != 3)
                throw Error::usage(
                    QStringLiteral("usage: queue set ID contacted|resolved|wont-fix|unreachable|open"));
            const qint64 id = parseId(args[1]);
            const QString state = args[2];
            if (state == QLatin1String("open")) {
                queue.reopen(id, actor, parser.value(QStringLiteral("note")));
            } else {
                const auto status = statusFromKey(QString(state).replace(QLatin1Char('-'), QLatin1Char('_')));
                if (!status || *status == FollowupStatus::New)
                    throw Error::badInput(
                        QStringLiteral(
                            "unknown state '%1' (use contacted, resolved, wont-fix, unreachable or open)")
                            .arg(state));
                queue.setStatus(id, *status, actor, parser.value(QStringLiteral("root-cause")),
                                parser.value(QStringLiteral("note")));
            }
            context.out()
                << QStringLiteral("Follow-up %1 is now %2\n").arg(args[1], cliStatus(queue.item(id).status));
        } else if (action == QLatin1String("note")) {
            if (args.size() != 3)
                throw Error::usage(QStringLiteral("usage: queue note ID TEXT"));
            queue.addNote(parseId(args[1]), args[2], actor);
            context.out() << QStringLiteral("Note added to follow-up %1\n").arg(args[1]);
        } else if (action == QLatin1String("take")) {
            if (args.size() != 2)
                throw Error::usage(QStringLiteral("usage: queue take OWNER"));
            const auto id = queue.takeNext(args[1]);
            if (!id)
                context.out() << QStringLiteral("Nothing left to take\n");
            else
                context.out() << QStringLiteral("Follow-up %1 taken by %2\n").arg(*id).arg(args[1]);
        } else if (action == QLatin1String("enqueue")) {
            const int added = queue.enqueueAll();
            context.out() << QStringLiteral("%1 follow-ups added\n").arg(added);
        } else {
            throw Error::usage(
                QStringLiteral("unknown action '%1' (use assign, set, note, take or enqueue)").arg(action));
        }
        return 0;
    }

    QueueView view;
    if (!parseQueueView(parser.value(QStringLiteral("view")), &view))
        throw Error::usage(
            QStringLiteral("unknown --view '%1' (use open, overdue, due-soon, closed, mine, passives)")
                .arg(parser.value(QStringLiteral("view"))));
    const QString owner = parser.value(QStringLiteral("owner"));
    if (view == QueueView::Mine && owner.isEmpty())
        throw Error::usage(QStringLiteral("--view mine needs --owner NAME"));
    const QDateTime now = clock.now();
    DataTable table;
    table.columns = {QStringLiteral("id"),         QStringLiteral("response_id"),
                     QStringLiteral("respondent"), QStringLiteral("score"),
                     QStringLiteral("comment"),    QStringLiteral("submitted"),
                     QStringLiteral("due"),        QStringLiteral("status"),
                     QStringLiteral("owner"),      QStringLiteral("time_left_hours")};
    for (const FollowupItem &item : queue.list(view, owner)) {
        const auto left = item.hoursLeft(now);
        table.addRow({item.id, item.responseId, item.respondent(), item.score, item.comment,
                      isoOrEmpty(item.submitted), isoOrEmpty(item.due), cliStatus(item.status), item.owner,
                      left ? QVariant(std::round(*left * 10.0) / 10.0) : QVariant()});
    }
    context.print(table, context.format(parser));
    return 0;
}

} // namespace nps::cli
