#include "FilterBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace nps::ui {

namespace {

// A QDateEdit at its minimum shows "Any": the usual Qt idiom for an optional date.
const QDate anyDate(2000, 1, 1);

QDateEdit *optionalDateEdit(const QString &accessibleName)
{
    auto *edit = new QDateEdit;
    edit->setCalendarPopup(true);
    edit->setMinimumDate(anyDate);
    edit->setSpecialValueText(QObject::tr("Any"));
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setDate(anyDate);
    edit->setAccessibleName(accessibleName);
    return edit;
}

QString summarise(const QStringList &items, const QString &none)
{
    if (items.isEmpty())
        return none;
    if (items.size() <= 2)
        return items.join(QStringLiteral(", "));
    return QObject::tr("%1 selected").arg(items.size());
}

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Filter bar"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 8, 12, 6);
    outer->setSpacing(4);
    auto *row = new QHBoxLayout;
    row->setSpacing(6);

    m_from = optionalDateEdit(tr("From date"));
    m_to = optionalDateEdit(tr("To date"));
    m_from->setToolTip(tr("First day of responses to include (Any: no limit)"));
    m_to->setToolTip(tr("Last day of responses to include (Any: no limit)"));
    row->addWidget(new QLabel(tr("From")));
    row->addWidget(m_from);
    row->addWidget(new QLabel(tr("to")));
    row->addWidget(m_to);
    connect(m_from, &QDateEdit::dateChanged, this, [this] { updateFromControls(); });
    connect(m_to, &QDateEdit::dateChanged, this, [this] { updateFromControls(); });

    m_waves = new QPushButton;
    m_waves->setAccessibleName(tr("Waves"));
    m_waves->setToolTip(tr("Only responses of these survey waves"));
    m_waves->setMenu(new QMenu(m_waves));
    row->addWidget(m_waves);

    m_segments = new QPushButton;
    m_segments->setAccessibleName(tr("Segments"));
    m_segments->setToolTip(tr("Only respondents with these attribute values"));
    m_segments->setMenu(new QMenu(m_segments));
    row->addWidget(m_segments);

    m_activeOnly = new QCheckBox(tr("Active users only"));
    m_activeOnly->setAccessibleName(tr("Active users only"));
    m_activeOnly->setToolTip(
        tr("Leave out respondents marked inactive: NPS is about the people who use the product"));
    connect(m_activeOnly, &QCheckBox::toggled, this, [this] { updateFromControls(); });
    row->addWidget(m_activeOnly);

    m_reset = new QToolButton;
    m_reset->setText(tr("Clear"));
    m_reset->setAccessibleName(tr("Clear filter"));
    m_reset->setToolTip(tr("Show all responses"));
    connect(m_reset, &QToolButton::clicked, this, [this] {
        setCurrentViewName({});
        commit(ResponseFilter{});
    });
    row->addWidget(m_reset);
    row->addStretch(1);
    outer->addLayout(row);

    m_description = new QLabel;
    m_description->setAccessibleName(tr("Current filter"));
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont small = m_description->font();
    small.setPointSizeF(small.pointSizeF() * 0.92);
    m_description->setFont(small);
    m_description->setForegroundRole(QPalette::PlaceholderText);
    m_description->setWordWrap(true);

    auto *second = new QHBoxLayout;
    second->setSpacing(6);
    second->addWidget(m_description, 1);
    second->addWidget(new QLabel(tr("View")));
    m_views = new QComboBox;
    m_views->setAccessibleName(tr("Saved views"));
    m_views->setMinimumContentsLength(14);
    m_views->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    connect(m_views, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            emit savedViewChosen(m_views->itemText(index));
        m_deleteView->setEnabled(index > 0);
    });
    second->addWidget(m_views);
    m_saveView = new QToolButton;
    m_saveView->setText(tr("Save view..."));
    m_saveView->setAccessibleName(tr("Save view"));
    m_saveView->setToolTip(tr("Save the current filter under a name, for everyone using this file"));
    connect(m_saveView, &QToolButton::clicked, this, &FilterBar::saveViewRequested);
    second->addWidget(m_saveView);
    m_deleteView = new QToolButton;
    m_deleteView->setText(tr("Delete"));
    m_deleteView->setAccessibleName(tr("Delete saved view"));
    m_deleteView->setEnabled(false);
    connect(m_deleteView, &QToolButton::clicked, this, [this] {
        if (m_views->currentIndex() > 0)
            emit deleteViewRequested(m_views->currentText());
    });
    second->addWidget(m_deleteView);
    outer->addLayout(second);

    rebuildMenus();
    syncControls();
}

