#pragma once

#include "query/ResponseFilter.h"

#include <QDate>
#include <QMap>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QToolButton;

namespace nps::ui {

// What the filter bar can offer for the open database.
struct FilterChoices
{
    QStringList waves;
    QMap<QString, QStringList> attributes; // attribute -> its values
    QStringList savedViews;                // names
    QDate firstDate;                       // of the responses; invalid when unknown
    QDate lastDate;
};

// The shared filter bar: date range, waves, attribute values, active only, and
// named saved views. The current filter is always spelled out underneath
// (ResponseFilter::describe()), so a screenshot or a slide says what it shows.
class FilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBar(QWidget *parent = nullptr);

    void setChoices(const FilterChoices &choices);
    const FilterChoices &choices() const { return m_choices; }

    ResponseFilter filter() const { return m_filter; }
    // Shows `filter` in the controls; emits filterChanged when it differs.
    void setFilter(const ResponseFilter &filter);
    // The saved view whose filter is shown, or empty.
    QString currentViewName() const;
    void setCurrentViewName(const QString &name);

    QString descriptionText() const;

signals:
    void filterChanged(const nps::ResponseFilter &filter);
    void saveViewRequested();
    void deleteViewRequested(const QString &name);
    void savedViewChosen(const QString &name);

private:
    void rebuildMenus();
    void syncControls();
    void updateFromControls();
    void commit(const ResponseFilter &filter);

    FilterChoices m_choices;
    ResponseFilter m_filter;
    bool m_syncing = false;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QPushButton *m_waves = nullptr;
    QPushButton *m_segments = nullptr;
    QCheckBox *m_activeOnly = nullptr;
    QToolButton *m_reset = nullptr;
    QComboBox *m_views = nullptr;
    QToolButton *m_saveView = nullptr;
    QToolButton *m_deleteView = nullptr;
    QLabel *m_description = nullptr;
};

} // namespace nps::ui
