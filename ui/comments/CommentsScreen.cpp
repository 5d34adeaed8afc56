#include "CommentsScreen.h"

#include "CommentDelegate.h"
#include "CommentListModel.h"
#include "CommentsDialogs.h"
#include "RuleDialog.h"
#include "charts/ExportActions.h"
#include "comments/CommentExport.h"
#include "common/BackgroundTask.h"
#include "common/Error.h"
#include "common/GroupColors.h"
#include "store/Database.h"

#include <QAction>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStringListModel>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QThread>
#include <QToolButton>
#include <QToolTip>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QValueAxis>

namespace nps::ui {

namespace {

struct TagsAndRules
{
    QVector<Tag> tags;
    QVector<TagRule> rules;
};

QString settingsGroup(const QString &path)
{
    // Keyed by the database path: each file remembers its own filter and position.
    return QStringLiteral("comments/") +
           QString::fromLatin1(
               QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
}

// Sorts by its number whatever its text says: "44.0" next to "17.4", or
// "+4.1 (-3.5 to 11.7)", would otherwise sort as text.
class NumberItem : public QTableWidgetItem
{
public:
    explicit NumberItem(double value)
        : m_value(value)
    {
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        if (const auto *number = dynamic_cast<const NumberItem *>(&other))
            return m_value < number->m_value;
        return QTableWidgetItem::operator<(other);
    }

private:
    double m_value;
};

QTableWidgetItem *numberItem(double value, int decimals = 1)
{
    auto *item = new NumberItem(value);
    if (decimals == 0)
        item->setData(Qt::DisplayRole, QVariant(qint64(value)));
    else
        item->setText(QString::number(value, 'f', decimals));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString dateText(const std::optional<qint64> &secs)
{
    return secs ? QDateTime::fromSecsSinceEpoch(*secs, Qt::UTC).date().toString(Qt::ISODate)
                : QStringLiteral("-");
}

} // namespace

CommentsScreen::CommentsScreen(QWidget *parent)
    : LazyScreen(parent)
    , m_defaultDialogs(std::make_unique<CommentsDialogs>())
    , m_dialogs(m_defaultDialogs.get())
{
    buildUi();
}

CommentsScreen::~CommentsScreen() = default;

void CommentsScreen::setDialogs(CommentsDialogs *dialogs)
{
    m_dialogs = dialogs ? dialogs : m_defaultDialogs.get();
}

void CommentsScreen::buildUi()
{
    setAccessibleName(QStringLiteral("Comments"));
    m_undo = new QUndoStack(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    m_tabs = new QTabWidget;
    m_tabs->setAccessibleName(QStringLiteral("Comments, tags and theme drivers"));
    m_tabs->addTab(buildReader(), QStringLiteral("Comments"));
    m_tabs->addTab(buildTagManager(), QStringLiteral("Tags, rules and suggestions"));
    m_tabs->addTab(buildThemes(), QStringLiteral("Theme drivers"));
    layout->addWidget(m_tabs);

    m_undoAction = m_undo->createUndoAction(this, QStringLiteral("Undo"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_undo->createRedoAction(this, QStringLiteral("Redo"));
    m_redoAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    for (QAction *a : {m_undoAction, m_redoAction}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == 1 && m_detractorWords->count() == 0)
            reloadSuggestions();
    });
}

void CommentsScreen::leaveUndoShortcutsToWindow()
{
    removeAction(m_undoAction);
    removeAction(m_redoAction);
}

QWidget *CommentsScreen::buildReader()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *filters = new QHBoxLayout;
    m_search = new QLineEdit;
    m_search->setPlaceholderText(QStringLiteral("Search: words, prefix*, \"phrase\", AND OR NOT"));
    m_search->setAccessibleName(QStringLiteral("Search comments"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(96);
    m_group = new QComboBox;
    m_group->setAccessibleName(QStringLiteral("Group"));
    m_group->addItem(QStringLiteral("All groups"), -1);
    m_group->addItem(QStringLiteral("Detractors (0-6)"), int(NpsGroup::Detractor));
    m_group->addItem(QStringLiteral("Passives (7-8)"), int(NpsGroup::Passive));
    m_group->addItem(QStringLiteral("Promoters (9-10)"), int(NpsGroup::Promoter));
    m_score = new QComboBox;
    m_score->setAccessibleName(QStringLiteral("Score"));
    m_score->addItem(QStringLiteral("Any score"), -1);
    for (int s = 0; s <= 10; ++s)
        m_score->addItem(QStringLiteral("Score %1").arg(s), s);
    m_tagFilter = new QComboBox;
    m_tagFilter->setAccessibleName(QStringLiteral("Tag filter"));
    m_tagFilter->addItem(QStringLiteral("Any tag"), QString());
    m_untagged = new QCheckBox(QStringLiteral("Untagged"));
    m_starred = new QCheckBox(QStringLiteral("Starred"));
    // Off, the reader also lists the answers that came without a comment, to
    // star or tag them like the others.
    m_hasComment = new QCheckBox(QStringLiteral("Has comment"));
    m_hasComment->setObjectName(QStringLiteral("hasComment"));
    m_hasComment->setChecked(true);
    m_count = new QLabel;
    m_count->setAccessibleName(QStringLiteral("Comment count"));
    // The combos give up width before the window has to scroll sideways: at
    // 1000 pixels the whole row still fits beside the sidebar.
    for (QComboBox *combo : {m_group, m_score, m_tagFilter}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(6);
    }
    filters->addWidget(m_search, 3);
    filters->addWidget(m_group);
    filters->addWidget(m_score);
    filters->addWidget(m_tagFilter);
    filters->addWidget(m_untagged);
    filters->addWidget(m_starred);
    filters->addWidget(m_hasComment);
    layout->addLayout(filters);

    auto *tagging = new QHBoxLayout;
    m_pinnedBar = new QLabel;
    m_pinnedBar->setAccessibleName(QStringLiteral("Pinned tags"));
    m_pinnedBar->setTextFormat(Qt::RichText);
    m_pinnedBar->setWordWrap(true);
    m_pinnedBar->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_quickTag = new QLineEdit;
    m_quickTag->setPlaceholderText(
        QStringLiteral("Quick tag (T): type a tag, Enter toggles it on the selection"));
    m_quickTag->setAccessibleName(QStringLiteral("Quick tag"));
    m_quickTag->setMinimumWidth(160);
    // Wide enough to type a tag name; the rest of the row goes to the nine
    // pinned tags, which then fit on one line in a 1440-pixel window.
    m_quickTag->setMaximumWidth(340);
    m_tagNames = new QStringListModel(this);
    m_completer = new QCompleter(m_tagNames, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_quickTag->setCompleter(m_completer);
    auto *star = new QPushButton(QStringLiteral("\u2605 Star (S)"));
    auto *exportList = new QPushButton(QStringLiteral("Export..."));
    exportList->setAccessibleName(QStringLiteral("Export comments"));
    exportList->setToolTip(QStringLiteral("Every comment of the filter to CSV, with its tags and star"));
    tagging->addWidget(m_pinnedBar, 3);
    tagging->addWidget(m_quickTag, 1);
    tagging->addWidget(star);
    tagging->addWidget(exportList);
    layout->addLayout(tagging);

    auto *split = new QSplitter(Qt::Horizontal);
    m_list = new QListView;
    m_list->setAccessibleName(QStringLiteral("Comments"));
    m_model = new CommentListModel(this);
    m_delegate = new CommentDelegate(this);
    m_delegate->setKeyAttributes({QStringLiteral("Plan"), QStringLiteral("Role"),
                                  QStringLiteral("Company size"), QStringLiteral("Region"),
                                  QStringLiteral("Segment"), QStringLiteral("Company")});
    m_list->setModel(m_model);
    m_list->setItemDelegate(m_delegate);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setResizeMode(QListView::Adjust);
    // Every card has one height, so the list lays out all matches without
    // reading them: the model holds only the pages around what is on screen.
    m_list->setUniformItemSizes(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->installEventFilter(this);
    m_detail = new QTextBrowser;
    m_detail->setAccessibleName(QStringLiteral("Comment detail"));
    m_detail->setOpenLinks(false);
    split->addWidget(m_list);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    // Under the list it counts, as a list's footer; the rows above are full.
    layout->addWidget(m_count);

    connect(m_search, &QLineEdit::returnPressed, this, [this]() { filterControlsChanged(); });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            filterControlsChanged();
    });
    for (QComboBox *box : {m_group, m_score, m_tagFilter})
        connect(box, &QComboBox::activated, this, [this]() { filterControlsChanged(); });
    for (QCheckBox *box : {m_untagged, m_starred, m_hasComment})
        connect(box, &QCheckBox::toggled, this, [this]() { filterControlsChanged(); });
    connect(m_quickTag, &QLineEdit::returnPressed, this, [this]() {
        if (quickTag(m_quickTag->text()))
            m_quickTag->clear();
        m_list->setFocus();
    });
    connect(star, &QPushButton::clicked, this, [this]() { toggleStar(); });
    connect(exportList, &QPushButton::clicked, this, [this]() { exportComments(); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                showDetail(m_model->idAt(current.row()));
                saveState();
            });
    connect(m_model, &CommentListModel::pageLoaded, this, [this]() {
        if (!m_list->currentIndex().isValid() && m_model->rowCount() > 0 && m_restoreId == 0)
            m_list->setCurrentIndex(m_model->index(0));
        // The current row may have been waiting for its page (End, a drag of
        // the scroll bar, a remembered position).
        const qint64 current = m_model->idAt(m_list->currentIndex().row());
        if (current > 0 && m_detailId == 0) {
            showDetail(current);
            saveState();
        }
    });
    connect(m_model, &CommentListModel::located, this, [this](qint64 id, int row) {
        if (id != m_restoreId)
            return;
        m_restoreId = 0;
        const QModelIndex index = m_model->index(std::max(row, 0));
        m_list->setCurrentIndex(index);
        m_list->scrollTo(index, QAbstractItemView::PositionAtTop);
    });
    connect(m_model, &CommentListModel::aboutToRebuild, this, [this]() {
        const int row = m_list->currentIndex().row();
        m_restoreId = m_model->idAt(row);
        if (m_restoreId > 0) {
            m_model->locate(m_restoreId);
            return;
        }
        // The current row's page was not in yet: keep the place by row, once
        // the model has reset.
        QMetaObject::invokeMethod(
            this,
            [this, row]() {
                if (row >= 0 && row < m_model->rowCount() && !m_list->currentIndex().isValid()) {
                    m_list->setCurrentIndex(m_model->index(row));
                    m_list->scrollTo(m_model->index(row));
                }
            },
            Qt::QueuedConnection);
    });
    connect(m_model, &CommentListModel::countKnown, this, [this](qint64 n) {
        const QString noun =
            m_filter.withCommentOnly ? QStringLiteral("comment") : QStringLiteral("response");
        m_count->setText(QStringLiteral("%1 %2%3").arg(QLocale().toString(n), noun, n == 1 ? "" : "s"));
    });
    connect(m_model, &CommentListModel::loadFailed, this, [this](const QString &message) {
        m_count->setText(QStringLiteral("Error"));
        emit statusMessage(message);
    });
    connect(m_detail, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("followup"))
            emit openFollowupRequested(url.path().toLongLong());
        else if (url.scheme() == QLatin1String("response")) {
            const int row = m_model->rowOf(url.path().toLongLong());
            if (row >= 0)
                m_list->setCurrentIndex(m_model->index(row));
            else
                showDetail(url.path().toLongLong());
        }
    });
    return page;
}

QWidget *CommentsScreen::buildTagManager()
{
    auto *page = new QWidget;
    auto *layout = new QHBoxLayout(page);

    auto *tagsBox = new QVBoxLayout;
    tagsBox->addWidget(new QLabel(QStringLiteral("<b>Tags</b>")));
    m_tagTable = new QTableWidget(0, 5);
    m_tagTable->setAccessibleName(QStringLiteral("Tags"));
    m_tagTable->setHorizontalHeaderLabels({QStringLiteral("Tag"), QStringLiteral("Parent"),
                                           QStringLiteral("Key"), QStringLiteral("Comments"),
                                           QStringLiteral("Colour")});
    m_tagTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tagTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tagTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tagTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tagTable->verticalHeader()->setVisible(false);
    tagsBox->addWidget(m_tagTable, 1);
    auto *tagButtons = new QGridLayout;
    const std::pair<const char *, void (CommentsScreen::*)()> actions[] = {
        {"New...", &CommentsScreen::newTag},        {"Rename...", &CommentsScreen::renameTag},
        {"Colour...", &CommentsScreen::recolorTag}, {"Parent...", &CommentsScreen::reparentTag},
        {"Pin to key...", &CommentsScreen::pinTag}, {"Merge into...", &CommentsScreen::mergeTag},
        {"Delete...", &CommentsScreen::deleteTag}};
    int position = 0;
    for (const auto &[label, slot] : actions) {
        auto *button = new QPushButton(QString::fromLatin1(label));
        connect(button, &QPushButton::clicked, this, [this, slot = slot]() { (this->*slot)(); });
        tagButtons->addWidget(button, position / 4, position % 4);
        ++position;
    }
    tagsBox->addLayout(tagButtons);
    layout->addLayout(tagsBox, 3);

    auto *right = new QVBoxLayout;
    right->addWidget(new QLabel(QStringLiteral("<b>Rules</b> (re-run them after an import)")));
    m_ruleTable = new QTableWidget(0, 5);
    m_ruleTable->setAccessibleName(QStringLiteral("Rules"));
    m_ruleTable->setHorizontalHeaderLabels({QStringLiteral("Tag"), QStringLiteral("Kind"),
                                            QStringLiteral("Pattern"), QStringLiteral("Last applied"),
                                            QStringLiteral("Tagged")});
    m_ruleTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ruleTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_ruleTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_ruleTable->verticalHeader()->setVisible(false);
    right->addWidget(m_ruleTable, 1);
    auto *ruleButtons = new QHBoxLayout;
    auto *newRule = new QPushButton(QStringLiteral("New rule..."));
    auto *rerun = new QPushButton(QStringLiteral("Re-run all rules"));
    auto *removeRule = new QPushButton(QStringLiteral("Delete rule"));
    ruleButtons->addWidget(newRule);
    ruleButtons->addWidget(rerun);
    ruleButtons->addWidget(removeRule);
    ruleButtons->addStretch();
    right->addLayout(ruleButtons);
    connect(newRule, &QPushButton::clicked, this, [this]() {
        const auto tag = selectedManagerTag();
        openRuleDialog({}, RuleKind::Keyword, tag ? tag->name : QString());
    });
    connect(rerun, &QPushButton::clicked, this, [this]() { rerunRules(); });
    connect(removeRule, &QPushButton::clicked, this, [this]() { deleteRule(); });

    auto *suggestTitle = new QLabel(QStringLiteral("<b>Suggestions</b>: distinctive words and phrases "
                                                   "(double-click one to make it a rule) <u>how?</u>"));
    suggestTitle->setToolTip(Suggestions::methodTooltip());
    suggestTitle->setWordWrap(true);
    right->addWidget(suggestTitle);
    m_suggestionNote = new QLabel;
    m_suggestionNote->setWordWrap(true);
    right->addWidget(m_suggestionNote);
    auto *lists = new QHBoxLayout;
    m_detractorWords = new QListWidget;
    m_promoterWords = new QListWidget;
    m_detractorWords->setAccessibleName(QStringLiteral("Detractor words"));
    m_promoterWords->setAccessibleName(QStringLiteral("Promoter words"));
    for (QListWidget *list : {m_detractorWords, m_promoterWords}) {
        list->setToolTip(Suggestions::methodTooltip());
        connect(list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
            const QString text = item->data(Qt::UserRole).toString();
            openRuleDialog(text, text.contains(QLatin1Char(' ')) ? RuleKind::Phrase : RuleKind::Keyword);
        });
    }
    auto *dBox = new QVBoxLayout;
    dBox->addWidget(new QLabel(QStringLiteral("Detractors say")));
    dBox->addWidget(m_detractorWords);
    auto *pBox = new QVBoxLayout;
    pBox->addWidget(new QLabel(QStringLiteral("Promoters say")));
    pBox->addWidget(m_promoterWords);
    lists->addLayout(dBox);
    lists->addLayout(pBox);
    right->addLayout(lists, 1);
    layout->addLayout(right, 4);
    return page;
}

QWidget *CommentsScreen::buildThemes()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *top = new QHBoxLayout;
    m_themeSummary = new QLabel;
    m_themeSummary->setToolTip(ThemeDrivers::methodTooltip());
    m_themeSummary->setWordWrap(true);
    m_themeSummary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    // Exported the same ways as every other table and chart: CSV, XLSX and the
    // clipboard; PNG at slide sizes, SVG and PDF, with the filter and n underneath.
    auto *exportTable = new QToolButton;
    exportTable->setText(QStringLiteral("Export table"));
    exportTable->setAccessibleName(QStringLiteral("Export theme drivers table"));
    exportTable->setPopupMode(QToolButton::InstantPopup);
    auto *exportChart = new QToolButton;
    exportChart->setText(QStringLiteral("Export chart"));
    exportChart->setAccessibleName(QStringLiteral("Export theme drivers chart"));
    exportChart->setPopupMode(QToolButton::InstantPopup);
    top->addWidget(m_themeSummary, 1);
    top->addWidget(exportTable);
    top->addWidget(exportChart);
    layout->addLayout(top);
    auto *split = new QSplitter(Qt::Vertical);
    m_themes = new QTableWidget(0, 10);
    m_themes->setAccessibleName(QStringLiteral("Theme drivers"));
    m_themes->setHorizontalHeaderLabels({QStringLiteral("Theme"), QStringLiteral("Responses"),
                                         QStringLiteral("Detractors"), QStringLiteral("% of det."),
                                         QStringLiteral("Passives"), QStringLiteral("% of pas."),
                                         QStringLiteral("Promoters"), QStringLiteral("% of pro."),
                                         QStringLiteral("NPS"), QStringLiteral("vs overall (95% CI)")});
    m_themes->setColumnCount(11);
    m_themes->setHorizontalHeaderItem(10, new QTableWidgetItem(QStringLiteral("NPS without its detractors")));
    m_themes->setToolTip(ThemeDrivers::methodTooltip());
    m_themes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_themes->setSortingEnabled(true);
    m_themes->verticalHeader()->setVisible(false);
    m_themes->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_themes->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setVisible(true);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chartView = new QChartView(m_chart);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setAccessibleName(QStringLiteral("Theme drivers chart"));
    split->addWidget(m_themes);
    split->addWidget(m_chartView);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    // The table's size hint asks for every row: without starting sizes the
    // chart, laid out while its tab is hidden, is left a sliver.
    m_chartView->setMinimumHeight(220);
    split->setSizes({320, 480});
    layout->addWidget(split, 1);
    auto report = [this](const QString &message) { emit statusMessage(message); };
    TableSource table;
    table.table = [this]() { return ThemeDrivers::toTable(m_themeResult); };
    table.title = []() { return QStringLiteral("Theme drivers"); };
    table.notes = [this]() {
        return QStringList{QStringLiteral("Filter: %1").arg(m_filter.base.describe()),
                           QStringLiteral("Overall NPS %1 on %2 responses")
                               .arg(m_themeResult.overallNps, 0, 'f', 1)
                               .arg(m_themeResult.total),
                           ThemeDrivers::methodTooltip()};
    };
    table.baseName = QStringLiteral("theme-drivers");
    exportTable->setMenu(createTableExportMenu(this, table, report));
    ChartSource chart;
    chart.chart = [this]() -> QChart * { return m_themeResult.drivers.isEmpty() ? nullptr : m_chart; };
    chart.options = [this]() {
        ChartExportOptions options;
        options.title = m_chart->title();
        options.filterText = m_filter.base.describe();
        options.n = m_themeResult.total;
        options.note = QStringLiteral("Share of each group's comments that carry the theme");
        return options;
    };
    chart.baseName = QStringLiteral("theme-drivers");
    exportChart->setMenu(createChartExportMenu(this, chart, report));
    return page;
}

bool CommentsScreen::run(const std::function<void()> &action)
{
    try {
        action();
        return true;
    } catch (const Error &error) {
        emit statusMessage(error.message());
        m_count->setText(error.message());
        return false;
    }
}

void CommentsScreen::setContext(const ScreenContext &context)
{
    const bool newDatabase = context.databasePath != m_context.databasePath;
    m_context = context;
    if (newDatabase) {
        m_undo->clear();
        m_tagService.reset();
        m_db.reset();
        if (!context.databasePath.isEmpty()) {
            auto db = std::make_unique<Database>();
            if (run([&]() { db->open(context.databasePath, Database::Mode::ExistingOnly); })) {
                m_db = std::move(db);
                m_tagService = std::make_unique<TagService>(*m_db, systemClock());
            }
        }
        restoreState();
    }
    m_filter.base = context.filter;
    syncControls();
    reloadWhenVisible();
}

void CommentsScreen::restoreState()
{
    CommentFilter f;
    m_restoreId = 0;
    if (!m_context.databasePath.isEmpty()) {
        QSettings settings;
        settings.beginGroup(settingsGroup(m_context.databasePath));
        const QString json = settings.value(QStringLiteral("filter")).toString();
        if (!json.isEmpty())
            f = CommentFilter::fromJson(json);
        m_restoreId = settings.value(QStringLiteral("current")).toLongLong();
    }
    m_filter = f;
}

void CommentsScreen::saveState()
{
    if (m_context.databasePath.isEmpty() || !m_context.persistent)
        return;
    QSettings settings;
    settings.beginGroup(settingsGroup(m_context.databasePath));
    CommentFilter own = m_filter;
    own.base = {}; // the shared filter bar keeps its own state
    settings.setValue(QStringLiteral("filter"), own.toJson());
    const qint64 current = m_model->idAt(m_list->currentIndex().row());
    if (current > 0)
        settings.setValue(QStringLiteral("current"), current);
}

void CommentsScreen::setCommentFilter(const CommentFilter &filter)
{
    m_filter = filter;
    m_filter.base = m_context.filter;
    syncControls();
    saveState();
    reload();
}

void CommentsScreen::syncControls()
{
    const QSignalBlocker b1(m_search), b2(m_group), b3(m_score), b4(m_tagFilter), b5(m_untagged),
        b6(m_starred), b7(m_hasComment);
    m_search->setText(m_filter.search);
    m_group->setCurrentIndex(std::max(0, m_group->findData(m_filter.group ? int(*m_filter.group) : -1)));
    m_score->setCurrentIndex(std::max(0, m_score->findData(m_filter.score ? *m_filter.score : -1)));
    int tagIndex = m_tagFilter->findData(m_filter.tag);
    if (tagIndex < 0 && !m_filter.tag.isEmpty()) {
        m_tagFilter->addItem(m_filter.tag, m_filter.tag);
        tagIndex = m_tagFilter->count() - 1;
    }
    m_tagFilter->setCurrentIndex(std::max(0, tagIndex));
    m_untagged->setChecked(m_filter.untagged);
    m_starred->setChecked(m_filter.starred);
    m_hasComment->setChecked(m_filter.withCommentOnly);
}

void CommentsScreen::filterControlsChanged()
{
    CommentFilter f = m_filter;
    f.search = m_search->text().trimmed();
    const int group = m_group->currentData().toInt();
    f.group = group < 0 ? std::nullopt : std::optional<NpsGroup>(NpsGroup(group));
    const int score = m_score->currentData().toInt();
    f.score = score < 0 ? std::nullopt : std::optional<int>(score);
    f.tag = m_tagFilter->currentData().toString();
    f.untagged = m_untagged->isChecked();
    f.starred = m_starred->isChecked();
    f.withCommentOnly = m_hasComment->isChecked();
    if (f == m_filter)
        return;
    m_filter = f;
    m_restoreId = 0;
    saveState();
    reload();
}

void CommentsScreen::reload()
{
    m_stale = false;
    m_model->setQuery(m_context.databasePath, m_filter);
    showDetail(0);
    if (m_context.databasePath.isEmpty()) {
        m_count->clear();
        return;
    }
    m_count->setText(QStringLiteral("Counting..."));
    if (m_restoreId > 0)
        m_model->locate(m_restoreId);
    reloadTags();
    reloadThemes();
    m_detractorWords->clear();
    m_promoterWords->clear();
    if (m_tabs->currentIndex() == 1)
        reloadSuggestions();
}

void CommentsScreen::reloadTags()
{
    ++m_pending;
    runInBackground<TagsAndRules>(
        this, m_context.databasePath,
        [](Database &db) {
            TagService s(db);
            return TagsAndRules{s.tags(), s.rules()};
        },
        [this](const TagsAndRules &r) {
            --m_pending;
            showTags(r.tags, r.rules);
        },
        [this](const QString &) { --m_pending; });
}

void CommentsScreen::showTags(const QVector<Tag> &tags, const QVector<TagRule> &rules)
{
    m_tagList = tags;
    m_rules = rules;
    QStringList names;
    QHash<qint64, QString> byId;
    for (const Tag &t : tags) {
        names << t.name;
        byId.insert(t.id, t.name);
    }
    m_tagNames->setStringList(names);

    {
        const QSignalBlocker block(m_tagFilter);
        const QString current = m_filter.tag;
        m_tagFilter->clear();
        m_tagFilter->addItem(QStringLiteral("Any tag"), QString());
        for (const Tag &t : tags)
            m_tagFilter->addItem(t.parentId ? QStringLiteral("  ") + t.name : t.name, t.name);
        const int i = m_tagFilter->findData(current);
        m_tagFilter->setCurrentIndex(std::max(0, i));
    }

    QStringList pinned;
    for (int slot = 1; slot <= 9; ++slot) {
        for (const Tag &t : tags) {
            if (t.pinnedSlot == slot)
                // A narrow window wraps between tags, never inside one.
                pinned << QStringLiteral(
                              "<b>%1</b>&nbsp;<span style='background:%2;color:white'>&nbsp;%3&nbsp;</span>")
                              .arg(slot)
                              .arg(t.color, t.name.toHtmlEscaped().replace(QLatin1Char(' '),
                                                                           QStringLiteral("&nbsp;")));
        }
    }
    m_pinnedBar->setText(pinned.isEmpty()
                             ? QStringLiteral("No pinned tags: pin up to nine in the tag manager.")
                             : pinned.join(QStringLiteral("&nbsp; ")));

    const qint64 selected = selectedManagerTag() ? selectedManagerTag()->id : 0;
    m_tagTable->setSortingEnabled(false);
    m_tagTable->setRowCount(int(tags.size()));
    for (int i = 0; i < tags.size(); ++i) {
        const Tag &t = tags.at(i);
        auto *name = new QTableWidgetItem(t.parentId ? QStringLiteral("    ") + t.name : t.name);
        name->setData(Qt::UserRole, t.id);
        m_tagTable->setItem(i, 0, name);
        m_tagTable->setItem(i, 1, new QTableWidgetItem(t.parentId ? byId.value(*t.parentId) : QString()));
        m_tagTable->setItem(i, 2,
                            new QTableWidgetItem(t.pinnedSlot ? QString::number(t.pinnedSlot) : QString()));
        m_tagTable->setItem(i, 3, numberItem(double(t.count), 0));
        auto *color = new QTableWidgetItem(t.color);
        color->setBackground(QColor(t.color));
        color->setForeground(QColor(t.color).lightness() > 160 ? Qt::black : Qt::white);
        m_tagTable->setItem(i, 4, color);
        if (t.id == selected)
            m_tagTable->selectRow(i);
    }
    m_ruleTable->setRowCount(int(rules.size()));
    for (int i = 0; i < rules.size(); ++i) {
        const TagRule &r = rules.at(i);
        auto *tag = new QTableWidgetItem(r.tagName);
        tag->setData(Qt::UserRole, r.id);
        m_ruleTable->setItem(i, 0, tag);
        m_ruleTable->setItem(i, 1, new QTableWidgetItem(ruleKindName(r.kind)));
        m_ruleTable->setItem(i, 2, new QTableWidgetItem(r.pattern));
        m_ruleTable->setItem(i, 3, new QTableWidgetItem(dateText(r.lastAppliedAt)));
        m_ruleTable->setItem(i, 4, numberItem(double(r.lastAppliedCount.value_or(0)), 0));
    }
}

void CommentsScreen::reloadThemes()
{
    const CommentFilter filter = m_filter;
    const double confidence = m_context.confidence;
    ++m_pending;
    runInBackground<ThemeDriversResult>(
        this, m_context.databasePath,
        [filter, confidence](Database &db) { return ThemeDrivers::compute(db, filter, confidence); },
        [this](const ThemeDriversResult &r) {
            --m_pending;
            showThemes(r);
        },
        [this](const QString &) { --m_pending; });
}

void CommentsScreen::showThemes(const ThemeDriversResult &result)
{
    m_themeResult = result;
    m_themeSummary->setText(QStringLiteral("Overall NPS %1 on %2 responses (%3). Hover for the method.")
                                .arg(result.overallNps, 0, 'f', 1)
                                .arg(result.total)
                                .arg(m_context.filter.describe()));
    m_themes->horizontalHeaderItem(9)->setText(
        QStringLiteral("vs overall (%1% CI)").arg(result.confidence * 100, 0, 'g', 3));
    m_themes->setSortingEnabled(false);
    m_themes->setRowCount(int(result.drivers.size()));
    for (int i = 0; i < result.drivers.size(); ++i) {
        const ThemeDriver &d = result.drivers.at(i);
        auto *name = new QTableWidgetItem(d.tag);
        name->setForeground(QColor(d.color));
        if (!d.reliable)
            name->setToolTip(QStringLiteral("Fewer than 30 responses: unreliable"));
        m_themes->setItem(i, 0, name);
        m_themes->setItem(i, 1, numberItem(double(d.n()), 0));
        m_themes->setItem(i, 2, numberItem(double(d.detractors), 0));
        m_themes->setItem(i, 3, numberItem(d.detractorPct));
        m_themes->setItem(i, 4, numberItem(double(d.passives), 0));
        m_themes->setItem(i, 5, numberItem(d.passivePct));
        m_themes->setItem(i, 6, numberItem(double(d.promoters), 0));
        m_themes->setItem(i, 7, numberItem(d.promoterPct));
        m_themes->setItem(i, 8, numberItem(d.nps));
        auto *diff = numberItem(d.difference);
        diff->setText(QStringLiteral("%1%2 (%3 to %4)%5")
                          .arg(d.difference > 0 ? "+" : "")
                          .arg(d.difference, 0, 'f', 1)
                          .arg(d.differenceLow, 0, 'f', 1)
                          .arg(d.differenceHigh, 0, 'f', 1)
                          .arg(d.reliable ? "" : " *"));
        diff->setData(Qt::UserRole, d.difference);
        const bool significant = d.reliable && (d.differenceLow > 0 || d.differenceHigh < 0);
        if (significant)
            diff->setForeground(d.difference < 0 ? detractorColor().darker(130)
                                                 : promoterColor().darker(130));
        m_themes->setItem(i, 9, diff);
        m_themes->setItem(i, 10, numberItem(d.npsWithoutDetractors));
    }
    m_themes->setSortingEnabled(true);
    m_themes->sortByColumn(1, Qt::DescendingOrder);

    // The chart: each theme's share of detractor and of promoter comments.
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes())
        m_chart->removeAxis(axis);
    auto *series = new QHorizontalBarSeries;
    auto *det = new QBarSet(QStringLiteral("% of detractor comments"));
    auto *pro = new QBarSet(QStringLiteral("% of promoter comments"));
    det->setColor(detractorColor());
    pro->setColor(promoterColor());
    QStringList categories;
    double top = 10;
    const int shown = int(std::min<qsizetype>(12, result.drivers.size()));
    for (int i = shown - 1; i >= 0; --i) { // horizontal bars draw bottom-up
        const ThemeDriver &d = result.drivers.at(i);
        categories << d.tag;
        *det << d.detractorPct;
        *pro << d.promoterPct;
        top = std::max({top, d.detractorPct, d.promoterPct});
    }
    series->append(det);
    series->append(pro);
    m_chart->addSeries(series);
    auto *axisY = new QBarCategoryAxis;
    axisY->append(categories);
    auto *axisX = new QValueAxis;
    axisX->setRange(0, std::ceil(top / 10.0) * 10.0);
    axisX->setLabelFormat(QStringLiteral("%.0f%%"));
    m_chart->addAxis(axisY, Qt::AlignLeft);
    m_chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisY);
    series->attachAxis(axisX);
    m_chart->setTitle(QStringLiteral("Theme mentions: detractors vs promoters"));
}

