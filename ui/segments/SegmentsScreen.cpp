#include "SegmentsScreen.h"

#include "PivotTableModel.h"
#include "analysis/AnalysisService.h"
#include "analysis/AnalysisTables.h"
#include "charts/ChartBuilders.h"
#include "charts/ExportActions.h"
#include "charts/TableExport.h"
#include "common/BackgroundTask.h"
#include "common/FlowLayout.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

namespace nps::ui {

namespace {

const QString kNone = QStringLiteral("(none)");

struct PivotPayload
{
    PivotResult pivot;
    QStringList attributeNames;
    // The explanation for the periods chosen so far, computed in the same task when
    // they still exist (switching the attribute keeps them), saving a round trip.
    std::optional<Explanation> explanation;
};

QToolButton *menuButton(const QString &text, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setAccessibleName(text);
    return button;
}

QString correctionTitle(Correction correction)
{
    return correction == Correction::BenjaminiHochberg ? QStringLiteral("Benjamini-Hochberg")
           : correction == Correction::Holm            ? QStringLiteral("Holm")
                                                       : QStringLiteral("no");
}

} // namespace

SegmentsScreen::SegmentsScreen(QWidget *parent)
    : LazyScreen(parent)
{
    buildUi();
}

SegmentsScreen::~SegmentsScreen() = default;

void SegmentsScreen::buildUi()
{
    setAccessibleName(QStringLiteral("Segments"));
    auto *layout = new QVBoxLayout(this);

    // Wraps to a second line in a narrow window instead of scrolling sideways.
    auto *controls = new FlowLayout;
    m_rows = new QComboBox;
    m_rows->setAccessibleName(QStringLiteral("Rows by"));
    m_rows2 = new QComboBox;
    m_rows2->setAccessibleName(QStringLiteral("Then by"));
    m_period = new QComboBox;
    m_period->setAccessibleName(QStringLiteral("Columns by period"));
    m_period->addItem(QStringLiteral("No period"), int(PeriodKind::None));
    m_period->addItem(QStringLiteral("Month"), int(PeriodKind::Month));
    m_period->addItem(QStringLiteral("Quarter"), int(PeriodKind::Quarter));
    m_period->addItem(QStringLiteral("Year"), int(PeriodKind::Year));
    m_period->addItem(QStringLiteral("Survey wave"), int(PeriodKind::Wave));
    m_period->setCurrentIndex(2);
    m_metric = new QComboBox;
    m_metric->setAccessibleName(QStringLiteral("Metric"));
    for (PivotMetric metric : {PivotMetric::Nps, PivotMetric::PromoterPercent, PivotMetric::DetractorPercent,
                               PivotMetric::Count, PivotMetric::DetractorCount})
        m_metric->addItem(pivotMetricName(metric), int(metric));
    m_comparison = new QComboBox;
    m_comparison->setAccessibleName(QStringLiteral("Markers"));
    m_comparison->addItem(QStringLiteral("vs previous period"), int(PivotComparison::PreviousPeriod));
    m_comparison->addItem(QStringLiteral("vs total"), int(PivotComparison::Total));
    m_correction = new QComboBox;
    m_correction->setAccessibleName(QStringLiteral("Multiple-testing correction"));
    m_correction->addItem(QStringLiteral("Holm"), int(Correction::Holm));
    m_correction->addItem(QStringLiteral("Benjamini-Hochberg"), int(Correction::BenjaminiHochberg));

    controls->addLabelled(QStringLiteral("&Rows:"), m_rows);
    controls->addLabelled(QStringLiteral("then:"), m_rows2);
    controls->addLabelled(QStringLiteral("&Columns:"), m_period);
    controls->addLabelled(QStringLiteral("&Show:"), m_metric);
    controls->addLabelled(QStringLiteral("&Markers:"), m_comparison);
    controls->addLabelled(QStringLiteral("Correction:"), m_correction);
    auto *exportTable = menuButton(QStringLiteral("Export table"), this);
    controls->addWidget(exportTable);
    layout->addLayout(controls);

    m_summary = new QLabel;
    m_summary->setAccessibleName(QStringLiteral("Pivot summary"));
    m_summary->setTextFormat(Qt::RichText);
    layout->addWidget(m_summary);

    m_model = new PivotTableModel(this);
    m_proxy = new PivotSortProxy(this);
    m_proxy->setSourceModel(m_model);
    m_table = new QTableView;
    m_table->setAccessibleName(QStringLiteral("Segment pivot"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the engine's order (largest segment first) until asked
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(44);
    m_table->horizontalHeader()->setDefaultSectionSize(84);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setShowGrid(true);
    m_table->setStyleSheet(QStringLiteral("QTableView { gridline-color: #ffffff; }"));

    m_legend = new QLabel;
    m_legend->setWordWrap(true);
    m_legend->setAccessibleName(QStringLiteral("Pivot legend"));
    // The palette's secondary text colour: a fixed grey is unreadable on a dark palette.
    m_legend->setForegroundRole(QPalette::PlaceholderText);

    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_table, 1);
    topLayout->addWidget(m_legend);

    auto *explainBox = new QGroupBox(QStringLiteral("Change explained: rate and mix effects"));
    explainBox->setAccessibleName(QStringLiteral("Change explained"));
    auto *explainLayout = new QVBoxLayout(explainBox);
    auto *explainControls = new QHBoxLayout;
    m_from = new QComboBox;
    m_from->setAccessibleName(QStringLiteral("From period"));
    m_to = new QComboBox;
    m_to->setAccessibleName(QStringLiteral("To period"));
    explainControls->addWidget(new QLabel(QStringLiteral("From")));
    explainControls->addWidget(m_from);
    explainControls->addWidget(new QLabel(QStringLiteral("to")));
    explainControls->addWidget(m_to);
    m_explainText = new QLabel;
    m_explainText->setWordWrap(true);
    m_explainText->setTextFormat(Qt::RichText);
    explainControls->addWidget(m_explainText, 1);
    auto *exportChartButton = menuButton(QStringLiteral("Export chart"), this);
    explainControls->addWidget(exportChartButton);
    auto *exportExplainButton = menuButton(QStringLiteral("Export effects"), this);
    explainControls->addWidget(exportExplainButton);
    explainLayout->addLayout(explainControls);
    m_waterfall = new QChartView(buildWaterfallChart(QString(), 0, {}, QString()));
    m_waterfall->setAccessibleName(QStringLiteral("Waterfall chart"));
    m_waterfall->setRenderHint(QPainter::Antialiasing);
    m_waterfall->setMinimumHeight(220);
    explainLayout->addWidget(m_waterfall, 1);

    auto *splitter = new QSplitter(Qt::Vertical);
    m_splitter = splitter;
    splitter->addWidget(top);
    splitter->addWidget(explainBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    auto reportFn = [this](const QString &message) { report(message); };
    TableSource tableSource;
    tableSource.table = [this]() { return pivotTable(m_model->result(), false); };
    tableSource.title = [this]() {
        return QStringLiteral("NPS by %1").arg(m_model->result().attributes.join(QStringLiteral(" and ")));
    };
    tableSource.notes = [this]() {
        return QStringList{
            QStringLiteral("Filter: %1").arg(m_context.filter.describe()),
            QStringLiteral(
                "%1% CI: adjusted Wald. Significance: two-sample z test, %2 correction; cells with "
                "fewer than 30 answers are not tested.")
                .arg(qRound(m_model->result().confidence * 100))
                .arg(correctionTitle(m_model->result().correction))};
    };
    tableSource.baseName = QStringLiteral("nps-segments");
    exportTable->setMenu(createTableExportMenu(this, tableSource, reportFn));

    ChartSource chartSource;
    chartSource.chart = [this]() {
        return m_explanation.segments.isEmpty() ? nullptr : m_waterfall->chart();
    };
    chartSource.options = [this]() {
        ChartExportOptions options;
        options.title = QStringLiteral("NPS change %1 to %2, explained by %3")
                            .arg(m_explanation.fromPeriod, m_explanation.toPeriod, m_explanation.attribute);
        options.filterText = m_context.filter.describe();
        options.n = m_explanation.fromSummary.n() + m_explanation.toSummary.n();
        options.note =
            QStringLiteral("Rate effect: segments' own NPS moved. Mix effect: the share of each segment "
                           "moved. They add up to the total change.");
        return options;
    };
    chartSource.baseName = QStringLiteral("nps-change-explained");
    exportChartButton->setMenu(createChartExportMenu(this, chartSource, reportFn));
    TableSource explainSource;
    explainSource.table = [this]() { return explanationTable(m_explanation, false); };
    explainSource.title = [this]() {
        return QStringLiteral("NPS change %1 to %2 by %3: rate and mix effects")
            .arg(m_explanation.fromPeriod, m_explanation.toPeriod, m_explanation.attribute);
    };
    explainSource.notes = [this]() {
        return QStringList{QStringLiteral("Filter: %1").arg(m_context.filter.describe()),
                           m_explanation.formula};
    };
    explainSource.baseName = QStringLiteral("nps-change-explained");
    exportExplainButton->setMenu(createTableExportMenu(this, explainSource, reportFn));

    auto reloadOnChange = [this]() {
        if (!m_updatingBoxes)
            reload();
    };
    connect(m_rows, &QComboBox::currentIndexChanged, this, reloadOnChange);
    connect(m_rows2, &QComboBox::currentIndexChanged, this, reloadOnChange);
    connect(m_period, &QComboBox::currentIndexChanged, this, reloadOnChange);
    connect(m_correction, &QComboBox::currentIndexChanged, this, reloadOnChange);
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this]() {
        m_model->setMetric(PivotMetric(m_metric->currentData().toInt()));
        updateLegend();
    });
    connect(m_comparison, &QComboBox::currentIndexChanged, this, [this]() {
        m_model->setComparison(PivotComparison(m_comparison->currentData().toInt()));
        updateLegend();
    });
    auto explainOnChange = [this]() {
        if (!m_updatingBoxes)
            reloadExplanation();
    };
    connect(m_from, &QComboBox::currentIndexChanged, this, explainOnChange);
    connect(m_to, &QComboBox::currentIndexChanged, this, explainOnChange);
    // Ctrl+C copies the grid as shown (the chosen metric, sorted) for pasting into a spreadsheet.
    auto *copy = new QAction(QStringLiteral("Copy table"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_table->addAction(copy);
    connect(copy, &QAction::triggered, this, [this]() {
        copyToClipboard(tableFromModel(*m_proxy, PivotTableModel::ValueRole));
        report(QStringLiteral("Table copied as tab-separated text"));
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) { openCell(index); });
    updateLegend();
}

void SegmentsScreen::setRowAttributes(const QStringList &attributes)
{
    m_updatingBoxes = true;
    if (!attributes.isEmpty()) {
        const int i = m_rows->findText(attributes[0]);
        if (i >= 0)
            m_rows->setCurrentIndex(i);
    }
    const int j = m_rows2->findText(attributes.value(1, kNone));
    if (j >= 0)
        m_rows2->setCurrentIndex(j);
    m_updatingBoxes = false;
    reload();
}

void SegmentsScreen::setPeriod(PeriodKind period)
{
    m_updatingBoxes = true;
    m_period->setCurrentIndex(m_period->findData(int(period)));
    m_updatingBoxes = false;
    reload();
}

void SegmentsScreen::setExplainPeriods(const QString &from, const QString &to)
{
    m_updatingBoxes = true;
    m_from->setCurrentIndex(m_from->findText(from));
    m_to->setCurrentIndex(m_to->findText(to));
    m_updatingBoxes = false;
    reloadExplanation();
}

QChart *SegmentsScreen::waterfallChart() const
{
    return m_waterfall->chart();
}

QStringList SegmentsScreen::currentAttributes() const
{
    QStringList attributes;
    if (m_rows->currentIndex() >= 0)
        attributes << m_rows->currentText();
    if (m_rows2->currentIndex() > 0 && m_rows2->currentText() != m_rows->currentText())
        attributes << m_rows2->currentText();
    return attributes;
}

PeriodKind SegmentsScreen::currentPeriod() const
{
    return PeriodKind(m_period->currentData().toInt());
}

void SegmentsScreen::reload()
{
    m_stale = false;
    if (m_context.databasePath.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    ++m_pending;
    const ResponseFilter filter = m_context.filter;
    PivotRequest request;
    request.attributes = currentAttributes();
    request.period = currentPeriod();
    request.correction = Correction(m_correction->currentData().toInt());
    const QString from = m_from->currentText();
    const QString to = m_to->currentText();
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    runInBackground<PivotPayload>(
        this, m_context.databasePath,
        [filter, request, from, to](Database &db) {
            PivotPayload payload;
            AnalysisService service(db);
            payload.attributeNames = service.attributeNames();
            PivotRequest effective = request;
            if (effective.attributes.isEmpty() && !payload.attributeNames.isEmpty()) {
                // First load: "Plan" when the file has it, the first attribute otherwise.
                QString first = payload.attributeNames.constFirst();
                for (const QString &name : payload.attributeNames) {
                    if (name.compare(QLatin1String("plan"), Qt::CaseInsensitive) == 0)
                        first = name;
                }
                effective.attributes = {first};
            }
            payload.pivot = service.pivot(filter, effective);
            const bool periodsExist = std::any_of(payload.pivot.periods.begin(), payload.pivot.periods.end(),
                                                  [&from](const PeriodInfo &p) { return p.label == from; }) &&
                                      std::any_of(payload.pivot.periods.begin(), payload.pivot.periods.end(),
                                                  [&to](const PeriodInfo &p) { return p.label == to; });
            if (periodsExist && from != to && !effective.attributes.isEmpty())
                payload.explanation = service.explain(filter, effective.attributes.constFirst(), from, to);
            return payload;
        },
        [this, generation, timer](const PivotPayload &payload) {
            --m_pending;
            if (generation != m_generation)
                return;
            applyPivot(payload.pivot, payload.attributeNames, payload.explanation);
            m_lastRedrawMs = timer->elapsed();
        },
        [this, generation](const QString &error) {
            --m_pending;
            if (generation == m_generation)
                report(error);
        });
}

void SegmentsScreen::updateAttributeBoxes(const QStringList &names)
{
    if (names == m_attributeNames)
        return;
    m_attributeNames = names;
    m_updatingBoxes = true;
    const QString first = m_rows->currentText();
    const QString second = m_rows2->currentText();
    m_rows->clear();
    m_rows->addItems(names);
    m_rows2->clear();
    m_rows2->addItem(kNone);
    m_rows2->addItems(names);
    m_rows->setCurrentIndex(std::max(0, int(m_rows->findText(first))));
    m_rows2->setCurrentIndex(std::max(0, int(m_rows2->findText(second))));
    m_updatingBoxes = false;
}

void SegmentsScreen::applyPivot(const PivotResult &result, const QStringList &attributeNames,
                                const std::optional<Explanation> &explanation)
{
    updateAttributeBoxes(attributeNames);
    m_updatingBoxes = true;
    if (!result.attributes.isEmpty())
        m_rows->setCurrentIndex(std::max(0, int(m_rows->findText(result.attributes[0]))));
    m_updatingBoxes = false;

    m_model->setResult(result, m_context.filter);
    // Segment names take what they need; the period columns share the rest of the width.
    QHeaderView *header = m_table->horizontalHeader();
    for (int c = 0; c < m_model->columnCount(); ++c) {
        if (c < m_model->segmentColumnCount()) {
            header->setSectionResizeMode(c, QHeaderView::Interactive);
            m_table->resizeColumnToContents(c);
        } else {
            // Up to a dozen periods share the width; more (months) keep their width and scroll.
            header->setSectionResizeMode(
                c, m_model->periodColumnCount() <= 12 ? QHeaderView::Stretch : QHeaderView::ResizeToContents);
        }
    }

    // Give the table the height of its rows (within reason) and the waterfall the rest;
    // only when the number of rows changes, so a user's own splitter position stays.
    if (m_model->rowCount() != m_sizedForRows) {
        m_sizedForRows = m_model->rowCount();
        const int total = m_splitter->height();
        const int wanted = m_table->horizontalHeader()->height() + m_sizedForRows * 44 + 8 +
                           m_legend->sizeHint().height() + 8;
        const int tableHeight = std::clamp(wanted, total / 3, total * 2 / 3);
        m_splitter->setSizes({tableHeight, total - tableHeight});
    }

    qint64 n = 0;
    double overall = std::nan("");
    for (const PivotCell &cell : result.cells) {
        if (cell.isTotalRow && cell.isTotalColumn) {
            n = cell.summary.n();
            overall = cell.summary.nps;
        }
    }
    m_summary->setText(
        QStringLiteral("<b>%1</b> \u00b7 n = %2 \u00b7 overall NPS %3 \u00b7 <span>%4</span>")
            .arg(QStringLiteral("NPS by %1")
                     .arg(result.attributes.join(QStringLiteral(" and ")))
                     .toHtmlEscaped())
            .arg(n)
            .arg(std::isnan(overall) ? QStringLiteral("\u2013") : QString::number(overall, 'f', 1))
            .arg(m_context.filter.describe().toHtmlEscaped()));
    if (n == 0)
        m_summary->setText(
            QStringLiteral("<b>No responses match the filter</b> (%1). Import a survey export, or "
                           "widen the filter.")
                .arg(m_context.filter.describe().toHtmlEscaped()));
    updateLegend();

    // The explanation follows the first row attribute over the pivot's periods.
    const QString from = m_from->currentText();
    const QString to = m_to->currentText();
    QStringList labels;
    for (const PeriodInfo &period : result.periods) {
        if (!period.undated)
            labels << period.label;
    }
    m_updatingBoxes = true;
    m_from->clear();
    m_to->clear();
    m_from->addItems(labels);
    m_to->addItems(labels);
    const int fromIndex = labels.indexOf(from);
    const int toIndex = labels.indexOf(to);
    // By default the whole span: what moved the score from the first period to the last.
    m_from->setCurrentIndex(fromIndex >= 0 && fromIndex != toIndex ? fromIndex : 0);
    m_to->setCurrentIndex(toIndex >= 0 && fromIndex != toIndex ? toIndex : int(labels.size()) - 1);
    m_updatingBoxes = false;
    if (explanation && explanation->fromPeriod == m_from->currentText() &&
        explanation->toPeriod == m_to->currentText() &&
        explanation->attribute == result.attributes.value(0)) {
        ++m_explainGeneration; // anything still in flight is older
        applyExplanation(*explanation);
    } else {
        reloadExplanation();
    }
}

void SegmentsScreen::reloadExplanation()
{
    const QStringList attributes = m_model->result().attributes;
    const QString from = m_from->currentText();
    const QString to = m_to->currentText();
    if (m_context.databasePath.isEmpty() || attributes.isEmpty() || from.isEmpty() || to.isEmpty() ||
        from == to) {
        m_explanation = Explanation{};
        m_explainText->setText(
            QStringLiteral("Choose a period for the columns and two different periods here to "
                           "see what moved the overall NPS."));
        QChart *old = m_waterfall->chart();
        m_waterfall->setChart(buildWaterfallChart(QString(), 0, {}, QString()));
        delete old;
        return;
    }
    const quint64 generation = ++m_explainGeneration;
    ++m_pending;
    const ResponseFilter filter = m_context.filter;
    const QString attribute = attributes.constFirst();
    runInBackground<Explanation>(
        this, m_context.databasePath,
        [filter, attribute, from, to](Database &db) {
            return AnalysisService(db).explain(filter, attribute, from, to);
        },
        [this, generation](const Explanation &explanation) {
            --m_pending;
            if (generation == m_explainGeneration)
                applyExplanation(explanation);
        },
        [this, generation](const QString &error) {
            --m_pending;
            if (generation == m_explainGeneration)
                m_explainText->setText(error.toHtmlEscaped());
        });
}

void SegmentsScreen::applyExplanation(const Explanation &explanation)
{
    m_explanation = explanation;
    // The biggest movers get their own bars; a long tail is summed so the chart stays readable.
    QVector<ExplainSegment> segments = explanation.segments;
    std::sort(segments.begin(), segments.end(), [](const ExplainSegment &a, const ExplainSegment &b) {
        return std::abs(a.total()) > std::abs(b.total());
    });
    QVector<WaterfallStep> steps;
    constexpr int kShown = 5;
    double otherRate = 0;
    double otherMix = 0;
    for (int i = 0; i < segments.size(); ++i) {
        if (segments.size() > kShown + 1 && i >= kShown) {
            otherRate += segments[i].rateEffect;
            otherMix += segments[i].mixEffect;
            continue;
        }
        const ExplainSegment &seg = segments[i];
        const QString detail =
            QStringLiteral("<br>NPS %1 → %2, share of answers %3% → %4% (n %5 → %6)")
                .arg(std::isnan(seg.npsFrom) ? QStringLiteral("–") : QString::number(seg.npsFrom, 'f', 1),
                     std::isnan(seg.npsTo) ? QStringLiteral("–") : QString::number(seg.npsTo, 'f', 1),
                     QString::number(seg.shareFrom * 100, 'f', 1), QString::number(seg.shareTo * 100, 'f', 1))
                .arg(seg.from.n())
                .arg(seg.to.n());
        steps.append(
            {QStringLiteral("%1 rate").arg(seg.segment), seg.rateEffect,
             QStringLiteral("<b>%1, rate effect: %2 points</b><br>its own NPS moved, at its average share%3")
                 .arg(seg.segment.toHtmlEscaped(), QString::number(seg.rateEffect, 'f', 2), detail)});
        steps.append({QStringLiteral("%1 mix").arg(seg.segment), seg.mixEffect,
                      QStringLiteral("<b>%1, mix effect: %2 points</b><br>its share of the answers moved%3")
                          .arg(seg.segment.toHtmlEscaped(), QString::number(seg.mixEffect, 'f', 2), detail)});
    }
    if (segments.size() > kShown + 1) {
        steps.append({QStringLiteral("Other rate"), otherRate, {}});
        steps.append({QStringLiteral("Other mix"), otherMix, {}});
    }
    QChart *old = m_waterfall->chart();
    m_waterfall->setChart(buildWaterfallChart(explanation.fromPeriod, explanation.fromSummary.nps, steps,
                                              explanation.toPeriod));
    delete old;
    auto sign = [](double v) {
        return (v > 0 ? QStringLiteral("+") : QString()) + QString::number(v, 'f', 1);
    };
    m_explainText->setText(
        QStringLiteral("Overall NPS %1 \u2192 %2: <b>%3</b> points = rate %4 + mix %5 "
                       "(by %6). <i>Rate: segments' own NPS moved. Mix: who answered moved.</i>")
            .arg(QString::number(explanation.fromSummary.nps, 'f', 1),
                 QString::number(explanation.toSummary.nps, 'f', 1), sign(explanation.totalChange),
                 sign(explanation.rateEffect), sign(explanation.mixEffect),
                 explanation.attribute.toHtmlEscaped()));
}

void SegmentsScreen::updateLegend()
{
    const PivotResult &result = m_model->result();
    const PivotMetric metric = m_model->metric();
    QString colour;
    if (metric == PivotMetric::Count || metric == PivotMetric::DetractorCount)
        colour = QStringLiteral("Counts are not coloured.");
    else
        colour = QStringLiteral("Colour: %1 better (green) or worse (red) than overall (%2).")
                     .arg(pivotMetricName(metric), std::isnan(m_model->overallValue())
                                                       ? QStringLiteral("\u2013")
                                                       : QString::number(m_model->overallValue(), 'f', 1));
    const QString against = m_model->comparison() == PivotComparison::PreviousPeriod
                                ? QStringLiteral("the previous period")
                                : QStringLiteral("the rest of the respondents (vs total)");
    m_legend->setText(
        QStringLiteral("%1 \u25b2\u25bc significant change of NPS against %2 (%3% confidence, %4 "
                       "correction). * fewer than 30 answers: greyed, never marked. Hover a cell "
                       "for counts, CI and p; double-click to read its comments.")
            .arg(colour, against)
            .arg(qRound(result.confidence * 100))
            .arg(correctionTitle(result.correction)));
}

void SegmentsScreen::openCell(const QModelIndex &proxyIndex)
{
    const QModelIndex index = m_proxy->mapToSource(proxyIndex);
    const std::optional<ResponseFilter> filter = m_model->cellFilter(index);
    if (!filter) {
        report(QStringLiteral(
            "This cell holds responses without a value or a date; no filter can select exactly "
            "them."));
        return;
    }
    emit openCommentsRequested(*filter);
}

void SegmentsScreen::report(const QString &message)
{
    emit statusMessage(message);
}

} // namespace nps::ui