void FilterBar::setChoices(const FilterChoices &choices)
{
    const QString view = currentViewName();
    m_choices = choices;
    {
        const QSignalBlocker blocker(m_views);
        m_views->clear();
        m_views->addItem(tr("(unsaved)"));
        m_views->addItems(choices.savedViews);
    }
    setCurrentViewName(view);
    rebuildMenus();
    syncControls();
    if (choices.firstDate.isValid() && choices.lastDate.isValid()) {
        const QString range =
            tr("Responses in this file: %1 to %2")
                .arg(choices.firstDate.toString(Qt::ISODate), choices.lastDate.toString(Qt::ISODate));
        m_from->setToolTip(tr("First day of responses to include (Any: no limit). %1").arg(range));
        m_to->setToolTip(tr("Last day of responses to include (Any: no limit). %1").arg(range));
    }
}

void FilterBar::setFilter(const ResponseFilter &filter)
{
    commit(filter);
}

QString FilterBar::currentViewName() const
{
    return m_views->currentIndex() > 0 ? m_views->currentText() : QString();
}

void FilterBar::setCurrentViewName(const QString &name)
{
    const QSignalBlocker blocker(m_views);
    const int index = name.isEmpty() ? 0 : m_views->findText(name);
    m_views->setCurrentIndex(qMax(0, index));
    m_deleteView->setEnabled(m_views->currentIndex() > 0);
}

QString FilterBar::descriptionText() const
{
    return m_description->text();
}

void FilterBar::commit(const ResponseFilter &filter)
{
    const bool changed = filter != m_filter;
    m_filter = filter;
    syncControls();
    if (changed)
        emit filterChanged(m_filter);
}

void FilterBar::rebuildMenus()
{
    QMenu *waves = m_waves->menu();
    waves->clear();
    if (m_choices.waves.isEmpty())
        waves->addAction(tr("No waves in this file"))->setEnabled(false);
    for (const QString &wave : m_choices.waves) {
        QAction *action = waves->addAction(wave);
        action->setCheckable(true);
        connect(action, &QAction::toggled, this, [this, wave](bool on) {
            ResponseFilter f = m_filter;
            f.waves.removeAll(wave);
            if (on)
                f.waves.append(wave);
            setCurrentViewName({});
            commit(f);
        });
    }

    QMenu *segments = m_segments->menu();
    segments->clear();
    if (m_choices.attributes.isEmpty())
        segments->addAction(tr("No attributes in this file"))->setEnabled(false);
    for (auto it = m_choices.attributes.cbegin(); it != m_choices.attributes.cend(); ++it) {
        QMenu *sub = segments->addMenu(it.key());
        const QString attribute = it.key();
        for (const QString &value : it.value()) {
            QAction *action = sub->addAction(value);
            action->setCheckable(true);
            connect(action, &QAction::toggled, this, [this, attribute, value](bool on) {
                ResponseFilter f = m_filter;
                QStringList values = f.attributes.value(attribute);
                values.removeAll(value);
                if (on)
                    values.append(value);
                if (values.isEmpty())
                    f.attributes.remove(attribute);
                else
                    f.attributes.insert(attribute, values);
                setCurrentViewName({});
                commit(f);
            });
        }
    }
}

void FilterBar::syncControls()
{
    m_syncing = true;
    {
        const QSignalBlocker b1(m_from), b2(m_to), b3(m_activeOnly);
        m_from->setDate(m_filter.from.value_or(anyDate));
        m_to->setDate(m_filter.to.value_or(anyDate));
        m_activeOnly->setChecked(m_filter.activeOnly);
    }
    for (QAction *action : m_waves->menu()->actions()) {
        const QSignalBlocker blocker(action);
        action->setChecked(m_filter.waves.contains(action->text()));
    }
    QStringList chosenSegments;
    for (QAction *menuAction : m_segments->menu()->actions()) {
        QMenu *sub = menuAction->menu();
        if (!sub)
            continue;
        const QStringList values = m_filter.attributes.value(sub->title());
        for (QAction *action : sub->actions()) {
            const QSignalBlocker blocker(action);
            action->setChecked(values.contains(action->text()));
        }
    }
    for (auto it = m_filter.attributes.cbegin(); it != m_filter.attributes.cend(); ++it)
        chosenSegments << QStringLiteral("%1 = %2").arg(it.key(), it.value().join(QLatin1Char('/')));
    m_waves->setText(tr("Waves: %1").arg(summarise(m_filter.waves, tr("all"))));
    m_segments->setText(tr("Segments: %1").arg(summarise(chosenSegments, tr("everyone"))));
    m_reset->setEnabled(!m_filter.isEmpty());
    m_description->setText(tr("Showing: %1").arg(m_filter.describe()));
    m_syncing = false;
}

void FilterBar::updateFromControls()
{
    if (m_syncing)
        return;
    ResponseFilter f = m_filter;
    f.from = m_from->date() == anyDate ? std::nullopt : std::optional<QDate>(m_from->date());
    f.to = m_to->date() == anyDate ? std::nullopt : std::optional<QDate>(m_to->date());
    f.activeOnly = m_activeOnly->isChecked();
    if (f != m_filter)
        setCurrentViewName({});
    commit(f);
}

} // namespace nps::ui