void CommentsScreen::reloadSuggestions()
{
    if (m_context.databasePath.isEmpty())
        return;
    const CommentFilter filter = m_filter;
    m_suggestionNote->setText(QStringLiteral("Reading comments..."));
    ++m_pending;
    runInBackground<SuggestionResult>(
        this, m_context.databasePath, [filter](Database &db) { return Suggestions::compute(db, filter, 25); },
        [this](const SuggestionResult &r) {
            --m_pending;
            m_detractorWords->clear();
            m_promoterWords->clear();
            auto fill = [](QListWidget *list, const QVector<Suggestion> &items) {
                for (const Suggestion &s : items) {
                    auto *item = new QListWidgetItem(QStringLiteral("%1   (z %2; %3 det. / %4 pro.)")
                                                         .arg(s.text)
                                                         .arg(s.zScore, 0, 'f', 1)
                                                         .arg(s.detractorCount)
                                                         .arg(s.promoterCount));
                    item->setData(Qt::UserRole, s.text);
                    list->addItem(item);
                }
            };
            fill(m_detractorWords, r.detractor);
            fill(m_promoterWords, r.promoter);
            m_suggestionNote->setText(
                QStringLiteral("From the %1 most recent comments of the filter.").arg(r.commentsRead));
        },
        [this](const QString &message) {
            --m_pending;
            m_suggestionNote->setText(message);
        });
}

