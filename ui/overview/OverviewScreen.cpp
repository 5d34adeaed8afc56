#include "OverviewScreen.h"

#include "BenchmarkScale.h"
#include "InvitedCountsDialog.h"
#include "clock/Clock.h"
#include "common/BackgroundTask.h"
#include "common/GroupColors.h"
#include "common/MetricCard.h"
#include "followups/FollowupQueue.h"
#include "store/Transaction.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QGridLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QResizeEvent>
#include <QScatterSeries>
#include <QScrollArea>
#include <QStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

namespace nps::ui {

namespace {

QString signedPoints(double v, int decimals = 1)
{
    if (std::isnan(v))
        return QStringLiteral("–");
    return QStringLiteral("%1%2").arg(v > 0 ? QStringLiteral("+") : QString()).arg(v, 0, 'f', decimals);
}

QString percent(double v)
{
    return std::isnan(v) ? QStringLiteral("–") : QStringLiteral("%1%").arg(v, 0, 'f', 1);
}

QString count(qint64 n)
{
    return QLocale().toString(n);
}

// Why each hygiene warning matters, in one line (the engine says what; this says why).
QString whyItMatters(const QString &code)
{
    if (code == QLatin1String("inactive_respondents"))
        return QObject::tr(
            "Inactive users score lower and no longer use the product: NPS should measure those who do.");
    if (code == QLatin1String("survey_fatigue"))
        return QObject::tr(
            "Asking the same person more than once a quarter lowers response rates and biases who answers.");
    if (code == QLatin1String("low_response_rate"))
        return QObject::tr("Below 20% response, the people who answer may not represent your customers.");
    if (code == QLatin1String("low_sample_period"))
        return QObject::tr("Under 30 answers, the NPS of a period can move by 30 points by chance alone.");
    if (code == QLatin1String("scale"))
        return QObject::tr(
            "NPS groups and benchmarks assume 0-10: a 1-10 or 1-5 scale puts people in the wrong group.");
    return {};
}

QLabel *sectionTitle(const QString &text)
{
    auto *label = new QLabel(text);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.08);
    label->setFont(f);
    return label;
}

void styleChart(QChart *chart, const QPalette &palette)
{
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(palette.color(QPalette::Text));
        axis->setTitleBrush(palette.color(QPalette::PlaceholderText));
        QColor grid = palette.color(QPalette::Mid);
        grid.setAlpha(70);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(palette.color(QPalette::Mid));
    }
}

} // namespace

