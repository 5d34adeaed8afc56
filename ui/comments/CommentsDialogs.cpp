#include "CommentsDialogs.h"

#include <QColorDialog>
#include <QInputDialog>
#include <QMessageBox>

namespace nps::ui {

bool CommentsDialogs::confirm(QWidget *parent, const QString &title, const QString &text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::Cancel,
                                 QMessageBox::Cancel) == QMessageBox::Yes;
}

std::optional<QString> CommentsDialogs::text(QWidget *parent, const QString &title, const QString &label,
                                             const QString &initial)
{
    bool ok = false;
    const QString value = QInputDialog::getText(parent, title, label, QLineEdit::Normal, initial, &ok);
    if (!ok)
        return std::nullopt;
    return value;
}

std::optional<QString> CommentsDialogs::choose(QWidget *parent, const QString &title, const QString &label,
                                               const QStringList &items)
{
    bool ok = false;
    const QString value = QInputDialog::getItem(parent, title, label, items, 0, false, &ok);
    if (!ok)
        return std::nullopt;
    return value;
}

std::optional<QString> CommentsDialogs::color(QWidget *parent, const QString &initial)
{
    const QColor c = QColorDialog::getColor(QColor(initial), parent);
    if (!c.isValid())
        return std::nullopt;
    return c.name();
}

} // namespace nps::ui
