#include "FollowupsScreen.h"

#include "clock/Clock.h"
#include "comments/CommentQuery.h"
#include "common/BackgroundTask.h"
#include "followups/Contacts.h"
#include "followups/SlaReport.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace nps::ui {

namespace {

const QString ownerKey = QStringLiteral("followups/owner");

struct Loaded
{
    QVector<FollowupItem> items;
    FollowupQueue::Counts counts;
    QStringList rootCauses;
    std::optional<SlaReport> report;
};

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString tableHtml(const DataTable &table)
{
    QString html =
        QStringLiteral("<table cellspacing=0 cellpadding=4 border=1 style='border-collapse:collapse'><tr>");
    for (const QString &c : table.columns)
        html += QStringLiteral("<th align=left>%1</th>")
                    .arg(esc(QString(c).replace(QLatin1Char('_'), QLatin1Char(' '))));
    html += QStringLiteral("</tr>");
    for (const QVariantList &row : table.rows) {
        html += QStringLiteral("<tr>");
        for (int column = 0; column < row.size(); ++column) {
            const QVariant &v = row.at(column);
            const bool number = v.typeId() == QMetaType::Int || v.typeId() == QMetaType::LongLong ||
                                v.typeId() == QMetaType::Double;
            // The table keeps rates as fractions for CSV and scripts; people read percentages.
            const bool rate = v.typeId() == QMetaType::Double &&
                              table.columns.value(column).endsWith(QLatin1String("_rate"));
            const QString text =
                rate ? QStringLiteral("%1%").arg(v.toDouble() * 100.0, 0, 'f', 1) : formatCell(v);
            html += QStringLiteral("<td%1>%2</td>")
                        .arg(number ? QStringLiteral(" align=right") : QString(), esc(text));
        }
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

} // namespace

struct FollowupsScreen::Details
{
    FollowupItem item;
    QVector<FollowupEvent> history;
    std::optional<CommentDetail> response;
};

FollowupsScreen::FollowupsScreen(QWidget *parent)
    : LazyScreen(parent)
{
    m_owner = QSettings().value(ownerKey).toString();
    if (m_owner.isEmpty())
        m_owner = qEnvironmentVariable("USER");
    m_pickRootCause = [this](const QStringList &causes) -> std::optional<std::pair<QString, QString>> {
        bool ok = false;
        const QString cause =
            QInputDialog::getItem(this, tr("Close follow-up"), tr("Root cause:"), causes, 0, false, &ok);
        if (!ok || cause.isEmpty())
            return std::nullopt;
        const QString note =
            QInputDialog::getMultiLineText(this, tr("Close follow-up"), tr("Note (optional):"), {}, &ok);
        if (!ok)
            return std::nullopt;
        return std::make_pair(cause, note);
    };
    m_openUrl = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    m_pickSaveFile = [this](const QString &suggested) {
        return QFileDialog::getSaveFileName(this, tr("Export contacts"), QDir::home().filePath(suggested),
                                            tr("CSV files (*.csv)"));
    };
    buildUi();
    // Countdowns move with the clock; a minute is their resolution.
    m_timer = new QTimer(this);
    m_timer->setInterval(60 * 1000);
    connect(m_timer, &QTimer::timeout, this, &FollowupsScreen::tick);
    m_timer->start();
}

void FollowupsScreen::buildUi()
{
    m_model = new FollowupModel(this);
    m_proxy = new FollowupProxy(this);
    m_proxy->setSourceModel(m_model);

    m_viewBox = new QComboBox;
    m_viewBox->addItems({tr("My queue"), tr("All open"), tr("Due within 12 h"), tr("Overdue"), tr("Closed"),
                         tr("Passives"), tr("SLA report")});
    m_viewBox->setCurrentIndex(int(m_view));
    m_viewBox->setAccessibleName(tr("Follow-up view"));
    connect(m_viewBox, &QComboBox::currentIndexChanged, this, [this](int index) { setView(View(index)); });
    m_search = new QLineEdit;
    m_search->setPlaceholderText(tr("Search respondent, comment, owner"));
    m_search->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setAccessibleName(tr("Search follow-ups"));
    connect(m_search, &QLineEdit::textChanged, m_proxy, &FollowupProxy::setSearchText);
    m_take = new QPushButton(tr("Take next"));
    connect(m_take, &QPushButton::clicked, this, &FollowupsScreen::takeNext);
    auto *exportPassives = new QPushButton(tr("Export passives…"));
    connect(exportPassives, &QPushButton::clicked, this,
            [this]() { exportContacts(QStringLiteral("passive")); });
    auto *exportPromoters = new QPushButton(tr("Export promoters…"));
    connect(exportPromoters, &QPushButton::clicked, this,
            [this]() { exportContacts(QStringLiteral("promoter")); });
    m_summary = new QLabel;
    m_summary->setAccessibleName(tr("Queue summary"));

    auto *bar = new QHBoxLayout;
    auto *viewLabel = new QLabel(tr("View:"));
    viewLabel->setBuddy(m_viewBox);
    bar->addWidget(viewLabel);
    bar->addWidget(m_viewBox);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_take);
    bar->addWidget(exportPassives);
    bar->addWidget(exportPromoters);

    m_table = new QTableView;
    m_table->setAccessibleName(tr("Follow-up queue"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FollowupModel::Countdown, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(FollowupModel::Comment, QHeaderView::Stretch);
    m_table->setColumnWidth(FollowupModel::Countdown, 150);
    m_table->setColumnWidth(FollowupModel::Respondent, 120);
    m_table->setColumnWidth(FollowupModel::Score, 48);
    m_table->setColumnWidth(FollowupModel::Submitted, 115);
    m_table->setColumnWidth(FollowupModel::Status, 85);
    m_table->setColumnWidth(FollowupModel::Owner, 70);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_currentId = current.isValid() ? current.data(FollowupModel::IdRole).toLongLong() : 0;
                loadDetails();
            });

    auto *side = new QWidget;
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    m_details = new QTextBrowser;
    m_details->setAccessibleName(tr("Follow-up detail"));
    m_details->setOpenLinks(false);
    m_assign = new QPushButton(tr("Assign to me"));
    m_contact = new QPushButton(tr("Contact by email…"));
    m_contacted = new QPushButton(tr("Contacted"));
    m_resolve = new QPushButton(tr("Resolved…"));
    m_wontFix = new QPushButton(tr("Won't fix…"));
    m_unreachable = new QPushButton(tr("Unreachable…"));
    m_reopen = new QPushButton(tr("Reopen"));
    connect(m_assign, &QPushButton::clicked, this, &FollowupsScreen::assignToMe);
    connect(m_contact, &QPushButton::clicked, this, &FollowupsScreen::contactCurrent);
    connect(m_contacted, &QPushButton::clicked, this, &FollowupsScreen::markContacted);
    connect(m_resolve, &QPushButton::clicked, this, [this]() { closeCurrent(FollowupStatus::Resolved); });
    connect(m_wontFix, &QPushButton::clicked, this, [this]() { closeCurrent(FollowupStatus::WontFix); });
    connect(m_unreachable, &QPushButton::clicked, this,
            [this]() { closeCurrent(FollowupStatus::Unreachable); });
    connect(m_reopen, &QPushButton::clicked, this, &FollowupsScreen::reopenCurrent);
    auto *actions1 = new QHBoxLayout;
    actions1->addWidget(m_assign);
    actions1->addWidget(m_contact);
    actions1->addWidget(m_contacted);
    auto *actions2 = new QHBoxLayout;
    actions2->addWidget(m_resolve);
    actions2->addWidget(m_wontFix);
    actions2->addWidget(m_unreachable);
    actions2->addWidget(m_reopen);
    m_note = new QLineEdit;
    m_note->setPlaceholderText(tr("Add a note (what was said, what was offered)"));
    m_note->setAccessibleName(tr("Note"));
    m_addNote = new QPushButton(tr("Add note"));
    connect(m_addNote, &QPushButton::clicked, this, [this]() { addNote(m_note->text()); });
    connect(m_note, &QLineEdit::returnPressed, this, [this]() { addNote(m_note->text()); });
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_note, 1);
    noteRow->addWidget(m_addNote);
    sideLayout->addWidget(m_details, 1);
    sideLayout->addLayout(actions1);
    sideLayout->addLayout(actions2);
    sideLayout->addLayout(noteRow);