void CommentsScreen::showDetail(qint64 id)
{
    m_detailId = std::max<qint64>(id, 0);
    if (id <= 0) {
        m_detail->clear();
        return;
    }
    ++m_pending;
    runInBackground<std::optional<CommentDetail>>(
        this, m_context.databasePath, [id](Database &db) { return CommentQuery(db).detail(id); },
        [this, id](const std::optional<CommentDetail> &detail) {
            --m_pending;
            if (id != m_detailId)
                return; // the user has moved on
            if (!detail) {
                m_detail->clear();
                return;
            }
            const CommentDetail &d = *detail;
            QString html = QStringLiteral("<h3>Score %1 &middot; %2%3</h3>")
                               .arg(d.row.score)
                               .arg(npsGroupName(npsGroupOf(d.row.score)), d.row.starred ? " &#9733;" : "");
            html += QStringLiteral("<p style='font-size:large'>%1</p>").arg(d.row.comment.toHtmlEscaped());
            QStringList tags;
            for (const TagRef &t : d.row.tags)
                tags << QStringLiteral("<span style='background:%1;color:white'>&nbsp;%2&nbsp;</span>")
                            .arg(t.color, t.name.toHtmlEscaped());
            if (!tags.isEmpty())
                html += QStringLiteral("<p>%1</p>").arg(tags.join(QLatin1Char(' ')));
            html += QStringLiteral("<table cellspacing=2>");
            auto row = [&html](const QString &k, const QString &v) {
                html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                            .arg(k.toHtmlEscaped(), v.toHtmlEscaped());
            };
            row(QStringLiteral("Response"), QStringLiteral("#%1").arg(d.row.id));
            row(QStringLiteral("Date"), dateText(d.row.submittedAt));
            row(QStringLiteral("Wave"), d.row.wave);
            row(QStringLiteral("Respondent"), d.respondentName);
            row(QStringLiteral("Email"), d.respondentEmail);
            row(QStringLiteral("User id"), d.userId);
            row(QStringLiteral("Active"), d.active
                                              ? (*d.active ? QStringLiteral("yes") : QStringLiteral("no"))
                                              : QStringLiteral("unknown"));
            for (const auto &a : d.row.attributes)
                row(a.first, a.second);
            html += QStringLiteral("</table>");
            if (d.followupId)
                html += QStringLiteral("<p>Follow-up: <a href='followup:%1'>#%1 (%2)</a></p>")
                            .arg(*d.followupId)
                            .arg(d.followupStatus.toHtmlEscaped());
            // One short block per answer rather than a four-column table: the pane
            // is often narrow, and a table there wraps dates inside their cells.
            html += QStringLiteral("<h4>Score history of this respondent</h4>");
            for (const ScoreHistoryEntry &e : d.history) {
                const bool self = e.responseId == d.row.id;
                const QString what =
                    self ? QStringLiteral("<i>this answer</i>")
                    : e.comment.isEmpty()
                        ? QStringLiteral("<a href='response:%1'>no comment</a>").arg(e.responseId)
                        : QStringLiteral("<a href='response:%1'>%2</a>")
                              .arg(e.responseId)
                              .arg(e.comment.left(60).toHtmlEscaped());
                html += QStringLiteral("<p style='margin-top:6px; margin-bottom:0'><b>%1</b>&nbsp;&nbsp;"
                                       "<span style='white-space:nowrap'>%2</span> &middot; %3<br>%4</p>")
                            .arg(e.score)
                            .arg(dateText(e.submittedAt), e.wave.toHtmlEscaped(), what);
            }
            m_detail->setHtml(html);
        },
        [this](const QString &message) {
            --m_pending;
            m_detail->setPlainText(message);
        });
}

