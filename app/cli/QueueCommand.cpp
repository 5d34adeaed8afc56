#include "CommandContext.h"
#include "Commands.h"
#include "clock/Clock.h"
#include "common/Error.h"
#include "followups/Contacts.h"
#include "followups/FollowupQueue.h"
#include "followups/SlaReport.h"
#include "store/Transaction.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>
#include <cmath>
#include <memory>

namespace nps::cli {

namespace {

QString isoTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

// --now overrides the clock for this run (scripts, reproducible reports).
std::unique_ptr<FixedClock> clockOverride(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("now")))
        return nullptr;
    const QDateTime now = QDateTime::fromString(parser.value(QStringLiteral("now")), Qt::ISODate);
    if (!now.isValid())
        throw Error::usage(QStringLiteral("queue: --now '%1' is not an ISO 8601 date and time")
                               .arg(parser.value(QStringLiteral("now"))));
    return std::make_unique<FixedClock>(
        now.timeSpec() == Qt::LocalTime ? QDateTime(now.date(), now.time(), Qt::UTC) : now);
}

qint64 parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        throw Error::badInput(QStringLiteral("'%1' is not a follow-up id").arg(text));
    return id;
}

QString actorName(const QCommandLineParser &parser)
{
    QString actor = parser.value(QStringLiteral("as"));
    if (actor.isEmpty())
        actor = qEnvironmentVariable("NPSDESK_OWNER", qEnvironmentVariable("USER"));
    return actor;
}

DataTable itemsTable(const QVector<FollowupItem> &items, qint64 now)
{
    DataTable table;
    table.columns = {QStringLiteral("id"),
                     QStringLiteral("response_id"),
                     QStringLiteral("respondent"),
                     QStringLiteral("email"),
                     QStringLiteral("score"),
                     QStringLiteral("comment"),
                     QStringLiteral("submitted"),
                     QStringLiteral("due"),
                     QStringLiteral("status"),
                     QStringLiteral("owner"),
                     QStringLiteral("time_left_hours"),
                     QStringLiteral("root_cause"),
                     QStringLiteral("later_score"),
                     QStringLiteral("recovered")};
    for (const FollowupItem &i : items) {
        const auto left = i.status == FollowupStatus::New ? i.hoursLeft(now) : std::nullopt;
        table.addRow({i.id, i.responseId, i.respondentName.isEmpty() ? i.userId : i.respondentName,
                      i.respondentEmail, i.score, i.comment, isoTime(i.submittedAt),
                      i.dueAt ? QVariant(isoTime(*i.dueAt)) : QVariant(), statusKey(i.status), i.owner,
                      left ? QVariant(std::round(*left * 10.0) / 10.0) : QVariant(), i.rootCause,
                      i.laterScore ? QVariant(*i.laterScore) : QVariant(), i.recovered()});
    }
    return table;
}

} // namespace

