#pragma once

#include "analysis/AnalysisTypes.h"
#include "charts/ChartBuilders.h"
#include "charts/ChartExporter.h"
#include "common/LazyScreen.h"

#include <QSet>

class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QTabWidget;
class QTableView;

namespace nps::ui {

class TrendSortProxy;
class TrendTableModel;

// NPS by period, one line per value of a chosen attribute (each can be toggled),
// with CI bands, benchmark bands behind and significant changes marked; the
// promoter/passive/detractor mix per period; and the numbers as a table.
class TrendsScreen : public LazyScreen
{
    Q_OBJECT

public:
    explicit TrendsScreen(QWidget *parent = nullptr);
    ~TrendsScreen() override;

public:
    void setAttribute(const QString &attribute); // empty: everyone
    void setPeriod(PeriodKind period);
    void setSegmentShown(const QString &segment, bool shown);
    QStringList segmentNames() const;

    QChart *trendChart() const;
    QChart *sharesChart() const;
    TrendTableModel *model() const { return m_model; }
    TrendSortProxy *proxy() const { return m_proxy; }
    QTabWidget *tabs() const { return m_tabs; }
    qint64 lastRedrawMs() const { return m_lastRedrawMs; }

private:
    struct Payload;
    void buildUi();
    void reload() override;
    void apply(const PivotResult &result, const QVector<ChartBand> &bands, const QStringList &attributeNames);
    void rebuildCharts();
    void report(const QString &message);
    ChartExportOptions exportOptions(const QString &title) const;

    QComboBox *m_attribute = nullptr;
    QComboBox *m_period = nullptr;
    QCheckBox *m_showCi = nullptr;
    QCheckBox *m_showBands = nullptr;
    QListWidget *m_segments = nullptr;
    QLabel *m_summary = nullptr;
    QTabWidget *m_tabs = nullptr;
    QChartView *m_trendView = nullptr;
    QChartView *m_sharesView = nullptr;
    QComboBox *m_sharesFor = nullptr;
    QTableView *m_table = nullptr;
    TrendTableModel *m_model = nullptr;
    TrendSortProxy *m_proxy = nullptr;
    QVector<ChartBand> m_bands;
    QStringList m_attributeNames;
    QSet<QString> m_hidden; // segments the user turned off
    QSet<QString> m_shown;  // segments the user turned on (overrides a default-off)
    quint64 m_generation = 0;
    bool m_updatingBoxes = false;
    qint64 m_lastRedrawMs = 0;
};

} // namespace nps::ui