QStringList CommentsScreen::partNames() const
{
    return {QStringLiteral("tags"), QStringLiteral("themes")};
}

void CommentsScreen::showPart(const QString &name)
{
    const int tab = int(partNames().indexOf(name)) + 1;
    if (tab > 0)
        m_tabs->setCurrentIndex(tab);
}

void CommentsScreen::waitUntilLoaded()
{
    if (m_stale)
        reload();
    for (int i = 0; i < 3000 && (m_pending > 0 || m_model->isLoading()); ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    QCoreApplication::processEvents();
}

QVector<qint64> CommentsScreen::selectedIds() const
{
    // By ranges: a selection (Ctrl+A, Shift+End) can span many more rows than
    // the model holds; it reads the ids of the others.
    QVector<qint64> ids;
    for (const QItemSelectionRange &range : m_list->selectionModel()->selection())
        ids += m_model->idsOfRows(range.top(), range.bottom());
    if (ids.isEmpty() && m_list->currentIndex().isValid())
        ids.append(m_model->idAt(m_list->currentIndex().row()));
    ids.removeAll(0);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

bool CommentsScreen::allCarry(const QVector<qint64> &ids, qint64 tagId) const
{
    QVector<qint64> unknown;
    for (qint64 id : ids) {
        const CommentRow *row = m_model->rowData(m_model->rowOf(id));
        if (!row)
            unknown.append(id);
        else if (std::none_of(row->tags.cbegin(), row->tags.cend(),
                              [&](const TagRef &t) { return t.id == tagId; }))
            return false;
    }
    return unknown.isEmpty() || m_tagService->countCarrying(tagId, unknown) == unknown.size();
}

bool CommentsScreen::allStarred(const QVector<qint64> &ids) const
{
    QVector<qint64> unknown;
    for (qint64 id : ids) {
        const CommentRow *row = m_model->rowData(m_model->rowOf(id));
        if (!row)
            unknown.append(id);
        else if (!row->starred)
            return false;
    }
    return unknown.isEmpty() || m_tagService->countStarred(unknown) == unknown.size();
}

TagService &CommentsScreen::tagService()
{
    if (!m_tagService)
        throw Error::usage(QStringLiteral("No database is open"));
    return *m_tagService;
}

void CommentsScreen::tagsChanged(const QVector<qint64> &ids, const TagRef &tag, bool present)
{
    m_model->setTag(ids, tag, present);
    for (Tag &t : m_tagList) {
        if (t.id == tag.id)
            t.count += present ? ids.size() : -ids.size();
    }
    emit dataChanged();
}

void CommentsScreen::starsChanged(const QVector<qint64> &ids, bool starred)
{
    m_model->setStarred(ids, starred);
    emit dataChanged();
}

void CommentsScreen::tagRenamed(qint64 tagId, const QString &oldName, const QString &newName)
{
    emit dataChanged();
    if (m_filter.tag.compare(oldName, Qt::CaseInsensitive) == 0) {
        // The list is filtered by name: read it again under the new one.
        m_filter.tag = newName;
        saveState();
        m_restoreId = m_model->idAt(m_list->currentIndex().row());
        reload();
        return;
    }
    for (Tag &t : m_tagList) {
        if (t.id == tagId) {
            t.name = newName;
            m_model->renameTag(tagId, newName, t.color);
        }
    }
    reloadTags();
    reloadThemes();
}

void CommentsScreen::tagsRestructured()
{
    emit dataChanged();
    if (!m_filter.tag.isEmpty() && m_tagService && !m_tagService->tagByName(m_filter.tag)) {
        m_filter.tag.clear(); // the tag the list was filtered by is gone
        syncControls();
        saveState();
    }
    m_restoreId = m_model->idAt(m_list->currentIndex().row());
    reload();
}

void CommentsScreen::tagEdited(qint64 tagId)
{
    if (const auto tag = m_tagService ? m_tagService->tag(tagId) : std::nullopt) {
        // The number keys act on this list at once, before the tag table is
        // read again: a key may have moved between two tags.
        QHash<qint64, int> keyOf;
        for (int slot = 1; slot <= 9; ++slot) {
            if (const auto holder = m_tagService->pinned(slot))
                keyOf.insert(holder->id, slot);
        }
        for (Tag &t : m_tagList) {
            t.pinnedSlot = keyOf.value(t.id);
            if (t.id == tagId)
                t.color = tag->color;
        }
        m_model->renameTag(tagId, tag->name, tag->color);
    }
    emit dataChanged();
    reloadTags();
    reloadThemes();
}

void CommentsScreen::commandFailed(const QString &message)
{
    emit statusMessage(message);
    m_count->setText(message);
    // Older commands may refer to what could not be brought back. Cleared
    // from the event loop: the failing command is still running.
    QMetaObject::invokeMethod(m_undo, &QUndoStack::clear, Qt::QueuedConnection);
    m_restoreId = m_model->idAt(m_list->currentIndex().row());
    reload();
}

void CommentsScreen::push(QUndoCommand *command)
{
    // QUndoStack::push runs redo(); a database error is reported and the
    // command dropped (nothing was changed: each write is one transaction).
    try {
        m_undo->push(command);
    } catch (const Error &error) {
        emit statusMessage(error.message());
        m_count->setText(error.message());
    }
}

void CommentsScreen::togglePinned(int slot)
{
    const auto it = std::find_if(m_tagList.cbegin(), m_tagList.cend(),
                                 [slot](const Tag &t) { return t.pinnedSlot == slot; });
    const QVector<qint64> ids = selectedIds();
    if (it == m_tagList.cend() || ids.isEmpty() || !m_tagService)
        return;
    const TagRef tag{it->id, it->name, it->color};
    push(new TagCommand(*this, tag, ids, !allCarry(ids, tag.id)));
}

bool CommentsScreen::quickTag(const QString &typed)
{
    const QString name = typed.trimmed();
    const QVector<qint64> ids = selectedIds();
    if (name.isEmpty() || ids.isEmpty() || !m_tagService)
        return false;
    std::optional<Tag> tag;
    for (const Tag &t : std::as_const(m_tagList)) {
        if (t.name.compare(name, Qt::CaseInsensitive) == 0)
            tag = t;
    }
    const bool create = !tag;
    if (create) {
        qint64 id = 0;
        if (!run([&]() { id = m_tagService->create(name); }))
            return false;
        tag = m_tagService->tag(id);
        m_tagList.append(*tag);
        reloadTags();
        // One undo step takes back both the tagging and the new tag.
        m_undo->beginMacro(QStringLiteral("Tag %1 comment(s) %2 (new tag)").arg(ids.size()).arg(tag->name));
        push(new CreateTagCommand(*this, *tag));
    }
    const TagRef ref{tag->id, tag->name, tag->color};
    push(new TagCommand(*this, ref, ids, create || !allCarry(ids, ref.id)));
    if (create)
        m_undo->endMacro();
    return true;
}

void CommentsScreen::toggleStar()
{
    const QVector<qint64> ids = selectedIds();
    if (ids.isEmpty() || !m_tagService)
        return;
    push(new StarCommand(*this, ids, !allStarred(ids)));
}

bool CommentsScreen::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const Qt::KeyboardModifiers mods = key->modifiers() & ~Qt::KeypadModifier;
        if (mods == Qt::NoModifier) {
            if (key->key() >= Qt::Key_1 && key->key() <= Qt::Key_9) {
                togglePinned(key->key() - Qt::Key_0);
                return true;
            }
            if (key->key() == Qt::Key_S) {
                toggleStar();
                return true;
            }
            if (key->key() == Qt::Key_T) {
                m_quickTag->setFocus();
                return true;
            }
        }
    }
    return Screen::eventFilter(watched, event);
}

