#include "ImportsModels.h"

#include <QDateTime>
#include <QLocale>

namespace nps::ui {

void ImportsModel::setImports(const QVector<ImportEntry> &imports)
{
    beginResetModel();
    m_imports = imports;
    endResetModel();
}

int ImportsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_imports.size());
}

int ImportsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ImportEntry &e = m_imports.at(index.row());
    if (role == ImportIdRole)
        return e.id;
    if (role == Qt::TextAlignmentRole) {
        const bool number = index.column() >= Rows && index.column() <= Rejected;
        return QVariant::fromValue(Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft));
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == File)
            return e.filePath.isEmpty() ? e.fileName : e.filePath;
        if (index.column() == Warnings)
            return e.warnings.join(QLatin1Char('\n'));
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (Column(index.column())) {
    case File:
        return e.fileName;
    case Kind:
        return e.preset.isEmpty() || e.preset == e.kind ? e.kind
                                                        : QStringLiteral("%1 (%2)").arg(e.kind, e.preset);
    case ImportedAt:
        if (role == Qt::EditRole)
            return e.startedAt;
        return QLocale().toString(QDateTime::fromSecsSinceEpoch(e.startedAt).toLocalTime(),
                                  QLocale::ShortFormat) +
               (e.finishedAt == 0 ? tr(" (unfinished)") : QString());
    case Rows:
        return e.rows;
    case Imported:
        return e.imported;
    case Duplicates:
        return e.duplicates;
    case Rejected:
        return e.rejected;
    case Warnings:
        return e.warnings.isEmpty() ? QString() : e.warnings.join(QStringLiteral(" · "));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ImportsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case File:
        return tr("File");
    case Kind:
        return tr("Kind");
    case ImportedAt:
        return tr("Imported at");
    case Rows:
        return tr("Rows");
    case Imported:
        return tr("Imported");
    case Duplicates:
        return tr("Duplicates");
    case Rejected:
        return tr("Rejected");
    case Warnings:
        return tr("Warnings");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace nps::ui