    auto *splitter = new QSplitter;
    splitter->addWidget(m_table);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({880, 420});

    m_report = new QTextBrowser;
    m_report->setAccessibleName(tr("SLA report"));
    m_pages = new QStackedWidget;
    m_pages->addWidget(splitter);
    m_pages->addWidget(m_report);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_summary);
    layout->addWidget(m_pages, 1);
    updateButtons();
}

void FollowupsScreen::setContext(const ScreenContext &context)
{
    const bool newDatabase = context.databasePath != m_context.databasePath;
    m_context = context;
    if (newDatabase) {
        m_currentId = 0;
        m_current.reset();
        m_lastOverdue = -1;
    }
    reloadWhenVisible();
}

void FollowupsScreen::showPart(const QString &name)
{
    if (name == QLatin1String("sla"))
        setView(View::SlaReport);
}

void FollowupsScreen::setView(View view)
{
    m_view = view;
    if (m_viewBox->currentIndex() != int(view))
        m_viewBox->setCurrentIndex(int(view));
    m_pages->setCurrentIndex(view == View::SlaReport ? 1 : 0);
    reload();
}

void FollowupsScreen::setOwnerName(const QString &name)
{
    m_owner = name.trimmed();
    QSettings().setValue(ownerKey, m_owner);
    if (m_view == View::MyQueue)
        reload();
}