std::optional<Tag> CommentsScreen::selectedManagerTag() const
{
    const int row = m_tagTable ? m_tagTable->currentRow() : -1;
    if (row < 0 || !m_tagTable->item(row, 0))
        return std::nullopt;
    const qint64 id = m_tagTable->item(row, 0)->data(Qt::UserRole).toLongLong();
    for (const Tag &t : m_tagList) {
        if (t.id == id)
            return t;
    }
    return std::nullopt;
}

void CommentsScreen::newTag()
{
    if (!m_tagService)
        return;
    const auto name = m_dialogs->text(this, QStringLiteral("New tag"), QStringLiteral("Name:"));
    if (!name || name->trimmed().isEmpty())
        return;
    QStringList parents{QStringLiteral("(none)")};
    for (const Tag &t : std::as_const(m_tagList))
        if (!t.parentId)
            parents << t.name;
    const auto parent =
        m_dialogs->choose(this, QStringLiteral("New tag"), QStringLiteral("Parent:"), parents);
    if (!parent)
        return;
    std::optional<qint64> parentId;
    for (const Tag &t : std::as_const(m_tagList))
        if (t.name == *parent)
            parentId = t.id;
    qint64 id = 0;
    if (run([&]() { id = m_tagService->create(*name, {}, parentId); })) {
        if (const auto created = m_tagService->tag(id))
            push(new CreateTagCommand(*this, *created));
        reloadTags();
    }
}