int runQueue(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")});
    parser.addOption({QStringLiteral("now"), QStringLiteral("Evaluate deadlines at this time (ISO 8601)."),
                      QStringLiteral("TIME")});
    parser.addOption({QStringLiteral("view"),
                      QStringLiteral("open (default), overdue, due-soon, closed, mine, passives or all."),
                      QStringLiteral("VIEW"), QStringLiteral("open")});
    parser.addOption({QStringLiteral("owner"),
                      QStringLiteral("Only items of this owner (with --view mine: whose queue)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("as"),
                      QStringLiteral("Who makes the change (default: $NPSDESK_OWNER, else $USER)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("root-cause"), QStringLiteral("Root cause, required when closing."),
                      QStringLiteral("NAME")});
    parser.addOption(
        {QStringLiteral("note"), QStringLiteral("A note to keep with the change."), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("limit"), QStringLiteral("At most N items."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("hours"), QStringLiteral("sla: hours to first contact (default 48)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("business-days"),
                      QStringLiteral("sla: on (count only working days) or off."), QStringLiteral("on|off")});
    parser.addOption({QStringLiteral("working-days"),
                      QStringLiteral("sla: working days, 1 = Monday ... 7 = Sunday (default 1,2,3,4,5)."),
                      QStringLiteral("LIST")});
    parser.addOption({QStringLiteral("timezone"),
                      QStringLiteral("sla: time zone of the working days (IANA name)."),
                      QStringLiteral("TZ")});
    parser.addOption(
        {QStringLiteral("untracked-before"),
         QStringLiteral("sla: responses before this date enter as not tracked (YYYY-MM-DD, or 'none')."),
         QStringLiteral("DATE")});
    parser.addOption({QStringLiteral("passives"),
                      QStringLiteral("sla: on (passives enter their own list) or off."),
                      QStringLiteral("on|off")});
    parser.addPositionalArgument(
        QStringLiteral("action"),
        QStringLiteral(
            "Optional: assign ID OWNER | take | set ID contacted|resolved|wont-fix|unreachable|open | "
            "note ID TEXT | contact ID | history ID | enqueue"),
        QStringLiteral("[ACTION ...]"));
    if (!context.parse(parser,
                       QStringLiteral("The detractor follow-up queue: list items by view, assign, change "
                                      "status, add notes.")))
        return 0;
    const auto fixed = clockOverride(parser);
    const Clock &clock = fixed ? static_cast<const Clock &>(*fixed) : context.clock();
    Database &db = context.database(parser);
    FollowupQueue queue(db, clock);
    const QStringList args = parser.positionalArguments();
    const QString actor = actorName(parser);
    const qint64 now = clock.now().toSecsSinceEpoch();

    if (args.isEmpty()) {
        const auto view = queueViewFromName(parser.value(QStringLiteral("view")));
        if (!view)
            throw Error::usage(
                QStringLiteral("queue: unknown --view '%1' (use open, overdue, due-soon, closed, mine, "
                               "passives or all)")
                    .arg(parser.value(QStringLiteral("view"))));
        QString owner = parser.value(QStringLiteral("owner"));
        if (*view == QueueView::Mine && owner.isEmpty())
            owner = actor;
        const int limit =
            parser.isSet(QStringLiteral("limit")) ? parser.value(QStringLiteral("limit")).toInt() : -1;
        context.print(itemsTable(queue.items(*view, owner, limit), now), context.format(parser));
        return 0;
    }

    const QString action = args.first();
    auto expect = [&](int n, const char *usage) {
        if (args.size() != n)
            throw Error::usage(
                QStringLiteral("queue: usage: npsdesk queue --db F %1").arg(QLatin1String(usage)));
    };
    Transaction transaction(db.connection());
    if (action == QLatin1String("assign")) {
        expect(3, "assign ID OWNER");
        queue.assign(parseId(args[1]), args[2], actor.isEmpty() ? args[2] : actor);
        context.out() << QStringLiteral("Follow-up %1 assigned to %2\n").arg(args[1], args[2]);
    } else if (action == QLatin1String("take")) {
        expect(1, "take");
        const qint64 id = queue.takeNext(actor);
        context.out() << (id ? QStringLiteral("Took follow-up %1\n").arg(id)
                             : QStringLiteral("Nothing to take\n"));
    } else if (action == QLatin1String("set")) {
        expect(3, "set ID contacted|resolved|wont-fix|unreachable|open [--root-cause NAME] [--note TEXT]");
        const qint64 id = parseId(args[1]);
        const QString state = args[2];
        if (state == QLatin1String("open")) {
            queue.reopen(id, actor, parser.value(QStringLiteral("note")));
        } else {
            const auto status = statusFromKey(QString(state).replace(QLatin1Char('-'), QLatin1Char('_')));
            if (!status || *status == FollowupStatus::New)
                throw Error::badInput(
                    QStringLiteral("'%1' is not a state (use contacted, resolved, wont-fix, "
                                   "unreachable or open)")
                        .arg(state));
            queue.setStatus(id, *status, actor, parser.value(QStringLiteral("root-cause")),
                            parser.value(QStringLiteral("note")));
        }
        context.out()
            << QStringLiteral("Follow-up %1 is now %2\n").arg(args[1], statusLabel(queue.item(id).status));
    } else if (action == QLatin1String("note")) {
        expect(3, "note ID TEXT");
        queue.addNote(parseId(args[1]), args[2], actor);
        context.out() << QStringLiteral("Note added to follow-up %1\n").arg(args[1]);
    } else if (action == QLatin1String("contact")) {
        expect(2, "contact ID");
        queue.logContact(parseId(args[1]), actor, parser.value(QStringLiteral("note")));
        context.out() << QStringLiteral("Contact attempt logged on follow-up %1\n").arg(args[1]);
    } else if (action == QLatin1String("history")) {
        expect(2, "history ID");
        DataTable table;
        table.columns = {QStringLiteral("at"),   QStringLiteral("actor"), QStringLiteral("kind"),
                         QStringLiteral("from"), QStringLiteral("to"),    QStringLiteral("text")};
        for (const FollowupEvent &e : queue.history(parseId(args[1])))
            table.addRow({isoTime(e.at), e.actor, e.kind, e.fromStatus, e.toStatus, e.text});
        context.print(table, context.format(parser));
    } else if (action == QLatin1String("sla")) {
        expect(1, "sla [--hours N] [--business-days on|off] [--working-days LIST] [--timezone TZ] ...");
        SlaSettings sla = queue.sla();
        const auto onOff = [&](const QString &option, bool *value) {
            if (!parser.isSet(option))
                return;
            const QString v = parser.value(option);
            if (v != QLatin1String("on") && v != QLatin1String("off"))
                throw Error::usage(QStringLiteral("queue sla: --%1 must be on or off").arg(option));
            *value = v == QLatin1String("on");
        };
        if (parser.isSet(QStringLiteral("hours"))) {
            bool ok = false;
            sla.hours = parser.value(QStringLiteral("hours")).toInt(&ok);
            if (!ok)
                throw Error::usage(QStringLiteral("queue sla: --hours needs a whole number"));
        }
        onOff(QStringLiteral("business-days"), &sla.businessDaysOnly);
        onOff(QStringLiteral("passives"), &sla.includePassives);
        if (parser.isSet(QStringLiteral("working-days"))) {
            QList<int> days;
            for (const QString &d : parser.value(QStringLiteral("working-days")).split(QLatin1Char(','))) {
                bool ok = false;
                const int day = d.trimmed().toInt(&ok);
                if (!ok || day < 1 || day > 7)
                    throw Error::usage(
                        QStringLiteral("queue sla: --working-days lists days 1 (Monday) to 7"));
                days << day;
            }
            sla.workingDays = days;
        }
        if (parser.isSet(QStringLiteral("timezone"))) {
            const QTimeZone zone(parser.value(QStringLiteral("timezone")).toUtf8());
            if (!zone.isValid())
                throw Error::usage(QStringLiteral("queue sla: unknown --timezone '%1'")
                                       .arg(parser.value(QStringLiteral("timezone"))));
            sla.zone = zone;
        }
        if (parser.isSet(QStringLiteral("untracked-before"))) {
            const QString value = parser.value(QStringLiteral("untracked-before"));
            if (value == QLatin1String("none")) {
                sla.untrackedBefore.reset();
            } else {
                const QDate date = QDate::fromString(value, Qt::ISODate);
                if (!date.isValid())
                    throw Error::usage(
                        QStringLiteral("queue sla: --untracked-before needs YYYY-MM-DD or none"));
                sla.untrackedBefore = QDateTime(date, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
            }
        }
        queue.setSla(sla);
        QStringList days;
        for (int d : sla.workingDays)
            days << QString::number(d);
        context.out()
            << QStringLiteral("SLA: %1 h%2, passives %3%4; deadlines of uncontacted items recomputed\n")
                   .arg(sla.hours)
                   .arg(sla.businessDaysOnly
                            ? QStringLiteral(" on working days %1 in %2")
                                  .arg(days.join(QLatin1Char(',')), QString::fromUtf8(sla.zone.id()))
                            : QString())
                   .arg(sla.includePassives ? QStringLiteral("on") : QStringLiteral("off"))
                   .arg(sla.untrackedBefore
                            ? QStringLiteral(", not tracked before %1").arg(isoTime(*sla.untrackedBefore))
                            : QString());
    } else if (action == QLatin1String("enqueue")) {
        expect(1, "enqueue");
        context.out() << QStringLiteral("%1 responses entered the queue\n").arg(queue.enqueueAll());
    } else {
        throw Error::usage(QStringLiteral("queue: unknown action '%1'").arg(action));
    }
    transaction.commit();
    return 0;
}

int runQueueReport(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFormatOption(parser, {QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")},
                            QStringLiteral("json"));
    parser.addOption({QStringLiteral("period"), QStringLiteral("month, quarter (default) or year."),
                      QStringLiteral("PERIOD"), QStringLiteral("quarter")});
    parser.addOption({QStringLiteral("now"), QStringLiteral("Evaluate deadlines at this time (ISO 8601)."),
                      QStringLiteral("TIME")});
    if (!context.parse(
            parser, QStringLiteral("The SLA report: share of detractors contacted within the deadline, time "
                                   "to first contact, backlog, recovered detractors.")))
        return 0;
    const QString period = parser.value(QStringLiteral("period"));
    if (period != QLatin1String("month") && period != QLatin1String("quarter") &&
        period != QLatin1String("year"))
        throw Error::usage(QStringLiteral("queue-report: --period must be month, quarter or year"));
    const auto fixed = clockOverride(parser);
    const Clock &clock = fixed ? static_cast<const Clock &>(*fixed) : context.clock();
    const SlaReport report = SlaReport::compute(context.database(parser), clock, period);
    if (context.format(parser) == QLatin1String("json"))
        context.printJson(QJsonDocument(report.toJson()));
    else
        context.print(report.periodTable(), context.format(parser));
    return 0;
}

int runExportContacts(CommandContext &context)
{
    QCommandLineParser parser;
    context.addDatabaseOption(parser);
    context.addFilterOptions(parser);
    parser.addOption({QStringLiteral("group"), QStringLiteral("passive, promoter or detractor."),
                      QStringLiteral("GROUP")});
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("The CSV file to write."), QStringLiteral("FILE.csv")});
    if (!context.parse(
            parser, QStringLiteral("Export respondents of one group (email, name, latest score and comment) "
                                   "for a targeted follow-up, referral or case-study list.")))
        return 0;
    if (!parser.isSet(QStringLiteral("group")) || !parser.isSet(QStringLiteral("out")))
        throw Error::usage(QStringLiteral("export-contacts: --group and --out are required"));
    const DataTable table =
        contactList(context.database(parser), parser.value(QStringLiteral("group")), context.filter(parser));
    const QString out = parser.value(QStringLiteral("out"));
    QFile file(out);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw Error::badInput(QStringLiteral("%1: cannot write: %2").arg(out, file.errorString()));
    file.write(table.toCsv());
    context.out() << QStringLiteral("Wrote %1 contacts to %2\n").arg(table.rows.size()).arg(out);
    return 0;
}

} // namespace nps::cli