void FollowupsScreen::reload()
{
    if (m_context.databasePath.isEmpty() || !m_context.clock)
        return;
    m_stale = false;
    // The window's "Your name" action edits the same key.
    const QString saved = QSettings().value(ownerKey).toString();
    if (!saved.isEmpty())
        m_owner = saved;
    const Clock *clock = m_context.clock;
    const View view = m_view;
    const QString owner = m_owner;
    // A slow older load must not overwrite a newer one (view switched meanwhile).
    const quint64 generation = ++m_generation;
    ++m_pending;
    runInBackground<Loaded>(
        this, m_context.databasePath,
        [clock, view, owner](Database &db) {
            FollowupQueue queue(db, *clock);
            Loaded loaded;
            static const QueueView views[] = {QueueView::Mine,    QueueView::Open,   QueueView::DueSoon,
                                              QueueView::Overdue, QueueView::Closed, QueueView::Passives};
            if (view == View::SlaReport)
                loaded.report = SlaReport::compute(db, *clock);
            else if (view != View::MyQueue || !owner.isEmpty())
                loaded.items = queue.items(views[int(view)], view == View::MyQueue ? owner : QString());
            loaded.counts = queue.counts();
            loaded.rootCauses = queue.rootCauses();
            return loaded;
        },
        [this, generation](const Loaded &loaded) {
            --m_pending;
            if (generation != m_generation)
                return;
            m_rootCauses = loaded.rootCauses;
            m_model->setItems(loaded.items, m_context.clock->now().toSecsSinceEpoch());
            m_summary->setText(tr("%1 open · <span style='color:#c0392b'>%2 overdue</span> · "
                                  "<span style='color:#d68910'>%3 due within 12 h</span> · owner: %4")
                                   .arg(loaded.counts.open)
                                   .arg(loaded.counts.overdue)
                                   .arg(loaded.counts.dueSoon)
                                   .arg(esc(m_owner.isEmpty() ? tr("(not set)") : m_owner)));
            if (loaded.report)
                showReport(*loaded.report);
            if (m_lastOverdue >= 0 && loaded.counts.overdue > m_lastOverdue)
                emit itemsBecameOverdue(loaded.counts.overdue - m_lastOverdue);
            m_lastOverdue = loaded.counts.overdue;
            emit queueCountsChanged(loaded.counts.overdue, loaded.counts.dueSoon);
            const int row = m_model->rowOf(m_currentId);
            if (row >= 0) {
                m_table->selectionModel()->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)),
                                                           QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
                loadDetails();
            } else if (m_proxy->rowCount() > 0 && m_view != View::SlaReport) {
                m_table->selectionModel()->setCurrentIndex(
                    m_proxy->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            } else {
                m_currentId = 0;
                loadDetails();
            }
        },
        [this](const QString &error) {
            --m_pending;
            m_summary->setText(esc(error));
            emit statusMessage(error);
        });
}

void FollowupsScreen::showFollowup(qint64 id)
{
    if (m_context.databasePath.isEmpty() || !m_context.clock)
        return;
    const Clock *clock = m_context.clock;
    ++m_pending;
    runInBackground<View>(
        this, m_context.databasePath,
        [id, clock](Database &db) {
            const FollowupItem item = FollowupQueue(db, *clock).item(id);
            if (item.status != FollowupStatus::New && item.status != FollowupStatus::Contacted)
                return View::Closed;
            return item.list == QLatin1String("passive") ? View::Passives : View::AllOpen;
        },
        [this, id](const View &view) {
            --m_pending;
            // The reload that setView starts selects the current id once it is listed.
            m_currentId = id;
            setView(view);
        },
        [this](const QString &error) {
            --m_pending;
            emit statusMessage(error);
        });
}

