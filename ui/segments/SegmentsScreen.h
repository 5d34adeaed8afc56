#pragma once

#include "analysis/AnalysisTypes.h"
#include "common/LazyScreen.h"

#include <optional>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QSplitter;
class QTableView;
class QToolButton;

namespace nps::ui {

class PivotSortProxy;
class PivotTableModel;

// The pivot: NPS (or another metric) per segment and period, heat-coloured
// around the overall value, with low-sample cells greyed, significance markers,
// drill-down to the comments of a cell, and the "change explained" waterfall.
class SegmentsScreen : public LazyScreen
{
    Q_OBJECT

public:
    explicit SegmentsScreen(QWidget *parent = nullptr);
    ~SegmentsScreen() override;

public:
    // The current query; changing one reloads (off the GUI thread).
    void setRowAttributes(const QStringList &attributes);
    void setPeriod(PeriodKind period);
    void setExplainPeriods(const QString &from, const QString &to);

    PivotTableModel *model() const { return m_model; }
    PivotSortProxy *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    QComboBox *metricBox() const { return m_metric; }
    QComboBox *comparisonBox() const { return m_comparison; }
    QChart *waterfallChart() const;
    const Explanation &explanation() const { return m_explanation; }
    // Time of the last pivot from request to a filled table (benchmarks), ms.
    qint64 lastRedrawMs() const { return m_lastRedrawMs; }

private:
    void buildUi();
    void reload() override;
    void reloadExplanation();
    void applyPivot(const PivotResult &result, const QStringList &attributeNames,
                    const std::optional<Explanation> &explanation);
    void applyExplanation(const Explanation &explanation);
    void updateAttributeBoxes(const QStringList &names);
    void updateLegend();
    QStringList currentAttributes() const;
    PeriodKind currentPeriod() const;
    void openCell(const QModelIndex &proxyIndex);
    void report(const QString &message);

    PivotTableModel *m_model = nullptr;
    PivotSortProxy *m_proxy = nullptr;
    QComboBox *m_rows = nullptr;
    QComboBox *m_rows2 = nullptr;
    QComboBox *m_period = nullptr;
    QComboBox *m_metric = nullptr;
    QComboBox *m_comparison = nullptr;
    QComboBox *m_correction = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_legend = nullptr;
    QTableView *m_table = nullptr;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QLabel *m_explainText = nullptr;
    QChartView *m_waterfall = nullptr;
    QSplitter *m_splitter = nullptr;
    int m_sizedForRows = -1;
    QStringList m_attributeNames;
    Explanation m_explanation;
    quint64 m_generation = 0;
    quint64 m_explainGeneration = 0;
    bool m_updatingBoxes = false;
    qint64 m_lastRedrawMs = 0;
};

} // namespace nps::ui
