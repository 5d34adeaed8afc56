#pragma once

#include "followups/FollowupQueue.h"

#include <QDateTime>

#include <QAbstractTableModel>
#include <QColor>
#include <QSortFilterProxyModel>

namespace nps::ui {

// Follow-up items of one view, with the time left to their deadline relative
// to a "now" the screen sets (from its Clock).
class FollowupModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Countdown, Respondent, Score, Comment, Submitted, Status, Owner, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        HoursLeftRole, // double, invalid without a deadline
        UrgencyRole,   // int Urgency
        SortRole,
    };
    enum Urgency { NoDeadline, Comfortable, DueSoon, Overdue };

    using QAbstractTableModel::QAbstractTableModel;

    void setItems(QVector<FollowupItem> items, qint64 now);
    void setNow(qint64 now); // refreshes the countdowns only
    const FollowupItem *itemAt(int row) const;
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "5 h left", "overdue by 3 h", "2 d 4 h left"; empty without a deadline.
    static QString countdownText(std::optional<double> hoursLeft);
    static Urgency urgency(std::optional<double> hoursLeft);
    static QColor urgencyColor(Urgency urgency); // amber under 12 h, red overdue
    static constexpr double dueSoonHours = FollowupQueue::dueSoonHours;
    // Name, else email, else user id.
    static QString respondentText(const FollowupItem &item);
    static QString timeText(qint64 secs); // local "yyyy-MM-dd HH:mm"; empty for 0

private:
    QVector<FollowupItem> m_items;
    qint64 m_now = 0;
};

// Sorts by SortRole (deadline first by default) and filters on a text typed by
// the user (respondent, comment, owner).
class FollowupProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit FollowupProxy(QObject *parent = nullptr);
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace nps::ui