void FollowupsScreen::selectItem(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    m_table->selectionModel()->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)),
                                               QItemSelectionModel::ClearAndSelect |
                                                   QItemSelectionModel::Rows);
}

void FollowupsScreen::loadDetails()
{
    if (m_currentId == 0 || m_context.databasePath.isEmpty()) {
        m_current.reset();
        m_details->setHtml(
            tr("<p>Select a follow-up to see the answer, the respondent and the timeline.</p>"));
        updateButtons();
        return;
    }
    const qint64 id = m_currentId;
    const Clock *clock = m_context.clock;
    ++m_pending;
    runInBackground<Details>(
        this, m_context.databasePath,
        [id, clock](Database &db) {
            FollowupQueue queue(db, *clock);
            Details details{queue.item(id), queue.history(id), std::nullopt};
            details.response = CommentQuery(db).detail(details.item.responseId);
            return details;
        },
        [this, id](const Details &details) {
            --m_pending;
            if (id == m_currentId)
                showDetails(details);
        },
        [this](const QString &error) {
            --m_pending;
            m_details->setPlainText(error);
        });
}

void FollowupsScreen::showDetails(const Details &details)
{
    const FollowupItem &item = details.item;
    m_current = item;
    const qint64 now = m_context.clock->now().toSecsSinceEpoch();
    // The SLA clock stops at the first contact.
    const auto left = item.status == FollowupStatus::New ? item.hoursLeft(now) : std::nullopt;
    const QColor color = FollowupModel::urgencyColor(FollowupModel::urgency(left));
    // Secondary text halfway between the palette's text and background: readable in light and dark.
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    const QString secondary = QColor((text.red() + base.red()) / 2, (text.green() + base.green()) / 2,
                                     (text.blue() + base.blue()) / 2)
                                  .name();
    QString html = QStringLiteral("<h3>%1 <span style='color:%3'>· score %2</span></h3>")
                       .arg(esc(FollowupModel::respondentText(item)))
                       .arg(item.score)
                       .arg(secondary);
    html += QStringLiteral("<p>%1").arg(esc(item.respondentEmail));
    if (details.response)
        html += QStringLiteral(" · %1").arg(esc(details.response->row.wave));
    html += QStringLiteral("<br>") + tr("Answered %1").arg(FollowupModel::timeText(item.submittedAt));
    if (item.dueAt)
        html += tr(" · due %1").arg(FollowupModel::timeText(*item.dueAt));
    if (left)
        html += QStringLiteral(" · <b style='color:%1'>%2</b>")
                    .arg(color.isValid() ? color.name() : QStringLiteral("#2e7d32"),
                         esc(FollowupModel::countdownText(left)));
    html +=
        QStringLiteral("<br>%1 · %2")
            .arg(esc(statusLabel(item.status)), esc(item.owner.isEmpty() ? tr("unassigned") : item.owner));
    if (!item.rootCause.isEmpty())
        html += tr(" · root cause: %1").arg(esc(item.rootCause));
    html += QStringLiteral("</p>");
    if (item.laterScore)
        html += QStringLiteral("<p><b>%1</b></p>")
                    .arg(item.recovered() ? tr("Later answer: %1 · recovered").arg(*item.laterScore)
                                          : tr("Later answer: %1").arg(*item.laterScore));
    html += QStringLiteral("<blockquote style='font-size:large'>%1</blockquote>")
                .arg(item.comment.isEmpty() ? tr("<i>No comment</i>") : esc(item.comment));
    if (details.response && !details.response->row.attributes.isEmpty()) {
        html += QStringLiteral("<p>");
        for (const auto &a : details.response->row.attributes)
            html += QStringLiteral("<b>%1</b>: %2<br>").arg(esc(a.first), esc(a.second));
        html += QStringLiteral("</p>");
    }
    html += tr("<h4>Timeline</h4><ul>");
    for (auto it = details.history.crbegin(); it != details.history.crend(); ++it) {
        QString what;
        if (it->kind == QLatin1String("status"))
            what = tr("%1 → %2").arg(statusLabel(statusFromKey(it->fromStatus).value_or(FollowupStatus::New)),
                                     statusLabel(statusFromKey(it->toStatus).value_or(FollowupStatus::New)));
        else if (it->kind == QLatin1String("created"))
            what = tr("Entered the queue");
        else if (it->kind == QLatin1String("contact"))
            what = tr("Contact");
        else if (it->kind == QLatin1String("assign"))
            what = tr("Owner");
        else
            what = tr("Note");
        html +=
            QStringLiteral("<li><span style='color:%5'>%1 %2</span> <b>%3</b> %4</li>")
                .arg(FollowupModel::timeText(it->at), esc(it->actor), esc(what), esc(it->text), secondary);
    }
    html += QStringLiteral("</ul>");
    m_details->setHtml(html);
    updateButtons();
}