OverviewScreen::OverviewScreen(QWidget *parent)
    : Screen(parent)
{
    setAccessibleName(tr("Overview"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_message = new QLabel;
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_message->setAccessibleName(tr("Overview status"));
    outer->addWidget(m_message);

    auto *scroll = new QScrollArea;
    scroll->setAccessibleName(tr("Overview"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_content = new QWidget;
    scroll->setWidget(m_content);
    scroll->viewport()->installEventFilter(this);
    outer->addWidget(scroll, 1);
    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(16, 12, 16, 16);
    layout->setSpacing(12);

    // Row 1: headline and distribution.
    auto *top = new QHBoxLayout;
    m_topRow = top;
    top->setSpacing(12);
    QFrame *headline = makeCardFrame();
    headline->setAccessibleName(tr("Net Promoter Score"));
    auto *h = new QVBoxLayout(headline);
    h->setContentsMargins(16, 12, 16, 12);
    h->setSpacing(4);
    h->addWidget(sectionTitle(tr("Net Promoter Score")));
    m_headline = new QLabel(QStringLiteral("–"));
    QFont huge = m_headline->font();
    huge.setPointSizeF(huge.pointSizeF() * 3.4);
    huge.setBold(true);
    m_headline->setFont(huge);
    m_headline->setAccessibleName(tr("NPS"));
    m_interval = new QLabel;
    m_interval->setAccessibleName(tr("Confidence interval"));
    m_groups = new QLabel;
    m_groups->setTextFormat(Qt::RichText);
    m_groups->setAccessibleName(tr("Groups"));
    m_change = new QLabel;
    m_change->setTextFormat(Qt::RichText);
    m_change->setWordWrap(true);
    m_change->setAccessibleName(tr("Change against the previous quarter"));
    m_scale = new BenchmarkScale;
    m_benchmark = new QLabel;
    m_benchmark->setWordWrap(true);
    m_benchmark->setForegroundRole(QPalette::PlaceholderText);
    m_benchmark->setAccessibleName(tr("Benchmark"));
    h->addWidget(m_headline);
    h->addWidget(m_interval);
    h->addWidget(m_groups);
    h->addSpacing(6);
    h->addWidget(m_change);
    h->addSpacing(10);
    h->addWidget(sectionTitle(tr("Against benchmarks")));
    h->addWidget(m_scale);
    h->addWidget(m_benchmark);
    h->addStretch(1);
    top->addWidget(headline, 4);

    QFrame *distribution = makeCardFrame();
    m_distributionBox = new QVBoxLayout(distribution);
    m_distributionBox->setContentsMargins(12, 10, 12, 6);
    m_distributionBox->addWidget(sectionTitle(tr("Score distribution")));
    top->addWidget(distribution, 5);
    layout->addLayout(top, 5);

    // Row 2: metric cards.
    auto *cards = new QGridLayout;
    m_cardGrid = cards;
    cards->setSpacing(12);
    for (const QString &title : {tr("Detractor rate"), tr("Passive conversion"), tr("Response rate"),
                                 tr("Comment rate"), tr("Open follow-ups")}) {
        // Parented now: placeCards() leaves a hidden card out of the grid.
        auto *card = new MetricCard(title, m_content);
        m_cards.append(card);
    }
    m_followupCard = m_cards.constLast();
    m_followupCounter = [](Database &db, const ResponseFilter &, const Clock &clock) {
        const FollowupQueue::Counts counts = FollowupQueue(db, clock).counts();
        return FollowupCounts{counts.open, counts.overdue, counts.dueSoon};
    };
    m_cards[2]->captionLabel()->setTextFormat(Qt::RichText);
    connect(m_cards[2]->captionLabel(), &QLabel::linkActivated, this, [this] { editInvitedCounts(); });
    m_invitedEditor = [](QWidget *parent,
                         const QVector<WaveInfo> &waves) -> std::optional<QMap<QString, qint64>> {
        InvitedCountsDialog dialog(waves, parent);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.changedCounts();
    };
    m_followupCard->setVisible(false);
    layout->addLayout(cards);

    // Row 3: trend and hygiene warnings.
    auto *bottom = new QHBoxLayout;
    m_bottomRow = bottom;
    bottom->setSpacing(12);
    QFrame *trend = makeCardFrame();
    m_trendBox = new QVBoxLayout(trend);
    m_trendBox->setContentsMargins(12, 10, 12, 6);
    m_trendBox->addWidget(sectionTitle(tr("NPS by quarter")));
    bottom->addWidget(trend, 5);
    QFrame *warnings = makeCardFrame();
    warnings->setAccessibleName(tr("Hygiene warnings"));
    m_warningsBox = new QVBoxLayout(warnings);
    m_warningsBox->setContentsMargins(16, 10, 16, 12);
    m_warningsBox->setSpacing(8);
    m_warningsTitle = sectionTitle(tr("Survey hygiene"));
    m_warningsBox->addWidget(m_warningsTitle);
    m_warningsBox->addStretch(1);
    bottom->addWidget(warnings, 4);
    layout->addLayout(bottom, 5);
    fitWidth(1440);

    showMessage(tr("Open a database to see its overview (File > Open, or drop a .npsdb file here)."));
}

bool OverviewScreen::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize)
        fitWidth(static_cast<QResizeEvent *>(event)->size().width());
    return Screen::eventFilter(watched, event);
}

void OverviewScreen::fitWidth(int width)
{
    // Below this the five metric cards and the side-by-side cards would need
    // more width than the window gives them.
    m_narrow = width < 980;
    const auto direction = m_narrow ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight;
    m_topRow->setDirection(direction);
    m_bottomRow->setDirection(direction);
    placeCards();
}

void OverviewScreen::placeCards()
{
    // Only the cards shown take a cell: a hidden one would leave an empty,
    // stretching column behind.
    QVector<MetricCard *> shown;
    for (MetricCard *card : std::as_const(m_cards)) {
        m_cardGrid->removeWidget(card);
        if (!card->isHidden())
            shown.append(card);
    }
    const int columns = m_narrow ? 3 : int(shown.size());
    for (int i = 0; i < shown.size(); ++i)
        m_cardGrid->addWidget(shown.at(i), i / columns, i % columns);
    for (int c = 0; c < int(m_cards.size()); ++c)
        m_cardGrid->setColumnStretch(c, c < columns ? 1 : 0);
}

void OverviewScreen::setFollowupCounter(FollowupCounter counter)
{
    m_followupCounter = std::move(counter);
    m_dirty = true;
}

void OverviewScreen::setContext(const ScreenContext &context)
{
    m_context = context;
    m_dirty = true;
    if (context.databasePath.isEmpty()) {
        m_data.reset();
        ++m_generation;
        showMessage(tr("Open a database to see its overview (File > Open, or drop a .npsdb file here)."));
        m_dirty = false;
        return;
    }
    if (isVisible())
        reload();
}

void OverviewScreen::showEvent(QShowEvent *event)
{
    Screen::showEvent(event);
    if (m_dirty)
        reload();
}

void OverviewScreen::waitUntilLoaded()
{
    if (m_dirty)
        reload();
    while (m_pending > 0)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
}

void OverviewScreen::reload()
{
    m_dirty = false;
    if (m_context.databasePath.isEmpty())
        return;
    const int generation = ++m_generation;
    ++m_pending;
    if (!m_data)
        showMessage(tr("Loading…"));
    const ResponseFilter filter = m_context.filter;
    const double confidence = m_context.confidence;
    const Clock *clock = m_context.clock ? m_context.clock : &systemClock();
    const FollowupCounter counter = m_followupCounter;
    runInBackground<OverviewData>(
        this, m_context.databasePath,
        [filter, confidence, clock, counter](Database &db) {
            return loadOverview(db, filter, confidence, *clock, counter);
        },
        [this, generation](const OverviewData &data) {
            --m_pending;
            if (generation == m_generation)
                present(data);
        },
        [this, generation](const QString &error) {
            --m_pending;
            if (generation != m_generation)
                return;
            showMessage(
                tr("The overview could not be computed: %1\nCheck that the file is an NPS Desk database, "
                   "or clear the filter.")
                    .arg(error));
            emit statusMessage(error);
        });
}

void OverviewScreen::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(true);
    m_content->parentWidget()->parentWidget()->setVisible(false);
}

void OverviewScreen::present(const OverviewData &data)
{
    m_data = data;
    const NpsSummary &s = data.summary;
    if (s.n() == 0) {
        showMessage(
            tr("No responses match this filter (%1).\nWiden the date range or clear the filter to see data.")
                .arg(data.filter.describe()));
        return;
    }
    m_message->setVisible(false);
    m_content->parentWidget()->parentWidget()->setVisible(true);

    m_headline->setText(signedPoints(s.nps));
    m_interval->setText(tr("%1% CI %2 to %3 · n = %4%5")
                            .arg(s.confidence * 100, 0, 'f', 0)
                            .arg(s.ci.low, 0, 'f', 1)
                            .arg(s.ci.high, 0, 'f', 1)
                            .arg(count(s.n()))
                            .arg(s.lowN ? tr(" · fewer than 30 answers: unreliable") : QString()));
    m_groups->setText(tr("<span style='color:%1'>■</span> Promoters %2 &nbsp; "
                         "<span style='color:%3'>■</span> Passives %4 &nbsp; "
                         "<span style='color:%5'>■</span> Detractors %6")
                          .arg(promoterColor().name(), percent(s.promoterPercent), passiveColor().name(),
                               percent(s.passivePercent), detractorColor().name(),
                               percent(s.detractorPercent)));

    if (data.change) {
        const PeriodChange &c = *data.change;
        const double delta = c.to.nps - c.from.nps;
        const QString arrow = delta > 0   ? QStringLiteral("▲")
                              : delta < 0 ? QStringLiteral("▼")
                                          : QStringLiteral("■");
        const QString color = !c.significant ? palette().color(QPalette::PlaceholderText).name()
                              : delta > 0    ? promoterColor().darker(115).name()
                                             : detractorColor().name();
        QString verdict;
        if (!c.tested)
            verdict = tr("not tested: fewer than 30 answers in a quarter");
        else if (c.significant)
            verdict = tr("significant (p = %1)").arg(c.test.pValue, 0, 'g', 2);
        else
            verdict = tr("not significant (p = %1)").arg(c.test.pValue, 0, 'f', 2);
        m_change->setText(tr("Latest quarter <b>%1</b>: NPS %2, <span style='color:%3'>%4 %5 points</span> "
                             "vs %6 (%7)<br><span style='color:%8'>%9</span>")
                              .arg(c.toLabel, signedPoints(c.to.nps), color, arrow, signedPoints(delta),
                                   c.fromLabel, signedPoints(c.from.nps),
                                   palette().color(QPalette::PlaceholderText).name(),
                                   verdict.at(0).toUpper() + verdict.mid(1)));
    } else {
        m_change->setText(
            tr("Only one quarter of answers so far: the change appears after the next survey."));
    }
    m_scale->setBands(data.bands);
    m_scale->setValue(s.nps, s.ci.low, s.ci.high);
    QStringList hit;
    for (const BenchmarkBand &band : data.bandsHit)
        hit << band.label;
    m_benchmark->setText(hit.isEmpty()
                             ? tr("Between 0 and 30: positive, below the B2B SaaS \"good\" band (30-50).")
                             : hit.join(QStringLiteral(" · ")));

    const PeriodMetrics &m = data.metrics;
    m_cards[0]->setValue(percent(m.detractorRate), detractorColor());
    m_cards[0]->setCaption(tr("%1 of %2 answers scored 0-6").arg(count(s.counts.detractors), count(s.n())));
    m_cards[1]->setValue(percent(m.passiveConversionRate));
    m_cards[1]->setCaption(m.passivesFollowedUp > 0
                               ? tr("%1 of %2 passives answered 9-10 in a later survey")
                                     .arg(count(m.passivesConverted), count(m.passivesFollowedUp))
                               : tr("No passive has answered a later survey yet"));
    if (std::isnan(m.responseRate)) {
        m_cards[2]->setValue(tr("Unknown"));
        m_cards[2]->setCaption(
            tr("Needs the number invited per wave. <a href=\"invited\">Enter invited counts…</a>"));
    } else {
        m_cards[2]->setValue(percent(m.responseRate),
                             m.responseRate < 20 ? detractorColor() : palette().color(QPalette::Text));
        m_cards[2]->setCaption(tr("%1 answers from %2 invited (aim for 20%+). <a href=\"invited\">Edit…</a>")
                                   .arg(count(m.invitedResponses), count(m.invited)));
    }
    m_cards[3]->setValue(percent(m.commentRate));
    m_cards[3]->setCaption(tr("%1 answers with a comment").arg(count(m.comments)));
    if (m_followupCard->isHidden() == data.followups.has_value()) {
        m_followupCard->setHidden(!data.followups.has_value());
        placeCards();
    }
    if (data.followups) {
        m_followupCard->setValue(count(data.followups->open), data.followups->overdue > 0
                                                                  ? detractorColor()
                                                                  : palette().color(QPalette::Text));
        m_followupCard->setCaption(tr("%1 overdue, %2 due in the next %3 hours (whole queue, not filtered)")
                                       .arg(count(data.followups->overdue), count(data.followups->dueSoon))
                                       .arg(FollowupQueue::dueSoonHours, 0, 'f', 0));
    }

    delete m_distribution;
    m_distribution = distributionChart(data);
    m_distributionBox->addWidget(m_distribution, 1);
    delete m_trend;
    m_trend = trendChart(data);
    m_trendBox->addWidget(m_trend, 1);

    qDeleteAll(m_warningRows);
    m_warningRows.clear();
    int row = 1;
    for (const HygieneWarning &w : data.warnings) {
        auto *label = new QLabel;
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        const QString icon =
            w.severity == HygieneWarning::Severity::Warning
                ? QStringLiteral("<span style='color:%1'>⚠</span>").arg(passiveColor().darker(120).name())
                : QStringLiteral("ℹ");
        label->setText(QStringLiteral("%1 %2<br><span style='color:%3'>%4</span>")
                           .arg(icon, w.message.toHtmlEscaped(),
                                palette().color(QPalette::PlaceholderText).name(),
                                whyItMatters(w.code).toHtmlEscaped()));
        label->setAccessibleName(w.message);
        m_warningsBox->insertWidget(row++, label);
        m_warningRows.append(label);
    }
    if (data.warnings.isEmpty()) {
        auto *label =
            new QLabel(tr("<span style='color:%1'>✔</span> No survey hygiene problems found for this filter.")
                           .arg(promoterColor().name()));
        m_warningsBox->insertWidget(row, label);
        m_warningRows.append(label);
    }
    m_warningsTitle->setText(data.warnings.isEmpty()
                                 ? tr("Survey hygiene")
                                 : tr("Survey hygiene · %1 to look at").arg(data.warnings.size()));
}

QChartView *OverviewScreen::distributionChart(const OverviewData &data)
{
    auto *series = new QStackedBarSeries;
    auto *detractors = new QBarSet(tr("Detractors (0-6)"));
    auto *passives = new QBarSet(tr("Passives (7-8)"));
    auto *promoters = new QBarSet(tr("Promoters (9-10)"));
    detractors->setColor(detractorColor());
    passives->setColor(passiveColor());
    promoters->setColor(promoterColor());
    for (QBarSet *set : {detractors, passives, promoters})
        set->setBorderColor(Qt::transparent);
    QStringList categories;
    qint64 most = 0;
    for (int score = 0; score <= 10; ++score) {
        const qint64 n = data.summary.distribution[size_t(score)];
        most = qMax(most, n);
        *detractors << (score <= 6 ? double(n) : 0.0);
        *passives << (score == 7 || score == 8 ? double(n) : 0.0);
        *promoters << (score >= 9 ? double(n) : 0.0);
        categories << QString::number(score);
    }
    series->append({detractors, passives, promoters});
    series->setBarWidth(0.78);
    auto *chart = new QChart;
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    x->setGridLineVisible(false);
    auto *y = new QValueAxis;
    y->setRange(0, double(most) * 1.05 + 1);
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTickCount(5);
    y->applyNiceNumbers();
    y->setTitleText(tr("Answers"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignBottom);
    styleChart(chart, palette());
    auto *view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    view->setAccessibleName(tr("Score distribution chart"));
    view->setStyleSheet(QStringLiteral("background: transparent"));
    return view;
}

QChartView *OverviewScreen::trendChart(const OverviewData &data)
{
    auto *chart = new QChart;
    auto *upper = new QLineSeries;
    auto *lower = new QLineSeries;
    auto *line = new QLineSeries;
    auto *dots = new QScatterSeries;
    line->setName(tr("NPS"));
    QStringList categories;
    double lo = 0, hi = 0;
    for (int i = 0; i < data.quarters.size(); ++i) {
        const TrendPoint &p = data.quarters.at(i);
        categories << p.period.label;
        upper->append(i, p.summary.ci.high);
        lower->append(i, p.summary.ci.low);
        line->append(i, p.summary.nps);
        dots->append(i, p.summary.nps);
        lo = qMin(lo, p.summary.ci.low);
        hi = qMax(hi, p.summary.ci.high);
    }
    auto *band = new QAreaSeries(upper, lower);
    band->setName(tr("%1% confidence interval").arg(m_context.confidence * 100, 0, 'f', 0));
    QColor accent = palette().color(QPalette::Highlight);
    QColor fill = accent;
    fill.setAlpha(55);
    band->setBrush(fill);
    band->setPen(Qt::NoPen);
    QPen linePen(accent, 2.5);
    line->setPen(linePen);
    dots->setColor(accent);
    dots->setBorderColor(palette().color(QPalette::Base));
    dots->setMarkerSize(8);
    chart->addSeries(band);
    chart->addSeries(line);
    chart->addSeries(dots);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    x->setGridLineVisible(false);
    auto *y = new QValueAxis;
    const double low = std::floor(qMax(-100.0, lo - 5) / 10.0) * 10;
    const double high = std::ceil(qMin(100.0, hi + 5) / 10.0) * 10;
    y->setRange(low, high);
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTickCount(int((high - low) / 10) + 1 > 8 ? 5 : int((high - low) / 10) + 1);
    y->setTitleText(tr("NPS"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->markers(dots).constFirst()->setVisible(false);
    styleChart(chart, palette());
    auto *view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(200);
    view->setAccessibleName(tr("NPS by quarter chart"));
    view->setStyleSheet(QStringLiteral("background: transparent"));
    return view;
}

void OverviewScreen::editInvitedCounts()
{
    if (m_context.databasePath.isEmpty())
        return;
    // Listing waves with their answer counts scans the responses: off the GUI thread.
    ++m_pending;
    runInBackground<QVector<WaveInfo>>(
        this, m_context.databasePath, [](Database &db) { return Waves(db).list(); },
        [this](const QVector<WaveInfo> &waves) {
            --m_pending;
            if (waves.isEmpty())
                return;
            const std::optional<QMap<QString, qint64>> counts = m_invitedEditor(this, waves);
            if (counts && !counts->isEmpty())
                setInvitedCounts(*counts);
        },
        [this](const QString &error) {
            --m_pending;
            emit statusMessage(tr("The waves could not be listed: %1").arg(error));
        });
}

void OverviewScreen::setInvitedCounts(const QMap<QString, qint64> &counts)
{
    if (m_context.databasePath.isEmpty())
        return;
    ++m_pending;
    runInBackground<int>(
        this, m_context.databasePath,
        [counts](Database &db) {
            Transaction transaction(db.connection());
            Waves waves(db);
            for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                waves.setInvited(it.key(), it.value());
            transaction.commit();
            return int(counts.size());
        },
        [this](const int &changed) {
            --m_pending;
            emit statusMessage(tr("Saved the invited count of %n wave(s)", nullptr, changed));
            emit dataChanged();
            m_dirty = true;
            reload();
        },
        [this](const QString &error) {
            --m_pending;
            emit statusMessage(tr("The invited counts were not saved: %1").arg(error));
        });
}

QString OverviewScreen::headlineText() const
{
    return m_headline->text();
}

QString OverviewScreen::intervalText() const
{
    return m_interval->text();
}

QString OverviewScreen::changeText() const
{
    return m_change->text();
}

QString OverviewScreen::cardValue(const QString &title) const
{
    for (const MetricCard *card : m_cards) {
        if (card->accessibleName() == title)
            return card->value();
    }
    return {};
}

int OverviewScreen::warningCount() const
{
    return m_data ? int(m_data->warnings.size()) : 0;
}

} // namespace nps::ui