void CommentsScreen::renameTag()
{
    const auto tag = selectedManagerTag();
    if (!tag || !m_tagService)
        return;
    const auto name =
        m_dialogs->text(this, QStringLiteral("Rename tag"), QStringLiteral("New name:"), tag->name);
    if (!name || name->trimmed() == tag->name)
        return;
    if (run([&]() { m_tagService->rename(tag->id, *name); })) {
        push(new RenameTagCommand(*this, tag->id, tag->name, *name));
        tagRenamed(tag->id, tag->name, name->trimmed());
    }
}

void CommentsScreen::recolorTag()
{
    const auto tag = selectedManagerTag();
    if (!tag || !m_tagService)
        return;
    const auto color = m_dialogs->color(this, tag->color);
    if (!color || *color == tag->color)
        return;
    if (run([&]() { m_tagService->setColor(tag->id, *color); })) {
        push(new RecolorTagCommand(*this, *tag, *color));
        tagEdited(tag->id);
    }
}

void CommentsScreen::reparentTag()
{
    const auto tag = selectedManagerTag();
    if (!tag || !m_tagService)
        return;
    // One level of hierarchy: only top-level tags can be parents.
    QStringList parents{QStringLiteral("(none)")};
    for (const Tag &t : std::as_const(m_tagList))
        if (!t.parentId && t.id != tag->id)
            parents << t.name;
    const auto parent = m_dialogs->choose(this, QStringLiteral("Parent tag"),
                                          QStringLiteral("Parent of '%1':").arg(tag->name), parents);
    if (!parent)
        return;
    std::optional<qint64> parentId;
    for (const Tag &t : std::as_const(m_tagList))
        if (!t.parentId && t.name == *parent)
            parentId = t.id;
    if (parentId == tag->parentId)
        return;
    if (run([&]() { m_tagService->setParent(tag->id, parentId); })) {
        push(new ReparentTagCommand(*this, *tag, parentId));
        tagsRestructured();
    }
}