void FollowupsScreen::showReport(const SlaReport &report)
{
    const auto hours = [](const std::optional<double> &h) {
        return h ? QStringLiteral("%1 h").arg(*h, 0, 'f', 1) : QStringLiteral("–");
    };
    const std::optional<double> rate = report.contactedInTimeRate();
    QString html = tr("<h2>Closing the loop</h2>");
    html += QStringLiteral(
                "<table cellpadding=8><tr><td><big><b>%1</b></big><br>contacted within the deadline<br>"
                "<small>%2 of %3 due</small></td>"
                "<td><big><b>%4</b></big><br>median time to first contact</td>"
                "<td><big><b>%5</b></big><br>90th percentile</td>"
                "<td><big><b>%6</b></big><br>open<br><small>%7 overdue</small></td>"
                "<td><big><b>%8</b></big><br>recovered (later answer 7+)<br><small>of %9 who answered "
                "again</small></td></tr></table>")
                .arg(rate ? QStringLiteral("%1%").arg(*rate * 100.0, 0, 'f', 1) : QStringLiteral("–"))
                .arg(report.contactedInTime)
                .arg(report.due)
                .arg(hours(report.medianHoursToContact), hours(report.p90HoursToContact))
                .arg(report.open)
                .arg(report.overdue)
                .arg(report.recovered)
                .arg(report.answeredAgain);
    const auto buckets = [](const QString &label, const QVector<SlaReport::Bucket> &rows) {
        DataTable table;
        table.columns = {label, QStringLiteral("open"), QStringLiteral("overdue")};
        for (const SlaReport::Bucket &b : rows)
            table.addRow({b.label, b.open, b.overdue});
        return table;
    };
    html +=
        tr("<h3>Open backlog by age</h3>") + tableHtml(buckets(QStringLiteral("age"), report.backlogByAge));
    html += tr("<h3>Open backlog by owner</h3>") +
            tableHtml(buckets(QStringLiteral("owner"), report.backlogByOwner));
    html += tr("<h3>By quarter</h3>") + tableHtml(report.periodTable());
    m_report->setHtml(html);
}

void FollowupsScreen::updateButtons()
{
    const bool has = m_current.has_value() && m_current->id == m_currentId;
    const FollowupStatus s = has ? m_current->status : FollowupStatus::New;
    const bool detractor = has && m_current->list == QLatin1String("detractor");
    m_assign->setEnabled(has && m_current->owner != m_owner && !m_owner.isEmpty());
    m_contact->setEnabled(has && !m_current->respondentEmail.isEmpty());
    // The core refuses invalid transitions; the buttons only hide the pointless ones.
    m_contacted->setEnabled(detractor && s == FollowupStatus::New);
    m_resolve->setEnabled(detractor && !isClosed(s));
    m_wontFix->setEnabled(detractor && !isClosed(s));
    m_unreachable->setEnabled(detractor && !isClosed(s));
    m_reopen->setEnabled(has && isClosed(s));
    m_addNote->setEnabled(has);
    m_note->setEnabled(has);
}

void FollowupsScreen::runChange(std::function<void(FollowupQueue &)> change, const QString &done)
{
    if (m_context.databasePath.isEmpty())
        return;
    const Clock *clock = m_context.clock;
    ++m_pending;
    runInBackground<bool>(
        this, m_context.databasePath,
        [clock, change](Database &db) {
            FollowupQueue queue(db, *clock);
            change(queue);
            return true;
        },
        [this, done](const bool &) {
            --m_pending;
            emit statusMessage(done);
            emit dataChanged();
            reload();
        },
        [this](const QString &error) {
            --m_pending;
            m_summary->setText(QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(esc(error)));
            emit statusMessage(error);
        });
}

