#pragma once

#include "OverviewData.h"
#include "common/Screen.h"

#include <QMap>
#include <functional>
#include <optional>

class QChartView;
class QLabel;
class QVBoxLayout;

class QBoxLayout;
class QGridLayout;

namespace nps::ui {

class BenchmarkScale;
class MetricCard;

// The first screen: the headline NPS with its interval and change, where it sits
// against the benchmarks, the key metric cards, the 0-10 distribution, the
// quarterly trend and the hygiene warnings. Every number comes from the
// analysis engine, loaded off the GUI thread.
class OverviewScreen : public Screen
{
    Q_OBJECT

public:
    explicit OverviewScreen(QWidget *parent = nullptr);

    void setContext(const ScreenContext &context) override;
    void waitUntilLoaded() override;

    // Installs the source of the follow-up card (the follow-up service).
    void setFollowupCounter(FollowupCounter counter);

    // Seam for the invited-counts dialog: returns the changed counts, or nothing when cancelled.
    using InvitedEditor =
        std::function<std::optional<QMap<QString, qint64>>(QWidget *parent, const QVector<WaveInfo> &waves)>;
    void setInvitedEditor(InvitedEditor editor) { m_invitedEditor = std::move(editor); }
    // Opens the editor and stores what it returns.
    void editInvitedCounts();
    // Stores invited counts per wave (off the GUI thread), then reloads.
    void setInvitedCounts(const QMap<QString, qint64> &counts);

    // What is displayed (tests compare it with the engine).
    const std::optional<OverviewData> &data() const { return m_data; }
    QString headlineText() const;
    QString intervalText() const;
    QString changeText() const;
    QString cardValue(const QString &title) const;
    int warningCount() const;

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void reload();
    void present(const OverviewData &data);
    void showMessage(const QString &message);
    QChartView *distributionChart(const OverviewData &data);
    QChartView *trendChart(const OverviewData &data);

    ScreenContext m_context;
    FollowupCounter m_followupCounter;
    InvitedEditor m_invitedEditor;
    std::optional<OverviewData> m_data;
    bool m_dirty = false;
    int m_generation = 0;
    int m_pending = 0;

    QLabel *m_message = nullptr;
    QWidget *m_content = nullptr;
    // In a narrow window the paired cards stack and the metric cards take two
    // lines, so the dashboard never scrolls sideways.
    void fitWidth(int width);
    void placeCards();
    QBoxLayout *m_topRow = nullptr;
    QBoxLayout *m_bottomRow = nullptr;
    QGridLayout *m_cardGrid = nullptr;
    bool m_narrow = false;
    QLabel *m_headline = nullptr;
    QLabel *m_interval = nullptr;
    QLabel *m_groups = nullptr;
    QLabel *m_change = nullptr;
    QLabel *m_benchmark = nullptr;
    BenchmarkScale *m_scale = nullptr;
    QList<MetricCard *> m_cards;
    MetricCard *m_followupCard = nullptr;
    QVBoxLayout *m_distributionBox = nullptr;
    QVBoxLayout *m_trendBox = nullptr;
    QChartView *m_distribution = nullptr;
    QChartView *m_trend = nullptr;
    QVBoxLayout *m_warningsBox = nullptr;
    QLabel *m_warningsTitle = nullptr;
    QList<QWidget *> m_warningRows;
};

} // namespace nps::ui