void CommentsScreen::pinTag()
{
    const auto tag = selectedManagerTag();
    if (!tag || !m_tagService)
        return;
    QStringList keys{QStringLiteral("not pinned")};
    for (int i = 1; i <= 9; ++i)
        keys << QString::number(i);
    const auto slot = m_dialogs->choose(this, QStringLiteral("Pin tag"),
                                        QStringLiteral("Number key for '%1':").arg(tag->name), keys);
    if (!slot || slot->toInt() == tag->pinnedSlot)
        return;
    const int key = slot->toInt();
    std::optional<qint64> holder;
    if (key > 0) {
        if (const auto previous = m_tagService->pinned(key))
            holder = previous->id;
    }
    if (run([&]() { m_tagService->setPinnedSlot(tag->id, key); })) {
        push(new PinTagCommand(*this, *tag, key, holder));
        tagEdited(tag->id);
    }
}

void CommentsScreen::mergeTag()
{
    const auto tag = selectedManagerTag();
    if (!tag || !m_tagService)
        return;
    QStringList others;
    for (const Tag &t : std::as_const(m_tagList))
        if (t.id != tag->id)
            others << t.name;
    const auto into = m_dialogs->choose(this, QStringLiteral("Merge tag"),
                                        QStringLiteral("Merge '%1' into:").arg(tag->name), others);
    if (!into)
        return;
    const auto target = m_tagService->tagByName(*into);
    if (!target)
        return;
    const qint64 count = m_tagService->usageCount(tag->id);
    if (!m_dialogs->confirm(
            this, QStringLiteral("Merge tag"),
            QStringLiteral("Re-tag %1 comment(s) from '%2' as '%3' and delete '%2'? Its rules move "
                           "to '%3'. Undo (Ctrl+Z) puts everything back.")
                .arg(count)
                .arg(tag->name, target->name)))
        return;
    TagMerge merge;
    if (run([&]() { m_tagService->merge(tag->id, target->id, &merge); })) {
        push(new MergeTagCommand(*this, merge, target->name));
        tagsRestructured();
    }
}

