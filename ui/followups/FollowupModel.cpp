#include "FollowupModel.h"

#include <cmath>
#include <limits>

namespace nps::ui {

void FollowupModel::setItems(QVector<FollowupItem> items, qint64 now)
{
    beginResetModel();
    m_items = std::move(items);
    m_now = now;
    endResetModel();
}

void FollowupModel::setNow(qint64 now)
{
    m_now = now;
    if (!m_items.isEmpty())
        emit dataChanged(index(0, Countdown), index(int(m_items.size()) - 1, Countdown));
}

const FollowupItem *FollowupModel::itemAt(int row) const
{
    return row >= 0 && row < m_items.size() ? &m_items[row] : nullptr;
}

int FollowupModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items[i].id == id)
            return i;
    }
    return -1;
}

int FollowupModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int FollowupModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FollowupModel::countdownText(std::optional<double> hoursLeft)
{
    if (!hoursLeft)
        return {};
    const double h = std::abs(*hoursLeft);
    QString amount;
    if (h < 1.0)
        amount = QStringLiteral("%1 min").arg(int(std::round(h * 60.0)));
    else if (h < 48.0)
        amount = QStringLiteral("%1 h").arg(int(std::floor(h)));
    else
        amount = QStringLiteral("%1 d %2 h").arg(int(h / 24.0)).arg(int(std::fmod(h, 24.0)));
    return *hoursLeft < 0 ? QStringLiteral("overdue by %1").arg(amount)
                          : QStringLiteral("%1 left").arg(amount);
}

FollowupModel::Urgency FollowupModel::urgency(std::optional<double> hoursLeft)
{
    if (!hoursLeft)
        return NoDeadline;
    if (*hoursLeft < 0)
        return Overdue;
    if (*hoursLeft < dueSoonHours)
        return DueSoon;
    return Comfortable;
}

QColor FollowupModel::urgencyColor(Urgency urgency)
{
    switch (urgency) {
    case Overdue:
        return QColor(0xc0, 0x39, 0x2b);
    case DueSoon:
        return QColor(0xd6, 0x89, 0x10);
    case Comfortable:
    case NoDeadline:
        break;
    }
    return {};
}

QVariant FollowupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FollowupItem &item = m_items[index.row()];
    // The SLA is about the first contact: once contacted, the clock has stopped.
    const std::optional<double> left =
        item.status == FollowupStatus::New ? item.hoursLeft(m_now) : std::nullopt;
    switch (role) {
    case IdRole:
        return item.id;
    case HoursLeftRole:
        return left ? QVariant(*left) : QVariant();
    case UrgencyRole:
        return int(urgency(left));
    case Qt::ForegroundRole:
        if (index.column() == Countdown && urgency(left) >= DueSoon)
            return urgencyColor(urgency(left));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Comment)
            return item.comment;
        if (index.column() == Countdown && item.dueAt)
            return tr("Due %1").arg(timeText(*item.dueAt));
        return {};
    case SortRole:
        switch (index.column()) {
        case Countdown:
            // Items without a deadline sort after every deadline.
            return item.dueAt.value_or(std::numeric_limits<qint64>::max());
        case Score:
            return item.score;
        case Submitted:
            return item.submittedAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Countdown:
            if (isClosed(item.status))
                return item.rootCause;
            if (!item.tracked && item.list == QLatin1String("detractor"))
                return tr("not tracked");
            if (item.status == FollowupStatus::Contacted && item.firstContactAt && item.dueAt)
                return *item.firstContactAt <= *item.dueAt ? tr("contacted in time") : tr("contacted late");
            return countdownText(left);
        case Respondent:
            return respondentText(item);
        case Score:
            return item.score;
        case Comment:
            return item.comment.simplified();
        case Submitted:
            return timeText(item.submittedAt);
        case Status:
            return statusLabel(item.status);
        case Owner:
            return item.owner;
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        return index.column() == Score ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant FollowupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Countdown:
        return tr("Time left");
    case Respondent:
        return tr("Respondent");
    case Score:
        return tr("Score");
    case Comment:
        return tr("Comment");
    case Submitted:
        return tr("Answered");
    case Status:
        return tr("Status");
    case Owner:
        return tr("Owner");
    default:
        return {};
    }
}

QString FollowupModel::respondentText(const FollowupItem &item)
{
    if (!item.respondentName.isEmpty())
        return item.respondentName;
    if (!item.respondentEmail.isEmpty())
        return item.respondentEmail;
    return item.userId;
}

QString FollowupModel::timeText(qint64 secs)
{
    return secs > 0 ? QDateTime::fromSecsSinceEpoch(secs).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                    : QString();
}

FollowupProxy::FollowupProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(FollowupModel::SortRole);
}

void FollowupProxy::setSearchText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool FollowupProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QAbstractItemModel *model = sourceModel();
    for (int column : {FollowupModel::Respondent, FollowupModel::Comment, FollowupModel::Owner}) {
        if (model->index(sourceRow, column, sourceParent)
                .data()
                .toString()
                .contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace nps::ui