void FollowupsScreen::takeNext()
{
    const QString owner = m_owner;
    if (owner.isEmpty()) {
        m_summary->setText(tr("Set your owner name first (settings key followups/owner)."));
        return;
    }
    auto taken = std::make_shared<qint64>(0);
    runChange([owner, taken](FollowupQueue &queue) { *taken = queue.takeNext(owner); },
              tr("Took the next follow-up"));
    // Select it once the reload after the change arrives.
    connect(
        this, &FollowupsScreen::queueCountsChanged, this,
        [this, taken]() {
            if (*taken > 0) {
                m_currentId = *taken;
                selectItem(m_currentId);
            }
        },
        Qt::SingleShotConnection);
}

void FollowupsScreen::assignToMe()
{
    if (!m_currentId || m_owner.isEmpty())
        return;
    const qint64 id = m_currentId;
    const QString owner = m_owner;
    runChange([id, owner](FollowupQueue &q) { q.assign(id, owner, owner); }, tr("Assigned to %1").arg(owner));
}

void FollowupsScreen::markContacted()
{
    if (!m_currentId)
        return;
    const qint64 id = m_currentId;
    const QString owner = m_owner;
    runChange([id, owner](FollowupQueue &q) { q.setStatus(id, FollowupStatus::Contacted, owner); },
              tr("Marked as contacted"));
}

void FollowupsScreen::closeCurrent(FollowupStatus status)
{
    if (!m_currentId)
        return;
    const auto choice = m_pickRootCause(m_rootCauses);
    if (!choice)
        return;
    const qint64 id = m_currentId;
    const QString owner = m_owner;
    const auto [cause, note] = *choice;
    runChange([id, owner, status, cause = cause,
               note = note](FollowupQueue &q) { q.setStatus(id, status, owner, cause, note); },
              tr("Closed as %1").arg(statusLabel(status)));
}

void FollowupsScreen::reopenCurrent()
{
    if (!m_currentId)
        return;
    const qint64 id = m_currentId;
    const QString owner = m_owner;
    runChange([id, owner](FollowupQueue &q) { q.reopen(id, owner); }, tr("Reopened"));
}

void FollowupsScreen::addNote(const QString &text)
{
    if (!m_currentId || text.trimmed().isEmpty())
        return;
    const qint64 id = m_currentId;
    const QString owner = m_owner;
    runChange([id, owner, text](FollowupQueue &q) { q.addNote(id, text, owner); }, tr("Note added"));
    m_note->clear();
}

void FollowupsScreen::contactCurrent()
{
    if (!m_current || m_current->id != m_currentId || m_current->respondentEmail.isEmpty())
        return;
    const QUrl url = FollowupQueue::mailtoUrl(*m_current, m_owner);
    if (!m_openUrl(url)) {
        m_summary->setText(tr("No mail client could be opened."));
        return;
    }
    const qint64 id = m_currentId;
    const QString owner = m_owner;
    runChange([id, owner](
                  FollowupQueue &q) { q.logContact(id, owner, QStringLiteral("contact attempt by email")); },
              tr("Contact attempt logged"));
}

void FollowupsScreen::exportContacts(const QString &group)
{
    if (m_context.databasePath.isEmpty())
        return;
    const QString path = m_pickSaveFile(group + QStringLiteral("s.csv"));
    if (path.isEmpty())
        return;
    const ResponseFilter filter = m_context.filter;
    ++m_pending;
    runInBackground<int>(
        this, m_context.databasePath,
        [filter, group, path](Database &db) {
            const DataTable table = contactList(db, group, filter);
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(table.toCsv()) < 0 || !file.commit())
                throw Error::badInput(QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString()));
            return int(table.rows.size());
        },
        [this, path](const int &count) {
            --m_pending;
            m_summary->setText(tr("Exported %1 contacts to %2").arg(count).arg(esc(path)));
            emit statusMessage(tr("Exported %1 contacts").arg(count));
        },
        [this](const QString &error) {
            --m_pending;
            m_summary->setText(esc(error));
        });
}

void FollowupsScreen::tick()
{
    if (m_context.clock)
        m_model->setNow(m_context.clock->now().toSecsSinceEpoch());
    // Reloading the counts notices items that became overdue meanwhile.
    if (isVisible())
        reload();
}

} // namespace nps::ui