void CommentsScreen::deleteTag()
{
    const auto tag = selectedManagerTag();
    if (!tag || !m_tagService)
        return;
    const qint64 count = m_tagService->usageCount(tag->id);
    if (!m_dialogs->confirm(
            this, QStringLiteral("Delete tag"),
            QStringLiteral("Delete '%1'? It is on %2 comment(s); they keep their other tags. Its "
                           "rules are deleted too. Undo (Ctrl+Z) puts everything back.")
                .arg(tag->name)
                .arg(count)))
        return;
    TagSnapshot removed;
    if (run([&]() { m_tagService->remove(tag->id, &removed); })) {
        push(new DeleteTagCommand(*this, removed));
        tagsRestructured();
    }
}

void CommentsScreen::openRuleDialog(const QString &pattern, RuleKind kind, const QString &tag)
{
    if (m_context.databasePath.isEmpty())
        return;
    auto *dialog = new RuleDialog(m_context.databasePath, m_tagList, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPattern(pattern, kind);
    if (!tag.isEmpty())
        dialog->setTag(tag);
    connect(dialog, &RuleDialog::applied, this, [this](qint64 tagId, const QVector<qint64> &ids) {
        emit statusMessage(QStringLiteral("The rule tagged %1 comment(s)").arg(ids.size()));
        for (const Tag &t : std::as_const(m_tagList)) {
            if (t.id == tagId && m_tagService)
                push(new RuleAppliedCommand(*this, TagRef{t.id, t.name, t.color}, ids));
        }
        emit dataChanged();
        reload();
    });
    dialog->open();
}

void CommentsScreen::rerunRules()
{
    if (m_context.databasePath.isEmpty())
        return;
    ++m_pending;
    runInBackground<QVector<TagService::RuleRun>>(
        this, m_context.databasePath,
        [](Database &db) {
            QVector<TagService::RuleRun> runs;
            TagService(db).applyAllRules(&runs);
            return runs;
        },
        [this](const QVector<TagService::RuleRun> &runs) {
            --m_pending;
            qint64 count = 0;
            for (const TagService::RuleRun &run : runs)
                count += run.added.size();
            emit statusMessage(QStringLiteral("Rules tagged %1 more comment(s)").arg(count));
            // Like any other tagging, a re-run is one undo step: what each rule added.
            if (count > 0 && m_tagService) {
                m_undo->beginMacro(QStringLiteral("Re-run rules: %1 comment(s) tagged").arg(count));
                for (const TagService::RuleRun &run : runs) {
                    if (const auto tag = m_tagService->tag(run.tagId))
                        push(
                            new RuleAppliedCommand(*this, TagRef{tag->id, tag->name, tag->color}, run.added));
                }
                m_undo->endMacro();
            }
            emit dataChanged();
            reload();
        },
        [this](const QString &message) {
            --m_pending;
            emit statusMessage(message);
        });
}

void CommentsScreen::exportComments()
{
    if (m_context.databasePath.isEmpty())
        return;
    const QString path = chooseSaveFile(this, QStringLiteral("Export comments"),
                                        QStringLiteral("comments.csv"), QStringLiteral("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    const CommentFilter filter = m_filter;
    emit statusMessage(QStringLiteral("Exporting comments..."));
    ++m_pending;
    // Page by page on a worker: a million comments neither freeze the window
    // nor sit in memory at once.
    runInBackground<qint64>(
        this, m_context.databasePath,
        [filter, path](Database &db) {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                throw Error::storage(QStringLiteral("%1: %2").arg(path, file.errorString()));
            const qint64 rows = CommentExport::writeCsv(db, filter, file);
            if (!file.commit())
                throw Error::storage(QStringLiteral("%1: %2").arg(path, file.errorString()));
            return rows;
        },
        [this, path](const qint64 &rows) {
            --m_pending;
            emit statusMessage(QStringLiteral("Exported %1 comment(s) with their tags and stars to %2")
                                   .arg(rows)
                                   .arg(QDir::toNativeSeparators(path)));
        },
        [this](const QString &message) {
            --m_pending;
            emit statusMessage(message);
        });
}

void CommentsScreen::deleteRule()
{
    const int row = m_ruleTable->currentRow();
    if (row < 0 || !m_tagService)
        return;
    const qint64 id = m_ruleTable->item(row, 0)->data(Qt::UserRole).toLongLong();
    if (!m_dialogs->confirm(this, QStringLiteral("Delete rule"),
                            QStringLiteral("Delete the rule '%1'? Comments it tagged keep their tag.")
                                .arg(m_ruleTable->item(row, 2)->text())))
        return;
    if (run([&]() { m_tagService->removeRule(id); }))
        reloadTags();
}

} // namespace nps::ui
