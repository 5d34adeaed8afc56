#include "TrendsScreen.h"

#include "TrendTableModel.h"
#include "analysis/AnalysisService.h"
#include "charts/AnalysisCharts.h"
#include "charts/ExportActions.h"
#include "charts/TableExport.h"
#include "common/BackgroundTask.h"
#include "common/FlowLayout.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

namespace nps::ui {

struct TrendsScreen::Payload
{
    PivotResult pivot;
    QVector<ChartBand> bands;
    QStringList attributeNames;
};

namespace {

const QString kEveryone = QStringLiteral("(everyone)");

QToolButton *menuButton(const QString &text, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setAccessibleName(text);
    return button;
}

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(color);
    return QIcon(pixmap);
}

} // namespace

TrendsScreen::TrendsScreen(QWidget *parent)
    : LazyScreen(parent)
{
    buildUi();
}

TrendsScreen::~TrendsScreen() = default;

void TrendsScreen::buildUi()
{
    setAccessibleName(QStringLiteral("Trends"));
    auto *layout = new QVBoxLayout(this);
    // Wraps to a second line in a narrow window instead of scrolling sideways.
    auto *controls = new FlowLayout;
    m_attribute = new QComboBox;
    m_attribute->setAccessibleName(QStringLiteral("Lines by"));
    m_attribute->addItem(kEveryone, QString());
    m_period = new QComboBox;
    m_period->setAccessibleName(QStringLiteral("Period"));
    m_period->addItem(QStringLiteral("Month"), int(PeriodKind::Month));
    m_period->addItem(QStringLiteral("Quarter"), int(PeriodKind::Quarter));
    m_period->addItem(QStringLiteral("Year"), int(PeriodKind::Year));
    m_period->addItem(QStringLiteral("Survey wave"), int(PeriodKind::Wave));
    m_period->setCurrentIndex(1);
    m_showCi = new QCheckBox(QStringLiteral("Confidence band"));
    m_showCi->setChecked(true);
    m_showBands = new QCheckBox(QStringLiteral("Benchmarks"));
    m_showBands->setChecked(true);
    controls->addLabelled(QStringLiteral("&Lines by:"), m_attribute);
    controls->addLabelled(QStringLiteral("&Period:"), m_period);
    controls->addWidget(m_showCi);
    controls->addWidget(m_showBands);
    auto *exportChartButton = menuButton(QStringLiteral("Export chart"), this);
    auto *exportTableButton = menuButton(QStringLiteral("Export table"), this);
    controls->addWidget(exportChartButton);
    controls->addWidget(exportTableButton);
    layout->addLayout(controls);

    m_summary = new QLabel;
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(QStringLiteral("Trend summary"));
    layout->addWidget(m_summary);

    m_segments = new QListWidget;
    m_segments->setAccessibleName(QStringLiteral("Segments shown"));
    m_segments->setFlow(QListView::LeftToRight);
    m_segments->setWrapping(true);
    m_segments->setMaximumHeight(52);
    m_segments->setFrameShape(QFrame::NoFrame);
    m_segments->setSpacing(2);
    m_segments->viewport()->setAutoFillBackground(false);
    layout->addWidget(m_segments);

    m_tabs = new QTabWidget;
    m_tabs->setAccessibleName(QStringLiteral("Trend chart and table"));
    m_trendView = new QChartView(buildTrendChart(TrendChartData{}));
    m_trendView->setRenderHint(QPainter::Antialiasing);
    m_trendView->setAccessibleName(QStringLiteral("NPS trend chart"));
    m_tabs->addTab(m_trendView, QStringLiteral("NPS trend"));

    auto *sharesPage = new QWidget;
    auto *sharesLayout = new QVBoxLayout(sharesPage);
    auto *sharesControls = new QHBoxLayout;
    m_sharesFor = new QComboBox;
    m_sharesFor->setAccessibleName(QStringLiteral("Mix for segment"));
    sharesControls->addWidget(new QLabel(QStringLiteral("Mix of answers for:")));
    sharesControls->addWidget(m_sharesFor);
    sharesControls->addStretch();
    sharesLayout->addLayout(sharesControls);
    m_sharesView = new QChartView(buildGroupSharesChart({}));
    m_sharesView->setRenderHint(QPainter::Antialiasing);
    m_sharesView->setAccessibleName(QStringLiteral("Promoters, passives and detractors chart"));
    sharesLayout->addWidget(m_sharesView, 1);
    m_tabs->addTab(sharesPage, QStringLiteral("Promoters, passives, detractors"));

    m_model = new TrendTableModel(this);
    m_proxy = new TrendSortProxy(this);
    m_proxy->setSourceModel(m_model);
    m_table = new QTableView;
    m_table->setAccessibleName(QStringLiteral("Trend table"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tabs->addTab(m_table, QStringLiteral("Table"));
    auto *copy = new QAction(QStringLiteral("Copy table"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_table->addAction(copy);
    connect(copy, &QAction::triggered, this, [this]() {
        copyToClipboard(tableFromModel(*m_proxy, TrendTableModel::ValueRole));
        report(QStringLiteral("Table copied as tab-separated text"));
    });
    layout->addWidget(m_tabs, 1);

    auto reportFn = [this](const QString &message) { report(message); };
    ChartSource chartSource;
    chartSource.chart = [this]() -> QChart * {
        if (m_model->rowCount() == 0)
            return nullptr;
        return m_tabs->currentIndex() == 1 ? m_sharesView->chart() : m_trendView->chart();
    };
    chartSource.options = [this]() {
        const QString by = m_attribute->currentData().toString();
        if (m_tabs->currentIndex() == 1)
            return exportOptions(QStringLiteral("Promoters, passives and detractors by %1: %2")
                                     .arg(m_period->currentText().toLower(), m_sharesFor->currentText()));
        return exportOptions(
            by.isEmpty() ? QStringLiteral("NPS by %1").arg(m_period->currentText().toLower())
                         : QStringLiteral("NPS by %1 and %2").arg(by, m_period->currentText().toLower()));
    };
    chartSource.baseName = QStringLiteral("nps-trend");
    exportChartButton->setMenu(createChartExportMenu(this, chartSource, reportFn));
    TableSource tableSource;
    tableSource.table = [this]() { return tableFromModel(*m_proxy, TrendTableModel::ValueRole); };
    tableSource.title = [this]() {
        return QStringLiteral("NPS trend by %1").arg(m_period->currentText().toLower());
    };
    tableSource.notes = [this]() {
        return QStringList{QStringLiteral("Filter: %1").arg(m_context.filter.describe()),
                           ciMethodText(m_model->result().confidence),
                           QStringLiteral("Change vs the previous period: two-sample z test, %1 correction.")
                               .arg(QString::fromLatin1(correctionName(m_model->result().correction)))};
    };
    tableSource.baseName = QStringLiteral("nps-trend");
    exportTableButton->setMenu(createTableExportMenu(this, tableSource, reportFn));

    auto reloadOnChange = [this]() {
        if (!m_updatingBoxes)
            reload();
    };
    connect(m_attribute, &QComboBox::currentIndexChanged, this, reloadOnChange);
    connect(m_period, &QComboBox::currentIndexChanged, this, reloadOnChange);
    connect(m_showCi, &QCheckBox::toggled, this, [this]() { rebuildCharts(); });
    connect(m_showBands, &QCheckBox::toggled, this, [this]() { rebuildCharts(); });
    connect(m_sharesFor, &QComboBox::currentIndexChanged, this, [this]() {
        if (!m_updatingBoxes)
            rebuildCharts();
    });
    connect(m_segments, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const QString name = item->text();
        const bool shown = item->checkState() == Qt::Checked;
        if (shown) {
            m_hidden.remove(name);
            m_shown.insert(name);
        } else {
            m_hidden.insert(name);
            m_shown.remove(name);
        }
        setSegmentVisible(m_trendView->chart(), name, shown);
    });
}

void TrendsScreen::setAttribute(const QString &attribute)
{
    const int index = m_attribute->findData(attribute);
    if (index >= 0)
        m_attribute->setCurrentIndex(index);
}

void TrendsScreen::setPeriod(PeriodKind period)
{
    m_period->setCurrentIndex(m_period->findData(int(period)));
}

void TrendsScreen::setSegmentShown(const QString &segment, bool shown)
{
    for (int i = 0; i < m_segments->count(); ++i) {
        if (m_segments->item(i)->text() == segment)
            m_segments->item(i)->setCheckState(shown ? Qt::Checked : Qt::Unchecked);
    }
}

QStringList TrendsScreen::segmentNames() const
{
    QStringList names;
    for (int i = 0; i < m_segments->count(); ++i)
        names << m_segments->item(i)->text();
    return names;
}

QChart *TrendsScreen::trendChart() const
{
    return m_trendView->chart();
}

QChart *TrendsScreen::sharesChart() const
{
    return m_sharesView->chart();
}

void TrendsScreen::reload()
{
    m_stale = false;
    if (m_context.databasePath.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    ++m_pending;
    const ResponseFilter filter = m_context.filter;
    PivotRequest request;
    const QString attribute = m_attribute->currentData().toString();
    if (!attribute.isEmpty())
        request.attributes = {attribute};
    request.period = PeriodKind(m_period->currentData().toInt());
    const bool firstLoad = m_attributeNames.isEmpty();
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    runInBackground<Payload>(
        this, m_context.databasePath,
        [filter, request, firstLoad](Database &db) {
            Payload payload;
            AnalysisService service(db);
            payload.attributeNames = service.attributeNames();
            PivotRequest effective = request;
            if (firstLoad && effective.attributes.isEmpty()) {
                // A trend per plan tells the story an average hides; start there when the file has one.
                for (const QString &name : payload.attributeNames) {
                    if (name.compare(QLatin1String("plan"), Qt::CaseInsensitive) == 0)
                        effective.attributes = {name};
                }
            }
            payload.pivot = service.pivot(filter, effective);
            payload.bands = chartBands(BenchmarkStore(db).allBands());
            return payload;
        },
        [this, generation, timer](const Payload &payload) {
            --m_pending;
            if (generation != m_generation)
                return;
            apply(payload.pivot, payload.bands, payload.attributeNames);
            m_lastRedrawMs = timer->elapsed();
        },
        [this, generation](const QString &error) {
            --m_pending;
            if (generation == m_generation)
                report(error);
        });
}

void TrendsScreen::apply(const PivotResult &result, const QVector<ChartBand> &bands,
                         const QStringList &attributeNames)
{
    m_updatingBoxes = true;
    if (attributeNames != m_attributeNames) {
        m_attributeNames = attributeNames;
        m_attribute->clear();
        m_attribute->addItem(kEveryone, QString());
        for (const QString &name : attributeNames)
            m_attribute->addItem(name, name);
    }
    m_attribute->setCurrentIndex(std::max(0, int(m_attribute->findData(result.attributes.value(0)))));
    m_bands = bands;
    m_model->setResult(result);
    m_table->resizeColumnsToContents();

    QStringList names;
    for (const QStringList &segment : result.segments)
        names << segment.join(QStringLiteral(" / "));
    names << allResponsesLabel();
    const QString sharesFor = m_sharesFor->currentText();
    m_sharesFor->clear();
    m_sharesFor->addItems(QStringList{allResponsesLabel()} + names.mid(0, names.size() - 1));
    m_sharesFor->setCurrentIndex(std::max(0, int(m_sharesFor->findText(sharesFor))));

    m_segments->clear();
    for (int i = 0; i < names.size(); ++i) {
        auto *item = new QListWidgetItem(swatch(segmentColor(i)), names[i]);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        // With segments shown, "All responses" starts hidden so the segment lines are the story,
        // unless the user turned it on; alone, it is always shown.
        bool hidden = m_hidden.contains(names[i]);
        if (names[i] == allResponsesLabel())
            hidden = names.size() > 1 ? !m_shown.contains(names[i]) : false;
        item->setCheckState(hidden ? Qt::Unchecked : Qt::Checked);
        m_segments->addItem(item);
    }
    m_updatingBoxes = false;

    qint64 n = 0;
    double overall = std::nan("");
    for (const PivotCell &cell : result.cells) {
        if (cell.isTotalRow && cell.isTotalColumn) {
            n = cell.summary.n();
            overall = cell.summary.nps;
        }
    }
    m_summary->setText(
        QStringLiteral(
            "<b>NPS %1</b> overall \u00b7 n = %2 \u00b7 %3 \u00b7 %4. Shaded: %5. Square markers: "
            "significant change from the previous period (%6 correction); hollow: fewer than 30 answers.")
            .arg(std::isnan(overall) ? QStringLiteral("\u2013") : QString::number(overall, 'f', 1))
            .arg(n)
            .arg(m_context.filter.describe().toHtmlEscaped())
            .arg(result.attributes.isEmpty() ? QStringLiteral("everyone")
                                             : QStringLiteral("one line per %1")
                                                   .arg(result.attributes.join(QStringLiteral(" / ")))
                                                   .toHtmlEscaped())
            .arg(ciMethodText(result.confidence), result.correction == Correction::BenjaminiHochberg
                                                      ? QStringLiteral("Benjamini-Hochberg")
                                                      : QStringLiteral("Holm")));
    if (n == 0)
        m_summary->setText(
            QStringLiteral("<b>No responses match the filter</b> (%1). Import a survey export, or "
                           "widen the filter.")
                .arg(m_context.filter.describe().toHtmlEscaped()));
    rebuildCharts();
}

void TrendsScreen::rebuildCharts()
{
    const PivotResult &result = m_model->result();
    // Segments first, then "All responses": the order of the toggles, so the colours match the swatches.
    TrendChartData data =
        trendChartData(result, m_showBands->isChecked() ? m_bands : QVector<ChartBand>{}, true);
    data.showCi = m_showCi->isChecked();
    QStringList sharesSegment;
    for (const QStringList &segment : result.segments) {
        if (segment.join(QStringLiteral(" / ")) == m_sharesFor->currentText())
            sharesSegment = segment;
    }

    QChart *oldTrend = m_trendView->chart();
    QChart *trend = buildTrendChart(data);
    for (int i = 0; i < m_segments->count(); ++i) {
        if (m_segments->item(i)->checkState() != Qt::Checked)
            setSegmentVisible(trend, m_segments->item(i)->text(), false);
    }
    m_trendView->setChart(trend);
    delete oldTrend;
    QChart *oldShares = m_sharesView->chart();
    m_sharesView->setChart(buildGroupSharesChart(groupShares(result, sharesSegment)));
    delete oldShares;
}

ChartExportOptions TrendsScreen::exportOptions(const QString &title) const
{
    ChartExportOptions options;
    options.title = title;
    options.filterText = m_context.filter.describe();
    for (const PivotCell &cell : m_model->result().cells) {
        if (cell.isTotalRow && cell.isTotalColumn)
            options.n = cell.summary.n();
    }
    options.ciMethod = ciMethodText(m_model->result().confidence);
    options.note =
        QStringLiteral("Marked points: significant change from the previous period (%1 correction)")
            .arg(QString::fromLatin1(correctionName(m_model->result().correction)));
    return options;
}

void TrendsScreen::report(const QString &message)
{
    emit statusMessage(message);
}

} // namespace nps::ui
